package org.hindsight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hindsight.facts.SourceRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cited records read back: the lines {@link BufferedReader#readLine} gives, quoted line breaks joined. */
class SourceTextTest {
  private static final String[] PIECES = {"a", "b,c", "\"", "\"q\"\"x\"", "\n", "\r", "\r\n", "é", "", "2024-01-01T00:00:00Z"};

  /** The records as read before skipping was made cheaper: every line through readLine. */
  private static java.util.Map<Integer, String> expected(String content, java.util.Set<Integer> wanted) throws Exception {
    java.util.Map<Integer, String> out = new java.util.HashMap<>();
    BufferedReader in = new BufferedReader(new StringReader(content));
    int lineNo = 0;
    String l;
    while ((l = in.readLine()) != null) {
      lineNo++;
      if (lineNo == 1 && !l.isEmpty() && l.charAt(0) == '\uFEFF') l = l.substring(1);
      if (!wanted.contains(lineNo)) continue;
      StringBuilder record = new StringBuilder(l);
      int start = lineNo;
      while (record.chars().filter(c -> c == '"').count() % 2 == 1 && (l = in.readLine()) != null) {
        lineNo++;
        record.append('\n').append(l);
      }
      out.put(start, record.toString());
    }
    return out;
  }

  /** A log that is not CSV: each cited line as it stands, cut after {@link SourceText#MAX_TEXT} characters. */
  private static java.util.Map<Integer, String> expectedLines(String content, List<SourceRef> refs) throws Exception {
    java.util.Map<Integer, String> out = new java.util.HashMap<>();
    var wanted = new java.util.HashSet<>(refs.stream().map(SourceRef::line).toList());
    BufferedReader in = new BufferedReader(new StringReader(content));
    int lineNo = 0;
    for (String l; (l = in.readLine()) != null;) {
      lineNo++;
      if (lineNo == 1 && !l.isEmpty() && l.charAt(0) == '\uFEFF') l = l.substring(1);
      if (wanted.contains(lineNo)) out.put(lineNo, l.length() > SourceText.MAX_TEXT ? l.substring(0, SourceText.MAX_TEXT) + "…" : l);
    }
    return out;
  }

  @Test
  void readsTheCitedRecordsAsWholeLinesWouldGiveThem(@TempDir Path dir) throws Exception {
    Random random = new Random(31);
    for (int round = 0; round < 300; round++) {
      StringBuilder b = new StringBuilder(random.nextInt(4) == 0 ? "\uFEFF" : "");
      int n = random.nextInt(30);
      for (int i = 0; i < n; i++) b.append(PIECES[random.nextInt(PIECES.length)]);
      String content = b.toString();
      Path f = dir.resolve("events-" + round + ".csv");
      Files.writeString(f, content, StandardCharsets.UTF_8);
      List<SourceRef> refs = new ArrayList<>();
      for (int line = 1; line <= 12; line++) if (random.nextBoolean()) refs.add(new SourceRef(f.toString(), line));
      SourceText text = SourceText.of(refs);
      var want = expected(content, new java.util.HashSet<>(refs.stream().map(SourceRef::line).toList()));
      for (SourceRef r : refs) {
        // a cited line inside a cited record that started earlier is not a record of its own
        assertEquals(want.getOrDefault(r.line(), ""), text.get(r), () -> "line " + r.line() + " of " + content.replace("\r", "\\r").replace("\n", "\\n"));
      }
    }
  }

  /** Byte pieces: text in the charset under test, bad bytes, line breaks; each row of bytes a piece. */
  private static final byte[][] BYTE_PIECES = {
      "a,b".getBytes(StandardCharsets.US_ASCII), {'"'}, {'\n'}, {'\r'}, {'\r', '\n'},
      {(byte) 0xC3, (byte) 0xA9}, // é in UTF-8
      {(byte) 0xE9}, // é in Latin-1, a bad byte in UTF-8
      {(byte) 0xE2, (byte) 0x82}, // a UTF-8 character cut short
      {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, // outside the BMP: two chars
      {(byte) 0x80}, {(byte) 0x81}, {(byte) 0x9D}, // not mapped in windows-1252
      {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "2024-01-01T00:00:00Z".getBytes(StandardCharsets.US_ASCII)};

  /**
   * Cited lines are found among the bytes where the charset allows it and decoded alone: what a reader of the
   * whole decoded file gives (bad bytes as U+FFFD), in UTF-8 and single-byte charsets, compressed or not, with
   * byte-order marks; UTF-16 and EBCDIC, whose line breaks are other bytes, still read as characters.
   */
  @Test
  void findsTheCitedLinesAmongBytesAsTheDecodedFileGivesThem(@TempDir Path dir) throws Exception {
    java.nio.charset.Charset[] charsets = {StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1,
        java.nio.charset.Charset.forName("windows-1252"), java.nio.charset.Charset.forName("IBM037"),
        StandardCharsets.UTF_16LE};
    Random random = new Random(37);
    for (int round = 0; round < 600; round++) {
      java.nio.charset.Charset cs = charsets[round % charsets.length];
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      if (cs.equals(StandardCharsets.UTF_16LE)) {
        bytes.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(30); i > 0; i--) b.append(PIECES[random.nextInt(PIECES.length)]);
        bytes.write(b.toString().getBytes(StandardCharsets.UTF_16LE));
      } else {
        for (int i = random.nextInt(40); i > 0; i--) bytes.write(BYTE_PIECES[random.nextInt(BYTE_PIECES.length)]);
      }
      boolean gzip = random.nextInt(3) == 0;
      boolean csv = random.nextInt(4) != 0;
      Path f = dir.resolve((csv ? "events-" : "syslog-") + round + (csv ? ".csv" : ".log") + (gzip ? ".gz" : ""));
      byte[] content = bytes.toByteArray();
      if (gzip) {
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(f))) {
          out.write(content);
        }
      } else {
        Files.write(f, content);
      }
      org.hindsight.ingest.Inputs.text(f, cs).close(); // ingest read it in cs: quote it so
      List<SourceRef> refs = new ArrayList<>();
      for (int line = 1; line <= 14; line++) if (random.nextBoolean()) refs.add(new SourceRef(f.toString(), line));
      StringBuilder all = new StringBuilder();
      try (java.io.Reader r = org.hindsight.ingest.Inputs.text(f)) {
        char[] buf = new char[37];
        for (int n; (n = r.read(buf)) > 0;) all.append(buf, 0, n);
      }
      String whole = all.toString();
      var want = csv ? expected(whole, new java.util.HashSet<>(refs.stream().map(SourceRef::line).toList()))
          : expectedLines(whole, refs);
      SourceText text = SourceText.of(refs);
      for (SourceRef r : refs) {
        assertEquals(want.getOrDefault(r.line(), ""), text.get(r), () -> cs + " line " + r.line() + " of " + whole);
      }
    }
  }

  /** Which charsets' lines are found among bytes: those where 0x0A and 0x0D are LF and CR and nothing else is. */
  @Test
  void bytesBreakLinesOnlyWhereTheCharsetKeepsAsciiLineBreaks() {
    for (String name : new String[] {"UTF-8", "ISO-8859-1", "US-ASCII", "windows-1252", "ISO-8859-15", "windows-1251"}) {
      org.junit.jupiter.api.Assertions.assertTrue(org.hindsight.ingest.Inputs.bytesBreakLines(java.nio.charset.Charset.forName(name)), name);
    }
    for (String name : new String[] {"UTF-16LE", "UTF-16BE", "IBM037", "Shift_JIS", "GB18030"}) {
      org.junit.jupiter.api.Assertions.assertFalse(org.hindsight.ingest.Inputs.bytesBreakLines(java.nio.charset.Charset.forName(name)), name);
    }
  }
}
