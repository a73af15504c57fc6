package org.hindsight.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From a real tool's raw export of an incident to the report in one step ({@code analyze --from}):
 * the symptoms are read from the imported rows, and where the export holds the cause (a package
 * upgrade, a deployment patch, a slow dependency) the analysis finds it. The log exports are the
 * golden inputs, also with their hosts and services renamed, so no result rests on a sample's names;
 * the trace exports are generated, a baseline then a fault.
 */
class ImportedIncidentTest {
  static final Path IMPORT = Path.of("src/test/resources/import");
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private static JsonNode analyze(String... args) throws Exception {
    List<String> cli = new ArrayList<>(List.of("analyze", "-f", "json"));
    cli.addAll(List.of(args));
    PrometheusLiveTest.Result r = PrometheusLiveTest.cli(cli.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    return JSON.readTree(r.out());
  }

  /** The symptom of an entity and kind, or null. */
  private static JsonNode symptom(JsonNode report, String entity, String kind) {
    for (JsonNode s : report.get("symptoms")) {
      if (s.path("entity").asText().equals(entity) && s.path("kind").asText().equals(kind)) return s;
    }
    return null;
  }

  /** The live hypothesis of a pattern whose cause is {@code file:line}, or null. */
  private static JsonNode live(JsonNode report, String pattern, String file, int line) {
    for (JsonNode h : report.get("hypotheses")) {
      boolean alive = h.path("verdict").asText().equals("confirmed") || h.path("verdict").asText().equals("plausible");
      if (alive && h.path("pattern").asText().equals(pattern) && h.path("cause").path("file").asText().equals(file)
          && h.path("cause").path("line").asInt() == line) return h;
    }
    return null;
  }

  /** Copies the files into a folder of the test, each with the renaming applied. */
  private Path copy(String name, UnaryOperator<String> rename, Path... files) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    for (Path f : files) Files.writeString(dir.resolve(f.getFileName()), rename.apply(Files.readString(f)));
    return dir;
  }

  @Test
  void aSyslogOfAPackageUpgradeThatBrokeTheDatabase() throws Exception {
    for (UnaryOperator<String> rename : List.<UnaryOperator<String>>of(s -> s,
        s -> s.replace("db-2", "pg-main-07").replace("postgresql-13", "postgresql-16").replace("web-1", "shop-fe-3")
            .replace("lb-1", "edge-9").replace("openssl-libs", "glibc"))) {
      Path inventory = Files.createDirectories(tmp.resolve("inv"));
      Files.writeString(inventory.resolve("inventory.csv"), rename.apply("entity,type,site,service,parent\n"
          + "db-2,host,dc1,orders-db,\npostgresql-13,process,dc1,orders-db,db-2\nweb-1,host,dc1,shop,\nlb-1,host,dc1,edge,\n"));
      Files.writeString(inventory.resolve("dependencies.csv"), "service,depends_on,kind\nshop,orders-db,hard\nedge,shop,hard\n");
      Path logs = copy("syslog-" + rename.apply("db-2"), rename, IMPORT.resolve("syslog/messages"), IMPORT.resolve("syslog/rfc5424.log"));
      JsonNode r = analyze("--from", "syslog:" + logs.resolve("messages"), "--from", "syslog:" + logs.resolve("rfc5424.log"),
          inventory.toString(), "--year", "2021", "--timezone", "Asia/Seoul");
      JsonNode db = symptom(r, rename.apply("postgresql-13"), "service.down");
      assertTrue(db != null && db.path("onset").asText().startsWith("2021-10-25T11:02:41"), r.get("symptoms").toString());
      JsonNode web = symptom(r, rename.apply("web-1"), "service.down");
      assertTrue(web != null && web.path("end").asText().startsWith("2021-10-25T11:06:41"), r.get("symptoms").toString());
      JsonNode change = live(r, "change-correlation", logs.resolve("messages").toString(), 1);
      assertTrue(change != null && change.path("subject").asText().equals(rename.apply("db-2")), r.get("hypotheses").toString());
    }
  }

  @Test
  void aJournalOfAnUpgradeThenAnOomKill() throws Exception {
    for (UnaryOperator<String> rename : List.<UnaryOperator<String>>of(s -> s,
        s -> s.replace("web-3", "cache-eu-12").replace("nginx", "varnish"))) {
      Path dir = copy("journald-" + rename.apply("web-3"), rename, IMPORT.resolve("journald/journal.json"));
      Files.writeString(dir.resolve("inventory.csv"), rename.apply("entity,type,site,service,parent\nweb-3,host,fra1,web,\nnginx,process,fra1,web,web-3\n"));
      JsonNode r = analyze("--from", "journald:" + dir.resolve("journal.json"), dir.resolve("inventory.csv").toString());
      JsonNode down = symptom(r, rename.apply("nginx"), "service.down");
      assertTrue(down != null && down.path("onset").asText().startsWith("2021-10-25T09:04:01.21")
          && down.path("end").asText().startsWith("2021-10-25T09:05:01.333"), r.get("symptoms").toString());
      assertTrue(symptom(r, rename.apply("web-3"), "restart") != null, "the OOM kill: " + r.get("symptoms"));
      assertTrue(live(r, "change-correlation", dir.resolve("journal.json").toString(), 2) != null, r.get("hypotheses").toString());
    }
  }

  @Test
  void cloudLoggingOfADeploymentPatchThenFailingProbes() throws Exception {
    for (UnaryOperator<String> rename : List.<UnaryOperator<String>>of(s -> s,
        s -> s.replace("checkout", "billing-api").replace("shop", "payments"))) {
      Path dir = copy("gcp-" + rename.apply("checkout"), rename, IMPORT.resolve("gcp-logging/entries.json"));
      String pod = rename.apply("checkout-7d9f8b6c4-x2v9q");
      Files.writeString(dir.resolve("inventory.csv"), "entity,type,site,service\n" + pod + ",pod,europe-west1," + rename.apply("checkout") + "\n");
      JsonNode r = analyze("--from", "gcp-logging:" + dir.resolve("entries.json"), dir.resolve("inventory.csv").toString());
      JsonNode down = symptom(r, pod, "service.down");
      assertTrue(down != null && down.path("onset").asText().startsWith("2024-06-20T14:04:11"), r.get("symptoms").toString());
      assertTrue(symptom(r, pod, "restart") != null, r.get("symptoms").toString());
      JsonNode change = live(r, "change-correlation", dir.resolve("entries.json").toString(), 2);
      assertTrue(change != null && change.path("subject").asText().equals(rename.apply("checkout")), r.get("hypotheses").toString());
    }
  }

