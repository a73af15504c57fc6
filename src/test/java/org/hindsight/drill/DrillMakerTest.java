package org.hindsight.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.drill.testkit.RunawayJobGenerator;
import org.hindsight.drill.testkit.TestKit;
import org.hindsight.facts.Event;
import org.hindsight.facts.OpsCommand;
import org.hindsight.ingest.Bundle;
import org.hindsight.ingest.BundleReader;
import org.hindsight.ingest.LogKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every drill goes through, on the test-only pattern: new names and times, regenerated symptoms, noise, same files. */
class DrillMakerTest {
  static final RunawayJobGenerator GENERATOR = new RunawayJobGenerator();
  static DrillMaker maker;
  @TempDir Path tmp;

  @BeforeAll
  static void compile() throws Exception {
    maker = maker(List.of(RunawayJobGenerator.PATTERN));
  }

  static DrillMaker maker(List<String> patterns) throws Exception {
    Analyzer analyzer = TestKit.analyzer();
    return new DrillMaker(patterns, List.of(TestKit.rules()), analyzer,
        analyzer.compileRules(AnalysisOptions.builder().rules(TestKit.rules()).build()));
  }

  static Bundle read(Path dir) throws Exception {
    return BundleReader.builder().build().readArgs(List.of(dir.toString()));
  }

  @Test
  void namesAndTimesAreNewAndTheCauseStillPointsAtItsRecord() throws Exception {
    Path dir = tmp.resolve("d");
    DrillAnswer a = maker.make(GENERATOR, Difficulty.EASY, 11, false, dir);
    List<String> ops = Files.readAllLines(dir.resolve("ops-commands.csv"));
    assertEquals("ops-commands.csv", a.causeFile());
    String cause = ops.get(a.causeLine() - 1);
    assertTrue(cause.contains("jobctl start --host " + a.subject() + " --job nightly-reindex --threads 1024"), cause);
    assertFalse(a.subject().startsWith("kelp"), a.subject());
    assertTrue(Files.readString(dir.resolve("inventory.csv")).contains(a.subject() + ",host," + a.site() + ","));
    for (Path f : files(dir)) {
      String text = Files.readString(f).toLowerCase(Locale.ROOT);
      for (String old : List.of("kelp", "reed", "tern", "marsh", "gia,", "ivo,", "2023-03-09")) {
        assertFalse(text.contains(old), f.getFileName() + " still holds the template's '" + old + "'");
      }
    }
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherDrill() throws Exception {
    maker.make(GENERATOR, Difficulty.HARD, 5, false, tmp.resolve("a"));
    maker.make(GENERATOR, Difficulty.HARD, 5, false, tmp.resolve("b"));
    maker.make(GENERATOR, Difficulty.HARD, 6, false, tmp.resolve("c"));
    for (Path f : files(tmp.resolve("a"))) {
      assertEquals(Files.readString(f), Files.readString(tmp.resolve("b").resolve(f.getFileName())), f.getFileName().toString());
    }
    assertNotEquals(Files.readString(tmp.resolve("a/inventory.csv")), Files.readString(tmp.resolve("c/inventory.csv")));
  }

  @Test
  void symptomsAreRegeneratedThroughThePacksSimulator() throws Exception {
    // The template has the host degrade 4 min after the job; the test simulator predicts 3 min. Every
    // drill, whatever its time stretch, shows the simulator's onset (plus at most 20 s of jitter).
    for (long seed = 1; seed <= 12; seed++) {
      Path dir = tmp.resolve("s" + seed);
      DrillAnswer a = maker.make(GENERATOR, seed % 2 == 0 ? Difficulty.EASY : Difficulty.HARD, seed, false, dir);
      Bundle b = read(dir);
      Instant start = b.opsCommands().stream().filter(c -> c.origin().line() == a.causeLine()).map(OpsCommand::time).findFirst().orElseThrow();
      Instant degraded = b.events().stream().filter(e -> e.type().equals("service.degraded") && e.entity().equals(a.subject()))
          .map(Event::time).findFirst().orElseThrow();
      long s = Duration.between(start, degraded).getSeconds();
      assertTrue(s >= 180 && s <= 200, "seed " + seed + ": degraded " + s + " s after the job");
    }
  }

  @Test
  void everyBundleHoldsEveryKindOfFileWhateverThePattern() throws Exception {
    List<String> all = Arrays.stream(LogKind.values()).map(k -> k.fileName() + ".csv").sorted().toList();
    maker.make(GENERATOR, Difficulty.EASY, 3, false, tmp.resolve("p"));
    maker.make(GENERATOR, Difficulty.EASY, 3, true, tmp.resolve("n"));
    assertEquals(all, names(tmp.resolve("p")));
    assertEquals(all, names(tmp.resolve("n")));
    for (Path f : files(tmp.resolve("n"))) {
      assertTrue(Files.readAllLines(f).size() > 1, f.getFileName() + " is empty: an empty file marks the pattern");
    }
    read(tmp.resolve("n"));
  }

  @Test
  void noiseGrowsWithDifficultyHasErrorsAndCriticalsAndStaysHealthy() throws Exception {
    Bundle easy = read(mk(Difficulty.EASY, "e"));
    Bundle hard = read(mk(Difficulty.HARD, "h"));
    assertTrue(easy.events().size() < 50 && hard.events().size() > 150, easy.events().size() + " vs " + hard.events().size());
    List<String> severities = hard.events().stream().map(Event::severity).distinct().toList();
    assertTrue(severities.containsAll(List.of("info", "warning", "error", "critical")), severities.toString());
    assertTrue(hard.metrics().stream().allMatch(m -> m.peak() < 90), "noise metrics stay healthy");
    var times = hard.events().stream().map(Event::time).toList();
    for (int i = 1; i < times.size(); i++) assertFalse(times.get(i).isBefore(times.get(i - 1)), "events stay in time order");
  }

  private Path mk(Difficulty d, String name) throws Exception {
    maker.make(GENERATOR, d, 5, false, tmp.resolve(name));
    return tmp.resolve(name);
  }

  @Test
  void aBundleThatNamesAPatternIsStopped() throws Exception {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> maker(List.of(RunawayJobGenerator.PATTERN, "slow")).make(GENERATOR, Difficulty.EASY, 1, false, tmp.resolve("x")));
    assertTrue(e.getMessage().contains("pattern id 'slow' appears in events.csv:"), e.getMessage());
  }

  @Test
  void aNearMissNeedsNoCause() throws Exception {
    assertTrue(maker.make(GENERATOR, Difficulty.EASY, 2, true, tmp.resolve("n")).nearMiss());
  }

  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private static List<String> names(Path dir) throws Exception {
    return files(dir).stream().map(p -> p.getFileName().toString()).toList();
  }
}
