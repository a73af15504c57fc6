package org.hindsight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.analysis.Analysis;
import org.hindsight.bench.BundleGenerator;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a generated incident big enough to need the caps (thousands of symptoms, more than 20
 * hypotheses), the JSON and HTML list up to their caps and count the rest: nothing is cut silently.
 */
class LongListsCappedTest {
  @TempDir static Path dir;
  static Analysis analysis;
  static JsonNode json;

  @BeforeAll
  static void analyse() throws Exception {
    new BundleGenerator(150_000, 5).writeTo(dir);
    analysis = TestAnalysis.analyze(dir);
    json = JsonReport.toJson(analysis);
  }

  @Test
  void symptomsAreListedUpToTheCapAndCountedInFullByKind() {
    int n = analysis.symptoms().size();
    assertTrue(n > JsonReport.LISTED_SYMPTOMS, n + " symptoms: the bundle must need the cap");
    assertEquals(JsonReport.LISTED_SYMPTOMS, json.get("symptoms").size());
    assertEquals(n, json.get("symptomCount").asInt());
    int perKind = 0;
    for (JsonNode c : json.get("symptomKinds")) perKind += c.asInt();
    assertEquals(n, perKind, "the kinds account for every symptom");
    assertEquals(analysis.symptoms().get(0).entity(), json.get("symptoms").get(0).get("entity").asText(), "first by onset");
  }

  @Test
  void everyHypothesisCountsWhatItListsAndSetAsideOnesAfterTheTwentiethListNoSymptoms() {
    for (JsonNode h : json.get("hypotheses")) {
      JsonNode v = h.get("validation");
      assertEquals(v.get("explainedCount").asInt(), JsonReportSizeTest.expand(v.get("explainedIds")).size(), h.get("id").asText());
      assertEquals(v.get("persistingWithoutCauseCount").asInt(), JsonReportSizeTest.expand(v.get("persistingWithoutCauseIds")).size(), h.get("id").asText());
      if (!v.has("terms")) continue;
      assertTrue(v.get("termCount").asInt() >= v.get("terms").size());
      int number = Integer.parseInt(h.get("id").asText().substring(1));
      boolean live = Set.of("confirmed", "plausible").contains(h.get("verdict").asText());
      if (number > JsonReport.DETAILED && !live) {
        assertEquals(0, v.get("explained").size());
        assertEquals(0, v.get("persistingWithoutCause").size());
        assertTrue(v.get("terms").size() <= 3);
      } else {
        assertEquals(v.get("explainedCount").asInt(), v.get("explained").size());
        assertEquals(v.get("termCount").asInt(), v.get("terms").size());
      }
    }
    // (whether this bundle has set-aside hypotheses after the 20th depends on its size; the
    // invariants above hold for every hypothesis either way)
  }

  @Test
  void htmlRowsOpenToAtMostTheCapAndSayHowManyMore() {
    String html = HtmlReport.render(analysis);
    Matcher more = Pattern.compile("… and (\\d+) more").matcher(html);
    assertTrue(more.find(), "some collapsed row is longer than the cap and says so");
    // No members list holds more items than the cap.
    for (String list : html.split("<ul class=\"members\">")) {
      int end = list.indexOf("</ul>");
      if (end < 0) continue;
      int items = list.substring(0, end).split("<li>", -1).length - 1;
      assertTrue(items <= HtmlReport.MEMBERS, items + " members listed");
    }
  }
}
