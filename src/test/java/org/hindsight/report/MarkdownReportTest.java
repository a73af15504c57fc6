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
}
