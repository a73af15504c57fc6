package org.hindsight.patterns.changecorrelation;

import com.google.auto.service.AutoService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.hindsight.facts.Change;
import org.hindsight.facts.Event;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.OpsCommand;
import org.hindsight.facts.TimedFact;
import org.hindsight.facts.TroubleProximity;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.Simulator;
import org.hindsight.simulate.generic.DependencyPropagationSimulator;
import org.hindsight.world.World;

/**
 * Validates a change-correlation hypothesis with the dependency-propagation replay: the changed
 * entity fails when the change took effect and the failure spreads over parents, capacity and hard
 * dependencies. The rivals are the other changes of the window the rule handed on (each failing its
 * own entity at its own time, named by the logs; a rolling change each of its items at its own
 * step) and the generic replay's failures of each entity seen down; a rolling change fails its
 * items one by one at their own steps, so its service falls below capacity at the step that takes it there; the counterfactual is the incident without this change; the null model is no cause.
 * A bad change shows as an outage, a degradation, an error-ratio or a latency excursion of what it
 * broke, as saturated CPU (a pathological rule or regex pushed to a fleet), or as its series leaving
 * their learned baselines with no threshold crossed, so those are the kinds a predicted outage is seen as.
 */
@AutoService(Simulator.class)
public final class ChangeCorrelationSimulator implements Simulator {
  public static final String PATTERN = "change-correlation";
  static final Set<String> SEEN_AS = Set.of(SymptomKinds.SERVICE_DOWN, SymptomKinds.SERVICE_DEGRADED, SymptomKinds.ERRORS,
      SymptomKinds.LATENCY, SymptomKinds.CPU_PINNED, SymptomKinds.ANOMALY);

  /**
   * A change read as acting slowly (detail {@code latent}: HS-CC-004…006) builds something up before anything fails — a
   * leak, a table or a queue filling — so its first trace may also be a resource leaving its level (an excursion: memory
   * at three times its level) or its processes crashing and restarting (Honeycomb 2019-11-06). A change acting at once is
   * not credited with those: a resource that rises beside an outage is its consequence, not what the change broke.
   */
  static final Set<String> SEEN_AS_LATENT = java.util.stream.Stream.concat(SEEN_AS.stream(),
      java.util.stream.Stream.of(SymptomKinds.EXCURSION, SymptomKinds.RESTART)).collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** How often one kind of change is made to one entity in the window before it counts as routine. */
  static final int ROUTINE = 3;

  private final DependencyPropagationSimulator propagation = new DependencyPropagationSimulator();

  /** No event read directly: the changes come from the rules; the rest is the dependency-propagation replay's. */
  @Override
  public boolean readsEventType(String type) {
    return false;
  }

  @Override
  public String pattern() {
    return PATTERN;
  }

  @Override
  public Set<String> symptomKinds() {
    return Set.of(SymptomKinds.SERVICE_DOWN);
  }

  @Override
  public Set<String> observedAs(String predictedKind) {
    return predictedKind.equals(SymptomKinds.SERVICE_DOWN) ? SEEN_AS : Set.of(predictedKind);
  }

  @Override
  public Set<String> observedAs(Hypothesis h, String predictedKind) {
    return predictedKind.equals(SymptomKinds.SERVICE_DOWN) ? seenAs(h) : Set.of(predictedKind);
  }

  private static Set<String> seenAs(Hypothesis h) {
    return h.detail("latent").isEmpty() ? SEEN_AS : SEEN_AS_LATENT;
  }

