package org.hindsight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
