package org.hindsight.patterns.missingexit;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hindsight.simulate.SimulationBudget;

/**
 * How routes injected at one router flood through a link-state IGP domain: each router learns them
 * once the flooding reaches it over the fastest path, every hop costing the link's latency plus the
 * time a router takes to receive, re-flood and compute (LSP/LSA pacing and SPF). Plain arrays and a
 * binary heap, so a 10,000-router domain replays in milliseconds.
 *
 * <p>Assumption: an overloaded router still re-floods what it received before it fails (link-state
 * flooding precedes SPF and RIB installation, where the overload bites), so overload does not stop
 * the spread.
 */
public final class IgpFlood {
  /** A domain as compressed adjacency lists. */
  public static final class Graph {
    final String[] names;
    final Map<String, Integer> index;
    final int[] offsets;
    final int[] targets;
    final double[] latencyMs;

    private Graph(String[] names, Map<String, Integer> index, int[] offsets, int[] targets, double[] latencyMs) {
      this.names = names;
      this.index = index;
      this.offsets = offsets;
      this.targets = targets;
      this.latencyMs = latencyMs;
    }

    public int size() {
      return names.length;
    }

    public String name(int i) {
      return names[i];
    }

    /** Index of a router, -1 when it is not in the domain. */
    public int indexOf(String name) {
      return index.getOrDefault(name, -1);
    }

    public List<String> names() {
      return List.of(names);
    }
  }

  /** Builds a graph from undirected edges; {@code latencyMs[i]} NaN means "use the default". */
  public static Graph graph(List<String> nodes, int[] a, int[] b, double[] latencyMs, double defaultLatencyMs) {
    int n = nodes.size();
    Map<String, Integer> index = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) index.put(nodes.get(i), i);
    int[] degree = new int[n + 1];
    for (int e = 0; e < a.length; e++) {
      degree[a[e]]++;
      degree[b[e]]++;
    }
    int[] offsets = new int[n + 1];
    for (int i = 0; i < n; i++) offsets[i + 1] = offsets[i] + degree[i];
    int[] fill = Arrays.copyOf(offsets, n);
    int[] targets = new int[offsets[n]];
    double[] lat = new double[offsets[n]];
    for (int e = 0; e < a.length; e++) {
      double l = Double.isNaN(latencyMs[e]) ? defaultLatencyMs : latencyMs[e];
      targets[fill[a[e]]] = b[e];
      lat[fill[a[e]]++] = l;
      targets[fill[b[e]]] = a[e];
      lat[fill[b[e]]++] = l;
    }
    return new Graph(nodes.toArray(String[]::new), index, offsets, targets, lat);
  }

  /**
   * @param arrivalMs per router, milliseconds after injection when the routes arrive; +∞ unreached
   * @param hops per router, hops from the source (-1 unreached)
   * @param stopped true when the budget ran out
   */
  public record Spread(double[] arrivalMs, int[] hops, int reached, double lastArrivalMs, boolean stopped) {
    public boolean reached(int i) {
      return hops[i] >= 0;
    }
  }

  /** Fastest-path flooding from {@code source}: Dijkstra over link latency + per-hop processing. */
  public static Spread flood(Graph g, int source, double perHopMs, SimulationBudget budget) {
    int n = g.size();
    double[] dist = new double[n];
    int[] hops = new int[n];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    Arrays.fill(hops, -1);
    boolean[] done = new boolean[n];
    // Binary heap of (dist, node) with lazy deletion.
    int cap = Math.max(16, g.targets.length + 1);
    double[] hk = new double[cap];
    int[] hv = new int[cap];
    int size = 0;
    dist[source] = 0;
    hops[source] = 0;
    hk[0] = 0;
    hv[0] = source;
    size = 1;
    int reached = 0;
    double last = 0;
    boolean stopped = false;
    while (size > 0) {
      if (!budget.step()) {
        stopped = true;
        break;
      }
      double d = hk[0];
      int u = hv[0];
      size--;
      if (size > 0) {
        double kd = hk[size];
        int kv = hv[size];
        int i = 0;
        while (true) {
          int c = 2 * i + 1;
          if (c >= size) break;
          if (c + 1 < size && hk[c + 1] < hk[c]) c++;
          if (hk[c] >= kd) break;
          hk[i] = hk[c];
          hv[i] = hv[c];
          i = c;
        }
        hk[i] = kd;
        hv[i] = kv;
      }
      if (done[u] || d > dist[u]) continue;
      done[u] = true;
      reached++;
      last = Math.max(last, d);
      for (int e = g.offsets[u]; e < g.offsets[u + 1]; e++) {
        int v = g.targets[e];
        double nd = d + g.latencyMs[e] + perHopMs;
        if (nd < dist[v]) {
          dist[v] = nd;
          hops[v] = hops[u] + 1;
          if (size == hk.length) {
            hk = Arrays.copyOf(hk, size * 2);
            hv = Arrays.copyOf(hv, size * 2);
          }
          int i = size++;
          while (i > 0) {
            int p = (i - 1) / 2;
            if (hk[p] <= nd) break;
            hk[i] = hk[p];
            hv[i] = hv[p];
            i = p;
          }
          hk[i] = nd;
          hv[i] = v;
        }
      }
    }
    for (int i = 0; i < n; i++) if (!done[i]) hops[i] = -1;
    return new Spread(dist, hops, reached, last, stopped);
  }

  /** Route count of router {@code i} {@code tMs} after injection: its baseline, plus the leak once it arrived. */
  public static double routesAt(Spread s, int i, double baseline, double leaked, double tMs) {
    return s.reached(i) && s.arrivalMs()[i] <= tMs ? baseline + leaked : baseline;
  }
}
