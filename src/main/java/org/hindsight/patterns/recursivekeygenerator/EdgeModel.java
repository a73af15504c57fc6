package org.hindsight.patterns.recursivekeygenerator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hindsight.ingest.RequestLog;
import org.hindsight.simulate.SimulationBudget;

/**
 * A model of the edge that sampled requests are replayed through: data centres of servers of HTTP
 * processes (the topology is read from the request log; process names are taken to be unique).
 *
 * <ul>
 *   <li>A request goes where the log says it landed, unless the model disagrees: a server with half
 *       or more of its processes poisoned is busy, and the data centre's load balancer sends new
 *       connections to its least busy server (same process slot); a data centre with 40 % or more
 *       of its processes poisoned has its traffic shifted by the traffic manager to the least
 *       poisoned data centre (ties: where the logs show the traffic manager sending it, else the
 *       data centre the request log reaches first) until restarts bring it back under the threshold.
 *   <li>A request served by a poisoned process fails. A request that carries the trigger (valid and
 *       invalid cookies together) and matches a live rule whose key evaluation loops poisons the
 *       healthy process that receives it: it stays pinned until the log restarts it (the process
 *       or its server).
 *   <li>Every minute the model samples, per data centre, how many processes are poisoned and the
 *       error share a client sees (poisoned processes among those the load balancer still uses).
 * </ul>
 * Replays use dictionary codes and primitive arrays: no allocation per request.
 */
public final class EdgeModel {
  public static final double BUSY_SERVER = 0.5;
  public static final double SHIFT_DC = 0.4;
  static final long MINUTE = 60_000L;

  final RequestLog log;
  final String[] dcNames;
  final String[] serverNames;
  final String[] procNames;
  final int[] dcOfServer;
  final int[] serverOfProc;
  final int[] slotOfProc;
  final int[][] serversOfDc;
  final int[][] procsOfServer;
  final int[] procsInDc;
  final int[] dcOfCode;
  final int[] serverOfCode;
  final int[] procOfCode;
  /** Data centres by their first sampled request (ties by name): the last tie-break of a shift's target. */
  final int[] dcsByFirstRequest;
  final long firstMillis;
  final long lastMillis;

  public EdgeModel(RequestLog log) {
    this.log = log;
    TreeMap<String, TreeMap<String, TreeSet<String>>> tree = new TreeMap<>();
    int dict = log.dictionarySize();
    boolean[] seenProc = new boolean[dict];
    long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
    long[] firstOfCode = new long[dict];
    Arrays.fill(firstOfCode, Long.MAX_VALUE);
    log.forEachCoded((row, t, dc, srv, proc, status, rule, valid, invalid) -> {
      span[0] = Math.min(span[0], t);
      span[1] = Math.max(span[1], t);
      if (t < firstOfCode[dc]) firstOfCode[dc] = t;
      if (t < firstOfCode[srv]) firstOfCode[srv] = t;
      if (seenProc[proc]) return;
      seenProc[proc] = true;
      tree.computeIfAbsent(log.string(dc), k -> new TreeMap<>())
          .computeIfAbsent(log.string(srv), k -> new TreeSet<>()).add(log.string(proc));
    });
    firstMillis = log.size() == 0 ? 0 : span[0];
    lastMillis = log.size() == 0 ? 0 : span[1];
    List<String> dcs = new ArrayList<>(), servers = new ArrayList<>(), procs = new ArrayList<>();
    List<Integer> dcOfSrv = new ArrayList<>(), srvOfProc = new ArrayList<>(), slots = new ArrayList<>();
    List<int[]> srvsOfDc = new ArrayList<>(), procsOfSrv = new ArrayList<>();
    java.util.Set<String> procSeen = new java.util.HashSet<>();
    for (var d : tree.entrySet()) {
      int di = dcs.size();
      dcs.add(d.getKey());
      List<Integer> srvIdx = new ArrayList<>();
      // A data centre's servers in the order the request log first reaches them (names only for the same
      // instant): the least busy server among equally busy ones is then where the logs show traffic
      // first, never the first by name, so renaming the servers cannot change a replay.
      List<Map.Entry<String, TreeSet<String>>> byFirst = new ArrayList<>(d.getValue().entrySet());
      byFirst.sort(java.util.Comparator.comparingLong((Map.Entry<String, TreeSet<String>> e) -> firstOfCode[log.codeOf(e.getKey())])
          .thenComparing(Map.Entry::getKey));
      for (var s : byFirst) {
        int si = servers.size();
        servers.add(s.getKey());
        dcOfSrv.add(di);
        srvIdx.add(si);
        List<Integer> pIdx = new ArrayList<>();
        for (String p : s.getValue()) {
          if (!procSeen.add(p)) continue; // a process name seen under two servers: the first wins
          pIdx.add(procs.size());
          slots.add(pIdx.size() - 1);
          procs.add(p);
          srvOfProc.add(si);
        }
        procsOfSrv.add(pIdx.stream().mapToInt(Integer::intValue).toArray());
      }
      srvsOfDc.add(srvIdx.stream().mapToInt(Integer::intValue).toArray());
    }
    dcNames = dcs.toArray(String[]::new);
    serverNames = servers.toArray(String[]::new);
    procNames = procs.toArray(String[]::new);
    dcOfServer = dcOfSrv.stream().mapToInt(Integer::intValue).toArray();
    serverOfProc = srvOfProc.stream().mapToInt(Integer::intValue).toArray();
    slotOfProc = slots.stream().mapToInt(Integer::intValue).toArray();
    serversOfDc = srvsOfDc.toArray(int[][]::new);
    procsOfServer = procsOfSrv.toArray(int[][]::new);
    procsInDc = new int[dcNames.length];
    for (int p = 0; p < procNames.length; p++) procsInDc[dcOfServer[serverOfProc[p]]]++;
    dcOfCode = codes(dict, dcNames);
    long[] firstRequest = new long[dcNames.length];
    Arrays.fill(firstRequest, Long.MAX_VALUE);
    for (int c = 0; c < dict; c++) if (dcOfCode[c] >= 0) firstRequest[dcOfCode[c]] = Math.min(firstRequest[dcOfCode[c]], firstOfCode[c]);
    dcsByFirstRequest = java.util.stream.IntStream.range(0, dcNames.length).boxed()
        .sorted(java.util.Comparator.comparingLong((Integer d) -> firstRequest[d]).thenComparing(d -> dcNames[d]))
        .mapToInt(Integer::intValue).toArray();
    serverOfCode = codes(dict, serverNames);
    procOfCode = codes(dict, procNames);
  }

