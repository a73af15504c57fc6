package org.hindsight.patterns.changecorrelation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hindsight.analysis.Analysis;
import org.hindsight.facts.Hypothesis;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change an event records is a fact of the rule session only when it can be weighed (in the look-back window
 * before some trouble, or citing a ticket); one outside every window is still a step of the roll-out it belongs to.
 */
class EventChangesInSessionTest {
  @TempDir Path dir;

  /**
   * A runtime patch applied host by host to the broker tier (rules/change-correlation/fixtures/rolling-upgrade-below-minimum):
   * six steps, the last three after every symptom had begun, and a deploy of search half an hour before the first.
   */
  @Test
  void changesAfterEveryTroubleAreNoFactsButStayStepsOfTheirRollOut() throws Exception {
    Path fixture = TestAnalysis.home().resolve("rules/change-correlation/fixtures/rolling-upgrade-below-minimum");
    // a rule of the test's own counts the changes of events the session holds once the logs have ended
    Path rules = Files.createDirectories(dir.resolve("count"));
    Files.writeString(rules.resolve("count.drl"), """
        package hindsight.test.countchanges;
        import org.hindsight.facts.*;
        rule "the changes of events held when the logs end"
          salience 1000
        when
          LogsEnd()
          $n : Number() from accumulate( Change( source == "event" ), count(1) )
        then
          insert(Finding.of("event-changes-held", "test", String.valueOf($n), "held"));
        end
        """);
    Analysis analysis = TestAnalysis.analyze(List.of(TestAnalysis.home().resolve("rules"), rules), fixture);
    // the most held at once (the count falls as the roll-out replaces its steps)
    int held = analysis.findings().stream().filter(f -> f.finding().kind().equals("event-changes-held"))
        .mapToInt(f -> Integer.parseInt(f.finding().subject())).max().orElseThrow();
    // the deploy of search and the first three steps (there were seven: one per event whose type says a change)
    assertEquals(4, held);
    Hypothesis broker = TestAnalysis.live(analysis, "change-correlation").stream().map(a -> a.hypothesis())
        .filter(h -> h.subject().equals("broker")).findFirst().orElseThrow();
    assertEquals("6", broker.details().get("steps"), "every step of the roll-out, also those after the symptoms");
    assertEquals("brk-1, brk-2, brk-3, brk-4, brk-5, brk-6", broker.details().get("items"));
    assertEquals("events.csv:3", Path.of(broker.cause().file()).getFileName() + ":" + broker.cause().line());
  }

  @Test
  void aChangeIsInAWindowWhenSomeTroubleBeginsAtMostTheLookBackAfterIt() {
    java.time.Instant t0 = java.time.Instant.parse("2025-06-03T08:00:00Z");
    org.hindsight.facts.SourceRef ref = new org.hindsight.facts.SourceRef("events.csv", 2);
    // a second trouble three hours after the first symptom, on db (what a change of db would reach)
    org.hindsight.facts.IncidentOnset onset = new org.hindsight.facts.IncidentOnset(t0, "web", "service.down", java.util.Set.of(), 5, ref,
        java.util.Set.of(), java.util.Map.of("db", new org.hindsight.facts.IncidentOnset.Trouble(t0.plusSeconds(3 * 3600), "db", "errors", ref)),
        java.util.Map.of());
    long h = 3_600_000L;
    long t = t0.toEpochMilli();
    long lookBack = 2 * h;
    assertEquals(List.of(false, true, true, false, true, true, false),
        java.util.stream.LongStream.of(t - lookBack - 1, t - lookBack, t, t + 1, t + h, t + 3 * h, t + 3 * h + 1)
            .mapToObj(m -> onset.anchoredWithin(m, lookBack)).toList());
  }
}
