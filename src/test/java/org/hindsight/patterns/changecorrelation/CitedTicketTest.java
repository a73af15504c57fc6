package org.hindsight.patterns.changecorrelation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.hindsight.analysis.Assessment;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;

/**
 * A change whose ticket the failing records of entities elsewhere cite acted on them too (Google Cloud 2019-06-02: a
 * maintenance of one cell whose automation descheduled the network control plane of five more, each job's record
 * citing the maintenance); records citing another ticket tie nothing to it.
 */
class CitedTicketTest {
  static final Path FIXTURE = TestAnalysis.home()
      .resolve("rules/change-correlation/fixtures/maintenance-deschedules-network-control-plane-in-many-cells");

  @Test
  void theJobsWhoseRecordsCiteTheMaintenanceFailWithItAndOthersDoNot() throws Exception {
    Assessment cited = maintenance(TestAnalysis.analyze(FIXTURE));
    Set<String> explained = explained(cited);
    assertTrue(explained.containsAll(Set.of("netctl-use4-a", "netctl-usw2-a", "bb-us-central1-r1")), explained.toString());
    CsvTable.onACopy(FIXTURE, dir -> {
      CsvTable events = CsvTable.read(dir.resolve("events.csv"));
      for (String[] r : events.where(r -> events.get(r, "type").equals("job.descheduled") && !events.get(r, "entity").equals("netctl-use1-b"))) {
        events.set(r, "message", events.get(r, "message").replace("MT-61190", "MT-61244"));
      }
      events.write();
      Set<String> own = explained(maintenance(TestAnalysis.analyze(dir)));
      assertTrue(own.contains("netctl-use1-b"), own.toString());
      assertFalse(own.contains("netctl-use4-a") || own.contains("bb-us-central1-r1"), own.toString());
    });
  }

  /**
   * The ticket's record copied, five minutes earlier, onto an entity connected to nothing that failed: it acted nowhere
   * near the failing records, so the change that reached the trouble is still the ticket's start and still explains
   * every entity whose record cites it. Near miss: the earlier record on an entity in trouble is the ticket's first start
   * there, and the later change no longer takes the citing entities with it.
   */
  @Test
  void anEarlierRecordOfTheTicketOnAHealthyEntityStartsNothingTheFailingRecordsCite() throws Exception {
    org.hindsight.analysis.Analysis truth = TestAnalysis.analyze(FIXTURE);
    Assessment cited = truth.assessments().get(0);
    Set<String> explained = explained(cited);
    CsvTable.onACopy(FIXTURE, dir -> {
      String healthy = org.hindsight.testing.Perturbations.unrelatedHealthyEntity(truth, dir);
      earlierRecordOfTheTicket(cited, dir, healthy);
      Assessment again = sameCause(TestAnalysis.analyze(dir), cited);
      assertEquals(explained, explained(again));
    });
    // the near miss: the same record on an entity whose own trouble the change explained (not its own entity)
    String troubled = explained.stream().filter(e -> !e.equals(cited.hypothesis().subject())).sorted().findFirst().orElseThrow();
    CsvTable.onACopy(FIXTURE, dir -> {
      earlierRecordOfTheTicket(cited, dir, troubled);
      Set<String> now = explained(sameCause(TestAnalysis.analyze(dir), cited));
      assertTrue(now.size() < explained.size(), "the later change is no start of the ticket: " + now);
    });
  }

  /** The cause's row, its ticket kept, on {@code entity} five minutes earlier. */
  private static void earlierRecordOfTheTicket(Assessment cause, Path dir, String entity) throws Exception {
    CsvTable events = CsvTable.read(dir.resolve(org.hindsight.testing.Claims.fileName(cause.hypothesis().cause())));
    String[] row = events.atLine(cause.hypothesis().cause().line());
    assertFalse(events.get(row, "ticket").isBlank(), "the cause carries a ticket");
    String[] copy = events.atLine(events.appendCopy(row));
    events.set(copy, "entity", entity);
    events.shift(copy, java.time.Duration.ofMinutes(-5));
    events.write();
  }

  private static Assessment sameCause(org.hindsight.analysis.Analysis analysis, Assessment truth) {
    return analysis.assessments().stream().filter(x -> x.hypothesis().subject().equals(truth.hypothesis().subject())
        && x.hypothesis().cause().line() == truth.hypothesis().cause().line()).findFirst().orElseThrow();
  }

  private static Assessment maintenance(org.hindsight.analysis.Analysis analysis) {
    Assessment a = analysis.assessments().stream().filter(x -> x.hypothesis().subject().equals("use1-b")).findFirst().orElseThrow();
    assertEquals("change-correlation", a.hypothesis().pattern());
    return a;
  }

  private static Set<String> explained(Assessment a) {
    return a.validation().explained().stream().map(s -> s.entity()).collect(Collectors.toSet());
  }
}
