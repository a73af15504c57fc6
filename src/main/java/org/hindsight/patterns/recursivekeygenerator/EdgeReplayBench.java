package org.hindsight.patterns.recursivekeygenerator;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.hindsight.ingest.RequestLog;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.patterns.recursivekeygenerator.EdgeModel;

/**
 * Times the edge replay of the recursive-key-generator simulator on synthetic requests: 20 data
 * centres × 20 servers × 8 processes, 10,000,000 requests over 4 hours, 1 in 5,000 carrying the
 * trigger, hourly restarts. Prints the median of several runs after warm-up.
 *
 * <pre>java -cp target/hindsight.jar org.hindsight.bench.EdgeReplayBench [requests] [runs]</pre>
 */
public final class EdgeReplayBench {
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long t0 = 1_718_899_200_000L; // 2024-06-20T16:00Z
    long span = Duration.ofHours(4).toMillis();
    int dcs = 20, servers = 20, procs = 8;
    String[] dc = new String[dcs];
    String[][] srv = new String[dcs][servers];
    String[][][] proc = new String[dcs][servers][procs];
    for (int d = 0; d < dcs; d++) {
      dc[d] = "dc" + d;
      for (int s = 0; s < servers; s++) {
        srv[d][s] = dc[d] + "-s" + s;
        for (int p = 0; p < procs; p++) proc[d][s][p] = srv[d][s] + "-p" + p;
      }
    }
    long build = System.nanoTime();
    RequestLog.Builder b = RequestLog.builder();
    SplittableRandom rnd = new SplittableRandom(42);
    for (int i = 0; i < n; i++) {
      long t = t0 + span * i / n;
      int d = rnd.nextInt(dcs), s = rnd.nextInt(servers), p = rnd.nextInt(procs);
      boolean trigger = rnd.nextInt(5000) == 0;
      String rule = trigger || rnd.nextInt(10) == 0 ? "ddos-rl" : "";
      b.add(t, dc[d], srv[d][s], proc[d][s][p], 200, rule, 1, trigger ? 1 : 0);
    }
    RequestLog log = b.build();
    System.out.printf("built %,d requests in %d ms%n", log.size(), (System.nanoTime() - build) / 1_000_000);

    EdgeModel model = new EdgeModel(log);
    int dict = log.dictionarySize();
    boolean[] loops = new boolean[dict];
    long[] from = new long[dict];
    long[] until = new long[dict];
    Arrays.fill(from, Long.MAX_VALUE);
    Arrays.fill(until, Long.MAX_VALUE);
    int rule = log.codeOf("ddos-rl");
    loops[rule] = true;
    from[rule] = t0;
    // every hour every server is restarted
    int restarts = 4 * dcs * servers;
    long[] times = new long[restarts];
    int[][] targets = new int[restarts][];
    int k = 0;
    for (int h = 1; h <= 4; h++) {
      for (int d = 0; d < dcs; d++) {
        for (int s = 0; s < servers; s++) {
          times[k] = t0 + h * 3_600_000L + k; // distinct, in order
          targets[k++] = model.restartTargets(srv[d][s]);
        }
      }
    }
    EdgeModel.Scenario sc = new EdgeModel.Scenario(loops, from, until, times, targets);
    long[] ms = new long[runs];
    int warmups = 2;
    EdgeModel.Result last = null;
    for (int r = -warmups; r < runs; r++) {
      long start = System.nanoTime();
      last = model.replay(sc, new SimulationBudget(Long.MAX_VALUE, Duration.ofMinutes(5)));
      long took = (System.nanoTime() - start) / 1_000_000;
      if (r >= 0) ms[r] = took;
    }
    Arrays.sort(ms);
    System.out.printf("replayed %,d requests: median %d ms over %d runs (min %d, max %d); %d poisoned episodes, %d traffic shifts%n",
        log.size(), ms[runs / 2], runs, ms[0], ms[runs - 1], last.episodes().size(), last.shifts().size());
  }
}
