package org.hindsight.patterns.typoscopedshutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.facts.Hypothesis;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HS-TSS-001 cites the first observed failure after the removal: every failure of that first moment,
 * none before the command, none later, whichever way the failure was observed.
 */
class FirstFailureTest {
  @TempDir Path dir;

  /** A count slip (40 hosts instead of 4) takes queue (min 30 of 60) below its minimum at 14:00. */
  private Hypothesis analyse(String events) throws Exception {
    List<Hypothesis> typo = TestAnalysis.live(analysis(events), "typo-scoped-shutdown").stream().map(a -> a.hypothesis()).toList();
    assertEquals(1, typo.size(), "one hypothesis: " + typo);
    return typo.get(0);
  }

  private Analysis analysis(String events) throws Exception {
    Path fixture = TestAnalysis.home().resolve("rules/typo-scoped-shutdown/fixtures/count-slip");
    try (Stream<Path> files = Files.list(fixture)) {
      for (Path f : files.toList()) {
        if (f.toString().endsWith(".csv") && !f.getFileName().toString().equals("events.csv")) Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    Files.writeString(dir.resolve("events.csv"), "timestamp,source,type,entity,message,severity\n" + events);
    return TestAnalysis.analyze(dir);
  }

  private static List<String> cited(Hypothesis h) {
    return h.evidence().stream().filter(e -> e.note().startsWith("failure after the removal"))
        .map(e -> Path.of(e.ref().file()).getFileName() + ":" + e.ref().line()).toList();
  }

  private static List<Integer> failureLines(Hypothesis h) {
    return h.evidence().stream().filter(e -> e.note().startsWith("failure after the removal")).map(e -> e.ref().line()).sorted().toList();
  }

  @Test
  void theFirstMomentsFailuresAreCitedAndNoOthers() throws Exception {
    Hypothesis h = analyse("""
        2024-05-14T13:50:00Z,monitor,service.down,queue,before the removal,critical
        2024-05-14T14:01:00Z,monitor,service.degraded,queue,queue slow,error
        2024-05-14T14:01:00Z,monitor,host.down,q-050,host gone,critical
        2024-05-14T14:05:00Z,monitor,service.down,queue,consumers lag,critical
        2024-05-14T14:06:00Z,monitor,host.down,q-051,host gone,critical
        """);
    assertEquals("queue", h.subject());
    // lines 3 and 4: the service's own event and a down host of the service, both at 14:01 (before
    // the error-ratio excursion of orders, which depends on queue, at 14:02)
    assertEquals(List.of(3, 4), failureLines(h));
  }

  @Test
  void anEarlierFailureOfADifferentKindWins() throws Exception {
    Hypothesis h = analyse("""
        2024-05-14T14:01:00Z,monitor,host.degraded,q-052,host slow,warning
        2024-05-14T14:04:00Z,monitor,service.down,queue,consumers lag,critical
        """);
    assertEquals(List.of(2), failureLines(h));
  }

  @Test
  void withoutEventsTheFirstExcursionOfADependentIsCited() throws Exception {
    Hypothesis h = analyse("2024-05-14T13:50:00Z,monitor,service.down,queue,before the removal,critical\n");
    List<String> cited = h.evidence().stream().filter(e -> e.note().startsWith("failure after the removal"))
        .map(e -> java.nio.file.Path.of(e.ref().file()).getFileName() + ":" + e.ref().line()).toList();
    assertEquals(List.of("metrics.csv:24"), cited, "orders' error ratio at 14:02, not the down before the command");
  }

  @Test
  void anExcursionBeforeTheFirstFailingEventIsTheFirstFailure() throws Exception {
    // the events and the excursions are both read whole from their windows, not as the session's clock reaches them
    Hypothesis h = analyse("2024-05-14T14:05:00Z,monitor,service.down,queue,consumers lag,critical\n");
    assertEquals(List.of("metrics.csv:24"), cited(h), "orders' error ratio at 14:02, not the down at 14:05");
  }

  @Test
  void aFailureAtTheRemovalsOwnTimeCountsAndEventsThatSayNoFailureDoNot() throws Exception {
    Hypothesis h = analyse("""
        2024-05-14T13:59:59Z,monitor,host.degraded,q-050,a second before the removal,warning
        2024-05-14T14:00:00Z,monitor,link.down,q-050,a link is no item of the service,critical
        2024-05-14T14:00:00Z,monitor,service.restart,queue,a restart says no failure,info
        2024-05-14T14:00:00Z,monitor,host.down,q-999,no item of any service,critical
        2024-05-14T14:00:00Z,monitor,host.degraded,q-051,at the removal's own time,warning
        """);
    assertEquals(List.of("events.csv:6"), cited(h));
  }

  @Test
  void aBusyFleetsFailuresAreNotAFactEach() throws Exception {
    // every host of queue degraded every minute for half an hour after the removal: 1,800 failing events
    StringBuilder events = new StringBuilder("2024-05-14T14:00:30Z,monitor,host.down,q-007,first to go,critical\n");
    for (int minute = 1; minute <= 30; minute++) {
      for (int host = 1; host <= 60; host++) {
        events.append(String.format("2024-05-14T14:%02d:45Z,monitor,host.degraded,q-%03d,slow,warning%n", minute, host));
      }
    }
    Analysis analysis = analysis(events.toString());
    Hypothesis h = TestAnalysis.live(analysis, "typo-scoped-shutdown").get(0).hypothesis();
    assertEquals(List.of("events.csv:2"), cited(h));
    long observed = analysis.firings().counts().entrySet().stream().filter(e -> e.getKey().contains("is an observed failure"))
        .mapToLong(java.util.Map.Entry::getValue).sum();
    // the first failing moment of each kind of record, once per removal below minimum (there was one per failing event)
    assertTrue(observed <= 3, "observed-failure firings: " + analysis.firings().counts());
  }
}
