package org.hindsight.patterns.changecorrelation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hindsight.analysis.Analyzer;
import org.hindsight.engine.Budget;
import org.hindsight.engine.RuleBase;
import org.hindsight.engine.RuleCompiler;
import org.hindsight.engine.RuleSession;
import org.hindsight.engine.SessionOutcome;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.Change;
import org.hindsight.facts.Event;
import org.hindsight.facts.Fact;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.IncidentOnset;
import org.hindsight.facts.LogsEnd;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.TimedFact;
import org.hindsight.facts.TroubleProximity;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The change-correlation rules over hand-made neutral facts: which changes are candidates, and their order. */
class ChangeRankingTest {
  static final Instant ONSET = Instant.parse("2024-05-14T10:00:00Z");
  static RuleBase rules;

  @BeforeAll
  static void compile() throws Exception {
    rules = new RuleCompiler(new Analyzer().eventTypes(), Duration.ofHours(48))
        .compile(List.of(TestAnalysis.home().resolve("rules/change-correlation")));
  }

  static int line = 1;

  static Change change(String entity, Duration before, double scope) {
    SourceRef ref = new SourceRef("changes.log", line++);
    return new Change(ONSET.minus(before), "event", entity, List.of(entity), scope, "", "deploy " + entity, List.of(ref), ref, "deploy");
  }

  /** The hypotheses the rules raise, subject → confidence, given the first symptom on {@code first} with {@code downstream}. */
  static Map<String, Double> rank(Set<String> downstream, List<TroubleProximity> proximity, List<? extends TimedFact> timed,
      Fact... more) throws Exception {
    List<Fact> structure = new ArrayList<>(proximity);
    // as ChangeDeriver computes it: every entity near the trouble reaches the first symptom
    SourceRef first = new SourceRef("events.csv", 9);
    Map<String, IncidentOnset.Trouble> reaches = new java.util.HashMap<>();
    for (TroubleProximity p : proximity) reaches.put(p.entity(), new IncidentOnset.Trouble(ONSET, "payments", "service.down", first));
    structure.add(new IncidentOnset(ONSET, "payments", "service.down", downstream, 20, first, Set.of(), reaches, Map.of()));
    structure.addAll(List.of(more));
    List<TimedFact> timeline = new ArrayList<>(timed);
    timeline.add(new LogsEnd(ONSET.plusSeconds(3600), null));
    timeline.sort(Comparator.comparing(TimedFact::time));
    SessionOutcome out = new RuleSession(rules, Budget.defaults(100)).run(structure, timeline);
    return out.hypotheses().stream().map(d -> d.hypothesis())
        .collect(Collectors.toMap(Hypothesis::subject, Hypothesis::confidence));
  }

  static TroubleProximity near(String entity, int hops) {
    return new TroubleProximity(entity, hops, "payments", null);
  }

  @Test
  void closerInTimeRanksHigher() throws Exception {
    Map<String, Double> r = rank(Set.of(), List.of(near("a", 0), near("b", 0)),
        List.of(change("a", Duration.ofMinutes(3), 0.05), change("b", Duration.ofMinutes(90), 0.05)));
    assertTrue(r.get("a") > r.get("b"), r.toString());
  }

  @Test
  void theSymptomaticEntityRanksAboveItsUpstreamAndBothAboveAnUnconnectedOne() throws Exception {
    Map<String, Double> r = rank(Set.of(), List.of(near("self", 0), near("upstream", 2)),
        List.of(change("self", Duration.ofMinutes(10), 0.05), change("upstream", Duration.ofMinutes(10), 0.05),
            change("elsewhere", Duration.ofMinutes(10), 0.05)));
    assertTrue(r.get("self") > r.get("upstream"), r.toString());
    assertTrue(r.get("upstream") > r.get("elsewhere"), r.toString());
  }

  @Test
  void aBroaderChangeRanksAboveANarrowOneOtherwiseAlike() throws Exception {
    Map<String, Double> r = rank(Set.of(), List.of(near("wide", 1), near("narrow", 1)),
        List.of(change("wide", Duration.ofMinutes(10), 0.5), change("narrow", Duration.ofMinutes(10), 0.01)));
    assertTrue(r.get("wide") > r.get("narrow"), r.toString());
  }

  @Test
  void changesAfterTheOnsetOutsideTheWindowOrDownstreamAreNoCandidates() throws Exception {
    Map<String, Double> r = rank(Set.of("checkout"), List.of(near("late", 0), near("old", 0), near("checkout", 0), near("ok", 0)),
        List.of(change("late", Duration.ofMinutes(-1), 0.05), change("old", Duration.ofHours(3), 0.05),
            change("checkout", Duration.ofMinutes(2), 0.05), change("ok", Duration.ofMinutes(2), 0.05)));
    assertEquals(Set.of("ok"), r.keySet());
  }

