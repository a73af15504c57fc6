package org.hindsight.patterns.changecorrelation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.simulate.Verdict;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;

/**
 * One operator's calls on one entity minutes apart are one operation, not rivals (Slack 2021-09-30: the key-signing key
 * deactivated, then the zone's signing disabled 37 s later, CloudTrail logging each call): the claim is confirmed. Near
 * misses, each leaving the two calls rivals whose contributions cancel (plausible at best): the earlier call by another
 * actor, no actor logged at all.
 */
class OneOperationTest {
  static final Path FIXTURE = TestAnalysis.home()
      .resolve("rules/change-correlation/fixtures/dnssec-signing-disabled-while-resolvers-hold-the-ds");
  static final String ZONE = "Z04417282OJQFG3KWN1L";
  static final int KEY_CALL = 3;

  @Test
  void oneOperatorsCallsOnTheZoneAreOneChange() throws Exception {
    assertEquals(Verdict.CONFIRMED, claimOnZone(TestAnalysis.analyze(FIXTURE)).validation().verdict());
  }

  @Test
  void theKeyCallByAnotherActorStaysARival() throws Exception {
    assertNotConfirmed(events -> events.set(events.atLine(KEY_CALL), "user", "dana"));
  }

  @Test
  void callsWithNoActorLoggedStayRivals() throws Exception {
    assertNotConfirmed(events -> {
      for (String[] r : events.rows()) events.set(r, "user", "");
    });
  }

  private interface Edit {
    void apply(CsvTable events) throws Exception;
  }

  private static void assertNotConfirmed(Edit edit) throws Exception {
    CsvTable.onACopy(FIXTURE, dir -> {
      CsvTable events = CsvTable.read(dir.resolve("events.csv"));
      edit.apply(events);
      events.write();
      assertNotEquals(Verdict.CONFIRMED, claimOnZone(TestAnalysis.analyze(dir)).validation().verdict());
    });
  }

  private static Assessment claimOnZone(Analysis a) {
    return a.assessments().stream()
        .filter(x -> x.hypothesis().pattern().equals("change-correlation") && x.hypothesis().subject().equals(ZONE))
        .findFirst().orElseThrow(() -> new AssertionError("no change claim on the zone"));
  }
}
