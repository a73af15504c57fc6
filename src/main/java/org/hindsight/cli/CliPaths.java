package org.hindsight.cli;

import java.nio.file.Path;

/** Paths as a person wants to read them in messages. */
final class CliPaths {
  private CliPaths() {}

  /** Relative to the working directory when below it (the built-in rules folder is absolute). */
  static Path shorten(Path p) {
    Path cwd = Path.of("").toAbsolutePath();
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs) : p;
  }
}
