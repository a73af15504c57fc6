package org.hindsight.patterns.singlesitedependency;

import com.google.auto.service.AutoService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hindsight.facts.Dependency;
import org.hindsight.facts.Event;
import org.hindsight.facts.Hypothesis;
import org.hindsight.simulate.Chart;
import org.hindsight.simulate.Charts;
import org.hindsight.simulate.Observations;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.Series;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.Simulator;
import org.hindsight.simulate.Symptom;
import org.hindsight.simulate.propagation.FailurePropagation.Outage;
import org.hindsight.simulate.propagation.SiteLoss;
import org.hindsight.world.World;

/**
 * Validates {@code single-site-dependency} hypotheses by replaying the loss of the site.
 *
 * <p>With the cause: every item of the site fails when the site loses power (the first
 * {@code site.power_loss} within 12 h of the trigger, else the trigger itself), failures climb
 * the hard dependencies, and when {@code site.restored} is logged everything restarts
 * ({@code restart_minutes}). Without the cause: the same site loss, but every component
 * single-sited there that an observed outage depends on is given a replica in another site. Site
 * outages are usually over-determined (several single-site components under the same services),
 * so the counterfactual that decides the verdict is the joint one; the narrative adds each
 * component's own counterfactual ("with a replica of X elsewhere, A and B survive; C still falls
 * to Y").
 *
 * <p>Predictions are compared only for entities the logs could show: services listed in
 * {@code services} and entities of any {@code service.*} event.
 */
@AutoService(org.hindsight.simulate.Simulator.class)
public final class SiteLossSimulator implements Simulator {
  public static final String PATTERN = "single-site-dependency";
  static final Duration TOLERANCE = Duration.ofMinutes(30);
  static final Duration BEFORE = Duration.ofMinutes(5);
  static final Duration WINDOW = Duration.ofHours(12);

  @Override
  public String pattern() {
    return PATTERN;
  }

  @Override
  public Replay replay(World world, Hypothesis h, SimulationBudget budget) {
    String site = h.site();
    Event trigger = world.events().stream().filter(e -> e.origin().equals(h.trigger())).findFirst().orElse(null);
    if (trigger == null || site.isEmpty()) {
      return new Replay(List.of(), List.of(), List.of(), TOLERANCE,
          List.of("No site event is cited, so there is no site loss to replay."), List.of(), Map.of(), "");
    }
    Instant lossAt = lossTime(world, site, trigger);
    Instant restoredAt = restoredTime(world, site, lossAt);

    List<Symptom> observed = Observations.firstPerEntity(world, "service.down").stream()
        .filter(s -> !s.onset().isBefore(trigger.time().minus(BEFORE)) && !s.onset().isAfter(trigger.time().plus(WINDOW)))
        .toList();
    Set<String> monitored = monitored(world);
    SiteLoss model = new SiteLoss(world);

    Map<String, Outage> with = model.run(site, lossAt, restoredAt, Set.of(), budget);
    if (!budget.step()) return stopped(observed, budget);

    // The single-site components at this site that the observed outages need (subject always included).
    Set<String> culprits = new TreeSet<>();
    Set<String> singleHere = new HashSet<>(world.singleSiteComponents(site));
    if (singleHere.contains(h.subject())) culprits.add(h.subject());
    for (Symptom s : observed) {
      if (singleHere.contains(s.entity())) culprits.add(s.entity());
      for (String c : world.hardClosure(s.entity())) if (singleHere.contains(c)) culprits.add(c);
    }
    Map<String, Outage> without = model.run(site, lossAt, restoredAt, culprits, budget);

    List<Symptom> withCause = symptoms(with, monitored);
    List<Symptom> withoutCause = symptoms(without, monitored);

    List<String> narrative = new ArrayList<>();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("site", site);
    details.put("lossAt", lossAt.toString());
    details.put("restoredAt", restoredAt == null ? "" : restoredAt.toString());
    details.put("singleSiteComponents", List.copyOf(culprits));
    details.put("predictedDown", withCause.stream().map(Symptom::entity).toList());
    details.put("predictedDownWithReplicas", withoutCause.stream().map(Symptom::entity).toList());

    narrative.add(String.format("Losing site %s at %s takes down %d monitored service(s) over hard dependencies: %s.",
        site, at(world, lossAt), withCause.size(), names(withCause)));
    Outage subjectOutage = with.get(h.subject());
    List<String> chainExample = exampleChain(world, observed, h.subject());
    if (!chainExample.isEmpty()) {
      narrative.add("Every live replica of " + h.subject() + " was in " + site + "; for example "
          + String.join(" -> ", chainExample) + " (hard dependencies).");
    } else if (subjectOutage != null) {
      narrative.add("Every live replica of " + h.subject() + " was in " + site + ".");
    }
    Set<String> savedJointly = saved(withCause, withoutCause);
    narrative.add(String.format("Counterfactual: with a replica in another site for %s, %d of those services survive (%s)%s.",
        String.join(", ", culprits), savedJointly.size(), String.join(", ", savedJointly),
        withoutCause.isEmpty() ? "" : "; still down: " + names(withoutCause)
            + " (capacity left only in " + site + " or needs outside this model)"));

    // Each component on its own: which services would a replica elsewhere save?
    Map<String, Object> perComponent = new TreeMap<>();
    for (String c : culprits) {
      Map<String, Outage> alone = model.run(site, lossAt, restoredAt, Set.of(c), budget);
      Set<String> savedAlone = saved(withCause, symptoms(alone, monitored));
      Set<String> stillDown = new TreeSet<>();
      for (String svc : world.hardDependents(c)) if (alone.containsKey(svc) && monitored.contains(svc)) stillDown.add(svc);
      perComponent.put(c, Map.of("saves", List.copyOf(savedAlone), "stillDownOfItsDependents", List.copyOf(stillDown)));
      if (culprits.size() > 1) {
        narrative.add("With a replica of " + c + " alone outside " + site + ": "
            + (savedAlone.isEmpty() ? "no service stays up" : String.join(", ", savedAlone) + " stay up")
            + (stillDown.isEmpty() ? "." : "; " + String.join(", ", stillDown)
                + " still fall to the other single-site components."));
      }
    }
    details.put("perComponent", perComponent);
    if (!budget.step()) return stopped(observed, budget);

    recoveryComparison(world, with, monitored, restoredAt, narrative, details);
    List<Chart> charts = List.of(downChart(world, observed, with, without, monitored, trigger.time()));
    return new Replay(observed, withCause, withoutCause, TOLERANCE, narrative, charts, details, "");
  }

