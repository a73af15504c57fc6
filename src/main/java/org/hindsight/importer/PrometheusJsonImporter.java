package org.hindsight.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hindsight.ingest.LogKind;

/**
 * Prometheus HTTP API query results ({@code /api/v1/query_range}: {@code resultType} matrix, or
 * {@code /api/v1/query}: vector), as saved with {@code curl … > file.json}. Each sample becomes a
 * {@code metrics} row: entity from the first label present of {@code --entity-label} (default
 * instance, device, host, node, pod, job; an instance's {@code :port} is dropped and its address
 * looked up in the device map), metric from {@code __name__} through {@code --metric-map} (a series
 * without a name takes the file's name, e.g. {@code igp.routes.json}). Rows cite the line the sample
 * starts on; {@code NaN} and infinite samples are not numbers the contract can hold and are skipped.
 */
@AutoService(Importer.class)
public final class PrometheusJsonImporter implements Importer {
  static final List<String> DEFAULT_ENTITY_LABELS = List.of("instance", "device", "host", "node", "pod", "job");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "prometheus-json";
  }

  @Override
  public String summary() {
    return "Prometheus HTTP API result (query_range matrix or query vector) saved as JSON → metrics";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.METRICS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    String stem = source.stem("json");
    read(source, run, stem, false);
  }

  /**
   * Reads a result, naming series without {@code __name__} {@code metricName}, or every series when
   * {@code override} (a query the user named: {@code --query igp.routes=…}).
   */
  static void read(Source source, ImportRun run, String metricName, boolean override) throws IOException {
    try (Reader in = source.reader(); JsonParser p = new JsonFactory().createParser(in)) {
      p.setCodec(JSON);
      if (!seekResult(p, source, run)) return;
      while (p.nextToken() == JsonToken.START_OBJECT) series(p, source, run, metricName, override);
    } catch (JsonParseException e) {
      run.problem(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "not valid JSON: " + Tree.describe(e));
    }
  }

  /** Moves to the {@code result} array (inside {@code data}, or at the top); says why when there is none. */
  private static boolean seekResult(JsonParser p, Source source, ImportRun run) throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.START_ARRAY) return true; // a bare result list
    if (t != JsonToken.START_OBJECT) {
      run.fileProblem(source, "expected a Prometheus API response (a JSON object with data.result)");
      return false;
    }
    int depth = 1;
    String status = null;
    String error = null;
    while (depth > 0 && (t = p.nextToken()) != null) {
      if (t == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if (field.equals("result") && v == JsonToken.START_ARRAY) return true;
        if (field.equals("resultType") && v == JsonToken.VALUE_STRING && p.getText().equals("scalar")) {
          run.fileProblem(source, "a scalar result names no series; query a vector or a range");
          return false;
        }
        if (field.equals("status") && v == JsonToken.VALUE_STRING) status = p.getText();
        if (field.equals("error") && v == JsonToken.VALUE_STRING) error = p.getText();
        if (v == JsonToken.START_OBJECT && field.equals("data")) {
          depth++;
        } else if (v.isStructStart()) {
          p.skipChildren();
        }
      } else if (t == JsonToken.END_OBJECT) {
        depth--;
      }
    }
    run.fileProblem(source, "error".equals(status) ? "the server answered an error: " + error
        : "no data.result array: not a Prometheus query result");
    return false;
  }

  private static void series(JsonParser p, Source source, ImportRun run, String metricName, boolean override) throws IOException {
    int startLine = p.currentTokenLocation().getLineNr();
    Map<String, String> labels = new TreeMap<>();
    List<Object[]> samples = new ArrayList<>(); // {line, time text, value text}
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "metric" -> {
          JsonNode m = p.readValueAsTree();
          m.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        case "values" -> {
          if (p.currentToken() != JsonToken.START_ARRAY) {
            run.problem(source, p.currentTokenLocation().getLineNr(), "values: expected an array of [time, \"value\"]");
            p.skipChildren();
            break;
          }
          while (p.nextToken() == JsonToken.START_ARRAY) samples.add(sample(p));
        }
        case "value" -> {
          if (p.currentToken() == JsonToken.START_ARRAY) samples.add(sample(p));
          else p.skipChildren();
        }
        default -> p.skipChildren();
      }
    }
    if (t != JsonToken.END_OBJECT) {
      run.problem(source, startLine, "a series is not an object of metric and values");
      return;
    }
    String entity = entity(labels, run);
    if (entity == null) {
      run.problem(source, startLine, "series " + labels + " has none of the labels " + entityLabels(run)
          + " that name an entity; pass --entity-label");
      return;
    }
    String metric = override ? metricName : run.settings().metrics.map(labels.getOrDefault("__name__", metricName));
    String series = seriesText(labels);
    ZoneOffset zone = run.settings().timezone == null ? ZoneOffset.UTC : null;
    for (Object[] s : samples) {
      int line = (Integer) s[0];
      Instant at;
      try {
        BigDecimal secs = new BigDecimal((String) s[1]);
        at = Instant.ofEpochSecond(secs.longValue(), secs.remainder(BigDecimal.ONE).movePointRight(9).intValue());
      } catch (NumberFormatException | ArithmeticException e) {
        run.problem(source, line, "sample time '" + s[1] + "' is not epoch seconds");
        continue;
      }
      String value = (String) s[2];
      double v;
      try {
        v = Double.parseDouble(value);
      } catch (NumberFormatException | NullPointerException e) {
        run.problem(source, line, "sample value '" + value + "' is not a number");
        continue;
      }
      if (!Double.isFinite(v)) {
        run.ignored(source);
        continue;
      }
      ZoneOffset off = zone != null ? zone : run.settings().timezone.getRules().getOffset(at);
      run.row(LogKind.METRICS, source, line).set("timestamp", ImportRun.format(at, off)).set("entity", entity)
          .set("metric", metric).set("value", value).set("series", series);
      run.kept(source);
    }
  }

  /** {@code [time, "value"]}; the parser is on its opening bracket and ends on its closing one. */
  private static Object[] sample(JsonParser p) throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    String time = null;
    String value = null;
    int i = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      if (t.isStructStart()) {
        p.skipChildren();
      } else if (i == 0) {
        time = p.getText();
      } else if (i == 1) {
        value = p.getText();
      }
      i++;
    }
    return new Object[] {line, time == null ? "" : time, value};
  }

  private static List<String> entityLabels(ImportRun run) {
    return run.settings().entityLabels.isEmpty() ? DEFAULT_ENTITY_LABELS : run.settings().entityLabels;
  }

  static String entity(Map<String, String> labels, ImportRun run) {
    for (String l : entityLabels(run)) {
      String v = labels.get(l);
      if (v != null && !v.isEmpty()) return l.equals("instance") ? run.settings().devices().device(v) : v;
    }
    return null;
  }

  static String seriesText(Map<String, String> labels) {
    StringBuilder sb = new StringBuilder(labels.getOrDefault("__name__", "")).append('{');
    labels.forEach((k, v) -> {
      if (!k.equals("__name__")) sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ",").append(k).append("=\"").append(v).append('"');
    });
    String s = sb.append('}').toString();
    return s.equals("{}") ? "" : s;
  }
}
