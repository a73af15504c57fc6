package org.hindsight.patterns.singlesitedependency;

import org.hindsight.drill.AnswerMatch;
import org.hindsight.drill.DrillMaker;
import org.hindsight.drill.DrillAnswer;
import org.hindsight.drill.Difficulty;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.analysis.Assessment;
import org.hindsight.patterns.singlesitedependency.SingleSiteDependencyGenerator;
import org.hindsight.engine.RuleBase;
import org.hindsight.ingest.BundleReader;
import org.hindsight.simulate.Verdict;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-site generator on its own: same seed, same bytes; the estate's structure matches the
 * difficulty (one hop at easy; at hard the variants appear); the answer is the one component on a
 * hard path single-sited in the lost site, and near misses have none; no file gives the answer
 * away; and the analyser confirms the answer as the only live hypothesis.
 */
class SingleSiteDependencyGeneratorTest {
  private static final String PATTERN = "single-site-dependency";
  private final SingleSiteDependencyGenerator generator = new SingleSiteDependencyGenerator();
  @TempDir Path work;

  private DrillAnswer generate(Path dir, long seed, Difficulty d, boolean nearMiss) throws IOException {
    Files.createDirectories(dir);
    return generator.generate(dir, new SplittableRandom(seed), d, nearMiss);
  }

  @Test
  void sameSeedGivesTheSameBytesAndAnotherSeedAnotherIncident() throws IOException {
    for (Difficulty d : Difficulty.values()) {
      for (boolean nearMiss : new boolean[] {false, true}) {
        DrillAnswer a = generate(work.resolve(d + "-" + nearMiss + "-a"), 42, d, nearMiss);
        DrillAnswer b = generate(work.resolve(d + "-" + nearMiss + "-b"), 42, d, nearMiss);
        generate(work.resolve(d + "-" + nearMiss + "-c"), 43, d, nearMiss);
        assertEquals(a, b);
        for (String f : List.of("inventory.csv", "dependencies.csv", "services.csv", "events.csv")) {
          assertArrayEquals(Files.readAllBytes(work.resolve(d + "-" + nearMiss + "-a").resolve(f)),
              Files.readAllBytes(work.resolve(d + "-" + nearMiss + "-b").resolve(f)), d + " " + f);
        }
        assertNotEquals(Files.readString(work.resolve(d + "-" + nearMiss + "-a").resolve("inventory.csv")),
            Files.readString(work.resolve(d + "-" + nearMiss + "-c").resolve("inventory.csv")));
      }
    }
  }

  @Test
  void theAnswerIsTheOnlyComponentOnAHardPathSingleSitedInTheLostSite() throws IOException {
    for (int seed = 1; seed <= 300; seed++) {
      Difficulty d = Difficulty.values()[seed % 3];
      boolean nearMiss = seed % 4 == 0;
      Path dir = work.resolve("s" + seed);
      DrillAnswer answer = generate(dir, seed, d, nearMiss);
      Estate e = Estate.read(dir);
      Set<String> onHardPath = new TreeSet<>();
      for (String c : e.singleSiteIn(e.lostSite())) if (!e.hardDependents(c).isEmpty()) onHardPath.add(c);
      String where = "seed " + seed + " " + d + (nearMiss ? " near miss" : "");
      if (nearMiss) {
        assertTrue(onHardPath.isEmpty(), where + ": " + onHardPath);
        continue;
      }
      assertEquals(Set.of(answer.subject()), onHardPath, where);
      assertEquals(e.lostSite(), answer.site(), where);
      assertEquals("inventory.csv", answer.causeFile());
      Map<String, String> row = e.inventoryLine(answer.causeLine());
      assertTrue(row.get("service").equals(answer.subject())
          || row.get("service").isEmpty() && row.get("entity").equals(answer.subject()), where + ": " + row);
      // Every hard dependent of the answer went down after the site event, none before.
      Set<String> downs = e.eventEntities("service.down");
      for (String s : e.hardDependents(answer.subject())) assertTrue(downs.contains(s), where + ": " + s + " never down");
    }
  }

