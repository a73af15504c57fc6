package org.hindsight.drill;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.SourceRef;

/** Finds, in an analysis, the hypothesis that corresponds to a drill's sealed answer. */
public final class AnswerMatch {
  private AnswerMatch() {}

  /** Does {@code ref} cite line {@code line} of a file named {@code file} (any folder)? */
  public static boolean cites(SourceRef ref, String file, int line) {
    return ref != null && ref.line() == line && fileName(ref.file()).equals(fileName(file));
  }

  public static String fileName(String path) {
    if (path == null || path.isEmpty()) return "";
    Path p = Path.of(path).getFileName();
    return p == null ? path : p.toString();
  }

  /** A live hypothesis with the answer's pattern, subject and cause line: the answer is solvable. */
  public static Optional<Assessment> exact(Analysis analysis, DrillAnswer answer) {
    if (answer.nearMiss()) return Optional.empty();
    return analysis.live().stream().filter(a -> a.hypothesis().pattern().equals(answer.pattern())
        && a.hypothesis().subject().equals(answer.subject())
        && cites(a.hypothesis().cause(), answer.causeFile(), answer.causeLine())).findFirst();
  }

  /**
   * The hypothesis that best stands for the answer, for teaching and hints: the exact one, else the
   * closest of the same pattern (cause, then subject, live first). For a near miss, the strongest
   * non-live hypothesis of the look-alike pattern, if the rules raised one.
   */
  public static Optional<Assessment> best(Analysis analysis, DrillAnswer answer, String family) {
    String pattern = answer.nearMiss() ? family : answer.pattern();
    List<Assessment> same = analysis.assessments().stream().filter(a -> a.hypothesis().pattern().equals(pattern)).toList();
    if (same.isEmpty()) return Optional.empty();
    Comparator<Assessment> closeness = Comparator
        .comparing((Assessment a) -> !cites(a.hypothesis().cause(), answer.causeFile(), answer.causeLine()))
        .thenComparing(a -> !a.hypothesis().subject().equals(answer.subject()))
        .thenComparing(a -> !a.validation().verdict().live());
    return same.stream().sorted(closeness).findFirst(); // stable: analysis ranking breaks ties
  }
}
