package org.hindsight.ingest;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
