package org.hindsight.engine;

/** A problem in a DRL file, at a line (0: the file as a whole). */
public record RuleProblem(String file, int line, String message) implements Comparable<RuleProblem> {
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
  }

  @Override
  public int compareTo(RuleProblem o) {
    int c = file.compareTo(o.file);
    return c != 0 ? c : Integer.compare(line, o.line);
  }
}
