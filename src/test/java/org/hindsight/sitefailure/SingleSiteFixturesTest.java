package org.hindsight.sitefailure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.analysis.Assessment;
import org.hindsight.engine.Detection;
import org.hindsight.engine.RuleBase;
import org.hindsight.facts.Finding;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.SourceRef;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every fixture of the single-site-dependency pattern through the real pipeline and checks its
 * {@code expect.json} (expect / forbid / none / findings, as in docs/architecture.md).
 */
class SingleSiteFixturesTest {
  static final Path FIXTURES = TestAnalysis.home().resolve("rules/single-site-dependency/fixtures");
  static Analyzer analyzer;
  static RuleBase rules;
  static AnalysisOptions ruleOptions;

  @BeforeAll
  static void compile() throws Exception {
    analyzer = new Analyzer();
    ruleOptions = AnalysisOptions.builder().rules(TestAnalysis.home().resolve("rules")).build();
    rules = analyzer.compileRules(ruleOptions);
  }

  static Analysis analyze(Path dir) throws Exception {
    AnalysisOptions o = AnalysisOptions.builder().rules(TestAnalysis.home().resolve("rules")).input(dir.toString()).build();
    return analyzer.analyze(analyzer.read(o), rules, o);
  }

  @TestFactory
  Stream<DynamicTest> fixtures() throws Exception {
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> s = Files.list(FIXTURES)) {
      s.filter(Files::isDirectory).sorted().forEach(dirs::add);
    }
    assertTrue(dirs.size() >= 8, "variants and near-misses present");
    return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d)));
  }

  static void check(Path dir) throws Exception {
    JsonNode expect = new ObjectMapper().readTree(dir.resolve("expect.json").toFile());
    Analysis a = analyze(dir);
    for (JsonNode e : expect.path("expect")) {
      boolean hit = a.assessments().stream().anyMatch(x -> matches(x, e, false));
      if (!hit) fail(dir.getFileName() + ": no hypothesis matches " + e + "; got " + describe(a));
    }
    for (JsonNode e : expect.path("forbid")) {
      assertFalse(a.assessments().stream().anyMatch(x -> matches(x, e, true)),
          dir.getFileName() + ": a live hypothesis matches forbidden " + e + "; got " + describe(a));
    }
    if (expect.path("none").asBoolean(false)) {
      assertTrue(a.live().isEmpty(), dir.getFileName() + ": expected no live hypothesis, got " + describe(a));
    }
    for (JsonNode e : expect.path("findings")) {
      boolean hit = a.findings().stream().map(Detection.OfFinding::finding).anyMatch(f -> matches(f, e));
      if (!hit) fail(dir.getFileName() + ": no finding matches " + e + "; got " + a.findings());
    }
  }

  static boolean matches(Assessment x, JsonNode e, boolean liveOnly) {
    Hypothesis h = x.hypothesis();
    if (liveOnly && !x.validation().verdict().live()) return false;
    if (e.has("pattern") && !e.get("pattern").asText().equals(h.pattern())) return false;
    if (e.has("subject") && !e.get("subject").asText().equals(h.subject())) return false;
    if (e.has("site") && !e.get("site").asText().equals(h.site())) return false;
    if (e.has("cause") && !sameRef(h.cause(), e.get("cause").asText())) return false;
    if (e.has("trigger") && !sameRef(h.trigger(), e.get("trigger").asText())) return false;
    if (e.has("verdict")) {
      String v = e.get("verdict").asText();
      String got = x.validation().verdict().word();
      if (v.equals("live") ? !x.validation().verdict().live() : !v.equals(got)) return false;
    }
    return true;
  }

  static boolean matches(Finding f, JsonNode e) {
    return (!e.has("kind") || e.get("kind").asText().equals(f.kind()))
        && (!e.has("pattern") || e.get("pattern").asText().equals(f.pattern()))
        && (!e.has("subject") || e.get("subject").asText().equals(f.subject()));
  }

  static boolean sameRef(SourceRef ref, String expected) {
    if (ref == null) return false;
    int colon = expected.lastIndexOf(':');
    String file = expected.substring(0, colon);
    int line = Integer.parseInt(expected.substring(colon + 1));
    String got = ref.file().replace('\\', '/');
    return ref.line() == line && (got.equals(file) || got.endsWith("/" + file));
  }

  static String describe(Analysis a) {
    StringBuilder sb = new StringBuilder();
    for (Assessment x : a.assessments()) {
      sb.append("\n  ").append(x.hypothesis()).append(" site=").append(x.hypothesis().site())
          .append(" trigger=").append(x.hypothesis().trigger()).append(' ').append(x.validation().verdict().word())
          .append(" (").append(x.validation().summary()).append(')');
    }
    return sb.toString();
  }
}
