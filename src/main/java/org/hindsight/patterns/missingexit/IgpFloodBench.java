package org.hindsight.patterns.missingexit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.patterns.missingexit.IgpFlood;

/**
 * Times the IGP flood replay of a synthetic 10,000-router domain (a national backbone shape: a core
 * ring with chords, regional aggregation, access routers dual-homed), graph build included, and
 * prints the median over several runs after warm-up.
 *
 * <pre>java -cp target/hindsight.jar org.hindsight.bench.IgpFloodBench [routers] [runs]</pre>
 */
public final class IgpFloodBench {
  private IgpFloodBench() {}

  public static void main(String[] args) {
    int routers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    Random rnd = new Random(42);
    List<String> names = new ArrayList<>(routers);
    for (int i = 0; i < routers; i++) names.add("r" + i);
    int core = Math.max(4, routers / 200);
    int agg = Math.max(core, routers / 20);
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < core; i++) {
      edges.add(new int[] {i, (i + 1) % core});
      edges.add(new int[] {i, rnd.nextInt(core)});
    }
    for (int i = core; i < agg; i++) {
      edges.add(new int[] {i, rnd.nextInt(core)});
      edges.add(new int[] {i, rnd.nextInt(core)});
    }
    for (int i = agg; i < routers; i++) {
      edges.add(new int[] {i, core + rnd.nextInt(agg - core)});
      edges.add(new int[] {i, core + rnd.nextInt(agg - core)});
    }
    int[] a = new int[edges.size()];
    int[] b = new int[edges.size()];
    double[] lat = new double[edges.size()];
    for (int e = 0; e < edges.size(); e++) {
      a[e] = edges.get(e)[0];
      b[e] = edges.get(e)[1];
      lat[e] = e % 3 == 0 ? Double.NaN : 1 + rnd.nextInt(20);
    }
    double[] times = new double[runs];
    int reached = 0;
    double last = 0;
    for (int run = -5; run < runs; run++) {
      long t0 = System.nanoTime();
      IgpFlood.Graph g = IgpFlood.graph(names, a, b, lat, 5);
      IgpFlood.Spread s = IgpFlood.flood(g, routers - 1, 2000, new SimulationBudget(100_000_000L, Duration.ofSeconds(30)));
      int over = 0;
      for (int i = 0; i < g.size(); i++) if (IgpFlood.routesAt(s, i, 10_000, 400_000, Double.POSITIVE_INFINITY) > 100_000) over++;
      long t1 = System.nanoTime();
      if (run >= 0) times[run] = (t1 - t0) / 1e6;
      reached = s.reached();
      last = s.lastArrivalMs();
      if (over != reached) throw new IllegalStateException("every reached router should be over capacity");
    }
    Arrays.sort(times);
    System.out.printf(Locale.ROOT, "IgpFloodBench: %d routers, %d links, reached %d, spread %.1f s; median %.2f ms over %d runs (min %.2f, max %.2f)%n",
        routers, edges.size(), reached, last / 1000, times[runs / 2], runs, times[0], times[runs - 1]);
  }
}
