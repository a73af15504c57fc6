package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** {@link CsvReader} reads what commons-csv (the reference, RFC 4180 as ingest used it) reads. */
class CsvReaderTest {
  private static final CSVFormat REFERENCE =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setTrim(false).build();

  /** Records with their start lines, then how the read ended ("end" or the error). */
  private static List<String> reference(String input) {
    List<String> out = new ArrayList<>();
    String text = input.startsWith("\uFEFF") ? input.substring(1) : input;
    try (CSVParser p = REFERENCE.parse(new StringReader(text))) {
      var it = p.iterator();
      long previousEnd = 0;
      while (true) {
        long line = previousEnd + 1;
        CSVRecord r;
        try {
          if (!it.hasNext()) break;
          r = it.next();
        } catch (RuntimeException e) {
          String m = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
          out.add(line + ": " + (m.contains("between encapsulated token and delimiter") ? CsvReader.TEXT_AFTER_QUOTE
              : m.contains("EOF reached before encapsulated token finished") ? CsvReader.QUOTE_NEVER_CLOSED : m));
          return out;
        }
        previousEnd = p.getCurrentLineNumber();
        out.add(line + ": " + r.toList());
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    out.add("end");
    return out;
  }

  private static List<String> ours(Reader in) {
    List<String> out = new ArrayList<>();
    try (CsvReader r = new CsvReader(in, Long.MAX_VALUE)) {
      while (true) {
        try {
          if (!r.next()) break;
        } catch (CsvReader.Malformed e) {
          out.add(r.startLine() + ": " + e.getMessage());
          return out;
        }
        List<String> fields = new ArrayList<>();
        boolean replacement = false;
        for (int i = 0; i < r.size(); i++) {
          fields.add(r.get(i));
          assertEquals(r.get(i).length(), r.length(i));
          replacement |= r.get(i).indexOf('\uFFFD') >= 0;
        }
        assertEquals(replacement, r.hasReplacement(), "U+FFFD noted");
        out.add(r.startLine() + ": " + fields);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    out.add("end");
    return out;
  }

  /** Hands out a few characters at a time, so records straddle every kind of buffer boundary. */
  private static Reader trickle(String s, Random random) {
    return new Reader() {
      int at;

      @Override
      public int read(char[] buf, int off, int len) {
        if (at >= s.length()) return -1;
        int n = Math.min(Math.min(len, 1 + random.nextInt(5)), s.length() - at);
        s.getChars(at, at + n, buf, off);
        at += n;
        return n;
      }

      @Override
      public void close() {}
    };
  }

  private static final String[] PIECES = {"a", "bc", "42", "-0.5", ",", ",", ",", "\"", "\"\"", "\n", "\r", "\r\n",
      " ", "\t", "\u000B", "\u00A0", "\u2028", "é", "\uD83D\uDE00", "\uFFFD", "\uFEFF", "", "x y", "2021-10-25T11:16:05Z"};

  private static String noise(Random r) {
    StringBuilder b = new StringBuilder();
    if (r.nextInt(10) == 0) b.append('\uFEFF');
    int n = r.nextInt(40);
    for (int i = 0; i < n; i++) b.append(PIECES[r.nextInt(PIECES.length)]);
    return b.toString();
  }

  /** Well-formed CSV (ragged rows, empty fields, quoted fields with every special character), then perhaps damaged. */
  private static String table(Random r) {
    StringBuilder b = new StringBuilder();
    int rows = r.nextInt(8);
    for (int i = 0; i < rows; i++) {
      int fields = r.nextInt(4) == 0 ? 1 + r.nextInt(6) : 3;
      for (int f = 0; f < fields; f++) {
        if (f > 0) b.append(',');
        String v = noise(r).replace("\uFEFF", "");
        boolean quote = r.nextBoolean();
        if (quote) {
          b.append('"').append(v.replace("\"", "\"\"")).append('"');
          if (r.nextInt(8) == 0) b.append(r.nextBoolean() ? " " : "\t");
        } else {
          b.append(v.replace("\"", "").replace(",", "").replace("\r", "").replace("\n", "").replace("\u00A0", ""));
        }
      }
      b.append(r.nextInt(3) == 0 ? "\r\n" : r.nextInt(6) == 0 ? "\r" : "\n");
      if (r.nextInt(10) == 0) b.append('\n'); // a blank line
    }
    if (r.nextBoolean() && b.length() > 0) b.setLength(b.length() - 1); // no final line break
    if (r.nextInt(5) == 0 && b.length() > 0) b.insert(r.nextInt(b.length()), PIECES[r.nextInt(PIECES.length)]);
    return b.toString();
  }

  @Test
  void agreesWithCommonsCsvOnGeneratedInputs() {
    Random random = new Random(4180);
    int errors = 0;
    int multiLine = 0;
    for (int i = 0; i < 15_000; i++) {
      String input = i % 2 == 0 ? noise(random) : table(random);
      List<String> expected = reference(input);
      assertEquals(expected, ours(new StringReader(input)), () -> "input: " + escaped(input));
      assertEquals(expected, ours(trickle(input, random)), () -> "input, trickled: " + escaped(input));
      if (!expected.get(expected.size() - 1).equals("end")) errors++;
      if (expected.stream().anyMatch(s -> s.contains("\n") && !s.startsWith("1:"))) multiLine++;
    }
    assertTrue(errors > 1000, "malformed inputs were generated: " + errors);
    assertTrue(multiLine > 1000, "quoted line breaks were generated: " + multiLine);
  }

  @Test
  void recordsStartLinesAndEdges() throws IOException {
    String input = "\uFEFFh1,h2\r\n\"a\nb\",\"say \"\"hi\"\"\"\n\n,\nlast,\"\" ";
    assertEquals(List.of("1: [h1, h2]", "2: [a\nb, say \"hi\"]", "4: []", "5: [, ]", "6: [last, ]", "end"),
        ours(new StringReader(input)));
    assertEquals(reference(input), ours(new StringReader(input)));
    assertEquals(List.of("1: [a, b]", "2: " + CsvReader.TEXT_AFTER_QUOTE), ours(new StringReader("a,b\n\"x\"y,z\n")));
    assertEquals(List.of("1: [a]", "2: " + CsvReader.QUOTE_NEVER_CLOSED), ours(new StringReader("a\n\"x\ny\nz")));
    assertEquals(List.of("end"), ours(new StringReader("")));
    assertEquals(List.of("1: [a, ]", "end"), ours(new StringReader("a,")));
  }

  @Test
  void stopsARecordPastTheLimitButNeverBefore() throws IOException {
    String big = "x".repeat(100_000);
    try (CsvReader r = new CsvReader(new StringReader("h\n" + big + "\nok\n"), 100_001)) {
      assertTrue(r.next());
      assertTrue(r.next());
      assertEquals(100_000, r.length(0));
      assertTrue(r.next());
      assertFalse(r.next());
    }
    try (CsvReader r = new CsvReader(new StringReader("h\n\"" + big.repeat(3)), 100_000)) {
      assertTrue(r.next());
      CsvReader.Malformed e = assertThrows(CsvReader.TooLong.class, r::next);
      assertEquals("record longer than 100,000 characters", e.getMessage());
      assertEquals(2, r.startLine());
    }
  }

  private static String escaped(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t").replace("\uFEFF", "<BOM>");
  }
}
