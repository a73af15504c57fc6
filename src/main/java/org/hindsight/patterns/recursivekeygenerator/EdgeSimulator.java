package org.hindsight.patterns.recursivekeygenerator;

import com.google.auto.service.AutoService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hindsight.facts.Event;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.KeyGenerator;
import org.hindsight.facts.MitigationRule;
import org.hindsight.observe.MetricThresholds;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.simulate.Prediction;
import org.hindsight.ingest.RequestLog;
import org.hindsight.simulate.Chart;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.Series;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.Simulator;
import org.hindsight.observe.Symptom;
import org.hindsight.world.World;

/**
 * Validates a recursive key generator by replaying the sampled requests through {@link EdgeModel}.
 * A rule's key evaluation enters at most one cycle (each generator has one parent), so the cycles
 * partition the looping rules:
 *
 * <ul>
 *   <li>with the cause: only the rules whose walk enters this cycle loop;
 *   <li>without exactly this cause: the cycle broken (the closing generator falls back to a
 *       terminating ip key), every other cycle as logged;
 *   <li>as logged: every looping rule loops;
 *   <li>rivals: each other cycle a live rule reaches, alone (named by its closing row);
 *   <li>what-if: the rule disabled when the incident was declared.
 * </ul>
 * Predicted: {@code cpu.pinned} of each poisoned process from the poisoning request until the
 * logged restart that clears it (recovery is scored), and {@code errors} of each data centre while
 * its clients' error share is at or above {@link MetricThresholds#ERROR_RATIO}.
 */
@AutoService(org.hindsight.simulate.Simulator.class)
public final class EdgeSimulator implements Simulator {
  public static final String PATTERN = "recursive-key-generator";
  /** Requests are replayed to the millisecond, metrics sampled by the minute. */
  static final Duration TOLERANCE = Duration.ofMinutes(2);
  private static final String RESTART = "process.restart";
  private static final String DECLARED = "incident.declared";
  private static final String SHIFT = "traffic.shift";

  /** Whether the edge replay (and the mitigation rules it replays) reads events of this type. */
  @Override
  public boolean readsEventType(String type) {
    return type.equals(RESTART) || type.equals(DECLARED) || type.equals(SHIFT)
        || type.equals(MitigationRuleDeriver.DEPLOY) || type.equals(MitigationRuleDeriver.DISABLE);
  }

  @Override
  public String pattern() {
    return PATTERN;
  }

  @Override
  public Set<String> symptomKinds() {
    return Set.of(SymptomKinds.CPU_PINNED, SymptomKinds.ERRORS);
  }

