package org.hindsight.patterns.missingexit;

import com.google.auto.service.AutoService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hindsight.facts.CliLines;
import org.hindsight.facts.CommandEffect;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.Link;
import org.hindsight.facts.MetricSeries;
import org.hindsight.facts.SourceRef;
import org.hindsight.observe.MetricThresholds;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.simulate.Chart;
import org.hindsight.simulate.Prediction;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.Series;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.Simulator;
import org.hindsight.observe.Symptom;
import org.hindsight.world.World;

/**
 * Validates {@code missing-exit}: replays the session to find where the cause line took effect,
 * floods the routes it leaks over the IGP's {@code links} from the device hop by hop, predicts which
 * routers surge, overload and lose adjacencies (and, when a later line withdraws the leak, when they
 * recover), and leaves the comparison with the logs to the validator.
 *
 * <ul>
 *   <li>counterfactual: the same session with the missing {@code exit}s typed at the end of the
 *       context's block;
 *   <li>rivals: every other line of the logs that leaks into the same IGP (named by a record), and
 *       the same leak from each other router of the domain at the same time (a shape the logs do
 *       not name; at most {@value #SHAPE_RIVALS} routers, the earliest to surge, in domains larger
 *       than {@value #ALL_ROUTERS_UP_TO});
 *   <li>order: the device is the origin, so no router may surge strictly before it.
 * </ul>
 *
 * <p>Model parameters, none read from the symptoms being scored: leaked routes from the device's
 * {@code <protocol>.routes} series before the line (e.g. {@code bgp.routes}), else its inventory
 * attribute {@code <protocol>_routes}, else a prior of {@value #DEFAULT_LEAK}; each router's baseline
 * from its {@code igp.routes} samples before the line, else the domain's median; {@code
 * route_capacity} (default {@value #DEFAULT_CAPACITY}) and per-hop flooding + SPF time {@code flood_ms}
 * (default {@value #DEFAULT_PER_HOP_MS} ms) on top of the link's {@code latency_ms} (default
 * {@value #DEFAULT_LATENCY_MS} ms) from the inventory; adjacencies of an overloaded router drop after
 * a hold time ({@value #HOLD_SECONDS} s).
 */
@AutoService(org.hindsight.simulate.Simulator.class)
public final class IgpFloodSimulator implements Simulator {
  public static final String PATTERN = "missing-exit";
  public static final double DEFAULT_CAPACITY = 100_000;
  public static final double DEFAULT_PER_HOP_MS = 2_000;
  public static final double DEFAULT_LATENCY_MS = 5;
  public static final double DEFAULT_BASELINE = 10_000;
  public static final double DEFAULT_LEAK = 100_000;
  public static final long HOLD_SECONDS = 30;
  /** Flooding is paced per hop and hello timers jitter: the model places onsets to about this. */
  static final Duration TOLERANCE = Duration.ofSeconds(10);
  /** Adjacencies drop within a hold time of the overload, and either end may log it: less precise. */
  static final Duration ADJACENCY_TOLERANCE = Duration.ofSeconds(20);
  static final int ALL_ROUTERS_UP_TO = 200;
  static final int SHAPE_RIVALS = 50;