  private int[] codes(int dict, String[] names) {
    int[] out = new int[dict];
    Arrays.fill(out, -1);
    for (int i = 0; i < names.length; i++) {
      int c = log.codeOf(names[i]);
      if (c >= 0) out[c] = i;
    }
    return out;
  }

  public List<String> datacenters() {
    return List.of(dcNames);
  }

  public List<String> processes() {
    return List.of(procNames);
  }

  public String serverOf(String process) {
    for (int p = 0; p < procNames.length; p++) if (procNames[p].equals(process)) return serverNames[serverOfProc[p]];
    return "";
  }

  public String datacenterOf(String process) {
    for (int p = 0; p < procNames.length; p++) {
      if (procNames[p].equals(process)) return dcNames[dcOfServer[serverOfProc[p]]];
    }
    return "";
  }

  public long firstMillis() {
    return firstMillis;
  }

  public long lastMillis() {
    return lastMillis;
  }

  /**
   * What one replay assumes.
   *
   * @param loops per rule code: does key evaluation loop for a trigger request
   * @param liveFrom per rule code: when the rule went live (Long.MAX_VALUE: never)
   * @param liveUntil per rule code: when it was disabled (Long.MAX_VALUE: never)
   * @param restartTimes restarts in time order
   * @param restartTargets per restart: the processes it restarts
   */
  public record Scenario(boolean[] loops, long[] liveFrom, long[] liveUntil, long[] restartTimes, int[][] restartTargets,
      List<LoggedShift> loggedShifts) {
    public Scenario(boolean[] loops, long[] liveFrom, long[] liveUntil, long[] restartTimes, int[][] restartTargets) {
      this(loops, liveFrom, liveUntil, restartTimes, restartTargets, List.of());
    }
  }

  /** A logged shift this close to the model's own is taken to be the same decision (the simulator's matching tolerance). */
  static final long SHIFT_MATCH_MILLIS = 2 * MINUTE;

  /** A traffic shift the logs show, by data-centre index: where the traffic manager really sent the traffic. */
  public record LoggedShift(long millis, int from, int to) {}

  /** A logged shift from one data centre to another, or null when either is not in the request log. */
  public LoggedShift loggedShift(long millis, String from, String to) {
    int f = Arrays.asList(dcNames).indexOf(from);
    int t = Arrays.asList(dcNames).indexOf(to);
    return f < 0 || t < 0 || f == t ? null : new LoggedShift(millis, f, t);
  }

  /** A poisoned stretch of one process: from the poisoning request to the restart (or -1: never). */
  public record Episode(String process, String datacenter, long onset, long end, int row) {
    public long endOr(long horizon) {
      return end < 0 ? horizon : end;
    }
  }

