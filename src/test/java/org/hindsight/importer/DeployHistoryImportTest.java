package org.hindsight.importer;

import static org.hindsight.importer.CloudMetricsImportTest.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitLab's deployments and Jenkins's deploy builds as an incident's change history, each export left in the folder beside
 * the events: a deploy of a service minutes before the service went down is the change the report blames, citing the
 * deployment in the user's own export; the near misses — a deployment waiting for approval, a job's CI builds and a deploy
 * that was never built — hold no change to blame. The service's name, ids and times vary.
 */
class DeployHistoryImportTest {
  static final Instant DOWN = Instant.parse("2024-06-20T14:05:00Z");
  @TempDir Path tmp;

  private Path folder(String dir, String service, String exportName, String export) throws Exception {
    Path d = Files.createDirectories(tmp.resolve(dir));
    Files.writeString(d.resolve(exportName), export);
    Files.writeString(d.resolve("events.csv"), "timestamp,source,type,entity,message,severity\n"
        + DOWN + ",apm,service.down," + service + ",health check failing,critical\n");
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

  private static String gitlab(String service, int iid, Instant finished, String status) throws Exception {
    ArrayNode list = CloudMetricsImportTest.JSON.createArrayNode();
    ObjectNode d = list.addObject().put("id", 4000 + iid).put("iid", iid).put("ref", "main").put("sha", "99d03678b90d914dbb1b1091")
        .put("created_at", finished.minusSeconds(480).toString()).put("updated_at", finished.plusSeconds(1).toString()).put("status", status);
    d.putObject("user").put("username", "klee");
    d.putObject("environment").put("id", 9).put("name", "production");
    ObjectNode job = d.putObject("deployable").put("id", 66000 + iid).put("status", status)
        .put("web_url", "https://gitlab.example.com/shop/" + service + "/-/jobs/" + (66000 + iid));
    if (!status.equals("blocked")) job.put("started_at", finished.minusSeconds(470).toString()).put("finished_at", finished.toString());
    job.putObject("commit").put("title", "Retry ledger calls once");
    return CloudMetricsImportTest.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list);
  }

  @Test
  void aGitLabDeploymentBeforeTheServiceWentDownIsTheChangeBlamed() throws Exception {
    Random random = new Random(17);
    for (int variant = 0; variant < 2; variant++) {
      String service = List.of("checkout", "payments", "ledger").get(random.nextInt(3));
      int iid = 100 + random.nextInt(400);
      Instant finished = DOWN.minusSeconds(300 + 60L * random.nextInt(20));
      Path d = folder("gl-" + variant, service, "deployments.json", gitlab(service, iid, finished, "success"));
      JsonNode r = analyze(d.toString());
      JsonNode h = blamed(r);
      assertNotNull(h, r.get("hypotheses").toString());
      assertTrue(h.path("cause").path("file").asText().endsWith("deployments.json"), h.path("cause").toString());
      assertTrue(h.toString().contains(service + " deployment " + iid), h.toString());
      // near miss: the same deployment waiting for its approval never ran
      JsonNode q = analyze(folder("gl-blocked-" + variant, service, "deployments.json", gitlab(service, iid, finished, "blocked")).toString());
      assertNull(blamed(q), q.get("hypotheses").toString());
    }
  }

  private static String jenkins(String job, int number, Instant started, long durationMs, String result) {
    return "{\"_class\":\"org.jenkinsci.plugins.workflow.job.WorkflowJob\",\"name\":\"" + job + "\",\"builds\":[{\"_class\":"
        + "\"org.jenkinsci.plugins.workflow.job.WorkflowRun\",\"building\":false,\"duration\":" + durationMs + ",\"fullDisplayName\":\"" + job
        + " #" + number + "\",\"number\":" + number + ",\"result\":\"" + result + "\",\"timestamp\":" + started.toEpochMilli()
        + ",\"url\":\"https://jenkins.example.com/job/" + job + "/" + number + "/\"}]}\n";
  }

  @Test
  void aJenkinsDeployBuildBeforeTheServiceWentDownIsTheChangeBlamed() throws Exception {
    Random random = new Random(23);
    String service = "inventory" + (1 + random.nextInt(9));
    int number = 10 + random.nextInt(900);
    Instant started = DOWN.minusSeconds(900 + 30L * random.nextInt(20));
    String builds = jenkins(service + "-ci", number + 3, started.minusSeconds(3600), 60_000, "SUCCESS")
        + jenkins("deploy-" + service + "-prod", number, started, 450_512, "SUCCESS");
    JsonNode r = analyze(folder("jenkins", service, "builds.json", builds).toString());
    JsonNode h = blamed(r);
    assertNotNull(h, r.get("hypotheses").toString());
    assertTrue(h.toString().contains("deploy-" + service + "-prod #" + number), "the deploy build, not the CI build: " + h);
    assertEquals("builds.json", Path.of(h.path("cause").path("file").asText()).getFileName().toString());
    // near miss: CI builds only, and a deploy that was never built
    String quiet = jenkins(service + "-ci", number + 3, started, 60_000, "SUCCESS") + jenkins("deploy-" + service + "-prod", number, started, 0, "NOT_BUILT");
    JsonNode q = analyze(folder("jenkins-quiet", service, "builds.json", quiet).toString());
    assertNull(blamed(q), q.get("hypotheses").toString());
  }

  @Test
  void aJenkinsJobsNameIsTheServiceOnceItsDeployAndEnvironmentWordsAreOut() {
    assertEquals("checkout", JenkinsBuildsImporter.service("deploy-checkout-prod"));
    assertEquals("billing-api", JenkinsBuildsImporter.service("billing-api_deploy_to_production"));
    assertEquals("deploy", JenkinsBuildsImporter.service("deploy")); // nothing left: the job's own name
    assertEquals("shipping", JenkinsBuildsImporter.service("shipping-release")); // 'shipping' is no 'ship'
  }
}