  @Test
  void easyIsOneHopAndHardUsesTheVariants() throws IOException {
    int hardLocationTriggers = 0;
    int hardEntityControlPlanes = 0;
    int hardTwoOrMoreHops = 0;
    int hardHallSpread = 0;
    int hardHerrings = 0;
    double easyRows = 0;
    double hardRows = 0;
    for (int seed = 1; seed <= 40; seed++) {
      Path easyDir = work.resolve("e" + seed);
      DrillAnswer easy = generate(easyDir, seed, Difficulty.EASY, false);
      Estate e = Estate.read(easyDir);
      easyRows += e.inventory.size() + e.events.size();
      assertEquals(e.lostSite(), e.trigger().get("entity"), "easy: the site event names the site itself");
      for (String s : e.directHardDependents(easy.subject())) {
        assertTrue(e.hardDependents(s).isEmpty(), "easy seed " + seed + ": " + s + " is not user-facing");
      }

      Path hardDir = work.resolve("h" + seed);
      DrillAnswer hard = generate(hardDir, seed, Difficulty.HARD, false);
      Estate h = Estate.read(hardDir);
      hardRows += h.inventory.size() + h.events.size();
      if (!h.trigger().get("entity").equals(h.lostSite())) hardLocationTriggers++;
      if (h.inventory.stream().anyMatch(r -> r.get("entity").equals(hard.subject()) && r.get("service").isEmpty())) {
        hardEntityControlPlanes++;
      }
      if (h.directHardDependents(hard.subject()).stream().allMatch(s -> !h.hardDependents(s).isEmpty())) hardTwoOrMoreHops++;
      if (h.inventory.stream().filter(r -> r.get("service").equals(hard.subject()) && !r.get("role").equals("backup"))
          .map(r -> r.get("location")).distinct().count() > 1) {
        hardHallSpread++;
      }
      boolean degradesOnly = h.events.stream().anyMatch(r -> r.get("type").equals("service.degraded")
          && h.sitesOf(r.get("entity")).contains(h.lostSite()) && h.sitesOf(r.get("entity")).size() > 1
          && h.hardDependents(hard.subject()).stream().noneMatch(x -> x.equals(r.get("entity"))));
      boolean softOnlyDown = h.singleSiteIn(h.lostSite()).stream().anyMatch(c -> !c.equals(hard.subject())
          && h.hardDependents(c).isEmpty() && h.eventEntities("service.down").contains(c));
      if (degradesOnly || softOnlyDown) hardHerrings++;
    }
    assertTrue(hardRows > easyRows * 1.5, "hard estates are bigger: " + hardRows + " vs " + easyRows);
    assertTrue(hardLocationTriggers >= 5, "hard: the site event often names a hall or building: " + hardLocationTriggers);
    assertTrue(hardEntityControlPlanes >= 3, "hard: control planes named by inventory entity: " + hardEntityControlPlanes);
    assertTrue(hardTwoOrMoreHops >= 15, "hard: the component sits two or more hops down: " + hardTwoOrMoreHops);
    assertTrue(hardHallSpread >= 5, "hard: replicas over several halls of one site: " + hardHallSpread);
    assertEquals(40, hardHerrings, "every hard drill has a red herring");
  }

