package org.hindsight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Event;
import org.hindsight.facts.Finding;
import org.hindsight.facts.OpsCommand;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.TimedFact;
import org.junit.jupiter.api.Test;

class RuleSessionTest {
  private static final Instant T0 = Instant.parse("2021-10-25T02:00:00Z");
  private static final Budget ROOMY = new Budget(1_000_000, Duration.ofSeconds(60));

  private static RuleBase compile(String folder, Duration retention) throws RuleException {
    return new RuleCompiler(List.of(Event.class, ConfigCommand.class, OpsCommand.class), retention)
        .compile(List.of(RuleCompilerTest.RULES.resolve(folder)));
  }

  private static Event event(int line, Duration at, String type, String entity) {
    return new Event(T0.plus(at), "noc", type, entity, "", "", Attributes.NONE, new SourceRef("events.csv", line));
  }

  private static List<Finding> findings(SessionOutcome o) {
    return o.hypotheses().isEmpty() ? o.findings().stream().map(Detection.OfFinding::finding).toList() : List.of();
  }

  @Test
  void factsOfAClassNoPatternCanMatchAreLeftOut() throws Exception {
    RuleBase builtIn = new RuleCompiler(List.of(Event.class, ConfigCommand.class, OpsCommand.class), Duration.ofHours(48))
        .compile(List.of(Path.of("rules")));
    assertTrue(builtIn.matchable(Event.class));
    assertTrue(builtIn.matchable(org.hindsight.facts.CommandEffect.class), "read by missing-exit");
    assertTrue(builtIn.matchable(org.hindsight.facts.CliLines.class), "the other CLI lines are read from it");
    assertFalse(builtIn.matchable(org.hindsight.facts.ConfigSession.class), "read from CliLines: no fact per CLI session");
    assertFalse(builtIn.matchable(ConfigCommand.class), "the CLI lines are read through their derived facts only");
    RuleBase any = compile("matched-once", Duration.ofHours(48));
    assertFalse(any.matchable(ConfigCommand.class));
    assertTrue(any.matchable(org.hindsight.facts.ServiceSpec.class));
  }

  /**
   * A timeline that makes its facts when read, as the column-wise logs do: the session must not hold
   * them all as objects. Each time the last fact is read, how many of the facts made so far are still
   * reachable (after a collection) is noted.
   */
  private static final class MadeWhenRead extends java.util.AbstractList<TimedFact> {
    final int size;
    final List<java.lang.ref.WeakReference<TimedFact>> made = new ArrayList<>();
    int reachableAtLastRead = -1;

    MadeWhenRead(int size) {
      this.size = size;
    }

    @Override
    public TimedFact get(int i) {
      if (i == size - 1) {
        System.gc();
        reachableAtLastRead = (int) made.stream().filter(r -> r.get() != null).count();
      }
      TimedFact f = new ConfigCommand(T0.plusSeconds(i), "r1", "s1", "op", "show version", "", Attributes.NONE,
          new SourceRef("c.csv", i + 2));
      made.add(new java.lang.ref.WeakReference<>(f));
      return f;
    }

    @Override
    public int size() {
      return size;
    }
  }

  @Test
  void aTimelineMadeWhenReadIsNotHeldAsObjects() throws Exception {
    RuleBase rules = compile("matched-once", Duration.ofHours(48));
    assertFalse(rules.matchable(ConfigCommand.class), "the CLI lines are no session facts here");
    MadeWhenRead timeline = new MadeWhenRead(2_000);
    new RuleSession(rules, ROOMY).run(List.of(), timeline);
    assertTrue(timeline.reachableAtLastRead >= 0, "the last fact was read");
    // a copy of the timeline would hold the 1,999 facts before the last
    assertTrue(timeline.reachableAtLastRead < 100, timeline.reachableAtLastRead + " facts were still held");
  }

  @Test
  void eventsLeaveOnceMatchedWithTheSameFiringsAndAreKeptWhenARuleMakesAPartnerLate() throws Exception {
    RuleBase rules = compile("matched-once", Duration.ofHours(48));
    var billing = new org.hindsight.facts.ServiceSpec("billing", 3, true, 10, Attributes.NONE, new SourceRef("services.csv", 2));
    RuleSession.Release release = new RuleSession.Release(java.util.Set.of("svc.degraded", "spec.announced"),
        java.util.Set.of(org.hindsight.facts.ServiceSpec.class), true);
    List<TimedFact> quiet = List.of(event(2, Duration.ZERO, "svc.degraded", "billing"),
        event(3, Duration.ofMinutes(1), "svc.degraded", "search"), event(4, Duration.ofMinutes(2), "svc.degraded", "billing"));
    SessionOutcome kept = new RuleSession(rules, ROOMY).run(List.of(billing), quiet);
    SessionOutcome left = new RuleSession(rules, ROOMY).run(List.of(billing), quiet, release);
    assertEquals(2, kept.firings().count("a degraded service with a spec"));
    assertEquals(kept.firings().counts(), left.firings().counts());
    assertEquals(kept.findings(), left.findings());
    assertEquals(0, kept.eventsReleased());
    assertEquals(3, left.eventsReleased(), "every event left once matched");

    // search's spec arrives after its degraded event has left: the run is done again keeping every event
    List<TimedFact> late = List.of(event(2, Duration.ZERO, "svc.degraded", "billing"),
        event(3, Duration.ofMinutes(1), "svc.degraded", "search"), event(4, Duration.ofMinutes(2), "spec.announced", "search"),
        event(5, Duration.ofMinutes(3), "svc.degraded", "search"));
    kept = new RuleSession(rules, ROOMY).run(List.of(billing), late);
    left = new RuleSession(rules, ROOMY).run(List.of(billing), late, release);
    assertEquals(3, kept.firings().count("a degraded service with a spec"), "search's first degradation joins its late spec");
    assertEquals(kept.firings().counts(), left.firings().counts());
    assertEquals(kept.findings(), left.findings());
    assertEquals(0, left.eventsReleased(), "voided: run again with every event kept");
  }