  public record Shift(long millis, String from, String to) {}

  /** What a replay predicts, per minute from {@link #startMinute} (epoch minutes). */
  public record Result(List<Episode> episodes, List<Shift> shifts, long startMinute, int[][] poisonedByDc,
      double[][] errorShareByDc, int[] requestsPerMinute, int[] failedPerMinute, boolean stopped) {

    public int minutes() {
      return requestsPerMinute.length;
    }

    public int poisonedAt(int minute) {
      int n = 0;
      for (int[] d : poisonedByDc) n += d[minute];
      return n;
    }

    /** Poisoned process-minutes until {@code horizon}. */
    public double processMinutes(long horizon) {
      double ms = 0;
      for (Episode e : episodes) ms += Math.max(0, e.endOr(horizon) - e.onset());
      return ms / MINUTE;
    }
  }

  /** Maps restart events (entity = a process or a server) to process indexes; unknown entities are skipped. */
  public int[] restartTargets(String entity) {
    for (int p = 0; p < procNames.length; p++) if (procNames[p].equals(entity)) return new int[] {p};
    for (int s = 0; s < serverNames.length; s++) if (serverNames[s].equals(entity)) return procsOfServer[s].clone();
    return new int[0];
  }

  public Result replay(Scenario sc, SimulationBudget budget) {
    return new Run(sc, budget).go();
  }

  private final class Run implements RequestLog.CodedVisitor {
    final Scenario sc;
    final SimulationBudget budget;
    final boolean[] poisoned = new boolean[procNames.length];
    final int[] episodeOf = new int[procNames.length];
    final int[] poisonedOnServer = new int[serverNames.length];
    final int[] poisonedInDc = new int[dcNames.length];
    final int[] shiftedTo = new int[dcNames.length];
    final List<Episode> episodes = new ArrayList<>();
    final List<Shift> shifts = new ArrayList<>();
    final long startMinute;
    final int[][] poisonedByDc;
    final double[][] errorShare;
    final int[] requests;
    final int[] failed;
    int nextRestart;
    int minute; // index of the minute being filled; its sample is taken at its end
    boolean stopped;

    Run(Scenario sc, SimulationBudget budget) {
      this.sc = sc;
      this.budget = budget;
      Arrays.fill(shiftedTo, -1);
      startMinute = Math.floorDiv(firstMillis, MINUTE);
      int minutes = (int) (Math.floorDiv(lastMillis, MINUTE) - startMinute + 1);
      poisonedByDc = new int[dcNames.length][minutes];
      errorShare = new double[dcNames.length][minutes];
      requests = new int[minutes];
      failed = new int[minutes];
    }

    Result go() {
      if (log.size() > 0) {
        log.forEachCoded(this);
        advance(Long.MAX_VALUE - 1);
        for (; nextRestart < sc.restartTimes.length; nextRestart++) { // restarts after the last request still end episodes
          for (int p : sc.restartTargets[nextRestart]) restart(p, sc.restartTimes[nextRestart]);
        }
      }
      List<Episode> out = new ArrayList<>(episodes);
      return new Result(out, shifts, startMinute, poisonedByDc, errorShare, requests, failed, stopped);
    }

    @Override
    public void visit(int row, long t, int dcCode, int srvCode, int procCode, int status, int rule, int valid, int invalid) {
      if (stopped) return;
      if (!budget.step()) {
        stopped = true;
        return;
      }
      advance(t);
      int d = dcOfCode[dcCode];
      int p = procOfCode[procCode];
      int s = serverOfProc[p];
      if (shiftedTo[d] >= 0) {
        d = shiftedTo[d];
        s = leastBusy(d);
        p = slot(s, slotOfProc[p]);
      } else if (busy(s)) {
        int s2 = leastBusy(d);
        if (s2 != s) {
          s = s2;
          p = slot(s2, slotOfProc[p]);
        }
      }
      requests[minute]++;
      if (poisoned[p]) {
        failed[minute]++;
      } else if (valid > 0 && invalid > 0 && sc.loops[rule] && t >= sc.liveFrom[rule] && t < sc.liveUntil[rule]) {
        failed[minute]++; // the poisoning request itself is never answered
        poison(p, t, row);
        updateShift(dcOfServer[s], t);
      }
    }

    private int slot(int server, int k) {
      int[] ps = procsOfServer[server];
      return ps[k % ps.length];
    }

    private boolean busy(int s) {
      return poisonedOnServer[s] >= BUSY_SERVER * procsOfServer[s].length;
    }

    private int leastBusy(int d) {
      int best = serversOfDc[d][0];
      for (int s : serversOfDc[d]) if (poisonedOnServer[s] < poisonedOnServer[best]) best = s;
      return best;
    }

