package org.hindsight.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.drill.DrillEnvironment;
import org.hindsight.drill.DrillMaker;
import org.hindsight.drill.Generators;
import org.hindsight.drill.IncidentGenerator;
import org.hindsight.drill.Solvability;
import org.hindsight.engine.RuleBase;

/**
 * Solvability at scale: for every registered generator, makes many drills (default 1000 per
 * pattern, a fifth of them near misses, difficulties in turn) exactly as {@code drill new} would,
 * analyses each with the built-in rules (compiled once) and prints solved/failed counts, the first
 * failures and the time per drill.
 *
 * <pre>java -Dhindsight.home=. -cp target/hindsight.jar org.hindsight.bench.DrillSolvabilityBench [drills-per-pattern] [first-seed]</pre>
 */
public final class DrillSolvabilityBench {
  private DrillSolvabilityBench() {}

  public static void main(String[] args) throws Exception {
    int perPattern = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    long firstSeed = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
    Generators generators = DrillEnvironment.standard().generators();
    if (generators.isEmpty()) {
      System.out.println("no IncidentGenerator registered (META-INF/services/org.hindsight.drill.IncidentGenerator): nothing to run");
      return;
    }
    Path rulesDir = AnalysisOptions.builtInRules();
    long t0 = System.nanoTime();
    Analyzer analyzer = new Analyzer();
    RuleBase rules = analyzer.compileRules(AnalysisOptions.builder().rules(rulesDir).build());
    System.out.printf(Locale.ROOT, "rules %s compiled in %.2f s%n", rulesDir, (System.nanoTime() - t0) / 1e9);
    Path work = Files.createTempDirectory("hindsight-drill-bench");
    int nearMisses = perPattern / 5;
    boolean allSolved = true;
    System.out.println("pattern,drills,solved,failed,near_misses,near_misses_silent,ms_per_drill");
    for (IncidentGenerator g : generators.all()) {
      // As `drill new` does: the maker replays with the pack's own rules; the check uses them all.
      RuleBase pack = analyzer.compileRules(AnalysisOptions.builder().rules(rulesDir.resolve(g.pattern())).build());
      Solvability solvability = new Solvability(analyzer, rules,
          new DrillMaker(generators.patterns(), List.of(rulesDir), analyzer, pack), work);
      List<Solvability.Result> failed = new ArrayList<>();
      int nearSilent = 0;
      long start = System.nanoTime();
      List<Solvability.Case> cases = Solvability.cases(perPattern - nearMisses, nearMisses, firstSeed);
      for (Solvability.Case c : cases) {
        Solvability.Result r = solvability.check(g, c);
        if (!r.solved()) failed.add(r);
        else if (c.nearMiss()) nearSilent++;
      }
      double ms = (System.nanoTime() - start) / 1e6 / cases.size();
      System.out.printf(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%.1f%n", g.pattern(), cases.size(), cases.size() - failed.size(),
          failed.size(), nearMisses, nearSilent, ms);
      failed.stream().limit(5).forEach(r -> System.out.println("  " + r));
      allSolved &= failed.isEmpty();
    }
    Files.deleteIfExists(work);
    if (!allSolved) System.exit(4);
  }
}