  @Test
  void kubernetesEventsOfARollOutWhosePodsFailTheirProbes() throws Exception {
    for (UnaryOperator<String> rename : List.<UnaryOperator<String>>of(s -> s,
        s -> s.replace("ledger-api", "billing-svc").replace("payments", "finance").replace("ip-10-0-3-17.ec2.internal", "gke-prod-pool-2-9f8e"))) {
      Path dir = copy("k8s-events-" + rename.apply("ledger-api"), rename, IMPORT.resolve("k8s-events/events.json"));
      String pod = rename.apply("ledger-api-6f8d9c7b5-k2x8p");
      Files.writeString(dir.resolve("inventory.csv"), rename.apply("entity,type,site,service\n" + "ledger-api-6f8d9c7b5-k2x8p,pod,eu-west-1a,ledger-api\n"
          + "ledger-api-7d4b8f6c9-q7w2m,pod,eu-west-1b,ledger-api\n"));
      JsonNode r = analyze("--from", "k8s-events:" + dir.resolve("events.json"), dir.resolve("inventory.csv").toString());
      JsonNode down = symptom(r, pod, "service.down");
      assertTrue(down != null && down.path("onset").asText().startsWith("2024-06-20T14:02:40"), r.get("symptoms").toString());
      assertTrue(symptom(r, pod, "restart") != null, "the liveness kill and the back-off: " + r.get("symptoms"));
      JsonNode change = live(r, "change-correlation", dir.resolve("events.json").toString(), 4);
      assertTrue(change != null && change.path("subject").asText().equals(rename.apply("ledger-api")), r.get("hypotheses").toString());

      // near miss: the same replica set scaled up while it serves ("from 3": kubectl scale, an autoscaler) is no roll-out
      Path scaled = copy("k8s-events-scaled-" + rename.apply("ledger-api"), s -> rename.apply(s).replace(
          "to 1\"", "to 4 from 3\""), IMPORT.resolve("k8s-events/events.json"));
      JsonNode quiet = analyze("--from", "k8s-events:" + scaled.resolve("events.json"), dir.resolve("inventory.csv").toString());
      assertTrue(symptom(quiet, pod, "service.down") != null, quiet.get("symptoms").toString());
      for (JsonNode h : quiet.get("hypotheses")) {
        assertTrue(!h.path("pattern").asText().equals("change-correlation") || !h.path("subject").asText().equals(rename.apply("ledger-api")),
            "a scale-up is no roll-out: " + quiet.get("hypotheses"));
      }
    }
  }

  @Test
  void lokiLinesOfAPackageUpgradeThatBrokeTheDatabaseNewestFirst() throws Exception {
    // logcli prints newest first: the unit's "Started <description>." pairs with its failure only once the lines are in time order
    for (UnaryOperator<String> rename : List.<UnaryOperator<String>>of(s -> s,
        s -> s.replace("db-2", "pg-main-07").replace("postgresql-13", "postgresql-16").replace("PostgreSQL 13", "PostgreSQL 16")
            .replace("web-1", "shop-fe-3").replace("lb-1", "edge-9").replace("openssl-libs", "glibc"))) {
      Path dir = copy("loki-" + rename.apply("db-2"), rename, IMPORT.resolve("loki/logcli.jsonl"));
      Files.writeString(dir.resolve("inventory.csv"), rename.apply("entity,type,site,service,parent\n"
          + "db-2,host,dc1,orders-db,\npostgresql-13,process,dc1,orders-db,db-2\nweb-1,host,dc1,shop,\nlb-1,host,dc1,edge,\n"));
      Files.writeString(dir.resolve("dependencies.csv"), "service,depends_on,kind\nshop,orders-db,hard\nedge,shop,hard\n");
      Path export = dir.resolve("logcli.jsonl");
      JsonNode r = analyze("--from", "loki:" + export, dir.resolve("inventory.csv").toString(), dir.resolve("dependencies.csv").toString());
      JsonNode db = symptom(r, rename.apply("postgresql-13"), "service.down");
      assertTrue(db != null && db.path("onset").asText().startsWith("2021-10-25T02:02:41")
          && db.path("end").asText().startsWith("2021-10-25T02:06:00.118"), "down until systemd started it again: " + r.get("symptoms"));
      JsonNode web = symptom(r, rename.apply("web-1"), "service.down");
      assertTrue(web != null && web.path("end").asText().startsWith("2021-10-25T02:06:41"), r.get("symptoms").toString());
      JsonNode change = live(r, "change-correlation", export.toString(), 6);
      assertTrue(change != null && change.path("subject").asText().equals(rename.apply("db-2")), r.get("hypotheses").toString());

      // near miss: the same lines without the upgrade: nothing on the database host changed, no change is blamed
      Path quiet = copy("loki-quiet-" + rename.apply("db-2"), s -> rename.apply(s).lines().filter(l -> !l.contains("Updated: "))
          .map(l -> l + "\n").reduce("", String::concat), IMPORT.resolve("loki/logcli.jsonl"));
      JsonNode none = analyze("--from", "loki:" + quiet.resolve("logcli.jsonl"), dir.resolve("inventory.csv").toString(),
          dir.resolve("dependencies.csv").toString());
      assertTrue(symptom(none, rename.apply("postgresql-13"), "service.down") != null, none.get("symptoms").toString());
      for (JsonNode h : none.get("hypotheses")) {
        String verdict = h.path("verdict").asText();
        assertTrue(!h.path("pattern").asText().equals("change-correlation") || !(verdict.equals("confirmed") || verdict.equals("plausible")),
            "no change in the export: " + none.get("hypotheses"));
      }
    }
  }

