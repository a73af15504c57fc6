package org.hindsight.report;

import org.hindsight.analysis.Analysis;

/** The report formats, one entry point. */
public final class Reports {
  private Reports() {}

  /** Formats as typed on the command line. */
  public enum Format {
    md, json, html;
  }

  public static String render(Analysis analysis, Format format) {
    return switch (format) {
      case md -> MarkdownReport.render(analysis);
      case json -> JsonReport.render(analysis);
      case html -> HtmlReport.render(analysis);
    };
  }
}
