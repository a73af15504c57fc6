package org.hindsight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.report.Reports;
import org.hindsight.ruletest.FixtureRunner;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in rules pre-compiled by the build behave exactly as the same rules compiled from DRL,
 * and an edited copy of them is compiled, not served from the stale pre-compiled copy.
 */
class PrecompiledRulesTest {
  private static final Path BUILT_IN = TestAnalysis.home().resolve("rules");
  private static final Analyzer ANALYZER = new Analyzer();

  private static RuleBase builtInFromDrl;

  /** The built-in rules compiled from DRL, once for the class (a compilation takes seconds). */
  private static synchronized RuleBase builtInFromDrl() throws RuleException {
    if (builtInFromDrl == null) builtInFromDrl = compiler().usePrecompiled(false).compile(List.of(BUILT_IN));
    return builtInFromDrl;
  }

  private static RuleCompiler compiler() {
    return new RuleCompiler(ANALYZER.eventTypes(), Duration.ofHours(48));
  }

  @Test
  void theBuildPreCompiledTheBuiltInRulesAsTheyAreNow() throws Exception {
    assertNotNull(PrecompiledRules.bundled(), "the build (process-classes) writes " + PrecompiledRules.RESOURCE);
    RuleBase rules = compiler().compile(List.of(BUILT_IN));
    assertTrue(rules.origin().contains("pre-compiled at build time"), rules.origin());
    RuleBase fromDrl = builtInFromDrl();
    assertTrue(fromDrl.origin().contains("compiled now"), fromDrl.origin());
    assertEquals(fromDrl.rules(), rules.rules(), "same rules, places and metadata");
    assertEquals(fromDrl.warnings(), rules.warnings());
  }

  @Test
  void everySampleAndFixtureGetsTheSameReportEitherWay() throws Exception {
    // built ahead, as a run of analyze does (Main), and taken by the compilation
    RuleCompiler.loadPrecompiledAhead(org.hindsight.plugin.Plugins.current());
    RuleBase pre = compiler().compile(List.of(BUILT_IN));
    assertFalse(PrecompiledRules.buildingAhead(), "the rule base built ahead was taken");
    RuleBase drl = builtInFromDrl();
    List<Path> inputs = new ArrayList<>();
    try (Stream<Path> s = Files.list(TestAnalysis.home().resolve("sample-logs"))) {
      s.filter(Files::isDirectory).sorted().forEach(inputs::add);
    }
    inputs.addAll(FixtureRunner.fixtures(BUILT_IN));
    assertTrue(inputs.size() > 10, inputs.toString());
    for (Path in : inputs) {
      AnalysisOptions options = AnalysisOptions.builder().input(in.toString()).rules(BUILT_IN).build();
      var bundle = ANALYZER.read(options);
      String a = Reports.render(ANALYZER.analyze(bundle, pre, options), Reports.Format.json);
      String b = Reports.render(ANALYZER.analyze(ANALYZER.read(options), drl, options), Reports.Format.json);
      assertEquals(b, a, "report of " + in);
    }
  }

  @Test
  void anUnchangedCopyIsRecognisedByContentNotPlace(@TempDir Path tmp) throws Exception {
    Path copy = copyOfBuiltIn(tmp);
    assertTrue(compiler().compile(List.of(copy)).origin().contains("pre-compiled"));
  }

  @Test
  void anEditedBuiltInFileIsCompiledNowAndSaysSo(@TempDir Path tmp) throws Exception {
    Path copy = copyOfBuiltIn(tmp);
    Path drl = firstDrl(copy);
    String rule = "\nrule \"added after the build\"\n  @id(\"T-ADDED-1\")\nwhen\n  Event( type == \"x.added\" )\nthen\nend\n";
    Files.writeString(drl, Files.readString(drl) + rule);
    List<String> notices = new ArrayList<>();
    RuleBase rules = compiler().notices(notices::add).compile(List.of(copy));
    assertTrue(rules.origin().contains("compiled now"), rules.origin());
    assertTrue(rules.byIdOrName("T-ADDED-1").isPresent(), "the edit is picked up");
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(notices.get(0).contains("differs from the rules pre-compiled at build time"), notices.get(0));
  }

