package org.hindsight.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hindsight.ingest.Inputs;

/**
 * One input of an import: a file as the user named it (plain, {@code .gz} or {@code .zst}) or
 * standard input ({@code -}). {@link #name()} is what rows' {@code origin} and problems cite.
 */
public final class Source {
  private final Path path;
  private final String name;
  private final Charset charset;

  private Source(Path path, String name, Charset charset) {
    this.path = path;
    this.name = name;
    this.charset = charset;
  }

  private Source(Path path, String name) {
    this(path, name, StandardCharsets.UTF_8);
  }

  /** The same source read in another charset ({@code --encoding}). */
  public Source in(Charset cs) {
    return new Source(path, name, cs);
  }

  public Charset charset() {
    return charset;
  }

  /** From a command-line argument. */
  public static Source of(String arg) {
    if (arg.equals(Inputs.STDIN)) return new Source(Path.of(Inputs.STDIN), Inputs.STDIN_NAME);
    Path p = Path.of(arg);
    return new Source(p, p.normalize().toString().replace('\\', '/'));
  }

  /** A file the import wrote itself (a saved server response), cited by the given name. */
  static Source saved(Path p, String name) {
    return new Source(p, name);
  }

  public String name() {
    return name;
  }

  public Path path() {
    return path;
  }

  /** When the file was last written; null for standard input or when the system does not say. */
  public java.time.Instant lastWritten() {
    if (isStdin()) return null;
    try {
      return Files.getLastModifiedTime(path).toInstant();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The file's name without its folder, one of {@code extensions} (alternatives of a regex, e.g. {@code "txt|log"})
   * and a {@code .gz}/{@code .zst}: what a file named after its content says (a metric, a device).
   */
  public String stem(String extensions) {
    return name.replaceAll(".*/", "").replaceAll("(?i)(\\.(" + extensions + "))?(\\.gz|\\.zst)?$", "");
  }

  public boolean isStdin() {
    return Inputs.isStdin(path);
  }

  /** Whether there is anything to read (standard input always is). */
  public boolean exists() {
    return isStdin() || Files.isRegularFile(path);
  }

  /**
   * The text in the source's charset (a byte-order mark overrides it), decompressed; a byte not valid
   * in it ends the read with {@link org.hindsight.ingest.StrictText.Undecodable} at its line, never replaced.
   */
  public BufferedReader reader() throws IOException {
    return new BufferedReader(Inputs.text(path, charset), 1 << 16);
  }

  @Override
  public String toString() {
    return name;
  }
}
