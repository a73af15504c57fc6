package org.hindsight.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hindsight.observe.Symptom;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.simulate.Verdict;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A confirmed cause that explains a server's saturation also accounts for the same server's errors and
 * degraded events of the same spell: the report does not list them as unexplained. Trouble on an
 * entity the cause does not reach stays unexplained. (A decoy deploy on an idle cache makes a second
 * replay look at every symptom, so the report's unexplained list has all of them to choose from.)
 */
class AccompanyingSymptomsTest {
  @TempDir Path tmp;

  @Test
  void theExplainedTroubleOfAServerSeenAnotherWayIsNotUnexplainedButAnUnrelatedServersIs() throws Exception {
    Files.writeString(tmp.resolve("inventory.csv"), """
        entity,type,site,service
        edge-1,server,ams,edge
        edge-2,server,lhr,edge
        waf,component,global,waf
        db-1,server,ams,db
        cache-1,server,ams,cache
        """);
    Files.writeString(tmp.resolve("dependencies.csv"), "service,depends_on,kind\nedge,waf,hard\n");
    List<String> events = new ArrayList<>(List.of("timestamp,source,type,entity,message,severity",
        "2024-03-01T09:50:00Z,deployer,deploy.finished,cache-1,cache 4.2 deployed,info",
        "2024-03-01T10:00:00Z,pipeline,rule.deploy,waf,managed rule 77 deployed globally,info"));
    for (String e : List.of("edge-1", "edge-2")) events.add("2024-03-01T10:01:10Z,monitor,service.degraded," + e + ",502 from proxy,error");
    Files.write(tmp.resolve("events.csv"), events);
    List<String> metrics = new ArrayList<>(List.of("timestamp,entity,metric,value"));
    for (int m = 0; m < 60; m++) {
      String t = String.format(Locale.ROOT, "2024-03-01T%02d:%02d:00Z", 9 + (m + 30) / 60, (m + 30) % 60);
      boolean bad = m >= 31 && m < 50; // 10:01 to 10:20
      for (String e : List.of("edge-1", "edge-2")) {
        metrics.add(t + "," + e + ",cpu.util," + (bad ? 99 : 30 + m % 5));
        metrics.add(t + "," + e + ",http.error_ratio," + (bad ? 0.8 : 0.001));
      }
      // the database's errors in the same spell: nothing the deploy reaches
      metrics.add(t + ",db-1,http.error_ratio," + (bad ? 0.5 : 0.001));
    }
    Files.write(tmp.resolve("metrics.csv"), metrics);

    Analysis a = TestAnalysis.analyze(tmp);
    Assessment top = a.assessments().get(0);
    assertEquals("change-correlation", top.hypothesis().pattern());
    assertEquals("waf", top.hypothesis().subject());
    assertEquals(Verdict.CONFIRMED, top.validation().verdict());
    assertTrue(top.validation().accompanying().stream().anyMatch(s -> s.entity().equals("edge-1") && !s.kind().equals(SymptomKinds.CPU_PINNED)),
        "edge-1's errors or degraded spell accompany its explained saturation: " + top.validation().accompanying());
    List<String> unexplained = a.unexplained().stream().map(Symptom::entity).distinct().toList();
    assertTrue(unexplained.stream().noneMatch(e -> e.startsWith("edge-")), "unexplained: " + a.unexplained());
    assertTrue(unexplained.contains("db-1"), "the database's errors stay unexplained: " + a.unexplained());
  }
}
