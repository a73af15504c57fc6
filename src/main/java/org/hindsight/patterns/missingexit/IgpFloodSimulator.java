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
import org.hindsight.derive.MetricExcursionDeriver;
import org.hindsight.derive.MetricThresholds;
import org.hindsight.facts.CommandEffect;
import org.hindsight.facts.Event;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.Link;
import org.hindsight.facts.MetricExcursion;
import org.hindsight.facts.MetricSeries;
import org.hindsight.facts.SourceRef;
import org.hindsight.simulate.Chart;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.Series;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.Simulator;
import org.hindsight.simulate.Symptom;
import org.hindsight.world.World;

/**
 * Validates {@code missing-exit}: replays the session to find where the cause line took effect,
 * floods the routes it leaks over the IGP's {@code links} from the device hop by hop, predicts which
 * routers surge, overload and lose adjacencies, and compares with the logs. The counterfactual
 * replays the same session with the missing {@code exit}s typed at the end of the context's block.
 *
 * <p>Model parameters (each overridable from the inventory row of a router, else defaults):
 * {@code route_capacity} routes before a router overloads (default {@value #DEFAULT_CAPACITY});
 * per-hop flooding + SPF time {@code flood_ms} (default {@value #DEFAULT_PER_HOP_MS} ms) on top of the
 * link's {@code latency_ms} (default {@value #DEFAULT_LATENCY_MS} ms); adjacencies of an overloaded
 * router drop after a hold time (default {@value #HOLD_SECONDS} s).
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
  /** Symptoms are looked for this long after the line took effect. */
  static final Duration HORIZON = Duration.ofMinutes(60);
  static final Duration TOLERANCE = Duration.ofMinutes(2);

  @Override
  public String pattern() {
    return PATTERN;
  }

  /** What the replay of one session says about the cause line. */
  record Leak(CliSessions.Replayed session, SessionModel.Step step, String igp, String injects, Instant at) {}

  @Override
  public Replay replay(World world, Hypothesis h, SimulationBudget budget) {
    List<String> narrative = new ArrayList<>();
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
      narrative.add("The cause line " + h.cause() + " does not bring another protocol's routes into a global IGP when its session is replayed, so there is nothing to flood.");
      return new Replay(List.of(), List.of(), List.of(), TOLERANCE, narrative, List.of(), details, "");
    }
    Leak leak = new Leak(session, step, step.where().protocol(), step.meaning().injects(), step.effectiveAt());
    Domain domain = Domain.of(world, leak.igp(), session.device());
    List<Symptom> observed = observe(world, domain, leak.at());

    double leaked = leakedRoutes(world, domain, session.device(), leak.at(), details);
    double[] baseline = new double[domain.graph.size()];
    double[] capacity = new double[domain.graph.size()];
    for (int i = 0; i < baseline.length; i++) {
      String r = domain.graph.name(i);
      baseline[i] = world.series(r, "igp.routes").map(MetricSeries::baseline).orElse(domain.typicalBaseline);
      capacity[i] = number(world, r, "route_capacity", DEFAULT_CAPACITY);
    }
    int source = domain.graph.indexOf(session.device());
    IgpFlood.Spread spread = IgpFlood.flood(domain.graph, source, domain.perHopMs, budget);
    if (spread.stopped()) {
      return new Replay(observed, List.of(), List.of(), TOLERANCE, narrative, List.of(), details, budget.describe());
    }
    List<Symptom> withCause = predict(domain, spread, leak.at(), baseline, capacity, leaked);

    // Counterfactual: the same session with the missing exits typed where the context's block ended.
    Counterfactual cf = Counterfactual.of(leak);
    List<Symptom> withoutCause = List.of();
    IgpFlood.Spread cfSpread = null;
    if (cf.stillLeaks() != null) {
      Instant at = cf.stillLeaks().effectiveAt();
      cfSpread = IgpFlood.flood(domain.graph, source, domain.perHopMs, budget);
      withoutCause = predict(domain, cfSpread, at, baseline, capacity, leaked);
    }

    describe(narrative, details, world, leak, domain, spread, withCause, observed, leaked, cf, withoutCause);
    List<Chart> charts = charts(world, domain, leak, spread, cfSpread, observed, baseline, leaked);
    return new Replay(observed, withCause, withoutCause, TOLERANCE, narrative, charts, details, "");
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

  /** Routes, CPU and adjacency trouble in the domain from just before the line took effect to the horizon. */
  static List<Symptom> observe(World world, Domain domain, Instant at) {
    Instant from = at.minus(TOLERANCE);
    Instant to = at.plus(HORIZON);
    Map<String, Symptom> out = new LinkedHashMap<>();
    for (String metric : List.of("igp.routes", "cpu.util")) {
      String kind = metric.equals("igp.routes") ? "routes.surge" : "router.overloaded";
      for (MetricSeries s : world.seriesOf(metric)) {
        if (!domain.contains(s.entity())) continue;
        for (MetricExcursion x : MetricExcursionDeriver.excursions(s)) {
          if (x.start().isBefore(from) || x.start().isAfter(to)) continue;
          out.putIfAbsent(kind + " " + s.entity(), new Symptom(kind, s.entity(), x.start(), x.origin()));
          break;
        }
      }
    }
    for (Event e : world.eventsOfType("adjacency.down")) {
      if (e.time().isBefore(from) || e.time().isAfter(to)) continue;
      String router = routerOf(domain, e);
      if (router != null) out.putIfAbsent("adjacency.down " + router, new Symptom("adjacency.down", router, e.time(), e.origin()));
    }
    List<Symptom> list = new ArrayList<>(out.values());
    list.sort(Comparator.comparing(Symptom::onset).thenComparing(Symptom::key));
    return list;
  }

  /** The domain router an adjacency event is about: its entity, or the first router named in it. */
  static String routerOf(Domain domain, Event e) {
    if (domain.contains(e.entity())) return e.entity();
    for (String part : e.entity().split("[\\s,;|<>=]+|--|->")) if (domain.contains(part)) return part;
    return null;
  }

  /** Leaked routes: the leaking router's observed rise, else the largest rise in the domain, else a default. */
  static double leakedRoutes(World world, Domain domain, String device, Instant at, Map<String, Object> details) {
    Instant to = at.plus(HORIZON);
    var own = world.series(device, "igp.routes");
    if (own.isPresent()) {
      double peak = own.get().maxBetween(at.minus(TOLERANCE), to);
      if (!Double.isNaN(peak) && peak > own.get().baseline()) {
        details.put("leakedRoutesFrom", "observed rise at " + device);
        return peak - own.get().baseline();
      }
    }
    double best = 0;
    for (MetricSeries s : world.seriesOf("igp.routes")) {
      if (!domain.contains(s.entity())) continue;
      double peak = s.maxBetween(at.minus(TOLERANCE), to);
      if (!Double.isNaN(peak)) best = Math.max(best, peak - s.baseline());
    }
    if (best > 0) {
      details.put("leakedRoutesFrom", "largest observed rise in the domain");
      return best;
    }
    details.put("leakedRoutesFrom", "default (no igp.routes samples)");
    return DEFAULT_LEAK;
  }

  static List<Symptom> predict(Domain domain, IgpFlood.Spread spread, Instant at, double[] baseline, double[] capacity, double leaked) {
    List<Symptom> out = new ArrayList<>();
    for (int i = 0; i < domain.graph.size(); i++) {
      if (!spread.reached(i)) continue;
      String r = domain.graph.name(i);
      Instant arrive = at.plusMillis(Math.round(spread.arrivalMs()[i]));
      double routes = baseline[i] + leaked;
      if (routes >= MetricThresholds.SURGE_FACTOR * baseline[i]) out.add(Symptom.predicted("routes.surge", r, arrive));
      if (routes > capacity[i]) {
        out.add(Symptom.predicted("router.overloaded", r, arrive));
        out.add(Symptom.predicted("adjacency.down", r, arrive.plusSeconds(HOLD_SECONDS)));
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
      IgpFlood.Spread spread, List<Symptom> withCause, List<Symptom> observed, double leaked, Counterfactual cf,
      List<Symptom> withoutCause) {
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
    long surge = withCause.stream().filter(x -> x.kind().equals("routes.surge")).count();
    long over = withCause.stream().filter(x -> x.kind().equals("router.overloaded")).count();
    narrative.add(String.format(Locale.ROOT,
        "Flooding %,.0f leaked routes (%s) over %d %s links%s hop by hop from %s reaches %d of %d routers within %.0f s; %d surge past %.0f× their baseline and %d exceed their route capacity and lose adjacencies.",
        leaked, details.get("leakedRoutesFrom"), domain.links, leak.igp(), domain.assumedLinks ? " (links carry no protocol: all assumed " + leak.igp() + ")" : "",
        s.device(), spread.reached(), domain.graph.size(), spread.lastArrivalMs() / 1000, surge, MetricThresholds.SURGE_FACTOR, over));
    if (!observed.isEmpty()) {
      Instant first = observed.get(0).onset();
      Instant last = observed.stream().filter(x -> x.kind().equals("routes.surge")).map(Symptom::onset).max(Instant::compareTo).orElse(first);
      narrative.add(String.format(Locale.ROOT, "Observed: %d routers surged, %d CPU-pinned, %d lost adjacencies; routes surged over %d s after the line took effect.",
          observed.stream().filter(x -> x.kind().equals("routes.surge")).count(),
          observed.stream().filter(x -> x.kind().equals("router.overloaded")).count(),
          observed.stream().filter(x -> x.kind().equals("adjacency.down")).count(),
          Math.max(0, Duration.between(leak.at(), last).toSeconds())));
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
    long cfSurge = withoutCause.stream().filter(x -> x.kind().equals("routes.surge")).count();
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
      List<Symptom> observed, double[] baseline, double leaked) {
    long t0 = leak.at().toEpochMilli();
    long end = t0 + Math.max(60_000, (long) spread.lastArrivalMs() * 2 + 60_000);
    List<Long> ticks = new ArrayList<>();
    for (long t = t0 - 60_000; t <= end; t += Math.max(1000, (end - t0) / 120)) ticks.add(t);
    List<Instant> obsOnsets = observed.stream().filter(x -> x.kind().equals("routes.surge")).map(Symptom::onset).sorted().toList();
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
