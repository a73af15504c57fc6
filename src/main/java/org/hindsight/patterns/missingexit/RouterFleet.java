package org.hindsight.patterns.missingexit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.hindsight.drill.Names;

/**
 * A random but plausible routed backbone for generated incidents: sites named after cities, one or
 * two core routers per site in a ring with chords, edge routers homed on their site's cores, one
 * IGP on every internal link, and the time routing updates take to flood from one router to all.
 */
final class RouterFleet {
  static final class Router {
    final int index;
    final String name;
    final String site;
    final boolean core;
    String platform = "";
    double baseline;
    double capacity = Double.NaN;
    double cpu;
    final List<Integer> neighbours = new ArrayList<>();

    Router(int index, String name, String site, boolean core) {
      this.index = index;
      this.name = name;
      this.site = site;
      this.core = core;
    }
  }

  /** An IGP link; {@code latencyMs} NaN when the links file leaves it empty. */
  record Link(int a, int b, double latencyMs) {}

  final List<Router> routers = new ArrayList<>();
  final List<Link> links = new ArrayList<>();
  final List<String> sites = new ArrayList<>();
  final String igp;

  private RouterFleet(String igp) {
    this.igp = igp;
  }

  /** {@code size} routers over {@code siteCount} sites, every one reachable over the IGP. */
  static RouterFleet build(Names n, RandomGenerator random, int size, int siteCount, String igp) {
    RouterFleet f = new RouterFleet(igp);
    Set<String> cities = new LinkedHashSet<>();
    while (cities.size() < siteCount) cities.add(n.city());
    f.sites.addAll(cities);
    String coreTag = n.pick(List.of("cr", "p", "bb", "core"));
    String edgeTag = n.pick(List.of("pe", "agg", "ar", "er"));
    String sep = n.pick(List.of("-", "-", "."));
    // Cores first (one or two per site), then edges spread over the sites.
    List<List<Router>> coresBySite = new ArrayList<>();
    int[] edgeCount = new int[siteCount];
    int cores = 0;
    for (int s = 0; s < siteCount; s++) {
      int c = size >= siteCount * 3 && random.nextInt(3) == 0 ? 2 : 1;
      coresBySite.add(new ArrayList<>());
      for (int k = 1; k <= c; k++) {
        Router r = new Router(f.routers.size(), f.sites.get(s) + sep + coreTag + k, f.sites.get(s), true);
        f.routers.add(r);
        coresBySite.get(s).add(r);
        cores++;
      }
    }
    for (int i = cores; i < size; i++) {
      int s = (i - cores) % siteCount;
      Router r = new Router(f.routers.size(), f.sites.get(s) + sep + edgeTag + (++edgeCount[s]), f.sites.get(s), false);
      f.routers.add(r);
    }
    // Core ring across sites plus a few chords; two cores of one site are linked to each other.
    List<Router> coreRing = new ArrayList<>();
    coresBySite.forEach(coreRing::addAll);
    for (int i = 0; i < coreRing.size() && coreRing.size() > 1; i++) {
      Router a = coreRing.get(i);
      Router b = coreRing.get((i + 1) % coreRing.size());
      if (coreRing.size() == 2 && i == 1) break;
      f.link(a, b, a.site.equals(b.site) ? 1 + random.nextInt(2) : 3 + random.nextInt(22), random);
    }
    int chords = coreRing.size() > 3 ? 1 + random.nextInt(Math.max(1, coreRing.size() / 2)) : 0;
    for (int c = 0; c < chords; c++) {
      Router a = n.pick(coreRing);
      Router b = n.pick(coreRing);
      if (a != b && !a.neighbours.contains(b.index)) f.link(a, b, 4 + random.nextInt(25), random);
    }
    // Edges: dual-homed to their site's cores where there are two, else to the core and sometimes a sibling edge.
    for (Router r : f.routers) {
      if (r.core) continue;
      List<Router> siteCores = coresBySite.get(f.sites.indexOf(r.site));
      for (Router c : siteCores) f.link(r, c, 1 + random.nextInt(3), random);
      if (siteCores.size() == 1 && random.nextInt(3) == 0) {
        List<Router> siblings = f.routers.stream().filter(o -> !o.core && o != r && o.site.equals(r.site)
            && !o.neighbours.contains(r.index)).toList();
        if (!siblings.isEmpty()) f.link(r, n.pick(siblings), 1 + random.nextInt(3), random);
      }
    }
    return f;
  }

  private void link(Router a, Router b, int latencyMs, RandomGenerator random) {
    // About one link in five has no latency recorded, as in real inventories.
    double l = random.nextInt(5) == 0 ? Double.NaN : latencyMs;
    links.add(new Link(a.index, b.index, l));
    a.neighbours.add(b.index);
    b.neighbours.add(a.index);
  }

  List<Router> cores() {
    return routers.stream().filter(r -> r.core).toList();
  }

  List<Router> edges() {
    return routers.stream().filter(r -> !r.core).toList();
  }

  Router router(int i) {
    return routers.get(i);
  }

  /**
   * When routes injected at {@code source} reach each router, in milliseconds: the fastest path,
   * each hop costing the link's latency (5 ms when unrecorded) plus the receiving router's flooding
   * and SPF time, drawn per router around {@code perHopMs}.
   */
  double[] arrivalMs(int source, double perHopMs, RandomGenerator random) {
    int n = routers.size();
    double[] processing = new double[n];
    for (int i = 0; i < n; i++) processing[i] = perHopMs * (0.85 + 0.3 * random.nextDouble());
    double[] dist = new double[n];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    boolean[] done = new boolean[n];
    dist[source] = 0;
    for (int round = 0; round < n; round++) {
      int u = -1;
      for (int i = 0; i < n; i++) if (!done[i] && (u < 0 || dist[i] < dist[u])) u = i;
      if (u < 0 || Double.isInfinite(dist[u])) break;
      done[u] = true;
      for (Link l : links) {
        int v = l.a() == u ? l.b() : l.b() == u ? l.a() : -1;
        if (v < 0 || done[v]) continue;
        double d = dist[u] + (Double.isNaN(l.latencyMs()) ? 5 : l.latencyMs()) + processing[v];
        if (d < dist[v]) dist[v] = d;
      }
    }
    return dist;
  }

  static String latencyCell(Link l) {
    return Double.isNaN(l.latencyMs()) ? "" : String.format(Locale.ROOT, "%.0f", l.latencyMs());
  }
}
