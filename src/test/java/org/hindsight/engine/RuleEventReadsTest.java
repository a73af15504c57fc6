package org.hindsight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event types a rule base reads, found from its own Event patterns. */
class RuleEventReadsTest {
  @TempDir Path tmp;

  private static final List<String> TYPES = List.of("service.down", "host.down", "adjacency.down", "rule.deploy",
      "config.pushed", "config.validated", "cert.expired", "tls.handshake_failure", "backbone.congestion", "app.log",
      "user.login", "gc.pause");

  @Test
  void theBuiltInRulesReadTheirTypesAndNotLogNoise() throws Exception {
    Set<String> read = RuleEventReads.of(List.of(Path.of("rules")), TYPES);
    // exact types, a type-word function (change correlation), a regex (recursive key generator), endsWith (typo-scoped)
    for (String t : List.of("service.down", "host.down", "adjacency.down", "rule.deploy", "config.pushed", "cert.expired",
        "tls.handshake_failure", "backbone.congestion")) {
      assertEquals(true, read.contains(t), t + " is read: " + read);
    }
    for (String t : List.of("app.log", "user.login", "gc.pause", "config.validated")) {
      assertEquals(false, read.contains(t), t + " is not read: " + read);
    }
  }

  @Test
  void aPatternWithoutATypeConstraintReadsEveryType() throws Exception {
    write("rule \"any\" when\n  $e : Event( entity == \"db1\" )\nthen end\n");
    assertEquals(Set.copyOf(TYPES), RuleEventReads.of(List.of(tmp), TYPES));
  }

  @Test
  void aTypeBoundToAnotherFactReadsEveryType() throws Exception {
    write("rule \"bound\" when\n  $a : Event( type == \"gc.pause\", $h : entity )\n  Event( type == $a.entity, entity == $h )\nthen end\n");
    assertEquals(Set.copyOf(TYPES), RuleEventReads.of(List.of(tmp), TYPES));
  }

  @Test
  void negatedCollectedAndFunctionTypeConstraintsAreRead() throws Exception {
    write("function boolean isLogin(String t) { return t.startsWith(\"user.\"); }\n"
        + "rule \"r\" when\n  $c : Event( type == \"gc.pause\", entity != \"\" )\n  not Event( isLogin(type), this after $c )\n"
        + "  $l : java.util.List() from collect( Event( type str[endsWith] \".congestion\" || type matches \"app\\\\..*\", millis > $c.millis ) )\n"
        + "then end\n");
    assertEquals(Set.of("gc.pause", "user.login", "backbone.congestion", "app.log"), RuleEventReads.of(List.of(tmp), TYPES));
  }

  @Test
  void rulesWithoutEventsReadNone() throws Exception {
    write("rule \"cmd\" when\n  ConfigCommand( command == \"exit\" )\nthen end\n");
    assertEquals(Set.of(), RuleEventReads.of(List.of(tmp), TYPES));
  }

  @Test
  void eventsMatchedOnlyByPlainPatternsOnFactsWithoutTimeCanLeaveOnceMatched() throws Exception {
    RuleEventReads.Reads reads = RuleEventReads.reads(List.of(Path.of("rules")), List.of("service.degraded", "rule.deploy",
        "service.down", "adjacency.down", "cert.expired", "app.log"));
    // change correlation's change events (joined with the incident onset) are matched once; a
    // service.degraded is read only from typo-scoped-shutdown's windows (no session fact); a service.down
    // is also collected (single-site dependency) and joined with other events (certificate expiry), an
    // adjacency.down collected in a window, a cert.expired joined with later events
    assertEquals(Set.of("rule.deploy"), reads.matchedOnce());
    assertEquals(Set.of(org.hindsight.facts.IncidentOnset.class), reads.partners());
  }

  @Test
  void aTypeAlsoNegatedCollectedWindowedOrJoinedWithTimedFactsStays() throws Exception {
    String head = "import org.hindsight.facts.*;\n";
    String once = "rule \"once\" when\n  $e : Event( type == \"gc.pause\" )\n  InventoryItem( entity == $e.entity )\nthen\n"
        + "  System.out.println($e);\nend\n";
    write(head + once);
    assertEquals(Set.of("gc.pause"), RuleEventReads.reads(List.of(tmp), TYPES).matchedOnce());
    for (String other : List.of(
        "rule \"not\" when\n  not Event( type == \"gc.pause\" )\nthen end\n",
        "rule \"coll\" when\n  java.util.List() from collect( Event( type == \"gc.pause\" ) )\nthen end\n",
        "rule \"win\" when\n  Event( type == \"gc.pause\" ) over window:time(5m)\nthen end\n",
        "rule \"timed partner\" when\n  $e : Event( type == \"gc.pause\" )\n  MetricExcursion( entity == $e.entity )\nthen end\n",
        "rule \"not partner\" when\n  $e : Event( type == \"gc.pause\" )\n  not InventoryItem( entity == $e.entity )\nthen end\n",
        "rule \"logical\" when\n  $e : Event( type == \"gc.pause\" )\nthen\n  insertLogical(new Object());\nend\n",
        "rule \"group\" agenda-group \"later\" when\n  $e : Event( type == \"gc.pause\" )\nthen end\n",
        "query \"q\" \n  Event( type == \"gc.pause\" )\nend\n")) {
      write(head + once + other);
      assertEquals(Set.of(), RuleEventReads.reads(List.of(tmp), TYPES).matchedOnce(), other);
      assertEquals(Set.of("gc.pause"), RuleEventReads.reads(List.of(tmp), TYPES).read(), other);
    }
  }

  @Test
  void aTypeReadOnlyFromEventWindowsIsReadButNeedsNoPlaceInTheSession() throws Exception {
    write("rule \"near\" when\n  $w : EventWindows()\n  $x : MetricExcursion()\n"
        + "  $l : java.util.List() from collect( Event( type == \"gc.pause\" ) from $w.ofType(\"gc.pause\", $x.millis(), $x.millis() + 60000L) )\n"
        + "  $r : Event( type == \"app.log\" )\n  Event( type matches \"user\\\\..*\" ) from $w.between($x.millis(), $x.millis())\n"
        + "then end\n");
    RuleEventReads.Reads reads = RuleEventReads.reads(List.of(tmp), TYPES);
    // a reduction keeps every type a rule reads; the session needs only what its own facts are matched against
    assertEquals(Set.of("gc.pause", "app.log", "user.login"), reads.read());
    assertEquals(Set.of("app.log"), reads.inSession());
  }

  @Test
  void theBuiltInRulesReadAdjacenciesAndRestartsThroughTheirWindows() throws Exception {
    RuleEventReads.Reads reads = RuleEventReads.reads(List.of(Path.of("rules")), List.of("adjacency.down", "adjacency.up",
        "process.restart", "backbone.congestion", "service.down", "service.degraded", "app.log"));
    assertEquals(Set.of("adjacency.down", "adjacency.up", "process.restart", "backbone.congestion", "service.down",
        "service.degraded"), reads.read());
    // a service.degraded is read from typo-scoped-shutdown's windows of failures after a removal
    assertEquals(Set.of("service.down"), reads.inSession());
  }

  private void write(String rules) throws Exception {
    Files.writeString(tmp.resolve("r.drl"), "package test.reads;\nimport org.hindsight.facts.*;\n" + rules);
  }
}
