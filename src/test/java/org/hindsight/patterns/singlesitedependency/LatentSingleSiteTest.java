package org.hindsight.patterns.singlesitedependency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.facts.Finding;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-site risk is reported with no incident at all (HS-SS-006 hard dependency under a spread
 * service, HS-SS-007 backups with their data), and never when the site was lost (the site-loss rules
 * speak then) nor where the placement gives a copy elsewhere.
 */
class LatentSingleSiteTest {
  private static final String PATTERN = "single-site-dependency";
  private static final Path FIXTURES = TestAnalysis.home().resolve("rules").resolve(PATTERN).resolve("fixtures");

  private static Set<String> latent(Analysis a) {
    return a.findings().stream().map(f -> f.finding())
        .filter(f -> f.pattern().equals(PATTERN) && f.kind().equals("latent") && !f.summary().contains("only soft dependencies"))
        .map(Finding::subject).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void aSpreadServiceNeedingAOneSiteComponentIsALatentRisk() throws Exception {
    Analysis a = TestAnalysis.analyze(FIXTURES.resolve("latent-vault-one-site"));
    assertEquals(Set.of("token-vault"), latent(a)); // the deepest: orders and billing need it and run in two sites
    assertTrue(a.live().isEmpty(), "a generator test loses no site");
  }

  @Test
  void backupsOnTheCampusOfTheirDataAreALatentRiskAndABackupElsewhereIsNot() throws Exception {
    assertEquals(Set.of("ledger"), latent(TestAnalysis.analyze(FIXTURES.resolve("latent-backups-same-campus"))));
  }

  @Test
  void nearMissesSayNothing() throws Exception {
    List<Path> nearMisses;
    try (Stream<Path> s = Files.list(FIXTURES)) {
      nearMisses = s.filter(p -> p.getFileName().toString().startsWith("near-miss-latent-")).sorted().toList();
    }
    assertTrue(nearMisses.size() >= 4, nearMisses.toString());
    for (Path p : nearMisses) assertEquals(Set.of(), latent(TestAnalysis.analyze(p)), p.toString());
  }

  @Test
  void noSampleGetsALatentSingleSiteFinding() throws Exception {
    try (Stream<Path> s = Files.list(TestAnalysis.home().resolve("sample-logs"))) {
      for (Path sample : s.filter(Files::isDirectory).sorted().toList()) {
        assertEquals(Set.of(), latent(TestAnalysis.analyze(sample)), sample.toString());
      }
    }
  }

  /** Without its events, the fire's sample still shows in its placement what the fire then took. */
  @Test
  void withoutEventsTheLatentRisksAreWhatTheSiteLossLaterBlamed(@TempDir Path tmp) throws Exception {
    Path full = TestAnalysis.home().resolve("sample-logs").resolve("kakao-2022-10-15");
    Set<String> blamed = TestAnalysis.live(TestAnalysis.analyze(full), PATTERN).stream()
        .map(x -> x.hypothesis().subject()).collect(Collectors.toCollection(TreeSet::new));
    assertFalse(blamed.isEmpty());
    CsvTable.copyBundle(full, tmp);
    Files.delete(tmp.resolve("events.csv"));
    Analysis without = TestAnalysis.analyze(tmp);
    assertTrue(without.live().isEmpty());
    assertEquals(blamed, latent(without));
  }

  @Test
  void withoutEventsBackupsThatBurnedWithTheirDataAreLatentRisks(@TempDir Path tmp) throws Exception {
    Path full = TestAnalysis.home().resolve("sample-logs").resolve("ovh-2021-03-10");
    Set<String> lost = TestAnalysis.analyze(full).findings().stream().map(f -> f.finding())
        .filter(f -> f.kind().equals("data-loss")).map(Finding::subject).collect(Collectors.toCollection(TreeSet::new));
    assertFalse(lost.isEmpty());
    CsvTable.copyBundle(full, tmp);
    Files.delete(tmp.resolve("events.csv"));
    assertEquals(lost, latent(TestAnalysis.analyze(tmp)));
  }
}