  @Override
  public Replay replay(World world, Hypothesis h, SimulationBudget budget) {
    RequestLog log = world.requests();
    EdgeModel model = new EdgeModel(log);
    List<KeyGenerator> rows = world.keyGenerators();
    String closing = h.subject();
    String rule = h.detail("rule");
    KeyChain chain = new KeyChain(rows, null);
    KeyChain broken = new KeyChain(rows, closing);
    Map<String, MitigationRule> rules = new LinkedHashMap<>();
    for (MitigationRule r : world.derived(MitigationRule.class)) rules.put(r.name(), r);

    int dict = log.dictionarySize();
    boolean[] loops = new boolean[dict];
    boolean[] loopsBroken = new boolean[dict];
    long[] from = new long[dict];
    long[] until = new long[dict];
    java.util.Arrays.fill(from, Long.MAX_VALUE);
    java.util.Arrays.fill(until, Long.MAX_VALUE);
    List<String> loopingRules = new ArrayList<>();
    // The cycle each looping rule enters, as the sorted set of its generators.
    Map<Integer, Set<String>> cycleOf = new LinkedHashMap<>();
    Map<Set<String>, String> closingOf = new LinkedHashMap<>();
    for (var r : rules.values()) {
      int code = log.codeOf(r.name());
      if (code < 0) continue;
      from[code] = r.deployedMillis();
      if (r.disabled()) until[code] = r.disabledMillis();
      loops[code] = chain.evaluateTrigger(r.name(), budget) == KeyChain.Outcome.LOOPS;
      loopsBroken[code] = broken.evaluateTrigger(r.name(), budget) == KeyChain.Outcome.LOOPS;
      if (loops[code]) {
        loopingRules.add(r.name());
        List<String> walk = chain.walk(r.name());
        if (walk.size() >= 2) {
          String repeated = walk.get(walk.size() - 1);
          Set<String> cycle = new TreeSet<>(walk.subList(walk.indexOf(repeated), walk.size() - 1));
          cycleOf.put(code, cycle);
          closingOf.putIfAbsent(cycle, walk.get(walk.size() - 2));
        }
      }
    }
    if (rule.isEmpty() && !loopingRules.isEmpty()) rule = loopingRules.get(0);

    List<Event> restartEvents = world.eventsOfType(RESTART);
    long[] restartTimes = new long[restartEvents.size()];
    int[][] restartTargets = new int[restartEvents.size()][];
    for (int i = 0; i < restartTimes.length; i++) {
      restartTimes[i] = restartEvents.get(i).millis();
      restartTargets[i] = model.restartTargets(restartEvents.get(i).entity());
    }
    List<EdgeModel.LoggedShift> loggedShifts = new ArrayList<>();
    for (Event e : world.eventsOfType(SHIFT)) {
      EdgeModel.LoggedShift l = model.loggedShift(e.millis(), e.entity(), e.attr("to"));
      if (l != null) loggedShifts.add(l);
    }
    List<Event> declaredEvents = world.eventsOfType(DECLARED);
    Event declared = declaredEvents.isEmpty() ? null : declaredEvents.get(0);

    // A process whose CPU nobody measured shows its poisoning only as its requests failing (what its clients
    // got): there the replay predicts that too, so the claim is checked on what was measured.
    org.hindsight.observe.Observations obs = world.observations();
    java.util.function.Predicate<String> byRequests = p -> !obs.measures(SymptomKinds.CPU_PINNED, p) && obs.measures(SymptomKinds.ERRORS, p);
    boolean[] alone = new boolean[dict];
    long liveFrom = Long.MAX_VALUE;
    for (int c = 0; c < dict; c++) {
      Set<String> cycle = cycleOf.get(c);
      alone[c] = loops[c] && cycle != null && cycle.contains(closing);
      if (alone[c]) liveFrom = Math.min(liveFrom, from[c]);
    }
    Instant at = liveFrom == Long.MAX_VALUE ? null : Instant.ofEpochMilli(liveFrom);
    EdgeModel.Result with = model.replay(new EdgeModel.Scenario(alone, from, until, restartTimes, restartTargets, loggedShifts), budget);
    EdgeModel.Result without = model.replay(new EdgeModel.Scenario(loopsBroken, from, until, restartTimes, restartTargets, loggedShifts), budget);
    EdgeModel.Result logged = java.util.Arrays.equals(alone, loops) ? with
        : model.replay(new EdgeModel.Scenario(loops, from, until, restartTimes, restartTargets, loggedShifts), budget);
    List<Prediction> rivals = new ArrayList<>();
    Map<String, KeyGenerator> rowOf = new LinkedHashMap<>();
    for (KeyGenerator g : rows) rowOf.putIfAbsent(g.generator(), g);
    for (var e : closingOf.entrySet()) {
      if (e.getKey().contains(closing)) continue;
      boolean[] only = new boolean[dict];
      long live = Long.MAX_VALUE;
      for (int c = 0; c < dict; c++) {
        only[c] = loops[c] && e.getKey().equals(cycleOf.get(c));
        if (only[c]) live = Math.min(live, from[c]);
      }
      EdgeModel.Result r = model.replay(new EdgeModel.Scenario(only, from, until, restartTimes, restartTargets, loggedShifts), budget);
      KeyGenerator row = rowOf.get(e.getValue());
      rivals.add(new Prediction("the cycle closed by " + e.getValue(), "", row == null ? null : row.origin(),
          live == Long.MAX_VALUE ? null : Instant.ofEpochMilli(live), predicted(model, r, byRequests)));
    }
    EdgeModel.Result disabled = null;
    int ruleCode = log.codeOf(rule);
    if (declared != null && ruleCode >= 0) {
      long[] until2 = until.clone();
      until2[ruleCode] = Math.min(until2[ruleCode], declared.millis());
      disabled = model.replay(new EdgeModel.Scenario(alone, from, until2, restartTimes, restartTargets, loggedShifts), budget);
    }
    String stopped = with.stopped() || without.stopped() || logged.stopped() || (disabled != null && disabled.stopped())
        || budget.exhausted() ? budget.describe() : "";

    List<long[]> observedSpans = new ArrayList<>();
    int observedPoisoned = 0;
    Set<String> processes = new java.util.HashSet<>(model.processes());
    for (Symptom s : world.observations().ofKind(SymptomKinds.CPU_PINNED)) {
      if (!processes.contains(s.entity()) || (at != null && s.onset().isBefore(at))) continue;
      observedPoisoned++;
      observedSpans.add(new long[] {s.onset().toEpochMilli(), s.end() == null ? Long.MAX_VALUE : s.end().toEpochMilli()});
    }
    int seenByRequests = 0;
    for (String p : model.processes()) {
      if (!byRequests.test(p)) continue;
      for (Symptom s : obs.of(SymptomKinds.ERRORS, p)) {
        if (at != null && s.onset().isBefore(at)) continue;
        seenByRequests++;
        observedSpans.add(new long[] {s.onset().toEpochMilli(), s.end() == null ? Long.MAX_VALUE : s.end().toEpochMilli()});
      }
    }
    long unmeasuredPoisoned = with.episodes().stream().filter(e -> !obs.measures(SymptomKinds.CPU_PINNED, e.process())).count();

    List<Symptom> predictedWith = predicted(model, with, byRequests);
    List<Symptom> predictedWithout = predicted(model, without, byRequests);

    long horizon = Math.max(model.lastMillis(), restartTimes.length == 0 ? 0 : restartTimes[restartTimes.length - 1]);
    List<String> narrative = narrative(world, model, chain, rule, closing, with, without, disabled, declared,
        observedPoisoned, horizon);
    if (unmeasuredPoisoned > 0) {
      narrative.add(String.format(Locale.ROOT,
          "%d of the %d process(es) the replay poisons have no cpu.util series: their pinning is not measured (no evidence either way)%s.",
          unmeasuredPoisoned, with.episodes().size(), seenByRequests > 0 || with.episodes().stream().anyMatch(e -> byRequests.test(e.process()))
              ? String.format(Locale.ROOT, "; their sampled requests are checked instead, a process that loops answering none of them until"
                  + " restarted (the logs show %d such spell(s) of failed requests)", seenByRequests)
              : ""));
    }
    if (!rivals.isEmpty()) {
      narrative.add("Other cycles live rules reach: " + String.join(", ", closingOf.values().stream().filter(c -> !c.equals(closing)).toList())
          + "; each is replayed alone as a rival.");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rule", rule);
    details.put("key_walk", String.join(" -> ", chain.walk(rule)));
    details.put("requests_replayed", log.size());
    details.put("poisoned_with_cause", with.episodes().size());
    details.put("poisoned_cycle_broken", without.episodes().size());
    details.put("poisoned_process_minutes", round1(with.processMinutes(horizon)));
    if (disabled != null) {
      details.put("poisoned_if_disabled_at_declaration", disabled.episodes().size());
      details.put("poisoned_process_minutes_if_disabled_at_declaration", round1(disabled.processMinutes(horizon)));
      details.put("process_minutes_saved_by_disabling_at_declaration",
          round1(with.processMinutes(horizon) - disabled.processMinutes(horizon)));
    }
    details.put("traffic_shifts_modelled", with.shifts().size());
    KeyGenerator closingRow = rowOf.get(closing);
    List<String> modelled = new ArrayList<>(model.processes());
    modelled.addAll(model.datacenters());
    return Replay.builder(TOLERANCE)
        .scope(modelled)
        .hypothesis(new Prediction("the cycle closed by " + closing, "", closingRow == null ? h.cause() : closingRow.origin(), at, predictedWith))
        .counterfactual(new Prediction("the cycle broken at " + closing, "", null, at, predictedWithout))
        .asLogged(logged == with ? null : new Prediction("every cycle as logged", "", null, at, predicted(model, logged, byRequests)))
        .rivals(rivals)
        .narrative(narrative)
        .calibration("Topology (data centres, servers, processes) and request placement from requests.csv; "
            + interventions(restartTimes.length > 0, rules.values().stream().allMatch(MitigationRule::deployLogged))
            + "; busy-server (" + Math.round(EdgeModel.BUSY_SERVER * 100)
            + " %) and traffic-shift (" + Math.round(EdgeModel.SHIFT_DC * 100) + " %) thresholds are priors. CPU and error "
            + "series, which are scored, set nothing" + (seenByRequests == 0 ? "." : "; nor do the requests' statuses, scored where no CPU is measured."))
        .charts(charts(model, with, without, disabled, observedSpans, seenByRequests == 0 ? "observed (cpu.util pinned until restart)"
            : "observed (cpu.util pinned, or requests failing where CPU is not measured, until restart)", log))
        .details(details)
        .stopped(stopped)
        .build();
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** Where the replay's interventions come from, and what it does when the logs lack them (no events file). */
  private static String interventions(boolean restartsLogged, boolean deploysLogged) {
    String restarts = restartsLogged ? "restarts from the logged process.restart events"
        : "no process.restart is logged, so a poisoned process stays poisoned in the replay (a recovery the metrics show counts against it)";
    String deploys = deploysLogged ? "rule deploys from the logged rule.deploy events"
        : "a rule with no logged deploy is live from its first sampled request";
    return restarts + "; " + deploys + " (interventions, not scored)";
  }

  /**
   * Poisoned processes (until their restart), also as their requests failing where only those show them
   * ({@code byRequests}), and data centres whose error share crosses the line (until it drops back).
   */
  static List<Symptom> predicted(EdgeModel model, EdgeModel.Result r, java.util.function.Predicate<String> byRequests) {
    List<Symptom> out = new ArrayList<>();
    for (EdgeModel.Episode e : r.episodes()) {
      Instant end = e.end() < 0 ? null : Instant.ofEpochMilli(e.end());
      out.add(Symptom.predicted(SymptomKinds.CPU_PINNED, e.process(), Instant.ofEpochMilli(e.onset()), end));
      if (byRequests.test(e.process())) out.add(Symptom.predicted(SymptomKinds.ERRORS, e.process(), Instant.ofEpochMilli(e.onset()), end));
    }
    List<String> dcs = model.datacenters();
    for (int d = 0; d < dcs.size(); d++) {
      Instant start = null;
      for (int m = 0; m < r.minutes(); m++) {
        boolean over = r.errorShareByDc()[d][m] >= MetricThresholds.ERROR_RATIO;
        if (over && start == null) start = minuteEnd(r, m);
        if (!over && start != null) {
          out.add(Symptom.predicted(SymptomKinds.ERRORS, dcs.get(d), start, minuteEnd(r, m)));
          start = null;
        }
      }
      if (start != null) out.add(Symptom.predicted(SymptomKinds.ERRORS, dcs.get(d), start, null));
    }
    return out;
  }

  static Instant minuteEnd(EdgeModel.Result r, int m) {
    return Instant.ofEpochMilli((r.startMinute() + m + 1) * EdgeModel.MINUTE);
  }

  private List<String> narrative(World world, EdgeModel model, KeyChain chain, String rule, String closing,
      EdgeModel.Result with, EdgeModel.Result without, EdgeModel.Result disabled, Event declared,
      long observedPoisoned, long horizon) {
    List<String> out = new ArrayList<>();
    List<String> walk = chain.walk(rule);
    out.add("Key evaluation for rule " + rule + " walks " + String.join(" -> ", walk)
        + ": a request carrying valid and invalid cookies together never gets a key, so the process that receives it loops until restarted.");
    Set<String> dcsWith = new TreeSet<>();
    with.episodes().forEach(e -> dcsWith.add(e.datacenter()));
    int peak = 0, peakAt = 0;
    for (int m = 0; m < with.minutes(); m++) {
      if (with.poisonedAt(m) > peak) {
        peak = with.poisonedAt(m);
        peakAt = m;
      }
    }
    if (with.episodes().isEmpty()) {
      out.add("Replaying " + model.log.size() + " sampled requests poisons no process: no request with the trigger reached a live rule whose chain loops.");
    } else {
      out.add(String.format(Locale.ROOT,
          "Replaying %d sampled requests poisons %d process(es) in %d data centre(s) %s (first %s, peak %d at once at %s); the logs show %d pinned without recovery until restart.",
          model.log.size(), with.episodes().size(), dcsWith.size(), dcsWith, Instant.ofEpochMilli(with.episodes().get(0).onset()),
          peak, minuteEnd(with, peakAt), observedPoisoned));
    }
    for (EdgeModel.Shift s : with.shifts()) {
      if (s.from().equals(s.to())) {
        out.add("The model returns traffic to " + s.from() + " at " + Instant.ofEpochMilli(s.millis()) + " after restarts.");
      } else {
        Event logged = world.events().stream().filter(e -> e.type().equals(SHIFT) && e.entity().equals(s.from())
            && Math.abs(e.millis() - s.millis()) <= TOLERANCE.toMillis()).findFirst().orElse(null);
        out.add("The model shifts " + s.from() + "'s traffic to " + s.to() + " at " + Instant.ofEpochMilli(s.millis())
            + " (40 % of its processes poisoned), carrying the trigger requests with it"
            + (logged == null ? "; no traffic.shift is logged near that time." : "; logged: " + logged.origin() + "."));
      }
    }
    out.add(String.format(Locale.ROOT,
        "Counterfactual: with the cycle broken (%s falls back to a terminating ip key instead of looping), %d process(es) would be poisoned and the error share stays at its baseline: %.1f poisoned process-minutes avoided.",
        closing, without.episodes().size(), with.processMinutes(horizon) - without.processMinutes(horizon)));
    if (disabled != null) {
      double a = with.processMinutes(horizon), b = disabled.processMinutes(horizon);
      out.add(String.format(Locale.ROOT,
          "What-if: with rule %s disabled when the incident was declared (%s, %s), %d process(es) would have been poisoned instead of %d: %.0f of %.0f poisoned process-minutes saved (%.0f %%).",
          rule, declared.time(), declared.origin(), disabled.episodes().size(), with.episodes().size(), a - b, a,
          a == 0 ? 0 : 100 * (a - b) / a));
    } else {
      out.add("No incident.declared event is logged: the disable-at-declaration what-if was not replayed.");
    }
    return out;
  }

  private List<Chart> charts(EdgeModel model, EdgeModel.Result with, EdgeModel.Result without, EdgeModel.Result disabled,
      List<long[]> observedSpans, String observedLabel, RequestLog log) {
    List<Chart> charts = new ArrayList<>();
    List<Series> poisoned = new ArrayList<>();
    List<Series.Point> obs = new ArrayList<>();
    for (int m = 0; m < with.minutes(); m++) {
      long t = minuteEnd(with, m).toEpochMilli();
      int n = 0;
      for (long[] s : observedSpans) if (s[0] <= t && t < s[1]) n++;
      obs.add(new Series.Point(t, n));
    }
    poisoned.add(new Series(observedLabel, "observed", obs));
    poisoned.add(new Series("replay with the cycle", "with-cause", totals(with)));
    poisoned.add(new Series("cycle broken", "without-cause", totals(without)));
    if (disabled != null) poisoned.add(new Series("rule disabled at declaration", "without-cause", totals(disabled)));
    charts.add(new Chart("Poisoned HTTP processes", "processes", poisoned));

    List<Series> perDc = new ArrayList<>();
    List<String> dcs = model.datacenters();
    for (int d = 0; d < dcs.size(); d++) {
      List<Series.Point> pts = new ArrayList<>();
      for (int m = 0; m < with.minutes(); m++) pts.add(new Series.Point(minuteEnd(with, m).toEpochMilli(), with.poisonedByDc()[d][m]));
      perDc.add(new Series(dcs.get(d), "with-cause", pts));
    }
    charts.add(new Chart("Poisoned processes per data centre (replay with the cycle)", "processes", perDc));

    int[] seen = new int[with.minutes()];
    int[] bad = new int[with.minutes()];
    long start = with.startMinute();
    log.forEachCoded((row, t, dc, srv, proc, status, rule, v, i) -> {
      int m = (int) Math.min(seen.length - 1, Math.floorDiv(t, EdgeModel.MINUTE) - start);
      seen[m]++;
      if (status >= 500) bad[m]++;
    });
    List<Series> errors = new ArrayList<>();
    errors.add(new Series("observed 5xx share of sampled requests", "observed", ratio(with, seen, bad)));
    errors.add(new Series("replay with the cycle", "with-cause", ratio(with, with.requestsPerMinute(), with.failedPerMinute())));
    errors.add(new Series("cycle broken", "without-cause", ratio(without, without.requestsPerMinute(), without.failedPerMinute())));
    if (disabled != null) {
      errors.add(new Series("rule disabled at declaration", "without-cause",
          ratio(disabled, disabled.requestsPerMinute(), disabled.failedPerMinute())));
    }
    charts.add(new Chart("Failed share of sampled requests", "ratio", errors));
    return charts;
  }

  private static List<Series.Point> totals(EdgeModel.Result r) {
    List<Series.Point> pts = new ArrayList<>();
    for (int m = 0; m < r.minutes(); m++) pts.add(new Series.Point(minuteEnd(r, m).toEpochMilli(), r.poisonedAt(m)));
    return pts;
  }

  private static List<Series.Point> ratio(EdgeModel.Result r, int[] total, int[] bad) {
    List<Series.Point> pts = new ArrayList<>();
    for (int m = 0; m < r.minutes(); m++) {
      pts.add(new Series.Point(minuteEnd(r, m).toEpochMilli(), total[m] == 0 ? 0 : (double) bad[m] / total[m]));
    }
    return pts;
  }
}
