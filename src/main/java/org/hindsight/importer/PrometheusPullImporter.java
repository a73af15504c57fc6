package org.hindsight.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * Pulls range queries from a live Prometheus ({@code /api/v1/query_range}) and imports them like
 * {@code prometheus-json}. Each answer is saved in the bundle as {@code sources/prometheus-N.json},
 * one sample a line, with the query beside it: that file is what the rows cite, so the evidence stays
 * readable after the server has forgotten the data.
 */
@AutoService(Importer.class)
public final class PrometheusPullImporter implements Importer {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "prometheus";
  }

  @Override
  public String summary() {
    return "live pull: --url URL --query [METRIC=]PROMQL --start --end --step (Prometheus HTTP API) → metrics";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.METRICS);
  }

  @Override
  public boolean readsFiles() {
    return false;
  }

  @Override
  public void read(Source bundle, ImportRun run) throws IOException {
    ImportSettings s = run.settings();
    Source server = Source.saved(bundle.path(), s.url == null ? "prometheus" : s.url);
    if (s.url == null || s.queries.isEmpty() || s.start == null || s.end == null) {
      run.fileProblem(server, "a live pull needs --url, at least one --query, --start and --end");
      return;
    }
    if (!s.end.isAfter(s.start)) {
      run.fileProblem(server, "--end must be after --start");
      return;
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(s.timeout).build();
    Path dir = Files.createDirectories(bundle.path().resolve("sources"));
    int n = 0;
    for (String q : s.queries) {
      n++;
      int eq = q.indexOf('=');
      // METRIC=PROMQL when the part before '=' is a plain metric name (PromQL itself may contain '=')
      boolean named = eq > 0 && q.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_.:-]*") && !q.substring(0, eq).contains("{");
      String metric = named ? q.substring(0, eq) : "value";
      String promql = named ? q.substring(eq + 1) : q;
      String uri = s.url.replaceAll("/+$", "") + "/api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
          + "&start=" + seconds(s.start) + "&end=" + seconds(s.end) + "&step=" + seconds(s.step.toMillis());
      HttpResponse<String> response;
      try {
        response = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(s.timeout).GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (ConnectException e) {
        run.fileProblem(server, "cannot connect (is Prometheus listening there?)");
        return;
      } catch (HttpTimeoutException e) {
        run.fileProblem(server, "no answer within " + s.timeout.toSeconds() + " s");
        return;
      } catch (IllegalArgumentException e) {
        run.fileProblem(server, "not a URL: " + e.getMessage());
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
      JsonNode body;
      try {
        body = JSON.readTree(response.body());
      } catch (IOException e) {
        run.fileProblem(server, "query " + n + " (" + promql + "): HTTP " + response.statusCode() + ", not a Prometheus answer");
        continue;
      }
      if (!"success".equals(body.path("status").asText())) {
        run.fileProblem(server, "query " + n + " (" + promql + "): " + body.path("errorType").asText("error") + ": "
            + body.path("error").asText("HTTP " + response.statusCode()));
        continue;
      }
      Path saved = dir.resolve("prometheus-" + n + ".json");
      save(body, promql, saved);
      PrometheusJsonImporter.read(Source.saved(saved, saved.normalize().toString().replace('\\', '/')), run, metric, named);
    }
  }

  private static String seconds(Instant t) {
    return BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9)).stripTrailingZeros().toPlainString();
  }

  private static String seconds(long millis) {
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
  }

  /** The answer as valid JSON laid out one series header and one sample a line, so citations read well. */
  private static void save(JsonNode body, String query, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("{\"status\":\"success\",\"query\":" + JSON.writeValueAsString(query) + ",\"data\":{\"resultType\":"
          + JSON.writeValueAsString(body.path("data").path("resultType").asText()) + ",\"result\":[\n");
      Iterator<JsonNode> series = body.path("data").path("result").elements();
      while (series.hasNext()) {
        JsonNode one = series.next();
        w.write("{\"metric\":" + JSON.writeValueAsString(one.path("metric")) + ",\"values\":[\n");
        JsonNode values = one.has("values") ? one.get("values") : JSON.createArrayNode().add(one.path("value"));
        for (int i = 0; i < values.size(); i++) {
          w.write(JSON.writeValueAsString(values.get(i)) + (i < values.size() - 1 ? ",\n" : "\n"));
        }
        w.write("]}" + (series.hasNext() ? ",\n" : "\n"));
      }
      w.write("]}}\n");
    }
  }
}
