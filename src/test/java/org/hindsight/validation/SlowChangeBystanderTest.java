package org.hindsight.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.Hypothesis;
import org.hindsight.observe.Symptom;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.Perturbations;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;

/**
 * A change of the window on what failed first, read as acting slowly (HS-CC-004: half an hour to two hours before the
 * first symptom, nothing else changed in between), keeps that reading when a change on an entity connected to no
 * trouble comes in between (a bystander tells no closer story); a change in between on an entity in trouble still
 * takes it away. Over every change-correlation fixture whose top claim is such a change, found by what it says.
 */
class SlowChangeBystanderTest {
  @Test
  void aChangeInBetweenOnABystanderLeavesTheSlowReadingAndOneOnTroubleTakesItAway() throws Exception {
    List<Path> slow = new ArrayList<>();
    for (Path fixture : FixturePerturbationsTest.positiveFixtures()) {
      if (!fixture.toString().contains("change-correlation") || !Files.exists(fixture.resolve("events.csv"))) continue;
      Analysis truth = TestAnalysis.analyze(fixture);
      Assessment top = truth.assessments().get(0);
      Hypothesis h = top.hypothesis();
      String minutes = h.detail("minutesBeforeOnset");
      if (h.detail("latent").isEmpty() || !minutes.matches("\\d+") || Long.parseLong(minutes) > 120) continue;
      slow.add(fixture);
      Instant cause = TestAnalysis.world(fixture).timeOf(h.cause());
      Instant between = cause.plus(Duration.between(cause, Instant.parse(h.detail("at"))).dividedBy(2));
      CsvTable.onACopy(fixture, dir -> {
        Perturbations.addChange(dir, Perturbations.unrelatedHealthyEntity(truth, dir), between);
        Assessment again = TestAnalysis.analyze(dir).assessments().get(0);
        assertEquals(h.pattern() + " " + h.subject() + " " + h.cause().line() + " " + top.validation().verdict(),
            again.hypothesis().pattern() + " " + again.hypothesis().subject() + " " + again.hypothesis().cause().line() + " "
                + again.validation().verdict(), fixture + ": a bystander's change in between");
        assertFalse(again.hypothesis().detail("latent").isEmpty(), fixture + ": still read as acting slowly");
      });
      // the near miss: the change in between on the first entity whose trouble the claim explained (not downstream of
      // the trouble, where a change is ruled out)
      String troubled = top.validation().explained().stream().filter(s -> !s.entity().equals(h.subject()))
          .min(java.util.Comparator.comparing(Symptom::onset).thenComparing(Symptom::entity)).orElseThrow().entity();
      CsvTable.onACopy(fixture, dir -> {
        Perturbations.addChange(dir, troubled, between);
        for (Assessment y : TestAnalysis.analyze(dir).assessments()) {
          assertFalse(y.hypothesis().cause() != null && y.hypothesis().cause().line() == h.cause().line()
              && y.hypothesis().pattern().equals(h.pattern()) && !y.hypothesis().detail("latent").isEmpty(),
              fixture + ": a change on " + troubled + " in between is the closer story: " + y.hypothesis());
        }
      });
    }
    assertTrue(slow.size() >= 2, "fixtures with a change read as acting slowly: " + slow);
  }
}
