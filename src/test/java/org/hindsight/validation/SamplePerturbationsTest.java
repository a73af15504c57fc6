package org.hindsight.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.SourceRef;
import org.hindsight.ingest.InputException;
import org.hindsight.observe.Symptom;
import org.hindsight.report.JsonReport;
import org.hindsight.simulate.Verdict;
import org.hindsight.testing.CauseTimes;
import org.hindsight.testing.Claims;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.Perturbations;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample bundle, perturbed in a temporary copy, must get the verdict the perturbation calls
 * for: a verdict must be able to say no when the evidence for a cause is taken away, and must not
 * move when only the form of the logs changes. The expected top hypothesis of each sample is the
 * unperturbed run's, never written here (docs/validation.md, "Perturbations of the samples").
 *
 * <ul>
 *   <li>cause moved into the trouble (half-way between the first and last symptom it explained): not confirmed;
 *   <li>decoys (a change on a healthy entity, a change on a new upstream service that stays healthy,
 *       a copy of the cause on a healthy entity): never confirmed, the true cause stays first and confirmed;
 *   <li>the symptoms it explained deleted from the logs: not confirmed;
 *   <li>every name (hosts, services, sites, devices, generators) renamed consistently: same pattern and verdict;
 *   <li>time shifted (days later in another UTC offset, a year later in UTC, epoch seconds or
 *       milliseconds): same verdict;
 *   <li>written across a daylight-saving change in a zone's own offsets: same verdict;
 *   <li>columns reordered with an unknown extra column, rows in reverse file order, metric series
 *       sampled three times more coarsely, another exporter's spellings (Title Case headers, {@code Success} results,
 *       level words as severities): same verdict;
 *   <li>one file left out: no crash, a report, and no confirmation resting on that file.
 * </ul>
 */
class SamplePerturbationsTest {
  private static final Map<Path, Analysis> TRUTH = new HashMap<>();

