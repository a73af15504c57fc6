package org.hindsight.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads CSV records into one reused buffer: RFC 4180 as commons-csv's {@code RFC4180} format reads it
 * with empty lines kept and nothing trimmed (the reference, checked on generated inputs by
 * {@code CsvReaderTest}). Ingest's cost was mostly commons-csv's lexer, a {@code StringBuilder} and a
 * {@code String} per field; here a record is one {@code char[]} with field ends, and callers make a
 * {@code String} only of what they keep (or intern or parse straight from the buffer).
 *
 * <p>The dialect: fields separated by commas, records by CR, LF or CRLF; a field that starts with a
 * quote is quoted (commas, line breaks and doubled quotes {@code ""} inside), white space after its
 * closing quote is skipped, anything else there is an error; a quote inside an unquoted field is a
 * plain character; an empty line is a record of one empty field; a leading byte-order mark is
 * skipped. {@link #sniffing} reads files whose header holds more semicolons or tabs than commas
 * (spreadsheet exports in locales with a decimal comma, TSV) with that separator instead. Lines
 * are counted as commons-csv counts them (CR, LF and CRLF each end one), and
 * {@link #startLine()} is the line a record starts on, however many lines its quoted fields span.
 */
public final class CsvReader implements Closeable {
  /** A record that cannot be read; the message is written for the user. */
  public static class Malformed extends IOException {
    Malformed(String message) {
      super(message);
    }
  }

  /** A record longer than the limit (a quote left open, a file without line breaks). */
  public static final class TooLong extends Malformed {
    TooLong(long limit) {
      super("record longer than " + String.format(Locale.ROOT, "%,d", limit) + " characters");
    }
  }

  static final String TEXT_AFTER_QUOTE =
      "text after the closing quote of a field (a quote inside a quoted field is written \"\")";
  static final String QUOTE_NEVER_CLOSED = "a quoted field opened on this line is never closed";

  private final Reader in;
  private final long maxRecordChars;
  private final char[] buf = new char[1 << 16];
  /**
   * While not null, the input is read as bytes ({@link #raw}, {@code pos}, {@code limit} index it) rather than
   * as characters: the text is {@link StrictText} in a charset whose bytes below 0x80 are ASCII, and so far
   * every byte read was. A plain field's bytes then go straight into the record, one pass, where decoding
   * first made a copy of every byte as a character and a second pass scanned it; a quoted field likewise. The
   * first byte that is not ASCII hands the bytes not read yet back to the text ({@link #toChars}), and the
   * rest of the input is read as characters, decoded strictly as before.
   */
  private byte[] raw;
  private final StrictText strict;
  private int pos;
  private int limit;
  private boolean eof;
  /** Characters of the input before {@code buf[0]}: where a record starts, to stop one too long. */
  private long before;
  private long recordStart;
  /** The previous character ended a line with CR: an LF right after it ends no further line. */
  private boolean afterCr;
  private int line = 1;
  /** Between fields: a comma unless {@link #sniffing} found another in the header. */
  private char separator = ',';

  private char[] text = new char[1024];
  private int used;
  private int[] ends = new int[32];
  private int[] trimmedStarts = new int[32];
  private int[] trimmedEnds = new int[32];
  private int size;
  private int startLine;
  /** The record holds U+FFFD or NUL: rare, so one flag is set while reading and the record scanned only then. */
  private boolean oddChar;
  private boolean unterminated;

  /**
   * @param maxRecordChars longest record read, in characters; a longer one is stopped within one
   *     buffer (64 K) past the limit, never before it, so a broken file costs megabytes at most
   */
  public CsvReader(Reader in, long maxRecordChars) throws IOException {
    this.in = in;
    this.maxRecordChars = maxRecordChars;
    // this reader counts lines as StrictText does: a bad byte is placed by this count, the text's own is spared
    this.strict = in instanceof StrictText text ? text : null;
    if (strict != null) {
      strict.linesCountedByReader();
      if (strict.asciiCompatible()) raw = new byte[1 << 16];
    }
    if (fill()) {
      if (raw != null && raw[0] < 0) toChars(); // a byte-order mark, or text that is not ASCII from its start
      if (raw == null && buf[0] == '\uFEFF') pos = 1;
    }
    recordStart = pos;
  }

  /**
   * A reader whose separator is taken from the header line: a semicolon or a tab (the more frequent)
   * when the header holds more of it than of the comma (outside quotes), else the comma.
   */
  public static CsvReader sniffing(Reader in, long maxRecordChars) throws IOException {
    CsvReader r = new CsvReader(in, maxRecordChars);
    if (r.excelSeparatorLine()) return r;
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    boolean quoted = false;
    for (int p = r.pos; p < r.limit; p++) {
      char c = r.at(p);
      if (c == '"') quoted = !quoted;
      else if (quoted) continue;
      else if (c == '\n' || c == '\r') break;
      else if (c == ',') commas++;
      else if (c == ';') semicolons++;
      else if (c == '\t') tabs++;
    }
    // more than its commas: a spreadsheet cell's own comma ("value, ms") does not make the header comma-separated
    if (Math.max(semicolons, tabs) > commas) r.separator = semicolons >= tabs ? ';' : '\t';
    return r;
  }

  /**
   * Excel writes (and obeys) a first line {@code sep=;} naming the separator; it is no header. When
   * the input starts with one, takes its separator and skips the line (it still counts as line 1).
   */
  private boolean excelSeparatorLine() throws IOException {
    int p = pos;
    if (limit - p < 5 || !(String.valueOf(at(p)) + at(p + 1) + at(p + 2) + at(p + 3)).equalsIgnoreCase("sep=")) return false;
    char sep = at(p + 4);
    if (",;\t|".indexOf(sep) < 0) return false;
    int after = p + 5;
    if (after < limit && at(after) != '\n' && at(after) != '\r') return false;
    pos = after;
    if (pos < limit) {
      char c = at(pos++);
      lineBreak(c);
    } else {
      line++;
    }
    separator = sep;
    recordStart = before + pos;
    return true;
  }

  /** The character between fields. */
  public char separator() {
    return separator;
  }

  /**
   * Reads the next record.
   *
   * @return false at the end of the input
   * @throws Malformed when the record cannot be read (the rest of the input is then unreadable)
   */
  public boolean next() throws IOException {
    size = 0;
    used = 0;
    oddChar = false;
    startLine = line;
    recordStart = before + pos;
    if (pos >= limit && !fill()) return false;
    while (true) {
      int end;
      if (raw == null) {
        end = buf[pos] == '"' ? quoted() : plain();
      } else if (raw[pos] == '"') {
        end = quotedBytes();
      } else {
        end = plainBytes();
      }
      // end: ',' another field follows, '\n' the record ended with a line, -1 with the input
      if (end != ',') {
        unterminated = end == -1;
        return true;
      }
    }
  }

  /** An unquoted field from {@code pos}; returns what ended it. */
  private int plain() throws IOException {
    while (true) {
      char[] b = buf;
      int p = pos;
      int stop = limit;
      int from = p;
      char c = 0;
      char sep = separator;
      long stops = (1L << '\n') | (1L << '\r') | (1L << '\0') | (sep < 64 ? 1L << sep : 0);
      while (p < stop) {
        c = b[p];
        // one test for most characters: letters are above 63, digits and punctuation outside the mask
        if (c < 64 ? (stops >>> c & 1) != 0 : c == '\uFFFD' || c == sep) {
          if (c == sep || c == '\n' || c == '\r') break;
          oddChar = true; // NUL or U+FFFD
        }
        p++;
      }
      append(b, from, p - from);
      pos = p;
      if (p < stop) {
        pos++;
        if (c == sep) {
          endField();
          if (pos >= limit && !fill()) {
            endField(); // "a," at the end of the input: a last, empty field
            return -1;
          }
          return ',';
        }
        endField();
        lineBreak(c);
        return '\n';
      }
      if (!fill()) {
        endField();
        return -1;
      }
    }
  }

  /**
   * {@link #plain} over {@link #raw}: each byte tested and stored as its character in one pass. A byte that
   * is not ASCII ends the pass: the field goes on as characters ({@link #toChars}).
   */
  private int plainBytes() throws IOException {
    while (true) {
      byte[] b = raw;
      int p = pos;
      int stop = limit;
      if (used + (stop - p) > text.length) text = Arrays.copyOf(text, Math.max(text.length * 2, used + (stop - p)));
      char[] t = text;
      int u = used;
      int c = 0;
      char sep = separator;
      long stops = (1L << '\n') | (1L << '\r') | (1L << '\0') | (sep < 64 ? 1L << sep : 0);
      while (p < stop) {
        c = b[p];
        // one test for most bytes, as in plain(); a negative one (not ASCII) is among those stopped
        if (c < 64 ? c < 0 || (stops >>> c & 1) != 0 : c == sep) {
          if (c == sep || c == '\n' || c == '\r' || c < 0) break;
          oddChar = true; // NUL
        }
        t[u++] = (char) c;
        p++;
      }
      used = u;
      pos = p;
      if (p < stop) {
        if (c < 0) {
          toChars();
          return plain();
        }
        pos++;
        if (c == sep) {
          endField();
          if (pos >= limit && !fill()) {
            endField(); // "a," at the end of the input: a last, empty field
            return -1;
          }
          return ',';
        }
        endField();
        lineBreak((char) c);
        return '\n';
      }
      if (!fill()) {
        endField();
        return -1;
      }
    }
  }

  /**
   * Leaves byte mode for good: the bytes from {@code pos} on go back to the text, which decodes them, and the
   * characters are read from here on (every byte before was ASCII, so counts of characters stay right).
   */
  private void toChars() throws IOException {
    strict.giveBack(raw, pos, limit - pos);
    raw = null;
    before += pos;
    pos = 0;
    limit = 0;
    fill(); // at least the byte that stopped byte mode is there to decode (or to throw at its line)
  }

  /** Whether the input is still read as bytes (every byte so far ASCII). */
  boolean readingBytes() {
    return raw != null;
  }

  /** The character at {@code p} of the buffer being read (a byte of {@link #raw} as Latin-1: never taken for an ASCII one). */
  private char at(int p) {
    return raw != null ? (char) (raw[p] & 0xFF) : buf[p];
  }

  /** A quoted field, {@code pos} at its opening quote; returns what ended it. */
  private int quoted() throws IOException {
    pos++;
    return quotedFrom();
  }

  /**
   * {@link #quoted} over {@link #raw}: a quoted field is as common in real exports (messages, commands) as a
   * plain one, and one of them no longer sends the rest of the file through the decoder. A byte that is not
   * ASCII hands the rest over to characters ({@link #toChars}) and the field goes on there, in or after its
   * quotes, so a bad byte is still decoded strictly at its line.
   */
  private int quotedBytes() throws IOException {
    pos++;
    while (true) {
      if (pos >= limit && !fill()) throw new Malformed(QUOTE_NEVER_CLOSED);
      byte[] b = raw;
      int p = pos;
      int stop = limit;
      if (used + (stop - p) > text.length) text = Arrays.copyOf(text, Math.max(text.length * 2, used + (stop - p)));
      char[] t = text;
      int u = used;
      int c = 0;
      while (p < stop) {
        c = b[p];
        if (c == '"' || c < 0) break;
        if (c == '\n') {
          if (!afterCr) line++;
          afterCr = false;
        } else if (c == '\r') {
          line++;
          afterCr = true;
        } else {
          afterCr = false;
          if (c == 0) oddChar = true;
        }
        t[u++] = (char) c;
        p++;
      }
      used = u;
      pos = p;
      if (p == stop) continue;
      if (c < 0) {
        toChars();
        return quotedFrom();
      }
      afterCr = false;
      pos++; // the quote
      if (pos >= limit && !fill()) {
        endField();
        return -1;
      }
      if (raw[pos] == '"') {
        append('"');
        pos++;
        continue;
      }
      return afterClosingQuote();
    }
  }

  /** The rest of a quoted field read as characters, {@code pos} inside its quotes. */
  private int quotedFrom() throws IOException {
    while (true) {
      if (pos >= limit && !fill()) throw new Malformed(QUOTE_NEVER_CLOSED);
      char[] b = buf;
      int p = pos;
      int stop = limit;
      int from = p;
      while (p < stop) {
        char c = b[p];
        if (c == '"') break;
        if (c == '\n') {
          if (!afterCr) line++;
          afterCr = false;
        } else if (c == '\r') {
          line++;
          afterCr = true;
        } else {
          afterCr = false;
          if (c == '\uFFFD' || c == '\0') oddChar = true;
        }
        p++;
      }
      append(b, from, p - from);
      pos = p;
      if (p == stop) continue;
      afterCr = false;
      pos++; // the quote
      if (pos >= limit && !fill()) {
        endField();
        return -1;
      }
      if (buf[pos] == '"') {
        append(buf, pos, 1);
        pos++;
        continue;
      }
      return afterClosingQuote();
    }
  }

  /** After a quoted field's closing quote: white space, then the separator, a line break or the end. */
  private int afterClosingQuote() throws IOException {
    endField();
    while (true) {
      if (pos >= limit && !fill()) return -1;
      if (raw != null && raw[pos] < 0) toChars(); // white space beyond ASCII is read as characters
      char c = at(pos++);
      if (c == separator) {
        if (pos >= limit && !fill()) {
          endField();
          return -1;
        }
        return ',';
      }
      if (c == '\n' || c == '\r') {
        lineBreak(c);
        return '\n';
      }
      if (!Character.isWhitespace(c)) throw new Malformed(TEXT_AFTER_QUOTE);
    }
  }

  /** Counts the line break {@code c} just read; a CRLF is one. */
  private void lineBreak(char c) throws IOException {
    line++;
    afterCr = false;
    if (c == '\r' && (pos < limit || fill()) && at(pos) == '\n') pos++;
  }

  private void append(char c) {
    if (used == text.length) text = Arrays.copyOf(text, text.length * 2);
    text[used++] = c;
  }

  private void append(char[] from, int off, int n) {
    if (n == 0) return;
    if (used + n > text.length) text = Arrays.copyOf(text, Math.max(text.length * 2, used + n));
    System.arraycopy(from, off, text, used, n);
    used += n;
  }

  private void endField() {
    if (size == ends.length) {
      ends = Arrays.copyOf(ends, size * 2);
      trimmedStarts = Arrays.copyOf(trimmedStarts, size * 2);
      trimmedEnds = Arrays.copyOf(trimmedEnds, size * 2);
    }
    // the field's bounds without the white space String.trim() drops, found once here: callers ask for
    // them several times a field (names, fingerprints, numbers), and a call that scans costs C1 more
    int from = size == 0 ? 0 : ends[size - 1];
    int to = used;
    char[] t = text;
    while (from < to && t[from] <= ' ') from++;
    while (to > from && t[to - 1] <= ' ') to--;
    trimmedStarts[size] = from;
    trimmedEnds[size] = to;
    ends[size++] = used;
  }

  /** Reads more input into {@code buf} from {@code pos}; false at the end. */
  private boolean fill() throws IOException {
    if (eof) return false;
    if (before + pos - recordStart > maxRecordChars) throw new TooLong(maxRecordChars);
    before += limit;
    pos = 0;
    limit = 0;
    while (limit == 0) {
      int n;
      if (raw != null) {
        n = strict.readBytes(raw, 0, raw.length);
      } else {
        try {
          n = in.read(buf, 0, buf.length);
        } catch (StrictText.Undecodable e) {
          // every character before the bad byte has been read and its line breaks counted here
          throw e.at(line);
        }
      }
      if (n < 0) {
        eof = true;
        return false;
      }
      limit = n;
    }
    return true;
  }

  /** The number of fields of the record read last. */
  public int size() {
    return size;
  }

  /** A field of the record read last, as a new string. */
  public String get(int i) {
    int from = start(i);
    return new String(text, from, ends[i] - from);
  }

  /** A field's length in characters. */
  public int length(int i) {
    return ends[i] - start(i);
  }

  /** The line the record read last starts on, counted from 1. */
  public int startLine() {
    return startLine;
  }

  /** Whether the record read last holds a NUL character. */
  public boolean hasNul() {
    return nulField() >= 0;
  }

  /** The first field of the record read last holding a NUL character, or -1. */
  public int nulField() {
    if (!oddChar) return -1;
    for (int f = 0; f < size; f++) {
      for (int i = start(f); i < ends[f]; i++) if (text[i] == '\0') return f;
    }
    return -1;
  }

  /** Whether the record read last ended with the input, not with a line break (a cut-off last line, or just no final newline). */
  public boolean unterminated() {
    return unterminated;
  }

  /** Whether the record read last holds U+FFFD (what undecodable bytes decode to). */
  public boolean hasReplacement() {
    if (!oddChar) return false;
    int to = size == 0 ? 0 : ends[size - 1];
    for (int i = 0; i < to; i++) if (text[i] == '\uFFFD') return true;
    return false;
  }

  /** The buffer holding the record read last; field {@code i} is {@code [start(i), end(i))}. */
  char[] text() {
    return text;
  }

  int start(int i) {
    return i == 0 ? 0 : ends[i - 1];
  }

  int end(int i) {
    return ends[i];
  }

  /** Where field {@code i} starts and ends without the white space {@link String#trim()} drops. */
  int trimmedStart(int i) {
    return trimmedStarts[i];
  }

  int trimmedEnd(int i) {
    return trimmedEnds[i];
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
