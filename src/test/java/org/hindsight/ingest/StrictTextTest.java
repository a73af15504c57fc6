package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Strict decoding: every good character delivered, the first bad byte named at its line, nothing replaced. */
class StrictTextTest {
  private static String read(byte[] bytes, Charset cs) throws IOException {
    try (Reader r = new StrictText(new ByteArrayInputStream(bytes), cs)) {
      StringWriter w = new StringWriter();
      char[] buf = new char[1000]; // small reads, so the decoder's chunks and the caller's differ
      int n;
      while ((n = r.read(buf, 0, buf.length)) >= 0) w.write(buf, 0, n);
      return w.toString();
    }
  }

  @Test
  void multiByteCharactersCutByTheChunkBoundaryDecodeWhole() throws IOException {
    String text = "x".repeat((1 << 16) - 1) + "\u00e9\u4e2d\ud83d\ude00 end\n";
    assertEquals(text, read(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  @Test
  void theBadByteIsNamedAtItsLineWhateverTheLineEnds() {
    byte[] bytes = ("a\r\nb\rc\nd\r\n" + "e".repeat(70_000) + "\nf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
    StrictText.Undecodable e = assertThrows(StrictText.Undecodable.class, () -> read(bytes, StandardCharsets.UTF_8));
    assertEquals(6, e.line());
    assertEquals("byte 0xE9 is not valid UTF-8 (try --encoding ISO-8859-1 or windows-1252)", e.getMessage());
  }

  @Test
  void aSequenceCutShortAtTheEndIsBadAndTheFirstByteIsBadToo() {
    byte[] cut = {'o', 'k', '\n', (byte) 0xE2, (byte) 0x82};
    assertEquals(2, assertThrows(StrictText.Undecodable.class, () -> read(cut, StandardCharsets.UTF_8)).line());
    byte[] first = {(byte) 0xFF, 'a'};
    StrictText.Undecodable e = assertThrows(StrictText.Undecodable.class, () -> read(first, StandardCharsets.UTF_8));
    assertTrue(e.getMessage().startsWith("byte 0xFF is not valid UTF-8"), e.getMessage());
  }

  @Test
  void anotherCharsetReadsItsTextAndNamesItsOwnBadBytes() throws IOException {
    byte[] latin = "caf\u00e9 cr\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("caf\u00e9 cr\u00e8me\n", read(latin, Charset.forName("windows-1252")));
    byte[] undefined = {'a', '\n', (byte) 0x81};
    StrictText.Undecodable e = assertThrows(StrictText.Undecodable.class, () -> read(undefined, Charset.forName("windows-1252")));
    assertEquals("byte 0x81 is not valid windows-1252 (is the file in another encoding? name it with --encoding)", e.getMessage());
    assertEquals(2, e.line());
  }

  /**
   * ASCII runs are copied past the decoder: whatever mix of ASCII, other characters and line breaks, and
   * wherever the 64 KiB chunks cut it, the text is the JDK's own decoding, and a bad byte's line is the
   * count of breaks before it (CR, LF and CRLF each one).
   */
  @Test
  void textMixingAsciiAndOtherCharactersDecodesAsTheJdkDoesAndABadByteKeepsItsLine() throws IOException {
    java.util.Random random = new java.util.Random(17);
    String[] pieces = {"a", "timestamp,entity", "\n", "\r\n", "\r", " ", "\u00e9", "\u4e2d", "\ud83d\ude00", "\u0000", "\u007f", "\u0080"};
    for (int round = 0; round < 60; round++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(3) == 0 ? 70_000 + random.nextInt(70_000) : random.nextInt(3000);
      while (sb.length() < length) sb.append(pieces[random.nextInt(pieces.length)]);
      String text = sb.toString();
      for (Charset cs : new Charset[] {StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1}) {
        if (!cs.newEncoder().canEncode(text)) continue;
        assertEquals(text, read(text.getBytes(cs), cs), cs + " round " + round);
      }
      // a byte that is never UTF-8 somewhere in it: every character before it delivered, its line named
      byte[] good = text.getBytes(StandardCharsets.UTF_8);
      int at = random.nextInt(good.length + 1);
      while (at > 0 && at < good.length && (good[at] & 0xC0) == 0x80) at--; // between characters
      byte[] bad = new byte[good.length + 1];
      System.arraycopy(good, 0, bad, 0, at);
      bad[at] = (byte) 0xFF;
      System.arraycopy(good, at, bad, at + 1, good.length - at);
      String before = new String(good, 0, at, StandardCharsets.UTF_8);
      int line = 1 + before.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[^\n]", "").length();
      StrictText.Undecodable e = assertThrows(StrictText.Undecodable.class, () -> read(bad, StandardCharsets.UTF_8));
      assertEquals(line, e.line(), "round " + round);
    }
  }
}
