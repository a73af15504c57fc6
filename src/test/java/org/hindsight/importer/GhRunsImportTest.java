package org.hindsight.importer;

import static org.hindsight.importer.CloudMetricsImportTest.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gh run list --json} as an incident's change history: a deploy run of a service minutes before the service went
 * down is the change the report blames, citing the run in the user's own export; the near miss — the same repository's
 * build and test runs only, and a deploy that was skipped — holds no change to blame. The deploy's finish time and the run
 * ids vary.
 */
class GhRunsImportTest {
  static final Instant DOWN = Instant.parse("2024-06-20T14:05:00Z");
  @TempDir Path tmp;

  private Path incident(String dir, int variant, boolean deployRan) throws Exception {
    Path d = Files.createDirectories(tmp.resolve(dir));
    ArrayNode runs = CloudMetricsImportTest.JSON.createArrayNode();
    Instant ci = DOWN.minusSeconds(3600 + 60L * variant);
    runs.addObject().put("workflowName", "CI").put("name", "CI").put("event", "push").put("status", "completed").put("conclusion", "success")
        .put("createdAt", ci.toString()).put("startedAt", ci.toString()).put("updatedAt", ci.plusSeconds(300).toString())
        .put("databaseId", 900 + variant).put("url", "https://github.com/example/checkout/actions/runs/" + (900 + variant));
    Instant deploy = DOWN.minusSeconds(600 + 90L * variant);
    runs.addObject().put("workflowName", "Deploy to production").put("name", "Deploy to production").put("event", "push")
        .put("status", "completed").put("conclusion", deployRan ? "success" : "skipped").put("createdAt", deploy.minusSeconds(400).toString())
        .put("startedAt", deploy.minusSeconds(395).toString()).put("updatedAt", deploy.toString()).put("databaseId", 1000 + variant)
        .put("url", "https://github.com/example/checkout/actions/runs/" + (1000 + variant)).put("headBranch", "main").put("headSha", "7e6d5c4b3a2918");
    Files.writeString(d.resolve("runs.json"), CloudMetricsImportTest.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(runs));
    Files.writeString(d.resolve("events.csv"), "timestamp,source,type,entity,message,severity\n"
        + DOWN + ",apm,service.down,checkout,health check failing,critical\n");
    return d;
  }

  private static JsonNode blamed(JsonNode report) {
    for (JsonNode h : report.get("hypotheses")) {
      if (h.path("pattern").asText().equals("change-correlation") && List.of("confirmed", "plausible").contains(h.path("verdict").asText())) {
        return h;
      }
    }
    return null;
  }

  @Test
  void aDeployRunBeforeTheServiceWentDownIsTheChangeBlamed() throws Exception {
    for (int variant = 0; variant < 3; variant++) {
      Path d = incident("gh-" + variant, variant, true);
      JsonNode r = analyze(d.resolve("events.csv").toString(), "--from", "gh-runs:" + d.resolve("runs.json"));
      JsonNode h = blamed(r);
      assertNotNull(h, r.get("hypotheses").toString());
      assertTrue(h.path("cause").path("file").asText().endsWith("runs.json"), h.path("cause").toString());
      assertTrue(h.toString().contains("checkout run " + (1000 + variant)), "the deploy run, not the CI run: " + h);

      Path quiet = incident("gh-quiet-" + variant, variant, false);
      // imported beside the events (a run list with no deploy writes no changes file)
      assertEquals(0, PrometheusLiveTest.cli("import", "gh-runs", quiet.resolve("runs.json").toString(), "--out", quiet.toString()).code());
      assertTrue(!Files.exists(quiet.resolve("changes-gh-runs.csv")), "a CI run and a skipped deploy are no changes");
      // and analyze reads the run list beside the events (which hold no changes): it gives no row, and the analysis goes on
      JsonNode q = analyze(quiet.toString());
      assertEquals(null, blamed(q), q.get("hypotheses").toString());
    }
  }
}
