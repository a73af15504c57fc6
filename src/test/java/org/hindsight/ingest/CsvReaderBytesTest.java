package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The CSV reader over {@link StrictText} in an ASCII-compatible charset scans the bytes themselves until the
 * first byte that is not ASCII, in a quoted field or not, then reads the rest as characters: every record,
 * line, problem and bad byte's line is what reading characters from the start gives.
 */
class CsvReaderBytesTest {
  private static final String[] ASCII = {"a", "srv-17", "42", "-0.5", ",", ",", ",", " ", "\t", ";", "|",
      "2021-10-25T11:16:05Z", "\n", "\r\n", "\r", "\u0000", "x y", ""};
  private static final String[] OTHER = {"\"q\"", "\"a,\"\"b\"\"\r\nc\"", "é", "\uD83D\uDE00", "\u00A0", "\uFFFD", "\"unclosed",
      "\"é\"", "\"a\r\"", "\"\"", "\"x\" ", "\"y\"\u2003", "\"z\"\u00A0", "\"\u0000\n\"", "\"q\"junk"};

  /** Mostly ASCII records; now and then something that ends byte mode; long enough to cross 64 K buffers. */
  private static String text(Random r) {
    StringBuilder b = new StringBuilder();
    if (r.nextInt(10) == 0) b.append('\uFEFF');
    if (r.nextInt(10) == 0) b.append("sep=").append(";\t|,".charAt(r.nextInt(4))).append(r.nextBoolean() ? "\n" : "\r\n");
    int size = r.nextInt(4) == 0 ? 100_000 + r.nextInt(200_000) : r.nextInt(200);
    int otherEvery = r.nextInt(3) == 0 ? Integer.MAX_VALUE : 1 + r.nextInt(2_000);
    while (b.length() < size) {
      b.append(r.nextInt(otherEvery) == 0 && r.nextInt(otherEvery) < 50 ? OTHER[r.nextInt(OTHER.length)] : ASCII[r.nextInt(ASCII.length)]);
    }
    return b.toString();
  }

  /** What the reader gives: each record (its line, fields, width, NUL, cut-off end), then the problem that stopped it. */
  private static List<String> records(Reader in, boolean sniff) {
    List<String> out = new ArrayList<>();
    try (CsvReader r = sniff ? CsvReader.sniffing(in, 1 << 20) : new CsvReader(in, 1 << 20)) {
      out.add("separator " + (int) r.separator());
      while (true) {
        try {
          if (!r.next()) break;
        } catch (StrictText.Undecodable e) {
          out.add(e.line() + ": " + e.getMessage());
          return out;
        } catch (CsvReader.Malformed e) {
          out.add(r.startLine() + ": " + e.getMessage());
          return out;
        }
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) fields.add(r.get(i) + "|" + r.trimmedStart(i) + "-" + r.trimmedEnd(i));
        out.add(r.startLine() + ": " + fields + " nul " + r.nulField() + " fffd " + r.hasReplacement() + " cut " + r.unterminated());
      }
    } catch (StrictText.Undecodable e) {
      out.add(e.line() + ": " + e.getMessage());
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    out.add("end");
    return out;
  }

  /** The same text, not seen as a StrictText by the reader: read as characters from the start, its lines counted by the text. */
  private static Reader asCharacters(byte[] bytes, Charset cs) {
    return new FilterReader(new StrictText(new ByteArrayInputStream(bytes), cs)) {};
  }

  @Test
  void randomTextsReadAsBytesGiveWhatCharactersGive() {
    Random random = new Random(41);
    for (int i = 0; i < 250; i++) {
      String text = text(random);
      boolean latin1 = random.nextInt(4) == 0 && StandardCharsets.ISO_8859_1.newEncoder().canEncode(text);
      Charset cs = latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
      byte[] bytes = text.getBytes(cs);
      boolean sniff = random.nextBoolean();
      List<String> expected = records(new StringReader(text), sniff);
      assertEquals(expected, records(new StrictText(new ByteArrayInputStream(bytes), cs), sniff), "case " + i);
      assertEquals(expected, records(asCharacters(bytes, cs), sniff), "case " + i);
    }
  }

  @Test
  void aBadByteIsPlacedAtItsLineWhereverByteModeEnds() {
    Random random = new Random(43);
    for (int i = 0; i < 200; i++) {
      String text = text(random);
      byte[] good = text.getBytes(StandardCharsets.UTF_8);
      int at = random.nextInt(good.length + 1);
      byte[] bytes = new byte[good.length + 1];
      System.arraycopy(good, 0, bytes, 0, at);
      bytes[at] = (byte) (random.nextBoolean() ? 0xFF : 0xC3); // never valid; a lead byte whose follower is missing
      System.arraycopy(good, at, bytes, at + 1, good.length - at);
      List<String> asBytes = records(new StrictText(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8), false);
      List<String> asChars = records(asCharacters(bytes, StandardCharsets.UTF_8), false);
      String last = asChars.get(asChars.size() - 1);
      assertEquals(last, asBytes.get(asBytes.size() - 1), "case " + i);
      // the records before the problem are the same; reading bytes may also give the record a lone CR ended
      // right before the bad byte, which reading characters lost when its look for an LF met the bad byte
      List<String> before = asChars.subList(0, asChars.size() - 1);
      assertEquals(before, asBytes.subList(0, Math.min(before.size(), asBytes.size() - 1)), "case " + i);
      assertTrue(asBytes.size() - asChars.size() <= 1, "case " + i);
    }
  }

  @Test
  void bytesAreReadUntilATextByteAndCharactersAfter() throws IOException {
    StringBuilder ascii = new StringBuilder("timestamp,entity,metric,value\n");
    for (int i = 0; i < 20_000; i++) ascii.append("2024-06-20T12:00:00Z,srv").append(i % 400).append(",cpu.util,").append(i % 97).append('\n');
    // a quoted field of ASCII stays on bytes (its quotes, doubled quote and white space after it included);
    // a byte that is not ASCII inside the quotes, after them or unquoted ends byte mode
    for (String turn : new String[] {"", "\"srv,\"\"1\"  ", "\"srv,é\"", "\"srv,1\"\u2003", "srvé"}) {
      String text = ascii + "2024-06-20T12:00:01Z," + turn + ",cpu.util,1\n" + ascii.substring(30);
      try (CsvReader r = new CsvReader(new StrictText(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
          StandardCharsets.UTF_8), 1 << 20)) {
        for (int i = 0; i <= 20_000; i++) assertTrue(r.next());
        assertTrue(r.readingBytes(), "ASCII records are read as bytes");
        assertTrue(r.next());
        assertEquals(turn.startsWith("\"") ? turn.substring(1, turn.lastIndexOf('"')).replace("\"\"", "\"") : turn, r.get(1));
        while (r.next()) assertTrue(r.size() == 4);
        assertEquals(turn.chars().allMatch(c -> c < 0x80), r.readingBytes(), "after '" + turn + "'");
        assertEquals(40_003, r.startLine());
      }
    }
    // the same text in a charset whose bytes below 0x80 may be other characters is never read as bytes
    try (CsvReader r = new CsvReader(new StrictText(new ByteArrayInputStream(ascii.toString().getBytes(StandardCharsets.UTF_16LE)),
        StandardCharsets.UTF_16LE), 1 << 20)) {
      assertTrue(r.next());
      assertFalse(r.readingBytes());
      assertEquals("timestamp", r.get(0));
    }
  }
}