  /** The package upgrade that broke the database, as another tool exported it: the cause, renamed or not, and no cause without it. */
  private void aPackageUpgradeThatBrokeTheDatabase(String format, String golden, int upgradeLine, UnaryOperator<String> withoutUpgrade)
      throws Exception {
    for (UnaryOperator<String> rename : List.<UnaryOperator<String>>of(s -> s,
        s -> s.replace("db-2", "pg-main-07").replace("postgresql-13", "postgresql-16").replace("PostgreSQL 13", "PostgreSQL 16")
            .replace("web-1", "shop-fe-3").replace("lb-1", "edge-9").replace("openssl-libs", "glibc"))) {
      Path dir = copy(format + "-" + rename.apply("db-2"), rename, IMPORT.resolve(golden));
      Files.writeString(dir.resolve("inventory.csv"), rename.apply("entity,type,site,service,parent\n"
          + "db-2,host,dc1,orders-db,\npostgresql-13,process,dc1,orders-db,db-2\nweb-1,host,dc1,shop,\nlb-1,host,dc1,edge,\n"));
      Files.writeString(dir.resolve("dependencies.csv"), "service,depends_on,kind\nshop,orders-db,hard\nedge,shop,hard\n");
      Path export = dir.resolve(IMPORT.resolve(golden).getFileName());
      JsonNode r = analyze("--from", format + ":" + export, dir.resolve("inventory.csv").toString(), dir.resolve("dependencies.csv").toString());
      JsonNode db = symptom(r, rename.apply("postgresql-13"), "service.down");
      assertTrue(db != null && db.path("onset").asText().startsWith("2021-10-25T02:02:41")
          && db.path("end").asText().startsWith("2021-10-25T02:06:00.118"), "down until systemd started it again: " + r.get("symptoms"));
      JsonNode web = symptom(r, rename.apply("web-1"), "service.down");
      assertTrue(web != null && web.path("end").asText().startsWith("2021-10-25T02:06:41"), r.get("symptoms").toString());
      JsonNode change = live(r, "change-correlation", export.toString(), upgradeLine);
      assertTrue(change != null && change.path("subject").asText().equals(rename.apply("db-2")), r.get("hypotheses").toString());

      // near miss: the same export without the upgrade: nothing on the database host changed, no change is blamed
      Path quiet = Files.createDirectories(tmp.resolve(format + "-quiet-" + rename.apply("db-2"))).resolve(export.getFileName());
      Files.writeString(quiet, withoutUpgrade.apply(rename.apply(Files.readString(IMPORT.resolve(golden)))));
      JsonNode none = analyze("--from", format + ":" + quiet, dir.resolve("inventory.csv").toString(), dir.resolve("dependencies.csv").toString());
      assertTrue(symptom(none, rename.apply("postgresql-13"), "service.down") != null, none.get("symptoms").toString());
      for (JsonNode h : none.get("hypotheses")) {
        String verdict = h.path("verdict").asText();
        assertTrue(!h.path("pattern").asText().equals("change-correlation") || !(verdict.equals("confirmed") || verdict.equals("plausible")),
            "no change in the export: " + none.get("hypotheses"));
      }
    }
  }