  @Test
  void aRunawayRuleIsStoppedByTheFiringBudgetAndNamed() throws Exception {
    RuleBase rules = compile("runaway", Duration.ofHours(48));
    long start = System.nanoTime();
    RuleException e = assertThrows(RuleException.class,
        () -> new RuleSession(rules, new Budget(200_000, Duration.ofSeconds(60))).run(List.of(), List.of()));
    long seconds = (System.nanoTime() - start) / 1_000_000_000;
    assertTrue(seconds < 20, "took " + seconds + " s");
    RuleProblem p = e.problems().get(0);
    assertEquals("src/test/resources/rules/runaway/spin.drl", p.file());
    assertEquals(15, p.line());
    assertTrue(p.message().startsWith("rule \"spin\" was stopped by the firing budget"), p.message());
  }

  @Test
  void aRunawayRuleIsAlsoStoppedByTheTimeBudget() throws Exception {
    RuleBase rules = compile("runaway", Duration.ofHours(48));
    RuleException e = assertThrows(RuleException.class,
        () -> new RuleSession(rules, new Budget(Long.MAX_VALUE, Duration.ofSeconds(1))).run(List.of(), List.of()));
    assertTrue(e.problems().get(0).message().startsWith("rule \"spin\" was stopped"), e.problems().toString());
  }

  @Test
  void anActionThatNeverReturnsIsAbandonedAfterTheTimeBudget() throws Exception {
    RuleBase rules = compile("never-returns", Duration.ofHours(48));
    long start = System.nanoTime();
    RuleException e = assertThrows(RuleException.class, () -> new RuleSession(rules, new Budget(1000, Duration.ofSeconds(1)))
        .run(List.of(), List.of(event(2, Duration.ZERO, "site.fire", "dc1"))));
    long seconds = (System.nanoTime() - start) / 1_000_000_000;
    assertTrue(seconds < 10, "took " + seconds + " s");
    RuleProblem p = e.problems().get(0);
    assertEquals("src/test/resources/rules/never-returns/stuck.drl:4: rule \"stuck in its action\" did not return within "
        + "the time budget of 1 s (stopped; is there an endless loop in its action?)", p.toString());
  }

  @Test
  void aRuleFailingAtRunTimeIsReportedWithItsName() throws Exception {
    RuleBase rules = compile("runtime-failure", Duration.ofHours(48));
    RuleException e = assertThrows(RuleException.class,
        () -> new RuleSession(rules, ROOMY).run(List.of(), List.of(event(7, Duration.ZERO, "site.fire", "dc1"))));
    RuleProblem p = e.problems().get(0);
    assertEquals("src/test/resources/rules/runtime-failure/numbers.drl", p.file());
    assertEquals(4, p.line());
    assertTrue(p.message().startsWith("rule \"numbers\" failed in its action: NumberFormatException"), p.message());
    assertTrue(p.message().contains("site.fire"), p.message());
    assertFalse(p.message().contains("\tat "), p.message());
  }

  @Test
  void aConditionFailingAtRunTimeIsTracedToItsRuleAndLine() throws Exception {
    RuleBase rules = compile("condition-failure", Duration.ofHours(48));
    var spec = new org.hindsight.facts.ServiceSpec("billing", 3, true, 10, Attributes.NONE, new SourceRef("services.csv", 2));
    RuleException e = assertThrows(RuleException.class, () -> new RuleSession(rules, ROOMY).run(List.of(spec), List.of()));
    assertEquals("src/test/resources/rules/condition-failure/min-hosts.drl:6: rule \"min hosts word\" failed in its condition "
        + "minHosts == \"many\": NumberFormatException: For input string: \"many\"", e.problems().get(0).toString());
  }

