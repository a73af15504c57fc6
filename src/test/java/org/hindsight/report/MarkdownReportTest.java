package org.hindsight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.analysis.Analysis;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
  static final List<String> SECTIONS = List.of("## Summary", "## Impact", "## Trigger", "## Root causes",
      "## Contributing factors", "## Detection", "## Resolution", "## Timeline", "## Action items",
      "## Lessons learned", "## References", "## Appendix A: evidence", "## Appendix B: input");

  static String section(String md, String heading) {
    int start = md.indexOf("\n" + heading + "\n");
    assertTrue(start >= 0, "missing section " + heading);
    int end = md.indexOf("\n## ", start + heading.length() + 1);
    return md.substring(start, end < 0 ? md.length() : end);
  }

  @Test
  void writesTheSreTemplateSectionsInOrder() throws Exception {
    String md = MarkdownReport.render(ReportFixture.validated());
    Files.createDirectories(Path.of("target/report-samples"));
    Files.writeString(Path.of("target/report-samples/validated.md"), md);
    List<Integer> positions = new ArrayList<>();
    for (String s : SECTIONS) {
      int at = md.indexOf("\n" + s + "\n");
      assertTrue(at >= 0, "missing " + s);
      positions.add(at);
    }
    List<Integer> sorted = new ArrayList<>(positions);
    sorted.sort(Integer::compare);
    assertEquals(sorted, positions, "sections out of template order");
    assertTrue(md.startsWith("# Postmortem: Test cascade: a push took hosts down\n"), md.substring(0, 80));
  }

  @Test
  void summaryNamesTheRootCauseItsVerdictAndTheImpact() throws Exception {
    String summary = section(MarkdownReport.render(ReportFixture.validated()), "## Summary");
    assertTrue(summary.contains("test-cascade on edge-1 (site dc-north), confirmed by replay"), summary);
    assertTrue(summary.contains("5 affected entities over 20 min"), summary);
    assertTrue(summary.contains("error ratio peaked at 42.0 % (dc-north)"), summary);
    assertTrue(summary.contains("1 observed symptom(s) are not explained"), summary);
  }

  @Test
  void aSecondConfirmedCauseIsNamedInTheSummaryAndItsTroubleCounted() throws Exception {
    Path home = org.hindsight.testing.TestAnalysis.home();
    String md = MarkdownReport.render(org.hindsight.testing.TestAnalysis.analyze(
        home.resolve("rules/change-correlation/fixtures/two-causes-waf-push-after-billing-deploy")));
    String summary = section(md, "## Summary");
    assertTrue(summary.contains("change-correlation on edge-proxy, confirmed"), summary);
    assertTrue(summary.contains("Also confirmed, as a second cause: H2 change-correlation on billing"), summary);
    assertTrue(summary.contains("it explains trouble on 2 entities H1 does not (billing, invoicing)"), summary);
    String impact = section(md, "## Impact");
    assertTrue(impact.contains("the first symptom H2 (change-correlation on billing) explains"), impact);
    assertFalse(impact.contains("Not counted"), impact);

    // Kakao's other single-site dependencies start from the same fire: not a second cause
    String kakao = section(MarkdownReport.render(org.hindsight.testing.TestAnalysis.analyze(
        home.resolve("sample-logs/kakao-2022-10-15"))), "## Summary");
    assertTrue(kakao.contains("Also confirmed, from the same trigger: H2 single-site-dependency on auth-session-cache"), kakao);
    assertFalse(kakao.contains("second cause"), kakao);
  }

  @Test
  void impactHasEntitiesDurationAndPeakErrorRatioWithCitations() throws Exception {
    String impact = section(MarkdownReport.render(ReportFixture.validated()), "## Impact");
    assertTrue(impact.contains("**Onset:** 2024-03-05T10:01:00+01:00 (events.csv:3)"), impact);
    assertTrue(impact.contains("**Recovery:** 2024-03-05T10:21:00+01:00 (events.csv:9) — **duration 20 min**"), impact);
    assertTrue(impact.contains("**No recovery recorded for:** db-1"), impact);
    assertTrue(impact.contains("**Services:** api, db"), impact);
    assertTrue(impact.contains("**Peak error ratio:** 42.0 % at dc-north, 2024-03-05T10:02:00+01:00 (metrics.csv:4)"), impact);
    assertTrue(impact.contains("| api-2 | host | dc-north | service.down | 2024-03-05T10:01:30+01:00 (events.csv:4) | "
        + "2024-03-05T10:21:00+01:00 (events.csv:9) |"), impact);
  }

  @Test
  void triggerDetectionAndResolutionComeFromTheEvents() throws Exception {
    String md = MarkdownReport.render(ReportFixture.validated());
    String trigger = section(md, "## Trigger");
    assertTrue(trigger.contains("2024-03-05T09:58:00+01:00 — config.push edge-1"), trigger);
    assertTrue(trigger.contains("(events.csv:2)"), trigger);
    String detection = section(md, "## Detection");
    assertTrue(detection.contains("**First symptom:** 2024-03-05T10:01:00+01:00 — service.down api-1 (events.csv:3)"), detection);
    assertTrue(detection.contains("**Incident declared:** 2024-03-05T10:03:00+01:00"), detection);
    assertTrue(detection.contains("**Time to declare:** 2 min after the first symptom"), detection);
    String resolution = section(md, "## Resolution");
    assertTrue(resolution.contains("mitigation: traffic.shift edge-1: drained edge-1 (events.csv:7)"), resolution);
    assertTrue(resolution.contains("recovery: service.up api-2: health check ok (events.csv:9)"), resolution);
  }

  @Test
  void aSampledRequestThatTriggeredTheCauseIsTheTrigger() throws Exception {
    // the key-generator loop's trigger is the first request with valid and invalid cookies, held column-wise
    String md = MarkdownReport.render(org.hindsight.testing.TestAnalysis.analyze(
        org.hindsight.testing.TestAnalysis.home().resolve("sample-logs/cloudflare-2024-06-20")));
    String trigger = section(md, "## Trigger");
    assertTrue(trigger.contains("— request to ") && trigger.contains("valid and invalid cookies"), trigger);
    assertTrue(trigger.contains("(requests.csv:4601)"), trigger);
    assertFalse(trigger.contains("names no separate trigger"), trigger);
  }

  @Test
  void rootCausesExplainTheValidationAndSetAsideTheUnsimulated() throws Exception {
    String causes = section(MarkdownReport.render(ReportFixture.validated()), "## Root causes");
    assertTrue(causes.contains("### H1. Test cascade: a push took hosts down — confirmed (confidence 0."), causes);
    assertTrue(causes.contains("Confirmed by replay: re-running the incident with this cause reproduces"), causes);
    assertTrue(causes.contains("reproduces 2 of 3 observed symptoms"), causes);
    assertTrue(causes.contains("Without the push no host goes down: the counterfactual is clean."), causes);
    assertTrue(causes.contains("**Not reproduced by the replay:** service.degraded db-1 at 10:02:10 (events.csv:5)"), causes);
    int setAside = causes.indexOf("### Hypotheses set aside");
    int h2 = causes.indexOf("#### H2. Degraded database — not-simulated");
    assertTrue(setAside > 0 && h2 > setAside, causes);
    assertTrue(causes.contains("no simulator serves pattern test-unsimulated"), causes);
  }

  @Test
  void contributingFactorsListFindingsAndUnexplainedSymptoms() throws Exception {
    String factors = section(MarkdownReport.render(ReportFixture.validated()), "## Contributing factors");
    assertTrue(factors.contains("- F1 (edge-1) [test-cascade]: The push had no approved change (events.csv:2) — rule HS-TEST-002"),
        factors);
    assertTrue(factors.contains("- service.degraded db-1 at 2024-03-05T10:02:10+01:00 (events.csv:5)"), factors);
  }

  @Test
  void timelineIsMergedInTimeOrderInTheReportZone() throws Exception {
    String timeline = section(MarkdownReport.render(ReportFixture.inZone("Asia/Tokyo")), "## Timeline");
    assertTrue(timeline.contains("All times on 2024-03-05 (Asia/Tokyo)."), timeline);
    List<String> rows = timeline.lines().filter(l -> l.matches("\\| \\d+ \\|.*")).toList();
    assertEquals(8, rows.size(), timeline);
    assertTrue(rows.get(0).startsWith("| 1 | 17:58:00 | config.push edge-1"), rows.get(0));
    assertTrue(rows.get(0).contains("| cause | events.csv:2 |"), rows.get(0));
    assertTrue(rows.get(4).startsWith("| 5 | 18:03:00 | incident.declared"), rows.get(4));
    assertTrue(rows.get(7).startsWith("| 8 | 18:21:00 | service.up api-2"), rows.get(7));
  }

  @Test
  void actionItemsLessonsAndReferencesComeFromRuleMetadata() throws Exception {
    String md = MarkdownReport.render(ReportFixture.validated());
    String actions = section(md, "## Action items");
    assertTrue(actions.contains("| Stage pushes behind a canary host | P0 | TBD | test-cascade on edge-1 | HS-TEST-001 |"), actions);
    assertTrue(actions.contains("| Require an approved change ticket for every push | P2 | TBD | contributing-factor on edge-1 "
        + "| HS-TEST-002 |"), actions);
    assertFalse(actions.contains("query timeout"), "a not-simulated hypothesis beside a live one proposes no action");
    String lessons = section(md, "## Lessons learned");
    // Lessons are written from this incident's facts, each citing its records ...
    assertTrue(lessons.contains("- **What went wrong:** Test cascade: a push took hosts down: test-cascade on edge-1 (site dc-north), "
        + "at 2024-03-05T09:58:00+01:00; the replay with the cause reproduces 2 of 3 observed symptoms"), lessons);
    assertTrue(lessons.contains("- **What made it worse:** The push had no approved change. (events.csv:2)"), lessons);
    assertTrue(lessons.contains("- **Detection:** The incident was declared 2 min after the first symptom (service.down api-1). "
        + "(events.csv:3, events.csv:6)"), lessons);
    assertTrue(lessons.contains("- **Open question:** 1 observed symptom(s) have no explanation here (service.degraded db-1)"), lessons);
    // ... while the rule's story of the incident it was written from is a reference, not a lesson.
    assertFalse(lessons.contains("turns one mistake into an outage"), lessons);
    String refs = section(md, "## References");
    assertTrue(refs.contains("- **Reference incident for HS-TEST-001** (Test cascade: a push took hosts down): A push that reaches "
        + "every host at once turns one mistake into an outage. <https://example.org/postmortems/push-cascade>"), refs);
    // A link given with its reference incident is not listed again.
    assertFalse(refs.contains("- <https://example.org/postmortems/push-cascade>"), refs);
    assertTrue(refs.contains("- <https://example.org/postmortems/change-control> (HS-TEST-002)"), refs);
  }

  @Test
  void appendicesQuoteEvidenceAndCountInput() throws Exception {
    String md = MarkdownReport.render(ReportFixture.validated());
    String evidence = section(md, "## Appendix A: evidence");
    assertTrue(evidence.contains("- `events.csv:3` `2024-03-05T10:01:00+01:00,monitor,service.down,api-1,health check failed,error`"
        + " — H1 evidence: host went down after the push; H1 observed service.down api-1"), evidence);
    assertTrue(evidence.contains("H1 cause; H1 trigger; F1 contributing-factor"), evidence);
    String input = section(md, "## Appendix B: input");
    assertTrue(input.contains("src/test/resources/report/incident/events.csv (events, 8)"), input);
    assertTrue(input.contains("file(s), 26 rows, none skipped: "), input);
  }

  @Test
  void logTextIsEscapedOrInCodeSpans() throws Exception {
    String md = MarkdownReport.render(ReportFixture.validated());
    assertTrue(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Raw markup may only survive inside code spans, which Markdown renders as text.
    String outsideCode = md.replaceAll("(`+)[^`].*?\\1", "");
    assertFalse(outsideCode.contains("<script"), "raw <script> outside a code span");
    // A backtick in the log line must not end the code span early.
    assertTrue(md.contains("`` 2024-03-05T09:58:00+01:00,deployer,config.push,edge-1,\"pushed policy <script>alert(1)</script>"
        + " & friends | `tick`\",info ``"));
  }

  @Test
  void withoutLiveHypothesisTheSummaryNamesTheUnvalidatedCandidates() throws Exception {
    Analysis a = ReportFixture.analyze(ReportFixture.options().simulate(false).build());
    String md = MarkdownReport.render(a);
    assertTrue(md.startsWith("# Postmortem: unvalidated hypotheses"), md);
    String summary = section(md, "## Summary");
    assertTrue(summary.contains("No root cause was validated"), summary);
    assertTrue(summary.contains("Unvalidated (not simulated) candidates: test-cascade on edge-1"), summary);
    String actions = section(md, "## Action items");
    assertTrue(actions.contains("_If the unvalidated hypothesis holds:_ Stage pushes behind a canary host"), actions);
    // impact is observation, not inference: it stays without a validated cause
    assertTrue(section(md, "## Impact").contains("duration 20 min"));
  }

  @Test
  void lenientModeListsSkippedRows() throws Exception {
    Analysis a = ReportFixture.analyze(ReportFixture.options().input(ReportFixture.BAD_ROWS).lenient(true).build());
    String input = section(MarkdownReport.render(a), "## Appendix B: input");
    assertTrue(input.contains("| src/test/resources/report/extra/events-bad.csv | events | 1 | 1 |"), input);
    assertTrue(input.contains("Rows skipped (lenient mode):"), input);
    assertTrue(input.contains("- src/test/resources/report/extra/events-bad.csv:2: "), input);
  }

  @Test
  void sameInputGivesIdenticalBytes() throws Exception {
    String first = MarkdownReport.render(ReportFixture.validated());
    String again = MarkdownReport.render(ReportFixture.analyze(ReportFixture.options().build()));
    assertEquals(first, again);
  }
}
