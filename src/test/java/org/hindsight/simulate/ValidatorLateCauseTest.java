package org.hindsight.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hindsight.facts.Hypothesis;
import org.hindsight.ingest.BundleReader;
import org.hindsight.observe.Symptom;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cause whose record comes after its trouble began must not be confirmed: eight services go down a
 * minute apart, and a replay predicts the same chain from the cause's time. Logged before the first
 * outage it is confirmed; logged after the first two, the same cause moved back before them fits every
 * outage, and decides against the late record.
 */
class ValidatorLateCauseTest {
  private static final Instant T0 = Instant.parse("2024-04-04T12:00:00Z");
  private static final int N = 8;

  private static World world(Path dir) throws Exception {
    StringBuilder events = new StringBuilder("timestamp,source,type,entity\n");
    for (int k = 1; k <= N; k++) events.append(T0.plus(Duration.ofMinutes(k))).append(",mon,service.down,s").append(k).append('\n');
    Files.writeString(dir.resolve("events.csv"), events.toString());
    return new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
  }

  /** s1 a second after the cause, then one service a minute, a chain of fixed delays from the cause. */
  private static Validation judge(World w, Instant causeAt) {
    List<Symptom> with = new ArrayList<>();
    for (int k = 1; k <= N; k++) with.add(Symptom.predicted("service.down", "s" + k, causeAt.plusSeconds(1).plus(Duration.ofMinutes(k - 1))));
    Replay r = new Replay(List.of(), with, List.of(), Duration.ofMinutes(2), List.of(), List.of(), Map.of(), "");
    return Validator.judge(Hypothesis.builder("custom-pattern", "s1").confidence(0.6).build(), r, w.observations(), null, causeAt);
  }

  @Test
  void aCauseLoggedBeforeItsTroubleIsConfirmed(@TempDir Path dir) throws Exception {
    Validation v = judge(world(dir), T0.plusSeconds(30));
    assertEquals(Verdict.CONFIRMED, v.verdict(), v.reasons().toString());
    assertEquals(N, v.explained().size());
  }

  @Test
  void aCauseLoggedAfterTheFirstOutagesIsNotConfirmed(@TempDir Path dir) throws Exception {
    Validation v = judge(world(dir), T0.plus(Duration.ofSeconds(150)));
    // two of eight were down before it: not half, so it is the moved-back rival that decides
    assertEquals(N - 2, v.explained().size(), v.reasons().toString());
    assertEquals(Verdict.PLAUSIBLE, v.verdict(), v.reasons().toString());
    assertTrue(v.reasons().stream().anyMatch(r -> r.contains("the same cause acting before its trouble began")), v.reasons().toString());
  }

  @Test
  void aCauseLoggedAfterHalfItsTroubleIsNotConfirmed(@TempDir Path dir) throws Exception {
    Validation v = judge(world(dir), T0.plus(Duration.ofSeconds(N / 2 * 60 + 30)));
    assertTrue(v.verdict() != Verdict.CONFIRMED, v.reasons().toString());
    assertTrue(v.reasons().stream().anyMatch(r -> r.contains("already under way") || r.contains("already there before the cause")),
        v.reasons().toString());
  }

  /**
   * A replay driven by logged traffic: what it predicts keeps its time wherever the cause is put (s2…s8
   * at their own minutes), so moving the cause back explains nothing more and the moved-back rival
   * cannot decide. s1 went down 30 s before the record, within the hour its trouble took to unfold.
   */
  private static Validation judgeTrafficDriven(World w, Instant causeAt) {
    List<Symptom> with = new ArrayList<>();
    for (int k = 2; k <= N; k++) with.add(Symptom.predicted("service.down", "s" + k, T0.plus(Duration.ofMinutes(k)).minusSeconds(5)));
    with.add(Symptom.predicted("service.down", "s1", T0.plus(Duration.ofMinutes(N + 5))));
    Replay r = new Replay(List.of(), with, List.of(), Duration.ofMinutes(2), List.of(), List.of(), Map.of(), "");
    return Validator.judge(Hypothesis.builder("custom-pattern", "s2").confidence(0.6).build(), r, w.observations(), null, causeAt);
  }

  @Test
  void aCauseLoggedJustAfterTheFirstOutageIsNotConfirmedWhenMovingItBackExplainsNothingMore(@TempDir Path dir) throws Exception {
    World w = world(dir);
    assertEquals(Verdict.CONFIRMED, judgeTrafficDriven(w, T0.plusSeconds(30)).verdict(), "logged before s1: confirmed");
    Validation v = judgeTrafficDriven(w, T0.plusSeconds(90));
    assertEquals(N - 1, v.explained().size(), v.reasons().toString());
    assertEquals(Verdict.PLAUSIBLE, v.verdict(), v.reasons().toString());
    assertTrue(v.reasons().stream().anyMatch(r -> r.contains("the trouble it claims began before the cause")), v.reasons().toString());
  }

  @Test
  void troubleUnderWayLongBeforeIsBackground(@TempDir Path dir) throws Exception {
    // s0 down 40 min before the cause, longer before it than the chain after it took (8 min): unrelated
    Files.writeString(dir.resolve("events-early.csv"), "timestamp,source,type,entity\n" + T0.minus(Duration.ofMinutes(40)) + ",mon,service.down,s0\n");
    World w = world(dir);
    List<Symptom> with = new ArrayList<>();
    for (int k = 0; k <= N; k++) with.add(Symptom.predicted("service.down", "s" + k, T0.plusSeconds(31).plus(Duration.ofMinutes(Math.max(0, k - 1)))));
    Replay r = new Replay(List.of(), with, List.of(), Duration.ofMinutes(2), List.of(), List.of(), Map.of(), "");
    Validation v = Validator.judge(Hypothesis.builder("custom-pattern", "s1").confidence(0.6).build(), r, w.observations(), null, T0.plusSeconds(30));
    assertEquals(Verdict.CONFIRMED, v.verdict(), v.reasons().toString());
  }

  @Test
  void aRivalExplainingAsMuchBlocksOnlyWhenItFitsFarBetter() {
    Scorecard.RivalScore close = new Scorecard.RivalScore("close", "", null, 20, 5, Validator.SHAPE_PRIOR, -1, true, true);
    Scorecard.RivalScore far = new Scorecard.RivalScore("far", "", null, 40, 5, Validator.SHAPE_PRIOR, -Validator.MARGIN - 0.1, true, true);
    Scorecard.RivalScore more = new Scorecard.RivalScore("more", "", null, 30, 6, Validator.SHAPE_PRIOR, 3, true, true);
    assertNull(card(List.of(close)).blockingRival(5), "as many, a little better: told apart by order, not timing");
    assertEquals("far", card(List.of(close, far)).blockingRival(5).label());
    assertNotNull(card(List.of(more)).blockingRival(5));
    assertNull(card(List.of(far)).blockingRival(6), "explaining fewer never blocks");
  }

  private static Scorecard card(List<Scorecard.RivalScore> rivals) {
    return new Scorecard(10, 0, 10, 10, rivals, Validator.MARGIN, T0, T0, T0, 60, List.of(), 0, Double.NaN);
  }
}
