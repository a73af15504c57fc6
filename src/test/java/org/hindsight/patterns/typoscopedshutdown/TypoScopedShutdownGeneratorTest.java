package org.hindsight.patterns.typoscopedshutdown;

import org.hindsight.drill.DrillAnswer;
import org.hindsight.drill.Difficulty;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hindsight.patterns.typoscopedshutdown.TypoScopedShutdownGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typo-scoped-shutdown generator on its own: a seed reproduces the bundle byte for byte, the
 * difficulties differ in the way the drill contract says (hard = a variant and a red herring),
 * every variant turns up, near misses are look-alikes, and nothing in the files gives the answer
 * away. That the analyser finds each sealed answer is {@link DrillSolvabilityTest}'s job.
 */
class TypoScopedShutdownGeneratorTest {
  private static final Pattern SPOILERS = Pattern.compile(
      "(?i)typo|slip|mistyp|fat.?finger|mistake|wrong|\\bbad\\b|culprit|root.?cause|\\bcause\\b|scoped|leaky");

  @TempDir Path tmp;
  private final TypoScopedShutdownGenerator generator = new TypoScopedShutdownGenerator();
  private int dirs;

  private record Drill(Path dir, DrillAnswer answer) {
    List<String> lines(String file) throws IOException {
      Path p = dir.resolve(file);
      return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    List<String[]> rows(String file) throws IOException {
      List<String[]> out = new ArrayList<>();
      for (String l : lines(file).stream().skip(1).toList()) out.add(l.split(",", -1));
      return out;
    }

    String causeText() throws IOException {
      return lines(answer.causeFile()).get(answer.causeLine() - 1);
    }
  }

  private Drill make(long seed, Difficulty d, boolean nearMiss) throws IOException {
    Path dir = tmp.resolve("d" + (dirs++));
    Files.createDirectories(dir);
    return new Drill(dir, generator.generate(dir, new SplittableRandom(seed), d, nearMiss));
  }

