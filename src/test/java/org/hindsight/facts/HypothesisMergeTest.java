package org.hindsight.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rule fires again as the facts it collects arrive; the merged hypothesis must not depend on when
 * it first reached its confidence (which changes with what the session holds and when it sees it).
 */
class HypothesisMergeTest {
  private static Hypothesis firing(double confidence, int surging, int... lines) {
    Hypothesis.Builder b = Hypothesis.builder("missing-exit", "r1").confidence(confidence).detail("surgingRouters", surging);
    for (int line : lines) b.evidence(new SourceRef("metrics.csv", line), "surge");
    return b.build();
  }

  @Test
  void betweenEquallyStrongFiringsTheLaterOnesDetailsWinAndEvidenceIsUnitedInOrder() {
    Hypothesis merged = firing(0.9, 3, 10, 11, 12).mergedWith(firing(0.9, 6, 10, 11, 12, 13, 14, 15));
    assertEquals("6", merged.details().get("surgingRouters"));
    assertEquals(List.of(10, 11, 12, 13, 14, 15), merged.evidence().stream().map(e -> e.ref().line()).toList());
  }

  @Test
  void theStrongerFiringWinsWhicheverCameFirst() {
    assertEquals("3", firing(0.95, 3, 10).mergedWith(firing(0.9, 6, 10, 11)).details().get("surgingRouters"));
    assertEquals("6", firing(0.9, 3, 10).mergedWith(firing(0.95, 6, 10, 11)).details().get("surgingRouters"));
    assertEquals(0.95, firing(0.95, 3, 10).mergedWith(firing(0.9, 6, 10, 11)).confidence());
  }

  private static Hypothesis claim(double confidence, int causeLine, String key, String value) {
    return Hypothesis.builder("change-correlation", "dns").cause(new SourceRef("events.csv", causeLine))
        .confidence(confidence).detail(key, value).build();
  }

  @Test
  void aWeakerClaimWithAnotherCauseLendsTheStrongerNoneOfItsDetails() {
    // a latent claim on an older change of the same entity says how to judge that change, not the closer one
    Hypothesis merged = claim(0.93, 5, "hops", "1").mergedWith(claim(0.81, 2, "latent", "changed 2 h before"));
    assertEquals(new SourceRef("events.csv", 5), merged.cause());
    assertEquals(null, merged.details().get("latent"));
    assertEquals("1", merged.details().get("hops"));
  }

  @Test
  void aWeakerFiringOfTheSameCauseStillFillsInWhatTheStrongerLacks() {
    Hypothesis merged = claim(0.93, 5, "hops", "1").mergedWith(claim(0.81, 5, "steps", "15"));
    assertEquals("15", merged.details().get("steps"));
  }

  @Test
  void anEquallyStrongClaimWithAnotherCauseDoesNotOverwriteTheCitedCausesDetails() {
    // the claim cites one record: its time and change must be that record's, not the other claim's
    Hypothesis first = Hypothesis.builder("change-correlation", "dns").cause(new SourceRef("events.csv", 19)).confidence(0.72)
        .detail("at", "06:48:05").detail("change", "plans deleted").build();
    Hypothesis second = Hypothesis.builder("change-correlation", "dns").cause(new SourceRef("events.csv", 18)).confidence(0.72)
        .detail("at", "06:47:25").detail("change", "plan applied").detail("hops", "1").build();
    Hypothesis merged = first.mergedWith(second);
    assertEquals(new SourceRef("events.csv", 19), merged.cause());
    assertEquals("06:48:05", merged.details().get("at"));
    assertEquals("plans deleted", merged.details().get("change"));
    assertEquals(null, merged.details().get("hops"));
  }
}
