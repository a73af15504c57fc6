package org.hindsight.validation;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.Hypothesis;
import org.hindsight.testing.Claims;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.Perturbations;
import org.hindsight.testing.TestAnalysis;

/**
 * What a coarser or irregular scrape of an incident's metrics does to its answer: the one comparison {@link
 * ThinnedSeriesTest} asserts on chosen fixtures and {@link #main} tabulates over every positive fixture (the before/after
 * table of docs/validation.md). The answer is the same when the top hypothesis has the same pattern, subject and verdict and
 * cites the same record: in a thinned {@code metrics.csv} lines move, so a metric sample is the same record when it is
 * a sample of the same entity or of another host of the service claimed (the one first cited may have been dropped, or
 * stamped after another of its round).
 */
final class ThinnedSeries {
  private ThinnedSeries() {}

  /** A perturbation of the metrics of a copy. */
  interface Thinning {
    void apply(Path copy) throws Exception;
  }

  /** The perturbations measured, by name. */
  static Map<String, Thinning> steps() {
    Map<String, Thinning> m = new LinkedHashMap<>();
    m.put("every 2nd", dir -> Perturbations.thinSeries(dir, 2));
    m.put("every 3rd", dir -> Perturbations.thinSeries(dir, 3));
    m.put("every 5th", dir -> Perturbations.thinSeries(dir, 5));
    m.put("a fifth dropped", dir -> Perturbations.dropSamplesAtRandom(dir, 0.2, 17));
    m.put("duplicated", Perturbations::duplicateSamples);
    m.put("jittered", dir -> Perturbations.jitterSamples(dir, 0.3, 23));
    return m;
  }

  /** Null when the thinned copy gives the same answer as {@code truth}, else what differs. */
  static String difference(Assessment truth, Path original, Path copy, Analysis thinned) throws Exception {
    if (thinned.assessments().isEmpty()) return "no hypothesis";
    Assessment y = thinned.assessments().get(0);
    Hypothesis t = truth.hypothesis();
    Hypothesis h = y.hypothesis();
    String was = t.pattern() + " " + t.subject() + " " + truth.validation().verdict().word();
    String now = h.pattern() + " " + h.subject() + " " + y.validation().verdict().word();
    if (!was.equals(now)) return was + " -> " + now + (y.validation().reasons().isEmpty() ? "" : " (" + y.validation().reasons().get(0) + ")");
    if (!sameRecord(t, original, h, copy)) return "cause " + Claims.fileName(t.cause()) + ":" + t.cause().line() + " -> "
        + Claims.fileName(h.cause()) + ":" + h.cause().line();
    return null;
  }

  private static boolean sameRecord(Hypothesis t, Path original, Hypothesis h, Path copy) throws Exception {
    if (t.cause() == null || h.cause() == null) return t.cause() == h.cause();
    String file = Claims.fileName(t.cause());
    if (!file.equals(Claims.fileName(h.cause()))) return false;
    CsvTable before = CsvTable.read(original.resolve(file));
    if (!before.hasColumn("metric")) return t.cause().line() == h.cause().line();
    CsvTable after = CsvTable.read(copy.resolve(file));
    String[] a = before.atLine(t.cause().line());
    String[] b = after.atLine(h.cause().line());
    // a sample of the same entity, or of another host of the service claimed: several series leaving their level in one
    // sampling round are told apart by which the scrape stamped first, which an irregular scrape may change
    String was = before.get(a, "entity");
    String now = after.get(b, "entity");
    return was.equals(now) || (t.subject().equals(serviceOf(original, was)) && t.subject().equals(serviceOf(copy, now)));
  }

  private static String serviceOf(Path bundle, String entity) throws Exception {
    Path inventory = bundle.resolve("inventory.csv");
    if (!Files.exists(inventory)) return "";
    CsvTable t = CsvTable.read(inventory);
    if (!t.hasColumn("service")) return "";
    for (String[] r : t.rows()) if (t.get(r, "entity").equals(entity)) return t.get(r, "service");
    return "";
  }

  /** Every positive fixture (with metrics) under each perturbation: a line per change of answer, then the counts. */
  public static void main(String[] args) throws Exception {
    if (args.length == 4 && args[0].equals("write")) {
      // write FIXTURE STEP OUT: the perturbed copy kept, to analyse by hand
      Path target = Path.of(args[3]);
      CsvTable.copyBundle(Path.of(args[1]), target);
      steps().get(args[2]).apply(target);
      return;
    }
    PrintStream out = System.out;
    List<Path> fixtures = new ArrayList<>();
    for (Path f : FixturePerturbationsTest.positiveFixtures()) if (Files.exists(f.resolve("metrics.csv"))) fixtures.add(f);
    Map<String, Thinning> steps = steps();
    List<String> only = args.length == 0 ? List.copyOf(steps.keySet()) : List.of(args);
    Map<String, Integer> failed = new LinkedHashMap<>();
    for (Path f : fixtures) {
      Analysis truth = TestAnalysis.analyze(f);
      if (truth.assessments().isEmpty()) continue;
      for (String step : only) {
        String[] diff = new String[1];
        CsvTable.onACopy(f, dir -> {
          steps.get(step).apply(dir);
          try {
            diff[0] = difference(truth.assessments().get(0), f, dir, TestAnalysis.analyze(dir));
          } catch (Exception | AssertionError e) {
            diff[0] = "error: " + e;
          }
        });
        failed.merge(step, diff[0] == null ? 0 : 1, Integer::sum);
        if (diff[0] != null) out.println("FAIL\t" + step + "\t" + FixturePerturbationsTest.name(f) + "\t" + diff[0]);
      }
    }
    out.println("fixtures with metrics: " + fixtures.size());
    failed.forEach((k, v) -> out.println("changed\t" + k + "\t" + v));
  }
}
