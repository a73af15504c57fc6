package org.hindsight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Event;
import org.hindsight.facts.OpsCommand;
import org.junit.jupiter.api.Test;

class RuleCompilerTest {
  static final Path RULES = Path.of("src/test/resources/rules");

  static RuleBase compile(String... folders) throws RuleException {
    return compiler().compile(java.util.Arrays.stream(folders).map(RULES::resolve).toList());
  }

  static RuleCompiler compiler() {
    return new RuleCompiler(List.of(Event.class, ConfigCommand.class, OpsCommand.class), Duration.ofHours(48));
  }

  private static List<RuleProblem> problems(String folder) {
    return assertThrows(RuleException.class, () -> compile(folder)).problems();
  }

  private static void assertClean(RuleProblem p) {
    for (String noise : List.of("[Near", "^", "Exception", "\tat ", "null Package", "[ERR", "Column:")) {
      assertFalse(p.message().contains(noise), () -> "noise '" + noise + "' in: " + p);
    }
  }

  @Test
  void drlFilesAreTheOnesAStreamWalkFinds(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("b/fixtures/case"));
    java.nio.file.Files.createDirectories(dir.resolve("a.drl/inner"));
    java.nio.file.Files.createDirectories(dir.resolve("outside"));
    for (String f : List.of("z.drl", "b/b.drl", "b/README.md", "b/fixtures/case/events.csv", "b/fixtures/case/old.drl",
        "a.drl/inner/x.drl", "a.drl/notes.drl.txt", "outside/linked.drl")) {
      java.nio.file.Files.writeString(dir.resolve(f), "x");
    }
    Path rules = dir;
    java.nio.file.Files.createSymbolicLink(dir.resolve("b/link-to-outside"), dir.resolve("outside")); // not entered
    java.nio.file.Files.createSymbolicLink(dir.resolve("b/alias.drl"), dir.resolve("outside/linked.drl")); // counts
    java.nio.file.Files.createSymbolicLink(dir.resolve("b/loop"), dir); // a cycle, not entered
    List<Path> walked;
    try (var s = java.nio.file.Files.walk(rules)) {
      walked = s.filter(p -> p.toString().endsWith(".drl") && java.nio.file.Files.isRegularFile(p)).sorted().toList();
    }
    assertEquals(walked, RuleCompiler.drlFiles(List.of(rules)));
    assertEquals(List.of("a.drl/inner/x.drl", "b/alias.drl", "b/b.drl", "b/fixtures/case/old.drl", "outside/linked.drl", "z.drl"),
        RuleCompiler.drlFiles(List.of(rules)).stream().map(p -> rules.relativize(p).toString()).toList());
    Path file = dir.resolve("z.drl");
    assertEquals(List.of(file, dir.resolve("a.drl/inner/x.drl")), RuleCompiler.drlFiles(List.of(file, dir.resolve("a.drl"))));
    RuleException missing = assertThrows(RuleException.class, () -> RuleCompiler.drlFiles(List.of(dir.resolve("none"))));
    assertEquals("no such rules folder", missing.problems().get(0).message());
  }

  @Test
  void aFileOfMalformedUtf8CannotBeReadWhileAReplacementCharacterItHoldsIsText(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad");
    java.nio.file.Files.createDirectories(bad);
    java.nio.file.Files.write(bad.resolve("r.drl"), new byte[] {'p', 'a', 'c', 'k', (byte) 0xC3, '\n'});
    RuleException e = assertThrows(RuleException.class, () -> compiler().compile(List.of(bad)));
    assertEquals(display(bad.resolve("r.drl")) + ": cannot read: Input length = 1", e.problems().get(0).toString());
    Path odd = dir.resolve("odd");
    java.nio.file.Files.createDirectories(odd);
    java.nio.file.Files.writeString(odd.resolve("r.drl"), """
        package odd;
        import org.hindsight.facts.Event;
        // a replacement character \uFFFD in a comment is text like any other
        rule "seen"
        when
          Event(type == "x\uFFFD")
        then
        end
        """);
    assertEquals(1, compiler().compile(List.of(odd)).rules().size());
  }

  private static String display(Path p) {
    return RuleCompiler.display(p);
  }

  @Test
  void aSyntaxErrorGivesItsFileAndLineOnce() {
    List<RuleProblem> p = problems("syntax-error");
    assertEquals(1, p.size(), p.toString());
    assertEquals("src/test/resources/rules/syntax-error/broken.drl", p.get(0).file());
    assertEquals(7, p.get(0).line());
    assertEquals("mismatched input 'then' in rule \"broken\"", p.get(0).message());
  }

  @Test
  void aJavaTypeErrorInAnActionPointsAtTheActionLine() {
    List<RuleProblem> p = problems("java-type-error");
    assertEquals(1, p.size(), p.toString());
    assertEquals(8, p.get(0).line(), p.toString());
    assertEquals("rule compilation error: The method nosuchMethod() is undefined for the type Event", p.get(0).message());
    assertClean(p.get(0));
  }

  @Test
  void aConstraintTypeErrorIsOneCleanSentence() {
    List<RuleProblem> p = problems("constraint-type-error");
    assertEquals(1, p.size(), p.toString());
    assertEquals("src/test/resources/rules/constraint-type-error/unknown-field.drl:6: Event has no field 'nosuch' (in: nosuch == \"x\"). Fields of Event: time, source, type, entity, message, severity, attributes, origin, millis, represents",
        p.get(0).toString());
    assertClean(p.get(0));
  }

  @Test
  void anUnterminatedStringIsCitedWhereItOpensWithoutAStackTrace() {
    List<RuleProblem> p = problems("unterminated-string");
    assertEquals(1, p.size(), p.toString());
    assertEquals(6, p.get(0).line());
    assertTrue(p.get(0).message().startsWith("unterminated string"), p.toString());
    assertClean(p.get(0));
  }

  @Test
  void aRuleNameUsedTwiceIsReportedWithBothPlaces() {
    List<RuleProblem> p = problems("duplicate-name");
    assertEquals(1, p.size(), p.toString());
    assertEquals("src/test/resources/rules/duplicate-name/b.drl:9: rule \"same name\" is already defined at "
        + "src/test/resources/rules/duplicate-name/a.drl:4", p.get(0).toString());
  }

  @Test
  void errorsOfSeveralFilesAreAllReported() {
    RuleException e = assertThrows(RuleException.class,
        () -> compile("syntax-error", "constraint-type-error", "java-type-error"));
    assertEquals(3, e.problems().size(), e.problems().toString());
  }

  @Test
  void aFileThatDoesNotParseDoesNotMakeOthersReportTheirDeclaredTypesUnknown() {
    // Drools skips every type declaration once one file fails to parse; a-declares.drl is sound.
    List<RuleProblem> p = problems("syntax-error-beside-declared-types");
    assertEquals(1, p.size(), p.toString());
    assertEquals("src/test/resources/rules/syntax-error-beside-declared-types/b-broken.drl", p.get(0).file());
    assertEquals(6, p.get(0).line());
  }

  @Test
  void aRealErrorBesideAFileThatDoesNotParseIsStillReported() {
    RuleException e = assertThrows(RuleException.class,
        () -> compile("syntax-error-beside-declared-types", "constraint-type-error"));
    assertEquals(2, e.problems().size(), e.problems().toString());
    assertTrue(e.problems().get(0).file().contains("constraint-type-error/"), e.problems().toString());
  }

  @Test
  void aMissingRulesFolderIsAProblem() {
    List<RuleProblem> p = problems("no-such-folder");
    assertTrue(p.get(0).toString().endsWith("no-such-folder: no such rules folder"), p.toString());
  }

  @Test
  void metadataAndLocationsFlowIntoRuleInfo() throws Exception {
    RuleBase rb = compile("custom-hypothesis");
    RuleInfo r = rb.rule("custom: fire at a site").orElseThrow();
    assertEquals("T-CUSTOM-1", r.id());
    assertEquals("A fire took a site down", r.title());
    assertEquals("critical", r.severity());
    assertEquals(List.of("https://example.org/postmortem"), r.references());
    assertEquals("Spread across sites.", r.remediation());
    assertEquals("src/test/resources/rules/custom-hypothesis/custom.drl:4", r.where());
    assertEquals(r, rb.byIdOrName("T-CUSTOM-1").orElseThrow());
  }

  @Test
  void tidyStripsLocationPrefixesAndStackTraces() {
    assertEquals("mismatched input 'then'", RuleCompiler.tidy("[ERR 102] Line 7:0 mismatched input 'then'"));
    assertEquals("rule compilation error: Type mismatch: cannot convert from String to int; x cannot be resolved to a variable",
        RuleCompiler.tidy("Rule Compilation error Type mismatch: cannot convert from String to int\nx cannot be resolved to a variable"));
    assertEquals("unexpected end of file (is an `end` missing?) in rule \"r\"",
        RuleCompiler.tidy("[ERR 102] Line 8:0 mismatched input '<eof>' in rule \"r\""));
    assertEquals("boom", RuleCompiler.tidy("boom\n\tat org.drools.Foo.bar(Foo.java:1)\n\tat org.drools.Foo.baz(Foo.java:2)"));
  }
}
