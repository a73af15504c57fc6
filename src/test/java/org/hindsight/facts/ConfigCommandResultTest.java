package org.hindsight.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigCommandResultTest {
  private static ConfigCommand logged(String result) {
    return new ConfigCommand(Instant.parse("2021-10-25T02:16:05Z"), "r1", "s1", "op", "router isis CORE", result,
        Attributes.NONE, new SourceRef("config-commands.csv", 2));
  }

  @Test
  void acceptedLinesAreThoseTheExportsSayWereAccepted() {
    for (String ok : List.of("", "ok", "OK", "Success", "(SUCCESS)", "accepted", "Committed.", "commit complete", "0", "[done]")) {
      assertEquals(false, logged(ok).rejected(), "'" + ok + "' is an accepted line");
    }
  }

  @Test
  void anythingElseIsTheDevicesErrorText() {
    // near misses: words of success inside an error, and errors that start like success
    for (String error : List.of("% Invalid input detected at '^' marker.", "failed", "not successful", "ok?? no: % Ambiguous command",
        "Success rate 0 percent", "1", "Error: commit failed", "% VRF BIZNET not configured")) {
      assertEquals(true, logged(error).rejected(), "'" + error + "' is a rejected line");
    }
  }
}
