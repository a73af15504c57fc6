package org.hindsight.patterns.missingexit;

import org.hindsight.drill.DrillAnswer;
import org.hindsight.drill.Difficulty;
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
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hindsight.patterns.missingexit.MissingExitGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The missing-exit generator on its own (the analyser's side is DrillSolvabilityTest): seeds
 * reproduce bytes, the sealed cause is the redistribution/export line on the subject, difficulty
 * changes the incident the way the brief says, and nothing in the files names the answer.
 */
class MissingExitGeneratorTest {
  @TempDir Path tmp;
  private final MissingExitGenerator generator = new MissingExitGenerator();
  private int made;

  private record Made(Path dir, DrillAnswer answer) {}

  private Made make(long seed, Difficulty d, boolean nearMiss) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("d" + (made++)));
    return new Made(dir, generator.generate(dir, new SplittableRandom(seed), d, nearMiss));
  }

  private static List<CSVRecord> rows(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
    }
  }

  private static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) out.put(p.getFileName().toString(), Files.readString(p));
    }
    return out;
  }

  /** The config line at a file line (line 1 = header; every record here is one line). */
  private static CSVRecord configLine(Path dir, int line) throws IOException {
    return rows(dir.resolve("config-commands.csv")).get(line - 2);
  }

  private static String platformOf(Path dir, String device) throws IOException {
    return rows(dir.resolve("inventory.csv")).stream().filter(r -> r.get("entity").equals(device)).findFirst()
        .orElseThrow().get("platform");
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedAnotherIncident() throws Exception {
    for (Difficulty d : Difficulty.values()) {
      for (boolean nearMiss : List.of(false, true)) {
        Made a = make(42, d, nearMiss);
        Made b = make(42, d, nearMiss);
        Made c = make(43, d, nearMiss);
        assertEquals(files(a.dir()), files(b.dir()), d + " near-miss=" + nearMiss);
        assertEquals(a.answer(), b.answer());
        assertNotEquals(files(a.dir()).get("config-commands.csv"), files(c.dir()).get("config-commands.csv"));
      }
    }
  }

  private static final Pattern INTO_IGP = Pattern.compile("^\\s*(redistribute (bgp|static|connected)\\b.*|set export \\S+)$");

  @Test
  void theSealedCauseIsTheRedistributionOrExportLineOfTheSubjectsSession() throws Exception {
    for (Difficulty d : Difficulty.values()) {
      for (long seed = 1; seed <= 25; seed++) {
        Made m = make(seed, d, false);
        DrillAnswer a = m.answer();
        assertEquals(MissingExitGenerator.PATTERN, a.pattern());
        assertEquals("config-commands.csv", a.causeFile());
        CSVRecord cause = configLine(m.dir(), a.causeLine());
        assertEquals(a.subject(), cause.get("device"), "seed " + seed + " " + d);
        assertTrue(INTO_IGP.matcher(cause.get("command")).matches(), cause.get("command"));
        CSVRecord inv = rows(m.dir().resolve("inventory.csv")).stream().filter(r -> r.get("entity").equals(a.subject())).findFirst().orElseThrow();
        assertEquals(inv.get("site"), a.site());
        // The routes surge: the subject's igp.routes rises to at least three times where it started.
        List<Double> routes = rows(m.dir().resolve("metrics.csv")).stream()
            .filter(r -> r.get("entity").equals(a.subject()) && r.get("metric").equals("igp.routes"))
            .map(r -> Double.parseDouble(r.get("value"))).toList();
        assertTrue(routes.stream().mapToDouble(x -> x).max().orElse(0) >= 3 * routes.get(0), "surge at seed " + seed);
      }
    }
  }

  private static final Pattern TYPO_MODE_LINE = Pattern.compile("^\\s*(route bgp|routr bgp|router bpg|router bgp\\d).*");

  @Test
  void difficultyGrowsTheFleetAndHardDrillsUseAVariantAndRedHerrings() throws Exception {
    Map<Difficulty, Integer> routers = new LinkedHashMap<>();
    Set<String> hardKinds = new HashSet<>();
    for (Difficulty d : Difficulty.values()) {
      int total = 0;
      for (long seed = 100; seed < 130; seed++) {
        Made m = make(seed, d, false);
        total += rows(m.dir().resolve("inventory.csv")).size();
        List<CSVRecord> config = rows(m.dir().resolve("config-commands.csv"));
        CSVRecord cause = configLine(m.dir(), m.answer().causeLine());
        String platform = platformOf(m.dir(), m.answer().subject());
        List<String> session = config.stream().filter(r -> r.get("device").equals(cause.get("device"))
            && r.get("session").equals(cause.get("session"))).map(r -> r.get("command")).toList();
        if (d == Difficulty.EASY) {
          assertTrue(Set.of("ios", "ios-xe").contains(platform), platform);
          assertFalse(session.contains("commit"), "easy drills take effect as typed");
        }
        if (d == Difficulty.HARD) {
          String kind = platform.equals("junos") ? "junos" : platform.equals("iosxr") ? "iosxr"
              : session.stream().anyMatch(l -> l.trim().equals("address-family ipv4 unicast")) ? "two-levels"
              : session.stream().anyMatch(l -> TYPO_MODE_LINE.matcher(l).matches()) ? "typo" : "plain";
          assertNotEquals("plain", kind, "hard seed " + seed + " uses no variant: " + session);
          hardKinds.add(kind);
          assertTrue(hasHarmlessRouterBgpSessionElsewhere(config, m.answer().subject()), "hard seed " + seed + " has no harmless IOS session");
          assertTrue(rows(m.dir().resolve("events.csv")).stream().anyMatch(r -> r.get("type").equals("adjacency.down")
              && r.get("severity").equals("warning")), "hard seed " + seed + " has no unrelated flap");
        }
      }
      routers.put(d, total);
    }
    assertTrue(routers.get(Difficulty.EASY) < routers.get(Difficulty.MEDIUM), routers.toString());
    assertTrue(routers.get(Difficulty.MEDIUM) < routers.get(Difficulty.HARD), routers.toString());
    assertEquals(Set.of("junos", "iosxr", "two-levels", "typo"), hardKinds);
  }

  /** A session on another device that opens an IGP and then {@code router bgp N} with no exit between. */
  private static boolean hasHarmlessRouterBgpSessionElsewhere(List<CSVRecord> config, String subject) {
    Map<String, List<String>> sessions = new LinkedHashMap<>();
    for (CSVRecord r : config) {
      if (!r.get("device").equals(subject)) sessions.computeIfAbsent(r.get("device") + "|" + r.get("session"), k -> new ArrayList<>()).add(r.get("command"));
    }
    for (List<String> s : sessions.values()) {
      boolean inIgp = false;
      for (String l : s) {
        if (l.matches("router (isis|ospf) .*")) inIgp = true;
        else if (l.trim().equals("exit")) inIgp = false;
        else if (inIgp && l.matches("router bgp \\d+")) return true;
      }
    }
    return false;
  }

  private static final List<String> SPOILERS = List.of("missing-exit", "missing exit", "leak", "typo", "culprit", "herring",
      "root cause", "mistake", "wrong", "stale", "near miss", "near-miss", "decoy", "answer", "trainee");

  @Test
  void noFileNamesTheAnswerOrHintsAtIt() throws Exception {
    for (Difficulty d : Difficulty.values()) {
      for (long seed = 200; seed < 215; seed++) {
        for (boolean nearMiss : List.of(false, true)) {
          Made m = make(seed, d, nearMiss);
          for (var f : files(m.dir()).entrySet()) {
            String text = f.getValue().toLowerCase(Locale.ROOT);
            for (String w : SPOILERS) assertFalse(text.contains(w), f.getKey() + " contains '" + w + "' (seed " + seed + ")");
            assertFalse(Pattern.compile("\\bbad\\b").matcher(text).find(), f.getKey());
          }
          assertTrue(files(m.dir()).keySet().stream().allMatch(n -> n.endsWith(".csv")));
        }
      }
    }
  }

  @Test
  void nearMissesSealNoneAndVaryTheLookAlike() throws Exception {
    // Easy fleets are all IOS and their routine sessions never open a global IGP: the one session
    // that does is the look-alike.
    Set<String> kinds = new HashSet<>();
    for (long seed = 300; seed < 340; seed++) {
      Made m = make(seed, Difficulty.EASY, true);
      assertEquals(DrillAnswer.none(), m.answer());
      Map<String, List<CSVRecord>> sessions = new LinkedHashMap<>();
      for (CSVRecord r : rows(m.dir().resolve("config-commands.csv"))) {
        sessions.computeIfAbsent(r.get("device") + "|" + r.get("session"), k -> new ArrayList<>()).add(r);
      }
      List<List<CSVRecord>> igp = sessions.values().stream()
          .filter(s -> s.stream().anyMatch(r -> r.get("command").matches("router (isis \\S+|ospf \\d+)"))).toList();
      assertEquals(1, igp.size(), "seed " + seed);
      List<String> lines = igp.get(0).stream().map(r -> r.get("command")).toList();
      boolean rejected = igp.get(0).stream().anyMatch(r -> r.get("result").startsWith("%"));
      boolean surge = rows(m.dir().resolve("events.csv")).stream().anyMatch(r -> r.get("type").equals("incident.declared"));
      String kind = lines.stream().anyMatch(l -> l.contains("route-map")) ? "bounded"
          : rejected ? "leak-without-surge"
          : lines.stream().anyMatch(l -> l.matches("router bgp \\d+")) ? "exit-before-router-bgp"
          : lines.contains("exit") && lines.stream().anyMatch(l -> l.matches("router ospf \\d+ vrf \\S+")) ? "correct" : "?";
      kinds.add(kind);
      // Only the look-alikes whose lines could never reach the IGP come with a surge.
      assertEquals(kind.equals("correct") || kind.equals("exit-before-router-bgp"), surge, kind + " seed " + seed);
    }
    assertEquals(Set.of("bounded", "leak-without-surge", "exit-before-router-bgp", "correct"), kinds);
  }
}
