package org.hindsight.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SymptomKindsTest {
  @Test
  void aRestartIsReadFromTheTypesLastWordAlsoWhenAnExporterJoinsWordsWithUnderscoresOrDashes() {
    for (String t : List.of("process.restart", "host.crash", "varnish.child_crashed", "pod-restarted", "k8s.container_oomkilled")) {
      assertEquals(SymptomKinds.RESTART, SymptomKinds.ofEvent(t), t);
    }
    for (String t : List.of("restart_policy.changed", "crash_report.uploaded", "package.upgrade", "crashed.count")) {
      assertNull(SymptomKinds.ofEvent(t), t);
    }
  }
}
