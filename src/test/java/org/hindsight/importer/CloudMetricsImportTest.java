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

  /**
   * An hour of one-minute CPU percentages of two machines: the first pins at {@code breakAt} (when {@code peak} is
   * past the threshold), the second stays at its level.
   */
  private static double[][] cpu(long seed, int breakAt, double peak) {
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
}
