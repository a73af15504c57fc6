package org.hindsight.ingest;

import java.util.Locale;

/**
 * The contract's four severities (info, warning, error, critical) from the level words logs write: syslog's keywords
 * ({@code err}, {@code crit}, {@code emerg}), log libraries' ({@code WARN}, {@code FATAL}, {@code SEVERE}, {@code TRACE}),
 * Windows' {@code Information}. Numbers are not read: syslog's 3 is an error, Windows' 3 a warning.
 */
public final class Severity {
  private Severity() {}

  /** The contract's severity for a level word, or null when the word is none the logs use. */
  public static String of(String word) {
    String s = word.trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "info", "warning", "error", "critical" -> s;
      case "warn" -> "warning";
      case "err", "severe" -> "error";
      case "crit", "alert", "emerg", "emergency", "fatal", "panic" -> "critical";
      case "notice", "debug", "default", "trace", "informational", "information", "verbose", "fine", "finer", "finest",
          "config" -> "info";
      default -> null;
    };
  }

  /** As {@link #of}, keeping a word it does not know (lower case): a custom rule may match it. */
  static String orAsWritten(String word) {
    String known = of(word);
    return known != null ? known : word.toLowerCase(Locale.ROOT);
  }
}