  @Override
  public Replay replay(World world, Hypothesis h, SimulationBudget budget) {
    List<DependencyPropagationSimulator.NamedRival> rivals = new ArrayList<>();
    Map<String, Instant> steps = Map.of();
    String failed = h.detail("failed").isEmpty() ? h.subject() : h.detail("failed");
    // the changes the rule handed on in the order of the logs, not in the order Drools propagated them (a collect's
    // list follows that, and so would the rivals' table)
    List<Change> changes = new ArrayList<>(h.matched(Change.class));
    changes.sort(java.util.Comparator.comparing(Change::time).thenComparing(Change::origin));
    Change claimed = changes.stream().filter(c -> c.origin().equals(h.cause())).findFirst().orElse(null);
    String kind = claimed == null ? "" : claimed.kind();
    Map<String, Long> repeats = changes.stream().filter(c -> c.entity().equals(failed))
        .collect(java.util.stream.Collectors.groupingBy(Change::kind, java.util.stream.Collectors.counting()));
    for (Change c : changes) {
      if (c.origin().equals(h.cause())) {
        // a rolling change: its items fail one by one, each at its own step; a latent one (HS-CC-004: a
        // roll-out of months before) acts when the logs first show its trouble, as the claim's "at" says
        if (c.rolling() && h.detail("latent").isEmpty()) steps = stepTimes(world, c);
        continue;
      }
      if (c.entity().isEmpty()) continue;
      // Routine changes of the same entity (one kind made again and again: DNS plans applied every few
      // minutes) are no rivals of a change of another kind there: they left it healthy time after time
      // (DynamoDB 2025-10-20: the clean-up that emptied the record). Among themselves they stay rivals:
      // the last of them explains the failure no better than the others.
      if (c.entity().equals(failed) && !c.kind().equals(kind) && repeats.getOrDefault(c.kind(), 0L) >= ROUTINE) continue;
      // Another call of the same operation is no rival either: one operator's API calls on one entity a minute or two apart
      // (Slack 2021-09-30: DeactivateKeySigningKey, then DisableHostedZoneDNSSEC, 37 s later) are one task the console
      // or CLI logged call by call; each alone "explains" what the other does, which no log could tell apart.
      if (claimed != null && oneOperation(world, claimed, c)) continue;
      Map<String, Instant> rivalFails = c.stepTimes();
      Set<String> rivalCited = cites(world, c, changes, reachesTrouble(world, c.entity()));
      if (rivalFails.isEmpty() && !rivalCited.isEmpty()) {
        rivalFails = DependencyPropagationSimulator.alongWith(c.entity(), c.time(), rivalCited);
      }
      // a rival session whose lines are not logged acts somewhere in its own span, as a claim of it would
      SessionSpan rivalSpan = rivalFails.isEmpty() && c.source().equals("event") ? sessionSpan(world, c.origin()) : null;
      rivals.add(new DependencyPropagationSimulator.NamedRival(c.what(), c.entity(), rivalSpan == null ? c.time() : rivalSpan.opened(), c.origin(),
          rivalFails, rivalSpan == null ? null : rivalSpan.until()));
    }
    // A claim put to an incident without the rules' matches (another timeline, a perturbed copy) names
    // its roll-out's items: their steps are when this incident's records say each item got the change.
    if (steps.isEmpty() && !h.detail("items").isEmpty() && h.detail("latent").isEmpty() && h.matched(Change.class).isEmpty()) {
      steps = stepTimes(world, h);
    }
    // A changes row has no time of its own in the world: the change the deriver read from it does.
    Hypothesis claim = h;
    if (h.detail("at").isEmpty() && h.cause() != null && world.timeOf(h.cause()) == null) {
      for (Change c : world.derived(Change.class)) {
        if (c.origin().equals(h.cause())) {
          claim = h.toBuilder().detail("at", c.time()).build();
          break;
        }
      }
    }
    // A session opened with no line of it logged: its change took effect at a moment the logs do not give.
    if (steps.isEmpty() && claim.detail("until").isEmpty() && h.detail("latent").isEmpty()) {
      SessionSpan span = sessionSpan(world, h.cause());
      if (span != null) claim = claim.toBuilder().detail("at", span.opened()).detail("until", span.until()).detail("untilWhy", span.why()).build();
    }
    // A single change whose ticket the failing records of other entities cite acted on them too (cites, below); a rival
    // change of the window likewise.
    Set<String> cited = Set.of();
    String ticket = "";
    if (steps.isEmpty()) {
      for (Change c : changes) {
        if (c.origin().equals(h.cause()) && !c.rolling()) {
          cited = cites(world, c, changes, h.detail("hops").matches("\\d+"));
          ticket = c.ticket().trim();
        }
      }
    }
    return propagation.replay(world, claim, budget, rivals, seenAs(h), steps, cited, "its ticket " + ticket);
  }

  /** The longest gap between two API calls of one operator's task on one entity (a console's or CLI's calls). */
  static final Duration ONE_OPERATION = Duration.ofMinutes(2);

