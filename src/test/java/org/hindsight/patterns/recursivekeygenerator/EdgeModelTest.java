package org.hindsight.patterns.recursivekeygenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.hindsight.ingest.RequestLog;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.patterns.recursivekeygenerator.EdgeModel;
import org.junit.jupiter.api.Test;

class EdgeModelTest {
  static final long T0 = 1_700_000_000_000L;

  /** Two DCs (a, b), two servers each, two processes per server; every process serves one warm-up request. */
  static RequestLog.Builder warm() {
    RequestLog.Builder b = RequestLog.builder();
    long t = T0;
    for (String dc : new String[] {"a", "b"}) {
      for (int s = 1; s <= 2; s++) {
        for (int p = 1; p <= 2; p++) b.add(t++, dc, dc + s, dc + s + "p" + p, 200, "", 1, 0);
      }
    }
    return b;
  }

  static EdgeModel.Scenario scenario(RequestLog log, boolean loops, long until, long[] restartAt, int[][] targets) {
    int n = log.dictionarySize();
    boolean[] l = new boolean[n];
    long[] from = new long[n];
    long[] to = new long[n];
    Arrays.fill(from, Long.MAX_VALUE);
    Arrays.fill(to, Long.MAX_VALUE);
    int r = log.codeOf("rl");
    if (r < 0) return new EdgeModel.Scenario(l, from, to, restartAt, targets);
    l[r] = loops;
    from[r] = T0;
    to[r] = until;
    return new EdgeModel.Scenario(l, from, to, restartAt, targets);
  }

  @Test
  void triggerPoisonsTheReceivingProcessUntilItsRestart() {
    RequestLog log = warm()
        .add(T0 + 60_000, "a", "a1", "a1p1", 504, "rl", 1, 2)
        .add(T0 + 70_000, "a", "a1", "a1p1", 502, "", 1, 0)
        .add(T0 + 400_000, "a", "a1", "a1p1", 200, "", 1, 0).build();
    EdgeModel m = new EdgeModel(log);
    int[] target = m.restartTargets("a1p1");
    var r = m.replay(scenario(log, true, Long.MAX_VALUE, new long[] {T0 + 300_000}, new int[][] {target}),
        SimulationBudget.defaults());
    assertEquals(1, r.episodes().size());
    assertEquals("a1p1", r.episodes().get(0).process());
    assertEquals(T0 + 60_000, r.episodes().get(0).onset());
    assertEquals(T0 + 300_000, r.episodes().get(0).end());
    assertEquals(4.0, r.processMinutes(Long.MAX_VALUE), 1e-9);
  }

  @Test
  void noLoopOrRuleDisabledMeansNoPoison() {
    RequestLog log = warm().add(T0 + 60_000, "a", "a1", "a1p1", 504, "rl", 1, 2).build();
    EdgeModel m = new EdgeModel(log);
    assertTrue(m.replay(scenario(log, false, Long.MAX_VALUE, new long[0], new int[0][]), SimulationBudget.defaults())
        .episodes().isEmpty());
    assertTrue(m.replay(scenario(log, true, T0 + 30_000, new long[0], new int[0][]), SimulationBudget.defaults())
        .episodes().isEmpty());
  }

  @Test
  void busyServerSendsNewConnectionsToTheLeastBusyServer() {
    // a1p1 poisoned makes a1 busy (half its processes); the next trigger logged on a1 lands on a2
    RequestLog log = warm()
        .add(T0 + 60_000, "a", "a1", "a1p1", 504, "rl", 1, 2)
        .add(T0 + 61_000, "a", "a1", "a1p2", 504, "rl", 1, 2).build();
    var r = new EdgeModel(log).replay(scenario(log, true, Long.MAX_VALUE, new long[0], new int[0][]), SimulationBudget.defaults());
    assertEquals(2, r.episodes().size());
    assertEquals("a2p2", r.episodes().get(1).process());
  }

  @Test
  void amongEquallyBusyServersTheFirstTheLogReachesTakesTheTrafficWhateverTheNames() {
    // a1 busy; a-zulu and a-alpha equally idle. The log reaches a-zulu first: it takes the connection,
    // and renaming the two (alpha first by name either way) must not move it.
    for (String[] names : new String[][] {{"a-zulu", "a-alpha"}, {"a-alpha", "a-zulu"}}) {
      RequestLog.Builder b = RequestLog.builder();
      long t = T0;
      for (String srv : new String[] {"a1", names[0], names[1]}) {
        for (int p = 1; p <= 2; p++) b.add(t++, "a", srv, srv + "p" + p, 200, "", 1, 0);
      }
      RequestLog log = b.add(T0 + 60_000, "a", "a1", "a1p1", 504, "rl", 1, 2)
          .add(T0 + 61_000, "a", "a1", "a1p2", 504, "rl", 1, 2).build();
      var r = new EdgeModel(log).replay(scenario(log, true, Long.MAX_VALUE, new long[0], new int[0][]), SimulationBudget.defaults());
      assertEquals(2, r.episodes().size());
      assertEquals(names[0] + "p2", r.episodes().get(1).process(), "the server the log reaches first, not the first by name");
    }
  }

  @Test
  void dataCentrePastTheThresholdShiftsItsTrafficAndThePoisonMoves() {
    RequestLog log = warm()
        .add(T0 + 60_000, "a", "a1", "a1p1", 504, "rl", 1, 2)
        .add(T0 + 61_000, "a", "a2", "a2p1", 504, "rl", 1, 2)   // 2 of 4 poisoned: a shifts to b
        .add(T0 + 62_000, "a", "a1", "a1p2", 504, "rl", 1, 2).build();
    var r = new EdgeModel(log).replay(scenario(log, true, Long.MAX_VALUE, new long[0], new int[0][]), SimulationBudget.defaults());
    assertEquals(1, r.shifts().size());
    assertEquals("a", r.shifts().get(0).from());
    assertEquals("b", r.shifts().get(0).to());
    assertEquals("b", r.episodes().get(2).datacenter(), "the trigger logged in a is served, and poisons, in b");
  }

  @Test
  void replayStopsWhenTheBudgetRunsOut() {
    RequestLog log = warm().build();
    var r = new EdgeModel(log).replay(scenario(log, true, Long.MAX_VALUE, new long[0], new int[0][]),
        new SimulationBudget(3, java.time.Duration.ofSeconds(5)));
    assertTrue(r.stopped());
  }
}
