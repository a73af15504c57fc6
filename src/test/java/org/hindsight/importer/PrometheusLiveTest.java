package org.hindsight.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hindsight.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls from a real Prometheus server (Debian's {@code prometheus} package, installed by
 * {@code .ci/run}): a TSDB is backfilled with {@code promtool tsdb create-blocks-from openmetrics},
 * the server starts on a free loopback port with that data folder, and {@code hindsight import
 * prometheus} pulls a range into a bundle. Skipped, saying why, only where the package is missing.
 */
class PrometheusLiveTest {
  /** 2021-10-25T11:00:00+09:00: samples every 30 s for 20 minutes; a surge from 11:16:00 on one router. */
  static final long T0 = 1635127200L;
  static final String[][] ROUTERS = {{"10.255.1.49", "busan-ent-r2"}, {"10.255.1.47", "busan-agg-r1"}, {"10.255.1.1", "seoul-hyehwa-cr1"}};

  @TempDir static Path tmp;
  static Process server;
  static String url;

  @BeforeAll
  static void startServer() throws Exception {
    Path prometheus = onPath("prometheus");
    Path promtool = onPath("promtool");
    Assumptions.assumeTrue(prometheus != null && promtool != null,
        "the prometheus package is not installed (.ci/run installs it on Debian; apt-get install prometheus)");
    StringBuilder om = new StringBuilder("# TYPE isis_lsdb_route_count gauge\n# HELP isis_lsdb_route_count routes in the IS-IS database\n");
    for (int r = 0; r < ROUTERS.length; r++) {
      for (int i = 0; i <= 40; i++) {
        long t = T0 + 30L * i;
        long v = 10_000 + r * 50 + (t >= T0 + 960 && r < 2 ? 430_000 : 0);
        om.append("isis_lsdb_route_count{instance=\"").append(ROUTERS[r][0]).append(":9273\",job=\"routers\"} ")
            .append(v).append(' ').append(t).append('\n');
      }
    }
    om.append("# EOF\n");
    Path input = tmp.resolve("routes.om");
    Files.writeString(input, om);
    Path data = Files.createDirectories(tmp.resolve("data"));
    run(List.of(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics", input.toString(), data.toString()), 120);
    Path config = tmp.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 1h\nscrape_configs: []\n");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    url = "http://127.0.0.1:" + port;
    server = new ProcessBuilder(prometheus.toString(), "--config.file=" + config, "--storage.tsdb.path=" + data,
        "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.retention.time=100y")
        .redirectErrorStream(true).redirectOutput(tmp.resolve("prometheus.log").toFile()).start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        var r = http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) break;
      } catch (IOException e) {
        // not listening yet
      }
      if (!server.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("prometheus did not become ready:\n" + Files.readString(tmp.resolve("prometheus.log")));
      }
      Thread.sleep(200);
    }
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRangePullWritesMetricsThatCiteTheSavedAnswer() throws Exception {
    Path deviceMap = tmp.resolve("devices.csv");
    StringBuilder dm = new StringBuilder("address,device\n");
    for (String[] r : ROUTERS) dm.append(r[0]).append(',').append(r[1]).append('\n');
    Files.writeString(deviceMap, dm);
    Path out = tmp.resolve("bundle");
    Result r = cli("import", "prometheus", "--url", url, "--query", "igp.routes=isis_lsdb_route_count",
        "--start", "2021-10-25T11:00:00+09:00", "--end", "2021-10-25T11:20:00+09:00", "--step", "30s",
        "--device-map", deviceMap.toString(), "--timezone", "Asia/Seoul", "--out", out.toString());
    assertEquals(0, r.code, r.err);
    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
        .parse(Files.newBufferedReader(out.resolve("metrics-prometheus.csv"))).getRecords();
    assertEquals(3 * 41, rows.size());
    CSVRecord surge = rows.stream().filter(x -> x.get("entity").equals("busan-ent-r2")
        && x.get("timestamp").equals("2021-10-25T11:16:00+09:00")).findFirst().orElseThrow();
    assertEquals("igp.routes", surge.get("metric"));
    assertEquals("440000", surge.get("value"));
    // the row cites the saved answer, and that line holds this very sample
    String origin = surge.get("origin");
    Path saved = Path.of(origin.substring(0, origin.lastIndexOf(':')));
    int line = Integer.parseInt(origin.substring(origin.lastIndexOf(':') + 1));
    assertTrue(saved.endsWith(Path.of("sources", "prometheus-1.json")), origin);
    assertEquals("[1635128160,\"440000\"],", Files.readAllLines(saved).get(line - 1));
    assertTrue(r.err.contains("123 record(s) imported"), r.err);
  }

  @Test
  void aQueryTheServerRejectsIsAProblemNotACrash() throws Exception {
    Result r = cli("import", "prometheus", "--url", url, "--query", "rate(isis_lsdb_route_count[",
        "--start", "1635127200", "--end", "1635128400", "--out", tmp.resolve("bad").toString());
    assertEquals(2, r.code, r.err);
    assertTrue(r.err.startsWith(url + ": query 1 (rate(isis_lsdb_route_count[): bad_data: "), r.err);
  }

  @Test
  void aServerThatIsNotThereIsSaidPlainly() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Result r = cli("import", "prometheus", "--url", "http://127.0.0.1:" + port, "--query", "up",
        "--start", "1635127200", "--end", "1635128400", "--out", tmp.resolve("none").toString());
    assertEquals(2, r.code, r.err);
    assertTrue(r.err.contains("cannot connect (is Prometheus listening there?)"), r.err);
  }

  record Result(int code, String out, String err) {}

  static Result cli(String... args) {
    org.hindsight.testing.CliRun r = org.hindsight.testing.CliRun.of(args);
    return new Result(r.code(), r.out(), r.err());
  }


  private static Path onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) return p;
    }
    return null;
  }

  private static void run(List<String> command, int seconds) throws Exception {
    Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
    }
  }
}
