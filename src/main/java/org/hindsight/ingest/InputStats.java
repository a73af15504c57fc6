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

  /**
   * A source's clock read against another's from records both logged ({@link SourceClocks}): its times were moved by
   * minus {@code offsetMillis} to be read at {@code against}'s clock.
   *
   * @param file the source whose times were moved (as its rows cite it)
   * @param against the source of observations it was read against
   * @param offsetMillis its clock minus {@code against}'s: positive, it ran ahead
   * @param agreeing records logged by both that agree on the offset
   * @param matched records logged by both, found
   * @param records some of the agreeing records, cited
   * @param witnesses the same records in {@code against}, in that order
   */
  public record ClockOffset(String file, String against, long offsetMillis, int agreeing, int matched,
      List<org.hindsight.facts.SourceRef> records, List<org.hindsight.facts.SourceRef> witnesses) {
    public ClockOffset {
      records = List.copyOf(records);
      witnesses = List.copyOf(witnesses);
    }
  }

  private final List<FileStats> files = new ArrayList<>();
  private final List<ClockOffset> clockOffsets = new ArrayList<>();
  private final List<InputProblem> skippedProblems = new ArrayList<>();

  void add(FileStats f) {
    files.add(f);
  }

  void clockOffset(ClockOffset o) {
    clockOffsets.add(o);
  }

  /** The sources whose clocks were read against others' (none when no records logged by two sources said so). */
  public List<ClockOffset> clockOffsets() {
    return List.copyOf(clockOffsets);
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
