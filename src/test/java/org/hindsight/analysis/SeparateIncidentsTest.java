package org.hindsight.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.hindsight.simulate.Verdict;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.Perturbations;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two confirmed causes in one bundle: the incident's times are the top one's own trouble when the other's is far apart
 * (a separate incident, {@code impact.separately}), and count both when they are close (a second cause). Built from a
 * sample and a copy of it on another estate (every name suffixed), shifted two years (far apart) or two hours (close).
 */
class SeparateIncidentsTest {
  private static final Path SAMPLE = TestAnalysis.home().resolve("sample-logs/cert-expiry-example");

  /** The sample with a renamed copy of every row appended, its times {@code later}. */
  private static Analysis withRenamedTwin(Path dir, Path twin, Duration later) throws Exception {
    CsvTable.copyBundle(SAMPLE, dir);
    CsvTable.copyBundle(SAMPLE, twin);
    // another estate: every name of the twin carries a suffix
    for (CsvTable t : Perturbations.tables(twin)) {
      for (String[] r : t.rows()) {
        for (String c : t.header()) if (Perturbations.NAMES.contains(c) && !t.get(r, c).isEmpty()) t.set(r, c, t.get(r, c) + "-twin");
      }
      t.write();
    }
    Perturbations.rewriteTimes(twin, t -> t.plus(later).atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
        CsvTable into = CsvTable.read(f);
        CsvTable from = CsvTable.read(twin.resolve(f.getFileName()));
        assertEquals(into.header(), from.header());
        into.rows().addAll(from.rows());
        into.write();
      }
    }
    return TestAnalysis.analyze(dir);
  }

  @Test
  void aConfirmedCauseYearsLaterIsASeparateIncidentWithItsOwnTimes(@TempDir Path dir, @TempDir Path twin) throws Exception {
    Analysis alone = TestAnalysis.analyze(SAMPLE);
    IncidentTime own = IncidentTime.of(alone);
    Analysis a = withRenamedTwin(dir, twin, Duration.ofDays(730));
    List<Assessment> confirmed = a.live().stream().filter(x -> x.validation().verdict() == Verdict.CONFIRMED).toList();
    assertEquals(2, confirmed.size(), a.assessments().toString());
    IncidentTime t = IncidentTime.of(a);
    assertEquals(List.of(confirmed.get(1)), t.separately());
    assertTrue(t.alsoExplainedBy().isEmpty(), t.alsoExplainedBy().toString());
    assertEquals(own.onset() + " " + own.recovered(), t.onset() + " " + t.recovered(), "the top cause's own times");
  }

  @Test
  void aConfirmedCauseHoursLaterIsASecondCauseOfTheSameIncident(@TempDir Path dir, @TempDir Path twin) throws Exception {
    Analysis a = withRenamedTwin(dir, twin, Duration.ofHours(2));
    List<Assessment> confirmed = a.live().stream().filter(x -> x.validation().verdict() == Verdict.CONFIRMED).toList();
    assertEquals(2, confirmed.size(), a.assessments().toString());
    IncidentTime t = IncidentTime.of(a);
    assertTrue(t.separately().isEmpty(), t.separately().toString());
    assertEquals(List.of(confirmed.get(1)), t.alsoExplainedBy());
    assertTrue(Duration.between(t.onset(), t.recovered()).compareTo(Duration.ofHours(2)) > 0, t.onset() + " " + t.recovered());
  }
}