  @Test
  void eventTypesSayAChangeByWholeWordsAndNotWhenTheyOnlyCheckOne() throws Exception {
    List<String> changes = List.of("deploy.finished", "rule.deploy", "k8s.rollout", "release", "git.push", "config.changed",
        "feature_flag.flip", "flag-flip", "app.deployment.done");
    List<String> not = List.of("configuration.check", "config.check", "deploy.validate", "rollout.plan", "releases_page.view",
        "pushover.alert", "health.check", "service.down", "config.load.failed", "config_sync.unavailable", "rollout-agent.down");
    assertOnlyChanges(changes, not);
  }

  /** Every type in {@code changes} is ranked as a change, none in {@code not}. */
  private static void assertOnlyChanges(List<String> changes, List<String> not) throws Exception {
    List<Event> events = new ArrayList<>();
    for (String t : changes) events.add(event(t, "c-" + t));
    for (String t : not) events.add(event(t, "n-" + t));
    List<TroubleProximity> everywhere = new ArrayList<>();
    for (Event e : events) everywhere.add(near(e.entity(), 0));
    Map<String, Double> r = rank(Set.of(), everywhere, events);
    assertEquals(changes.stream().map(t -> "c-" + t).collect(Collectors.toSet()), r.keySet());
  }

  @Test
  void realToolsEventNamesSayAChangeAndTheirReadsAndLogRotationsDoNot() throws Exception {
    // Fastly's audit log, terraform/kubectl, helm, CloudTrail's camelCase names, a signing-key rotation
    List<String> changes = List.of("version.activate", "terraform.apply", "helm.rollback", "UpdateFunctionConfiguration",
        "ModifyDBInstance", "signing_key.rotation", "cert.rotated", "version.deactivate");
    List<String> not = List.of("GetDeployment", "DescribeStacks", "ListFunctions", "log.rotate", "logrotate.rotated",
        "activation.check", "keyrotation.scheduled");
    assertOnlyChanges(changes, not);
  }

  @Test
  void anAlarmsStateMovingIsNoChangeButAChangeToTheAlarmIs() throws Exception {
    // CloudWatch's EventBridge "Alarm State Change", Azure Monitor's alert status: what a monitor saw, not a change
    List<String> changes = List.of("alarm.config.updated", "alert_rule.deploy", "alerting.rollout");
    List<String> not = List.of("alarm.state_change", "CloudWatchAlarmStateChange", "alert.status.changed", "alarm.state.updated",
        "AlertStateChanged");
    assertOnlyChanges(changes, not);
  }

  @Test
  void aSettingWrittenIsAChangeAndOneReadOrHitIsNot() throws Exception {
    // Google Cloud 2025-06-12: a quota policy inserted into the tables Service Control reads; CloudTrail's and GCP's names
    List<String> changes = List.of("quota_policy.inserted", "SetIamPolicy", "PutBucketPolicy", "PutParameter", "acl.entry.added",
        "route.replaced", "AttachRolePolicy");
    List<String> not = List.of("policy.evaluated", "quota.exceeded", "row.inserted", "pod.created", "user.added", "GetBucketPolicy",
        "policy.denied", "route.flap", "quota_policy.plan.created");
    assertOnlyChanges(changes, not);
  }

  @Test
  void aMaintenanceThatBeginsIsAChangeAndItsNoticeOrEndIsNot() throws Exception {
    // Google Cloud 2019-06-02: the maintenance automation that descheduled the network control plane
    List<String> changes = List.of("maintenance.started", "MaintenanceStarted", "cell.maintenance.begin", "host_maintenance_start");
    List<String> not = List.of("maintenance.scheduled", "maintenance.completed", "maintenance.notice", "maintenance.started.check",
        "maintenance.window", "job.started");
    assertOnlyChanges(changes, not);
  }

  @Test
  void aPlanIsAChangeOnlyWhenAppliedOrDeletedAndDeletionsAndGrantsAreChanges() throws Exception {
    // DynamoDB's DNS automation 2025-10-20, CloudTrail's Delete…, a database GRANT
    List<String> changes = List.of("dns.plan.applied", "dns.plans.deleted", "DeleteBucketPolicy", "record.removed",
        "cache.purged", "db.grant", "role.permissions.revoked", "change.plan.applied");
    List<String> not = List.of("terraform.plan", "upgrade.plan", "change.plan.created", "migration.plan", "plan.check.deleted",
        "ListPlans");
    assertOnlyChanges(changes, not);
  }

