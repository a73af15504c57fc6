package org.hindsight.ingest;

/** One thing wrong with the input, at a file and line (line 0: the file as a whole). */
public record InputProblem(String file, int line, String message) implements Comparable<InputProblem> {
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
  }

  @Override
  public int compareTo(InputProblem o) {
    int c = file.compareTo(o.file);
    return c != 0 ? c : Integer.compare(line, o.line);
  }
}
