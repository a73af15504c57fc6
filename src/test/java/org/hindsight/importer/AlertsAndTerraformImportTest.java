package org.hindsight.importer;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Terraform apply, then the alerts that followed it, from the tools' own exports to the report: the alerts
 * (Alertmanager's, PagerDuty's) are the symptoms, the resource the apply changed is the cause change correlation finds,
 * citing the apply's own line. The near miss: the same alerts fired and resolved before the apply, so nothing the apply
 * did can explain them. Names, ids and times vary between runs, so no result rests on one export's names.
 */
class AlertsAndTerraformImportTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  /** One machine-readable UI message of {@code terraform apply -json}. */
  private static String hook(String type, Instant at, String addr, String action, String id) {
    ObjectNode m = JSON.createObjectNode().put("@level", "info").put("@message", addr + ": " + type).put("@module", "terraform.ui")
        .put("@timestamp", at.toString());
    ObjectNode hook = m.putObject("hook");
    hook.putObject("resource").put("addr", addr).put("module", "").put("resource", addr);
    hook.put("action", action);
    if (!id.isEmpty()) hook.put("id_key", "id").put("id_value", id);
    m.put("type", type);
    return m.toString();
  }

  /** An apply that updates {@code addr} (applied at {@code at}), after an unrelated bucket update twenty minutes earlier. */
  private static String apply(Instant at, String addr, String id) {
    Instant early = at.minusSeconds(1200);
    return String.join("\n",
        "{\"@level\":\"info\",\"@message\":\"Terraform 1.7.5\",\"@module\":\"terraform.ui\",\"@timestamp\":\"" + early.minusSeconds(5) + "\",\"terraform\":\"1.7.5\",\"type\":\"version\",\"ui\":\"1.2\"}",
        hook("apply_start", early, "aws_s3_bucket.logs", "update", "logs-archive"),
        hook("apply_complete", early.plusSeconds(2), "aws_s3_bucket.logs", "update", "logs-archive"),
        hook("apply_start", at.minusSeconds(3), addr, "update", id),
        hook("apply_complete", at, addr, "update", id)) + "\n";
  }

  /** The line of the apply file whose message completed {@code addr}'s update (what the change cites). */
  private static int completeLine(Path apply, String addr) throws Exception {
    List<String> lines = Files.readAllLines(apply);
    for (int i = 0; i < lines.size(); i++) {
      JsonNode m = JSON.readTree(lines.get(i));
      if (m.path("type").asText().equals("apply_complete") && m.path("hook").path("resource").path("addr").asText().equals(addr)) return i + 1;
    }
    throw new AssertionError("no apply_complete of " + addr);
  }

  /** {@code GET /api/v2/alerts}: InstanceDown for each host from {@code from}; resolved at {@code until} when not null. */
  private static String alerts(String[] hosts, Instant from, Instant until) {
    ArrayNode list = JSON.createArrayNode();
    for (int k = 0; k < hosts.length; k++) {
      Instant starts = from.plusSeconds(20L * k);
      ObjectNode a = list.addObject();
      a.putObject("annotations").put("summary", "Instance " + hosts[k] + ":9100 down");
      a.put("startsAt", starts.toString()).put("fingerprint", Long.toHexString(0xabc000L + k));
      a.put("endsAt", (until == null ? from.plusSeconds(3600) : until).toString());
      a.put("updatedAt", (until == null ? from.plusSeconds(600) : until.plusSeconds(60)).toString());
      a.putObject("status").put("state", "active").putArray("silencedBy");
      a.putObject("labels").put("alertname", "InstanceDown").put("instance", hosts[k] + ":9100").put("job", "node").put("severity", "critical");
    }
    ObjectNode watchdog = list.addObject(); // always firing: context, never a symptom
    watchdog.put("startsAt", from.minusSeconds(86400).toString()).put("endsAt", from.plusSeconds(3600).toString())
        .put("updatedAt", from.plusSeconds(600).toString()).put("fingerprint", "ffff");
    watchdog.putObject("labels").put("alertname", "Watchdog").put("job", "prometheus").put("severity", "none");
    return list.toString();
  }

  private static JsonNode liveCause(JsonNode report, String file, int line) {
    for (JsonNode h : report.get("hypotheses")) {
      String verdict = h.path("verdict").asText();
      if ((verdict.equals("confirmed") || verdict.equals("plausible")) && h.path("cause").path("file").asText().equals(file)
          && h.path("cause").path("line").asInt() == line) return h;
    }
    return null;
  }

  @Test
  void anApplyThatChangedTheHostsSecurityGroupThenAlertmanagerSawThemDown() throws Exception {
    String[][] cases = {{"web", "sg-0web4f2a", "2024-06-20T13:58:10Z"}, {"shop-node", "sg-07c1e55d", "2025-02-03T09:12:44Z"}};
    for (String[] c : cases) {
      String[] hosts = {c[0] + "-1", c[0] + "-2"};
      String addr = "aws_security_group." + c[0].replace('-', '_');
      Instant at = Instant.parse(c[2]);
      Path dir = Files.createDirectories(tmp.resolve(c[0]));
      Files.writeString(dir.resolve("inventory.csv"), "entity,type,site,service,parent\n" + hosts[0] + ",instance,zone-a,web," + c[1]
          + "\n" + hosts[1] + ",instance,zone-b,web," + c[1] + "\n" + c[1] + ",security-group,region,web,\n");
      Path apply = dir.resolve("apply.jsonl");
      Files.writeString(apply, apply(at, addr, c[1]));
      Path firing = dir.resolve("alerts.json");
      Files.writeString(firing, alerts(hosts, at.plusSeconds(150), null));
      JsonNode r = CloudMetricsImportTest.analyze("--from", "terraform:" + apply, "--from", "alertmanager:" + firing,
          dir.resolve("inventory.csv").toString());
      assertNotNull(CloudMetricsImportTest.symptom(r, hosts[0], "service.down"), r.get("symptoms").toString());
      JsonNode cause = liveCause(r, apply.toString(), completeLine(apply, addr));
      assertTrue(cause != null && cause.path("pattern").asText().equals("change-correlation") && cause.path("subject").asText().equals(c[1]),
          "the security group's update, cited at its apply_complete: " + r.get("hypotheses"));
      assertNull(CloudMetricsImportTest.symptom(r, "prometheus", "service.down"), "Watchdog is no symptom: " + r.get("symptoms"));

      // near miss: the hosts were down and back before the apply: the apply explains nothing
      Path before = dir.resolve("resolved.json");
      Files.writeString(before, alerts(hosts, at.minusSeconds(2400), at.minusSeconds(1800)));
      JsonNode quiet = CloudMetricsImportTest.analyze("--from", "terraform:" + apply, "--from", "alertmanager:" + before,
          dir.resolve("inventory.csv").toString());
      JsonNode episode = CloudMetricsImportTest.symptom(quiet, hosts[0], "service.down");
      assertTrue(episode != null && episode.hasNonNull("end") && Instant.parse(episode.path("end").asText()).isBefore(at),
          "the episode ended at the alerts' resolution: " + quiet.get("symptoms"));
      assertNull(liveCause(quiet, apply.toString(), completeLine(apply, addr)), quiet.get("hypotheses").toString());
    }
  }

  /** {@code GET /incidents}: one incident on {@code service} created at {@code created}, resolved at {@code resolved} (or open). */
  private static String incidents(String service, String title, Instant created, Instant resolved) {
    ObjectNode page = JSON.createObjectNode();
    ObjectNode i = page.putArray("incidents").addObject().put("id", "Q1X").put("incident_number", 4711).put("title", title)
        .put("created_at", created.toString()).put("status", resolved == null ? "triggered" : "resolved").put("urgency", "high");
    if (resolved != null) i.put("resolved_at", resolved.toString()).put("last_status_change_at", resolved.toString());
    i.putObject("service").put("id", "PX1").put("type", "service_reference").put("summary", service);
    page.put("limit", 25).put("offset", 0).put("more", false);
    return page.toString();
  }

  @Test
  void anApplyThatChangedAServiceThenPagerDutyPagedForIt() throws Exception {
    String[][] cases = {{"checkout", "2024-06-20T13:58:10Z", "Checkout API is down"}, {"ledger-api", "2025-02-03T09:12:44Z", "ledger-api unavailable"}};
    for (String[] c : cases) {
      String service = c[0];
      String addr = "aws_ecs_service.svc[\"" + service + "\"]";
      Instant at = Instant.parse(c[1]);
      Path dir = Files.createDirectories(tmp.resolve("pd-" + service));
      Files.writeString(dir.resolve("inventory.csv"), "entity,type,site,service\n" + service + "-task-1,task,zone-a," + service
          + "\n" + service + "-task-2,task,zone-b," + service + "\nbilling-task-1,task,zone-a,billing\n");
      Path apply = dir.resolve("apply.jsonl");
      Files.writeString(apply, apply(at, addr, "arn:aws:ecs:eu-west-1:111122223333:service/prod/" + service));
      Path paged = dir.resolve("incidents.json");
      Files.writeString(paged, incidents(service, c[2], at.plusSeconds(240), null));
      JsonNode r = CloudMetricsImportTest.analyze("--from", "terraform:" + apply, "--from", "pagerduty:" + paged,
          dir.resolve("inventory.csv").toString());
      assertNotNull(CloudMetricsImportTest.symptom(r, service, "service.down"), r.get("symptoms").toString());
      JsonNode cause = liveCause(r, apply.toString(), completeLine(apply, addr));
      assertTrue(cause != null && cause.path("subject").asText().equals(service), "the service's update: " + r.get("hypotheses"));

      // near miss: paged and resolved before the apply
      Path early = dir.resolve("early.json");
      Files.writeString(early, incidents(service, c[2], at.minusSeconds(3000), at.minusSeconds(2000)));
      JsonNode quiet = CloudMetricsImportTest.analyze("--from", "terraform:" + apply, "--from", "pagerduty:" + early,
          dir.resolve("inventory.csv").toString());
      JsonNode episode = CloudMetricsImportTest.symptom(quiet, service, "service.down");
      assertTrue(episode != null && episode.hasNonNull("end") && Instant.parse(episode.path("end").asText()).isBefore(at),
          "the episode ended when the incident was resolved: " + quiet.get("symptoms"));
      assertNull(liveCause(quiet, apply.toString(), completeLine(apply, addr)), quiet.get("hypotheses").toString());
    }
  }

  @Test
  void anApplyThatDestroyedMostOfAPoolIsOneCommandBlamedAtItsFirstDestruction() throws Exception {
    String[][] cases = {{"web", "2024-06-20T13:58:00Z"}, {"api-node", "2025-02-03T09:12:00Z"}};
    for (String[] c : cases) {
      Instant at = Instant.parse(c[1]);
      Path dir = Files.createDirectories(tmp.resolve("destroy-" + c[0]));
      StringBuilder inventory = new StringBuilder("entity,type,site,service,instance_id\n");
      for (int k = 1; k <= 4; k++) inventory.append(c[0]).append("-0").append(k).append(",host,az-").append(k % 2).append(',').append(c[0]).append(",i-0").append(k).append('\n');
      Files.writeString(dir.resolve("inventory.csv"), inventory.toString());
      Files.writeString(dir.resolve("services.csv"), "service,min_hosts,critical\n" + c[0] + ",2,true\n");
      StringBuilder apply = new StringBuilder("{\"@level\":\"info\",\"@message\":\"Terraform 1.7.5\",\"@module\":\"terraform.ui\",\"@timestamp\":\""
          + at.minusSeconds(60) + "\",\"type\":\"version\",\"terraform\":\"1.7.5\",\"ui\":\"1.2\"}\n");
      for (int k = 2; k <= 4; k++) apply.append(hook("apply_start", at.plusSeconds(k), "aws_instance.app[\"" + c[0] + "-0" + k + "\"]", "delete", "i-0" + k)).append('\n');
      for (int k = 2; k <= 4; k++) apply.append(hook("apply_complete", at.plusSeconds(30 + k), "aws_instance.app[\"" + c[0] + "-0" + k + "\"]", "delete", "")).append('\n');
      Path log = dir.resolve("apply.jsonl");
      Files.writeString(log, apply.toString());
      Files.writeString(dir.resolve("events.csv"), "timestamp,source,type,entity,message,severity\n" + at.plusSeconds(130) + ",lb,service.down," + c[0]
          + ",pool below capacity,error\n");
      JsonNode r = CloudMetricsImportTest.analyze("--from", "terraform:" + log, dir.resolve("inventory.csv").toString(),
          dir.resolve("services.csv").toString(), dir.resolve("events.csv").toString());
      // the three destructions are one command (terraform destroy -target=… ×3), cited at the first one's apply_start
      JsonNode destroy = liveCause(r, log.toString(), 2);
      assertTrue(destroy != null && destroy.path("details").path("change").asText().contains("aws_instance.app[\"" + c[0] + "-02\"]")
          && destroy.path("details").path("change").asText().contains("aws_instance.app[\"" + c[0] + "-04\"]"), r.get("hypotheses").toString());

      // near miss: the pool was already down before the apply began: the destruction is downstream of trouble under way
      Files.writeString(dir.resolve("events.csv"), "timestamp,source,type,entity,message,severity\n" + at.minusSeconds(600) + ",lb,service.down," + c[0]
          + ",pool below capacity,error\n");
      JsonNode earlier = CloudMetricsImportTest.analyze("--from", "terraform:" + log, dir.resolve("inventory.csv").toString(),
          dir.resolve("services.csv").toString(), dir.resolve("events.csv").toString());
      assertNull(liveCause(earlier, log.toString(), 2), earlier.get("hypotheses").toString());
    }
  }
}
