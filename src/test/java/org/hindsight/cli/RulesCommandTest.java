package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
  void junitReportHasOneTestcasePerFixtureWithTheDiffAsFailure(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("TEST-rules.xml");
    Run r = run("rules", "test", "src/test/resources/ruletest/good", "--format", "junit", "--out", file.toString());
    assertEquals(ExitCode.TEST_FAILED, r.exit(), r.err());
    assertEquals("", r.out(), "stdout holds nothing but the report, here written to a file");
    String xml = Files.readString(file);
    assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"hindsight rules test\" tests=\"5\" "
        + "failures=\"4\" errors=\"0\">"), xml);
    var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    var cases = doc.getElementsByTagName("testcase");
    assertEquals(5, cases.getLength());
    var failures = doc.getElementsByTagName("failure");
    assertEquals(4, failures.getLength());
    boolean wrongSubject = false;
    for (int i = 0; i < cases.getLength(); i++) {
      var c = (org.w3c.dom.Element) cases.item(i);
      assertEquals("src.test.resources.ruletest.good", c.getAttribute("classname"));
      if (c.getAttribute("name").equals("wrong-subject")) {
        wrongSubject = true;
        var f = (org.w3c.dom.Element) c.getElementsByTagName("failure").item(0);
        assertEquals("fixture-expectation", f.getAttribute("type"));
        assertTrue(f.getAttribute("message").startsWith("missing: expect[1] {pattern=disk-full, subject=db-2"), f.getAttribute("message"));
        assertTrue(f.getTextContent().contains("closest: "), f.getTextContent());
      }
    }
    assertTrue(wrongSubject);
    assertEquals("1 passed, 4 failed", r.err().strip());
  }

  @Test
  void sarifReportLocatesEachFailureAtItsExpectationOrRecord(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("results.sarif");
    Run r = run("rules", "test", "src/test/resources/ruletest/good", "-f", "sarif", "-o", out.toString());
    assertEquals(ExitCode.TEST_FAILED, r.exit(), r.err());
    assertEquals("", r.out());
    var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile());
    assertEquals("2.1.0", root.get("version").asText());
    var results = root.get("runs").get(0).get("results");
    java.util.Map<String, String> where = new java.util.TreeMap<>();
    for (var res : results) {
      var loc = res.get("locations").get(0).get("physicalLocation");
      where.merge(res.get("ruleId").asText() + " " + res.get("kind").asText(),
          loc.get("artifactLocation").get("uri").asText() + ":" + loc.get("region").get("startLine").asInt(), (a, b) -> a + " " + b);
    }
    String d = "src/test/resources/ruletest/good/fixtures/";
    assertEquals(d + "bad-input/events.csv:3", where.get("fixture-input fail"));
    assertEquals(d + "bad-expect/expect.json:4", where.get("fixture-error fail"));
    assertEquals(d + "unexpected/expect.json:2 " + d + "unexpected/expect.json:3 " + d + "wrong-subject/expect.json:3",
        where.get("fixture-expectation fail"));
    assertEquals(d + "positive/expect.json:1", where.get("fixture-expectation pass"));
    for (var res : results) assertTrue(res.get("ruleIndex").asInt() >= 0, res.toString());
  }

  @Test
  void brokenRulesInJunitAreAnErrorTestcase(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("junit.xml");
    Run r = run("rules", "test", "src/test/resources/ruletest/broken", "-f", "junit", "-o", file.toString());
    assertEquals(ExitCode.RULE_ERROR, r.exit(), r.err());
    String xml = Files.readString(file);
    assertTrue(xml.contains("<testcase classname=\"src.test.resources.ruletest.broken\" name=\"compile\">"), xml);
    assertTrue(xml.contains("<error message=\"1 rule problem(s)\" type=\"rule-error\">src/test/resources/ruletest/broken/broken.drl:8: "),
        xml);
  }

  @Test
  void textFormatTakesNoOutFile() {
    Run r = run("rules", "test", "src/test/resources/ruletest/good", "-o", "x.xml");
    assertEquals(ExitCode.BAD_INPUT, r.exit());
    assertEquals("hindsight: --out needs --format junit or sarif", r.err().strip());
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
  void explainOfAnUnknownRuleIsAUsageErrorListingTheRules() {
    Run r = run("explain", "src/test/resources/explain/bundle", "--no-builtin-rules", "--rules", "src/test/resources/explain/rules",
        "--rule", "NOPE");
    assertEquals(ExitCode.BAD_INPUT, r.exit());
    assertTrue(r.err().startsWith("hindsight: no rule has @id or name 'NOPE'. Rules: "), r.err());
    assertTrue(r.err().contains("T-CH-001"), r.err());
    assertEquals(1, r.err().lines().count(), "one plain line: " + r.err());
    Run typo = run("explain", "src/test/resources/explain/bundle", "--no-builtin-rules", "--rules", "src/test/resources/explain/rules",
        "--rule", "T-CH-01");
    assertTrue(typo.err().startsWith("hindsight: no rule has @id or name 'T-CH-01'; did you mean 'T-CH-001'? Rules: "), typo.err());
  }
}
