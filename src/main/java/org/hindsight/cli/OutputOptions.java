package org.hindsight.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hindsight.report.Reports;
import picocli.CommandLine.Option;

/** Where and how a report is written. */
public final class OutputOptions {
  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "md",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Reports.Format format;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
  Path out;

  void write(String report) throws IOException {
    if (out != null) {
      if (out.getParent() != null) Files.createDirectories(out.getParent());
      Files.writeString(out, report, StandardCharsets.UTF_8);
    } else {
      // Bytes, not System.out's platform charset: reports are UTF-8 wherever they are written.
      PrintStream ps = System.out;
      ps.write(report.getBytes(StandardCharsets.UTF_8));
      ps.flush();
    }
  }
}