  /** No event read directly: it reads configuration lines, links and route tables, no events. */
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
    return Set.of(SymptomKinds.ROUTES_SURGE, SymptomKinds.CPU_PINNED, SymptomKinds.ADJACENCY_DOWN);
  }

  /** What the replay of one session says about the cause line. */
  record Leak(CliSessions.Replayed session, SessionModel.Step step, String igp, String injects, Instant at) {}

  @Override
  public Replay replay(World world, Hypothesis h, SimulationBudget budget) {
    Map<String, Object> details = new LinkedHashMap<>();
    // The line the rule matched; its device's sessions are replayed again for the counterfactual.
    String device = h.causeFact(CommandEffect.class).map(CommandEffect::device).orElse(h.subject());
    CliSessions.Replayed session = h.cause() == null ? null : new CliSessions(world, device::equals).containing(h.cause());
    SessionModel.Step step = null;
    if (session != null) {
      for (SessionModel.Step s : session.steps()) {
        if (s.line().source() != null && s.line().source().origin().equals(h.cause())) step = s;
      }
    }
    if (step == null || !step.leaksIntoIgp()) {
      return Replay.nothing(TOLERANCE, List.of("The cause line " + h.cause() + " does not bring another protocol's routes into a "
          + "global IGP when its session is replayed, so there is nothing to flood."), "");
    }
    Leak leak = new Leak(session, step, step.where().protocol(), step.meaning().injects(), step.effectiveAt());
    Domain domain = Domain.of(world, leak.igp(), session.device());
    List<String> calibration = new ArrayList<>();
    double[] baseline = baselines(world, domain, leak.at(), calibration);
    double[] capacity = new double[domain.graph.size()];
    for (int i = 0; i < capacity.length; i++) capacity[i] = number(world, domain.graph.name(i), "route_capacity", DEFAULT_CAPACITY);
    calibration.add("Route capacity from the inventory's route_capacity, else " + String.format(Locale.ROOT, "%,.0f", DEFAULT_CAPACITY)
        + " (a prior); per-hop time from flood_ms of " + session.device() + ", else " + (long) DEFAULT_PER_HOP_MS + " ms (a prior).");
    double leaked = leakedRoutes(world, session.device(), leak.injects(), leak.at(), details, calibration);
    List<CommandEffect> effects = world.derived(CommandEffect.class);
    CliLines lines = world.derived(CliLines.class).stream().findFirst().orElse(null);
    Instant withdrawn = withdrawal(lines, session.device(), leak.igp(), step.text(), leak.at());
    if (withdrawn != null) details.put("withdrawnAt", withdrawn.toString());

    int source = domain.graph.indexOf(session.device());
    IgpFlood.Spread spread = IgpFlood.flood(domain.graph, source, domain.perHopMs, budget);
    if (spread.stopped()) return Replay.nothing(TOLERANCE, List.of(), budget.describe());
    List<Symptom> withCause = predict(domain, spread, leak.at(), withdrawn, baseline, capacity, leaked);

    // Counterfactual: the same session with the missing exits typed where the context's block ended;
    // every other leaking line of the logs still acts (below).
    Counterfactual cf = Counterfactual.of(leak);
    Map<String, Symptom> withoutCause = new LinkedHashMap<>();
    IgpFlood.Spread cfSpread = null;
    if (cf.stillLeaks() != null) {
      Instant at = cf.stillLeaks().effectiveAt();
      cfSpread = IgpFlood.flood(domain.graph, source, domain.perHopMs, budget);
      for (Symptom x : predict(domain, cfSpread, at, withdrawn, baseline, capacity, leaked)) withoutCause.put(x.key(), x);
    }

    // Rivals named by the logs: every other line that leaks into this IGP (as the derivers read it).
    List<Prediction> rivals = new ArrayList<>();
    List<String> otherOrigins = new ArrayList<>();
    Map<String, Symptom> asLogged = new LinkedHashMap<>();
    withCause.forEach(x -> asLogged.put(x.key(), x));
    CommandEffect causeEffect = effects.stream().filter(e -> e.origin().equals(h.cause())).findFirst().orElse(null);
    for (CommandEffect e : effects) {
      if (e.origin().equals(h.cause()) || !e.leaksIntoIgp() || !e.contextProtocol().equals(leak.igp())) continue;
      if (causeEffect != null && e.repeats(causeEffect)) continue; // the cause's line logged twice: one change
      int from = domain.graph.indexOf(e.device());
      if (from < 0) continue;
      IgpFlood.Spread sp = IgpFlood.flood(domain.graph, from, domain.perHopMs, budget);
      double size = leakedRoutes(world, e.device(), e.injects(), e.time(), new LinkedHashMap<>(), new ArrayList<>());
      List<Symptom> p = predict(domain, sp, e.time(), withdrawal(lines, e.device(), e.contextProtocol(), e.command(), e.time()),
          baseline, capacity, size);
      rivals.add(new Prediction("`" + e.command() + "` on " + e.device(), e.device(), e.origin(), e.time(), p));
      if (!otherOrigins.contains(e.device())) otherOrigins.add(e.device());
      for (Symptom x : p) {
        asLogged.merge(x.key(), x, (a, b) -> a.onset().isAfter(b.onset()) ? b : a);
        withoutCause.merge(x.key(), x, (a, b) -> a.onset().isAfter(b.onset()) ? b : a);
      }
    }
    boolean othersLeak = !rivals.isEmpty();
    // Rivals of the same shape: the same leak from another router at the same time.
    for (int r : shapeRivals(world, domain, source, leak.at())) {
      IgpFlood.Spread sp = IgpFlood.flood(domain.graph, r, domain.perHopMs, budget);
      String name = domain.graph.name(r);
      rivals.add(new Prediction("the same leak from " + name, name, null, leak.at(),
          predict(domain, sp, leak.at(), withdrawn, baseline, capacity, leaked)));
    }
    if (budget.exhausted()) return Replay.nothing(TOLERANCE, List.of(), budget.describe());

    List<String> narrative = new ArrayList<>();
    describe(narrative, details, world, leak, domain, spread, withCause, leaked, cf, List.copyOf(withoutCause.values()), withdrawn);
    List<Chart> charts = charts(world, domain, leak, spread, cfSpread, baseline, leaked);
    return Replay.builder(TOLERANCE)
        .tolerance(SymptomKinds.ADJACENCY_DOWN, ADJACENCY_TOLERANCE)
        .scope(domain.graph.names())
        .hypothesis(new Prediction("`" + step.text().trim() + "` on " + session.device(), session.device(), h.cause(), leak.at(), withCause))
        .counterfactual(new Prediction("`exit` typed after the block" + (othersLeak ? ", the other leaking lines as logged" : ""),
            cfOrigins(cf, session.device(), otherOrigins), null, leak.at(), List.copyOf(withoutCause.values())))
        .asLogged(othersLeak ? new Prediction("every leaking line as logged", allOrigins(session.device(), otherOrigins), null, leak.at(),
            List.copyOf(asLogged.values())) : null)
        .rivals(rivals)
        .narrative(narrative)
        .calibration(calibration)
        .charts(charts)
        .details(details)
        .build();
  }

  private static List<String> cfOrigins(Counterfactual cf, String device, List<String> others) {
    List<String> out = new ArrayList<>(others);
    if (cf.stillLeaks() != null && !out.contains(device)) out.add(0, device);
    return out;
  }

  private static List<String> allOrigins(String device, List<String> others) {
    List<String> out = new ArrayList<>(others);
    if (!out.contains(device)) out.add(0, device);
    return out;
  }

  /**
   * Other routers a leak of the same shape could have come from: all of them in a domain of up to
   * {@value #ALL_ROUTERS_UP_TO}; in a larger one the source's neighbours and the
   * {@value #SHAPE_RIVALS} routers first seen surging after the line.
   */
  static List<Integer> shapeRivals(World world, Domain domain, int source, Instant at) {
    int n = domain.graph.size();
    List<Integer> out = new ArrayList<>();
    if (n <= ALL_ROUTERS_UP_TO) {
      for (int i = 0; i < n; i++) if (i != source) out.add(i);
      return out;
    }
    Set<Integer> pick = new LinkedHashSet<>();
    for (int e = domain.graph.offsets[source]; e < domain.graph.offsets[source + 1]; e++) pick.add(domain.graph.targets[e]);
    for (Symptom s : world.observations().between(List.of(SymptomKinds.ROUTES_SURGE), at, at.plus(Duration.ofHours(1)))) {
      int i = domain.graph.indexOf(s.entity());
      if (i >= 0 && i != source) pick.add(i);
      if (pick.size() >= SHAPE_RIVALS) break;
    }
    pick.remove(source);
    out.addAll(pick);
    return out;
  }

  /** When a later line on the device withdraws the leak: `no` + the leaking line, in force, in the same IGP. */
  static Instant withdrawal(CliLines lines, String device, String igp, String line, Instant after) {
    if (lines == null) return null;
    String undo = ("no " + line.trim()).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    Instant best = null;
    for (CommandEffect e : lines.ofDevice(device)) {
      if (!e.effective() || !e.negated() || !e.time().isAfter(after)
          || !e.contextProtocol().equals(igp)) {
        continue;
      }
      if (!e.command().trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT).equals(undo)) continue;
      if (best == null || e.time().isBefore(best)) best = e.time();
    }
    return best;
  }

  /** The IGP's routers and links; links without a protocol count when none carries one. */
  static final class Domain {
    IgpFlood.Graph graph;
    int links;
    boolean assumedLinks;
    double perHopMs;
    double typicalBaseline;

    static Domain of(World world, String igp, String device) {
      List<Link> all = world.links();
      boolean anyTagged = all.stream().anyMatch(l -> !l.protocol().isEmpty());
      List<Link> mine = all.stream()
          .filter(l -> anyTagged ? Protocols.normalise(l.protocol()).equals(igp) : true).toList();
      Set<String> nodes = new LinkedHashSet<>();
      nodes.add(device);
      for (Link l : mine) {
        nodes.add(l.a());
        nodes.add(l.b());
      }
      List<String> names = new ArrayList<>(nodes);
      Map<String, Integer> idx = new HashMap<>();
      for (int i = 0; i < names.size(); i++) idx.put(names.get(i), i);
      int[] a = new int[mine.size()];
      int[] b = new int[mine.size()];
      double[] lat = new double[mine.size()];
      for (int e = 0; e < mine.size(); e++) {
        a[e] = idx.get(mine.get(e).a());
        b[e] = idx.get(mine.get(e).b());
        lat[e] = mine.get(e).latencyMs();
      }
      Domain d = new Domain();
      d.graph = IgpFlood.graph(names, a, b, lat, DEFAULT_LATENCY_MS);
      d.links = mine.size();
      d.assumedLinks = !anyTagged && !mine.isEmpty();
      d.perHopMs = number(world, device, "flood_ms", DEFAULT_PER_HOP_MS);
      double[] bases = names.stream().map(n -> world.series(n, "igp.routes")).filter(java.util.Optional::isPresent)
          .mapToDouble(o -> o.get().baseline()).sorted().toArray();
      d.typicalBaseline = bases.length == 0 ? DEFAULT_BASELINE : bases[bases.length / 2];
      return d;
    }

    boolean contains(String router) {
      return graph.indexOf(router) >= 0;
    }
  }

  static double number(World world, String entity, String attr, double fallback) {
    InventoryItem i = world.item(entity).orElse(null);
    if (i == null || i.attr(attr).isEmpty()) return fallback;
    try {
      return Double.parseDouble(i.attr(attr).trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /**
   * Each router's normal route count: the median of its igp.routes samples before the line (an
   * earlier phase, not scored), else the domain's median of those.
   */
  static double[] baselines(World world, Domain domain, Instant at, List<String> calibration) {
    int n = domain.graph.size();
    double[] out = new double[n];
    List<Double> known = new ArrayList<>();
    int fromSamples = 0;
    for (int i = 0; i < n; i++) {
      out[i] = Double.NaN;
      var s = world.series(domain.graph.name(i), "igp.routes");
      if (s.isEmpty()) continue;
      MetricSeries m = s.get();
      int end = m.firstIndexAtOrAfter(at.toEpochMilli());
      int start = Math.max(0, end - 50);
      if (end <= start) continue;
      double[] v = new double[end - start];
      for (int k = start; k < end; k++) v[k - start] = m.valueAt(k);
      Arrays.sort(v);
      out[i] = v[v.length / 2];
      known.add(out[i]);
      fromSamples++;
    }
    double typical = DEFAULT_BASELINE;
    if (!known.isEmpty()) {
      known.sort(null);
      typical = known.get(known.size() / 2);
    }
    for (int i = 0; i < n; i++) if (Double.isNaN(out[i])) out[i] = typical;
    domain.typicalBaseline = typical;
    calibration.add(String.format(Locale.ROOT, "Baseline routes: the median of the igp.routes samples before the line for %d of %d routers%s.",
        fromSamples, n, fromSamples == n ? "" : String.format(Locale.ROOT, ", the domain's median (%,.0f) for the others", typical)));
    return out;
  }

  /**
   * Routes the line leaks, from data the validation does not score: the device's
   * {@code <protocol>.routes} series at the line (the size of the table redistributed), else its
   * inventory attribute {@code <protocol>_routes}, else the prior {@value #DEFAULT_LEAK}.
   */
  static double leakedRoutes(World world, String device, String injects, Instant at, Map<String, Object> details,
      List<String> calibration) {
    String protocol = injects.isEmpty() || injects.equals("any") || injects.equals("unknown") ? "bgp" : injects;
    var series = world.series(device, protocol + ".routes");
    if (series.isPresent()) {
      double v = series.get().valueAt(at);
      if (!Double.isNaN(v) && v > 0) {
        details.put("leakedRoutesFrom", protocol + ".routes of " + device + " at the line");
        calibration.add(String.format(Locale.ROOT, "Leaked routes: %,.0f, the %s.routes of %s at the line (the table redistributed; not a scored symptom).", v, protocol, device));
        return v;
      }
    }
    double attr = number(world, device, protocol + "_routes", Double.NaN);
    if (!Double.isNaN(attr) && attr > 0) {
      details.put("leakedRoutesFrom", "inventory " + protocol + "_routes of " + device);
      calibration.add(String.format(Locale.ROOT, "Leaked routes: %,.0f, the inventory's %s_routes of %s.", attr, protocol, device));
      return attr;
    }
    details.put("leakedRoutesFrom", "prior (no " + protocol + ".routes series or " + protocol + "_routes attribute of " + device + ")");
    calibration.add(String.format(Locale.ROOT, "Leaked routes: the prior %,.0f (no %s.routes series or %s_routes attribute of %s); "
        + "the observed rise is scored, so it is not read back.", DEFAULT_LEAK, protocol, protocol, device));
    return DEFAULT_LEAK;
  }

  /**
   * Per reached router: routes surge when the leak arrives (if baseline + leak passes the surge
   * line), the CPU pins and adjacencies drop a hold time later when it passes the router's capacity;
   * a withdrawal floods the same way and ends the surge and the pinning.
   */
  static List<Symptom> predict(Domain domain, IgpFlood.Spread spread, Instant at, Instant withdrawn, double[] baseline,
      double[] capacity, double leaked) {
    List<Symptom> out = new ArrayList<>();
    for (int i = 0; i < domain.graph.size(); i++) {
      if (!spread.reached(i)) continue;
      String r = domain.graph.name(i);
      Instant arrive = at.plusMillis(Math.round(spread.arrivalMs()[i]));
      Instant back = withdrawn == null ? null : withdrawn.plusMillis(Math.round(spread.arrivalMs()[i]));
      double routes = baseline[i] + leaked;
      if (routes >= MetricThresholds.SURGE_FACTOR * baseline[i]) out.add(Symptom.predicted(SymptomKinds.ROUTES_SURGE, r, arrive, back));
      if (routes > capacity[i]) {
        out.add(Symptom.predicted(SymptomKinds.CPU_PINNED, r, arrive, back));
        out.add(Symptom.predicted(SymptomKinds.ADJACENCY_DOWN, r, arrive.plusSeconds(HOLD_SECONDS)));
      }
    }
    return out;
  }

  /** The session replayed with the missing exits, and what the cause line does there. */
  record Counterfactual(SessionModel.Step blockEnd, List<String> exits, SessionModel.Step causeThen, SessionModel.Step stillLeaks) {
    static Counterfactual of(Leak leak) {
      List<SessionModel.Step> steps = leak.session().steps();
      SessionModel.Step blockEnd = blockEnd(steps, leak.step());
      List<String> exits = leak.session().dialect().exitsToTop(blockEnd.after());
      List<SessionModel.Step> cf = SessionModel.replayWithInserted(leak.session().dialect(), steps, blockEnd.seq(), exits,
          leak.session().policies());
      SessionModel.Step causeThen = null;
      SessionModel.Step still = null;
      for (SessionModel.Step s : cf) {
        if (s.line().source() == leak.step().line().source()) causeThen = s;
        if (s.leaksIntoIgp() && s.where().protocol().equals(leak.igp())) still = still == null ? s : still;
      }
      return new Counterfactual(blockEnd, exits, causeThen, still);
    }

    /**
     * Where the operator's block for the context ended: walking back from the cause line, skip lines
     * that were rejected or are about another protocol, and stop at the last accepted line of the
     * context (or the line that entered it).
     */
    static SessionModel.Step blockEnd(List<SessionModel.Step> steps, SessionModel.Step cause) {
      int entry = cause.contextEntry();
      for (int i = cause.seq() - 1; i >= 0; i--) {
        SessionModel.Step s = steps.get(i);
        if (i <= entry) return steps.get(Math.max(entry, 0));
        if (!s.accepted() || s.foreign() || !s.statement()) continue;
        if (s.where().protocol().equals(cause.where().protocol())) return s;
      }
      return steps.get(Math.max(entry, 0));
    }
  }

  private static void describe(List<String> narrative, Map<String, Object> details, World world, Leak leak, Domain domain,
      IgpFlood.Spread spread, List<Symptom> withCause, double leaked, Counterfactual cf, List<Symptom> withoutCause,
      Instant withdrawn) {
    Instant until = leak.at().plusMillis((long) spread.lastArrivalMs()).plusSeconds(HOLD_SECONDS).plus(TOLERANCE.multipliedBy(4));
    List<Symptom> observed = world.observations().between(List.of(SymptomKinds.ROUTES_SURGE, SymptomKinds.CPU_PINNED,
        SymptomKinds.ADJACENCY_DOWN), leak.at(), until).stream().filter(x -> domain.contains(x.entity())).toList();
    var s = leak.session();
    var step = leak.step();
    String ctx = step.where().label();
    narrative.add(String.format(Locale.ROOT,
        "Replaying session %s on %s (user %s, %s CLI model%s): `%s` (%s) took effect in `%s`%s, bringing %s into %s.",
        s.session(), s.device(), s.user(), s.dialect().name(),
        s.dialectAssumed() ? "; platform '" + s.platform() + "' unknown, so a generic IOS-like model was assumed" : "",
        step.text().trim(), ref(step), ctx,
        s.dialect().commitBased() ? " at the commit of " + leak.at().atZone(world.displayZone()).toOffsetDateTime() : "",
        routesOf(leak.injects()), leak.igp()));
    long surge = withCause.stream().filter(x -> x.kind().equals(SymptomKinds.ROUTES_SURGE)).count();
    long over = withCause.stream().filter(x -> x.kind().equals(SymptomKinds.CPU_PINNED)).count();
    narrative.add(String.format(Locale.ROOT,
        "Flooding %,.0f leaked routes (%s) over %d %s links%s hop by hop from %s reaches %d of %d routers within %.0f s; %d surge past %.0f× their baseline and %d exceed their route capacity and lose adjacencies.",
        leaked, details.get("leakedRoutesFrom"), domain.links, leak.igp(), domain.assumedLinks ? " (links carry no protocol: all assumed " + leak.igp() + ")" : "",
        s.device(), spread.reached(), domain.graph.size(), spread.lastArrivalMs() / 1000, surge, MetricThresholds.SURGE_FACTOR, over));
    if (!observed.isEmpty()) {
      Instant first = observed.get(0).onset();
      Instant last = observed.stream().filter(x -> x.kind().equals(SymptomKinds.ROUTES_SURGE)).map(Symptom::onset).max(Instant::compareTo).orElse(first);
      String firstRouter = observed.stream().filter(x -> x.kind().equals(SymptomKinds.ROUTES_SURGE)).map(Symptom::entity).findFirst().orElse("");
      // a surge nobody measured is not reported as none having happened
      String span = !firstRouter.isEmpty()
          ? String.format(Locale.ROOT, "; routes surged over %d s after the line took effect", Math.max(0, Duration.between(leak.at(), last).toSeconds()))
          : java.util.stream.IntStream.range(0, domain.graph.size()).noneMatch(i -> world.series(domain.graph.name(i), "igp.routes").isPresent())
              ? "; no router's route count (igp.routes) is in the logs, so a surge could not be seen" : "";
      narrative.add(String.format(Locale.ROOT, "Observed: %d routers surged (first seen: %s), %d CPU-pinned, %d lost adjacencies%s.",
          observed.stream().filter(x -> x.kind().equals(SymptomKinds.ROUTES_SURGE)).count(), firstRouter.isEmpty() ? "none" : firstRouter,
          observed.stream().filter(x -> x.kind().equals(SymptomKinds.CPU_PINNED)).count(),
          observed.stream().filter(x -> x.kind().equals(SymptomKinds.ADJACENCY_DOWN)).count(), span));
    }
    if (withdrawn != null) {
      narrative.add("Recovery: a later `no " + leak.step().text().trim() + "` withdraws the routes at "
          + withdrawn.atZone(world.displayZone()).toOffsetDateTime() + "; the withdrawal floods the same way, so each router is predicted back that long after its surge began.");
    }
    String exits = String.join("`, `", cf.exits());
    String then;
    if (cf.causeThen() == null) {
      then = "the line is not replayed";
    } else if (!cf.causeThen().accepted()) {
      then = "`" + step.text().trim() + "` is rejected " + (cf.causeThen().where().top() ? "at the top level" : "in `" + cf.causeThen().where().label() + "`");
    } else {
      then = "`" + step.text().trim() + "` lands in `" + (cf.causeThen().where().top() ? "(top)" : cf.causeThen().where().label()) + "`";
    }
    int total = domain.graph.size();
    long cfSurge = withoutCause.stream().filter(x -> x.kind().equals(SymptomKinds.ROUTES_SURGE)).count();
    narrative.add(String.format(Locale.ROOT, "Counterfactual: with `%s` after %s (`%s`, the end of the `%s` block), %s and %s: %d of %d routers surge.",
        exits, ref(cf.blockEnd()), cf.blockEnd().text().trim(), ctx.contains(" > ") ? ctx.substring(0, ctx.indexOf(" > ")) : ctx, then,
        cf.stillLeaks() == null ? (leak.injects().equals("any") || leak.injects().equals("unknown") ? "no route" : "no " + leak.injects() + " route")
            + " enters " + leak.igp() : "another line still leaks (" + ref(cf.stillLeaks()) + ")",
        cfSurge, total));
    // A cap no larger than the typical baseline keeps base + cap at 2× baseline, below the surge line.
    narrative.add(String.format(Locale.ROOT,
        "What-if: a cap on redistributed prefixes in %s (e.g. `redistribute maximum-prefix`, `max-lsa`, `prefix-export-limit`) of %,.0f routes would have kept a typical router at no more than twice its baseline, below the %.0f× surge line.",
        leak.igp(), domain.typicalBaseline, MetricThresholds.SURGE_FACTOR));
    details.put("device", s.device());
    details.put("session", s.session());
    details.put("dialect", s.dialect().name());
    details.put("context", ctx);
    details.put("igp", leak.igp());
    details.put("injects", leak.injects());
    details.put("effectiveAt", leak.at().toString());
    details.put("leakedRoutes", Math.round(leaked));
    details.put("routers", total);
    details.put("reached", spread.reached());
    details.put("spreadSeconds", Math.round(spread.lastArrivalMs() / 100) / 10.0);
    details.put("predictedSurges", surge);
    details.put("predictedOverloaded", over);
    details.put("exitAfter", ref(cf.blockEnd()));
    details.put("exitLines", cf.exits());
    details.put("counterfactualSurges", cfSurge);
  }

  /** "bgp routes", "every route" (a policy matching no protocol), "the routes of an unseen policy". */
  private static String routesOf(String injects) {
    return switch (injects) {
      case "any" -> "every route";
      case "unknown" -> "the routes of a policy not seen in the logs";
      default -> injects + " routes";
    };
  }

  private static String ref(SessionModel.Step s) {
    SourceRef r = s.line().source() == null ? null : s.line().source().origin();
    return r == null ? "(inserted)" : r.toString();
  }

  private static List<Chart> charts(World world, Domain domain, Leak leak, IgpFlood.Spread spread, IgpFlood.Spread cfSpread,
      double[] baseline, double leaked) {
    long t0 = leak.at().toEpochMilli();
    long end = t0 + Math.max(60_000, (long) spread.lastArrivalMs() * 2 + 60_000);
    List<Long> ticks = new ArrayList<>();
    for (long t = t0 - 60_000; t <= end; t += Math.max(1000, (end - t0) / 120)) ticks.add(t);
    List<Instant> obsOnsets = world.observations().between(List.of(SymptomKinds.ROUTES_SURGE), leak.at().minusSeconds(60), Instant.ofEpochMilli(end))
        .stream().filter(x -> domain.contains(x.entity())).map(Symptom::onset).sorted().toList();
    List<Series.Point> obs = new ArrayList<>();
    List<Series.Point> with = new ArrayList<>();
    List<Series.Point> without = new ArrayList<>();
    double[] arr = spread.arrivalMs().clone();
    Arrays.sort(arr);
    for (long t : ticks) {
      obs.add(new Series.Point(t, obsOnsets.stream().filter(o -> o.toEpochMilli() <= t).count()));
      with.add(new Series.Point(t, countAtMost(arr, t - t0)));
      without.add(new Series.Point(t, cfSpread == null ? 0 : countAtMost(arr, t - t0)));
    }
    List<Chart> charts = new ArrayList<>();
    charts.add(new Chart("Routers with surged " + leak.igp() + " routes", "routers", List.of(
        new Series("observed", "observed", obs), new Series("with the line", "with-cause", with),
        new Series("with exit", "without-cause", without))));
    var own = world.series(leak.session().device(), "igp.routes");
    int src = domain.graph.indexOf(leak.session().device());
    List<Series.Point> o = new ArrayList<>();
    if (own.isPresent()) {
      MetricSeries m = own.get();
      for (int i = m.firstIndexAtOrAfter(t0 - 600_000); i < m.count() && m.millisAt(i) <= end + 600_000; i++) {
        o.add(new Series.Point(m.millisAt(i), m.valueAt(i)));
      }
    }
    List<Series.Point> w = List.of(new Series.Point(t0 - 60_000, baseline[src]), new Series.Point(t0, baseline[src] + leaked),
        new Series.Point(end, baseline[src] + leaked));
    List<Series.Point> wo = List.of(new Series.Point(t0 - 60_000, baseline[src]), new Series.Point(end, baseline[src]));
    charts.add(new Chart("IGP routes at " + leak.session().device(), "routes", List.of(
        new Series("observed", "observed", o), new Series("with the line", "with-cause", w), new Series("with exit", "without-cause", wo))));
    return charts;
  }

  private static int countAtMost(double[] sorted, double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
