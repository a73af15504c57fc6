package org.hindsight.lint;

/** One thing {@code rules check} has to say, at a file and line (0: the file or folder as a whole). */
public record LintProblem(Level level, String file, int line, String message) implements Comparable<LintProblem> {
  /** Errors fail the check; warnings are advice. */
  public enum Level {
    ERROR, WARNING;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Override
  public String toString() {
    return (line > 0 ? file + ":" + line : file) + ": " + level.word() + ": " + message;
  }

  @Override
  public int compareTo(LintProblem o) {
    int c = file.compareTo(o.file);
    if (c != 0) return c;
    c = Integer.compare(line, o.line);
    return c != 0 ? c : message.compareTo(o.message);
  }
}