  @Test
  void aBrokenEditIsReportedAtItsLine(@TempDir Path tmp) throws Exception {
    Path copy = copyOfBuiltIn(tmp);
    Path drl = firstDrl(copy);
    List<String> lines = new ArrayList<>(Files.readAllLines(drl));
    lines.add("rule \"broken\"\nwhen\n  Event( type == )\nthen\nend");
    Files.write(drl, lines, StandardCharsets.UTF_8);
    RuleException e = assertThrows(RuleException.class, () -> compiler().compile(List.of(copy)));
    RuleProblem p = e.problems().get(0);
    assertEquals(RuleCompiler.display(drl), p.file());
    assertEquals(lines.size() + 3 - 1, p.line(), p.toString()); // the line of "Event( type == )"
  }

  @Test
  void aUserFolderBesideThePreCompiledRulesBehavesAsIfAllWereCompiledNow() throws Exception {
    Path user = RuleCompilerTest.RULES.resolve("custom-hypothesis");
    RuleBase mixed = compiler().compile(List.of(BUILT_IN, user));
    assertTrue(mixed.origin().contains("pre-compiled at build time, 1 more file(s) compiled now"), mixed.origin());
    RuleBase drl = compiler().usePrecompiled(false).compile(List.of(BUILT_IN, user));
    assertEquals(drl.rules(), mixed.rules());
    for (String sample : List.of("kt-2021-10-25", "cloudflare-2024-06-20", "kakao-2022-10-15")) {
      AnalysisOptions options = AnalysisOptions.builder().input(TestAnalysis.home().resolve("sample-logs/" + sample).toString())
          .rules(BUILT_IN).rules(user).build();
      assertEquals(Reports.render(ANALYZER.analyze(ANALYZER.read(options), drl, options), Reports.Format.json),
          Reports.render(ANALYZER.analyze(ANALYZER.read(options), mixed, options), Reports.Format.json), sample);
    }
  }

  @Test
  void queriesAreKnownWhicheverWayTheRulesWereBuilt() throws Exception {
    // A budget stop inside query evaluation names the recursive queries (RuleSession): the rule base
    // must know them when the built-in rules come pre-compiled too.
    Path user = RunawayQueryTest.RUNAWAY;
    RuleBase mixed = compiler().compile(List.of(BUILT_IN, user));
    assertTrue(mixed.origin().contains("pre-compiled at build time"), mixed.origin());
    RuleBase drl = compiler().usePrecompiled(false).compile(List.of(BUILT_IN, user));
    assertEquals(drl.queries(), mixed.queries());
    assertEquals(List.of(new QueryInfo("reaches", new org.hindsight.facts.SourceRef(RuleCompiler.display(user.resolve("runaway.drl")), 7),
        true)), mixed.queries());
  }

  @Test
  void anErrorInAUserFolderReadsAsWithoutPreCompilation() {
    Path user = RuleCompilerTest.RULES.resolve("syntax-error");
    RuleException mixed = assertThrows(RuleException.class, () -> compiler().compile(List.of(BUILT_IN, user)));
    RuleException drl = assertThrows(RuleException.class,
        () -> compiler().usePrecompiled(false).compile(List.of(BUILT_IN, user)));
    assertEquals(drl.problems(), mixed.problems());
    assertTrue(mixed.problems().stream().anyMatch(p -> p.file().endsWith("syntax-error/broken.drl") && p.line() == 7),
        mixed.problems().toString());
  }

  @Test
  void aRuleBaseBuiltAheadIsTakenOnlyByAMatchingFolderAndItsOwnLoader(@TempDir Path tmp) throws Exception {
    ClassLoader loader = org.hindsight.plugin.Plugins.current();
    RuleCompiler.loadPrecompiledAhead(loader);
    assertTrue(PrecompiledRules.buildingAhead());
    RuleBase taken = compiler().compile(List.of(BUILT_IN));
    assertTrue(taken.origin().contains("pre-compiled at build time"), taken.origin());
    assertFalse(PrecompiledRules.buildingAhead(), "taken once: a package belongs to one rule base");
    assertEquals(builtInFromDrl().rules(), taken.rules());
    assertTrue(taken.kieBase() != compiler().compile(List.of(BUILT_IN)).kieBase(), "the next compilation builds its own");

    // A folder edited since the build is compiled from DRL; what was built ahead is dropped.
    RuleCompiler.loadPrecompiledAhead(loader);
    Path copy = copyOfBuiltIn(tmp);
    Path drl = firstDrl(copy);
    Files.writeString(drl, Files.readString(drl) + "\nrule \"edited\"\nwhen\n  Event( type == \"x.edited\" )\nthen\nend\n");
    RuleBase edited = compiler().compile(List.of(copy));
    assertTrue(edited.origin().contains("compiled now"), edited.origin());
    assertTrue(edited.rule("edited").isPresent());
    assertFalse(PrecompiledRules.buildingAhead(), "dropped");

    // Built for another class loader (plugins): never used for this one.
    try (java.net.URLClassLoader other = new java.net.URLClassLoader(new java.net.URL[0], loader)) {
      RuleCompiler.loadPrecompiledAhead(other);
      RuleBase mine = compiler().compile(List.of(BUILT_IN));
      ClassLoader parent = ((org.drools.kiesession.rulebase.InternalKnowledgeBase) mine.kieBase()).getRootClassLoader().getParent();
      assertTrue(parent instanceof MissingClassCache, "misses answered once: " + parent);
      assertTrue(parent.getParent() == loader);
      assertFalse(PrecompiledRules.buildingAhead());
    }
  }

