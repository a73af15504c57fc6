package org.hindsight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.hindsight.analysis.Analysis;
import org.hindsight.observe.Symptom;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;

/** Every report lists the incident's symptoms, whether or not a rule fired; with none it says so (issue 13, item 1). */
class SymptomsListedTest {
  static final Path CERT = TestAnalysis.home().resolve("sample-logs/cert-expiry-example");

  @Test
  void withNoRuleAtAllTheSymptomsAreStillListedInEveryFormat() throws Exception {
    Path empty = java.nio.file.Files.createTempDirectory("no-rules");
    Analysis a = TestAnalysis.analyze(List.of(empty), CERT);
    assertTrue(a.assessments().isEmpty(), "no rule, no hypothesis");
    List<Symptom> symptoms = a.symptoms();
    assertEquals(5, symptoms.size(), symptoms.toString());

    String md = MarkdownReport.render(a);
    assertTrue(md.contains("## Symptoms"), md);
    String section = md.substring(md.indexOf("## Symptoms"), md.indexOf("## Trigger"));
    for (Symptom s : symptoms) {
      assertTrue(section.contains("| " + s.entity() + " | " + s.kind()), s + " in " + section);
      assertTrue(section.contains("events.csv:" + s.evidence().line()), "its record is cited");
    }
    assertTrue(section.contains("— (not over in the logs)"), "search never recovers: said, not left blank");
    assertTrue(md.contains("No rule found a root-cause pattern in these logs. 5 symptom(s) on 5 entities"), md);

    JsonNode json = JsonReport.toJson(a);
    assertEquals(5, json.get("symptoms").size());
    assertEquals("service.down", json.get("symptoms").get(0).get("kind").asText());
    assertEquals("reporting", json.get("symptoms").get(0).get("entity").asText());
    assertTrue(json.get("symptoms").get(0).has("end"), "a recovered symptom carries its end");

    String html = HtmlReport.render(a);
    for (Symptom s : symptoms) assertTrue(html.contains("<b>" + s.entity() + "</b>"), s.entity());
    assertTrue(BriefReport.render(a).contains("Symptoms: 5 (4 service.down, 1 service.degraded)"), BriefReport.render(a));
  }

  @Test
  void aBundleWithoutSymptomsSaysSoPlainly() throws Exception {
    Analysis a = TestAnalysis.analyze(TestAnalysis.home().resolve("rules/change-correlation/fixtures/noisy-healthy-day"));
    assertTrue(a.symptoms().isEmpty());
    String md = MarkdownReport.render(a);
    String section = md.substring(md.indexOf("## Symptoms"), md.indexOf("## Trigger"));
    assertTrue(section.contains("The logs show no symptom"), section);
    assertTrue(md.contains("No rule found a root-cause pattern in these logs. The logs show no symptom"), md);
    assertEquals(0, JsonReport.toJson(a).get("symptoms").size());
    assertTrue(HtmlReport.render(a).contains("The logs show no symptom"));
    assertTrue(BriefReport.render(a).contains("Symptoms: none in the logs"));
  }

  @Test
  void manySymptomsAreCompactedByKindInMarkdownNeverCutAndAllShownInHtml() throws Exception {
    Analysis a = TestAnalysis.analyze(TestAnalysis.home().resolve("sample-logs/kt-2021-10-25"));
    int n = a.symptoms().size();
    assertTrue(n > Postmortem.MAX_SYMPTOM_ROWS, n + " symptoms");
    String md = MarkdownReport.render(a);
    String section = md.substring(md.indexOf("## Symptoms"), md.indexOf("## Trigger"));
    long kinds = a.symptoms().stream().map(Symptom::kind).distinct().count();
    List<String> rows = section.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| entities")).toList();
    assertEquals(kinds, rows.size(), "one row per kind: " + section);
    assertTrue(rows.stream().allMatch(l -> l.matches("\\| (\\d+ on \\d+: .*|[^|]+ \\| .*)")), section);
    assertTrue(section.contains("(+"), "long entity lists end in +N more");
    assertTrue(section.contains("_" + n + " symptoms in " + kinds + " rows by kind; each one, with its records, is in the JSON report"), section);
    assertEquals(n, JsonReport.toJson(a).get("symptoms").size());
    String html = HtmlReport.render(a);
    String htmlSection = html.substring(html.indexOf("<section id=\"symptoms\">"), html.indexOf("<section id=\"trigger\">"));
    assertFalse(htmlSection.contains("JSON"), "the HTML shows every symptom itself");
    for (Symptom s : a.symptoms()) {
      String file = Path.of(s.evidence().file()).getFileName().toString();
      assertTrue(htmlSection.contains(file + ":" + s.evidence().line()), s + " cited in the HTML");
    }
  }
}
