package org.hindsight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hindsight.facts.Change;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Event;
import org.hindsight.facts.Fact;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.OpsCommand;
import org.hindsight.facts.SourceRef;
import org.junit.jupiter.api.Test;

/**
 * Equally strong claims of one subject citing different causes: the session keeps the same claim (cause,
 * details, rule) whatever order the facts were inserted in, and so whatever order Drools fired the rule's
 * activations in ({@code rules/equal-claims}: a claim per change, as change correlation makes them).
 */
class EqualClaimsTest {
  private static final Instant T0 = Instant.parse("2025-10-20T06:40:00Z");

  private static Change change(int line, int seconds, String ticket) {
    SourceRef at = new SourceRef("events.csv", line);
    return new Change(T0.plusSeconds(seconds), "event", "dns", List.of("dns"), 0.1, ticket, "change " + line, List.of(at), at,
        "dns.change");
  }

  private static SessionOutcome run(RuleBase rules, List<Fact> structure) throws RuleException {
    return new RuleSession(rules, new Budget(100_000, Duration.ofSeconds(60))).run(structure, List.of());
  }

  private static Hypothesis claim(RuleBase rules, List<Fact> structure, String pattern) throws RuleException {
    for (Detection.OfHypothesis d : run(rules, structure).hypotheses()) if (d.hypothesis().pattern().equals(pattern)) return d.hypothesis();
    throw new AssertionError("no claim of " + pattern);
  }

  private static String said(Hypothesis h) {
    return h.cause() + " " + h.details() + " " + h.confidence() + " " + h.evidence();
  }

  @Test
  void theClaimKeptDoesNotDependOnTheOrderTheFactsCameIn() throws Exception {
    RuleBase rules = new RuleCompiler(List.of(Event.class, ConfigCommand.class, OpsCommand.class), Duration.ofHours(48))
        .compile(List.of(RuleCompilerTest.RULES.resolve("equal-claims")));
    // the nearer-the-trouble claims: the latest change (line 19) is kept; the latent ones (tickets): line 3, first in the logs
    List<Fact> facts = new ArrayList<>(List.of(change(18, 445, ""), change(19, 485, ""), change(7, 60, ""),
        change(3, 30, "T-1"), change(5, 50, "T-1"), change(4, 40, "T-1")));
    List<String> seen = new ArrayList<>();
    List<String> seenLatent = new ArrayList<>();
    java.util.Random random = new java.util.Random(17);
    for (int i = 0; i < 6; i++) {
      if (i == 1) Collections.reverse(facts);
      else if (i > 1) Collections.shuffle(facts, random);
      Hypothesis nearer = claim(rules, facts, "equal-claims");
      assertEquals(new SourceRef("events.csv", 19), nearer.cause());
      assertEquals(T0.plusSeconds(485).toString(), nearer.detail("at"), "the details are the kept cause's");
      seen.add(said(nearer));
      Hypothesis latent = claim(rules, facts, "latent-claims");
      assertEquals(new SourceRef("events.csv", 3), latent.cause());
      seenLatent.add(said(latent));
    }
    assertEquals(1, seen.stream().distinct().count(), seen.toString());
    assertEquals(1, seenLatent.stream().distinct().count(), seenLatent.toString());
  }

  @Test
  void ofFindingsAlikeTheOneCitingTheRecordFirstInTheLogsIsReportedInEveryOrder() throws Exception {
    RuleBase rules = new RuleCompiler(List.of(Event.class, ConfigCommand.class, OpsCommand.class), Duration.ofHours(48))
        .compile(List.of(RuleCompilerTest.RULES.resolve("equal-claims")));
    List<Fact> facts = new ArrayList<>(List.of(change(18, 445, ""), change(19, 485, ""), change(7, 60, ""), change(4, 40, "T-1")));
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < 5; i++) {
      if (i == 1) Collections.reverse(facts);
      else if (i > 1) Collections.shuffle(facts, random);
      List<Detection.OfFinding> found = run(rules, facts).findings();
      assertEquals(1, found.size());
      assertEquals(new SourceRef("events.csv", 4), found.get(0).finding().evidence().get(0).ref(), "order " + i);
    }
  }

  @Test
  void aStrongerClaimWinsWhateverTheTieBreak() {
    Hypothesis near = Hypothesis.builder("p", "dns").cause(new SourceRef("events.csv", 19)).confidence(0.72).tieBreak(2000).build();
    Hypothesis strongerButFarther =
        Hypothesis.builder("p", "dns").cause(new SourceRef("events.csv", 2)).confidence(0.73).tieBreak(1000).build();
    assertEquals(new SourceRef("events.csv", 2), near.mergedWith(strongerButFarther).cause());
    assertEquals(new SourceRef("events.csv", 2), strongerButFarther.mergedWith(near).cause());
    // and a claim stating a tie-break is kept before an equally strong one stating none, wherever its record is
    Hypothesis latent = Hypothesis.builder("p", "dns").cause(new SourceRef("events.csv", 1)).confidence(0.72).build();
    assertEquals(new SourceRef("events.csv", 19), latent.mergedWith(near).cause());
    assertEquals(new SourceRef("events.csv", 19), near.mergedWith(latent).cause());
    assertNotEquals(0, Hypothesis.ORDER.compare(near, latent));
  }
}
