package org.hindsight.patterns.recursivekeygenerator;

import org.hindsight.drill.DrillAnswer;
import org.hindsight.drill.Difficulty;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hindsight.patterns.recursivekeygenerator.RecursiveKeyGeneratorGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key-generator drill generator on its own (solvability by the analyser is DrillSolvabilityTest's
 * job): same seed, same bytes; the cycle shape each difficulty promises, read back from the files;
 * near misses without a stuck process; no file that gives the answer away.
 */
class RecursiveKeyGeneratorGeneratorTest {
  @TempDir Path tmp;
  private final RecursiveKeyGeneratorGenerator generator = new RecursiveKeyGeneratorGenerator();
  private int dirs;

  private record Drill(Path dir, DrillAnswer answer) {}

  private Drill make(long seed, Difficulty d, boolean nearMiss) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("d" + (dirs++)));
    return new Drill(dir, generator.generate(dir, new SplittableRandom(seed), d, nearMiss));
  }

  private static List<CSVRecord> rows(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
    }
  }

  /** generator → its row, as written. */
  private static Map<String, CSVRecord> generators(Path dir) throws IOException {
    Map<String, CSVRecord> out = new LinkedHashMap<>();
    for (CSVRecord r : rows(dir.resolve("key-generators.csv"))) out.putIfAbsent(r.get("generator"), r);
    return out;
  }

  /** Length of the parent cycle through {@code start}, or 0 when following parents never comes back. */
  private static int cycleThrough(Map<String, CSVRecord> g, String start) {
    String at = start;
    for (int steps = 1; steps <= g.size(); steps++) {
      CSVRecord r = g.get(at);
      if (r == null || r.get("parent").isEmpty()) return 0;
      at = r.get("parent");
      if (at.equals(start)) return steps;
    }
    return 0;
  }

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
    for (Difficulty d : Difficulty.values()) {
      for (boolean near : new boolean[] {false, true}) {
        Drill a = make(42, d, near);
        Drill b = make(42, d, near);
        Drill c = make(43, d, near);
        assertEquals(a.answer(), b.answer());
        for (String f : List.of("events.csv", "requests.csv", "metrics.csv", "inventory.csv", "key-generators.csv")) {
          assertArrayEquals(Files.readAllBytes(a.dir().resolve(f)), Files.readAllBytes(b.dir().resolve(f)), d + " " + f);
        }
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.dir().resolve("requests.csv")),
            Files.readAllBytes(c.dir().resolve("requests.csv"))), "seed 43 repeats seed 42");
      }
    }
  }

  @Test
  void theAnswerIsTheRowThatClosesTheCycleAndEachDifficultyHasItsShape() throws IOException {
    Map<Integer, Integer> hardLengths = new HashMap<>();
    int hardWithValidators = 0;
    int hardAcrossRules = 0;
    int hardWithTail = 0;
    int congestion = 0;
    int latentCycles = 0;
    for (long seed = 1; seed <= 30; seed++) {
      for (Difficulty d : Difficulty.values()) {
        Drill drill = make(seed, d, false);
        DrillAnswer a = drill.answer();
        assertEquals("recursive-key-generator", a.pattern());
        assertEquals("key-generators.csv", a.causeFile());
        List<CSVRecord> all = rows(drill.dir().resolve("key-generators.csv"));
        CSVRecord cause = all.get(a.causeLine() - 2);
        assertEquals(a.subject(), cause.get("generator"), "the cause line is the subject's row");
        Map<String, CSVRecord> g = generators(drill.dir());
        int length = cycleThrough(g, a.subject());
        assertTrue(length > 0, "the subject is on a parent cycle: " + drill.dir());
        // a rule's entry row off the cycle whose parents lead onto it: the cycle sits behind a tail
        boolean behindTail = all.stream().anyMatch(r -> !r.get("rule").isEmpty() && cycleThrough(g, r.get("generator")) == 0
            && reaches(g, r.get("generator"), a.subject()));
        switch (d) {
          case EASY -> {
            assertEquals(1, length, "easy: a self-reference");
            assertFalse(cause.get("rule").isEmpty(), "easy: the rule's own generator");
          }
          case MEDIUM -> assertTrue(length == 2 || length == 3, "medium: a 2- or 3-cycle, got " + length);
          case HARD -> {
            hardLengths.merge(length, 1, Integer::sum);
            boolean validators = !cause.get("validator").isEmpty();
            if (validators) hardWithValidators++;
            if (!cause.get("rule").isEmpty() && length > 1) hardAcrossRules++;
            if (behindTail) hardWithTail++;
            boolean linkTrouble = rows(drill.dir().resolve("events.csv")).stream().anyMatch(r -> r.get("type").equals("link.congestion"));
            long cycles = g.keySet().stream().filter(x -> cycleThrough(g, x) > 0).count();
            if (linkTrouble) congestion++;
            if (cycles > length) latentCycles++;
            assertTrue(linkTrouble || cycles > length, "hard: a red herring (backbone trouble or another cycle)");
          }
        }
        assertTrue(rows(drill.dir().resolve("requests.csv")).stream().anyMatch(r -> r.get("status").equals("504")
            && !r.get("cookies_valid").equals("0") && !r.get("cookies_invalid").equals("0")), "a request with mixed cookies got stuck");
        assertTrue(rows(drill.dir().resolve("events.csv")).stream().anyMatch(r -> r.get("type").equals("process.restart")));
      }
    }
    assertTrue(hardLengths.keySet().stream().anyMatch(l -> l >= 3), "hard: long cycles behind a tail " + hardLengths);
    assertTrue(hardWithValidators > 0 && hardAcrossRules > 0 && hardWithTail > 0,
        "hard variants: validators " + hardWithValidators + ", across rules " + hardAcrossRules + ", tail " + hardWithTail);
    assertTrue(congestion > 0 && latentCycles > 0, "both red herrings: congestion " + congestion + ", latent cycle " + latentCycles);
  }

  private static boolean reaches(Map<String, CSVRecord> g, String from, String to) {
    String at = from;
    for (int i = 0; i <= g.size() && at != null; i++) {
      if (at.equals(to)) return true;
      CSVRecord r = g.get(at);
      at = r == null || r.get("parent").isEmpty() ? null : r.get("parent");
    }
    return false;
  }

  @Test
  void nearMissesLookAlikeButNothingStaysStuck() throws IOException {
    for (long seed = 1; seed <= 20; seed++) {
      Drill drill = make(seed, Difficulty.values()[(int) (seed % 3)], true);
      assertTrue(drill.answer().nearMiss());
      List<CSVRecord> requests = rows(drill.dir().resolve("requests.csv"));
      assertFalse(requests.stream().anyMatch(r -> r.get("status").equals("504") || r.get("status").equals("502")),
          "no request hangs in a near miss");
      Map<String, List<Double>> cpu = new LinkedHashMap<>();
      for (CSVRecord m : rows(drill.dir().resolve("metrics.csv"))) {
        if (m.get("metric").equals("cpu.util")) cpu.computeIfAbsent(m.get("entity"), k -> new ArrayList<>()).add(Double.parseDouble(m.get("value")));
      }
      assertTrue(cpu.values().stream().anyMatch(v -> v.stream().anyMatch(x -> x >= 90)), "the look-alike: CPU surges");
      assertTrue(cpu.values().stream().allMatch(v -> v.get(v.size() - 1) < 90), "and recovers everywhere");
      assertFalse(rows(drill.dir().resolve("events.csv")).stream().anyMatch(r -> r.get("type").equals("process.restart")
          && r.get("message").contains("stuck")));
    }
  }

  @Test
  void noFileGivesTheAnswerAway() throws IOException {
    Pattern spoiler = Pattern.compile("(?i)\\b(recursive|recursion|cycle|cyclic|loop\\w*|poison\\w*|culprit|cause|herring|"
        + "near.?miss|decoy|orphan|latent|broken|bad|typo|leaky|answer|hint)\\b");
    for (long seed = 1; seed <= 4; seed++) {
      for (Difficulty d : Difficulty.values()) {
        for (boolean near : new boolean[] {false, true}) {
          Drill drill = make(seed, d, near);
          try (Stream<Path> files = Files.list(drill.dir())) {
            for (Path f : files.toList()) {
              assertTrue(f.getFileName().toString().endsWith(".csv"), "only CSV: " + f);
              String text = Files.readString(f).toLowerCase(Locale.ROOT);
              var m = spoiler.matcher(text);
              assertFalse(m.find(), () -> f + " says '" + m.group() + "'");
            }
          }
        }
      }
    }
  }
}