  /**
   * Whether changes {@code a} and {@code b} are calls of one operation: single changes of the same entity, at most
   * {@link #ONE_OPERATION} apart, both events (an audit log's API calls) whose {@code user} names the same actor. A
   * record naming no actor is never one (two deploys of one service a minute apart by unknown hands stay two changes),
   * nor is a typed command: an operator's {@code show} then {@code drain} minutes apart are two acts, a look and a change.
   */
  static boolean oneOperation(World world, Change a, Change b) {
    if (a == b || a.rolling() || b.rolling() || !a.source().equals("event") || !b.source().equals("event")
        || a.entity().isEmpty() || !a.entity().equals(b.entity())) return false;
    if (Duration.between(a.time(), b.time()).abs().compareTo(ONE_OPERATION) > 0) return false;
    String actor = actorOf(world, a.origin());
    return !actor.isEmpty() && actor.equals(actorOf(world, b.origin()));
  }

  /** Who made the change an event logs (its {@code user} column); "" when unknown or the record is no event. */
  private static String actorOf(World world, org.hindsight.facts.SourceRef origin) {
    int at = origin == null ? -1 : world.timelinePosition(origin);
    if (at < 0) return "";
    return world.timeline().get(at) instanceof Event e ? e.attr("user").trim() : "";
  }

  /** How long a session whose end is not logged is taken to stay open: a prior (an operator's change window), not fitted. */
  static final Duration SESSION_PRIOR = Duration.ofHours(1);

  /** How long before the login's record a line of the session it opened may be logged. */
  static final Duration LINES_BEFORE_LOGIN = Duration.ofMinutes(5);

  /**
   * When a change made in a session opened by event {@code opened} may have taken effect: any moment from the
   * login until the session's end, as likely one as another.
   *
   * @param why what bounds the span, for the report
   */
  record SessionSpan(Instant opened, Instant until, String why) {}

  /**
   * The span of the session the cause record opened, or null when the cause is not such an event or the session's
   * own lines are logged (then the change deriver times it by the line that took effect). The session ends at the
   * first later event on its entity that says it closed or that opens another session, else {@link #SESSION_PRIOR}
   * after the login, and never past the end of the logs.
   */
  static SessionSpan sessionSpan(World world, org.hindsight.facts.SourceRef cause) {
    // found by the world's citation index: a pass over the timeline made every fact before it, once per rival
    int openedAt = world.timelinePosition(cause);
    List<TimedFact> timeline = world.timeline();
    if (openedAt < 0 || !(timeline.get(openedAt) instanceof Event opened) || opened.entity().isEmpty()) return null;
    if (!org.hindsight.facts.Change.opensSession(opened.type(), opened.message())) return null;
    Instant until = opened.time().plus(SESSION_PRIOR);
    // a line may be logged a little before the login's own record (a syslog written once the login completed)
    Instant linesFrom = opened.time().minus(LINES_BEFORE_LOGIN);
    for (List<org.hindsight.facts.ConfigCommand> lines : world.configSessions().values()) {
      if (lines.isEmpty() || !lines.get(0).device().equals(opened.entity())) continue;
      for (org.hindsight.facts.ConfigCommand line : lines) {
        if (!line.time().isBefore(linesFrom) && !line.time().isAfter(until)) return null;
      }
    }
    String why = "no end of the session is logged: at most " + SESSION_PRIOR.toMinutes() + " min after the login (a prior)";
    // The timeline is ordered by millisecond: what is later than the login is at or after the first record of its
    // millisecond, and past `until`'s millisecond nothing counts (within one, sub-millisecond stamps need not be in order).
    int from = openedAt;
    while (from > 0 && timeline.get(from - 1).millis() == opened.millis()) from--;
    long lastMillis = until.toEpochMilli();
    for (int k = from; k < timeline.size() && timeline.get(k).millis() <= lastMillis; k++) {
      if (!(timeline.get(k) instanceof Event e) || !e.time().isAfter(opened.time()) || e.time().isAfter(until)
          || !e.entity().equals(opened.entity())) continue;
      if (e.type().equals(opened.type()) || org.hindsight.facts.Change.closesSession(e.type(), e.message())) {
        until = e.time();
        why = "the session ends by " + e.origin() + " (" + e.type() + ")";
        break;
      }
    }
    Instant logsEnd = world.observations().logsEnd();
    if (logsEnd != null && logsEnd.isBefore(until)) {
      until = logsEnd;
      why = "the logs end before any end of the session";
    }
    return until.isAfter(opened.time()) ? new SessionSpan(opened.time(), until, why) : null;
  }

