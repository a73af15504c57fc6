package org.hindsight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;

/**
 * The JSON stays linear in what it says: lists that grow with the logs are listed up to a cap,
 * counted in full, and symptoms are referenced by id into one shared list, so nothing is lost.
 */
class JsonReportSizeTest {
  @Test
  void symptomIdsCoverEveryUnexplainedSymptomAndResolveInTheSharedList() throws Exception {
    for (String sample : List.of("kt-2021-10-25", "cloudflare-2024-06-20", "kakao-2022-10-15")) {
      JsonNode root = JsonReport.toJson(TestAnalysis.analyze(TestAnalysis.home().resolve("sample-logs/" + sample)));
      Map<String, JsonNode> byId = new HashMap<>();
      for (JsonNode s : root.get("scoredSymptoms")) byId.put(s.get("id").asText(), s);
      assertFalse(byId.isEmpty(), sample);
      int h = 1;
      for (JsonNode hyp : root.get("hypotheses")) {
        String hid = "H" + h++;
        assertEquals(hid, hyp.get("id").asText());
        JsonNode v = hyp.get("validation");
        Set<String> all = expand(v.get("unexplainedIds"));
        assertEquals(v.get("unexplainedCount").asInt(), all.size(), sample + " " + hid);
        assertTrue(v.get("unexplained").size() <= JsonReport.LISTED);
        for (JsonNode s : v.get("unexplained")) assertTrue(all.contains(s.get("id").asText()), sample + " " + hid + " lists " + s);
        for (String id : all) assertTrue(byId.containsKey(id), id + " is in scoredSymptoms");
        for (JsonNode s : v.get("explained")) {
          JsonNode shared = byId.get(s.get("id").asText());
          assertEquals(s.get("entity"), shared.get("entity"));
          Set<String> by = new HashSet<>();
          shared.get("explainedBy").forEach(b -> by.add(b.asText()));
          assertTrue(by.contains(hid), s + " is explained by " + hid);
        }
      }
      assertEquals(root.get("unexplainedCount").asInt(), expand(root.get("unexplainedIds")).size(), sample);
      assertEquals(root.get("resolutionCount").asInt(),
          sum(root.get("resolutionGroups")), sample + ": the groups account for every recovery and mitigation");
    }
  }

  @Test
  void sampledKeepsFirstLastAndAtMostN() {
    List<Integer> items = IntStream.range(0, 1000).boxed().toList();
    List<Integer> kept = JsonReport.sampled(items, 24);
    assertEquals(24, kept.size());
    assertEquals(0, kept.get(0));
    assertEquals(999, kept.get(23));
    for (int i = 1; i < kept.size(); i++) assertTrue(kept.get(i) > kept.get(i - 1));
    assertEquals(List.of(1, 2, 3), JsonReport.sampled(List.of(1, 2, 3), 24));
  }

  private static int sum(JsonNode groups) {
    int n = 0;
    for (JsonNode g : groups) n += g.get("count").asInt();
    return n;
  }

  static Set<String> expand(JsonNode ranges) {
    Set<String> out = new HashSet<>();
    for (JsonNode r : ranges) {
      String[] ends = r.asText().split("-");
      int from = Integer.parseInt(ends[0].substring(1));
      int to = ends.length == 1 ? from : Integer.parseInt(ends[1].substring(1));
      for (int i = from; i <= to; i++) out.add("S" + i);
    }
    return out;
  }
}
