package org.hindsight.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.hindsight.observe.Symptom;
import org.junit.jupiter.api.Test;

/**
 * "Begun before it" ({@link Validator#begunBefore}) treats a sampled onset as the interval it is known to lie in: trouble
 * under way at the cause began within the span its explained trouble took to unfold when at least half of its onset
 * interval (after its last normal sample) does. A series sampled every 6 min whose first bad sample is 2 min before the
 * cause most likely began earlier than the 4 min span: no fresh trouble. The near miss: the same first bad sample after a
 * normal one 3 min earlier lies within the span, and stops the confirmation.
 */
class ValidatorSampledOnsetTest {
  private static final Instant CAUSE = Instant.parse("2020-07-17T21:12:00Z");

  private static Symptom anomaly(String entity, Instant lastNormal, Instant firstBad) {
    return new Symptom("anomaly", entity, firstBad, lastNormal, null, null, 4, "interface.packet_loss_pct", null, null);
  }

  /** What the cause explains: onsets up to 4 min after it. */
  private static final List<Symptom> EXPLAINED = List.of(
      new Symptom("anomaly", "edge-1", CAUSE.plusSeconds(60), null),
      new Symptom("anomaly", "edge-2", CAUSE.plusSeconds(240), null));

  @Test
  void troubleWhoseOnsetIntervalReachesBeyondTheSpanIsNotFresh() {
    Symptom coarse = anomaly("bb-1", CAUSE.minusSeconds(480), CAUSE.minusSeconds(120));
    assertNull(Validator.begunBefore(List.of(coarse), EXPLAINED, CAUSE));
  }

  @Test
  void troubleWhoseWholeOnsetIntervalLiesWithinTheSpanIsFresh() {
    Symptom fine = anomaly("bb-1", CAUSE.minusSeconds(180), CAUSE.minusSeconds(120));
    assertEquals(fine, Validator.begunBefore(List.of(fine), EXPLAINED, CAUSE));
    // and an event, whose onset is its own moment
    Symptom event = new Symptom("service.down", "bb-2", CAUSE.minusSeconds(100), null);
    assertEquals(event, Validator.begunBefore(List.of(event), EXPLAINED, CAUSE));
  }
}
