package org.hindsight.patterns.changecorrelation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.Change;
import org.hindsight.facts.Evidence;
import org.hindsight.facts.Hypothesis;
import org.hindsight.simulate.Scorecard;
import org.hindsight.testing.TestAnalysis;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;

/**
 * The rivals a claim is judged against come from a {@code collect}, in the order Drools propagated the changes
 * (reversed for plain facts inserted in one batch): the replay judges them, and the report lists the closest of them, in
 * the order of the logs whatever order the rule handed them on in (the DynamoDB fixture's refuted deploy has the night's
 * plan applies as rivals, many equally close).
 */
class RivalOrderTest {
  static final Path FIXTURE = TestAnalysis.home().resolve("rules/change-correlation/fixtures/dns-plan-clean-up-empties-the-endpoint");

  @Test
  void rivalsHandedOnInAnyOrderAreReplayedInTheOrderOfTheLogs() throws Exception {
    World world = TestAnalysis.world(FIXTURE);
    Hypothesis h = TestAnalysis.analyze(FIXTURE).assessments().stream().map(Assessment::hypothesis)
        .filter(x -> x.pattern().equals("change-correlation") && x.subject().equals("billing-console")).findFirst().orElseThrow();
    List<Change> handed = h.matched(Change.class);
    assertTrue(handed.size() > 10, "the night's plan applies are its rivals: " + handed.size());
    List<String> asLogged = rivals(world, h, handed);
    List<Change> reversed = new ArrayList<>(handed);
    Collections.reverse(reversed);
    assertEquals(asLogged, rivals(world, h, reversed));
    List<Change> shuffled = new ArrayList<>(handed);
    Collections.shuffle(shuffled, new java.util.Random(3));
    assertEquals(asLogged, rivals(world, h, shuffled));
  }

  /** The rivals of {@code h} replayed with {@code changes} handed on in that order: their records and what each explained. */
  private static List<String> rivals(World world, Hypothesis h, List<Change> changes) {
    Hypothesis.Builder b = Hypothesis.builder(h.pattern(), h.subject()).cause(h.cause()).confidence(h.confidence()).tieBreak(h.tieBreak());
    for (Evidence e : h.evidence()) b.evidence(e.ref(), e.note());
    h.details().forEach(b::detail);
    b.matched(changes);
    Assessment a = TestAnalysis.validate(world, b.build());
    List<String> out = new ArrayList<>();
    // as the report lists them (the closest ones of many, in this order: equally close ones kept by it)
    for (Scorecard.RivalScore r : a.validation().scorecard().rivals()) {
      String cause = r.cause() == null ? "none" : Path.of(r.cause().file()).getFileName() + ":" + r.cause().line();
      out.add(cause + " " + r.label() + " " + r.logOdds());
    }
    return out;
  }
}
