package org.hindsight.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.engine.RuleCompiler;
import org.hindsight.engine.RuleException;
import org.hindsight.ingest.BundleReader;
import org.hindsight.ingest.LogKind;
import org.hindsight.report.Reports;
import org.hindsight.util.AtomicFile;
import picocli.CommandLine.Option;

/** Where and how a report is written. */
public final class OutputOptions {
  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "md",
      description = "Report format: md (default), json, html; for analyze also sarif (code-scanning tools) and csv "
          + "(the action items, for trackers).")
  Reports.Format format;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
  Path out;

  /**
   * Refuses {@code -o} onto any input (a log file, an input folder, a rule file): the report would
   * replace what it was made from. Checked before any work, by file identity, so links and other
   * spellings of the same file count.
   */
  void refuseInputs(List<String> inputs, List<Path> ruleRoots) throws UsageException {
    if (out == null || !Files.exists(out)) return; // a new file cannot be an input
    if (Files.isDirectory(out)) throw new UsageException("-o " + out + " is a folder; name a file");
    List<Path> candidates = new ArrayList<>();
    for (String arg : inputs) {
      int eq = arg.indexOf('=');
      try {
        candidates.add(Path.of(eq > 0 && LogKind.named(arg.substring(0, eq)).isPresent() ? arg.substring(eq + 1) : arg));
      } catch (java.nio.file.InvalidPathException e) {
        // not a path at all: the reader reports it
      }
    }
    BundleReader.resolve(inputs, new ArrayList<>()).forEach(f -> candidates.add(f.path()));
    try {
      candidates.addAll(RuleCompiler.drlFiles(ruleRoots.stream().filter(Files::exists).toList()));
    } catch (RuleException e) {
      // unreadable rule folders are reported when the rules are compiled
    }
    for (Path c : candidates) {
      if (sameFile(out, c)) {
        throw new UsageException("-o " + out + " is an input (" + c + "); the report would overwrite it. Write it elsewhere.");
      }
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** True when the user named a format or an output file (so the brief terminal summary is not wanted). */
  boolean chosen(picocli.CommandLine.Model.CommandSpec spec) {
    var parsed = spec.commandLine().getParseResult();
    return parsed.hasMatchedOption("--format") || parsed.hasMatchedOption("--out");
  }

  void write(String report) throws IOException {
    writeTo(out, report);
  }

  /** Writes a report as it is produced (see {@link #stream}). */
  @FunctionalInterface
  interface ReportBody {
    void writeTo(java.io.Writer out) throws IOException;
  }

  /**
   * Streams the report to the output file (atomically: the previous report stays whole until the
   * new one is complete) or to stdout, as UTF-8, without holding it whole in memory.
   */
  void stream(ReportBody body) throws IOException {
    if (out != null) {
      AtomicFile.write(out, bytes -> {
        java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16);
        body.writeTo(w);
        w.flush();
      });
    } else {
      java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
      body.writeTo(w);
      w.flush();
    }
  }

  /** The report to {@code file}, or to stdout as UTF-8 bytes when {@code file} is null. */
  static void writeTo(Path out, String report) throws IOException {
    if (out != null) {
      // Atomic: an interrupted run leaves the previous report whole, never a truncated one.
      AtomicFile.write(out, report.getBytes(StandardCharsets.UTF_8));
    } else {
      // Bytes, not System.out's platform charset: reports are UTF-8 wherever they are written.
      PrintStream ps = System.out;
      ps.write(report.getBytes(StandardCharsets.UTF_8));
      ps.flush();
    }
  }
}
