package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  static final String FIRE = "src/test/resources/bundles/fire";
  static final String BAD = "src/test/resources/bundles/bad-rows";
  static final String RULES = "src/test/resources/rules/";

  /** One run of the command line with stdout and stderr captured. */
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    org.hindsight.testing.CliRun r = org.hindsight.testing.CliRun.of(args);
    return new Run(r.code(), r.out(), r.err());
  }

  static String[] analyze(String input, String rules, String... more) {
    List<String> a = new ArrayList<>(List.of("analyze", input, "--no-builtin-rules", "--rules", RULES + rules));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void analysingGivesExitZeroAndOnlyTheReportOnStdout() {
    Run r = run(analyze(FIRE, "custom-hypothesis"));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("# Postmortem: "), r.out());
    assertEquals("", r.err(), "no progress or chatter when stderr is not a terminal");
  }

  @Test
  void aHypothesisWithoutASimulatorIsCalledUnvalidatedNotNoRootCause() {
    Run r = run(analyze(FIRE, "custom-hypothesis"));
    assertTrue(r.out().startsWith("# Postmortem: unvalidated hypotheses"), r.out());
    assertTrue(r.out().contains("Unvalidated (not simulated) candidates: custom-fire on pangyo-dc"), r.out());
    assertFalse(r.out().contains("no root cause found"), r.out());
    Run none = run(analyze(FIRE, "cep"));
    assertTrue(none.out().startsWith("# Postmortem: no root cause found"), none.out());
  }

  @Test
  void untrustedLogTextIsEscapedInTheMarkdownReport() {
    Run r = run(analyze(FIRE, "custom-hypothesis"));
    assertFalse(r.out().contains("<b>"), r.out());
    assertTrue(r.out().contains("&lt;b&gt;unreachable"), r.out());
  }

  @Test
  void jsonOutputParsesAndHasTheContractFields() throws Exception {
    Run r = run(analyze(FIRE, "custom-hypothesis", "--format", "json"));
    assertEquals(0, r.code(), r.err());
    JsonNode root = new ObjectMapper().readTree(r.out());
    JsonNode h = root.get("hypotheses").get(0);
    assertEquals("custom-fire", h.get("pattern").asText());
    assertEquals("pangyo-dc", h.get("subject").asText());
    assertEquals("pangyo-dc", h.get("site").asText());
    assertEquals("not-simulated", h.get("verdict").asText());
    double c = h.get("confidence").asDouble();
    assertTrue(c >= 0 && c <= 1, "confidence " + c);
    assertEquals(FIRE + "/events.csv", h.get("cause").get("file").asText());
    assertEquals(2, h.get("cause").get("line").asInt());
    assertTrue(h.has("trigger"));
    JsonNode ev = h.get("evidence").get(0);
    assertEquals(2, ev.get("line").asInt());
    assertTrue(ev.get("text").asText().contains("site.fire"), ev.toString());
    assertEquals(3, root.get("input").get("files").size());
    assertEquals(12, root.get("input").get("rows").asInt());
  }

  @Test
  void theSameInputGivesByteIdenticalReports() {
    for (String format : List.of("md", "json")) {
      Run a = run(analyze(FIRE, "custom-hypothesis", "-f", format));
      Run b = run(analyze(FIRE, "custom-hypothesis", "-f", format));
      assertEquals(0, a.code());
      assertEquals(a.out(), b.out(), format);
    }
  }

  @Test
  void outWritesTheReportToAFileAndNothingToStdout(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reports/incident.json");
    Run r = run(analyze(FIRE, "custom-hypothesis", "-f", "json", "--out", file.toString()));
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out());
    assertEquals(run(analyze(FIRE, "custom-hypothesis", "-f", "json")).out(), Files.readString(file));
  }

  @Test
  void badRowsInSeveralFilesAreAllListedWithExitTwoAndNoStackTrace() {
    Run r = run(analyze(BAD, "custom-hypothesis"));
    assertEquals(2, r.code());
    assertEquals("", r.out());
    List<String> lines = r.err().lines().toList();
    assertTrue(lines.contains(BAD + "/events.csv:3: timestamp: timestamp '2022-10-15 15:20' has no offset; add one (e.g. Z or +09:00) or name a zone with --timezone"), r.err());
    assertTrue(lines.contains(BAD + "/events.csv:4: empty type"), r.err());
    assertTrue(lines.contains(BAD + "/links.csv:2: latency_ms: 'fast' is not a number"), r.err());
    assertTrue(lines.contains(BAD + "/metrics.csv:3: value: 'lots' is not a number"), r.err());
    assertTrue(r.err().contains("4 input problem(s); nothing was analysed"), r.err());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
  }

  @Test
  void lenientModeAnalysesTheGoodRowsAndReportsTheSkippedOnes() throws Exception {
    Run r = run(analyze(BAD, "custom-hypothesis", "--lenient=all", "-f", "json"));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().lines().anyMatch(l -> l.equals("hindsight: " + BAD + "/events.csv: skipped 2 of 3 rows (--lenient); the report lists them")), r.err());
    JsonNode input = new ObjectMapper().readTree(r.out()).get("input");
    assertEquals(4, input.get("skipped").asInt());
    assertEquals(2, input.get("rows").asInt());
    assertTrue(input.get("skippedProblems").get(0).asText().startsWith(BAD + "/events.csv:3: "), input.toString());
  }

  @Test
  void lenientModeRefusesAFileThatWouldLoseMostOfItsRows() {
    // --lenient before the input: the input must not be taken for the option's value
    Run r = run("analyze", "--lenient", BAD, "--no-builtin-rules", "--rules", RULES + "custom-hypothesis");
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains(BAD + "/events.csv: 2 of 3 rows would be skipped; fix them, or pass --lenient=all"), r.err());
    assertTrue(r.err().contains(BAD + "/links.csv: every row (1) would be skipped"), r.err());
    assertFalse(r.err().contains("metrics.csv: 1 of 2"), "losing half is not more than half: " + r.err());
  }

  @Test
  void ruleErrorsGiveExitThreeWithFileAndLine() {
    Run syntax = run(analyze(FIRE, "syntax-error"));
    assertEquals(3, syntax.code());
    assertEquals("", syntax.out());
    assertTrue(syntax.err().startsWith(RULES + "syntax-error/broken.drl:7: mismatched input 'then'"), syntax.err());
    Run type = run(analyze(FIRE, "constraint-type-error"));
    assertEquals(3, type.code());
    assertTrue(type.err().startsWith(RULES + "constraint-type-error/unknown-field.drl:6: Event has no field 'nosuch'"), type.err());
  }

  @Test
  void aRunawayRuleGivesExitThreeNamingTheRule() {
    Run r = run(analyze(FIRE, "runaway", "--max-firings", "100000"));
    assertEquals(3, r.code());
    assertTrue(r.err().startsWith(RULES + "runaway/spin.drl:15: rule \"spin\" was stopped by the firing budget"), r.err());
  }

  @Test
  void usageErrorsGiveExitTwo() {
    Run unknown = run("analyze", FIRE, "--no-such-option");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().startsWith("hindsight: unknown option '--no-such-option' for hindsight analyze\n"), unknown.err());
    assertTrue(unknown.err().contains("Try: hindsight analyze --help"), unknown.err());
    assertEquals(2, run("analyze").code());
    Run zone = run(analyze(FIRE, "cep", "--timezone", "Mars/Olympus"));
    assertEquals(2, zone.code());
    assertFalse(zone.err().contains("\tat "), zone.err());
    Run missing = run(analyze("no/such/folder", "cep"));
    assertEquals(2, missing.code());
    assertTrue(missing.err().startsWith("no/such/folder: no such file or folder"), missing.err());
  }

  @Test
  void helpListsTheExitCodes() {
    Run r = run("analyze", "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("Exit codes: 0 analysed"), r.out());
    assertTrue(r.out().contains("--lenient") && r.out().contains("--timezone") && r.out().contains("--format"), r.out());
    // a % in an option's description is a format specifier to picocli: written %%, shown once
    assertTrue(r.out().contains("('%F %T')"), r.out());
    assertFalse(r.err().contains("picocli WARN"), r.err());
  }

  @Test
  void aNamedCommandIsTheOnlyOneBuiltAndAnythingElseGetsTheWholeTree() {
    assertEquals(java.util.Set.of("analyze", "analyse"), Main.commandLine("analyse", "x").getSubcommands().keySet());
    assertEquals(java.util.Set.of("rules"), Main.commandLine("rules", "test").getSubcommands().keySet());
    for (String[] line : List.of(new String[0], new String[] {"--help"}, new String[] {"analyz"}, new String[] {"completion"})) {
      var commands = Main.commandLine(line).getSubcommands().keySet();
      assertTrue(commands.containsAll(List.of("analyze", "import", "explain", "whatif", "rules", "drill", "bench", "reduce",
          "completion")), List.of(line) + " -> " + commands);
    }
  }

  @Test
  void theBuiltInRulesStartLoadingEarlyOnlyForAnAnalysisThatUsesThemWithoutPlugins() {
    assertTrue(Main.loadsBuiltInRules("analyze", "sample-logs/kt-2021-10-25", "-f", "json"));
    assertTrue(Main.loadsBuiltInRules("analyse", "x", "--rules", "more"));
    assertTrue(Main.loadsBuiltInRules("explain", "x"));
    assertFalse(Main.loadsBuiltInRules("analyze", "x", "--no-builtin-rules", "--rules", "mine"));
    assertFalse(Main.loadsBuiltInRules("analyze", "x", "--plugins", "jars"));
    assertFalse(Main.loadsBuiltInRules("analyze", "x", "--plugins=jars"));
    assertFalse(Main.loadsBuiltInRules("analyze", "--help"));
    assertFalse(Main.loadsBuiltInRules("rules", "test"));
    assertFalse(Main.loadsBuiltInRules("bench", "--rows", "1000"));
    assertFalse(Main.loadsBuiltInRules());
    // after "--" a word is an input, not an option
    assertTrue(Main.loadsBuiltInRules("analyze", "--", "--help"));
  }

  @Test
  void theBuiltInRulesLoadedEarlyGiveTheSameReportAsLoadedWhenAsked() {
    // The first line loads the built-in rules before it is parsed; the second names the same folder
    // as a --rules folder, which is loaded only once the line is read. Same pre-compiled packages.
    String rules = CliPaths.shorten(org.hindsight.analysis.AnalysisOptions.builtInRules()).toString();
    for (String sample : List.of("sample-logs/kt-2021-10-25", "sample-logs/aws-s3-2017-02-28")) {
      String input = org.hindsight.testing.TestAnalysis.home().resolve(sample).toString();
      Run early = run("analyze", input, "-f", "json");
      Run asked = run("analyze", input, "-f", "json", "--no-builtin-rules", "--rules", rules);
      assertEquals(0, early.code(), early.err());
      assertEquals(asked.out(), early.out(), sample);
    }
  }
}