  @Test
  void cepOperatorsWorkOnEventsGivenOutOfOrder() throws Exception {
    RuleBase rules = compile("cep", Duration.ofHours(48));
    // as if read from two files in the wrong order: the symptom's row comes first
    List<TimedFact> rows = List.of(
        event(3, Duration.ofMinutes(20), "service.down", "billing"),
        event(4, Duration.ofMinutes(45), "service.down", "search"),
        event(2, Duration.ZERO, "site.fire", "dc1"),
        event(5, Duration.ofMinutes(-5), "service.down", "mail"));
    SessionOutcome o = new RuleSession(rules, ROOMY).run(List.of(), rows);
    List<Finding> f = findings(o);
    assertEquals(List.of("billing"), f.stream().map(Finding::subject).toList(), "only the one 20 min after the fire");
    assertEquals(List.of(new SourceRef("events.csv", 2), new SourceRef("events.csv", 3)),
        f.get(0).evidence().stream().map(ev -> ev.ref()).toList());
    assertEquals(1, o.firings().count("service down within 30 minutes of a fire"));
  }

  @Test
  void theCepWindowBoundsAreInclusive() throws Exception {
    RuleBase rules = compile("cep", Duration.ofHours(48));
    List<TimedFact> rows = List.of(event(2, Duration.ZERO, "site.fire", "dc1"),
        event(3, Duration.ofMinutes(30), "service.down", "edge"),
        event(4, Duration.ofMinutes(30).plusSeconds(1), "service.down", "late"));
    assertEquals(List.of("edge"), findings(new RuleSession(rules, ROOMY).run(List.of(), rows)).stream().map(Finding::subject).toList());
  }

  @Test
  void temporalConstraintsKeepWorkingOnLargeInputs() throws Exception {
    RuleBase rules = compile("cep-jit", Duration.ofHours(48));
    List<TimedFact> rows = new ArrayList<>();
    int line = 2;
    for (int s = 0; s < 300; s++) {
      Instant t = T0.plusSeconds(60L * s);
      String device = "r" + (s % 7);
      rows.add(new ConfigCommand(t, device, "s" + s, "op", "exit", "", Attributes.NONE, new SourceRef("c.csv", line++)));
      String next = s % 3 == 0 ? "net 49.0001.0000.00" : "description x";
      rows.add(new ConfigCommand(t.plusSeconds(5), device, "s" + s, "op", next, "", Attributes.NONE, new SourceRef("c.csv", line++)));
    }
    SessionOutcome o = new RuleSession(rules, ROOMY).run(List.of(), rows);
    assertEquals(100, o.findings().size());
  }

  @Test
  void eventsOlderThanTheRetentionAreGone() throws Exception {
    List<TimedFact> rows = new ArrayList<>(List.of(
        event(2, Duration.ZERO, "a", "old"),
        event(3, Duration.ofHours(3), "b", "later")));
    SessionOutcome shortMemory = new RuleSession(compile("expiry", Duration.ofHours(1)), ROOMY).run(List.of(), rows);
    assertTrue(findings(shortMemory).isEmpty(), "the 'a' event expired an hour after it happened");
    SessionOutcome longMemory = new RuleSession(compile("expiry", Duration.ofHours(48)), ROOMY).run(List.of(), rows);
    assertEquals(1, findings(longMemory).size());
  }

  @Test
  void eventsWithinTheRetentionAreStillThereAtItsEdge() throws Exception {
    List<TimedFact> rows = List.of(event(2, Duration.ZERO, "a", "old"), event(3, Duration.ofHours(1), "b", "later"));
    assertEquals(1, findings(new RuleSession(compile("expiry", Duration.ofHours(1)), ROOMY).run(List.of(), rows)).size());
  }

  @Test
  void expiryCopesWithEventsARuleDeletedItself() throws Exception {
    List<TimedFact> rows = List.of(event(2, Duration.ZERO, "a", "x"), event(3, Duration.ofHours(5), "b", "y"));
    SessionOutcome o = new RuleSession(compile("self-delete", Duration.ofHours(1)), ROOMY).run(List.of(), rows);
    assertEquals(List.of("y"), findings(o).stream().map(Finding::subject).toList());
  }

  @Test
  void hypothesesAreRecordedWithTheRuleThatInsertedThem() throws Exception {
    RuleBase rules = compile("custom-hypothesis", Duration.ofHours(48));
    SessionOutcome o = new RuleSession(rules, ROOMY).run(List.of(),
        List.of(event(2, Duration.ZERO, "site.fire", "dc1"), event(9, Duration.ofMinutes(1), "site.fire", "dc1")));
    assertEquals(1, o.hypotheses().size(), "same pattern and subject is one claim");
    Detection.OfHypothesis d = o.hypotheses().get(0);
    assertEquals("custom-fire", d.hypothesis().pattern());
    assertEquals("T-CUSTOM-1", d.rule().id());
    assertEquals(new SourceRef("events.csv", 2), d.hypothesis().cause());
  }

  @Test
  void theSessionCanUseAFolderGivenAsAPath() throws Exception {
    assertTrue(Path.of("src/test/resources/rules/cep/fire-then-down.drl").toFile().isFile());
    RuleBase rb = new RuleCompiler(List.of(Event.class), Duration.ofHours(1))
        .compile(List.of(Path.of("src/test/resources/rules/cep/fire-then-down.drl")));
    assertEquals(1, rb.rules().size());
  }
}