  private static String at(World world, Instant t) {
    return t.atZone(world.displayZone()).toOffsetDateTime().toString();
  }

  private static Replay stopped(List<Symptom> observed, SimulationBudget budget) {
    return new Replay(observed, List.of(), List.of(), TOLERANCE, List.of(), List.of(), Map.of(), budget.describe());
  }

  /** When the site's items are lost: its first power loss within the window after the trigger, else the trigger. */
  static Instant lossTime(World world, String site, Event trigger) {
    for (Event e : sorted(world)) {
      if (e.type().equals("site.power_loss") && !e.time().isBefore(trigger.time())
          && !e.time().isAfter(trigger.time().plus(WINDOW)) && world.siteOf(e.entity()).equals(site)) {
        return e.time();
      }
    }
    return trigger.time();
  }

  /** The first {@code site.restored} of the site after the loss, or null. */
  static Instant restoredTime(World world, String site, Instant lossAt) {
    for (Event e : sorted(world)) {
      if (e.type().equals("site.restored") && e.time().isAfter(lossAt)
          && world.siteOf(e.entity()).equals(site)) {
        return e.time();
      }
    }
    return null;
  }

  private static List<Event> sorted(World world) {
    return world.eventsInTimeOrder();
  }

  /** Entities whose state the logs could show: listed services and entities of service.* events. */
  static Set<String> monitored(World world) {
    Set<String> out = new HashSet<>();
    world.services().forEach(s -> out.add(s.service()));
    for (Event e : world.events()) if (e.type().startsWith("service.") && !e.entity().isEmpty()) out.add(e.entity());
    return out;
  }

  static List<Symptom> symptoms(Map<String, Outage> outages, Set<String> monitored) {
    List<Symptom> out = new ArrayList<>();
    for (Outage o : outages.values()) {
      if (monitored.contains(o.service())) out.add(Symptom.predicted("service.down", o.service(), o.down()));
    }
    out.sort(Comparator.comparing(Symptom::onset).thenComparing(Symptom::entity));
    return out;
  }

  private static Set<String> saved(List<Symptom> with, List<Symptom> without) {
    Set<String> still = new HashSet<>();
    without.forEach(s -> still.add(s.entity()));
    Set<String> out = new TreeSet<>();
    for (Symptom s : with) if (!still.contains(s.entity())) out.add(s.entity());
    return out;
  }

  private static String names(List<Symptom> symptoms) {
    if (symptoms.isEmpty()) return "none";
    return String.join(", ", symptoms.stream().map(Symptom::entity).toList());
  }

