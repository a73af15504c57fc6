package org.hindsight.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hindsight.facts.SourceRef;
import org.hindsight.ingest.Inputs;

/**
 * The text of cited log records, read back from the files at report time (facts keep only file and
 * line, which keeps millions of rows cheap). A CSV record that spans lines (quoted newlines) is
 * joined; a cited line of another log (an importer's origin: a TACACS+ file, a syslog, a JSON
 * export) is read as it stands, compressed or not, and cut short when it is very long.
 */
public final class SourceText {
  private final Map<SourceRef, String> text = new HashMap<>();

  public static SourceText of(Collection<SourceRef> refs) {
    SourceText st = new SourceText();
    Map<String, TreeSet<Integer>> byFile = new TreeMap<>();
    for (SourceRef r : refs) {
      if (r != null) byFile.computeIfAbsent(r.file(), k -> new TreeSet<>()).add(r.line());
    }
    byFile.forEach((file, lines) -> st.read(file, lines));
    return st;
  }

  /** A cited line of a non-CSV log beyond this many characters (e.g. one-line JSON) is shortened. */
  static final int MAX_TEXT = 400;

  private void read(String file, TreeSet<Integer> wanted) {
    if (file.equals(Inputs.STDIN_NAME)) return; // read once, gone
    boolean csv = Inputs.isCsvName(file);
    try (Lines in = lines(Inputs.quoted(Path.of(file)))) {
      int lineNo = 0;
      for (int want : wanted) {
        if (want <= lineNo) continue; // inside the record read last
        while (lineNo < want - 1 && in.skip()) lineNo++;
        if (lineNo < want - 1) break; // the file is shorter now
        String line = in.read();
        if (line == null) break;
        lineNo++;
        if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
        StringBuilder record = new StringBuilder(line);
        int start = lineNo;
        while (csv && unbalancedQuotes(record) && (line = in.read()) != null) {
          lineNo++;
          record.append('\n').append(line);
        }
        if (!csv && record.length() > MAX_TEXT) {
          record.setLength(MAX_TEXT);
          record.append('…');
        }
        text.put(new SourceRef(file, start), record.toString());
      }
    } catch (IOException | java.nio.file.InvalidPathException | java.io.UncheckedIOException e) {
      // the file changed or vanished since it was read: cite without text
    }
  }

  /**
   * The lines of a file: among its bytes where the charset allows it ({@link Inputs#bytesBreakLines}), so
   * the lines not cited are neither decoded nor copied (at a million rows the report skips ~50 MB to reach
   * its few thousand cited lines), else among its decoded characters.
   */
  private static Lines lines(Inputs.Quoted q) {
    if (Inputs.bytesBreakLines(q.charset())) return new ByteLines(q.bytes(), q.charset());
    return new CharLines(q.text());
  }

  /** A file's lines as {@link java.io.BufferedReader#readLine} splits them (CR, LF or CRLF end one). */
  private interface Lines extends java.io.Closeable {
    /** Skips a line without making a string of it; false when there was none left. */
    boolean skip() throws IOException;

    /** The next line, or null at the end. */
    String read() throws IOException;
  }

  /** Lines found among the decoded characters: the rare charsets whose bytes cannot be split (UTF-16, EBCDIC, Shift_JIS). */
  private static final class CharLines implements Lines {
    private final java.io.BufferedReader in;

    CharLines(java.io.Reader in) {
      this.in = new java.io.BufferedReader(in, 1 << 16);
    }

    @Override
    public boolean skip() throws IOException {
      return in.readLine() != null;
    }

    @Override
    public String read() throws IOException {
      return in.readLine();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Lines found among the bytes, only the lines read decoded (each on its own: no character spans a break). */
  private static final class ByteLines implements Lines {
    private final java.io.InputStream in;
    private final java.nio.charset.Charset charset;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean skipLf;
    /** The bytes of the line being read. */
    private byte[] line = new byte[256];
    private int lineLength;

    ByteLines(java.io.InputStream in, java.nio.charset.Charset charset) {
      this.in = in;
      this.charset = charset;
    }

    @Override
    public boolean skip() throws IOException {
      return line(false);
    }

    @Override
    public String read() throws IOException {
      lineLength = 0;
      // decoded as the characters' reader decodes (a bad byte shown as U+FFFD, as Inputs.text does)
      return line(true) ? new String(line, 0, lineLength, charset) : null;
    }

    private boolean line(boolean keep) throws IOException {
      boolean any = false;
      while (true) {
        if (pos >= limit) {
          limit = in.read(buf, 0, buf.length);
          pos = 0;
          if (limit <= 0) {
            limit = 0;
            return any;
          }
        }
        if (skipLf) {
          skipLf = false;
          if (buf[pos] == '\n') {
            pos++;
            continue;
          }
        }
        any = true;
        int from = pos;
        byte[] b = buf;
        int end = limit;
        for (int p = from; p < end; p++) {
          byte c = b[p];
          if (c == '\n' || c == '\r') {
            if (keep) keep(from, p);
            pos = p + 1;
            skipLf = c == '\r';
            return true;
          }
        }
        if (keep) keep(from, end);
        pos = end;
      }
    }

    private void keep(int from, int to) {
      int n = to - from;
      if (lineLength + n > line.length) line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
      System.arraycopy(buf, from, line, lineLength, n);
      lineLength += n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  private static boolean unbalancedQuotes(CharSequence s) {
    int q = 0;
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '"') q++;
    return q % 2 == 1;
  }

  /** The record's text, or "" when it cannot be read back. */
  public String get(SourceRef ref) {
    return ref == null ? "" : text.getOrDefault(ref, "");
  }
}
