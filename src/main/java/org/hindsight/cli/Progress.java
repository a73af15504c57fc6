package org.hindsight.cli;

import java.util.Locale;

/**
 * Progress on stderr, only when a person is watching (a terminal); never on stdout, so reports
 * piped or redirected stay clean. Callers install {@link #rows} only when {@link #wanted()}.
 */
final class Progress {
  private static final long EVERY_NANOS = 250_000_000L;
  private static long lastPrint;
  private static boolean printed;

  private Progress() {}

  /** True when stdin and stdout are a terminal (what {@link System#console()} tells on Java 17). */
  static boolean wanted() {
    return System.console() != null;
  }

  static synchronized void rows(long n) {
    long now = System.nanoTime();
    if (printed && now - lastPrint < EVERY_NANOS) return;
    lastPrint = now;
    printed = true;
    System.err.printf(Locale.ROOT, "\rread %,d rows…", n);
    System.err.flush();
  }

  /** Names the step under way (the caller checks {@link #wanted()}). */
  static synchronized void stage(String what) {
    System.err.print("\r\033[K" + what);
    System.err.flush();
    printed = true;
    lastPrint = System.nanoTime();
  }

  /** A line for the person watching, on its own line (the progress line is cleared first). */
  static synchronized void notice(String what) {
    done();
    System.err.println("hindsight: " + what);
    System.err.flush();
  }

  /** Clears the progress line, if one was printed. */
  static synchronized void done() {
    if (printed) {
      System.err.print("\r\033[K");
      System.err.flush();
      printed = false;
    }
  }
}
