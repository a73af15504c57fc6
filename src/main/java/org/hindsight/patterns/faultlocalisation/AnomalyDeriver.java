package org.hindsight.patterns.faultlocalisation;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.derive.Derivation;
import org.hindsight.derive.FactDeriver;
import org.hindsight.facts.Anomaly;
import org.hindsight.facts.CallerView;
import org.hindsight.facts.MetricSeries;
import org.hindsight.facts.Fact;
import org.hindsight.observe.LearnedBaselines;
import org.hindsight.observe.Symptom;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.world.World;

/**
 * One {@link Anomaly} per service from the observation model's learned-baseline episodes: the
 * first onset, the strongest score and how many series took part. Neutral: it says what left its
 * baseline and when; the rules decide which of them is the root.
 */
@AutoService(FactDeriver.class)
public final class AnomalyDeriver implements FactDeriver {
  @Override
  public String name() {
    return "anomalies";
  }

  @Override
  public List<Class<? extends Fact>> factTypes() {
    return List.of(Anomaly.class, CallerView.class);
  }

  @Override
  public List<Fact> derive(World world) {
    // Rises and falls apart: a service whose series only fell (less traffic, less CPU) is usually
    // starved by a caller in trouble; its onset and strength must not stand for trouble of its own.
    Map<String, Symptom> firstRise = new LinkedHashMap<>();
    Map<String, Symptom> firstFall = new LinkedHashMap<>();
    Map<String, Double> rise = new LinkedHashMap<>();
    Map<String, Double> fall = new LinkedHashMap<>();
    Map<String, Set<String>> series = new LinkedHashMap<>();
    Set<String> resourceRise = new HashSet<>();
    // Series another entity measured are views, not the entity's own: the rules weigh them (CallerView).
    Map<String, Symptom> firstViewRise = new LinkedHashMap<>();
    Map<String, Double> viewRise = new LinkedHashMap<>();
    Map<String, MetricSeries> viewed = new LinkedHashMap<>();
    for (MetricSeries m : world.metrics()) {
      if (m.viewed()) viewed.putIfAbsent(serviceOf(world, m.measuredBy()) + '\u0000' + serviceOf(world, m.entity()), m);
    }
    for (Symptom s : world.observations().ofKind(SymptomKinds.ANOMALY)) { // by onset
      Derivation.at(s.evidence());
      String service = serviceOf(world, s.entity());
      boolean below = LearnedBaselines.below(s);
      String measurer = LearnedBaselines.measurer(s);
      // a service timing itself (two of its entities) measures its own series
      if (!measurer.isEmpty() && !below && !serviceOf(world, measurer).equals(service)) {
        // A rise another entity measured is weighed by the rules (CallerView), not taken as the entity's own; a
        // fall is (calls answered faster: the entity is sent less work, whoever times it).
        String pair = serviceOf(world, measurer) + '\u0000' + service;
        firstViewRise.putIfAbsent(pair, s);
        viewRise.merge(pair, s.magnitude(), Math::max);
        continue;
      }
      (below ? firstFall : firstRise).putIfAbsent(service, s);
      if (!below && LearnedBaselines.resourceSeries(s) && byTheNextRound(s, firstRise.get(service))) {
        resourceRise.add(service);
      }
      (below ? fall : rise).merge(service, s.magnitude(), Math::max);
      series.computeIfAbsent(service, k -> new HashSet<>()).add(s.entity() + '\u0000' + s.detail());
    }
    List<Fact> out = new ArrayList<>();
    var obs = world.observations();
    long windowEnd = obs.logsStart() == null || obs.logsEnd() == null ? Long.MIN_VALUE
        : LearnedBaselines.windowEnd(obs.logsStart(), obs.logsEnd(), world.metrics());
    for (var v : viewed.entrySet()) {
      String[] pair = v.getKey().split("\u0000", -1);
      if (pair[0].equals(pair[1])) continue; // a service timing itself: its own series, no view
      Symptom s = firstViewRise.get(v.getKey());
      out.add(s == null
          ? new CallerView(pair[1], pair[0], v.getValue().entity(), false, null, null, 0, "", v.getValue().origin(), false)
          : new CallerView(pair[1], pair[0], s.entity(), true, s.onset(), s.onsetEarliest(), viewRise.get(v.getKey()),
              s.detail(), s.evidence(), s.onset().toEpochMilli() < windowEnd));
    }
    for (String service : series.keySet()) {
      boolean rising = firstRise.containsKey(service);
      Symptom s = rising ? firstRise.get(service) : firstFall.get(service);
      out.add(new Anomaly(service, s.entity(), s.onset(), s.onsetEarliest(), (rising ? rise : fall).get(service),
          series.get(service).size(), s.detail(), s.evidence(), rising,
          fellFirst(firstFall.get(service), firstRise.get(service)), resourceRise.contains(service),
          s.onset().toEpochMilli() < windowEnd));
    }
    return out;
  }

  /**
   * Whether a rise of a service's own resources came in the sampling round of its first rise or the next
   * one: its last normal sample no later than half a round after the first rise's first anomalous sample.
   * A usage rate (CPU seconds per second) is read over the interval before its sample and often shows a
   * fault a sample after the latency it causes; a callee's trouble raises its callers' latency, not their
   * own resources, either way. Two rounds later is aftermath (a backlog, retries), not where trouble began.
   */
  static boolean byTheNextRound(Symptom resource, Symptom firstRise) {
    long first = firstRise.onset().toEpochMilli();
    long halfRound = (first - firstRise.onsetEarliest().toEpochMilli()) / 2;
    return resource.onsetEarliest().toEpochMilli() <= first + halfRound;
  }

  /**
   * When a service was first starved: its first fall, when no rise came before it. A callee sent less
   * work falls first and may rise later (its own timeouts, a backlog when work returns); a service
   * that rose first is in trouble of its own, and a later fall is its aftermath, not a caller's mark.
   */
  static java.time.Instant fellFirst(Symptom fall, Symptom rise) {
    if (fall == null) return null;
    return rise == null || fall.onset().isBefore(rise.onset()) ? fall.onset() : null;
  }

  /** The service an entity serves (its first inventory row naming one), else the entity itself. */
  static String serviceOf(World world, String entity) {
    return world.serviceOf(entity).orElse(entity);
  }
}
