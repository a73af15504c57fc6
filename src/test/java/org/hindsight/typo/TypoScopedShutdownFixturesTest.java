package org.hindsight.typo;

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

/** Runs every fixture of the pattern through the real pipeline and checks its expect.json. */
class TypoScopedShutdownFixturesTest {
  static Stream<Path> fixtures() throws Exception {
    try (Stream<Path> s = Files.list(TestAnalysis.home().resolve("rules/typo-scoped-shutdown/fixtures"))) {
      return s.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixtureMeetsItsExpectations(Path dir) throws Exception {
    JsonNode expect = new ObjectMapper().readTree(dir.resolve("expect.json").toFile());
    Analysis a = TestAnalysis.analyze(dir);
    String seen = describe(a, dir);
    for (JsonNode e : expect.path("expect")) {
      assertTrue(a.assessments().stream().anyMatch(x -> matches(x, e, dir, false)), "expected " + e + " in " + seen);
    }
    for (JsonNode f : expect.path("forbid")) {
      assertFalse(a.assessments().stream().anyMatch(x -> x.validation().verdict().live() && matches(x, f, dir, true)),
          "forbidden " + f + " in " + seen);
    }
    if (expect.path("none").asBoolean(false)) assertEquals(List.of(), a.live().stream().map(x -> x.hypothesis().toString()).toList());
    for (JsonNode f : expect.path("findings")) {
      assertTrue(a.findings().stream().anyMatch(x -> x.finding().kind().equals(f.path("kind").asText())
          && (!f.has("subject") || x.finding().subject().equals(f.path("subject").asText()))), "finding " + f + " missing");
    }
  }

  private static boolean matches(Assessment a, JsonNode e, Path dir, boolean anyVerdict) {
    var h = a.hypothesis();
    if (e.has("pattern") && !h.pattern().equals(e.get("pattern").asText())) return false;
    if (e.has("subject") && !h.subject().equals(e.get("subject").asText())) return false;
    if (e.has("cause") && !e.get("cause").asText().equals(relative(h.cause(), dir))) return false;
    if (!anyVerdict && e.has("verdict")) {
      String v = e.get("verdict").asText();
      String actual = a.validation().verdict().word();
      if (v.equals("live") ? !a.validation().verdict().live() : !v.equals(actual)) return false;
    }
    return true;
  }

  static String relative(SourceRef ref, Path dir) {
    if (ref == null) return "";
    Path file = Path.of(ref.file());
    Path rel = file.isAbsolute() == dir.isAbsolute() ? dir.normalize().relativize(file.normalize()) : file.getFileName();
    return rel.toString().replace('\\', '/') + ":" + ref.line();
  }

  private static String describe(Analysis a, Path dir) {
    StringBuilder b = new StringBuilder();
    for (Assessment x : a.assessments()) {
      b.append("\n  ").append(x.hypothesis().pattern()).append('(').append(x.hypothesis().subject()).append(") ")
          .append(x.validation().verdict().word()).append(" @").append(relative(x.hypothesis().cause(), dir))
          .append(" — ").append(x.validation().summary());
    }
    a.findings().forEach(f -> b.append("\n  finding ").append(f.finding().kind()).append(' ').append(f.finding().subject()));
    return b.length() == 0 ? "(nothing)" : b.toString();
  }
}