  /**
   * Which event types the built-in rules read is known from the build's probes, with no DRL compiled:
   * the same answer as the probes compiled now, on every type of the samples and fixtures and on log
   * noise; rules compiled now (an edited folder, another folder beside) leave the question to the
   * run-time probe.
   */
  @Test
  void theBuildFoundWhichEventTypesTheBuiltInRulesRead(@TempDir Path tmp) throws Exception {
    java.util.Set<String> types = new java.util.TreeSet<>(List.of("app.log", "gc.pause", "user.login", "config.validated",
        "adjacency.up", "traffic.shift", "backbone.congestion", "datacenter.flood", "dc.blackout", "maintenance.started",
        "quota_policy.inserted", "SetIamPolicy", "consul.check.critical", "NodeNotReady", "x.edited"));
    List<Path> inputs = new ArrayList<>();
    try (Stream<Path> s = Files.list(TestAnalysis.home().resolve("sample-logs"))) {
      s.filter(Files::isDirectory).sorted().forEach(inputs::add);
    }
    inputs.addAll(FixtureRunner.fixtures(BUILT_IN));
    for (Path in : inputs) {
      var log = ANALYZER.read(AnalysisOptions.builder().input(in.toString()).build()).eventLog();
      for (int i = 0; i < log.size(); i++) types.add(log.type(i));
    }
    assertTrue(types.size() > 100, "types of every sample and fixture: " + types.size());
    RuleBase pre = compiler().compile(List.of(BUILT_IN));
    assertTrue(pre.mayKnowEventReads());
    RuleEventReads.Reads known = pre.knownEventReads(types);
    RuleEventReads.Reads now = RuleEventReads.reads(List.of(BUILT_IN), types);
    assertNotNull(known);
    assertEquals(now, known, "the build's probes answer as the probes compiled now");
    assertFalse(known.inSession().contains("app.log"), known.inSession().toString());
    assertTrue(known.inSession().contains("service.down"), known.inSession().toString());
    assertFalse(known.matchedOnce().isEmpty(), "some events may leave once matched (the change rule's)");

    assertFalse(builtInFromDrl().mayKnowEventReads(), "compiled now: only a run-time probe can say");
    assertEquals(null, builtInFromDrl().knownEventReads(types));
    Path user = RuleCompilerTest.RULES.resolve("custom-hypothesis");
    assertEquals(null, compiler().compile(List.of(BUILT_IN, user)).knownEventReads(types), "a user's folder beside them");
    Path copy = copyOfBuiltIn(tmp);
    Path drl = firstDrl(copy);
    Files.writeString(drl, Files.readString(drl) + "\nrule \"edited\"\nwhen\n  Event( type == \"app.log\" )\nthen\nend\n");
    assertEquals(null, compiler().compile(List.of(copy)).knownEventReads(types), "an edited built-in file");
    assertTrue(RuleEventReads.reads(List.of(copy), types).inSession().contains("app.log"), "which the run-time probe sees");
  }

  private static Path copyOfBuiltIn(Path tmp) throws IOException {
    Path copy = tmp.resolve("rules");
    try (Stream<Path> s = Files.walk(BUILT_IN)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".drl")).toList()) {
        Path to = copy.resolve(BUILT_IN.relativize(p).toString());
        Files.createDirectories(to.getParent());
        Files.copy(p, to);
      }
    }
    return copy;
  }

  private static Path firstDrl(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".drl")).sorted().findFirst().orElseThrow();
    }
  }
}
