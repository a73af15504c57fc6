package org.hindsight.patterns.recursivekeygenerator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The forward model of an edge used to write key-generator drills: data centres of servers of HTTP
 * processes, per-DC load balancing away from busy servers and traffic shifts away from poisoned data
 * centres. It applies exactly the placement and shift rules of the replay
 * ({@code org.hindsight.patterns.recursivekeygenerator.EdgeModel}): a server with half or more of its processes
 * poisoned is busy; a data centre with 40 % or more poisoned is shifted to the least poisoned other
 * data centre (ties: name order), re-checked only when a process is poisoned or restarted. So the
 * replay re-derives the placement the drill's log shows instead of disagreeing with it. Names must
 * be given in sorted order, as the replay sorts them.
 */
final class EdgeFleetModel {
  static final double BUSY_SERVER = 0.5;
  static final double SHIFT_DC = 0.4;

  /** Where a request landed. */
  record Placement(int dc, int server, int process) {}

  /** A logged shift: {@code to == from} means traffic returned. */
  record Shift(long millis, int from, int to) {}

  final String[] dcNames;
  final String[] serverNames;
  final String[] processNames;
  final int[] dcOfServer;
  final int[] serverOfProcess;
  final int[][] serversOfDc;
  final int[][] processesOfServer;
  private final int[] processesInDc;

  private final boolean[] poisoned;
  private final long[] poisonedAt;
  private final int[] poisonedOnServer;
  private final int[] poisonedInDc;
  private final int[] shiftedTo;
  final List<Shift> shifts = new ArrayList<>();

  EdgeFleetModel(List<String> dcs, List<List<String>> serversPerDc, List<List<List<String>>> processesPerServer) {
    dcNames = dcs.toArray(String[]::new);
    List<String> servers = new ArrayList<>();
    List<String> procs = new ArrayList<>();
    List<Integer> dcOfSrv = new ArrayList<>();
    List<Integer> srvOfProc = new ArrayList<>();
    serversOfDc = new int[dcNames.length][];
    List<int[]> procsOfSrv = new ArrayList<>();
    for (int d = 0; d < dcNames.length; d++) {
      List<String> ss = serversPerDc.get(d);
      serversOfDc[d] = new int[ss.size()];
      for (int i = 0; i < ss.size(); i++) {
        int s = servers.size();
        servers.add(ss.get(i));
        dcOfSrv.add(d);
        serversOfDc[d][i] = s;
        List<String> ps = processesPerServer.get(d).get(i);
        int[] idx = new int[ps.size()];
        for (int j = 0; j < ps.size(); j++) {
          idx[j] = procs.size();
          procs.add(ps.get(j));
          srvOfProc.add(s);
        }
        procsOfSrv.add(idx);
      }
    }
    serverNames = servers.toArray(String[]::new);
    processNames = procs.toArray(String[]::new);
    dcOfServer = dcOfSrv.stream().mapToInt(Integer::intValue).toArray();
    serverOfProcess = srvOfProc.stream().mapToInt(Integer::intValue).toArray();
    processesOfServer = procsOfSrv.toArray(int[][]::new);
    processesInDc = new int[dcNames.length];
    for (int p = 0; p < processNames.length; p++) processesInDc[dcOf(p)]++;
    poisoned = new boolean[processNames.length];
    poisonedAt = new long[processNames.length];
    poisonedOnServer = new int[serverNames.length];
    poisonedInDc = new int[dcNames.length];
    shiftedTo = new int[dcNames.length];
    Arrays.fill(shiftedTo, -1);
  }

  int dcOf(int process) {
    return dcOfServer[serverOfProcess[process]];
  }

  boolean poisoned(int process) {
    return poisoned[process];
  }

  /** When the process was poisoned (meaningful while it is). */
  long poisonedAt(int process) {
    return poisonedAt[process];
  }

  /** The data centre that serves traffic meant for {@code dc}: shifts are followed to an unshifted one. */
  int servingDc(int dc) {
    int d = dc;
    for (int hops = 0; shiftedTo[d] >= 0 && hops < dcNames.length; hops++) d = shiftedTo[d];
    return d;
  }

  /** How many data centres' traffic this one carries besides its own. */
  int carried(int dc) {
    int n = 0;
    for (int d = 0; d < dcNames.length; d++) if (d != dc && servingDc(d) == dc) n++;
    return n;
  }

  boolean shifted(int dc) {
    return shiftedTo[dc] >= 0;
  }

  /** A new connection meant for {@code dc}: a random process of a random server that is not busy. */
  Placement place(int dc, RandomGenerator random) {
    int d = servingDc(dc);
    int[] servers = serversOfDc[d];
    int free = 0;
    for (int s : servers) if (!busy(s)) free++;
    int server;
    if (free == 0) {
      server = leastBusy(d);
    } else {
      int k = random.nextInt(free);
      server = -1;
      for (int s : servers) {
        if (!busy(s) && k-- == 0) {
          server = s;
          break;
        }
      }
    }
    int[] ps = processesOfServer[server];
    return new Placement(d, server, ps[random.nextInt(ps.length)]);
  }

  /** Poisons a healthy process; may shift its data centre. */
  void poison(int p, long millis) {
    if (poisoned[p]) return;
    poisoned[p] = true;
    poisonedAt[p] = millis;
    poisonedOnServer[serverOfProcess[p]]++;
    poisonedInDc[dcOf(p)]++;
    updateShift(dcOf(p), millis);
  }

  /** Restarts a process; returns whether it was poisoned (only those are logged). */
  boolean restart(int p, long millis) {
    if (!poisoned[p]) return false;
    poisoned[p] = false;
    poisonedOnServer[serverOfProcess[p]]--;
    poisonedInDc[dcOf(p)]--;
    updateShift(dcOf(p), millis);
    return true;
  }

  double dcShare(int d) {
    return (double) poisonedInDc[d] / processesInDc[d];
  }

  int poisonedCount() {
    int n = 0;
    for (int d : poisonedInDc) n += d;
    return n;
  }

  /** The share of a data centre's clients that reach a poisoned process (0 while its traffic is shifted). */
  double errorShare(int d) {
    if (shiftedTo[d] >= 0) return 0;
    int used = 0;
    int bad = 0;
    for (int s : serversOfDc[d]) {
      if (busy(s)) continue;
      used += processesOfServer[s].length;
      bad += poisonedOnServer[s];
    }
    if (used == 0) {
      int s = leastBusy(d);
      used = processesOfServer[s].length;
      bad = poisonedOnServer[s];
    }
    return (double) bad / used;
  }

  private boolean busy(int s) {
    return poisonedOnServer[s] >= BUSY_SERVER * processesOfServer[s].length;
  }

  private int leastBusy(int d) {
    int best = serversOfDc[d][0];
    for (int s : serversOfDc[d]) if (poisonedOnServer[s] < poisonedOnServer[best]) best = s;
    return best;
  }

  private void updateShift(int d, long millis) {
    double share = dcShare(d);
    if (shiftedTo[d] < 0 && share >= SHIFT_DC) {
      int target = -1;
      double best = Double.MAX_VALUE;
      for (int x = 0; x < dcNames.length; x++) {
        if (x == d || shiftedTo[x] >= 0) continue;
        if (dcShare(x) < best) {
          best = dcShare(x);
          target = x;
        }
      }
      if (target >= 0) {
        shiftedTo[d] = target;
        shifts.add(new Shift(millis, d, target));
      }
    } else if (shiftedTo[d] >= 0 && share < SHIFT_DC) {
      shiftedTo[d] = -1;
      shifts.add(new Shift(millis, d, d));
    }
  }
}
