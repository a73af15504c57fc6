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

  private static Assessment maintenance(org.hindsight.analysis.Analysis analysis) {
    Assessment a = analysis.assessments().stream().filter(x -> x.hypothesis().subject().equals("use1-b")).findFirst().orElseThrow();
    assertEquals("change-correlation", a.hypothesis().pattern());
    return a;
  }

  private static Set<String> explained(Assessment a) {
    return a.validation().explained().stream().map(s -> s.entity()).collect(Collectors.toSet());
  }
}
