package org.hindsight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.analysis.Analysis;
import org.hindsight.simulate.Chart;
import org.hindsight.simulate.Series;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  static String html() throws Exception {
    return HtmlReport.render(ReportFixture.validated());
  }

  /** The markup of one section. */
  static String section(String html, String id) {
    int start = html.indexOf("<section id=\"" + id + "\">");
    assertTrue(start >= 0, "missing section " + id);
    return html.substring(start, html.indexOf("</section>", start));
  }

  @Test
  void hasEveryTemplateSectionWithContent() throws Exception {
    String html = html();
    assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
    assertTrue(html.contains("<title>Postmortem: Test cascade: a push took hosts down</title>"));
    assertTrue(section(html, "summary").contains("verdict-confirmed"));
    assertTrue(section(html, "impact").contains("duration 20 min"));
    assertTrue(section(html, "trigger").contains("config.push edge-1"));
    assertTrue(section(html, "root-causes").contains("reproduces 2 of 3 observed symptoms"));
    assertTrue(section(html, "contributing-factors").contains("The push had no approved change"));
    assertTrue(section(html, "detection").contains("2 min after the first symptom"));
    assertTrue(section(html, "resolution").contains("service.up api-1"));
    assertTrue(section(html, "timeline").contains("incident.declared: SEV-2 declared by on-call"));
    assertTrue(section(html, "action-items").contains("Stage pushes behind a canary host"));
    // Lessons come from this incident's facts; the rule's story of another incident is a reference.
    assertTrue(section(html, "lessons").contains("What made it worse:</b> The push had no approved change"));
    assertFalse(section(html, "lessons").contains("turns one mistake into an outage"));
    assertTrue(section(html, "references").contains("Reference incident for HS-TEST-001"));
    assertTrue(section(html, "references").contains("turns one mistake into an outage"));
    assertTrue(section(html, "references").contains("<a href=\"https://example.org/postmortems/canary\""));
    assertTrue(section(html, "evidence").contains("health check failed"));
    assertTrue(section(html, "input").contains("src/test/resources/report/incident/metrics.csv"));
  }

  @Test
  void isSelfContainedAndScriptFree() throws Exception {
    String html = html();
    assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
    String lower = html.toLowerCase();
    for (String banned : List.of("<script", "<link", "<iframe", "<img", "@import", "url(http", " src=", "@font-face")) {
      assertFalse(lower.contains(banned), "found " + banned);
    }
    // The only http(s) URLs: the SVG namespace and reference links people click.
    Matcher m = Pattern.compile("https?://[^\"<\\s]+").matcher(html);
    while (m.find()) {
      String url = m.group();
      assertTrue(url.equals("http://www.w3.org/2000/svg") || url.startsWith("https://example.org/postmortems/"), url);
    }
  }

  @Test
  void logTextIsEscaped() throws Exception {
    String html = html();
    assertTrue(section(html, "trigger").contains("pushed policy &lt;script&gt;alert(1)&lt;/script&gt; &amp; friends"));
    assertTrue(section(html, "evidence").contains("&quot;pushed policy &lt;script&gt;alert(1)&lt;/script&gt;"));
    assertFalse(html.contains("<script>alert(1)"));
  }

  @Test
  void replayChartsDrawEveryRoleOnATimeAxisInTheReportZone() throws Exception {
    String causes = section(html(), "root-causes");
    int svg = causes.indexOf("<svg class=\"chart replay-chart\" id=\"h1-chart-1\"");
    assertTrue(svg >= 0, "no replay chart for H1");
    String chart = causes.substring(svg, causes.indexOf("</svg>", svg));
    for (String[] s : new String[][] {{"observed", "hosts down (observed)"}, {"with-cause", "hosts down (with cause)"},
        {"without-cause", "hosts down (without cause)"}}) {
      Matcher m = Pattern.compile("<g class=\"series role-" + s[0] + "\" data-role=\"" + s[0] + "\" data-series=\""
          + Pattern.quote(s[1]) + "\">.*?<path d=\"M[0-9. HVL-]+\"").matcher(chart);
      assertTrue(m.find(), "curve " + s[1]);
    }
    assertTrue(chart.contains(">10:00</text>"), "time ticks in +01:00");
    assertTrue(chart.contains(">time (+01:00)</text>"));
    assertTrue(chart.contains("class=\"marker-label\""), "the cause is marked on the time axis");
    assertTrue(causes.contains("replay without the cause</span></li>"), "legend");

    String tokyo = section(HtmlReport.render(ReportFixture.inZone("Asia/Tokyo")), "root-causes");
    assertTrue(tokyo.contains(">18:00</text>"), "same chart, ticks in Asia/Tokyo");
    assertFalse(tokyo.contains(">10:00</text>"));
  }

  @Test
  void curvesOfOneEntityShareAColourAcrossRoles() throws Exception {
    String causes = section(html(), "root-causes");
    int svg = causes.indexOf("id=\"h1-chart-2\"");
    assertTrue(svg >= 0, "second chart");
    String chart = causes.substring(svg, causes.indexOf("</svg>", svg));
    String api1 = colour(chart, "api-1 observed");
    assertEquals(api1, colour(chart, "api-1 with cause"));
    assertEquals(api1, colour(chart, "api-1 without cause"));
    assertFalse(api1.equals(colour(chart, "api-2 observed")), "hosts get different colours");
  }

  static String colour(String svg, String series) {
    Matcher m = Pattern.compile("data-series=\"" + Pattern.quote(series) + "\">.*?stroke=\"(#[0-9a-f]{6})\"").matcher(svg);
    assertTrue(m.find(), series);
    return m.group(1);
  }

  @Test
  void timelineChartHasALanePerEntityAndNumberedMoments() throws Exception {
    String timeline = section(html(), "timeline");
    String svg = timeline.substring(timeline.indexOf("<svg"), timeline.indexOf("</svg>"));
    for (String lane : List.of("edge-1", "api-1", "api-2", "db-1")) assertTrue(svg.contains(">" + lane + "</text>"), lane);
    assertEquals(8, count(svg, "<g class=\"moment "), "one marker per timeline row");
    assertEquals(1, count(svg, "class=\"outage open\""), "db-1 never recovered");
    assertEquals(4, count(svg, "class=\"outage\""), "api-1 and api-2 recovered, and both data centres' error ratios");
  }

  @Test
  void topologyShowsTheSubjectAndTheEntitiesOfItsSymptoms() throws Exception {
    String causes = section(html(), "root-causes");
    int at = causes.indexOf("id=\"h1-topology\"");
    assertTrue(at > 0, "no topology for H1");
    String svg = causes.substring(at, causes.indexOf("</svg>", at));
    assertTrue(svg.contains("<g class=\"node subject\"><title>edge-1"), "subject");
    assertTrue(svg.contains("<g class=\"node observed\"><title>api-1"), "observed symptom entity");
    assertTrue(svg.contains("<g class=\"edge edge-link\"><title>edge-1 network link api-1"), "links");
    assertTrue(svg.contains("<g class=\"edge edge-depends\"><title>api depends on db"), "dependencies");
  }

  @Test
  void sameInputGivesIdenticalBytes() throws Exception {
    String first = html();
    Analysis again = ReportFixture.analyze(ReportFixture.options().build());
    assertEquals(first, HtmlReport.render(again));
  }

  @Test
  void chartTitlesAndSeriesNamesAreEscaped() {
    Chart chart = new Chart("<b>routes</b>", "a&b", List.of(
        new Series("r1 \"<img src=x onerror=alert(1)>\"", "observed", List.of(new Series.Point(0, 1), new Series.Point(60_000, 2)))));
    String svg = ReplayChartSvg.render(chart, ZoneId.of("UTC"), List.of(), "x");
    assertFalse(svg.contains("<img"));
    assertFalse(svg.contains("<b>"));
    assertTrue(svg.contains("&lt;b&gt;routes&lt;/b&gt;"));
    assertTrue(svg.contains("data-series=\"r1 &quot;&lt;img src=x onerror=alert(1)&gt;&quot;\""));
  }

  @Test
  void onlyPlainWebUrlsBecomeLinks() {
    assertTrue(Html.isSafeUrl("https://sre.google/sre-book/example-postmortem/"));
    assertFalse(Html.isSafeUrl("javascript:alert(1)"));
    assertFalse(Html.isSafeUrl("https://x.org/\"onmouseover=alert(1)"));
    assertFalse(Html.isSafeUrl("data:text/html,<script>"));
  }

  @Test
  void emptyChartsAreSaidNotDrawn() {
    String out = ReplayChartSvg.render(new Chart("nothing", "", List.of(new Series("s", "observed", List.of()))),
        ZoneId.of("UTC"), List.of(), "e");
    assertFalse(out.contains("<svg"));
    assertTrue(out.contains("without data points"));
  }

  static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
    return n;
  }
}
