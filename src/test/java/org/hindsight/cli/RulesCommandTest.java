package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandTest {
  /** Runs a command line, capturing stdout and stderr. */
  record Run(int exit, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }

    String lastLine() {
      List<String> l = lines();
      return l.get(l.size() - 1);
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void failingFixturesExitFourAndEndWithTheCount() {
    Run r = run("rules", "test", "src/test/resources/ruletest/good");
    assertEquals(ExitCode.TEST_FAILED, r.exit(), r.out() + r.err());
    assertEquals("1 passed, 4 failed", r.lastLine());
    assertTrue(r.lines().contains("PASS src/test/resources/ruletest/good/fixtures/positive"), r.out());
    assertTrue(r.lines().contains("FAIL src/test/resources/ruletest/good/fixtures/wrong-subject"), r.out());
  }

  @Test
  void brokenRulesExitThreeWithTheirLocation() {
    Run r = run("rules", "test", "src/test/resources/ruletest/broken");
    assertEquals(ExitCode.RULE_ERROR, r.exit(), r.out() + r.err());
    assertTrue(r.out().startsWith("src/test/resources/ruletest/broken/broken.drl:8: "), r.out());
    assertEquals("0 passed, 1 failed", r.lastLine());
  }

  @Test
  void allPassingExitsZero(@TempDir Path tmp) throws Exception {
    Path good = Path.of("src/test/resources/ruletest/good");
    Files.copy(good.resolve("disk.drl"), tmp.resolve("disk.drl"));
    Path fixture = Files.createDirectories(tmp.resolve("fixtures/positive"));
    try (var s = Files.list(good.resolve("fixtures/positive"))) {
      for (Path f : s.toList()) Files.copy(f, fixture.resolve(f.getFileName()));
    }
    Run r = run("rules", "test", tmp.toString());
    assertEquals(ExitCode.OK, r.exit(), r.out() + r.err());
    assertEquals("1 passed, 0 failed", r.lastLine());
  }

  @Test
  void missingFolderIsBadInput() {
    Run r = run("rules", "test", "no/such/folder");
    assertEquals(ExitCode.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("no/such/folder: no such rules folder"), r.err());
  }

  @Test
  void explainNamesTheFirstFailingCondition() {
    Run r = run("explain", "src/test/resources/explain/bundle", "--no-builtin-rules", "--rules", "src/test/resources/explain/rules",
        "--rule", "T-CH-001");
    assertEquals(ExitCode.OK, r.exit(), r.out() + r.err());
    assertTrue(r.lines().contains("    1. src/test/resources/explain/rules/chain.drl:8  $a : Event( type == \"a.start\", $x : entity )  -> 2 partial match(es)"),
        r.out());
    assertTrue(r.lines().contains("    2. src/test/resources/explain/rules/chain.drl:9  $b : Event( type == \"b.follow\", entity == $x, "
        + "this after[0s, 5m] $a )  -> 0 partial match(es)   <- first condition that matched nothing"), r.out());
    assertTrue(r.out().contains("partial matches of conditions 1..1 (first 5):\n      src/test/resources/explain/bundle/events.csv:"), r.out());
  }

  @Test
  void explainOfAnUnknownRuleIsARuleError() {
    Run r = run("explain", "src/test/resources/explain/bundle", "--no-builtin-rules", "--rules", "src/test/resources/explain/rules",
        "--rule", "NOPE");
    assertEquals(ExitCode.RULE_ERROR, r.exit());
    assertTrue(r.err().contains("no rule has @id or name 'NOPE'"), r.err());
  }
}
