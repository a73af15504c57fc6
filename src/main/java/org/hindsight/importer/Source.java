package org.hindsight.importer;

import java.io.BufferedReader;
import java.io.IOException;
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

  private Source(Path path, String name) {
    this.path = path;
    this.name = name;
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

  public boolean isStdin() {
    return Inputs.isStdin(path);
  }

  /** Whether there is anything to read (standard input always is). */
  public boolean exists() {
    return isStdin() || Files.isRegularFile(path);
  }

  /** UTF-8 (or UTF-16 with a byte-order mark) text, decompressed; undecodable bytes become U+FFFD rather than failing the whole file. */
  public BufferedReader reader() throws IOException {
    return new BufferedReader(Inputs.text(path), 1 << 16);
  }

  @Override
  public String toString() {
    return name;
  }
}
