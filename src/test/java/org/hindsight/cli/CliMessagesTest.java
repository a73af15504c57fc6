package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hindsight.cli.MainTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rough edge of the command line reported in the issue, as the user sees it: the exact
 * words, one plain line, the right help command, no Java exception text, no advice that cannot help.
 */
class CliMessagesTest {
  static final String FIRE = MainTest.FIRE;

  static Run run(String... args) {
    return MainTest.run(args);
  }

  static List<String> lines(String s) {
    return s.lines().toList();
  }

  @Test
  void analyseIsAnAliasOfAnalyze() {
    Run r = run(MainTest.analyze(FIRE, "custom-hypothesis").clone());
    String[] british = MainTest.analyze(FIRE, "custom-hypothesis");
    british[0] = "analyse";
    Run b = run(british);
    assertEquals(0, b.code(), b.err());
    assertEquals(r.out(), b.out());
  }

  @Test
  void bareHindsightListsTheCommandsWithoutRepeatingItsName() {
    Run r = run();
    assertEquals(ExitCode.BAD_INPUT, r.code());
    assertTrue(r.err().startsWith("Usage: hindsight [-hV] [COMMAND]"), r.err());
    assertTrue(r.err().contains("analyze, analyse") && r.err().contains("completion"), r.err());
    assertFalse(r.err().contains("hindsight hindsight"), r.err());
  }

  @Test
  void aMistypedCommandGetsADidYouMean() {
    Run r = run("analyz", FIRE);
    assertEquals(ExitCode.BAD_INPUT, r.code());
    assertEquals(List.of("hindsight: unknown command 'analyz'; did you mean 'hindsight analyze'?", "Try: hindsight --help"),
        lines(r.err()));
    Run sub = run("rules", "tst");
    assertEquals(List.of("hindsight: unknown command 'tst'; did you mean 'hindsight rules test'?", "Try: hindsight rules --help"),
        lines(sub.err()));
    Run far = run("postmortem", FIRE);
    assertTrue(far.err().startsWith("hindsight: unknown command 'postmortem'; commands: analyze, "), far.err());
    assertTrue(far.err().contains(", completion\n") && !far.err().contains("analyse"), "each command once, by its name: " + far.err());
  }

  @Test
  void aMistypedOptionGetsADidYouMean() {
    Run r = run("analyze", FIRE, "--formt", "md");
    assertEquals(ExitCode.BAD_INPUT, r.code());
    assertEquals(List.of("hindsight: unknown option '--formt' for hindsight analyze; did you mean '--format'?",
        "Try: hindsight analyze --help"), lines(r.err()));
    Run eq = run("analyze", FIRE, "--retension=PT1H");
    assertTrue(eq.err().startsWith("hindsight: unknown option '--retension' for hindsight analyze; did you mean '--retention'?"),
        eq.err());
  }

  @Test
  void theHelpHintNamesTheWholeCommand() {
    Run r = run("drill", "new");
    assertEquals(ExitCode.BAD_INPUT, r.code());
    assertEquals(List.of("hindsight: Missing required option: '--out=DIR'", "Try: hindsight drill new --help"), lines(r.err()));
  }

  @Test
  void durationsAcceptTheShortFormAndRejectOthersInOnePlainLine() {
    Run ok = run(MainTest.analyze(FIRE, "custom-hypothesis", "--retention", "48h"));
    assertEquals(0, ok.code(), ok.err());
    Run bad = run(MainTest.analyze(FIRE, "custom-hypothesis", "--retention", "48x"));
    assertEquals(ExitCode.BAD_INPUT, bad.code());
    assertEquals(List.of("hindsight: Invalid value for option '--retention': '48x' is not a duration; write e.g. 48h, 90m, 1h30m, 2d "
        + "or PT48H", "Try: hindsight analyze --help"), lines(bad.err()));
    assertEquals(java.time.Duration.ofMinutes(90), CliValues.duration("1h30m"));
    assertEquals(java.time.Duration.ofDays(2), CliValues.duration("2d"));
    assertEquals(java.time.Duration.ofHours(48), CliValues.duration("PT48H"));
    assertEquals(java.time.Duration.ofSeconds(90), CliValues.duration("90s"));
  }

  @Test
  void zonesAreCheckedInWordsWithASuggestion() {
    Run mars = run(MainTest.analyze(FIRE, "cep", "--timezone", "Mars/Base"));
    assertEquals(ExitCode.BAD_INPUT, mars.code());
    assertEquals("hindsight: Invalid value for option '--timezone': 'Mars/Base' is not a time zone; use a region such as Asia/Seoul, "
        + "an offset such as +09:00, or UTC", lines(mars.err()).get(0));
    assertFalse(mars.err().contains("Exception") || mars.err().contains("java."), mars.err());
    Run typo = run(MainTest.analyze(FIRE, "cep", "--zone", "Asia/Seol"));
    assertEquals("hindsight: Invalid value for option '--zone': 'Asia/Seol' is not a time zone; did you mean 'Asia/Seoul'?",
        lines(typo.err()).get(0));
    assertEquals(0, run(MainTest.analyze(FIRE, "cep", "--zone", "asia/seoul")).code(), "case does not matter");
  }

