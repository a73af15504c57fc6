package org.hindsight.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Text decoded strictly: a byte sequence that is not valid in the charset stops the read with
 * {@link Undecodable}, which names the line it is on and the byte, after every character before it
 * has been delivered (so readers see the good lines first and can cite the bad one). Nothing is
 * replaced: a Latin-1 file read as UTF-8 would otherwise turn {@code café} into {@code caf?} unseen.
 */
public final class StrictText extends Reader {
  /** A byte the charset cannot decode, at a 1-based line. */
  public static final class Undecodable extends CharacterCodingException {
    private final int line;
    private final int bad;
    private final Charset charset;

    Undecodable(int line, int bad, Charset charset) {
      this.line = line;
      this.bad = bad;
      this.charset = charset;
    }

    /** The same problem at {@code line}: for a reader that counted the lines itself ({@link #linesCountedByReader}). */
    Undecodable at(int line) {
      Undecodable moved = new Undecodable(line, bad, charset);
      moved.setStackTrace(getStackTrace());
      return moved;
    }

    public int line() {
      return line;
    }

    /** The problem without its place: {@code byte 0xE9 is not valid UTF-8 (try --encoding …)}. */
    @Override
    public String getMessage() {
      String hint = charset.equals(StandardCharsets.UTF_8) ? "try --encoding ISO-8859-1 or windows-1252"
          : "is the file in another encoding? name it with --encoding";
      return String.format(Locale.ROOT, "byte 0x%02X is not valid %s (%s)", bad, charset.name(), hint);
    }
  }

  private final InputStream in;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
  private final CharBuffer chars = CharBuffer.allocate(1 << 16).flip();
  private int line = 1;
  private boolean lastCr;
  private boolean eof;
  private boolean flushed;
  private Undecodable pending;
  /** False once the reader of this text counts its lines itself: then an {@link Undecodable}'s line is left to it. */
  private boolean countLines = true;
  /** Whether a byte below 0x80 is always the character of that code in this charset, whatever surrounds it. */
  private final boolean asciiCompatible;

  StrictText(InputStream in, Charset charset) {
    this.in = in;
    this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.asciiCompatible = charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.ISO_8859_1)
        || charset.equals(StandardCharsets.US_ASCII);
  }

  /**
   * Leaves the line count to the reader of this text, which counts CR, LF and CRLF as one line each as this
   * class does ({@link CsvReader}): it gives a bad byte's {@link Undecodable} its own line ({@link
   * Undecodable#at}), and the breaks are not counted twice (a pass over every character).
   */
  void linesCountedByReader() {
    countLines = false;
  }

  /** Whether every byte below 0x80 is the character of that code: a reader may then scan the bytes themselves ({@link #readBytes}). */
  boolean asciiCompatible() {
    return asciiCompatible;
  }

  /**
   * The next undecoded bytes, for a reader that scans ASCII itself (the CSV reader's plain fields): only
   * before any character was read, and until {@link #giveBack} returns what that reader did not take.
   *
   * @return the number of bytes read, -1 at the end
   */
  int readBytes(byte[] dst, int off, int len) throws IOException {
    if (decoding) throw new IllegalStateException("characters were read already");
    return in.read(dst, off, len);
  }

  /**
   * Hands back the bytes a {@link #readBytes} reader read but did not take (from a byte that is not ASCII, or
   * a quoted field, on): they are decoded first, and every read after this is of characters.
   */
  void giveBack(byte[] src, int off, int len) {
    bytes.clear();
    bytes.put(src, off, len);
    bytes.flip();
    decoding = true;
  }

  /** Characters were read (or bytes given back): {@link #readBytes} may no longer be used. */
  private boolean decoding;

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    decoding = true;
    if (len == 0) return 0;
    while (!chars.hasRemaining()) {
      if (pending != null) throw pending;
      if (flushed) return -1;
      fill();
    }
    int n = Math.min(len, chars.remaining());
    chars.get(buf, off, n);
    return n;
  }

  /** Decodes the next chunk; on a bad byte keeps what came before it and holds the error for later. */
  private void fill() throws IOException {
    chars.clear();
    while (chars.position() == 0 && pending == null && !flushed) {
      if (!eof && bytes.remaining() < 16) { // a sequence may be cut at the buffer's end: read on
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) eof = true;
        else bytes.position(bytes.position() + n);
        bytes.flip();
      }
      if (asciiCompatible) copyAscii();
      int decodedFrom = chars.position();
      CoderResult r = decoder.decode(bytes, chars, eof);
      countBreaks(decodedFrom, chars.position());
      if (r.isError()) {
        pending = new Undecodable(line, bytes.get(bytes.position()) & 0xFF, decoder.charset());
        break;
      }
      if (eof && r.isUnderflow()) {
        int flushedFrom = chars.position();
        decoder.flush(chars);
        countBreaks(flushedFrom, chars.position());
        flushed = true;
      }
    }
    chars.flip();
  }

  /**
   * Copies the bytes below 0x80 up to the first other one as the characters they are, leaving the rest to
   * the decoder, and counts their line breaks in the same pass. Logs are mostly ASCII, and the JDK's
   * decoder reads such a run twice (a scan, then a widening copy), whose intrinsics only the C2 compiler
   * has: at 1M rows that was 4 % of an analysis run under C1; a second pass over the characters for the
   * line count cost as much again. A byte that is not ASCII is never judged here, so what is invalid
   * still stops at its line.
   */
  private void copyAscii() {
    byte[] from = bytes.array();
    char[] to = chars.array();
    int i = bytes.arrayOffset() + bytes.position();
    int o = chars.arrayOffset() + chars.position();
    int stop = Math.min(bytes.arrayOffset() + bytes.limit(), i + chars.remaining());
    int start = i;
    if (!countLines) {
      while (i < stop) {
        byte b = from[i];
        if (b < 0) break;
        to[o++] = (char) b;
        i++;
      }
      bytes.position(bytes.position() + (i - start));
      chars.position(chars.position() + (i - start));
      return;
    }
    int count = 0;
    boolean cr = lastCr;
    while (i < stop) {
      byte b = from[i];
      if (b < 0) break;
      to[o++] = (char) b;
      i++;
      if (b <= '\r') { // CR, LF and CRLF each end one line, as the CSV reader counts them
        if (b == '\r' || b == '\n' && !cr) count++;
        cr = b == '\r';
      } else {
        cr = false;
      }
    }
    bytes.position(bytes.position() + (i - start));
    chars.position(chars.position() + (i - start));
    line += count;
    lastCr = cr;
  }

  /** Adds the line breaks among the decoded characters {@code [from, to)} to {@link #line}. */
  private void countBreaks(int from, int to) {
    if (!countLines) return;
    boolean cr = lastCr;
    int count = 0;
    char[] text = chars.array(); // not chars.get(i): a virtual call per character that C1 does not inline
    int base = chars.arrayOffset();
    for (int i = from; i < to; i++) {
      char c = text[base + i];
      if (c == '\r' || c == '\n' && !cr) count++;
      cr = c == '\r';
    }
    line += count;
    lastCr = cr;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