  @Test
  void nothingInTheFilesGivesTheAnswerAway() throws IOException {
    List<String> spoilers = List.of(PATTERN, "single-site", "single site", "singlesite", "culprit", "root cause", "cause",
        "herring", "near-miss", "near miss", "blame", "spof", "only in", "no replica");
    for (int seed = 1; seed <= 45; seed++) {
      Path dir = work.resolve("x" + seed);
      generate(dir, seed, Difficulty.values()[seed % 3], seed % 5 == 0);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          String text = Files.readString(f).toLowerCase(Locale.ROOT);
          for (String s : spoilers) assertFalse(text.contains(s), f.getFileName() + " of seed " + seed + " contains '" + s + "'");
        }
      }
    }
  }

  @Test
  void theAnalyserConfirmsTheAnswerAndRaisesNothingElse() throws Exception {
    Analyzer analyzer = new Analyzer();
    RuleBase rules = analyzer.compileRules(AnalysisOptions.builder().rules(TestAnalysis.home().resolve("rules")).build());
    DrillMaker maker = new DrillMaker(List.of(PATTERN));
    for (int seed = 500; seed < 548; seed++) {
      Difficulty d = Difficulty.values()[seed % 3];
      boolean nearMiss = seed % 4 == 0;
      Path dir = work.resolve("a" + seed);
      DrillAnswer answer = maker.make(generator, d, seed, nearMiss, dir);
      Analysis analysis = analyzer.analyze(BundleReader.builder().build().readArgs(List.of(dir.toString())), rules,
          AnalysisOptions.builder().build());
      String where = "seed " + seed + " " + d + (nearMiss ? " near miss" : "");
      List<Assessment> ours = analysis.assessments().stream().filter(a -> a.hypothesis().pattern().equals(PATTERN)).toList();
      if (nearMiss) {
        assertTrue(analysis.live().isEmpty(), where + ": " + brief(analysis.live()));
        continue;
      }
      Assessment hit = AnswerMatch.exact(analysis, answer).orElseThrow(() -> new AssertionError(where + ": " + brief(ours)));
      assertEquals(Verdict.CONFIRMED, hit.validation().verdict(), where + ": " + hit.validation());
      assertEquals(answer.site(), hit.hypothesis().site(), where);
      assertEquals(1, analysis.live().size(), where + ": one live hypothesis, the answer: " + brief(analysis.live()));
    }
  }

  private static List<String> brief(List<Assessment> as) {
    return as.stream().map(a -> a.hypothesis() + " " + a.validation().verdict().word() + " (" + a.validation().summary() + ")").toList();
  }

  /** The generated files, parsed the way a trainee would read them. */
  private record Estate(List<Map<String, String>> inventory, List<Map<String, String>> deps, List<Map<String, String>> events,
      Map<Integer, Map<String, String>> inventoryByLine) {
    static Estate read(Path dir) throws IOException {
      Map<Integer, Map<String, String>> byLine = new TreeMap<>();
      List<Map<String, String>> inv = rows(dir.resolve("inventory.csv"), byLine);
      return new Estate(inv, rows(dir.resolve("dependencies.csv"), null), rows(dir.resolve("events.csv"), null), byLine);
    }

    private static List<Map<String, String>> rows(Path file, Map<Integer, Map<String, String>> byLine) throws IOException {
      List<Map<String, String>> out = new ArrayList<>();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        int line = 1;
        for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
          line++;
          Map<String, String> m = new LinkedHashMap<>(rec.toMap());
          out.add(m);
          if (byLine != null) byLine.put(line, m);
        }
      }
      return out;
    }

    Map<String, String> inventoryLine(int line) {
      return inventoryByLine.get(line);
    }

    Map<String, String> trigger() {
      return events.stream().filter(e -> e.get("type").equals("site.fire") || e.get("type").equals("site.power_loss"))
          .findFirst().orElseThrow();
    }

    /** The site the first site event names (directly, or through a hall, building or entity). */
    String lostSite() {
      String name = trigger().get("entity");
      for (Map<String, String> r : inventory) if (r.get("site").equals(name)) return name;
      for (Map<String, String> r : inventory) {
        if (r.get("location").equals(name) || r.get("entity").equals(name)) return r.get("site");
      }
      throw new AssertionError("the site event names nothing in the inventory: " + name);
    }

    private static boolean live(Map<String, String> r) {
      return !r.get("role").equals("backup");
    }

    /** Sites with live replicas of a component (by service, or by entity when a dependency names it). */
    Set<String> sitesOf(String component) {
      Set<String> out = new TreeSet<>();
      for (Map<String, String> r : inventory) if (live(r) && r.get("service").equals(component)) out.add(r.get("site"));
      boolean named = deps.stream().anyMatch(d -> d.get("depends_on").equals(component));
      if (named) for (Map<String, String> r : inventory) if (live(r) && r.get("entity").equals(component)) out.add(r.get("site"));
      return out;
    }

    Set<String> singleSiteIn(String site) {
      Set<String> components = new TreeSet<>();
      for (Map<String, String> r : inventory) if (!r.get("service").isEmpty()) components.add(r.get("service"));
      for (Map<String, String> d : deps) components.add(d.get("depends_on"));
      Set<String> out = new TreeSet<>();
      for (String c : components) if (sitesOf(c).equals(Set.of(site))) out.add(c);
      return out;
    }

    Set<String> directHardDependents(String component) {
      Set<String> out = new TreeSet<>();
      for (Map<String, String> d : deps) if (d.get("depends_on").equals(component) && d.get("kind").equals("hard")) out.add(d.get("service"));
      return out;
    }

    /** Everything that needs {@code component} over hard dependencies, transitively. */
    Set<String> hardDependents(String component) {
      Set<String> seen = new HashSet<>();
      List<String> todo = new ArrayList<>(List.of(component));
      while (!todo.isEmpty()) {
        for (String s : directHardDependents(todo.remove(0))) if (seen.add(s)) todo.add(s);
      }
      seen.remove(component);
      return new TreeSet<>(seen);
    }

    Set<String> eventEntities(String type) {
      Set<String> out = new TreeSet<>();
      for (Map<String, String> e : events) if (e.get("type").equals(type)) out.add(e.get("entity"));
      return out;
    }
  }
}