  /**
   * The entities in trouble whose own failing records cite change {@code c}'s ticket (as a word): it acted on them too
   * (Google Cloud 2019-06-02: a maintenance of one cell whose automation descheduled jobs in five more, each job's record
   * citing the maintenance). Only for a change that reaches the trouble itself ({@code reaches}: a ticket extends a change
   * that acted where it was made, it does not lend a change on a healthy entity elsewhere the whole incident), and only
   * for the ticket's first change among {@code others} that reaches the trouble too: a later record of it (the work
   * logged again, a follow-up) is no second start, while an earlier record of the ticket on an entity that stayed
   * healthy acted nowhere near the failing records and starts nothing they cite.
   */
  private static Set<String> cites(World world, Change c, List<Change> others, boolean reaches) {
    String ticket = c.ticket().trim();
    if (!reaches || c.rolling() || ticket.isEmpty()) return Set.of();
    for (Change o : others) {
      if (o != c && o.ticket().trim().equals(ticket) && o.time().isBefore(c.time()) && reachesTrouble(world, o.entity())) return Set.of();
    }
    Set<String> out = new java.util.LinkedHashSet<>(world.namedInTroubleBy(ticket));
    out.remove(c.entity());
    return out;
  }

  /** Whether {@code entity} reaches the trouble (a {@link TroubleProximity} of it: a symptom on it or downstream of it). */
  private static boolean reachesTrouble(World world, String entity) {
    for (TroubleProximity p : world.derived(TroubleProximity.class)) if (p.entity().equals(entity)) return true;
    return false;
  }

  /**
   * A claimed roll-out's items (detail {@code items}) at the first record of the cause's type on each,
   * as this incident's records time them; empty when the cause is no event or an item has no such record.
   * A roll-out typed host by host (the same command on each item, its {@code host} column naming it):
   * each item at the first such command on it.
   */
  private static Map<String, Instant> stepTimes(World world, Hypothesis h) {
    Event cause = null;
    OpsCommand typed = null;
    for (TimedFact f : world.timeline()) {
      if (f instanceof Event e && e.origin() != null && e.origin().equals(h.cause())) cause = e;
      if (f instanceof OpsCommand c && c.origin() != null && c.origin().equals(h.cause()) && !c.ranOn().isEmpty()) typed = c;
    }
    if (typed != null) {
      String command = typed.command();
      return firstOnEachItem(world, h, f -> f instanceof OpsCommand c && c.command().equals(command) ? c.ranOn() : null);
    }
    if (cause == null) return Map.of();
    String type = cause.type();
    return firstOnEachItem(world, h, f -> f instanceof Event e && e.type().equals(type) ? e.entity() : null);
  }

  /**
   * Each of the claim's items (detail {@code items}, in that order) at the earliest record that {@code itemOf}
   * says was done on it (the item it names, or null), read in one pass over the timeline; empty when an item has none.
   */
  private static Map<String, Instant> firstOnEachItem(World world, Hypothesis h, Function<TimedFact, String> itemOf) {
    List<String> items = List.of(h.detail("items").split(",\\s*"));
    Set<String> wanted = new HashSet<>(items);
    Map<String, Instant> first = new HashMap<>();
    for (TimedFact f : world.timeline()) {
      String item = itemOf.apply(f);
      if (item != null && wanted.contains(item)) first.merge(item, f.time(), (a, b) -> a.isBefore(b) ? a : b);
    }
    Map<String, Instant> out = new LinkedHashMap<>();
    for (String item : items) {
      Instant at = first.get(item);
      if (at == null) return Map.of();
      out.put(item, at);
    }
    return out;
  }

  /** A roll-out's items at their steps as the incident's records time them (a claim put to another timeline reads its own). */
  private static Map<String, Instant> stepTimes(World world, Change rollOut) {
    Map<String, Instant> out = new LinkedHashMap<>();
    for (Change s : rollOut.steps()) {
      Instant t = s.origin() == null ? null : world.timeOf(s.origin());
      out.merge(s.entity(), t == null ? s.time() : t, (a, b) -> a.isBefore(b) ? a : b);
    }
    return out;
  }
}
