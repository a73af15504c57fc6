package org.hindsight.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.Hypothesis;
import org.hindsight.observe.Symptom;
import org.hindsight.simulate.Verdict;
import org.hindsight.testing.CauseTimes;
import org.hindsight.testing.Claims;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.Perturbations;
import org.hindsight.testing.TestAnalysis;
import org.hindsight.world.World;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample's cause moved in steps (10 min and 1 min earlier, 1 and 5 min later, just after the
 * first symptom it explained, after the last), by every column that times it ({@link CauseTimes}):
 * the verdict of the claim put to each copy never rises as the cause moves later, and it is never
 * confirmed once the cause acts after the trouble it explains began (docs/validation.md).
 */
class CauseMovedInStepsTest {
  @TestFactory
  Stream<DynamicTest> verdictIsMonotoneInTheCauseTime() throws Exception {
    List<Path> bundles = new ArrayList<>(SamplePerturbationsTest.samples());
    bundles.addAll(changeRowFixtures());
    return bundles.stream().map(s -> DynamicTest.dynamicTest(s.getFileName().toString(), () -> steps(s)));
  }

  /** Fixtures whose confirmed cause is a {@code changes} row (no sample has one): its time columns move too. */
  static List<Path> changeRowFixtures() throws Exception {
    try (Stream<Path> s = Files.list(TestAnalysis.home().resolve("rules/change-correlation/fixtures"))) {
      return s.filter(d -> {
        try {
          return Files.readString(d.resolve("expect.json")).matches("(?s).*\"cause\": \"changes\\.csv:\\d+\", \"verdict\": \"confirmed\".*");
        } catch (java.io.IOException e) {
          return false;
        }
      }).sorted().toList();
    }
  }

  private static void steps(Path sample) throws Exception {
    Assessment truth = SamplePerturbationsTest.top(sample);
    Instant causeAt = truth.validation().scorecard().causeAt();
    List<Instant> onsets = truth.validation().explained().stream().map(Symptom::onset).sorted().toList();
    Instant first = onsets.get(0);
    Instant last = onsets.get(onsets.size() - 1);
    Map<String, Instant> steps = new LinkedHashMap<>();
    steps.put("10 min earlier", causeAt.minus(Duration.ofMinutes(10)));
    steps.put("1 min earlier", causeAt.minus(Duration.ofMinutes(1)));
    steps.put("1 min later", causeAt.plus(Duration.ofMinutes(1)));
    steps.put("5 min later", causeAt.plus(Duration.ofMinutes(5)));
    steps.put("just after the first symptom", first.plusSeconds(1));
    steps.put("after the last symptom", last.plus(Duration.ofMinutes(1)));
    List<String> seen = new ArrayList<>();
    Verdict before = null;
    String beforeStep = null;
    for (Map.Entry<String, Instant> step : steps.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList()) {
      Path dir = Files.createTempDirectory("moved");
      try {
        CsvTable.copyBundle(sample, dir);
        CauseTimes.move(truth, dir, step.getValue());
        World world = TestAnalysis.world(dir);
        Hypothesis claim = Claims.resolve(Claims.claim(truth.hypothesis()), world, dir);
        Assessment judged = TestAnalysis.validate(world, claim);
        Verdict v = judged.validation().verdict();
        String what = step.getKey() + " (" + step.getValue() + "; first symptom " + first + ")";
        seen.add(what + ": " + v.word());
        if (step.getValue().isAfter(first)) {
          assertNotEquals(Verdict.CONFIRMED, v, what + ": confirmed though its trouble began first: " + judged.validation().reasons());
          assertFalse(judged.validation().reasons().isEmpty(), what + ": says why");
          Analysis a = TestAnalysis.analyze(dir);
          for (Assessment y : a.assessments()) {
            // the same claim on the same record (the rules may blame another record of the subject that did come first)
            boolean sameRecord = y.hypothesis().cause() != null && y.hypothesis().cause().line() == truth.hypothesis().cause().line()
                && Claims.fileName(y.hypothesis().cause()).equals(Claims.fileName(truth.hypothesis().cause()));
            assertFalse(Perturbations.same(truth.hypothesis(), y.hypothesis(), x -> x) && sameRecord && y.validation().verdict() == Verdict.CONFIRMED,
                what + ": the rules' hypothesis is still confirmed: " + y.validation().reasons());
          }
        }
        if (before != null && step.getValue().isAfter(causeAt)) {
          assertTrue(rank(v) <= rank(before), "the verdict rose from " + before.word() + " (" + beforeStep + ") to " + v.word() + " (" + what + "): " + seen);
        }
        if (!step.getValue().isBefore(causeAt)) {
          before = v;
          beforeStep = what;
        }
      } finally {
        CsvTable.deleteCopy(dir);
      }
    }
  }

  private static int rank(Verdict v) {
    return switch (v) {
      case CONFIRMED -> 3;
      case PLAUSIBLE -> 2;
      case NOT_SIMULATED -> 1;
      case REFUTED -> 0;
    };
  }
}
