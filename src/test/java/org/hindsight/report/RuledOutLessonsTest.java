package org.hindsight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hindsight.bench.BundleGenerator;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated incident whose ops log names many decoys: the lessons say once that a pattern was refuted on many
 * subjects (each still a hypothesis with its figures) and keep one lesson per refuted hypothesis where they are few.
 */
class RuledOutLessonsTest {
  @TempDir Path dir;

  @Test
  void aPatternRefutedOnManySubjectsIsOneLessonAndOnFewOneLessonEach() throws Exception {
    new BundleGenerator(60_000, 1).writeTo(dir);
    JsonNode json = JsonReport.toJson(TestAnalysis.analyze(dir));
    Map<String, Integer> refuted = new HashMap<>();
    for (JsonNode h : json.get("hypotheses")) {
      if (h.get("verdict").asText().equals("refuted")) refuted.merge(h.get("pattern").asText(), 1, Integer::sum);
    }
    assertTrue(refuted.values().stream().anyMatch(n -> n >= Postmortem.RULED_OUT_GROUPED), refuted + ": the bundle must refute one pattern often");
    assertTrue(refuted.values().stream().anyMatch(n -> n < Postmortem.RULED_OUT_GROUPED), refuted + ": and another one seldom");
    List<String> ruledOut = new ArrayList<>();
    for (JsonNode l : json.get("lessons")) if (l.get("kind").asText().equals("ruled-out")) ruledOut.add(l.get("text").asText());
    for (Map.Entry<String, Integer> e : refuted.entrySet()) {
      String pattern = e.getKey();
      long one = ruledOut.stream().filter(t -> t.startsWith(pattern + " on ")).count();
      long grouped = ruledOut.stream().filter(t -> t.startsWith(pattern + " was refuted by replay on " + e.getValue() + " subjects (")).count();
      boolean many = e.getValue() >= Postmortem.RULED_OUT_GROUPED;
      assertEquals(many ? 1 : 0, grouped, ruledOut.toString());
      assertEquals(many ? 0 : e.getValue().longValue(), one, ruledOut.toString());
    }
    assertEquals(ruledOut.size(), refuted.values().stream().mapToLong(n -> n >= Postmortem.RULED_OUT_GROUPED ? 1 : n).sum());
  }
}
