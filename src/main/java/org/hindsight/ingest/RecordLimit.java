package org.hindsight.ingest;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops a CSV record that grows past a limit before it is held in memory: commons-csv buffers a
 * whole field, so one unterminated quote or a 2 GB file without a line break cost gigabytes of heap
 * and ended in {@code OutOfMemoryError}. Counts the characters handed to the parser since the last
 * record ended, checked when the parser asks for more: a record is stopped within one read (8 K)
 * of the limit, and never before it.
 */
final class RecordLimit extends FilterReader {
  /** Thrown (as the parser's I/O error) when a record passes the limit. */
  static final class TooLong extends IOException {
    TooLong(long limit) {
      super("record longer than " + String.format(java.util.Locale.ROOT, "%,d", limit) + " characters");
    }
  }

  private final long limit;
  private long consumed;
  private long recordStart;

  RecordLimit(Reader in, long limit) {
    super(in);
    this.limit = limit;
  }

  /** The parser returned a record: the next one starts here. */
  void recordEnded() {
    recordStart = consumed;
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c >= 0) count(1);
    return c;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) count(n);
    return n;
  }

  private void count(int n) throws TooLong {
    // The parser asks for more only once it used up what it had, inside a record that has not ended:
    // if what it had since the record began is past the limit already, the record is too long.
    if (consumed - recordStart > limit) throw new TooLong(limit);
    consumed += n;
  }
}
