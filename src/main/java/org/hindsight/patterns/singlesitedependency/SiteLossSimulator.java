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
import org.hindsight.facts.SiteEvents;
import org.hindsight.facts.Hypothesis;
import org.hindsight.observe.Observations;
import org.hindsight.observe.Symptom;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.simulate.Chart;
import org.hindsight.simulate.Charts;
import org.hindsight.simulate.Prediction;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.Series;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.Simulator;
import org.hindsight.simulate.propagation.FailurePropagation.Outage;
import org.hindsight.simulate.propagation.SiteLoss;
import org.hindsight.world.World;

/**
 * Validates {@code single-site-dependency} hypotheses by replaying the loss of the site.
 *
 * <p>The site's items fail when it loses power (the first {@code site.power_loss} of the site
 * after the trigger; else when the first of its items goes down, as after a cooling failure; else at the trigger itself), failures climb the hard dependencies one hop a
 * minute, and when {@code site.restored} is logged everything restarts ({@code restart_minutes},
 * else an estimate): recovery is predicted and scored.
 *
 * <ul>
 *   <li>with the cause: the component alone is single-sited — every other single-site component
 *       of the site is given a replica elsewhere — so the replay shows what this component alone
 *       takes down;
 *   <li>without exactly this cause: the site loss as logged, with only this component given a
 *       replica in another site (the others still fall);
 *   <li>rivals: each other single-site component of the site alone, when it shares a dependent
 *       with this one;
 *   <li>as logged: the site loss with every single-site component falling.
 * </ul>
 * Site outages are often over-determined (several single-site components under one service):
 * then no one component's removal saves that service, and the report says so.
 *
 * <p>Predictions are made only for entities the logs could show: services listed in
 * {@code services} and entities of any {@code service.*} event.
 */
@AutoService(org.hindsight.simulate.Simulator.class)
public final class SiteLossSimulator implements Simulator {
  public static final String PATTERN = "single-site-dependency";
  /** Monitors notice an outage within minutes; the model places onsets to about this. */
  static final Duration TOLERANCE = Duration.ofMinutes(5);
  /** A power loss of the site this long after the trigger is still its loss. */
  static final Duration LOSS_WINDOW = Duration.ofHours(12);

  @Override
  public String pattern() {
    return PATTERN;
  }

  @Override
  public Set<String> symptomKinds() {
    return Set.of(SymptomKinds.SERVICE_DOWN);
  }

