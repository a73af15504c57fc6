package org.hindsight.importer;

import static org.hindsight.importer.CloudMetricsImportTest.analyze;
import static org.hindsight.importer.CloudMetricsImportTest.symptom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access logs as web servers, proxies, load balancers and CDNs write them, from the raw file to the report's symptoms: a
 * server whose requests fail (5xx, nothing answered for minutes) is an {@code errors} symptom of that server — named as
 * the log names what served the request (the file's host, HAProxy's backend server, an ALB target through the device map,
 * a Cloudflare origin) — and its neighbour that kept answering none; the near miss, the same traffic all answered, shows
 * nothing. Logs are generated (request rate, clients, the moment of the break vary) and read as {@code analyze} reads a
 * folder of raw exports: by the marks of their first lines.
 */
class AccessLogsImportTest {
  static final Instant START = Instant.parse("2024-06-20T14:00:00Z");
  static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.ofHours(2));
  static final DateTimeFormatter HAPROXY = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  @TempDir Path tmp;

  /** One request every few seconds for half an hour: its second and whether it fails. */
  private static List<long[]> traffic(long seed, IntPredicate failsAtMinute) {
    Random random = new Random(seed);
    List<long[]> out = new ArrayList<>();
    for (long s = random.nextInt(5); s < 1800; s += 2 + random.nextInt(6)) out.add(new long[] {s, failsAtMinute.test((int) (s / 60)) ? 1 : 0});
    return out;
  }

  private Path folder(String name) throws Exception {
    return Files.createDirectories(tmp.resolve(name));
  }

  /** NGINX's combined format with $request_time, one file per web server, named after it. */
  private Path nginx(String dir, long seed, int breakAt) throws Exception {
    Path d = folder(dir);
    for (String host : new String[] {"web-1", "web-2"}) {
      StringBuilder b = new StringBuilder();
      for (long[] r : traffic(seed + host.hashCode(), m -> host.equals("web-2") && breakAt >= 0 && m >= breakAt)) {
        b.append(String.format(Locale.ROOT, "203.0.113.%d - - [%s] \"GET /cart HTTP/1.1\" %d 512 \"-\" \"Mozilla/5.0\" %.3f%n",
            r[0] % 200, CLF.format(START.plusSeconds(r[0])), r[1] == 1 ? 502 : 200, r[1] == 1 ? 30.0 : 0.012 + (r[0] % 7) / 1000.0));
      }
      Files.writeString(d.resolve(host + ".access.log"), b);
    }
    return d;
  }

  /** HAProxy's HTTP log through syslog: one balancer, two backend servers. */
  private Path haproxy(String dir, long seed, int breakAt) throws Exception {
    Path d = folder(dir);
    StringBuilder b = new StringBuilder();
    int k = 0;
    for (long[] r : traffic(seed, m -> breakAt >= 0 && m >= breakAt)) {
      String server = k++ % 2 == 0 ? "api-1" : "api-2";
      boolean fails = r[1] == 1 && server.equals("api-2");
      Instant t = START.plusSeconds(r[0]);
      b.append(String.format(Locale.ROOT, "Jun 20 %s lb-1 haproxy[1842]: 10.0.1.%d:4%04d [%s] fe_api be_api/%s 0/0/1/%d/%d %d 212 - - %s 1/1/1/1/0 0/0 \"GET /v1/orders HTTP/1.1\"%n",
          DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(t), r[0] % 200, r[0], HAPROXY.format(t), server,
          fails ? -1 : 20, fails ? 5000 : 22, fails ? 504 : 200, fails ? "sH--" : "----"));
    }
    Files.writeString(d.resolve("haproxy.log"), b);
    return d;
  }

  @Test
  void aWebServerWhoseRequestsFailIsAnErrorsSymptomAndItsNeighbourNone() throws Exception {
    for (int n = 0; n < 3; n++) {
      long seed = 41L * n + 7;
      int breakAt = 8 + 5 * n;
      JsonNode r = analyze(nginx("nginx-" + n, seed, breakAt).toString());
      JsonNode s = symptom(r, "web-2", "errors");
      assertNotNull(s, r.get("symptoms").toString());
      assertEquals(START.plusSeconds(60L * breakAt).getEpochSecond() / 60, Instant.parse(s.get("onset").asText()).getEpochSecond() / 60,
          s.toString());
      assertTrue(s.path("record").path("file").asText().endsWith("web-2.access.log"), "cites the user's own file: " + s);
      assertNull(symptom(r, "web-1", "errors"), r.get("symptoms").toString());

      JsonNode fine = analyze(nginx("nginx-fine-" + n, seed, -1).toString());
      assertNull(symptom(fine, "web-2", "errors"), fine.get("symptoms").toString());
      assertNull(symptom(fine, "web-1", "errors"), fine.get("symptoms").toString());
    }
  }

  @Test
  void aBackendServerThatStopsAnsweringBehindHaproxyIsTheOneWithTheSymptom() throws Exception {
    JsonNode r = analyze(haproxy("haproxy", 5, 12).toString());
    assertNotNull(symptom(r, "api-2", "errors"), r.get("symptoms").toString());
    assertNull(symptom(r, "api-1", "errors"), r.get("symptoms").toString());
    assertNull(symptom(r, "lb-1", "errors"), "the balancer only passed the requests on: " + r.get("symptoms"));

    JsonNode fine = analyze(haproxy("haproxy-fine", 5, -1).toString());
    assertNull(symptom(fine, "api-2", "errors"), fine.get("symptoms").toString());
  }

  @Test
  void anAlbTargetAndACloudflareOriginAreNamedThroughTheDeviceMap() throws Exception {
    Path d = folder("alb");
    StringBuilder alb = new StringBuilder();
    StringBuilder cf = new StringBuilder();
    int k = 0;
    for (long[] r : traffic(9, m -> m >= 10)) {
      boolean second = k++ % 2 == 1;
      boolean fails = r[1] == 1 && second;
      Instant t = START.plusSeconds(r[0]).plusNanos(123_456_000L);
      alb.append(String.format(Locale.ROOT, "https %s app/shop-alb/50dc6c495c0c9188 192.168.1.%d:2817 %s:80 0.000 %s %s %d %s 34 366"
          + " \"GET https://shop.example:443/cart HTTP/1.1\" \"curl/8.4.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 - \"Root=1-x\" \"shop.example\" \"-\" 0"
          + " %s \"forward\" \"-\" \"-\" \"-\" \"-\" \"-\" \"-\" -%n", t, r[0] % 200, second ? "10.0.0.12" : "10.0.0.11",
          fails ? "-1" : "0.040", fails ? "-1" : "0.000", fails ? 502 : 200, fails ? "-" : "200", t));
      long ns = t.getEpochSecond() * 1_000_000_000L + t.getNano();
      cf.append(String.format(Locale.ROOT, "{\"ClientIP\":\"203.0.113.%d\",\"EdgeColoCode\":\"AMS\",\"EdgeStartTimestamp\":%d,\"EdgeEndTimestamp\":%d,"
          + "\"EdgeResponseStatus\":%d,\"OriginIP\":\"%s\",\"RayID\":\"%x\"}%n", r[0] % 200, ns, ns + 40_000_000L, fails ? 521 : 200,
          second ? "198.51.100.21" : "198.51.100.20", r[0]));
    }
    Files.writeString(d.resolve("123456789012_elasticloadbalancing_eu-west-1_app.shop-alb.50dc6c495c0c9188_20240620T1430Z_52.49.1.7_x.log"), alb);
    Path c = folder("cloudflare");
    Files.writeString(c.resolve("http_requests.json"), cf);
    Path devices = tmp.resolve("devices.csv");
    Files.writeString(devices, "name,address\nshop-1,10.0.0.11\nshop-2,10.0.0.12\norigin-1,198.51.100.20\norigin-2,198.51.100.21\n");

    JsonNode r = analyze(d.toString(), "--device-map", devices.toString());
    assertNotNull(symptom(r, "shop-2", "errors"), r.get("symptoms").toString());
    assertNull(symptom(r, "shop-1", "errors"), r.get("symptoms").toString());
    JsonNode cfr = analyze(c.toString(), "--device-map", devices.toString());
    assertNotNull(symptom(cfr, "origin-2", "errors"), cfr.get("symptoms").toString());
    assertNull(symptom(cfr, "origin-1", "errors"), cfr.get("symptoms").toString());
  }
}
