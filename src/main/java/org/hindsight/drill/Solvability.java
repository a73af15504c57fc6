package org.hindsight.drill;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.analysis.Assessment;
import org.hindsight.engine.RuleBase;
import org.hindsight.ingest.Bundle;
import org.hindsight.ingest.BundleReader;

/**
 * Checks that drills can be solved: for a seed, the bundle a trainee would get (noise included) is
 * analysed with the real rules, and the sealed answer must be a live hypothesis with the same
 * pattern, subject and cause line; a near miss must leave no live hypothesis at all. Rules are
 * compiled once by the caller and reused for every drill.
 */
public final class Solvability {
  /** One drill to make: which seed, how hard, near miss or not. */
  public record Case(long seed, Difficulty difficulty, boolean nearMiss) {}

  /** {@code problem} is null when solved. */
  public record Result(String pattern, Case drill, String problem) {
    public boolean solved() {
      return problem == null;
    }

    @Override
    public String toString() {
      return pattern + " seed " + drill.seed() + " " + drill.difficulty() + (drill.nearMiss() ? " near-miss" : "")
          + (problem == null ? ": solved" : ": " + problem);
    }
  }

  private final Analyzer analyzer;
  private final RuleBase rules;
  private final DrillMaker maker;
  private final Path work;
  private final AnalysisOptions options = AnalysisOptions.builder().build();

  public Solvability(Analyzer analyzer, RuleBase rules, DrillMaker maker, Path work) {
    this.analyzer = analyzer;
    this.rules = rules;
    this.maker = maker;
    this.work = work;
  }

  /** {@code positives} seeds spread evenly over the difficulties, then {@code nearMisses} near misses. */
  public static List<Case> cases(int positives, int nearMisses, long firstSeed) {
    List<Case> out = new ArrayList<>();
    Difficulty[] d = Difficulty.values();
    for (int i = 0; i < positives; i++) out.add(new Case(firstSeed + i, d[i % d.length], false));
    for (int i = 0; i < nearMisses; i++) out.add(new Case(firstSeed + positives + i, d[i % d.length], true));
    return out;
  }

  public Result check(IncidentGenerator generator, Case c) {
    Path dir = work.resolve("drill-" + c.seed() + "-" + c.difficulty() + (c.nearMiss() ? "-n" : ""));
    try {
      DrillAnswer answer = maker.make(generator, c.difficulty(), c.seed(), c.nearMiss(), dir);
      Bundle bundle = BundleReader.builder().build().readArgs(List.of(dir.toString()));
      Analysis analysis = analyzer.analyze(bundle, rules, options);
      return new Result(generator.pattern(), c, verify(answer, analysis));
    } catch (Exception e) {
      return new Result(generator.pattern(), c, "failed: " + e);
    } finally {
      Drills.deleteTree(dir); // a leftover temp folder is harmless
    }
  }

  /** Null when the analysis finds the answer (or, for a near miss, nothing live); else what went wrong. */
  public static String verify(DrillAnswer answer, Analysis analysis) {
    if (answer.nearMiss()) {
      // A generic candidate (a change shortly before the symptoms) is no pattern answer: the right one stays "none".
      List<Assessment> live = analysis.live().stream().filter(a -> !a.hypothesis().generic()).toList();
      return live.isEmpty() ? null : "near miss, but live: " + describe(live);
    }
    if (AnswerMatch.exact(analysis, answer).isPresent()) return null;
    return "expected live " + answer.pattern() + "(" + answer.subject() + ") @" + answer.causeFile() + ":" + answer.causeLine()
        + ", found " + (analysis.assessments().isEmpty() ? "no hypothesis" : describe(analysis.assessments()));
  }

  private static String describe(List<Assessment> as) {
    return String.join("; ", as.stream().map(a -> a.hypothesis() + " " + a.validation().verdict().word()).toList());
  }
}
