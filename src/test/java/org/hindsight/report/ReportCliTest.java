package org.hindsight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hindsight.cli.Main;
import org.junit.jupiter.api.Test;

class ReportCliTest {
  @Test
  void analyzeWritesAnHtmlReport() throws Exception {
    Path out = Path.of("target/report-samples/cli.html");
    Files.deleteIfExists(out);
    int code = Main.run("analyze", ReportFixture.INCIDENT, "--no-builtin-rules", "--rules", ReportFixture.RULES.toString(),
        "--format", "html", "-o", out.toString());
    assertEquals(0, code);
    String html = Files.readString(out);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    // no simulator is registered for the test patterns here, so nothing is validated
    assertTrue(html.contains("Unvalidated (not simulated) candidates"), html.substring(0, 2000));
    assertTrue(html.contains("id=\"timeline-chart\""));
  }

  @Test
  void aHypothesisWhoseEntitiesHaveNoRelationGetsNoPicture() throws Exception {
    // The subject is a site: nothing in the logs links it to another entity, so a picture would be boxes without lines.
    Path out = Path.of("target/report-samples/no-relations.html");
    int code = Main.run("analyze", "src/test/resources/bundles/fire", "--no-builtin-rules", "--rules",
        "src/test/resources/rules/custom-hypothesis", "-f", "html", "-o", out.toString());
    assertEquals(0, code);
    String html = Files.readString(out);
    assertTrue(html.contains("id=\"h1\""), "the hypothesis is reported");
    assertFalse(html.contains("chart topology"), "no entity picture without edges");
  }
}
