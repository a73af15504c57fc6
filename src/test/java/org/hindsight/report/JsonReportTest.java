package org.hindsight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportTest {
  static JsonNode json() throws Exception {
    return JsonReport.mapper().readTree(JsonReport.render(ReportFixture.validated()));
  }

  @Test
  void keepsTheContractFields() throws Exception {
    JsonNode root = json();
    JsonNode hyps = root.get("hypotheses");
    assertEquals(2, hyps.size());
    for (JsonNode h : hyps) {
      for (String field : List.of("pattern", "subject", "site", "confidence", "verdict", "cause", "trigger", "evidence")) {
        assertTrue(h.has(field), field + " missing in " + h);
      }
      assertTrue(h.get("confidence").isNumber());
      assertTrue(h.get("evidence").isArray());
    }
    JsonNode best = hyps.get(0);
    assertEquals("test-cascade", best.get("pattern").asText());
    assertEquals("edge-1", best.get("subject").asText());
    assertEquals("dc-north", best.get("site").asText());
    assertEquals("confirmed", best.get("verdict").asText());
    assertEquals("src/test/resources/report/incident/events.csv", best.get("cause").get("file").asText());
    assertEquals(2, best.get("cause").get("line").asInt());
    assertEquals(2, best.get("trigger").get("line").asInt());
    JsonNode ev = best.get("evidence").get(0);
    assertEquals(3, ev.get("line").asInt());
    assertTrue(ev.get("text").asText().contains("service.down,api-1"));
    assertTrue(hyps.get(1).get("site").isNull(), "no site → null");
    assertTrue(hyps.get(1).get("trigger").isNull());
  }

  @Test
  void addsTimelineImpactDetectionAndActions() throws Exception {
    JsonNode root = json();
    JsonNode timeline = root.get("timeline");
    assertEquals(8, timeline.size());
    JsonNode first = timeline.get(0);
    assertEquals("2024-03-05T09:58:00+01:00", first.get("time").asText());
    assertEquals("src/test/resources/report/incident/events.csv", first.get("file").asText());
    assertEquals(2, first.get("line").asInt());
    assertTrue(first.get("text").asText().contains("<script>alert(1)</script>"), "JSON carries the raw text");
    assertEquals("cause", first.get("category").asText());

    JsonNode impact = root.get("impact");
    assertEquals(1200.0, impact.get("durationSeconds").asDouble());
    assertEquals("2024-03-05T10:01:00+01:00", impact.get("onset").asText());
    assertEquals(0.42, impact.get("errorRatioPeaks").get(0).get("value").asDouble());
    assertEquals("dc-north", impact.get("errorRatioPeaks").get(0).get("entity").asText());
    // api-1, api-2 (explained), db-1 and the two data centres whose error ratio rose while they were down
    assertEquals(5, impact.get("affected").size());
    assertEquals("db-1", impact.get("unrecovered").get(0).asText());
    assertEquals(1, impact.get("unrecovered").size(), "error ratios back at baseline are recoveries");
    assertEquals("explanation", impact.get("basis").asText());
    assertEquals("H1", impact.get("explainedBy").asText());
    assertEquals("outage", impact.get("recoveryTier").asText(), "the end of the last down, not of the lesser error episodes");
    JsonNode north = null;
    for (JsonNode a : impact.get("affected")) if (a.get("entity").asText().equals("dc-north")) north = a;
    assertEquals("2024-03-05T10:22:00+01:00", north.get("until").asText(), "the error ratio's first sample back near baseline");
    assertEquals(6, north.get("untilRecord").get("line").asInt());
    assertTrue(impact.get("allClear").isNull(), "db-1 is still degraded at the end of the logs");
    assertEquals(0, impact.get("outside").size());

    assertEquals(120.0, root.get("detection").get("delaySeconds").asDouble());
    assertEquals(120.0, root.get("detection").get("detectSeconds").asDouble(), "the declaration is the first incident record");
    assertTrue(root.get("detection").get("resolved").isNull());
    assertEquals(3, root.get("resolution").size());
    assertEquals("Stage pushes behind a canary host", root.get("actionItems").get(0).get("action").asText());
    assertTrue(root.get("hypotheses").get(0).get("rule").get("notes").asText().contains("one mistake"));
    assertTrue(root.get("hypotheses").get(0).get("validation").get("explanation").asText().startsWith("Confirmed by replay"));
    assertTrue(root.get("summary").get(0).asText().startsWith("Most likely root cause"));
  }

  @Test
  void chartsAreInTheJsonToo() throws Exception {
    JsonNode charts = json().get("hypotheses").get(0).get("replay").get("charts");
    assertEquals(2, charts.size());
    assertEquals(3, charts.get(0).get("series").size());
    assertEquals("without-cause", charts.get(0).get("series").get(2).get("role").asText());
  }

  @Test
  void sameInputGivesIdenticalBytes() throws Exception {
    assertEquals(JsonReport.render(ReportFixture.validated()),
        JsonReport.render(ReportFixture.analyze(ReportFixture.options().build())));
  }

  @Test
  void hypothesesAreNumberedAsInTheMarkdownWhateverTheAnalysisOrder() throws Exception {
    org.hindsight.analysis.Analysis a = ReportFixture.validated();
    assertTrue(a.assessments().size() == 2 && a.assessments().get(0).validation().verdict().live()
        && !a.assessments().get(1).validation().verdict().live(), "the fixture has one live hypothesis, then one set aside");
    // The set-aside hypothesis first in the analysis: the report still numbers the live one H1.
    org.hindsight.analysis.Analysis reversed = new org.hindsight.analysis.Analysis(
        List.of(a.assessments().get(1), a.assessments().get(0)), a.findings(), a.unexplained(), a.world(), a.rules(),
        a.firings(), a.input(), a.validationTime());
    JsonNode hyps = JsonReport.mapper().readTree(JsonReport.render(reversed)).get("hypotheses");
    assertEquals("H1", hyps.get(0).get("id").asText());
    assertEquals("confirmed", hyps.get(0).get("verdict").asText());
    assertEquals("H2", hyps.get(1).get("id").asText());
    String markdown = MarkdownReport.render(reversed);
    assertTrue(markdown.contains("### H1. ") && markdown.indexOf("### H1. ") < markdown.indexOf("### H2. "), markdown);
    JsonNode explainedBy = JsonReport.mapper().readTree(JsonReport.render(reversed)).get("impact").get("explainedBy");
    assertTrue(explainedBy.isNull() || explainedBy.asText().equals("H1"), "impact cites " + explainedBy);
  }

  @Test
  void aRuleAndExplanationRepeatedBySetAsideHypothesesAreGivenInFullOnceAndNamedAfterwards() throws Exception {
    // 25 refuted copies of a rule's hypothesis: more than DETAILED, so the later ones are set aside
    org.hindsight.analysis.Analysis base = ReportFixture.validated();
    org.hindsight.analysis.Assessment ruled = base.assessments().stream().filter(a -> a.rule() != null).findFirst().orElseThrow();
    List<org.hindsight.analysis.Assessment> all = new java.util.ArrayList<>(base.assessments());
    for (int i = 0; i < 25; i++)
      all.add(new org.hindsight.analysis.Assessment(ruled.hypothesis().toBuilder().detail("copy", "" + i).build(), ruled.rule(),
          new org.hindsight.simulate.Validation(org.hindsight.simulate.Verdict.REFUTED, 0, 0, 0.01, List.of(), List.of(), List.of(), "",
              List.of(), null, List.of()), null));
    JsonNode json = JsonReport.mapper().readTree(JsonReport.render(new org.hindsight.analysis.Analysis(all, base.findings(),
        base.unexplained(), base.world(), base.rules(), base.firings(), base.input(), base.validationTime())));
    java.util.Map<String, JsonNode> full = new java.util.HashMap<>();
    int named = 0;
    for (JsonNode h : json.get("hypotheses")) {
      JsonNode r = h.get("rule");
      if (r.isNull()) continue;
      String id = h.get("id").asText();
      if (r.has("sameAs")) {
        named++;
        assertTrue(Integer.parseInt(id.substring(1)) > JsonReport.DETAILED, id + " is detailed: its rule in full");
        JsonNode first = full.get(r.get("sameAs").asText());
        assertTrue(first != null, id + ": sameAs must name an earlier hypothesis with the rule in full");
        for (String k : List.of("id", "file", "line")) assertEquals(first.get(k), r.get(k), id + " " + k);
        assertEquals(java.util.Set.of("id", "file", "line", "sameAs"), fieldNames(r), id);
      } else {
        assertTrue(r.has("title") && r.has("remediation"), id + ": a rule not named sameAs is in full");
        full.putIfAbsent(id, r);
      }
    }
    assertTrue(named > 0, "the bundle's set-aside hypotheses share rules: their texts are written once");
    java.util.Map<String, String> explanations = new java.util.HashMap<>();
    int sameExplanation = 0;
    for (JsonNode h : json.get("hypotheses")) {
      JsonNode v = h.get("validation");
      if (v.has("explanationSameAs")) {
        sameExplanation++;
        assertTrue(v.get("explanation").isNull(), h.get("id").asText());
        assertTrue(explanations.containsKey(v.get("explanationSameAs").asText()), h.get("id").asText() + ": names an earlier explanation");
      } else explanations.put(h.get("id").asText(), v.get("explanation").asText());
    }
    assertTrue(sameExplanation > 0, "the refuted copies' explanation is written once");
  }

  private static java.util.Set<String> fieldNames(JsonNode n) {
    java.util.Set<String> out = new java.util.HashSet<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