  private static Map<String, byte[]> contents(Path dir) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) out.put(p.getFileName().toString(), Files.readAllBytes(p));
    }
    return out;
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedAnotherIncident() throws IOException {
    for (Difficulty d : Difficulty.values()) {
      for (boolean nearMiss : new boolean[] {false, true}) {
        Drill a = make(42, d, nearMiss);
        Drill b = make(42, d, nearMiss);
        Map<String, byte[]> ca = contents(a.dir());
        Map<String, byte[]> cb = contents(b.dir());
        assertEquals(ca.keySet(), cb.keySet());
        for (String f : ca.keySet()) assertArrayEquals(ca.get(f), cb.get(f), d + " " + f);
        assertEquals(a.answer(), b.answer());
        Drill c = make(43, d, nearMiss);
        assertFalse(java.util.Arrays.equals(ca.get("ops-commands.csv"), contents(c.dir()).get("ops-commands.csv")),
            "another seed, another incident");
      }
    }
  }

  @Test
  void theAnswerNamesARemovalCommandAndAServiceOfTheBundle() throws IOException {
    for (long seed = 1; seed <= 30; seed++) {
      for (Difficulty d : Difficulty.values()) {
        Drill drill = make(seed, d, false);
        DrillAnswer a = drill.answer();
        assertEquals("typo-scoped-shutdown", a.pattern());
        assertEquals("ops-commands.csv", a.causeFile());
        String cause = drill.causeText();
        assertTrue(cause.matches(".*(remove-capacity|drain|scale-in|retire|scale deployment/).*"), cause);
        assertTrue(drill.rows("services.csv").stream().anyMatch(r -> r[0].equals(a.subject()) && !r[1].isEmpty()),
            "the subject has a minimum: " + a.subject());
        assertTrue(drill.rows("events.csv").stream().anyMatch(r -> r[2].equals("service.down") && r[3].equals(a.subject())),
            "the subject is seen failing");
      }
    }
  }

  @Test
  void harderDrillsUseVariantsAndRedHerrings() throws IOException {
    Set<String> medium = new HashSet<>();
    Set<String> hard = new HashSet<>();
    int easyTickets = 0;
    int hardTickets = 0;
    int hardHerrings = 0;
    int seeds = 40;
    for (long seed = 100; seed < 100 + seeds; seed++) {
      Drill easy = make(seed, Difficulty.EASY, false);
      assertTrue(easy.causeText().contains("--count ") || easy.causeText().contains("["), easy.causeText());
      easyTickets += easy.rows("changes.csv").size();

      medium.add(variant(make(seed, Difficulty.MEDIUM, false)));

      Drill h = make(seed, Difficulty.HARD, false);
      hard.add(variant(h));
      hardTickets += h.rows("changes.csv").size();
      String subject = h.answer().subject();
      // A red herring: an unrelated degradation, or a ticketed removal of a service that does not fail.
      Set<String> failing = new HashSet<>();
      for (String[] r : h.rows("events.csv")) if (r[2].equals("service.down")) failing.add(r[3]);
      boolean degraded = h.rows("events.csv").stream().anyMatch(r -> r[2].equals("service.degraded") && !failing.contains(r[3]));
      boolean otherRemoval = h.rows("changes.csv").stream().anyMatch(r -> !r[2].equals(subject) && !failing.contains(r[2])
          && !r[4].isEmpty() && Integer.parseInt(r[4]) > 1);
      if (degraded || otherRemoval) hardHerrings++;
    }
    assertEquals(seeds, easyTickets, "easy: the cause's ticket only");
    assertTrue(hardTickets > 2 * seeds, "hard: more tickets to weigh: " + hardTickets);
    assertTrue(hardHerrings >= seeds * 0.9, "hard drills carry a red herring: " + hardHerrings + " of " + seeds);
    assertTrue(medium.containsAll(Set.of("count", "glob", "kubectl", "range", "bracket")), "medium variants: " + medium);
    assertTrue(hard.containsAll(Set.of("second-role", "cumulative", "chain")), "hard variants: " + hard);
  }

  /** Which variant a drill is, read from the files as a trainee could. */
  private static String variant(Drill d) throws IOException {
    String cause = d.causeText();
    List<String> entities = d.rows("inventory.csv").stream().map(r -> r[0]).toList();
    if (entities.size() != new HashSet<>(entities).size()) return "second-role";
    if (cause.contains("kubectl")) return "kubectl";
    if (cause.contains("*")) return "glob";
    String command = cause.split(",")[2];
    if (d.lines("ops-commands.csv").stream().filter(l -> l.contains("," + command + ",")).count() >= 3) return "cumulative";
    if (cause.contains("[")) {
      // A range over a shared pool: how many of the failing services own hosts under its prefix?
      String selector = java.util.Arrays.stream(command.split(" ")).filter(w -> w.contains("[")).findFirst().orElseThrow();
      String plain = selector.replace("'", "");
      if (Character.isDigit(plain.charAt(plain.indexOf('[') - 1))) return "bracket";
      String prefix = plain.substring(0, plain.indexOf('['));
      Set<String> owners = new HashSet<>();
      for (String[] r : d.rows("inventory.csv")) if (r[0].startsWith(prefix)) owners.add(r[3]);
      long failing = d.rows("events.csv").stream().filter(r -> r[2].equals("service.down") && owners.contains(r[3]))
          .map(r -> r[3]).distinct().count();
      return failing >= 2 ? "chain" : "range";
    }
    return "count";
  }

  @Test
  void nearMissesAreLookAlikesWithNoAnswer() throws IOException {
    int removalsAfterwardsFailing = 0;
    for (long seed = 500; seed < 540; seed++) {
      Drill d = make(seed, Difficulty.values()[(int) (seed % 3)], true);
      assertTrue(d.answer().nearMiss());
      assertTrue(d.rows("ops-commands.csv").stream().anyMatch(r -> r[2].matches(".*(remove-capacity|drain|retire|decommission|shutdown) .*")
          && !r[2].contains("--dry-run")), "a removal to look at");
      assertTrue(d.rows("events.csv").stream().anyMatch(r -> r[2].equals("service.down") || r[2].equals("service.degraded"))
          || d.rows("ops-commands.csv").stream().anyMatch(r -> r[4].matches("(?i).*(abort|cancel|error).*")),
          "something that looks like trouble");
      if (d.rows("events.csv").stream().anyMatch(r -> r[2].equals("service.down"))) removalsAfterwardsFailing++;
    }
    assertTrue(removalsAfterwardsFailing > 0, "some near misses have a real outage after the removal");
  }

  @Test
  void nothingInTheFilesGivesTheAnswerAway() throws IOException {
    Set<Integer> subjectRows = new HashSet<>();
    for (long seed = 900; seed < 930; seed++) {
      for (Difficulty d : Difficulty.values()) {
        for (boolean nearMiss : new boolean[] {false, true}) {
          Drill drill = make(seed, d, nearMiss);
          for (var e : contents(drill.dir()).entrySet()) {
            String text = new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8);
            var m = SPOILERS.matcher(text);
            assertFalse(m.find(), () -> e.getKey() + " gives a hint: '" + m.group() + "'");
            assertTrue(e.getKey().endsWith(".csv"), e.getKey());
          }
          if (!nearMiss) {
            List<String[]> services = drill.rows("services.csv");
            for (int i = 0; i < services.size(); i++) if (services.get(i)[0].equals(drill.answer().subject())) subjectRows.add(i);
          }
        }
      }
    }
    assertTrue(subjectRows.size() > 3, "the subject's place in services.csv varies: " + subjectRows);
  }
}
