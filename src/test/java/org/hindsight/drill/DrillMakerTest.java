package org.hindsight.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.hindsight.ingest.Bundle;
import org.hindsight.ingest.BundleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every drill bundle goes through: neutral file names, merged noise, the cause re-pointed, no spoilers. */
class DrillMakerTest {
  @TempDir Path tmp;

  /** Puts its cause in an events file named after the subject, with notes beside it. */
  static final class EventCauseGenerator implements IncidentGenerator {
    final String message;

    EventCauseGenerator(String message) {
      this.message = message;
    }

    @Override
    public String pattern() {
      return "demo-pattern";
    }

    @Override
    public DrillAnswer generate(Path dir, RandomGenerator random, Difficulty difficulty, boolean nearMiss) throws IOException {
      Files.writeString(dir.resolve("events-core-7.csv"), String.join("\n",
          "timestamp,source,type,entity,message,severity",
          "2024-05-01T10:00:00+02:00,agent,service.up,core-7,fine,info",
          "2024-05-01T10:20:00+02:00,agent,thing.broke,core-7,\"" + message + "\nsecond line\",error",
          "2024-05-01T10:40:00+02:00,agent,service.down,core-7,down,critical") + "\n");
      Files.writeString(dir.resolve("inventory.csv"), "entity,type,site\ncore-7,router,s1\nedge-1,router,s2\n");
      Files.writeString(dir.resolve("NOTES.txt"), "the answer is core-7");
      return nearMiss ? DrillAnswer.none() : new DrillAnswer("demo-pattern", "core-7", "events-core-7.csv", 3, "s1");
    }
  }

  static long rows(Path f) throws Exception {
    return BundleReader.builder().build().readArgs(List.of(f.toString())).stats().rows();
  }

  @Test
  void namesBecomeNeutralNoiseIsMergedInTimeAndTheCauseStillPointsAtItsRecord() throws Exception {
    Path dir = tmp.resolve("d");
    DrillAnswer a = new DrillMaker(List.of("demo-pattern")).make(new EventCauseGenerator("it broke"), Difficulty.MEDIUM, 11, false, dir);
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("events.csv", "inventory.csv", "metrics.csv"), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertEquals("events.csv", a.causeFile());
    assertTrue(a.causeLine() > 3, "noise before the cause moved it down: " + a.causeLine());
    List<String> lines = Files.readAllLines(dir.resolve("events.csv"));
    assertTrue(lines.get(a.causeLine() - 1).startsWith("2024-05-01T10:20:00+02:00,agent,thing.broke,core-7,\"it broke"), lines.get(a.causeLine() - 1));
    assertEquals("second line\",error", lines.get(a.causeLine()));
    Bundle b = BundleReader.builder().build().readArgs(List.of(dir.toString()));
    long noise = b.events().size() - 3;
    assertTrue(noise >= 80 && noise <= 120, "medium noise: " + noise);
    var times = b.events().stream().map(e -> e.time()).toList();
    for (int i = 1; i < times.size(); i++) assertFalse(times.get(i).isBefore(times.get(i - 1)), "events stay in time order");
    assertTrue(b.events().stream().noneMatch(e -> e.severity().equals("error") && !e.entity().equals("core-7")), "noise is never an error");
    assertTrue(b.metrics().stream().allMatch(m -> m.peak() < 90), "noise metrics stay healthy");
  }

  @Test
  void noiseGrowsWithDifficulty() throws Exception {
    long easy = rows(make(Difficulty.EASY, "e").resolve("events.csv"));
    long hard = rows(make(Difficulty.HARD, "h").resolve("events.csv"));
    assertTrue(easy < 50 && hard > 150, easy + " vs " + hard);
  }

  private Path make(Difficulty d, String name) throws Exception {
    Path dir = tmp.resolve(name);
    new DrillMaker(List.of("demo-pattern")).make(new EventCauseGenerator("x"), d, 5, false, dir);
    return dir;
  }

  @Test
  void aGeneratorThatNamesAPatternIsStopped() throws Exception {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new DrillMaker(List.of("demo-pattern", "other-one"))
        .make(new EventCauseGenerator("looks like other-one to me"), Difficulty.EASY, 1, false, tmp.resolve("x")));
    assertTrue(e.getMessage().contains("pattern id 'other-one' appears in events.csv:"), e.getMessage());
    // A pattern id inside a longer dotted or hyphenated token is not a mention.
    DrillAnswer a = new DrillMaker(List.of("broke", "core")).make(new EventCauseGenerator("x"), Difficulty.EASY, 1, false, tmp.resolve("y"));
    assertEquals("core-7", a.subject(), "thing.broke and core-7 do not mention the ids broke and core");
  }

  @Test
  void aNearMissNeedsNoCause() throws Exception {
    DrillAnswer a = new DrillMaker(List.of()).make(new EventCauseGenerator("x"), Difficulty.EASY, 2, true, tmp.resolve("n"));
    assertTrue(a.nearMiss());
  }
}
