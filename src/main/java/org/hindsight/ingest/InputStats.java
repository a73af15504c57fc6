package org.hindsight.ingest;

import java.util.ArrayList;
import java.util.List;

/** What was read: per file its kind, rows kept and rows skipped (lenient mode). */
public final class InputStats {
  /**
   * One input file's counts; {@code repeated}: rows (among {@code rows}) that repeat an earlier row of
   * their kind word for word, read once; {@code repeatedFrom}: the line from which a file of samples
   * repeats its own first rows to its end (concatenated to itself), read once, 0 when it does not.
   */
  public record FileStats(String file, String kind, long rows, long skipped, long repeated, int repeatedFrom) {}

  private final List<FileStats> files = new ArrayList<>();
  private final List<InputProblem> skippedProblems = new ArrayList<>();

  void add(FileStats f) {
    files.add(f);
  }

  void skipped(List<InputProblem> problems) {
    skippedProblems.addAll(problems);
  }

  public List<FileStats> files() {
    return List.copyOf(files);
  }

  public long rows() {
    return files.stream().mapToLong(FileStats::rows).sum();
  }

  public long repeated() {
    return files.stream().mapToLong(FileStats::repeated).sum();
  }

  public long skipped() {
    return files.stream().mapToLong(FileStats::skipped).sum();
  }

  /** The problems of rows skipped in lenient mode (empty otherwise). */
  public List<InputProblem> skippedProblems() {
    return List.copyOf(skippedProblems);
  }
}
