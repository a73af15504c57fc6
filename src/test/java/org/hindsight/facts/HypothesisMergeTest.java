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
        .tieBreak(485).detail("at", "06:48:05").detail("change", "plans deleted").build();
    Hypothesis second = Hypothesis.builder("change-correlation", "dns").cause(new SourceRef("events.csv", 18)).confidence(0.72)
        .tieBreak(445).detail("at", "06:47:25").detail("change", "plan applied").detail("hops", "1").build();
    for (Hypothesis merged : List.of(first.mergedWith(second), second.mergedWith(first))) {
      assertEquals(new SourceRef("events.csv", 19), merged.cause());
      assertEquals("06:48:05", merged.details().get("at"));
      assertEquals("plans deleted", merged.details().get("change"));
      assertEquals(null, merged.details().get("hops"));
    }
  }

  private static Hypothesis latent(int causeLine, Integer tieBreak) {
    Hypothesis.Builder b = Hypothesis.builder("change-correlation", "vault-1").confidence(0.6)
        .cause(causeLine < 0 ? null : new SourceRef("ops-commands.csv", causeLine)).detail("line", causeLine);
    if (tieBreak != null) b.tieBreak(tieBreak);
    return b.evidence(new SourceRef("events.csv", 3), "first symptom").evidence(new SourceRef("ops-commands.csv", Math.abs(causeLine)), "step").build();
  }

  @Test
  void equallyStrongClaimsOfOtherCausesMergeToTheSameClaimInEveryOrder() {
    // no tie-break stated (latent claims), some stated, one without a cause: every order of firing keeps one claim
    List<Hypothesis> claims = List.of(latent(3, null), latent(2, null), latent(5, 10), latent(4, 10), latent(-1, 99), latent(6, 7));
    java.util.Set<String> kept = new java.util.HashSet<>();
    permute(new java.util.ArrayList<>(claims), 0, order -> {
      Hypothesis merged = order.get(0);
      for (Hypothesis h : order.subList(1, order.size())) merged = merged.mergedWith(h);
      kept.add(merged.cause() + " " + merged.details() + " " + merged.tieBreak());
    });
    // the greatest tie-break among claims with a cause, then the cause first in the logs
    assertEquals(java.util.Set.of("ops-commands.csv:4 {line=4} 10"), kept);
    // without tie-breaks, the cause first in the logs (a roll-out's first step, not the reload after it)
    assertEquals(new SourceRef("ops-commands.csv", 2), latent(3, null).mergedWith(latent(2, null)).cause());
    assertEquals(new SourceRef("ops-commands.csv", 2), latent(2, null).mergedWith(latent(3, null)).cause());
  }

  private static void permute(List<Hypothesis> list, int k, java.util.function.Consumer<List<Hypothesis>> each) {
    if (k == list.size()) {
      each.accept(list);
      return;
    }
    for (int i = k; i < list.size(); i++) {
      java.util.Collections.swap(list, k, i);
      permute(list, k + 1, each);
      java.util.Collections.swap(list, k, i);
    }
  }
}