  @Override
  public Replay replay(World world, Hypothesis h, SimulationBudget budget) {
    String site = h.site();
    Instant triggered = world.timeOf(h.trigger());
    if (triggered == null || site.isEmpty()) {
      return Replay.nothing(TOLERANCE, List.of("No site event is cited, so there is no site loss to replay."), "");
    }
    Instant lossAt = lossTime(world, site, triggered);
    Instant restoredAt = restoredTime(world, site, lossAt);
    Set<String> monitored = monitored(world);
    SiteLoss model = new SiteLoss(world);
    String subject = h.subject();
    List<String> singles = world.singleSiteComponents(site);

    Set<String> exposedHere = exposure(world, subject);
    Map<String, Outage> alone = run(model, site, lossAt, restoredAt, others(singles, subject), budget);
    Map<String, Outage> without = run(model, site, lossAt, restoredAt, Set.of(subject), budget);
    Map<String, Outage> logged = run(model, site, lossAt, restoredAt, Set.of(), budget);
    List<Prediction> rivals = new ArrayList<>();
    Map<String, Map<String, Outage>> rivalRuns = new TreeMap<>();
    for (String c : singles) {
      if (c.equals(subject) || !sharesADependent(world, c, exposedHere)) continue;
      Map<String, Outage> r = run(model, site, lossAt, restoredAt, others(singles, c), budget);
      rivalRuns.put(c, r);
      rivals.add(new Prediction(c + " alone single-sited in " + site, "", world.placement(c).origin(), lossAt, symptoms(r, monitored)));
    }
    if (budget.exhausted()) return Replay.nothing(TOLERANCE, List.of(), budget.describe());

    List<Symptom> withCause = symptoms(alone, monitored);
    List<Symptom> withoutCause = symptoms(without, monitored);
    List<Symptom> asLogged = symptoms(logged, monitored);

    List<String> narrative = new ArrayList<>();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("site", site);
    details.put("lossAt", lossAt.toString());
    details.put("restoredAt", restoredAt == null ? "" : restoredAt.toString());
    details.put("singleSiteComponents", singles);
    details.put("predictedDown", withCause.stream().map(Symptom::entity).toList());
    details.put("predictedDownAsLogged", asLogged.stream().map(Symptom::entity).toList());
    details.put("predictedDownWithAReplicaOfThis", withoutCause.stream().map(Symptom::entity).toList());

    narrative.add(String.format("Losing site %s at %s with every single-site component there (%s) takes down %d monitored service(s): %s.",
        site, at(world, lossAt), String.join(", ", singles), asLogged.size(), names(asLogged)));
    narrative.add(String.format("With %s the only component single-sited in %s, the loss takes down %d: %s.", subject, site,
        withCause.size(), names(withCause)));
    List<String> chainExample = exampleChain(world, withCause, subject);
    if (!chainExample.isEmpty()) {
      narrative.add("Every live replica of " + subject + " was in " + site + "; for example " + String.join(" -> ", chainExample)
          + " (hard dependencies).");
    }
    Set<String> saved = saved(asLogged, withoutCause);
    Set<String> stillDown = new TreeSet<>();
    for (Symptom s : withCause) if (!saved.contains(s.entity())) stillDown.add(s.entity());
    narrative.add("Counterfactual: with a replica of " + subject + " alone in another site: "
        + (saved.isEmpty() ? "no service stays up" : String.join(", ", saved) + " stay up")
        + (stillDown.isEmpty() ? "." : "; " + String.join(", ", stillDown)
            + " still fall to the other single-site components (over-determined: no one component's replica saves them)."));
    Map<String, Object> perComponent = new TreeMap<>();
    rivalRuns.forEach((c, r) -> perComponent.put(c, symptoms(r, monitored).stream().map(Symptom::entity).toList()));
    details.put("rivalsAlone", perComponent);

    Replay.Builder b = Replay.builder(TOLERANCE)
        .scope(monitored)
        .hypothesis(new Prediction(subject + " single-sited in " + site, "", h.cause(), lossAt, withCause))
        .counterfactual(new Prediction("a replica of " + subject + " in another site", "", null, lossAt, withoutCause))
        .asLogged(new Prediction("site loss as logged", "", null, lossAt, asLogged))
        .rivals(rivals)
        .calibration("Loss time from " + (lossAt.equals(triggered) ? "the trigger " + h.trigger() : "the site's power loss after the trigger")
            + "; restore time from " + (restoredAt == null ? "nothing (no site.restored: no recovery predicted)" : "its site.restored event")
            + "; restart times from services.csv restart_minutes where given, else 5 min × log2(1 + hosts); hop delay "
            + SiteLoss.HOP_DELAY.toMinutes() + " min (a prior). None is read from the service.down/up being scored.");
    recoveryComparison(world, alone, monitored, restoredAt, narrative, details);
    return b.narrative(narrative)
        .chart(downChart(world.observations(), lossAt, alone, without, monitored))
        .details(details)
        .build();
  }

  private static Set<String> others(List<String> singles, String keep) {
    Set<String> out = new HashSet<>(singles);
    out.remove(keep);
    return out;
  }

  private static Map<String, Outage> run(SiteLoss model, String site, Instant at, Instant restoredAt, Set<String> replicated,
      SimulationBudget budget) {
    return model.run(site, at, restoredAt, replicated, budget);
  }

  /** The component and everything that hard-depends on it. */
  private static Set<String> exposure(World world, String component) {
    Set<String> out = new HashSet<>(world.hardDependents(component));
    out.add(component);
    return out;
  }

  private static boolean sharesADependent(World world, String component, Set<String> exposed) {
    if (exposed.contains(component)) return true;
    for (String s : world.hardDependents(component)) if (exposed.contains(s)) return true;
    return false;
  }

  private static String at(World world, Instant t) {
    return t.atZone(world.displayZone()).toOffsetDateTime().toString();
  }

  /**
   * When the site's items are lost: its first power loss ({@code site.power_loss}, {@code dc.blackout} …)
   * within the window after the trigger; else, for a loss that stops them slowly (cooling failed: they
   * shut down as they overheat, Azure South Central US 2018-09-04), the first of its items the logs show
   * going down after the trigger; else the trigger.
   */
  static Instant lossTime(World world, String site, Instant trigger) {
    for (Event e : world.eventsOfTypes(typesSaying(world, SiteEvents::saysPowerLoss))) {
      if (!e.time().isBefore(trigger) && !e.time().isAfter(trigger.plus(LOSS_WINDOW)) && world.sitesOf(e.entity()).contains(site)) {
        return e.time();
      }
    }
    for (Event e : world.eventsOfTypes(typesSaying(world, Observations::saysDown))) {
      if (e.time().isBefore(trigger) || e.time().isAfter(trigger.plus(LOSS_WINDOW))) continue;
      var item = world.item(e.entity());
      if (item.isPresent() && item.get().site().equals(site)) return e.time();
    }
    return trigger;
  }

  private static Set<String> typesSaying(World world, java.util.function.Predicate<String> says) {
    Set<String> out = new HashSet<>();
    for (String t : world.eventTypes()) if (says.test(t)) out.add(t);
    return out;
  }

