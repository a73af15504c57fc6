package org.hindsight.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hindsight.ingest.Bundle;
import org.hindsight.ingest.BundleReader;
import org.hindsight.ingest.InputStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleGeneratorTest {
  @Test
  void writesAValidBundleOfEveryKindInRealisticProportions(@TempDir Path dir) throws Exception {
    BundleGenerator.Written w = new BundleGenerator(20_000, 3).writeTo(dir);
    Bundle b = BundleReader.builder().build().readArgs(List.of(dir.toString()));
    assertEquals(w.rows(), b.stats().rows(), "every generated row reads back without a problem");
    assertTrue(Math.abs(w.rows() - 20_000) <= 20, "about the rows asked for, got " + w.rows());
    Map<String, Long> byKind = b.stats().files().stream()
        .collect(Collectors.groupingBy(InputStats.FileStats::kind, Collectors.summingLong(InputStats.FileStats::rows)));
    assertEquals(11, byKind.size(), byKind.toString());
    assertTrue(byKind.get("metrics") > 0.5 * w.rows(), byKind.toString());
    assertTrue(byKind.get("requests") > 0.25 * w.rows(), byKind.toString());
    assertTrue(byKind.get("events") > 0.03 * w.rows(), byKind.toString());
    assertTrue(b.events().stream().anyMatch(e -> e.type().equals("site.power_loss")), "the incident itself is there");
    assertTrue(b.metrics().stream().allMatch(s -> s.count() >= 30), "every series is long enough for a baseline");
  }

  @Test
  void theSameSizeAndSeedGiveTheSameBytes(@TempDir Path dir) throws Exception {
    new BundleGenerator(5_000, 9).writeTo(dir.resolve("a"));
    new BundleGenerator(5_000, 9).writeTo(dir.resolve("b"));
    for (String f : List.of("metrics-routers.csv", "requests.csv", "events.csv", "config-commands.csv")) {
      assertEquals(Files.readString(dir.resolve("a").resolve(f)), Files.readString(dir.resolve("b").resolve(f)), f);
    }
  }
}
