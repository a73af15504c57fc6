package org.hindsight.report;

import org.hindsight.analysis.Analysis;

/** The report formats, one entry point. */
public final class Reports {
  private Reports() {}

  /** Formats as typed on the command line. */
  public enum Format {
    /** The postmortem in Markdown (SRE template). */
    md,
    /** The machine contract, {@code docs/report.schema.json}. */
    json,
    /** One self-contained page with charts. */
    html,
    /** SARIF 2.1.0, for code-scanning tools: one result per hypothesis and finding, located at its cause. */
    sarif,
    /** The action items as CSV, for trackers. */
    csv;
  }

  /** Streams the report to {@code sink} (flushed, not closed): JSON, Markdown and HTML are never held whole. */
  public static void write(Analysis analysis, Format format, java.io.Writer sink) throws java.io.IOException {
    switch (format) {
      case md -> MarkdownReport.write(analysis, sink);
      case json -> JsonReport.write(analysis, sink);
      case html -> HtmlReport.write(analysis, sink);
      default -> {
        sink.write(render(analysis, format));
        sink.flush();
      }
    }
  }

  /**
   * Readies what writing a report in this format first costs (for JSON and SARIF: Jackson's
   * first use), so a run can do it on a core that would otherwise wait. Changes nothing written.
   */
  public static void prepare(Format format) {
    if (format == Format.json || format == Format.sarif) JsonReport.prepare();
  }

  public static String render(Analysis analysis, Format format) {
    return switch (format) {
      case md -> MarkdownReport.render(analysis);
      case json -> JsonReport.render(analysis);
      case html -> HtmlReport.render(analysis);
      case sarif -> SarifReport.render(analysis);
      case csv -> ActionItemsCsv.render(analysis);
    };
  }
}
