package org.hindsight.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.observe.Symptom;
import org.hindsight.testing.Claims;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.Perturbations;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Perturbations of every sample beyond {@link SamplePerturbationsTest}'s, as raw exports and hidden copies come: a decoy
 * twin of the cause a minute later on a healthy entity, the symptom series at half their samples, a UTF-8 byte-order
 * mark with CRLF line ends, columns in another order with an unknown one among them, and times written with two
 * offsets in one file. The expected answer is each sample's unperturbed run, never written here.
 */
class MoreSamplePerturbationsTest {
  private static final Pattern ISO = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT.*");

  @TestFactory
  Stream<DynamicTest> decoyTwinAMinuteLater() throws Exception {
    return SamplePerturbationsTest.each("the cause's rows copied onto a healthy entity a minute later", (sample, dir) -> {
      Assessment truth = SamplePerturbationsTest.top(sample);
      String healthy = Perturbations.healthyEntity(SamplePerturbationsTest.truth(sample), dir);
      String file = Claims.fileName(truth.hypothesis().cause());
      int line = Perturbations.twinOfCause(truth, dir, healthy, Duration.ofMinutes(1));
      assertTrue(line > 0, "the copy acts on the healthy entity");
      Perturbations.decoyNeverConfirmed(truth, TestAnalysis.analyze(dir), null, file, line);
    });
  }

  @TestFactory
  Stream<DynamicTest> symptomSeriesAtHalfTheirSamples() throws Exception {
    return SamplePerturbationsTest.each("every metric series that shows an explained symptom at every other sample", (sample, dir) -> {
      Assessment truth = SamplePerturbationsTest.top(sample);
      Set<String> series = new HashSet<>();
      for (Symptom s : truth.validation().explained()) {
        if (s.evidence() != null && Claims.fileName(s.evidence()).startsWith("metrics")) series.add(s.entity() + "\u0000" + s.detail());
      }
      Path metrics = dir.resolve("metrics.csv");
      if (!series.isEmpty() && Files.exists(metrics)) {
        CsvTable t = CsvTable.read(metrics);
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        int before = t.rows().size();
        t.rows().removeIf(r -> {
          String key = t.get(r, "entity") + "\u0000" + t.get(r, "metric");
          return series.contains(key) && seen.merge(key, 1, Integer::sum) % 2 == 0;
        });
        assertTrue(t.rows().size() < before, "samples removed");
        t.write();
      }
      Analysis a = TestAnalysis.analyze(dir);
      Assessment top = a.assessments().get(0);
      assertEquals(truth.hypothesis().pattern() + " " + truth.hypothesis().subject() + " " + truth.validation().verdict(),
          top.hypothesis().pattern() + " " + top.hypothesis().subject() + " " + top.validation().verdict(), Perturbations.describe(a));
      assertEquals(truth.hypothesis().cause().line(), top.hypothesis().cause().line(), "the same cause record");
    });
  }

  @TestFactory
  Stream<DynamicTest> byteOrderMarkAndCrlf() throws Exception {
    return SamplePerturbationsTest.each("every file with a UTF-8 byte-order mark and CRLF line ends", (sample, dir) -> {
      Assessment truth = SamplePerturbationsTest.top(sample);
      Perturbations.writeWithBomAndCrlf(dir);
      Perturbations.sameVerdict("BOM and CRLF", truth, TestAnalysis.analyze(dir), s -> s);
    });
  }

  @TestFactory
  Stream<DynamicTest> columnsShuffledWithAnUnknownColumn() throws Exception {
    return SamplePerturbationsTest.each("every file's columns in another order, an unknown column among them", (sample, dir) -> {
      Assessment truth = SamplePerturbationsTest.top(sample);
      for (CsvTable t : Perturbations.tables(dir)) {
        Random random = new Random(t.file().getFileName().toString().hashCode());
        List<String> cols = new ArrayList<>(t.header());
        Collections.shuffle(cols, random);
        cols.add(random.nextInt(cols.size() + 1), "analyst_note");
        try (Writer w = Files.newBufferedWriter(t.file(), StandardCharsets.UTF_8);
            CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator('\n').build())) {
          p.printRecord(cols);
          for (String[] r : t.rows()) {
            List<String> out = new ArrayList<>();
            for (String c : cols) out.add(c.equals("analyst_note") ? "checked, see runbook" : t.get(r, c));
            p.printRecord(out);
          }
        }
      }
      Perturbations.sameVerdict("columns shuffled", truth, TestAnalysis.analyze(dir), s -> s);
    });
  }

  @TestFactory
  Stream<DynamicTest> offsetsMixedInOneFile() throws Exception {
    return SamplePerturbationsTest.each("every other row's times at +09:00, the rest in UTC with Z", (sample, dir) -> {
      Assessment truth = SamplePerturbationsTest.top(sample);
      ZoneOffset seoul = ZoneOffset.ofHours(9);
      for (CsvTable t : Perturbations.tables(dir)) {
        int k = 0;
        for (String[] r : t.rows()) {
          boolean plusNine = k++ % 2 == 0;
          for (String c : t.header()) {
            String v = t.get(r, c);
            if (!ISO.matcher(v).matches()) continue;
            java.time.Instant at = OffsetDateTime.parse(v).toInstant();
            t.set(r, c, plusNine ? OffsetDateTime.ofInstant(at, seoul).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                : DateTimeFormatter.ISO_INSTANT.format(at));
          }
        }
        t.write();
      }
      Analysis a = TestAnalysis.analyze(dir);
      assertFalse(a.assessments().isEmpty());
      Perturbations.sameVerdict("offsets mixed", truth, a, s -> s);
    });
  }
}