  /** The JSON export with every element of the array at {@code arrayPath} whose text mentions {@code word} left out. */
  private static UnaryOperator<String> dropping(String word, String... arrayPath) {
    return text -> {
      try {
        JsonNode root = JSON.readTree(text);
        JsonNode at = root;
        for (String p : arrayPath) at = at.path(p);
        java.util.Iterator<JsonNode> it = ((ArrayNode) at).elements();
        while (it.hasNext()) if (it.next().toString().contains(word)) it.remove();
        // a search that never matched the dropped documents says so in its total (else the answer reads as one page cut short)
        if (root.path("hits").path("total").has("value")) {
          ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("hits").path("total")).put("value", at.size());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
  }

  @Test
  void anElasticsearchSearchOfAPackageUpgradeThatBrokeTheDatabaseNewestFirst() throws Exception {
    // Kibana and most searches sort newest first: the unit's "Started <description>." pairs with its failure once in time order
    aPackageUpgradeThatBrokeTheDatabase("elasticsearch", "elasticsearch/search.json", 143, dropping("Updated: ", "hits", "hits"));
  }

  @Test
  void cloudWatchLogsOfAPackageUpgradeThatBrokeTheDatabase() throws Exception {
    // the CloudWatch agent's streams are named by instance id: the syslog lines it shipped name the hosts
    aPackageUpgradeThatBrokeTheDatabase("cloudwatch-logs", "cloudwatch-logs/filter-log-events.json", 3, dropping("Updated: ", "events"));
  }

  /**
   * A Datadog query answer of p99 latency by service ({@code by {service}}), an hour a minute apart with ±10 % variance;
   * from minute {@code breakAt} the store is eight times slower, its caller four times a minute later, the entry a minute after.
   */
  private Path datadog(String[] names, long seed, int breakAt) throws Exception {
    Random random = new Random(seed);
    ObjectNode root = JSON.createObjectNode().put("status", "ok").put("res_type", "time_series")
        .put("query", "p99:trace.http.request.duration{env:prod} by {service}");
    ArrayNode series = root.putArray("series");
    long start = 1_718_877_600_000L;
    for (int k = 0; k < names.length; k++) {
      double level = new double[] {40, 25, 5}[k];
      ObjectNode s = series.addObject().put("metric", "trace.http.request.duration.by.service.99p")
          .put("scope", "env:prod,service:" + names[k]).put("expression", "p99:trace.http.request.duration{env:prod,service:" + names[k] + "}");
      s.putArray("tag_set").add("service:" + names[k]);
      ArrayNode points = s.putArray("pointlist");
      for (int m = 0; m < 60; m++) {
        double factor = m >= breakAt + (names.length - 1 - k) ? (k == names.length - 1 ? 8 : 4) : 1;
        points.addArray().add((double) (start + m * 60_000L)).add(Math.round(level * factor * (0.9 + 0.2 * random.nextDouble()) * 1000) / 1000.0);
      }
    }
    Path export = tmp.resolve("datadog-" + names[2] + "-" + seed + "-" + breakAt + ".json");
    JSON.writerWithDefaultPrettyPrinter().writeValue(export.toFile(), root);
    return export;
  }

  @Test
  void aDatadogQueryOfASlowStoreAndTheServicesThatCallIt() throws Exception {
    for (String[] names : new String[][] {{"frontend", "cartservice", "redis-cart"}, {"web-gw", "basket", "kv-store"}}) {
      Path deps = Files.writeString(tmp.resolve("dependencies-" + names[2] + ".csv"), "service,depends_on,kind\n"
          + names[0] + "," + names[1] + ",hard\n" + names[1] + "," + names[2] + ",hard\n");
      for (long seed : new long[] {7, 23}) {
        Path export = datadog(names, seed, 40);
        JsonNode r = analyze("--from", "datadog-metrics:" + export, deps.toString());
        JsonNode top = r.get("hypotheses").get(0);
        assertTrue(top.path("pattern").asText().equals("fault-localisation") && top.path("subject").asText().equals(names[2])
            && top.path("verdict").asText().equals("confirmed") && top.path("cause").path("file").asText().equals(export.toString()),
            "the store, not the services that call it: " + r.get("hypotheses"));
        JsonNode slow = symptom(r, names[2], "latency");
        assertTrue(slow != null && slow.path("onset").asText().startsWith("2024-06-20T10:40"), r.get("symptoms").toString());
        // near miss: the same hour without the break: ordinary variance is no symptom, and nothing is blamed
        JsonNode healthy = analyze("--from", "datadog-metrics:" + datadog(names, seed, 1000), deps.toString());
        assertEquals(0, healthy.path("symptomCount").asInt(), healthy.get("symptoms").toString());
        assertEquals(0, healthy.get("hypotheses").size(), healthy.get("hypotheses").toString());
      }
    }
  }

  @Test
  void anAzureActivityLogOfASecurityRuleWrittenBeforeTheWebVmsFailed() throws Exception {
    for (UnaryOperator<String> rename : List.<UnaryOperator<String>>of(s -> s,
        s -> s.replace("web-nsg", "edge-rules").replace("web-vm", "shop-node").replace("shop-prod", "retail-rg").replace("bob@", "dave@"))) {
      String inventory = rename.apply("entity,type,site,service,parent\nweb-vm-1,vm,westeurope-1,web,web-nsg\n"
          + "web-vm-2,vm,westeurope-2,web,web-nsg\nweb-vm-3,vm,westeurope-3,web,web-nsg\nweb-nsg,nsg,westeurope,web,\napi-vmss,vmss,westeurope,api,\n");
      // what the application gateway's probes saw, two minutes after the rule was written
      String events = rename.apply("timestamp,source,type,entity,message,severity\n"
          + "2025-03-04T09:06:10Z,appgw,service.down,web-vm-1,backend health probe failed,error\n"
          + "2025-03-04T09:06:12Z,appgw,service.down,web-vm-3,backend health probe failed,error\n");
      Path dir = copy("azure-" + rename.apply("web-nsg"), rename, IMPORT.resolve("azure-activity/activity.json"));
      Files.writeString(dir.resolve("inventory.csv"), inventory);
      Files.writeString(dir.resolve("events.csv"), events);
      Path export = dir.resolve("activity.json");
      JsonNode r = analyze("--from", "azure-activity:" + export, dir.resolve("inventory.csv").toString(), dir.resolve("events.csv").toString());
      // the rule's operation cites its first event (Started); the scale set's scale-down, earlier, touched another service
      JsonNode change = live(r, "change-correlation", export.toString(), 346);
      assertTrue(change != null && change.path("subject").asText().equals(rename.apply("web-nsg")), r.get("hypotheses").toString());
      for (JsonNode h : r.get("hypotheses")) {
        assertTrue(!h.path("subject").asText().equals("api-vmss") || h.path("verdict").asText().equals("refuted"), r.get("hypotheses").toString());
      }

      // near miss: the same write refused (its operation Failed): it changed nothing, so it is blamed for nothing
      ArrayNode refused = (ArrayNode) JSON.readTree(Files.readString(export));
      for (JsonNode e : refused) {
        if (e.path("operationId").asText().equals("op-4444") && e.path("status").path("value").asText().equals("Succeeded")) {
          ((ObjectNode) e.get("status")).put("value", "Failed").put("localizedValue", "Failed");
          ((ObjectNode) e.get("subStatus")).put("value", "Forbidden").put("localizedValue", "Forbidden");
        }
      }
      Path failed = Files.createDirectories(tmp.resolve("azure-refused-" + rename.apply("web-nsg"))).resolve("activity.json");
      JSON.writerWithDefaultPrettyPrinter().writeValue(failed.toFile(), refused);
      JsonNode quiet = analyze("--from", "azure-activity:" + failed, dir.resolve("inventory.csv").toString(), dir.resolve("events.csv").toString());
      assertTrue(symptom(quiet, rename.apply("web-vm-1"), "service.down") != null, quiet.get("symptoms").toString());
      for (JsonNode h : quiet.get("hypotheses")) {
        String verdict = h.path("verdict").asText();
        assertTrue(!h.path("subject").asText().equals(rename.apply("web-nsg")) || !(verdict.equals("confirmed") || verdict.equals("plausible")),
            "a refused write changed nothing: " + quiet.get("hypotheses"));
      }
    }
  }

  @Test
  void anAzureActivityLogWhoseResourceHealthShowsTheResizedVmDown() throws Exception {
    for (UnaryOperator<String> rename : List.<UnaryOperator<String>>of(s -> s,
        s -> s.replace("db-vm-1", "orders-sql-3").replace("web-vm", "shop-node").replace("shop-prod", "retail-rg").replace("erin@", "li@"))) {
      // the export alone: the resize (an operation) and what Resource Health saw of the VM (its symptoms)
      Path dir = copy("azure-health-" + rename.apply("db-vm-1"), rename, IMPORT.resolve("azure-activity/resource-health.json"));
      Path export = dir.resolve("resource-health.json");
      JsonNode r = analyze("--from", "azure-activity:" + export);
      JsonNode down = symptom(r, rename.apply("db-vm-1"), "service.down");
      assertTrue(down != null && down.path("onset").asText().startsWith("2025-03-04T08:40:41")
          && down.path("end").asText().startsWith("2025-03-04T08:44:58"), r.get("symptoms").toString());
      assertTrue(symptom(r, rename.apply("web-vm-1"), "service.degraded") != null, r.get("symptoms").toString());
      // Unknown is no state: the VM Resource Health could not see is not down
      assertEquals(null, symptom(r, "app-vm-2", "service.down"), r.get("symptoms").toString());
      // the resize's operation cites its first event (Started)
      JsonNode change = live(r, "change-correlation", export.toString(), 360);
      assertTrue(change != null && change.path("subject").asText().equals(rename.apply("db-vm-1")), r.get("hypotheses").toString());

      // near miss: the VM went down on its own (the platform's doing) and the resize came after, as a reaction: not its cause
      ArrayNode after = (ArrayNode) JSON.readTree(Files.readString(export));
      for (JsonNode e : after) {
        if (e.path("operationId").asText().equals("op-9100")) {
          ((ObjectNode) e).put("eventTimestamp", e.path("eventTimestamp").asText().replace("T08:40:", "T08:42:"));
        }
        if (e.path("properties").path("cause").asText().equals("UserInitiated")) ((ObjectNode) e.get("properties")).put("cause", "PlatformInitiated");
      }
      Path late = Files.createDirectories(tmp.resolve("azure-health-late-" + rename.apply("db-vm-1"))).resolve("resource-health.json");
      JSON.writerWithDefaultPrettyPrinter().writeValue(late.toFile(), after);
      JsonNode quiet = analyze("--from", "azure-activity:" + late);
      assertTrue(symptom(quiet, rename.apply("db-vm-1"), "service.down") != null, quiet.get("symptoms").toString());
      for (JsonNode h : quiet.get("hypotheses")) {
        String verdict = h.path("verdict").asText();
        assertTrue(!h.path("subject").asText().equals(rename.apply("db-vm-1")) || !(verdict.equals("confirmed") || verdict.equals("plausible")),
            "a resize after the VM went down did not take it down: " + quiet.get("hypotheses"));
      }
    }
  }

  @Test
  void aCloudTrailSecurityGroupRevokeBeforeTheWebInstancesFailed() throws Exception {
    for (UnaryOperator<String> rename : List.<UnaryOperator<String>>of(s -> s,
        s -> s.replace("sg-0web", "sg-0shop").replace("web-", "shop-").replace("priya", "omar"))) {
      Path dir = Files.createDirectories(tmp.resolve("cloudtrail-" + rename.apply("sg-0web")));
      Files.writeString(dir.resolve("inventory.csv"), rename.apply("entity,type,site,service,parent\n"
          + "web-1,instance,us-east-1a,web,sg-0web\nweb-2,instance,us-east-1b,web,sg-0web\nsg-0web,security-group,us-east-1,web,\n"));
      // what the load balancer's health checks saw, two minutes after the ingress rule was revoked
      Files.writeString(dir.resolve("events.csv"), rename.apply("timestamp,source,type,entity,message,severity\n"
          + "2025-05-06T10:14:05Z,elb,service.down,web-1,target health check failed,error\n"
          + "2025-05-06T10:14:09Z,elb,service.down,web-2,target health check failed,error\n"));
      String revoke = rename.apply("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"priya\"},"
          + "\"eventTime\":\"2025-05-06T10:12:00Z\",\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"RevokeSecurityGroupIngress\","
          + "\"awsRegion\":\"us-east-1\",\"requestParameters\":{\"groupId\":\"sg-0web\"},\"readOnly\":false,\"eventID\":\"r1\"ERROR}\n");
      String read = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"ops\"},"
          + "\"eventTime\":\"2025-05-06T10:11:00Z\",\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"DescribeSecurityGroups\","
          + "\"awsRegion\":\"us-east-1\",\"readOnly\":true,\"eventID\":\"r0\"}\n";
      Path trail = dir.resolve("trail.jsonl");
      Files.writeString(trail, read + revoke.replace("ERROR", ""));
      JsonNode r = analyze("--from", "cloudtrail:" + trail, dir.resolve("inventory.csv").toString(), dir.resolve("events.csv").toString());
      JsonNode change = live(r, "change-correlation", trail.toString(), 2);
      assertTrue(change != null && change.path("subject").asText().equals(rename.apply("sg-0web")), r.get("hypotheses").toString());

      // near miss: the same call refused (errorCode): it changed nothing, so it is blamed for nothing
      Path refused = dir.resolve("refused.jsonl");
      Files.writeString(refused, read + revoke.replace("ERROR", ",\"errorCode\":\"Client.UnauthorizedOperation\""));
      JsonNode quiet = analyze("--from", "cloudtrail:" + refused, dir.resolve("inventory.csv").toString(), dir.resolve("events.csv").toString());
      assertTrue(symptom(quiet, rename.apply("web-1"), "service.down") != null, quiet.get("symptoms").toString());
      for (JsonNode h : quiet.get("hypotheses")) {
        String verdict = h.path("verdict").asText();
        assertTrue(!h.path("subject").asText().equals(rename.apply("sg-0web")) || !(verdict.equals("confirmed") || verdict.equals("plausible")),
            "a refused call changed nothing: " + quiet.get("hypotheses"));
      }
    }
  }

  @Test
  void aHelmUpgradeBeforeItsPodsFailedTheirProbes() throws Exception {
    for (UnaryOperator<String> rename : List.<UnaryOperator<String>>of(s -> s, s -> s.replace("checkout", "billing-api").replace("redis", "memstore"))) {
      Path dir = copy("helm-" + rename.apply("checkout"), rename, IMPORT.resolve("helm-history/checkout.json"), IMPORT.resolve("helm-history/redis.yaml"));
      Files.writeString(dir.resolve("inventory.csv"), rename.apply("entity,type,site,service\ncheckout-6c9f7d8b4-2xkqp,pod,eu-west-1a,checkout\n"
          + "checkout-6c9f7d8b4-9mzvt,pod,eu-west-1b,checkout\nredis-master-0,pod,eu-west-1a,redis\n"));
      Files.writeString(dir.resolve("events.csv"), rename.apply("timestamp,source,type,entity,message,severity\n"
          + "2024-06-20T14:02:10Z,kubelet,service.unhealthy,checkout-6c9f7d8b4-2xkqp,Readiness probe failed: HTTP probe failed with statuscode: 500,warning\n"
          + "2024-06-20T14:02:40Z,kubelet,service.unhealthy,checkout-6c9f7d8b4-9mzvt,Readiness probe failed: HTTP probe failed with statuscode: 500,warning\n"));
      String[] inputs = {dir.resolve("inventory.csv").toString(), dir.resolve("events.csv").toString()};
      Path history = dir.resolve("checkout.json");
      JsonNode r = analyze("--from", "helm-history:" + history, "--from", "helm-history:" + dir.resolve("redis.yaml"), inputs[0], inputs[1]);
      // helm's JSON is one line: the revision is told by its ticket; the other chart's upgrade, earlier that day, is a rival
      JsonNode change = live(r, "change-correlation", history.toString(), 1);
      assertTrue(change != null && change.path("subject").asText().equals(rename.apply("checkout"))
          && change.path("details").path("change").asText().startsWith(rename.apply("checkout") + " revision 6:"), r.get("hypotheses").toString());
      assertTrue(live(r, "change-correlation", dir.resolve("redis.yaml").toString(), 7) == null, r.get("hypotheses").toString());

      // near miss: the upgrade made after the probes had begun to fail (a fix attempt) caused nothing
      Path late = copy("helm-late-" + rename.apply("checkout"), s -> rename.apply(s).replace("2024-06-20T15:58:40", "2024-06-20T16:03:40"),
          IMPORT.resolve("helm-history/checkout.json"));
      JsonNode after = analyze("--from", "helm-history:" + late.resolve("checkout.json"), inputs[0], inputs[1]);
      for (JsonNode h : after.get("hypotheses")) {
        String verdict = h.path("verdict").asText();
        assertTrue(!h.path("details").path("change").asText().startsWith(rename.apply("checkout") + " revision 6:")
            || !(verdict.equals("confirmed") || verdict.equals("plausible")), "an upgrade after the onset: " + after.get("hypotheses"));
      }
    }
  }

  @Test
  void anArgoCdSyncBeforeItsPodsFailedTheirProbes() throws Exception {
    for (UnaryOperator<String> rename : List.<UnaryOperator<String>>of(s -> s, s -> s.replace("checkout", "billing-api").replace("ledger-api", "fx-rates"))) {
      Path dir = copy("argocd-" + rename.apply("checkout"), rename, IMPORT.resolve("argocd-history/application.json"),
          IMPORT.resolve("argocd-history/applications.yaml"));
      Files.writeString(dir.resolve("inventory.csv"), rename.apply("entity,type,site,service\ncheckout-6c9f7d8b4-2xkqp,pod,eu-west-1a,checkout\n"
          + "checkout-6c9f7d8b4-9mzvt,pod,eu-west-1b,checkout\nledger-api-7d4b8f6c9-q7w2m,pod,eu-west-1a,ledger-api\n"));
      Files.writeString(dir.resolve("events.csv"), rename.apply("timestamp,source,type,entity,message,severity\n"
          + "2024-06-20T14:02:10Z,kubelet,service.unhealthy,checkout-6c9f7d8b4-2xkqp,Readiness probe failed: HTTP probe failed with statuscode: 500,warning\n"
          + "2024-06-20T14:02:40Z,kubelet,service.unhealthy,checkout-6c9f7d8b4-9mzvt,Readiness probe failed: HTTP probe failed with statuscode: 500,warning\n"));
      String[] inputs = {dir.resolve("inventory.csv").toString(), dir.resolve("events.csv").toString()};
      Path app = dir.resolve("application.json");
      // alice's sync of the checkout application, among another application's automated sync twenty minutes before it
      JsonNode r = analyze("--from", "argocd-history:" + app, "--from", "argocd-history:" + dir.resolve("applications.yaml"), inputs[0], inputs[1]);
      JsonNode change = live(r, "change-correlation", app.toString(), 51);
      assertTrue(change != null && change.path("subject").asText().equals(rename.apply("checkout")), r.get("hypotheses").toString());
      assertTrue(live(r, "change-correlation", dir.resolve("applications.yaml").toString(), 18) == null, r.get("hypotheses").toString());

      // near miss: the same sync finished after the probes had begun to fail caused nothing
      Path late = copy("argocd-late-" + rename.apply("checkout"), s -> rename.apply(s).replace("2024-06-20T13:58:40Z", "2024-06-20T14:03:40Z"),
          IMPORT.resolve("argocd-history/application.json"));
      JsonNode after = analyze("--from", "argocd-history:" + late.resolve("application.json"), inputs[0], inputs[1]);
      assertTrue(live(after, "change-correlation", late.resolve("application.json").toString(), 51) == null, after.get("hypotheses").toString());
    }
  }

  /** One OTLP/JSON LogsData a line: a record of {@code host} (and {@code service}, when not "") at {@code time}. */
  private static String otlpLog(String time, String host, String service, int severity, String body) {
    ObjectNode doc = JSON.createObjectNode();
    ObjectNode resource = doc.putArray("resourceLogs").addObject();
    ArrayNode attributes = resource.putObject("resource").putArray("attributes");
    attributes.addObject().put("key", "host.name").putObject("value").put("stringValue", host);
    if (!service.isEmpty()) attributes.addObject().put("key", "service.name").putObject("value").put("stringValue", service);
    long nanos = java.time.Instant.parse(time).toEpochMilli() * 1_000_000L;
    ObjectNode record = resource.putArray("scopeLogs").addObject().putArray("logRecords").addObject()
        .put("timeUnixNano", nanos + "").put("observedTimeUnixNano", nanos + 250_000 + "").put("severityNumber", severity);
    record.putObject("body").put("stringValue", body);
    try {
      return JSON.writeValueAsString(doc) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void otlpLogsOfAPackageUpgradeThatBrokeTheDatabase() throws Exception {
    // as the Collector's journald or filelog receivers ship a host's log, the application's own log beside it
    String logs = otlpLog("2021-10-25T02:02:14Z", "db-2", "", 9, "Updated: openssl-libs-1:1.0.2k-24.el7_9.x86_64")
        + otlpLog("2021-10-25T02:02:41Z", "db-2", "", 17, "postgresql-13.service: Failed with result 'exit-code'.")
        + otlpLog("2021-10-25T02:03:05Z", "web-1", "shop-web", 17, "could not connect to server: Connection refused (db-2:5432)")
        + otlpLog("2021-10-25T02:05:12Z", "lb-1", "haproxy", 13, "Server be_app/web-1 is DOWN, reason: Layer7 wrong status, code: 500")
        + otlpLog("2021-10-25T02:06:00Z", "db-2", "", 9, "Started PostgreSQL 13 database server.")
        + otlpLog("2021-10-25T02:06:41Z", "lb-1", "haproxy", 9, "Server be_app/web-1 is UP, reason: Layer7 check passed, code: 200");
    for (UnaryOperator<String> rename : List.<UnaryOperator<String>>of(s -> s,
        s -> s.replace("db-2", "pg-main-07").replace("postgresql-13", "postgresql-16").replace("web-1", "shop-fe-3")
            .replace("lb-1", "edge-9").replace("openssl-libs", "glibc"))) {
      Path dir = Files.createDirectories(tmp.resolve("otlp-logs-" + rename.apply("db-2")));
      Files.writeString(dir.resolve("logs.jsonl"), rename.apply(logs));
      Files.writeString(dir.resolve("inventory.csv"), rename.apply("entity,type,site,service,parent\n"
          + "db-2,host,dc1,orders-db,\npostgresql-13,process,dc1,orders-db,db-2\nweb-1,host,dc1,shop,\nlb-1,host,dc1,edge,\n"));
      Files.writeString(dir.resolve("dependencies.csv"), "service,depends_on,kind\nshop,orders-db,hard\nedge,shop,hard\n");
      JsonNode r = analyze("--from", "otlp-logs:" + dir.resolve("logs.jsonl"), dir.resolve("inventory.csv").toString(),
          dir.resolve("dependencies.csv").toString());
      JsonNode db = symptom(r, rename.apply("postgresql-13"), "service.down");
      assertTrue(db != null && db.path("onset").asText().startsWith("2021-10-25T02:02:41"), r.get("symptoms").toString());
      JsonNode web = symptom(r, rename.apply("web-1"), "service.down");
      assertTrue(web != null && web.path("end").asText().startsWith("2021-10-25T02:06:41"), r.get("symptoms").toString());
      JsonNode change = live(r, "change-correlation", dir.resolve("logs.jsonl").toString(), 1);
      assertTrue(change != null && change.path("subject").asText().equals(rename.apply("db-2")), r.get("hypotheses").toString());
    }
  }

  /** One request a few seconds apart for 40 minutes through edge → cart → a store; from minute 30 the store slows and fails. */
  private record Call(String service, String operation, long startUs, long durationUs, boolean failed, int parent) {}

  /** Request 225 of 300 (minute 30 of 40) on, the store slows and fails. */
  private static final int BREAK_AT = 225;

  private static List<List<Call>> traffic(String edge, String cart, String store, long seed) {
    return traffic(edge, cart, store, seed, BREAK_AT);
  }

  /** As above, the store breaking from request {@code breakAt} (never when it is 300 or more). */
  private static List<List<Call>> traffic(String edge, String cart, String store, long seed, int breakAt) {
    Random rnd = new Random(seed);
    long t0 = 1_718_877_600_000_000L; // 2024-06-20T10:00:00Z
    List<List<Call>> traces = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long start = t0 + i * 8_000_000L + rnd.nextInt(1_000_000);
      boolean broken = i >= breakAt;
      long storeUs = broken ? 400_000 + rnd.nextInt(80_000) : 18_000 + rnd.nextInt(6_000);
      boolean failed = broken && rnd.nextInt(3) == 0;
      long cartUs = storeUs + 6_000 + rnd.nextInt(2_000);
      long edgeUs = cartUs + 3_000 + rnd.nextInt(1_000);
      traces.add(List.of(new Call(edge, "GET /cart", start, edgeUs, failed, -1),
          new Call(cart, "GetCart", start + 1_000, cartUs, failed, 0),
          new Call(store, "HGET cart", start + 2_000, storeUs, failed, 1)));
    }
    return traces;
  }

  private void assertTheStoreIsTheRoot(JsonNode r, Path export, String edge, String store) {
    boolean found = false;
    for (JsonNode h : r.get("hypotheses")) {
      String verdict = h.path("verdict").asText();
      if (!h.path("pattern").asText().equals("fault-localisation") || !(verdict.equals("confirmed") || verdict.equals("plausible"))) continue;
      assertTrue(!h.path("subject").asText().equals(edge), "the entry service is downstream: " + r.get("hypotheses"));
      found |= h.path("subject").asText().equals(store) && h.path("cause").path("file").asText().equals(export.toString());
    }
    assertTrue(found, r.get("hypotheses").toString());
    // Traces alone (no down event, no metric): the symptoms are what the spans' learned baselines show,
    // each citing its record in the export; none before the store broke at minute 30.
    JsonNode symptoms = r.get("symptoms");
    assertEquals(symptoms.size(), r.path("symptomCount").asInt(), symptoms.toString());
    boolean slowStore = false;
    for (JsonNode s : symptoms) {
      assertEquals(export.toString(), s.path("record").path("file").asText(), s.toString());
      assertTrue(s.path("record").path("line").asInt() > 0, s.toString());
      assertTrue(s.path("detail").asText().startsWith("spans."), "read from the spans: " + s);
      String onset = s.path("onset").asText();
      assertTrue(onset.compareTo("2024-06-20T10:29") >= 0, "nothing before the break: " + s);
      slowStore |= s.path("entity").asText().equals(store) && s.path("kind").asText().equals("anomaly")
          && s.path("detail").asText().equals("spans.duration_p90") && onset.compareTo("2024-06-20T10:32") < 0;
    }
    // (a third of ~8 requests a minute failing is under the failed-span count's onset score: latency shows it)
    assertTrue(slowStore, "the store's latency is listed: " + symptoms);
  }

  /** A Jaeger export of {@link #traffic}, the store breaking from request {@code breakAt}. */
  private Path jaeger(String[] names, long seed, int breakAt) throws Exception {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode data = root.putArray("data");
    int n = 0;
    for (List<Call> trace : traffic(names[0], names[1], names[2], seed, breakAt)) {
      ObjectNode t = data.addObject();
      String traceId = String.format("%032x", ++n);
      t.put("traceID", traceId);
      ArrayNode spans = t.putArray("spans");
      for (int i = 0; i < trace.size(); i++) {
        Call c = trace.get(i);
        ObjectNode s = spans.addObject().put("traceID", traceId).put("spanID", String.format("%016x", n * 4L + i))
            .put("operationName", c.operation()).put("startTime", c.startUs()).put("duration", c.durationUs())
            .put("processID", "p" + i);
        ArrayNode refs = s.putArray("references");
        if (c.parent() >= 0) refs.addObject().put("refType", "CHILD_OF").put("traceID", traceId).put("spanID", String.format("%016x", n * 4L + c.parent()));
        ArrayNode tags = s.putArray("tags");
        if (c.failed()) tags.addObject().put("key", "error").put("type", "bool").put("value", true);
      }
      ObjectNode processes = t.putObject("processes");
      for (int i = 0; i < trace.size(); i++) processes.putObject("p" + i).put("serviceName", trace.get(i).service());
    }
    Path export = tmp.resolve("jaeger-" + names[2] + "-" + seed + "-" + breakAt + ".json");
    JSON.writerWithDefaultPrettyPrinter().writeValue(export.toFile(), root);
    return export;
  }

  @Test
  void aHealthyJaegerExportShowsNoSymptom() throws Exception {
    // ordinary variance of latency (±15 % per span) over several seeds and namings: no symptom, said plainly
    long seed = 3;
    for (String[] names : new String[][] {{"frontend", "cartservice", "redis-cart"}, {"web-gw", "basket", "kv-store"}}) {
      for (int k = 0; k < 3; k++, seed += 17) {
        Path export = jaeger(names, seed, Integer.MAX_VALUE);
        JsonNode r = analyze("--from", "jaeger:" + export);
        assertEquals(0, r.path("symptomCount").asInt(), r.get("symptoms").toString());
        PrometheusLiveTest.Result md = PrometheusLiveTest.cli("analyze", "--from", "jaeger:" + export);
        assertEquals(0, md.code(), md.err());
        assertTrue(md.out().contains("The logs show no symptom"), md.out());
      }
    }
  }

  @Test
  void aJaegerExportOfASlowFailingStore() throws Exception {
    for (String[] names : new String[][] {{"frontend", "cartservice", "redis-cart"}, {"web-gw", "basket", "kv-store"}}) {
      Path export = jaeger(names, 7, BREAK_AT);
      assertTheStoreIsTheRoot(analyze("--from", "jaeger:" + export), export, names[0], names[2]);
    }
  }

  @Test
  void aZipkinExportOfASlowFailingStore() throws Exception {
    for (String[] names : new String[][] {{"frontend", "cartservice", "redis-cart"}, {"web-gw", "basket", "kv-store"}}) {
      ArrayNode traces = JSON.createArrayNode();
      int n = 0;
      for (List<Call> trace : traffic(names[0], names[1], names[2], 11)) {
        ArrayNode spans = traces.addArray();
        String traceId = String.format("%016x", ++n);
        for (int i = 0; i < trace.size(); i++) {
          Call c = trace.get(i);
          ObjectNode s = spans.addObject().put("traceId", traceId).put("id", String.format("%016x", n * 4L + i))
              .put("name", c.operation()).put("timestamp", c.startUs()).put("duration", c.durationUs());
          if (c.parent() >= 0) s.put("parentId", String.format("%016x", n * 4L + c.parent()));
          s.putObject("localEndpoint").put("serviceName", c.service());
          if (c.failed()) s.putObject("tags").put("error", "timeout");
        }
      }
      Path export = tmp.resolve("zipkin-" + names[2] + ".json");
      JSON.writeValue(export.toFile(), traces);
      assertTheStoreIsTheRoot(analyze("--from", "zipkin:" + export), export, names[0], names[2]);
    }
  }

  /** An OTLP/JSON export of {@link #traffic} as the Collector's file exporter writes it: a TracesData a line, each service its own resource. */
  private Path otlp(String[] names, long seed, int breakAt) throws Exception {
    StringBuilder lines = new StringBuilder();
    int n = 0;
    for (List<Call> trace : traffic(names[0], names[1], names[2], seed, breakAt)) {
      ObjectNode doc = JSON.createObjectNode();
      ArrayNode resources = doc.putArray("resourceSpans");
      String traceId = String.format("%032x", ++n);
      for (int i = 0; i < trace.size(); i++) {
        Call c = trace.get(i);
        ObjectNode resource = resources.addObject();
        resource.putObject("resource").putArray("attributes").addObject().put("key", "service.name")
            .putObject("value").put("stringValue", c.service());
        ObjectNode span = resource.putArray("scopeSpans").addObject().putArray("spans").addObject()
            .put("traceId", traceId).put("spanId", String.format("%016x", n * 4L + i))
            .put("parentSpanId", c.parent() < 0 ? "" : String.format("%016x", n * 4L + c.parent()))
            .put("name", c.operation()).put("kind", c.parent() < 0 ? 2 : 3)
            .put("startTimeUnixNano", c.startUs() * 1000 + "").put("endTimeUnixNano", (c.startUs() + c.durationUs()) * 1000 + 417 + "");
        span.putObject("status").put("code", c.failed() ? 2 : 0);
      }
      lines.append(JSON.writeValueAsString(doc)).append('\n');
    }
    Path export = tmp.resolve("otlp-" + names[2] + "-" + seed + "-" + breakAt + ".jsonl");
    Files.writeString(export, lines);
    return export;
  }

  @Test
  void anOtlpFileExportOfASlowFailingStore() throws Exception {
    for (String[] names : new String[][] {{"frontend", "cartservice", "redis-cart"}, {"web-gw", "basket", "kv-store"}}) {
      Path export = otlp(names, 13, BREAK_AT);
      assertTheStoreIsTheRoot(analyze("--from", "otlp-json:" + export), export, names[0], names[2]);
    }
  }

  @Test
  void aHealthyOtlpExportShowsNoSymptom() throws Exception {
    for (String[] names : new String[][] {{"frontend", "cartservice", "redis-cart"}, {"web-gw", "basket", "kv-store"}}) {
      Path export = otlp(names, 29, Integer.MAX_VALUE);
      JsonNode r = analyze("--from", "otlp-json:" + export);
      assertEquals(0, r.path("symptomCount").asInt(), r.get("symptoms").toString());
    }
  }
}
