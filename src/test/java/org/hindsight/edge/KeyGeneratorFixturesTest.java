package org.hindsight.edge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.engine.Detection;
import org.hindsight.facts.SourceRef;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture of the recursive-key-generator pattern meets its expect.json (variants found, near-misses silent). */
class KeyGeneratorFixturesTest {
  static final Path FIXTURES = TestAnalysis.home().resolve("rules/recursive-key-generator/fixtures");

  static Stream<String> fixtures() throws Exception {
    try (Stream<Path> s = Files.list(FIXTURES)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void fixtureMeetsItsExpectations(String name) throws Exception {
    Path dir = FIXTURES.resolve(name);
    JsonNode expect = new ObjectMapper().readTree(dir.resolve("expect.json").toFile());
    Analysis a = TestAnalysis.analyze(dir);
    for (JsonNode e : expect.path("expect")) {
      assertTrue(a.assessments().stream().anyMatch(x -> matches(x, e, dir)),
          name + ": no hypothesis matches " + e + "; got " + a.assessments().stream().map(x -> x.hypothesis() + " "
              + x.validation().verdict().word()).toList());
    }
    for (JsonNode f : expect.path("forbid")) {
      assertFalse(a.live().stream().anyMatch(x -> matches(x, f, dir)), name + ": forbidden live hypothesis " + f);
    }
    if (expect.path("none").asBoolean(false)) {
      assertTrue(a.live().isEmpty(), name + ": expected no live hypothesis, got " + a.live().stream().map(Assessment::hypothesis).toList());
    }
    for (JsonNode f : expect.path("findings")) {
      assertTrue(a.findings().stream().anyMatch(x -> matchesFinding(x, f)), name + ": no finding matches " + f
          + "; got " + a.findings().stream().map(x -> x.finding().kind() + " " + x.finding().subject()).toList());
    }
  }

  static boolean matches(Assessment a, JsonNode e, Path dir) {
    var h = a.hypothesis();
    if (e.has("pattern") && !e.get("pattern").asText().equals(h.pattern())) return false;
    if (e.has("subject") && !e.get("subject").asText().equals(h.subject())) return false;
    if (e.has("cause") && !sameRef(h.cause(), e.get("cause").asText(), dir)) return false;
    if (e.has("verdict")) {
      String v = e.get("verdict").asText();
      if (v.equals("live") ? !a.validation().verdict().live() : !v.equals(a.validation().verdict().word())) return false;
    }
    return true;
  }

  static boolean matchesFinding(Detection.OfFinding d, JsonNode e) {
    var f = d.finding();
    return (!e.has("kind") || e.get("kind").asText().equals(f.kind()))
        && (!e.has("pattern") || e.get("pattern").asText().equals(f.pattern()))
        && (!e.has("subject") || e.get("subject").asText().equals(f.subject()));
  }

  static boolean sameRef(SourceRef ref, String expected, Path dir) {
    if (ref == null) return false;
    int colon = expected.lastIndexOf(':');
    Path file = dir.resolve(expected.substring(0, colon)).normalize();
    return Path.of(ref.file()).toAbsolutePath().normalize().equals(file.toAbsolutePath())
        && ref.line() == Integer.parseInt(expected.substring(colon + 1));
  }
}
