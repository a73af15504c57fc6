package org.hindsight.cli;

/** Progress on stderr, only when a person is watching (a terminal); never on stdout. */
final class Progress {
  private Progress() {}

  static void rows(long n) {
    if (n % 1_000_000 == 0 || n == 65536) System.err.printf("\rread %,d rows…", n);
  }

  static void done() {
    if (System.console() != null) System.err.print("\r\033[K");
  }
}
