package org.hindsight.ingest;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Opens an input as plain bytes: standard input for {@code -}, and gzip or Zstandard files
 * decompressed on the fly. Compression is told by the file's first bytes (its magic number), not its
 * name, so a renamed file still reads; the one place ingest, importers and reports open a log.
 */
public final class Inputs {
  /** How a command line names standard input. */
  public static final String STDIN = "-";
  /** How reports cite standard input. */
  public static final String STDIN_NAME = "stdin";

  private Inputs() {}

  public static boolean isStdin(Path p) {
    return p.toString().equals(STDIN);
  }

  /** Opens the file (or stdin), decompressing gzip and Zstandard. */
  public static InputStream open(Path p) throws IOException {
    InputStream raw = isStdin(p) ? new FilterInputStream(System.in) {
      @Override
      public void close() {
        // standard input belongs to the process; leave it open
      }
    } : Files.newInputStream(p);
    return decompressed(raw);
  }

  /**
   * The file as text: UTF-8, or UTF-16 when it starts with a UTF-16 byte-order mark (Excel's
   * "Unicode text" and PowerShell's default {@code Out-File} write that); the mark itself is consumed.
   * Bytes that do not decode become U+FFFD, so readers can report them at their line.
   */
  public static Reader text(Path p) throws IOException {
    BufferedInputStream in = new BufferedInputStream(open(p), 1 << 16);
    in.mark(3);
    byte[] head = in.readNBytes(3);
    in.reset();
    Charset cs = StandardCharsets.UTF_8;
    int bom = 0;
    if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
      cs = StandardCharsets.UTF_16LE;
      bom = 2;
    } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
      cs = StandardCharsets.UTF_16BE;
      bom = 2;
    } else if (head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      bom = 3;
    }
    in.skipNBytes(bom);
    return new InputStreamReader(in, cs.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
  }

  /** Wraps a stream in a decoder when its first bytes say gzip or Zstandard. */
  public static InputStream decompressed(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(4);
    byte[] head = in.readNBytes(4);
    in.reset();
    if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    if (head.length == 4 && (head[0] & 0xFF) == 0x28 && (head[1] & 0xFF) == 0xB5 && (head[2] & 0xFF) == 0x2F
        && (head[3] & 0xFF) == 0xFD) {
      return new BufferedInputStream(new ZstdInputStream(in), 1 << 16);
    }
    return in;
  }

  /** The name without a {@code .gz} or {@code .zst} suffix ({@code events.csv.gz} → {@code events.csv}). */
  public static String withoutCompression(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) return name.substring(0, name.length() - 3);
    if (n.endsWith(".zst")) return name.substring(0, name.length() - 4);
    return name;
  }
}