    private void poison(int p, long t, int row) {
      poisoned[p] = true;
      poisonedOnServer[serverOfProc[p]]++;
      poisonedInDc[dcOfServer[serverOfProc[p]]]++;
      episodeOf[p] = episodes.size();
      episodes.add(new Episode(procNames[p], dcNames[dcOfServer[serverOfProc[p]]], t, -1, row));
    }

    private void restart(int p, long t) {
      if (!poisoned[p]) return;
      poisoned[p] = false;
      poisonedOnServer[serverOfProc[p]]--;
      poisonedInDc[dcOfServer[serverOfProc[p]]]--;
      Episode e = episodes.get(episodeOf[p]);
      episodes.set(episodeOf[p], new Episode(e.process(), e.datacenter(), e.onset(), t, e.row()));
    }

    private void updateShift(int d, long t) {
      double share = (double) poisonedInDc[d] / procsInDc[d];
      if (shiftedTo[d] < 0 && share >= SHIFT_DC) {
        int target = -1;
        double best = Double.MAX_VALUE;
        for (int x = 0; x < dcNames.length; x++) {
          if (x == d || shiftedTo[x] >= 0) continue;
          double sx = (double) poisonedInDc[x] / procsInDc[x];
          if (sx < best) {
            best = sx;
            target = x;
          }
        }
        // Among the equally poisoned, the traffic manager's choice, never the names' order: the target of
        // a shift from this data centre logged near this time, else the target it last sent traffic to,
        // else the data centre the request log reaches first.
        int chosen = -1;
        long chosenGap = Long.MAX_VALUE;
        long lastUsed = Long.MIN_VALUE;
        for (LoggedShift l : sc.loggedShifts()) {
          int x = l.to();
          if (x == d || shiftedTo[x] >= 0 || (double) poisonedInDc[x] / procsInDc[x] > best) continue;
          long gap = Math.abs(l.millis() - t);
          if (l.from() == d && gap <= SHIFT_MATCH_MILLIS && gap < chosenGap) {
            chosen = x;
            chosenGap = gap;
          } else if (chosenGap == Long.MAX_VALUE && l.millis() <= t && l.millis() > lastUsed) {
            chosen = x;
            lastUsed = l.millis();
          }
        }
        if (chosen < 0) {
          for (int x : dcsByFirstRequest) {
            if (x != d && shiftedTo[x] < 0 && (double) poisonedInDc[x] / procsInDc[x] <= best) {
              chosen = x;
              break;
            }
          }
        }
        if (chosen >= 0) target = chosen;
        if (target >= 0) {
          shiftedTo[d] = target;
          shifts.add(new Shift(t, dcNames[d], dcNames[target]));
        }
      } else if (shiftedTo[d] >= 0 && share < SHIFT_DC) {
        shiftedTo[d] = -1;
        shifts.add(new Shift(t, dcNames[d], dcNames[d]));
      }
    }

    /** Applies restarts before {@code t} and takes the minute samples whose boundary is at or before it. */
    private void advance(long t) {
      while (true) {
        long boundary = (startMinute + minute + 1) * MINUTE;
        long restartAt = nextRestart < sc.restartTimes.length ? sc.restartTimes[nextRestart] : Long.MAX_VALUE;
        if (restartAt < boundary && restartAt <= t) {
          for (int p : sc.restartTargets[nextRestart]) {
            restart(p, restartAt);
          }
          java.util.Set<Integer> dcs = new java.util.TreeSet<>();
          for (int p : sc.restartTargets[nextRestart]) dcs.add(dcOfServer[serverOfProc[p]]);
          for (int d : dcs) updateShift(d, restartAt);
          nextRestart++;
        } else if (boundary <= t && minute < requests.length) {
          sample(minute);
          minute++;
          if (minute >= requests.length) {
            minute = requests.length - 1; // requests past the last sampled minute count in it
            return;
          }
        } else {
          return;
        }
      }
    }

    private void sample(int m) {
      for (int d = 0; d < dcNames.length; d++) {
        poisonedByDc[d][m] = poisonedInDc[d];
        errorShare[d][m] = shiftedTo[d] >= 0 ? 0 : exposedShare(d);
      }
    }

    private double exposedShare(int d) {
      int used = 0, bad = 0;
      for (int s : serversOfDc[d]) {
        if (busy(s)) continue;
        used += procsOfServer[s].length;
        bad += poisonedOnServer[s];
      }
      if (used == 0) {
        int s = leastBusy(d);
        used = procsOfServer[s].length;
        bad = poisonedOnServer[s];
      }
      return (double) bad / used;
    }
  }
}