  @Test
  void aTicketCarriedOutByACommandIsThatChangeNotItsRival() throws Exception {
    SourceRef row = new SourceRef("changes.csv", 2);
    SourceRef cmd = new SourceRef("ops-commands.csv", 3);
    Change ticket = new Change(ONSET.minus(Duration.ofMinutes(9)), "change-ticket", "dns", List.of("dns"), 0.05, "EBF-1",
        "EBF-1: update BIND", List.of(row), row, "update BIND");
    Change command = new Change(ONSET.minus(Duration.ofMinutes(1)), "ops-command", "dns", List.of("dns"), 0.05, "EBF-1",
        "salt -C 'G@role:dns' state.apply bind", List.of(cmd), cmd, "salt");
    List<TimedFact> timeline = new ArrayList<>(List.of(ticket, command, new LogsEnd(ONSET.plusSeconds(3600), null)));
    SessionOutcome out = new RuleSession(rules, Budget.defaults(100)).run(
        List.of(near("dns", 0), new IncidentOnset(ONSET, "dns", "service.down", Set.of(), 20, new SourceRef("events.csv", 9))),
        timeline);
    List<Hypothesis> hs = out.hypotheses().stream().map(d -> d.hypothesis()).toList();
    assertEquals(1, hs.size(), hs.toString());
    assertEquals(cmd, hs.get(0).cause());
    assertEquals("0", hs.get(0).detail("rivalChanges"));
  }

  /**
   * Two independent troubles: the incident's first symptom on billing, the edge's own nine minutes later. A change
   * is weighed against the first symptom of the trouble it reaches: the edge's change after billing's first symptom
   * is a candidate; one after the edge's own first symptom is not, nor one downstream of the edge's trouble.
   */
  @Test
  void aChangeIsWeighedAgainstTheFirstSymptomOfTheTroubleItReachesNotTheIncidents() throws Exception {
    IncidentOnset.Trouble billing = new IncidentOnset.Trouble(ONSET, "billing", "errors", new SourceRef("metrics.csv", 2));
    IncidentOnset.Trouble edge = new IncidentOnset.Trouble(ONSET.plus(Duration.ofMinutes(9)), "edge", "cpu.pinned",
        new SourceRef("metrics.csv", 40));
    IncidentOnset.Trouble api = new IncidentOnset.Trouble(ONSET.plus(Duration.ofMinutes(10)), "api", "errors",
        new SourceRef("metrics.csv", 80));
    IncidentOnset onset = new IncidentOnset(ONSET, "billing", "errors", Set.of(), 20, billing.origin(), Set.of(),
        Map.of("billing", billing, "edge", edge, "edge-config", edge, "api", api), Map.of("api", edge));
    List<TimedFact> timeline = new ArrayList<>(List.of(change("billing", Duration.ofMinutes(2), 0.05),
        change("edge", Duration.ofMinutes(-7), 0.05), change("edge-config", Duration.ofMinutes(-11), 0.05),
        change("api", Duration.ofMinutes(-8), 0.05), new LogsEnd(ONSET.plusSeconds(3600), null)));
    timeline.sort(Comparator.comparing(TimedFact::time));
    SessionOutcome out = new RuleSession(rules, Budget.defaults(100)).run(
        List.of(near("billing", 0), near("edge", 0), near("edge-config", 1), near("api", 0), onset), timeline);
    Map<String, Hypothesis> hs = out.hypotheses().stream().map(d -> d.hypothesis())
        .collect(Collectors.toMap(Hypothesis::subject, h -> h));
    assertEquals(Set.of("billing", "edge"), hs.keySet());
    assertEquals("2", hs.get("edge").detail("minutesBeforeOnset"));
    // its evidence cites the edge's first symptom, not billing's
    assertTrue(hs.get("edge").evidence().stream().anyMatch(e -> e.ref().equals(edge.origin()) && e.note().startsWith("first symptom")),
        hs.get("edge").evidence().toString());
    assertTrue(out.findings().stream().map(d -> d.finding()).anyMatch(f -> f.subject().equals("api") && f.kind().equals("ruled-out")),
        out.findings().toString());
  }

  static Event event(String type, String entity) {
    return new Event(ONSET.minusSeconds(120), "ci", type, entity, "", "info", Attributes.NONE,
        new SourceRef("events.csv", line++));
  }

  @Test
  void noCandidateWhenAPatternRuleHasRaisedAHypothesis() throws Exception {
    Hypothesis pattern = Hypothesis.builder("missing-exit", "r1").cause(new SourceRef("config-commands.csv", 3)).build();
    Map<String, Double> r = rank(Set.of(), List.of(near("a", 0)), List.of(change("a", Duration.ofMinutes(3), 0.05)), pattern);
    assertTrue(r.keySet().stream().noneMatch(s -> s.equals("a")), r.toString());
  }
}
