package org.hindsight.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Where the Markdown and HTML reports write: appends like a {@link StringBuilder}, and passes the
 * text on to a {@link Writer} in 64 KiB pieces, so a report is streamed to its file instead of being
 * held whole (twice: the text and its bytes) in the heap.
 */
final class ReportText {
  private static final int FLUSH_AT = 64 * 1024;
  private final Writer sink;
  private final StringBuilder pending = new StringBuilder(FLUSH_AT + 1024);

  ReportText(Writer sink) {
    this.sink = sink;
  }

  ReportText append(CharSequence s) {
    pending.append(s);
    return flushIfFull();
  }

  ReportText append(char c) {
    pending.append(c);
    return flushIfFull();
  }

  /** Numbers and other values as {@link StringBuilder#append(Object)} would write them. */
  ReportText append(Object o) {
    pending.append(o);
    return flushIfFull();
  }

  private ReportText flushIfFull() {
    if (pending.length() >= FLUSH_AT) flush();
    return this;
  }

  /** Everything appended so far, to the writer (which is not closed). */
  void flush() {
    try {
      sink.write(pending.toString());
      pending.setLength(0);
      sink.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
