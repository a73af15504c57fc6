package org.hindsight.missingexit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.SourceRef;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every missing-exit fixture through the real pipeline and checks its expect.json. */
class MissingExitFixturesTest {
  static Stream<Path> fixtures() throws Exception {
    try (Stream<Path> s = Files.list(TestAnalysis.home().resolve("rules/missing-exit/fixtures"))) {
      return s.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixtureMeetsItsExpectations(Path dir) throws Exception {
    JsonNode expect = new ObjectMapper().readTree(dir.resolve("expect.json").toFile());
    Analysis a = TestAnalysis.analyze(dir);
    for (JsonNode e : expect.path("expect")) {
      boolean found = a.assessments().stream().anyMatch(x -> matches(x, e, dir));
      assertTrue(found, dir.getFileName() + ": no hypothesis matches " + e + "; got " + describe(a));
    }
    for (JsonNode f : expect.path("forbid")) {
      List<Assessment> bad = a.live().stream().filter(x -> x.hypothesis().pattern().equals(f.path("pattern").asText())).toList();
      assertTrue(bad.isEmpty(), dir.getFileName() + ": forbidden live hypothesis " + describe(a));
    }
    if (expect.path("none").asBoolean(false)) {
      assertTrue(a.live().isEmpty(), dir.getFileName() + ": expected no live hypothesis, got " + describe(a));
    }
    for (JsonNode f : expect.path("findings")) {
      boolean found = a.findings().stream().anyMatch(x -> x.finding().kind().equals(f.path("kind").asText())
          && x.finding().pattern().equals(f.path("pattern").asText())
          && x.finding().subject().equals(f.path("subject").asText()));
      assertTrue(found, dir.getFileName() + ": no finding " + f + " among " + a.findings());
    }
  }

  static boolean matches(Assessment x, JsonNode e, Path dir) {
    var h = x.hypothesis();
    if (e.has("pattern") && !h.pattern().equals(e.get("pattern").asText())) return false;
    if (e.has("subject") && !h.subject().equals(e.get("subject").asText())) return false;
    if (e.has("verdict")) {
      String v = e.get("verdict").asText();
      boolean ok = v.equals("live") ? x.validation().verdict().live() : x.validation().verdict().word().equals(v);
      if (!ok) return false;
    }
    if (e.has("cause")) {
      SourceRef c = h.cause();
      String[] want = e.get("cause").asText().split(":");
      if (c == null || !Path.of(c.file()).getFileName().toString().equals(want[0]) || c.line() != Integer.parseInt(want[1])) return false;
    }
    return true;
  }

  static String describe(Analysis a) {
    return a.assessments().stream().map(x -> x.hypothesis() + " " + x.validation().verdict().word() + " (" + x.validation().summary() + ")").toList().toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void confirmedReplaysSayWhatTheExitWouldHaveDone(Path dir) throws Exception {
    Analysis a = TestAnalysis.analyze(dir);
    for (Assessment x : TestAnalysis.live(a, "missing-exit")) {
      String text = String.join("\n", x.replay().narrative());
      assertTrue(text.contains("Counterfactual: with `"), text);
      assertTrue(text.contains(": 0 of "), "the counterfactual removes every surge: " + text);
      assertFalse(x.replay().withCause().isEmpty());
      assertEquals(0, x.replay().withoutCause().size());
    }
  }
}
