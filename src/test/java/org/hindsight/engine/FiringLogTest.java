package org.hindsight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hindsight.facts.SourceRef;
import org.junit.jupiter.api.Test;

class FiringLogTest {
  @Test
  void aFiringsRecordsAreReadOnlyWhileTheRulesFirstMatchesAreKept() {
    FiringLog log = new FiringLog();
    AtomicInteger read = new AtomicInteger();
    for (int i = 1; i <= 200; i++) {
      int line = i;
      log.fired("b rule", () -> {
        read.incrementAndGet();
        return new FiringLog.Match(List.of(new SourceRef("events.csv", line)), List.of("Event"));
      });
    }
    assertEquals(FiringLog.MATCHES_KEPT_PER_RULE, read.get(), "the records of firings past the kept ones are never read");
    assertEquals(200, log.count("b rule"));
    assertEquals(FiringLog.MATCHES_KEPT_PER_RULE, log.matches("b rule").size());
    assertEquals(new SourceRef("events.csv", 1), log.matches("b rule").get(0).records().get(0), "the first matches are kept");
  }

  @Test
  void countsAreByRuleNameAndTheBusiestIsTheFirstByNameOfEquals() {
    FiringLog log = new FiringLog();
    FiringLog.Match m = new FiringLog.Match(List.of(), List.of());
    for (String rule : List.of("c", "a", "b", "c", "a")) log.fired(rule, m);
    assertEquals(List.of("a", "b", "c"), List.copyOf(log.counts().keySet()));
    assertEquals(List.of(2L, 1L, 2L), List.copyOf(log.counts().values()));
    assertEquals(5, log.total());
    assertEquals("a", log.busiest());
    assertEquals(0, log.count("d"));
    assertEquals(List.of(), log.matches("d"));
  }
}
