package org.hindsight.importer;

import java.io.BufferedReader;
import java.io.IOException;

/** Reads a source line by line with line numbers, the way every text-log importer does. */
final class Lines {
  private Lines() {}

  @FunctionalInterface
  interface LineHandler {
    void line(int number, String text) throws IOException;
  }

  /** Calls the handler for each non-blank line (blank lines are no records, so not counted). */
  static void each(Source source, LineHandler handler) throws IOException {
    try (BufferedReader in = source.reader()) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (!line.isBlank()) handler.line(n, line);
      }
    }
  }
}