  static List<Path> samples() throws Exception {
    try (Stream<Path> s = Files.list(TestAnalysis.home().resolve("sample-logs"))) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** The unperturbed analysis, once per sample. */
  static synchronized Analysis truth(Path sample) throws Exception {
    Analysis a = TRUTH.get(sample);
    if (a == null) {
      a = TestAnalysis.analyze(sample);
      assertFalse(a.assessments().isEmpty(), sample + ": no hypothesis");
      assertEquals(Verdict.CONFIRMED, a.assessments().get(0).validation().verdict(), sample + ": the top hypothesis is confirmed");
      TRUTH.put(sample, a);
    }
    return a;
  }

  static Assessment top(Path sample) throws Exception {
    return truth(sample).assessments().get(0);
  }

  interface Check {
    void run(Path sample, Path copy) throws Exception;
  }

  static Stream<DynamicTest> each(String what, Check check) throws Exception {
    return samples().stream().map(s -> DynamicTest.dynamicTest(s.getFileName() + ": " + what, () -> CsvTable.onACopy(s, dir -> check.run(s, dir))));
  }

  // ------------------------------------------------------------------------------------------ (a)

  @TestFactory
  Stream<DynamicTest> causeMovedIntoTheTrouble() throws Exception {
    return each("cause moved half-way into its trouble", (sample, dir) -> {
      Assessment truth = top(sample);
      List<Instant> onsets = truth.validation().explained().stream().map(Symptom::onset).sorted().toList();
      Instant first = onsets.get(0);
      Instant last = onsets.get(onsets.size() - 1);
      Duration half = Duration.between(first, last).dividedBy(2);
      Instant target = first.plus(half.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : half);
      CauseTimes.move(truth, dir, target);
      Perturbations.notConfirmed("cause moved to " + target + ", after the first symptom at " + first, truth, dir, TestAnalysis.analyze(dir),
          Claims.claim(truth.hypothesis()));
    });
  }

  // ------------------------------------------------------------------------------------------ (b)

  @TestFactory
  Stream<DynamicTest> changeOnAHealthyEntity() throws Exception {
    return each("a change on an entity that stays healthy", (sample, dir) -> {
      Assessment truth = top(sample);
      String healthy = Perturbations.healthyEntity(truth(sample), dir);
      int line = Perturbations.addChange(dir, healthy, truth.validation().scorecard().causeAt().minus(Duration.ofMinutes(3)));
      Perturbations.decoyNeverConfirmed(truth, TestAnalysis.analyze(dir), healthy, "events.csv", line);
    });
  }

  @TestFactory
  Stream<DynamicTest> changeOnAHealthyUpstreamService() throws Exception {
    return each("a change on a new upstream service that stays healthy", (sample, dir) -> {
      Assessment truth = top(sample);
      String upstream = "upstream-" + Integer.toHexString(sample.getFileName().toString().hashCode() & 0xffff);
      Perturbations.addUpstream(dir, truth, upstream);
      int line = Perturbations.addChange(dir, upstream, truth.validation().scorecard().causeAt().minus(Duration.ofMinutes(10)));
      Perturbations.decoyNeverConfirmed(truth, TestAnalysis.analyze(dir), upstream, "events.csv", line);
    });
  }

  @TestFactory
  Stream<DynamicTest> causeCopiedOntoAHealthyEntity() throws Exception {
    return each("the cause's record copied onto a healthy entity", (sample, dir) -> {
      Assessment truth = top(sample);
      int line = Perturbations.copyCauseOnto(truth, dir, Perturbations.healthyEntity(truth(sample), dir));
      assertTrue(line > 0, "the copy acts on the healthy entity");
      Perturbations.decoyNeverConfirmed(truth, TestAnalysis.analyze(dir), null, Claims.fileName(truth.hypothesis().cause()), line);
    });
  }

  // ------------------------------------------------------------------------------------------ (c)

  @TestFactory
  Stream<DynamicTest> symptomsDeleted() throws Exception {
    return each("the symptoms it explained deleted", (sample, dir) -> deleteSymptoms(sample, dir, false));
  }

  @TestFactory
  Stream<DynamicTest> symptomsDeletedButOne() throws Exception {
    return each("the symptoms it explained deleted but the first", (sample, dir) -> deleteSymptoms(sample, dir, true));
  }

  /** The rows of what the top hypothesis explained deleted (all, or all but the first): then not confirmed, and says why. */
  static void deleteSymptoms(Path sample, Path dir, boolean keepFirst) throws Exception {
    Assessment truth = top(sample);
    Perturbations.Deleted d = Perturbations.deleteSymptoms(truth, dir, keepFirst);
    Perturbations.notConfirmed(d.symptoms() + " symptoms deleted" + (keepFirst ? ", the first kept" : ""), truth, dir, TestAnalysis.analyze(dir), d.claim());
  }

  // ------------------------------------------------------------------------------------------ (d)

  @TestFactory
  Stream<DynamicTest> entitiesRenamed() throws Exception {
    return each("every name renamed consistently", (sample, dir) -> {
      Perturbations.Renamed r = Perturbations.renameNames(dir, sample.getFileName().toString().hashCode());
      assertFalse(r.words() == 0);
      Perturbations.sameVerdict(r.words() + " name words renamed", top(sample), TestAnalysis.analyze(dir), r.rename());
    });
  }

  // ------------------------------------------------------------------------------------------ (e)

  @TestFactory
  Stream<DynamicTest> shiftedDaysLaterInAnotherOffset() throws Exception {
    return each("3 days later, written at UTC-07:00", (sample, dir) -> {
      Perturbations.rewriteTimes(dir, t -> t.plus(Duration.ofDays(3)).atOffset(ZoneOffset.ofHours(-7)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      Perturbations.sameVerdict("shifted", top(sample), TestAnalysis.analyze(dir), s -> s);
    });
  }

  @TestFactory
  Stream<DynamicTest> shiftedAYearLaterInUtc() throws Exception {
    return each("400 days later, written in UTC with Z", (sample, dir) -> {
      Perturbations.rewriteTimes(dir, t -> t.plus(Duration.ofDays(400)).atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT));
      Perturbations.sameVerdict("shifted", top(sample), TestAnalysis.analyze(dir), s -> s);
    });
  }

  @TestFactory
  Stream<DynamicTest> epochTimes() throws Exception {
    return each("times as epoch seconds (milliseconds where sub-second)", (sample, dir) -> {
      Perturbations.rewriteTimes(dir, t -> t.getNano() == 0 ? Long.toString(t.getEpochSecond()) : Long.toString(t.toEpochMilli()));
      Perturbations.sameVerdict("epoch", top(sample), TestAnalysis.analyze(dir), s -> s);
    });
  }

  /**
   * Written in a zone with daylight saving, the cause half an hour before the clocks fall back: local times
   * repeat an hour, and only the offsets tell the two apart.
   */
  @TestFactory
  Stream<DynamicTest> shiftedAcrossADaylightSavingChange() throws Exception {
    return each("written in America/New_York, the cause 30 min before the clocks fall back", (sample, dir) -> {
      Instant fallBack = Instant.parse("2030-11-03T06:00:00Z");
      Duration by = Duration.between(top(sample).validation().scorecard().causeAt(), fallBack.minus(Duration.ofMinutes(30)));
      ZoneId zone = ZoneId.of("America/New_York");
      Perturbations.rewriteTimes(dir, t -> t.plus(by).atZone(zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      Perturbations.sameVerdict("across the change", top(sample), TestAnalysis.analyze(dir), s -> s);
    });
  }

  // ------------------------------------------------------------------------------------------ (f)

  /** Rows in reverse file order (an export newest first): the same claim, its cause the same record at its new line. */
  @TestFactory
  Stream<DynamicTest> rowsInReverseFileOrder() throws Exception {
    return each("every file's rows in reverse order", (sample, dir) -> {
      Assessment truth = top(sample);
      Map<String, Integer> rows = Perturbations.reverseRows(dir);
      Analysis a = TestAnalysis.analyze(dir);
      assertFalse(a.assessments().isEmpty(), "no hypothesis");
      Hypothesis t = truth.hypothesis();
      Assessment y = a.assessments().get(0);
      assertEquals(t.pattern() + " " + t.subject() + " " + truth.validation().verdict().word(),
          y.hypothesis().pattern() + " " + y.hypothesis().subject() + " " + y.validation().verdict().word(), Perturbations.describe(a));
      String file = Claims.fileName(t.cause());
      assertEquals(file, Claims.fileName(y.hypothesis().cause()), "the cause is in the same file");
      // rows at lines 2..n+1 reversed: line l moves to n + 3 - l; a component of several rows (its replicas) may be
      // cited by another of its rows, the first in the new order
      int moved = rows.get(file) + 3 - t.cause().line();
      String[] cited = CsvTable.read(dir.resolve(file)).atLine(y.hypothesis().cause().line());
      assertTrue(y.hypothesis().cause().line() == moved || List.of(cited).contains(t.subject()),
          "the cause is the same record (line " + moved + ") or another row of " + t.subject() + ": " + String.join(",", cited));
      assertEquals(truth.validation().explained().size(), y.validation().explained().size(), "explains as much");
    });
  }

  /** Every metric series sampled three times more coarsely (one sample in three kept): the same claim and verdict. */
  @TestFactory
  Stream<DynamicTest> metricSamplesThinnedToEveryThird() throws Exception {
    return each("each metric series thinned to every third sample", (sample, dir) -> {
      Assessment truth = top(sample);
      Perturbations.thinSeries(dir, 3);
      Analysis a = TestAnalysis.analyze(dir);
      assertFalse(a.assessments().isEmpty(), "no hypothesis");
      Hypothesis t = truth.hypothesis();
      Assessment y = a.assessments().get(0);
      assertEquals(t.pattern() + " " + t.subject() + " " + truth.validation().verdict().word() + " " + Claims.fileName(t.cause()) + ":" + t.cause().line(),
          y.hypothesis().pattern() + " " + y.hypothesis().subject() + " " + y.validation().verdict().word() + " "
              + Claims.fileName(y.hypothesis().cause()) + ":" + y.hypothesis().cause().line(), Perturbations.describe(a));
    });
  }

  @TestFactory
  Stream<DynamicTest> columnsReorderedWithAnExtraColumn() throws Exception {
    return each("columns reversed and an unknown column added", (sample, dir) -> {
      Perturbations.reverseColumnsWithAnExtraColumn(dir);
      Perturbations.sameVerdict("columns reordered", top(sample), TestAnalysis.analyze(dir), s -> s);
    });
  }

  @TestFactory
  Stream<DynamicTest> writtenInAnotherExportersSpellings() throws Exception {
    return each("Title Case headers, Success results, level words as severities", (sample, dir) -> {
      Perturbations.exportersSpellings(dir);
      Perturbations.sameVerdict("another exporter's spellings", top(sample), TestAnalysis.analyze(dir), s -> s);
    });
  }

  // ------------------------------------------------------------------------------------------ (g)

  @TestFactory
  Stream<DynamicTest> oneFileLeftOut() throws Exception {
    List<DynamicTest> out = new ArrayList<>();
    for (Path sample : samples()) {
      try (Stream<Path> files = Files.list(sample)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
          String name = f.getFileName().toString();
          out.add(DynamicTest.dynamicTest(sample.getFileName() + ": without " + name, () -> {
            CsvTable.onACopy(sample, dir -> {
              Files.delete(dir.resolve(name));
              leftOut(sample, dir, name);
            });
          }));
        }
      }
    }
    return out.stream();
  }

  static void leftOut(Path sample, Path dir, String name) throws Exception {
    Assessment truth = top(sample);
    Analysis a;
    try {
      a = TestAnalysis.analyze(dir);
    } catch (InputException e) {
      // refusing the bundle is a clear answer too, as long as it names what is wrong
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an input error says what is wrong");
      return;
    }
    JsonNode report = JsonReport.toJson(a);
    assertNotNull(report.get("hypotheses"), "a report");
    Hypothesis h = truth.hypothesis();
    // Files the confirmation stood on: its cause and trigger records, and every record of what it explained.
    Set<String> needed = new HashSet<>();
    needed.add(Claims.fileName(h.cause()));
    if (h.trigger() != null) needed.add(Claims.fileName(h.trigger()));
    Set<String> symptomFiles = new HashSet<>();
    for (Symptom s : truth.validation().explained()) symptomFiles.add(Claims.fileName(s.evidence()));
    boolean allSymptoms = symptomFiles.equals(Set.of(name));
    for (Assessment y : a.assessments()) {
      if (y.validation().verdict() != Verdict.CONFIRMED) continue;
      SourceRef c = y.hypothesis().cause();
      assertTrue(c == null || Files.exists(dir.resolve(Claims.fileName(c))), "a confirmation cites a file that is there: " + y.hypothesis());
      if (Perturbations.same(h, y.hypothesis(), s -> s) && (needed.contains(name) || allSymptoms)) {
        throw new AssertionError("without " + name + " the claim it rested on is still confirmed: " + y.hypothesis() + " " + y.validation().reasons());
      }
    }
  }
}
