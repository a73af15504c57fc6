package org.hindsight.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.ingest.LogKind;

/**
 * Grades a diagnosis against the sealed answer, out of 100:
 *
 * <ul>
 *   <li><b>pattern</b> 40: the right pattern id ({@code none} for a near miss);
 *   <li><b>subject</b> 30: the answer's subject, or the subject the analyser's matching hypothesis
 *       names (where a pattern allows several, e.g. any member of a cycle);
 *   <li><b>cause</b> 30: the right record ({@code file:line}); 15 for a neighbouring record (at most
 *       {@value #NEIGHBOUR_LINES} lines away) of the same group in the same file — the same session
 *       on the same device for config-commands, the same operator for ops-commands, the same entity
 *       for events, … (see {@link #GROUP_COLUMNS}).
 * </ul>
 *
 * A near miss has no subject or cause: answering {@code none} earns all 100, naming a pattern none.
 */
public final class Grader {
  public static final int PATTERN_POINTS = 40;
  public static final int SUBJECT_POINTS = 30;
  public static final int CAUSE_POINTS = 30;
  public static final int NEIGHBOUR_POINTS = 15;
  public static final int NEIGHBOUR_LINES = 3;

  /** The columns whose values make records of a kind one group (empty: nearness alone). */
  static final Map<LogKind, List<String>> GROUP_COLUMNS = Map.ofEntries(
      Map.entry(LogKind.CONFIG_COMMANDS, List.of("device", "session")),
      Map.entry(LogKind.OPS_COMMANDS, List.of("operator")),
      Map.entry(LogKind.EVENTS, List.of("entity")),
      Map.entry(LogKind.METRICS, List.of("entity", "metric")),
      Map.entry(LogKind.INVENTORY, List.of("site")),
      Map.entry(LogKind.LINKS, List.of()),
      Map.entry(LogKind.SERVICES, List.of()),
      Map.entry(LogKind.DEPENDENCIES, List.of("service")),
      Map.entry(LogKind.CHANGES, List.of()),
      Map.entry(LogKind.REQUESTS, List.of("server")),
      Map.entry(LogKind.KEY_GENERATORS, List.of()));

  /** The points of each part and a sentence per part saying why. */
  public record Grade(int pattern, int subject, int cause, List<String> remarks) {
    public int total() {
      return pattern + subject + cause;
    }
  }

  private Grader() {}

  /**
   * @param analysis the analyser's view of the bundle (may be null: then only the sealed subject counts)
   */
  public static Grade grade(SealedDrill drill, Diagnosis d, Path dir, Analysis analysis) {
    DrillAnswer answer = drill.answer();
    List<String> remarks = new ArrayList<>();
    if (answer.nearMiss()) {
      if (d.pattern().equals("none")) {
        remarks.add("pattern: right, none — this was a near miss: it looks like " + drill.family() + " but is not one");
        return new Grade(PATTERN_POINTS, SUBJECT_POINTS, CAUSE_POINTS, remarks);
      }
      remarks.add("pattern: wrong — no root-cause pattern applies here (the right answer is none): "
          + (d.pattern().isEmpty() ? "you gave none" : "you said " + d.pattern()));
      remarks.add("subject and cause: nothing to name in a near miss");
      return new Grade(0, 0, 0, remarks);
    }
    int p = d.pattern().equals(answer.pattern()) ? PATTERN_POINTS : 0;
    remarks.add("pattern: " + (p > 0 ? "right" : "wrong — it is " + answer.pattern()
        + (d.pattern().isEmpty() ? " (you gave none)" : " (you said " + d.pattern() + ")")));

    Optional<Assessment> matching = analysis == null ? Optional.empty() : AnswerMatch.exact(analysis, answer);
    boolean subjectRight = !d.subject().isEmpty() && (d.subject().equalsIgnoreCase(answer.subject())
        || matching.map(a -> a.hypothesis().subject().equalsIgnoreCase(d.subject())).orElse(false));
    int s = subjectRight ? SUBJECT_POINTS : 0;
    remarks.add("subject: " + (subjectRight ? "right" : "wrong — it is " + answer.subject()
        + (d.subject().isEmpty() ? " (you gave none)" : " (you said " + d.subject() + ")")));

    int c = 0;
    String why;
    boolean sameFile = AnswerMatch.fileName(d.causeFile()).equals(answer.causeFile());
    if (sameFile && d.causeLine() == answer.causeLine()) {
      c = CAUSE_POINTS;
      why = "right";
    } else if (sameFile && Math.abs(d.causeLine() - answer.causeLine()) <= NEIGHBOUR_LINES
        && sameGroup(dir.resolve(answer.causeFile()), answer.causeLine(), d.causeLine())) {
      c = NEIGHBOUR_POINTS;
      why = "close — " + d.cause() + " is a neighbouring record of the same group; the cause is line " + answer.causeLine();
    } else {
      why = "wrong — it is " + answer.causeFile() + ":" + answer.causeLine()
          + (d.cause().isEmpty() ? " (you gave none)" : " (you said " + d.cause() + ")");
    }
    remarks.add("cause: " + why);
    return new Grade(p, s, c, remarks);
  }

  /** Do the records starting on lines {@code a} and {@code b} of {@code file} share their group columns? */
  static boolean sameGroup(Path file, int a, int b) {
    LogKind kind = LogKind.ofFileName(file.getFileName().toString()).orElse(null);
    if (kind == null || !Files.isRegularFile(file)) return false;
    try {
      DrillCsv table = DrillCsv.read(file);
      DrillCsv.Row ra = table.atSourceLine(a);
      DrillCsv.Row rb = table.atSourceLine(b);
      if (ra == null || rb == null) return false;
      for (String col : GROUP_COLUMNS.getOrDefault(kind, List.of())) {
        if (!table.get(ra, col).equals(table.get(rb, col))) return false;
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
