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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

  /** How files were last read, when not UTF-8 ({@code --encoding}), so reports quote their cited lines as read. */
  private static final Map<Path, Charset> READ_AS = new ConcurrentHashMap<>();
  /** Files an import of this process wrote: UTF-8, whatever {@code --encoding} says of the user's files. */
  private static final Set<Path> WRITTEN = ConcurrentHashMap.newKeySet();

  /** Says an import wrote the file (in UTF-8), so {@code analyze --from … --encoding X} still reads it as UTF-8. */
  public static void writtenHere(Path p) {
    WRITTEN.add(key(p));
  }

  private static Path key(Path p) {
    return p.toAbsolutePath().normalize();
  }

  /**
   * The file as text, decoded strictly ({@link StrictText}: a byte not valid in the charset is an
   * error naming its line, never replaced): in {@code cs} (UTF-8 by default), or in UTF-16/UTF-8 when
   * it starts with that byte-order mark (Excel's "Unicode text" and PowerShell's default {@code Out-File}
   * write UTF-16), the mark itself consumed; a file this process wrote keeps the charset it was written in.
   */
  public static Reader text(Path p, Charset cs) throws IOException {
    Charset wanted = cs;
    if (!isStdin(p)) {
      Path k = key(p);
      if (WRITTEN.contains(k)) wanted = StandardCharsets.UTF_8;
      if (wanted.equals(StandardCharsets.UTF_8)) READ_AS.remove(k);
      else READ_AS.put(k, wanted);
    }
    BufferedInputStream in = new BufferedInputStream(open(p), 1 << 16);
    return new StrictText(in, afterMark(in, wanted));
  }

  /**
   * The file as text for quoting it back (reports): decoded as it was read ({@link #text(Path, Charset)}),
   * a byte that does not decode shown as U+FFFD — the read that cited the line has already checked it.
   */
  public static Reader text(Path p) throws IOException {
    return quoted(p).text();
  }

  /** A file's bytes after its byte-order mark, and the charset they were read in. */
  public record Quoted(InputStream bytes, Charset charset) implements java.io.Closeable {
    /** The bytes decoded, a byte that does not decode shown as U+FFFD ({@link Inputs#text(Path)}). */
    public Reader text() {
      return new InputStreamReader(bytes, charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    @Override
    public void close() throws IOException {
      bytes.close();
    }
  }

  /**
   * The file as bytes for quoting it back ({@link #text(Path)} undecoded): a reader that only wants a
   * few lines of a large file can find them among the bytes and decode just those ({@link #bytesBreakLines}).
   */
  public static Quoted quoted(Path p) throws IOException {
    BufferedInputStream in = new BufferedInputStream(open(p), 1 << 16);
    return new Quoted(in, afterMark(in, isStdin(p) ? StandardCharsets.UTF_8 : READ_AS.getOrDefault(key(p), StandardCharsets.UTF_8)));
  }

  private static final Map<Charset, Boolean> BYTES_BREAK_LINES = new ConcurrentHashMap<>();

  /**
   * Whether the bytes 0x0A and 0x0D are the charset's LF and CR wherever they stand, and no other byte
   * decodes to either: then the lines of a text are its bytes split at those, each line decoded on its
   * own gives what decoding the whole text would. True of UTF-8 (every byte of a multi-byte character is
   * 0x80 or above) and of single-byte charsets that keep ASCII's line breaks (ISO-8859-*, windows-125*);
   * false of UTF-16 and of EBCDIC (whose line feed is 0x25).
   */
  public static boolean bytesBreakLines(Charset cs) {
    return BYTES_BREAK_LINES.computeIfAbsent(cs, Inputs::breaksLinesAsBytes);
  }

  private static boolean breaksLinesAsBytes(Charset cs) {
    if (cs.equals(StandardCharsets.UTF_8)) return true;
    if (!cs.canEncode() || cs.newEncoder().maxBytesPerChar() != 1f || cs.newDecoder().maxCharsPerByte() != 1f) return false;
    for (int b = 0; b < 256; b++) {
      String c = new String(new byte[] {(byte) b}, cs);
      boolean lineBreak = c.equals("\n") || c.equals("\r");
      if (lineBreak != (b == 0x0A || b == 0x0D) || (b == 0x0A && !c.equals("\n")) || (b == 0x0D && !c.equals("\r"))) return false;
    }
    return true;
  }

  /** The charset a byte-order mark at the stream's start names (the mark skipped), else {@code cs}. */
  private static Charset afterMark(BufferedInputStream in, Charset cs) throws IOException {
    in.mark(3);
    byte[] head = in.readNBytes(3);
    in.reset();
    if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
      in.skipNBytes(2);
      return StandardCharsets.UTF_16LE;
    }
    if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
      in.skipNBytes(2);
      return StandardCharsets.UTF_16BE;
    }
    if (head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      in.skipNBytes(3);
      return StandardCharsets.UTF_8;
    }
    return cs;
  }

  /** A file whose first bytes say it is no text at all (a workbook, an archive, a PDF): what it is, and what to do. */
  public static final class NotText extends IOException {
    NotText(String message) {
      super(message);
    }
  }

  /**
   * What the first bytes say a file is when it is a known binary format no CSV can start with, or
   * null: said at once, rather than as the first byte that is not valid UTF-8 (with advice to try
   * another encoding) or as a header missing its columns.
   */
  static String binaryFormat(byte[] head) {
    if (zip(head)) {
      return "a ZIP archive (an Excel .xlsx workbook?), not CSV text: save the sheet as CSV (UTF-8), or unzip it";
    }
    if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
      return "an Excel 97-2003 workbook (.xls), not CSV text: save the sheet as CSV (UTF-8)";
    }
    if (bzip2(head)) {
      return "bzip2-compressed: decompress it (bunzip2), or recompress it with gzip or zstd, which are read as they are";
    }
    if (startsWith(head, 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00)) {
      return "xz-compressed: decompress it (unxz), or recompress it with gzip or zstd, which are read as they are";
    }
    if (startsWith(head, 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C)) return "a 7-Zip archive, not CSV text: extract it";
    if (startsWith(head, 0x25, 0x50, 0x44, 0x46, 0x2D) && head.length > 5 && Character.isDigit(head[5])) return "a PDF document, not CSV text: export the data itself as CSV";
    return null;
  }

  /**
   * For a file whose name gives no kind: when it is an archive of logs (a ZIP, a tar, a compressed tar), what it holds
   * and how to read it; else null. Archives are not read in place: a report cites {@code file:line} a reader can open.
   */
  public static String archiveAdvice(Path f) {
    byte[] head;
    try (InputStream in = Files.newInputStream(f)) {
      head = in.readNBytes(10);
    } catch (IOException e) {
      return null;
    }
    if (zip(head)) {
      java.util.List<String> csvs;
      try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(f.toFile())) {
        csvs = zip.stream().filter(e -> !e.isDirectory()).map(java.util.zip.ZipEntry::getName)
            .filter(n -> isCsvName(n.substring(n.lastIndexOf('/') + 1))).sorted().toList();
      } catch (IOException e) {
        return "a ZIP archive that cannot be listed (" + e.getMessage() + "): unpack it and name the folder it makes";
      }
      if (csvs.isEmpty()) return "a ZIP archive holding no .csv files (an Excel .xlsx workbook?): unpack it, or save the sheet as CSV";
      return "a ZIP archive of " + csvs.size() + " CSV file" + (csvs.size() == 1 ? "" : "s") + " (" + String.join(", ",
          csvs.subList(0, Math.min(3, csvs.size()))) + (csvs.size() > 3 ? ", …" : "") + "): unpack it (unzip "
          + f.getFileName() + ") and name the folder it makes";
    }
    try (InputStream in = decompressed(Files.newInputStream(f))) {
      byte[] block = in.readNBytes(512);
      // POSIX and GNU tar write "ustar" at offset 257 of every header block
      if (block.length >= 262 && new String(block, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
        return "a tar archive: unpack it (tar xf " + f.getFileName() + ") and name the folder it makes";
      }
    } catch (NotText e) {
      return e.getMessage();
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  /** A ZIP's local file header, or an empty ZIP's end record (an .xlsx workbook is a ZIP too). */
  private static boolean zip(byte[] head) {
    return startsWith(head, 0x50, 0x4B, 0x03, 0x04) || startsWith(head, 0x50, 0x4B, 0x05, 0x06);
  }

  /** "BZh", the block size, then the first block's magic (the digits of pi) or an empty stream's: no header starts so. */
  private static boolean bzip2(byte[] head) {
    if (head.length < 10 || !startsWith(head, 0x42, 0x5A, 0x68) || head[3] < '1' || head[3] > '9') return false;
    byte[] block = java.util.Arrays.copyOfRange(head, 4, 10);
    return startsWith(block, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59) || startsWith(block, 0x17, 0x72, 0x45, 0x38, 0x50, 0x90);
  }

  private static boolean startsWith(byte[] head, int... magic) {
    if (head.length < magic.length) return false;
    for (int i = 0; i < magic.length; i++) if ((head[i] & 0xFF) != magic[i]) return false;
    return true;
  }

  /**
   * Wraps a stream in a decoder when its first bytes say gzip or Zstandard; {@link NotText} when they
   * say a workbook, an archive or a document (what it is, and what to do).
   */
  public static InputStream decompressed(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(10);
    byte[] head = in.readNBytes(10);
    in.reset();
    String binary = binaryFormat(head);
    if (binary != null) throw new NotText(binary);
    if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    if (head.length >= 4 && (head[0] & 0xFF) == 0x28 && (head[1] & 0xFF) == 0xB5 && (head[2] & 0xFF) == 0x2F
        && (head[3] & 0xFF) == 0xFD) {
      return new BufferedInputStream(new ZstdInputStream(in), 1 << 16);
    }
    return in;
  }

  /**
   * Whether a file name is a CSV file's, compressed or not ({@code events.csv}, {@code Metrics.CSV.gz}); a {@code .tsv}
   * name is one too (database clients and warehouse exports write tab-separated files: the reader finds the tab).
   */
  public static boolean isCsvName(String name) {
    String n = withoutCompression(name).toLowerCase(Locale.ROOT);
    return n.endsWith(".csv") || n.endsWith(".tsv");
  }

  /** The name without a {@code .gz} or {@code .zst} suffix ({@code events.csv.gz} → {@code events.csv}). */
  public static String withoutCompression(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) return name.substring(0, name.length() - 3);
    if (n.endsWith(".zst")) return name.substring(0, name.length() - 4);
    return name;
  }
}