  @Test
  void aMissingFolderIsOneLineWithoutTheLenientHint() {
    Run r = run(MainTest.analyze("no/such/folder", "cep"));
    assertEquals(ExitCode.BAD_INPUT, r.code());
    assertEquals(List.of("no/such/folder: no such file or folder"), lines(r.err()));
  }

  @Test
  void missingColumnsAndJsonInputDoNotSuggestLenient(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("bundle"));
    Files.writeString(dir.resolve("events.csv"), "when,what\n2024-01-01T00:00:00Z,x\n");
    Run columns = run(MainTest.analyze(dir.toString(), "cep"));
    assertEquals(ExitCode.BAD_INPUT, columns.code());
    assertTrue(columns.err().contains("events.csv:1: missing required column(s)"), columns.err());
    assertFalse(columns.err().contains("--lenient"), "--lenient skips bad rows; it cannot mend a header: " + columns.err());

    Path json = tmp.resolve("report.json");
    Files.writeString(json, "{\"hypotheses\": []}\n");
    Run asJson = run(MainTest.analyze(json.toString(), "cep"));
    assertEquals(ExitCode.BAD_INPUT, asJson.code());
    assertTrue(asJson.err().contains("cannot tell the kind from the file name"), asJson.err());
    assertFalse(asJson.err().contains("--lenient"), asJson.err());

    Files.writeString(dir.resolve("events.csv"), "{\"events\": [{\"type\": \"site.fire\"}]}\n");
    Run jsonInCsv = run(MainTest.analyze(dir.toString(), "cep"));
    assertEquals(ExitCode.BAD_INPUT, jsonInCsv.code());
    assertFalse(jsonInCsv.err().contains("--lenient"), jsonInCsv.err());
  }

  @Test
  void badRowsStillSuggestLenientBecauseItHelpsThere() {
    Run r = run(MainTest.analyze(MainTest.BAD, "custom-hypothesis"));
    assertTrue(r.err().contains("nothing was analysed (use --lenient to skip bad rows)."), r.err());
  }

  @Test
  void anUnwritableOutputIsOnePlainLine() {
    Run r = run(MainTest.analyze(FIRE, "custom-hypothesis", "-o", "/proc/no-such-dir/report.md"));
    assertEquals(ExitCode.BAD_INPUT, r.code());
    assertEquals(1, lines(r.err()).size(), r.err());
    assertTrue(r.err().startsWith("hindsight: /proc/no-such-dir"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void whatifWritesHtmlWhenAskedFor(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("x.html");
    Run r = run("whatif", "sample-logs/kakao-2022-10-15", "-f", "html", "-o", out.toString());
    assertEquals(0, r.code(), r.err());
    String html = Files.readString(out);
    assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 50));
    assertTrue(html.contains("<h1>What if a site is lost?</h1>") && html.contains("<td><b>pangyo</b></td>"), html);
    assertFalse(html.contains("| site |"), "not Markdown");
    Run sarif = run("whatif", "sample-logs/kakao-2022-10-15", "-f", "sarif");
    assertEquals(List.of("hindsight: whatif writes md, json or html, not sarif"), lines(sarif.err()));
  }

  @Test
  void completionScriptCoversCommandsAndTheAlias() {
    Run r = run("completion");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out().substring(0, 40));
    assertTrue(r.out().contains("complete -F _complete_hindsight") || r.out().contains("complete -F"), "registers a completion function");
    for (String word : List.of("analyze", "analyse", "explain", "whatif", "rules", "drill", "--format", "--retention")) {
      assertTrue(r.out().contains(word), word);
    }
  }

  @Test
  void briefSummaryFitsFortyLinesAndPointsToTheFullReport() {
    Run r = run(MainTest.analyze(FIRE, "custom-hypothesis", "--brief"));
    assertEquals(0, r.code(), r.err());
    List<String> l = lines(r.out());
    assertTrue(l.size() <= 40, l.size() + " lines");
    assertTrue(l.get(0).startsWith("Hindsight — "), l.get(0));
    assertTrue(l.get(l.size() - 1).startsWith("Full report: "), l.get(l.size() - 1));
    Run json = run(MainTest.analyze(FIRE, "custom-hypothesis", "--brief", "-f", "json"));
    assertEquals(List.of("hindsight: --brief is a text summary; it cannot be combined with -f json"), lines(json.err()));
  }

  @Test
  void actionItemsExportAsCsv() throws Exception {
    Run r = run(MainTest.analyze(FIRE, "custom-hypothesis", "-f", "csv"));
    assertEquals(0, r.code(), r.err());
    var records = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
        .parse(new java.io.StringReader(r.out())).getRecords();
    assertEquals(List.of("priority", "action", "owner", "about", "rules", "conditional", "incident"),
        org.apache.commons.csv.CSVFormat.RFC4180.parse(new java.io.StringReader(r.out())).getRecords().get(0).toList());
    assertFalse(records.isEmpty(), r.out());
    for (var rec : records) {
      assertTrue(rec.get("priority").matches("P[0-3]"), rec.toString());
      assertFalse(rec.get("action").isEmpty());
      assertEquals("TBD", rec.get("owner"));
    }
  }
}