  private static List<String> exampleChain(World world, List<Symptom> observed, String component) {
    List<String> best = List.of();
    for (Symptom s : observed) {
      List<Dependency> c = world.hardChain(s.entity(), component);
      if (c.isEmpty() || c.size() + 1 <= best.size()) continue;
      List<String> names = new ArrayList<>();
      names.add(s.entity());
      c.forEach(d -> names.add(d.dependsOn()));
      best = names;
    }
    return best;
  }

  /** Predicted recovery (site back + cold restarts along the chain) against the observed service.up. */
  private static void recoveryComparison(World world, Map<String, Outage> with, Set<String> monitored, Instant restoredAt,
      List<String> narrative, Map<String, Object> details) {
    if (restoredAt == null) {
      narrative.add("No site.restored event is logged, so the replay predicts no recovery time.");
      return;
    }
    Map<String, Object> recovery = new TreeMap<>();
    long worst = 0;
    String worstService = "";
    int compared = 0;
    long totalError = 0;
    for (Outage o : with.values()) {
      if (!monitored.contains(o.service()) || o.up() == null) continue;
      Event up = Observations.firstAfter(world, "service.up", o.service(), o.down());
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("predictedUp", o.up().toString());
      r.put("observedUp", up == null ? "" : up.time().toString());
      if (up != null) {
        long err = Duration.between(o.up(), up.time()).toMinutes();
        r.put("errorMinutes", err);
        compared++;
        totalError += Math.abs(err);
        if (Math.abs(err) > Math.abs(worst)) {
          worst = err;
          worstService = o.service();
        }
      }
      recovery.put(o.service(), r);
    }
    details.put("recovery", recovery);
    Instant lastUp = with.values().stream().filter(o -> monitored.contains(o.service()) && o.up() != null)
        .map(Outage::up).max(Instant::compareTo).orElse(restoredAt);
    narrative.add("Recovery: the site is back at " + at(world, restoredAt) + "; cold restarts along the hard dependencies bring the last service back at "
        + at(world, lastUp) + " (" + Duration.between(restoredAt, lastUp).toMinutes() + " min after the site).");
    if (compared > 0) {
      narrative.add(String.format("Against the logged service.up events the predicted recovery is off by %d min on average; worst %s (%+d min: observed later means recovery took more than a restart, e.g. rebuilds or manual failover).",
          totalError / compared, worstService, worst));
    }
  }

  /** Services down over time: observed (service.down/up events) vs predicted with and without the cause. */
  private static Chart downChart(World world, List<Symptom> observed, Map<String, Outage> with, Map<String, Outage> without,
      Set<String> monitored, Instant from) {
    List<long[]> obs = new ArrayList<>();
    for (Symptom s : observed) {
      Event up = Observations.firstAfter(world, "service.up", s.entity(), s.onset());
      obs.add(new long[] {s.onset().toEpochMilli(), up == null ? Long.MAX_VALUE : up.time().toEpochMilli()});
    }
    List<Series> series = List.of(
        step("observed", "observed", obs),
        step("with the single-site components", "with-cause", intervals(with, monitored)),
        step("with a replica elsewhere", "without-cause", intervals(without, monitored)));
    long first = series.stream().flatMap(x -> x.points().stream()).mapToLong(Series.Point::millis).min().orElse(from.toEpochMilli());
    long last = series.stream().flatMap(x -> x.points().stream()).mapToLong(Series.Point::millis).max().orElse(first);
    return new Chart("Services down after the loss of the site", "services",
        series.stream().map(x -> Charts.zeroIfEmpty(x, first, last)).toList());
  }

  private static List<long[]> intervals(Map<String, Outage> outages, Set<String> monitored) {
    List<long[]> out = new ArrayList<>();
    for (Outage o : outages.values()) {
      if (!monitored.contains(o.service())) continue;
      out.add(new long[] {o.down().toEpochMilli(), o.up() == null ? Long.MAX_VALUE : o.up().toEpochMilli()});
    }
    return out;
  }

  private static Series step(String name, String role, List<long[]> intervals) {
    Set<Long> times = new TreeSet<>();
    for (long[] i : intervals) {
      times.add(i[0]);
      if (i[1] != Long.MAX_VALUE) times.add(i[1]);
    }
    List<Series.Point> points = new ArrayList<>();
    for (long t : new LinkedHashSet<>(times)) {
      int n = 0;
      for (long[] i : intervals) if (i[0] <= t && t < i[1]) n++;
      points.add(new Series.Point(t, n));
    }
    return new Series(name, role, points);
  }
}
