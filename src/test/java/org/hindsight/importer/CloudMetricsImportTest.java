package org.hindsight.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three clouds' metric exports, as their CLIs write them, from the raw file to the report's symptoms: a machine
 * whose CPU pins is a {@code cpu.pinned} symptom of that machine (named by the export's own resource naming), its
 * neighbour that stayed usual none; the near miss, the same hour with the CPU high but never pinned, shows nothing.
 * The exports are generated (noise, names and the moment of the break vary), a folder of them read as {@code analyze}
 * reads raw exports: by the marks of their first lines.
 */
class CloudMetricsImportTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant START = Instant.parse("2024-06-20T14:00:00Z");
  @TempDir Path tmp;

  static JsonNode analyze(String... args) throws Exception {
    List<String> cli = new ArrayList<>(List.of("analyze", "-f", "json"));
    cli.addAll(List.of(args));
    PrometheusLiveTest.Result r = PrometheusLiveTest.cli(cli.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    return JSON.readTree(r.out());
  }

  /** The symptom of an entity and kind, or null. */
  static JsonNode symptom(JsonNode report, String entity, String kind) {
    for (JsonNode s : report.get("symptoms")) {
      if (s.path("entity").asText().equals(entity) && s.path("kind").asText().equals(kind)) return s;
    }
    return null;
  }

  /**
   * An hour of one-minute CPU percentages of two machines: the first pins at {@code breakAt} (when {@code peak} is
   * past the threshold), the second stays at its level.
   */
  static double[][] cpu(long seed, int breakAt, double peak) {
    Random random = new Random(seed);
    double[][] out = new double[2][60];
    for (int m = 0; m < 60; m++) {
      out[0][m] = Math.round((m >= breakAt ? peak - 3 * random.nextDouble() : 35 + 10 * random.nextDouble()) * 10) / 10.0;
      out[1][m] = Math.round((30 + 10 * random.nextDouble()) * 10) / 10.0;
    }
    return out;
  }

  /** {@code aws cloudwatch get-metric-data}'s answer (newest first, as CloudWatch sorts by default) and its query file. */
  private Path cloudWatch(String dir, String[] instances, double[][] cpu, boolean withQueries) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve(dir));
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode results = answer.putArray("MetricDataResults");
    ArrayNode queries = JSON.createArrayNode();
    for (int k = 0; k < instances.length; k++) {
      String id = "cpu" + k;
      ObjectNode q = queries.addObject().put("Id", id);
      ObjectNode stat = q.putObject("MetricStat");
      ObjectNode metric = stat.putObject("Metric").put("Namespace", "AWS/EC2").put("MetricName", "CPUUtilization");
      metric.putArray("Dimensions").addObject().put("Name", "InstanceId").put("Value", instances[k]);
      stat.put("Period", 60).put("Stat", "Average");
      // without the query file the label is all that says whose series it is (a label the user gave the query)
      ObjectNode r = results.addObject().put("Id", id).put("Label", withQueries ? "CPUUtilization" : instances[k] + " CPUUtilization");
      ArrayNode times = r.putArray("Timestamps");
      ArrayNode values = r.putArray("Values");
      for (int m = 59; m >= 0; m--) {
        times.add(START.plusSeconds(60L * m).toString().replace("Z", "+00:00"));
        values.add(cpu[k][m]);
      }
      r.put("StatusCode", "Complete");
    }
    answer.putArray("Messages");
    JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("cpu.json").toFile(), answer);
    if (withQueries) JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("queries.json").toFile(), queries);
    return folder;
  }

  @Test
  void aCloudWatchExportOfAnInstanceWhoseCpuPinned() throws Exception {
    String[][] fleets = {{"i-0a1b2c3d4e5f60001", "i-0a1b2c3d4e5f60002"}, {"i-0ffee0000000000a7", "i-0ffee0000000000b3"}};
    int n = 0;
    for (String[] instances : fleets) {
      for (boolean withQueries : new boolean[] {true, false}) {
        long seed = 11 + n;
        int breakAt = 35 + 3 * n++;
        JsonNode r = analyze(cloudWatch("cw-" + n, instances, cpu(seed, breakAt, 99.5), withQueries).toString());
        JsonNode pinned = symptom(r, instances[0], "cpu.pinned");
        assertTrue(pinned != null && Instant.parse(pinned.path("onset").asText()).equals(START.plusSeconds(60L * breakAt)),
            "the instance named by its dimension (or its label), pinned from minute " + breakAt + ": " + r.get("symptoms"));
        assertNull(symptom(r, instances[1], "cpu.pinned"), r.get("symptoms").toString());
        // near miss: the same hour with the CPU high (80s) but never past the threshold
        JsonNode busy = analyze(cloudWatch("cw-busy-" + n, instances, cpu(seed, breakAt, 86), withQueries).toString());
        assertEquals(0, busy.path("symptomCount").asInt(), busy.get("symptoms").toString());
        assertEquals(0, busy.get("hypotheses").size(), busy.get("hypotheses").toString());
      }
    }
  }

  /**
   * {@code az monitor metrics list -o json}, one answer per VM as the CLI gives it (its resource id names the VM);
   * {@code splitByInstance}: one scale set's answer split by {@code VMName}, each instance a time series.
   */
  private Path azure(String dir, String[] vms, double[][] cpu, boolean splitByInstance) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve(dir));
    for (int k = 0; k < (splitByInstance ? 1 : vms.length); k++) {
      String resource = splitByInstance ? "Microsoft.Compute/virtualMachineScaleSets/" + vms[0].replaceAll("_\\d+$", "")
          : "Microsoft.Compute/virtualMachines/" + vms[k];
      ObjectNode answer = JSON.createObjectNode().put("cost", 59).put("interval", "PT1M").put("namespace", resource.replaceAll("/[^/]+$", ""))
          .put("resourceregion", "westeurope");
      ObjectNode metric = answer.putArray("value").addObject().put("errorCode", "Success")
          .put("id", "/subscriptions/0000/resourceGroups/prod/providers/" + resource + "/providers/Microsoft.Insights/metrics/Percentage CPU")
          .put("type", "Microsoft.Insights/metrics").put("unit", "Percent");
      metric.putObject("name").put("value", "Percentage CPU").put("localizedValue", "Percentage CPU");
      ArrayNode timeseries = metric.putArray("timeseries");
      for (int v = 0; v < vms.length; v++) {
        if (!splitByInstance && v != k) continue;
        ObjectNode series = timeseries.addObject();
        ArrayNode data = series.putArray("data");
        for (int m = 0; m < 60; m++) {
          data.addObject().put("timeStamp", START.plusSeconds(60L * m).toString().replace("Z", "+00:00")).put("average", cpu[v][m])
              .putNull("maximum").putNull("total");
        }
        ArrayNode meta = series.putArray("metadatavalues");
        if (splitByInstance) meta.addObject().put("value", vms[v]).putObject("name").put("value", "VMName").put("localizedValue", "VMName");
      }
      JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("cpu-" + k + ".json").toFile(), answer);
    }
    return folder;
  }

  @Test
  void anAzureMonitorExportOfAVmWhoseCpuPinned() throws Exception {
    String[][] fleets = {{"web-vm-1", "web-vm-2"}, {"shop-vmss_3", "shop-vmss_7"}};
    int n = 0;
    for (String[] vms : fleets) {
      boolean split = vms[0].contains("_");
      long seed = 31 + n;
      int breakAt = 33 + 4 * n++;
      JsonNode r = analyze(azure("az-" + n, vms, cpu(seed, breakAt, 99), split).toString());
      JsonNode pinned = symptom(r, vms[0], "cpu.pinned");
      assertTrue(pinned != null && Instant.parse(pinned.path("onset").asText()).equals(START.plusSeconds(60L * breakAt)),
          "the VM its resource id (or VMName) names, pinned from minute " + breakAt + ": " + r.get("symptoms"));
      assertNull(symptom(r, vms[1], "cpu.pinned"), r.get("symptoms").toString());
      JsonNode busy = analyze(azure("az-busy-" + n, vms, cpu(seed, breakAt, 85), split).toString());
      assertEquals(0, busy.path("symptomCount").asInt(), busy.get("symptoms").toString());
      assertEquals(0, busy.get("hypotheses").size(), busy.get("hypotheses").toString());
    }
  }

  /** A {@code projects.timeSeries.list} answer: Compute Engine's CPU utilisation, a fraction of one, newest point first. */
  private Path gcp(String dir, String[] instances, double[][] cpu) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve(dir));
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode all = answer.putArray("timeSeries");
    for (int k = 0; k < instances.length; k++) {
      ObjectNode s = all.addObject();
      s.putObject("metric").put("type", "compute.googleapis.com/instance/cpu/utilization").putObject("labels").put("instance_name", instances[k]);
      s.putObject("resource").put("type", "gce_instance").putObject("labels").put("instance_id", String.valueOf(4_000_000_000L + k))
          .put("zone", "europe-west1-b").put("project_id", "shop-prod");
      s.put("metricKind", "GAUGE").put("valueType", "DOUBLE");
      ArrayNode points = s.putArray("points");
      for (int m = 59; m >= 0; m--) {
        String t = START.plusSeconds(60L * m).toString();
        ObjectNode p = points.addObject();
        p.putObject("interval").put("startTime", t).put("endTime", t);
        p.putObject("value").put("doubleValue", cpu[k][m] / 100);
      }
    }
    answer.put("unit", "10^2.%");
    JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("timeseries.json").toFile(), answer);
    return folder;
  }

  @Test
  void aCloudMonitoringExportOfAnInstanceWhoseCpuPinned() throws Exception {
    String[][] fleets = {{"web-1", "web-2"}, {"pay-node-a", "pay-node-b"}};
    int n = 0;
    for (String[] instances : fleets) {
      long seed = 51 + n;
      int breakAt = 37 + 5 * n++;
      // a fraction of one read as a percentage: 0.99 pins, 0.85 does not
      JsonNode r = analyze(gcp("gcp-" + n, instances, cpu(seed, breakAt, 99.5)).toString());
      JsonNode pinned = symptom(r, instances[0], "cpu.pinned");
      assertTrue(pinned != null && Instant.parse(pinned.path("onset").asText()).equals(START.plusSeconds(60L * breakAt)),
          "the instance its instance_name label names, pinned from minute " + breakAt + ": " + r.get("symptoms"));
      assertNull(symptom(r, instances[1], "cpu.pinned"), r.get("symptoms").toString());
      JsonNode busy = analyze(gcp("gcp-busy-" + n, instances, cpu(seed, breakAt, 86)).toString());
      assertEquals(0, busy.path("symptomCount").asInt(), busy.get("symptoms").toString());
      assertEquals(0, busy.get("hypotheses").size(), busy.get("hypotheses").toString());
    }
  }

  @Test
  void withLenientBadRecordsAreSaidAndSkippedAndAPartialAnswersPointsKept() throws Exception {
    Path bad = Path.of("src/test/resources/import/cloudwatch-metrics/bad.json");
    Path out = tmp.resolve("lenient");
    PrometheusLiveTest.Result strict = PrometheusLiveTest.cli("import", "cloudwatch-metrics", bad.toString(), "--out", out.toString());
    assertEquals(2, strict.code(), strict.err());
    assertTrue(!Files.exists(out.resolve("metrics-cloudwatch-metrics.csv")), "nothing is written without --lenient");
    PrometheusLiveTest.Result r = PrometheusLiveTest.cli("import", "cloudwatch-metrics", bad.toString(), "--lenient=all", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("skipped " + bad + ":7: value '1e400' is not a number") && !r.err().contains("Exception"), r.err());
    List<String> rows = Files.readAllLines(out.resolve("metrics-cloudwatch-metrics.csv"));
    // the one point of the PartialData result (line 3) is kept, its problem said; every other point was bad
    assertEquals(2, rows.size(), rows.toString());
    assertTrue(rows.get(1).startsWith("2024-06-20T14:03:00Z,web-1,cpu.util,3.0,") && rows.get(1).endsWith("bad.json:3"), rows.toString());
  }
}
