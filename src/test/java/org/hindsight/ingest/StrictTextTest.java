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
}
