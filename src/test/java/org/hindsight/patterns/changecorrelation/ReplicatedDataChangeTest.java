package org.hindsight.patterns.changecorrelation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.simulate.Verdict;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;

/**
 * A table emptied on a replicated database's primary is emptied on its replicas too (replication replays the
 * statement): the change is the service's, and the replay takes the service out. Only data, only on the primary.
 */
class ReplicatedDataChangeTest {
  static final Path FIXTURE = TestAnalysis.home().resolve("rules/change-correlation/fixtures/test-suite-truncates-the-production-primary");

  @Test
  void aTruncateOnThePrimaryIsAChangeOfTheReplicatedServiceAndConfirmed() throws Exception {
    Assessment a = live(TestAnalysis.analyze(FIXTURE)).get(0);
    assertEquals("travis-db", a.hypothesis().subject());
    assertEquals(Verdict.CONFIRMED, a.validation().verdict());
  }

  @Test
  void onAHostNamedAsNoPrimaryTheChangeStaysTheHostsAndTheReplicaStandsIn() throws Exception {
    CsvTable.onACopy(FIXTURE, dir -> {
      CsvTable inv = CsvTable.read(dir.resolve("inventory.csv"));
      for (String[] r : inv.rows()) if (inv.get(r, "role").equals("primary")) inv.set(r, "role", "replica");
      inv.write();
      Analysis an = TestAnalysis.analyze(dir);
      assertTrue(live(an).isEmpty(), an.assessments().toString());
      assertTrue(an.assessments().stream().anyMatch(x -> x.hypothesis().subject().equals("travis-pro-db-primary")),
          an.assessments().toString());
    });
  }

  @Test
  void aSettingChangedOnThePrimaryStaysThePrimarysOwn() throws Exception {
    CsvTable.onACopy(FIXTURE, dir -> {
      CsvTable ev = CsvTable.read(dir.resolve("events-postgresql.csv"));
      for (String[] r : ev.rows()) if (ev.get(r, "type").equals("db.data.deleted")) ev.set(r, "type", "db.config.changed");
      ev.write();
      Analysis an = TestAnalysis.analyze(dir);
      assertTrue(an.assessments().stream().noneMatch(x -> x.hypothesis().subject().equals("travis-db")), an.assessments().toString());
      assertTrue(an.assessments().stream().anyMatch(x -> x.hypothesis().subject().equals("travis-pro-db-primary")),
          an.assessments().toString());
    });
  }

  private static List<Assessment> live(Analysis an) {
    return an.assessments().stream().filter(x -> x.validation().verdict() == Verdict.CONFIRMED
        || x.validation().verdict() == Verdict.PLAUSIBLE).toList();
  }
}
