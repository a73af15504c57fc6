package org.hindsight.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.SourceRef;
import org.hindsight.observe.Symptom;
import org.hindsight.testing.Claims;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.Perturbations;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Raw exports repeat rows: two collectors forward the same syslog line, both TACACS servers log
 * one accounting record, a metrics export repeats a sample, a CSV is concatenated twice. A row
 * repeated word for word adds no evidence, so every sample so perturbed keeps the unperturbed
 * run's top pattern, subject, verdict, cause (the same content, wherever cited) and the number of
 * symptoms it explains; so does every event forwarded again by a second collector (another source):
 * not the same row, but no new symptom (docs/validation.md, "Perturbations of the samples").
 */
class DuplicateRowsTest {

  @TestFactory
  Stream<DynamicTest> causeRowDuplicated() throws Exception {
    return SamplePerturbationsTest.each("the cause's row duplicated (same time, same content)", (sample, dir) -> {
      Hypothesis h = SamplePerturbationsTest.top(sample).hypothesis();
      List<SourceRef> refs = new ArrayList<>(List.of(h.cause()));
      if (h.trigger() != null) refs.add(h.trigger());
      for (SourceRef ref : refs) {
        CsvTable t = CsvTable.read(dir.resolve(Claims.fileName(ref)));
        // right after the original, as a second collector's copy would be merged in
        t.rows().add(ref.line() - 1, t.atLine(ref.line()).clone());
        t.write();
      }
      sameAsUnperturbed(sample, dir, "cause duplicated");
    });
  }

  @TestFactory
  Stream<DynamicTest> everyRowDuplicated() throws Exception {
    return SamplePerturbationsTest.each("every row of every file duplicated (concatenated twice)", (sample, dir) -> {
      for (CsvTable t : Perturbations.tables(dir)) {
        List<String[]> copy = t.rows().stream().map(String[]::clone).toList();
        t.rows().addAll(copy);
        t.write();
      }
      sameAsUnperturbed(sample, dir, "every row duplicated");
    });
  }

  @TestFactory
  Stream<DynamicTest> requestsFileConcatenatedToItself() throws Exception {
    return SamplePerturbationsTest.each("the requests file concatenated to itself, header and all (cat a a)", (sample, dir) -> {
      Path f = dir.resolve("requests.csv");
      if (!Files.exists(f)) return; // no sampled traffic in this sample
      String text = Files.readString(f);
      Files.writeString(f, text + (text.endsWith("\n") ? "" : "\n") + text);
      // read once, at file level (identical samples of one file are not folded): the replay sees the same traffic
      sameAsUnperturbed(sample, dir, "requests concatenated");
    });
  }

  @TestFactory
  Stream<DynamicTest> everyEventForwardedByASecondCollector() throws Exception {
    return SamplePerturbationsTest.each("every event forwarded again by a second collector (its source differs)", (sample, dir) -> {
      CsvTable t = CsvTable.read(dir.resolve("events.csv"));
      // not the same row (another source), but the same happening: it adds no symptom and no change
      List<String[]> copy = t.rows().stream().map(String[]::clone).toList();
      for (String[] r : copy) t.set(r, "source", t.get(r, "source") + "-relay");
      t.rows().addAll(copy);
      t.write();
      // either copy may be cited: the same record but for the collector
      sameAsUnperturbed(sample, dir, "events forwarded twice", "source");
    });
  }

  @TestFactory
  Stream<DynamicTest> metricSamplesRepeated() throws Exception {
    return SamplePerturbationsTest.each("the metric samples that show each symptom repeated", (sample, dir) -> {
      Analysis truth = SamplePerturbationsTest.truth(sample);
      int repeated = 0;
      for (CsvTable t : Perturbations.tables(dir)) {
        if (!t.hasColumn("metric")) continue;
        String file = t.file().getFileName().toString();
        // lines of the samples that show a symptom's onset or end; without any, every sample
        List<Integer> lines = new ArrayList<>();
        for (Symptom s : truth.symptoms()) {
          if (s.evidence() != null && Claims.fileName(s.evidence()).equals(file)) lines.add(s.evidence().line());
          if (s.endEvidence() != null && Claims.fileName(s.endEvidence()).equals(file)) lines.add(s.endEvidence().line());
        }
        if (lines.isEmpty()) for (int i = 0; i < t.rows().size(); i++) lines.add(i + 2);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < t.rows().size(); i++) {
          rows.add(t.rows().get(i));
          if (lines.contains(i + 2)) {
            rows.add(t.rows().get(i).clone());
            repeated++;
          }
        }
        t.rows().clear();
        t.rows().addAll(rows);
        t.write();
      }
      if (repeated == 0) return; // no metrics in this sample: nothing to repeat
      sameAsUnperturbed(sample, dir, repeated + " metric samples repeated");
    });
  }

  /** Top pattern, subject, verdict, explained count and cause content as in the unperturbed run. */
  static void sameAsUnperturbed(Path sample, Path dir, String what) throws Exception {
    sameAsUnperturbed(sample, dir, what, null);
  }

  /** As above; the cause's {@code ignored} column (null: none) may differ. */
  static void sameAsUnperturbed(Path sample, Path dir, String what, String ignored) throws Exception {
    Assessment truth = SamplePerturbationsTest.top(sample);
    Analysis a = TestAnalysis.analyze(dir);
    assertFalse(a.assessments().isEmpty(), what + ": no hypothesis");
    Assessment top = a.assessments().get(0);
    Hypothesis t = truth.hypothesis();
    assertEquals(t.pattern() + " " + t.subject() + " " + truth.validation().verdict().word(),
        top.hypothesis().pattern() + " " + top.hypothesis().subject() + " " + top.validation().verdict().word(),
        what + ":\n" + Perturbations.describe(a));
    assertEquals(row(sample, t.cause(), ignored), row(dir, top.hypothesis().cause(), ignored), what + ": the cause is the same record");
    assertEquals(truth.validation().explained().size(), top.validation().explained().size(), what + ": explains as much");
    assertTrue(top.confidence() >= truth.confidence() - 0.05, what + ": confidence " + top.confidence() + " against " + truth.confidence());
  }

  private static List<String> row(Path dir, SourceRef ref, String ignored) throws Exception {
    Path f = dir.resolve(Claims.fileName(ref));
    assertTrue(Files.exists(f), "cited file " + f);
    CsvTable t = CsvTable.read(f);
    List<String> cells = new ArrayList<>(Arrays.asList(t.atLine(ref.line())));
    if (ignored != null && t.hasColumn(ignored)) cells.set(t.column(ignored), "");
    return cells;
  }
}
