package org.hindsight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hindsight.analysis.Analysis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders the HTML reports in a real browser (headless Chromium) when one is installed: the key
 * elements must be in the rendered DOM, the console must stay silent (the page's CSP reports any
 * script or network load there), and a screenshot is kept in {@code target/report-screenshots/}.
 */
class HtmlBrowserTest {
  static final Path OUT = Path.of("target/report-screenshots");
  private static Chromium chromium;

  @BeforeAll
  static void findBrowser() {
    Optional<Chromium> found = Chromium.find();
    assumeTrue(found.isPresent(), "Chromium not installed (/usr/bin/chromium or chromium on PATH): browser check skipped;"
        + " install it with apt-get install -y chromium");
    chromium = found.get();
  }

  private static Chromium.Render render(String name, Analysis analysis) throws Exception {
    Files.createDirectories(OUT);
    Path html = OUT.resolve(name + ".html");
    Files.writeString(html, HtmlReport.render(analysis));
    return chromium.render(html, OUT.resolve(name + ".png"));
  }

  @Test
  void validatedIncidentRendersWithChartsAndNoConsoleErrors() throws Exception {
    Chromium.Render r = render("validated", ReportFixture.validated());
    assertEquals(List.of(), r.console(), "console messages");
    for (String id : List.of("summary", "impact", "trigger", "root-causes", "contributing-factors", "detection",
        "resolution", "timeline", "action-items", "lessons", "references", "evidence", "input")) {
      assertTrue(r.dom().contains("<section id=\"" + id + "\">"), "section " + id + " not rendered");
    }
    assertTrue(r.dom().contains("id=\"timeline-chart\""), "timeline chart");
    for (String role : List.of("observed", "with-cause", "without-cause")) {
      assertTrue(r.dom().contains("data-role=\"" + role + "\""), "replay curve " + role);
    }
    assertTrue(r.dom().contains("class=\"chart topology\""), "topology picture");
    // the hostile log line is text, never an element
    assertTrue(r.dom().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertFalse(r.dom().toLowerCase().contains("<script"), "a script element reached the DOM");
    assertTrue(Files.size(r.screenshot()) > 10_000, "screenshot looks empty");
  }

  /** Every shipped sample incident: rendered, silent console, observed vs predicted curves. */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("samples")
  void everySampleIncidentRendersWithObservedAndPredictedCurves(String sample) throws Exception {
    Analysis a = org.hindsight.testing.TestAnalysis.analyze(org.hindsight.testing.TestAnalysis.home().resolve("sample-logs").resolve(sample));
    Chromium.Render r = render("sample-" + sample, a);
    assertEquals(List.of(), r.console(), "console messages");
    for (String id : List.of("summary", "impact", "root-causes", "timeline", "action-items", "references", "evidence")) {
      assertTrue(r.dom().contains("<section id=\"" + id + "\">"), sample + ": section " + id + " not rendered");
    }
    assertTrue(r.dom().contains("verdict-confirmed"), sample + ": its confirmed hypothesis is shown");
    for (String role : List.of("observed", "with-cause", "without-cause")) {
      assertTrue(r.dom().contains("data-role=\"" + role + "\""), sample + ": replay curve " + role);
    }
    assertFalse(r.dom().toLowerCase().contains("<script"), "a script element reached the DOM");
  }

  static java.util.stream.Stream<String> samples() throws Exception {
    try (var dirs = Files.list(org.hindsight.testing.TestAnalysis.home().resolve("sample-logs"))) {
      return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
    }
  }

  @Test
  void reportWithoutLiveHypothesisRendersToo() throws Exception {
    Analysis a = ReportFixture.analyze(ReportFixture.options().simulate(false).build());
    Chromium.Render r = render("not-simulated", a);
    assertEquals(List.of(), r.console(), "console messages");
    assertTrue(r.dom().contains("Unvalidated (not simulated) candidates"));
    assertTrue(r.dom().contains("verdict-not-simulated"));
  }

  @Test
  void consoleErrorsAreNoticed() throws Exception {
    // The check itself must be able to fail: a page that breaks the CSP produces console lines.
    Files.createDirectories(OUT);
    Path bad = OUT.resolve("console-check.html");
    String page = HtmlReport.render(ReportFixture.validated()).replace("</main>", "<script>console.error('boom')</script></main>");
    Files.writeString(bad, page);
    Chromium.Render r = chromium.render(bad, OUT.resolve("console-check.png"));
    assertFalse(r.console().isEmpty(), "an inline script blocked by the CSP must show up as a console message");
  }
}
