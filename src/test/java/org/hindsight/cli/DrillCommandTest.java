package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.hindsight.drill.AttemptLog;
import org.hindsight.drill.DrillAnswer;
import org.hindsight.drill.DrillEnvironment;
import org.hindsight.drill.Drills;
import org.hindsight.drill.SealedDrill;
import org.hindsight.drill.testkit.RunawayJobGenerator;
import org.hindsight.drill.testkit.TestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The drill commands end to end on the test-only pattern: new → hint → check → summary, and every error path. */
class DrillCommandTest {
  @TempDir Path tmp;
  Path home;
  Path log;
  TestKit.MovableClock clock;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void setUp() {
    home = tmp.resolve("home");
    log = tmp.resolve("attempts.csv");
    clock = new TestKit.MovableClock(Instant.parse("2026-03-01T09:00:00Z"));
  }

  DrillEnvironment env(String stdin) {
    return TestKit.env(home, clock, stdin);
  }

  static Run run(DrillEnvironment env, String... args) {
    CommandLine cli = new CommandLine(new DrillCommand(env));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> Main.handle(e, cmd.getErr()));
    cli.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("hindsight: " + ex.getMessage());
      return ExitCode.BAD_INPUT;
    });
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  Run run(String... args) {
    return run(env(""), args);
  }

  SealedDrill sealed(Path dir) throws Exception {
    return new Drills(env("")).open(dir, null);
  }

  @Test
  void roundTripGradesRightWrongAndPartialAnswersThenSummarises() throws Exception {
    Path dir = tmp.resolve("drill");
    Run made = run("new", "--pattern", RunawayJobGenerator.PATTERN, "--difficulty", "hard", "--seed", "42", "--out", dir.toString());
    assertEquals(0, made.code(), made.err());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("BRIEFING.md", "changes.csv", "config-commands.csv", "dependencies.csv", "drill.sealed", "events.csv",
          "inventory.csv", "key-generators.csv", "links.csv", "metrics.csv", "ops-commands.csv", "requests.csv", "services.csv",
          "spans.csv"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    SealedDrill drill = sealed(dir);
    DrillAnswer a = drill.answer();
    assertEquals(RunawayJobGenerator.PATTERN, a.pattern());
    assertEquals(42, drill.seed());
    assertTrue(made.out().contains(drill.id()));
    String briefing = Files.readString(dir.resolve("BRIEFING.md"));
    assertTrue(briefing.contains(drill.id()) && briefing.contains("ops-commands.csv") && briefing.contains("`none`"), briefing);
    assertFalse(briefing.contains(a.subject()), "the briefing names the subject");

    clock.advance(Duration.ofSeconds(100));
    String cause = a.causeFile() + ":" + a.causeLine();
    for (int level = 1; level <= 3; level++) {
      Run h = run("hint", dir.toString(), "--level", Integer.toString(level));
      assertEquals(0, h.code(), h.err());
      assertEquals(level, h.out().lines().filter(l -> l.startsWith("Hint ")).count(), h.out());
      assertFalse(h.out().contains(a.subject()) || h.out().contains(cause) || h.out().contains(a.pattern()), h.out());
    }
    // The first hints teach the steps (where to look, what to compare) before any narrows the answer.
    String steps = run("hint", dir.toString(), "--level", "2").out();
    assertTrue(steps.contains("Where to look first") && steps.contains("ops-commands"), steps);
    assertTrue(steps.contains("What to compare") && steps.contains("the hosts each command reached"), steps);
    assertFalse(steps.contains("Narrowing down"), steps);
    Run h4 = run("hint", dir.toString());
    assertTrue(h4.out().contains("Hint 4/4") && h4.out().contains("Runaway batch job saturates its host"), h4.out());
    assertTrue(run("hint", dir.toString(), "--level", "2").out().contains("The symptoms start between"));
    // Hint use is sealed with the answer: no side file to delete, and the sealed size does not move.
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.allMatch(p -> p.getFileName().toString().endsWith(".csv") || p.getFileName().toString().equals("BRIEFING.md")
          || p.getFileName().toString().equals("drill.sealed")), "a side file holds the hint record");
    }
    assertEquals(4, sealed(dir).hintLevel());

    clock.advance(Duration.ofSeconds(200));
    String other = Files.readAllLines(dir.resolve("inventory.csv")).stream().skip(1).map(l -> l.split(",")[0])
        .filter(h -> !h.equals(a.subject())).findFirst().orElseThrow();
    Run partial = run("check", dir.toString(), "--answer",
        "pattern=" + a.pattern() + " subject=" + other + " cause=" + a.causeFile() + ":" + (a.causeLine() - 1),
        "--trainee", "bob", "--log", log.toString());
    assertEquals(0, partial.code(), partial.err());
    assertTrue(partial.out().startsWith("# Drill " + drill.id() + ": 55/100"), partial.out());
    assertTrue(partial.out().contains("cause: close"), partial.out());
    assertTrue(partial.out().contains("- cause: `" + cause + "`") && partial.out().contains("--threads="), partial.out());
    assertTrue(partial.out().contains("How to spot it") && partial.out().contains("https://example.org/postmortems/runaway-batch-job"));
    assertTrue(partial.out().contains("## The full report"), partial.out());

    clock.advance(Duration.ofSeconds(60));
    Run right = run("check", dir.toString(), "--pattern", a.pattern(), "--subject", a.subject(), "--cause", cause,
        "--trainee", "bob", "--log", log.toString(), "--no-report");
    assertTrue(right.out().startsWith("# Drill " + drill.id() + ": 100/100"), right.out());
    assertFalse(right.out().contains("## The full report"));

    Run wrong = run("check", dir.toString(), "--answer", "pattern=none", "--log", log.toString(), "--no-report");
    assertTrue(wrong.out().startsWith("# Drill " + drill.id() + ": 0/100"), wrong.out());
    assertTrue(wrong.out().contains("Teaching notes") && wrong.out().contains("thread caps"), wrong.out());

    List<AttemptLog.Attempt> attempts = AttemptLog.read(log);
    assertEquals(List.of(55, 100, 0), attempts.stream().map(AttemptLog.Attempt::score).toList());
    assertEquals(List.of("bob", "bob", "alice"), attempts.stream().map(AttemptLog.Attempt::trainee).toList());
    assertEquals(300, attempts.get(0).secondsFromCreation());
    assertEquals(200, attempts.get(0).secondsFromFirstHint());
    assertEquals(4, attempts.get(1).hints());

    Run summary = run("summary", "--log", log.toString());
    assertEquals(0, summary.code(), summary.err());
    List<String> rows = summary.out().lines().toList();
    assertEquals("trainee,drill,pattern,difficulty,attempts,best_score,first_score,hints,seconds_to_best,seconds_to_best_from_first_hint", rows.get(0));
    assertEquals("alice," + drill.id() + "," + a.pattern() + ",hard,1,0,0,4,360,260", rows.get(1));
    assertEquals("bob," + drill.id() + "," + a.pattern() + ",hard,2,100,55,4,360,260", rows.get(2));
  }

  @Test
  void trainerCsvNeverCarriesAFormula() throws Exception {
    Path dir = tmp.resolve("csv");
    assertEquals(0, run("new", "--pattern", RunawayJobGenerator.PATTERN, "--seed", "9", "--out", dir.toString()).code());
    List<String> payloads = List.of("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd1", "\rcmd2");
    for (String p : payloads) {
      assertEquals(0, run("check", dir.toString(), "--answer", "pattern=none subject=" + p.strip() + " cause=" + p.strip() + ":1",
          "--trainee", p, "--log", log.toString(), "--no-report").code());
    }
    String summary = run("summary", "--log", log.toString()).out();
    for (String csv : List.of(Files.readString(log), summary)) {
      for (var record : org.apache.commons.csv.CSVFormat.RFC4180.parse(new java.io.StringReader(csv))) {
        for (String cell : record) {
          assertTrue(cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0, "a cell a spreadsheet would run: " + cell);
        }
      }
    }
    assertTrue(summary.contains("'=HYPERLINK") && Files.readString(log).contains("'@SUM(A1)"), summary);
    // Names are trimmed before they are logged; a tab or CR kept inside a cell is neutralised too.
    assertEquals(List.of("'\t=1", "'\r=1", "'-1", "a=1", ""), Stream.of("\t=1", "\r=1", "-1", "a=1", "")
        .map(org.hindsight.drill.DrillCsv::neutralise).toList());
    assertEquals(payloads.size(), summary.lines().count() - 1, summary);
  }

  @Test
  void interactiveModeReadsEachPartFromStdinAndRetriesABadCause() throws Exception {
    Path dir = tmp.resolve("drill");
    assertEquals(0, run("new", "--pattern", RunawayJobGenerator.PATTERN, "--seed", "7", "--out", dir.toString()).code());
    DrillAnswer a = sealed(dir).answer();
    String stdin = a.pattern() + "\n" + a.subject() + "\nline twelve\n" + a.causeFile() + ":" + a.causeLine() + "\n";
    Run r = run(env(stdin), "check", dir.toString(), "--log", log.toString(), "--no-report");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Pattern (" + RunawayJobGenerator.PATTERN + ", or none): "), r.out());
    assertTrue(r.out().contains("Subject") && r.out().contains("is not file:line (e.g. events.csv:42); try again"), r.out());
    assertTrue(r.out().contains("# Drill ") && r.out().contains(": 100/100"), r.out());

    Run none = run(env("none\n"), "check", dir.toString(), "--log", log.toString(), "--no-report");
    assertTrue(none.out().contains(": 0/100") && !none.out().contains("Subject ("), none.out());

    Run empty = run(env(""), "check", dir.toString(), "--log", log.toString());
    assertEquals(ExitCode.BAD_INPUT, empty.code());
    assertTrue(empty.err().contains("no answer given"), empty.err());
  }

  @Test
  void nearMissIsAnsweredWithNone() throws Exception {
    Path dir = tmp.resolve("near");
    assertEquals(0, run("new", "--near-miss", "--seed", "5", "--out", dir.toString()).code());
    assertTrue(sealed(dir).nearMiss());
    Run right = run("check", dir.toString(), "--answer", "pattern=none", "--log", log.toString(), "--no-report");
    assertTrue(right.out().contains(": 100/100") && right.out().contains("near miss"), right.out());
    Run wrong = run("check", dir.toString(), "--answer", "pattern=" + RunawayJobGenerator.PATTERN + " subject=x cause=events.csv:2",
        "--log", log.toString(), "--no-report");
    assertTrue(wrong.out().contains(": 0/100") && wrong.out().contains("Teaching notes"), wrong.out());
    Run hint = run("hint", dir.toString(), "--level", "4");
    assertTrue(hint.out().contains("It looks like this family"), hint.out());

    Path byRate = tmp.resolve("rate");
    assertEquals(0, run("new", "--near-miss-rate", "1", "--out", byRate.toString()).code());
    assertTrue(sealed(byRate).nearMiss());
    assertEquals(ExitCode.BAD_INPUT, run("new", "--near-miss-rate", "2", "--out", tmp.resolve("x").toString()).code());
  }

  @Test
  void theSameSeedMakesTheSameBundle() throws Exception {
    Path one = tmp.resolve("one");
    Path two = tmp.resolve("two");
    assertEquals(0, run("new", "--seed", "99", "--difficulty", "hard", "--out", one.toString()).code());
    assertEquals(0, run("new", "--seed", "99", "--difficulty", "hard", "--out", two.toString()).code());
    for (String f : List.of("events.csv", "inventory.csv", "metrics.csv", "ops-commands.csv")) {
      assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(two.resolve(f)), f);
    }
    assertFalse(sealed(one).id().equals(sealed(two).id()), "ids are random, not derived from the seed");
  }

  @Test
  void badFoldersKeysAndSealedFilesExitWithAClearMessage() throws Exception {
    Path dir = tmp.resolve("drill");
    assertEquals(0, run("new", "--seed", "3", "--out", dir.toString()).code());

    Run missing = run("check", tmp.resolve("nope").toString(), "--answer", "pattern=none");
    assertEquals(ExitCode.BAD_INPUT, missing.code());
    assertTrue(missing.err().contains("no such drill folder"), missing.err());

    Path plain = Files.createDirectories(tmp.resolve("plain"));
    Run notDrill = run("hint", plain.toString());
    assertEquals(ExitCode.BAD_INPUT, notDrill.code());
    assertTrue(notDrill.err().contains("is not a drill folder"), notDrill.err());

    Path other = tmp.resolve("other.key");
    Files.writeString(other, "some other secret");
    Run wrongKey = run("check", dir.toString(), "--answer", "pattern=none", "--key-file", other.toString());
    assertEquals(ExitCode.BAD_INPUT, wrongKey.code());
    assertTrue(wrongKey.err().contains("different trainer key"), wrongKey.err());

    Run noKey = run(TestKit.env(tmp.resolve("fresh-home"), clock, ""), "check", dir.toString(), "--answer", "pattern=none");
    assertEquals(ExitCode.BAD_INPUT, noKey.code());
    assertTrue(noKey.err().contains("no trainer key"), noKey.err());

    Run badAnswer = run("check", dir.toString(), "--answer", "pattern=x cause=events.csv");
    assertEquals(ExitCode.BAD_INPUT, badAnswer.code());
    assertTrue(badAnswer.err().contains("is not file:line"), badAnswer.err());

    Run notEmpty = run("new", "--out", dir.toString());
    assertEquals(ExitCode.BAD_INPUT, notEmpty.code());
    assertTrue(notEmpty.err().contains("not empty"), notEmpty.err());

    Run unknown = run("new", "--pattern", "no-such-pattern", "--out", tmp.resolve("u").toString());
    assertEquals(ExitCode.BAD_INPUT, unknown.code());
    assertTrue(unknown.err().contains("no generator for pattern 'no-such-pattern'"), unknown.err());
    assertFalse(Files.exists(tmp.resolve("u")), "a failed drill leaves nothing behind");

    Run noLog = run("summary", "--log", tmp.resolve("none.csv").toString());
    assertEquals(ExitCode.BAD_INPUT, noLog.code());
    assertTrue(noLog.err().contains("no attempt log yet"), noLog.err());

    byte[] sealed = Files.readAllBytes(dir.resolve("drill.sealed"));
    sealed[sealed.length - 5] ^= 0x01;
    Files.write(dir.resolve("drill.sealed"), sealed);
    Run tampered = run("check", dir.toString(), "--answer", "pattern=none");
    assertEquals(ExitCode.BAD_INPUT, tampered.code());
    assertTrue(tampered.err().contains("altered or damaged"), tampered.err());
    assertFalse(tampered.err().contains("Exception"), tampered.err());

    Files.write(dir.resolve("drill.sealed"), "pattern=whatever".getBytes(StandardCharsets.UTF_8));
    Run garbage = run("hint", dir.toString());
    assertEquals(ExitCode.BAD_INPUT, garbage.code());
    assertTrue(garbage.err().contains("not a sealed drill"), garbage.err());

    Run noGenerators = run(org.hindsight.drill.DrillEnvironment.builder().home(home).env(java.util.Map.of()).build(),
        "new", "--out", tmp.resolve("g").toString());
    assertEquals(ExitCode.BAD_INPUT, noGenerators.code());
    assertTrue(noGenerators.err().contains("no incident generator is installed"), noGenerators.err());
  }
}