  /** The first {@code site.restored} (or another type saying the site is back) of the site after the loss, or null. */
  static Instant restoredTime(World world, String site, Instant lossAt) {
    for (Event e : world.eventsOfTypes(typesSaying(world, SiteEvents::saysRestored))) {
      if (e.time().isAfter(lossAt) && world.sitesOf(e.entity()).contains(site)) return e.time();
    }
    return null;
  }

  private static final List<String> MONITORED = List.of("service.down", "service.up", "service.degraded");

  /** Whether the site-loss replay reads events of this type (power loss, restoration, monitored state). */
  @Override
  public boolean readsEventType(String type) {
    return SiteEvents.saysPowerLoss(type) || SiteEvents.saysRestored(type) || MONITORED.contains(type) || Observations.saysDown(type);
  }

  /** Entities whose state the logs could show: listed services and entities of service.* events. */
  static Set<String> monitored(World world) {
    Set<String> out = new HashSet<>();
    world.services().forEach(s -> out.add(s.service()));
    for (String type : MONITORED) {
      for (Event e : world.eventsOfType(type)) if (!e.entity().isEmpty()) out.add(e.entity());
    }
    return out;
  }

  /** Predicted outages of monitored entities, with their predicted recovery. */
  static List<Symptom> symptoms(Map<String, Outage> outages, Set<String> monitored) {
    List<Symptom> out = new ArrayList<>();
    for (Outage o : outages.values()) {
      if (monitored.contains(o.service())) out.add(Symptom.predicted(SymptomKinds.SERVICE_DOWN, o.service(), o.down(), o.up()));
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

  /** The longest hard chain from an observed outage down to the component, as an example. */
  private static List<String> exampleChain(World world, List<Symptom> predicted, String component) {
    Observations obs = world.observations();
    List<String> best = List.of();
    for (Symptom p : predicted) {
      if (obs.of(SymptomKinds.SERVICE_DOWN, p.entity()).isEmpty()) continue;
      List<Dependency> c = world.hardChain(p.entity(), component);
      if (c.isEmpty() || c.size() + 1 <= best.size()) continue;
      List<String> names = new ArrayList<>();
      names.add(p.entity());
      c.forEach(d -> names.add(d.dependsOn()));
      best = names;
    }
    return best;
  }

  /** Predicted recovery (site back + cold restarts along the chain) against the observed ends of the outages. */
  private static void recoveryComparison(World world, Map<String, Outage> with, Set<String> monitored, Instant restoredAt,
      List<String> narrative, Map<String, Object> details) {
    if (restoredAt == null) {
      narrative.add("No site.restored event is logged, so the replay predicts no recovery time.");
      return;
    }
    Observations obs = world.observations();
    Map<String, Object> recovery = new TreeMap<>();
    long worst = 0;
    String worstService = "";
    int compared = 0;
    long totalError = 0;
    for (Outage o : with.values()) {
      if (!monitored.contains(o.service()) || o.up() == null) continue;
      Symptom seen = obs.firstAtOrAfter(SymptomKinds.SERVICE_DOWN, o.service(), o.down().minus(TOLERANCE));
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("predictedUp", o.up().toString());
      r.put("observedUp", seen == null || seen.end() == null ? "" : seen.end().toString());
      if (seen != null && seen.end() != null) {
        long err = Duration.between(seen.end(), o.up()).toMinutes();
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
      narrative.add(String.format("Against the observed recoveries the predicted ones are off by %d min on average; worst %s (%+d min: predicted earlier than observed means recovery took more than a restart, e.g. rebuilds or manual failover).",
          totalError / compared, worstService, worst));
    }
  }

  /** Services down over time: observed (down episodes) vs predicted with and without the cause. */
  private static Chart downChart(Observations obs, Instant from, Map<String, Outage> with, Map<String, Outage> without,
      Set<String> monitored) {
    List<long[]> seen = new ArrayList<>();
    Set<String> entities = new LinkedHashSet<>();
    with.keySet().forEach(entities::add);
    without.keySet().forEach(entities::add);
    for (String e : entities) {
      Symptom s = obs.firstAtOrAfter(SymptomKinds.SERVICE_DOWN, e, from.minus(TOLERANCE));
      if (s != null) seen.add(new long[] {s.onset().toEpochMilli(), s.end() == null ? Long.MAX_VALUE : s.end().toEpochMilli()});
    }
    List<Series> series = List.of(
        step("observed", "observed", seen),
        step("with the single-site component", "with-cause", intervals(with, monitored)),
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
    for (long t : times) {
      int n = 0;
      for (long[] i : intervals) if (i[0] <= t && t < i[1]) n++;
      points.add(new Series.Point(t, n));
    }
    return new Series(name, role, points);
  }
}
