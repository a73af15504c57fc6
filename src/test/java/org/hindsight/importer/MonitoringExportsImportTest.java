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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * InfluxDB's and Graphite's exports, as their tools write them, from the raw file to the report's symptoms: a machine whose
 * CPU pins is a {@code cpu.pinned} symptom of that machine (named by the export's tags or path), its neighbour that stayed
 * usual none; the near miss, the same hour with the CPU high but never pinned, shows nothing. The exports are generated
 * (noise, names and the moment of the break vary) and read as {@code analyze} reads a folder of raw exports.
 */
class MonitoringExportsImportTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant START = Instant.parse("2024-06-20T14:00:00Z");
  @TempDir Path tmp;


  /** {@code influx query --raw}: one table per host (Telegraf's cpu measurement), each with its annotations and header. */
  private Path flux(String dir, String[] hosts, double[][] cpu) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve(dir));
    StringBuilder csv = new StringBuilder();
    for (int k = 0; k < hosts.length; k++) {
      if (k > 0) csv.append('\n');
      csv.append("#group,false,false,true,true,false,false,true,true,true,true\n")
          .append("#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string,string\n")
          .append("#default,_result,,,,,,,,,\n")
          .append(",result,table,_start,_stop,_time,_value,_field,_measurement,cpu,host\n");
      for (int m = 0; m < 60; m++) {
        csv.append(",,").append(k).append(',').append(START).append(',').append(START.plusSeconds(3600)).append(',')
            .append(START.plusSeconds(60L * m)).append(',').append(cpu[k][m]).append(",usage_user,cpu,cpu-total,").append(hosts[k]).append('\n');
      }
    }
    Files.writeString(folder.resolve("query.csv"), csv);
    return folder;
  }

  /** InfluxQL's answer ({@code GROUP BY host}, {@code epoch=s}), pretty-printed as {@code pretty=true} writes it. */
  private Path influxQl(String dir, String[] hosts, double[][] cpu) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve(dir));
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode result = answer.putArray("results").addObject().put("statement_id", 0);
    ArrayNode series = result.putArray("series");
    for (int k = 0; k < hosts.length; k++) {
      ObjectNode s = series.addObject().put("name", "cpu");
      s.putObject("tags").put("host", hosts[k]);
      s.putArray("columns").add("time").add("mean_usage_user");
      ArrayNode values = s.putArray("values");
      for (int m = 0; m < 60; m++) values.addArray().add(START.getEpochSecond() + 60L * m).add(cpu[k][m]);
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("query.json").toFile(), answer);
    return folder;
  }

  /** Graphite's {@code /render?format=json} of {@code servers.*.cpu.user}: [value, epoch] pairs, a null where nothing was stored. */
  private Path graphite(String dir, String[] hosts, double[][] cpu) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve(dir));
    ArrayNode answer = JSON.createArrayNode();
    for (int k = 0; k < hosts.length; k++) {
      String target = "servers." + hosts[k] + ".cpu.user";
      ObjectNode s = answer.addObject().put("target", target);
      s.putObject("tags").put("name", target);
      ArrayNode points = s.putArray("datapoints");
      for (int m = 0; m < 60; m++) {
        ArrayNode p = points.addArray();
        if (m == 7) p.addNull(); // a gap: nothing stored that minute
        else p.add(cpu[k][m]);
        p.add(START.getEpochSecond() + 60L * m);
      }
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("render.json").toFile(), answer);
    return folder;
  }

  @FunctionalInterface
  interface Export {
    Path write(String dir, String[] hosts, double[][] cpu) throws Exception;
  }

  /** The export of a pinned machine shows it pinned from the break on; the same export of a busy hour shows nothing. */
  private void pinnedThenBusy(String name, Export export, String metricMap) throws Exception {
    String[][] fleets = {{"web-1", "web-2"}, {"pay-node-a", "pay-node-b"}};
    int n = 0;
    for (String[] hosts : fleets) {
      long seed = name.hashCode() + n;
      int breakAt = 33 + 5 * n++;
      JsonNode r = CloudMetricsImportTest.analyze(export.write(name + "-" + n, hosts, CloudMetricsImportTest.cpu(seed, breakAt, 99.5)).toString(), "--metric-map", metricMap);
      JsonNode pinned = CloudMetricsImportTest.symptom(r, hosts[0], "cpu.pinned");
      assertTrue(pinned != null && Instant.parse(pinned.path("onset").asText()).equals(START.plusSeconds(60L * breakAt)),
          name + ": " + hosts[0] + " pinned from minute " + breakAt + ": " + r.get("symptoms"));
      assertNull(CloudMetricsImportTest.symptom(r, hosts[1], "cpu.pinned"), r.get("symptoms").toString());
      // near miss: the same hour with the CPU high (80s) but never past the threshold
      JsonNode busy = CloudMetricsImportTest.analyze(export.write(name + "-busy-" + n, hosts, CloudMetricsImportTest.cpu(seed, breakAt, 86)).toString(), "--metric-map", metricMap);
      assertEquals(0, busy.path("symptomCount").asInt(), busy.get("symptoms").toString());
      assertEquals(0, busy.get("hypotheses").size(), busy.get("hypotheses").toString());
    }
  }

  @Test
  void anInfluxDbFluxCsvOfAHostWhoseCpuPinned() throws Exception {
    pinnedThenBusy("flux", this::flux, "cpu.usage_user=cpu.util");
  }

  @Test
  void anInfluxQlAnswerOfAHostWhoseCpuPinned() throws Exception {
    pinnedThenBusy("influxql", this::influxQl, "cpu.mean_usage_user=cpu.util");
  }

  @Test
  void aGraphiteRenderOfAServerWhoseCpuPinned() throws Exception {
    pinnedThenBusy("graphite", this::graphite, "cpu.user=cpu.util");
  }
}
