package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * Google Cloud Monitoring time series as {@code projects.timeSeries.list} answers
 * ({@code curl …/v3/projects/P/timeSeries?filter=…}): {@code timeSeries[]}, each a {@code metric} ({@code type},
 * {@code labels}), the monitored {@code resource} ({@code type}, {@code labels}), and its {@code points[]}, newest first,
 * each an {@code interval.endTime} and a typed {@code value} ({@code doubleValue}; {@code int64Value}, a string in JSON;
 * {@code boolValue}; a {@code distributionValue}'s {@code mean}). Several pages (each answer a line, or a list of
 * answers) read alike.
 */
@AutoService(Importer.class)
public final class GcpMonitoringImporter implements Importer {
  /**
   * Labels naming what a series is about, narrowest first: Compute Engine's metric label {@code instance_name} (its resource
   * has only the numeric {@code instance_id}), then the monitored resource's (a pod, a node, a VM, a Cloud SQL database, a
   * Cloud Run service, a load balancer's backend …).
   */
  private static final List<String> ENTITY_LABELS = List.of("instance_name", "pod_name", "container_name", "node_name",
      "instance_id", "database_id", "service_name", "function_name", "backend_target_name", "url_map_name", "topic_id",
      "subscription_id", "bucket_name", "cluster_name");

  /** Resource labels that place a series, never name it. */
  private static final Set<String> PLACE_LABELS = Set.of("project_id", "zone", "location", "region", "namespace_name");

  @Override
  public String name() {
    return "gcp-monitoring";
  }

  @Override
  public String summary() {
    return "Google Cloud Monitoring time series (projects.timeSeries.list JSON: timeSeries[].points[] with interval.endTime, value.doubleValue|int64Value) → metrics";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.METRICS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    JsonRecords.objects(source, run, doc -> {
      if (doc.get("error").isObject()) {
        run.problem(source, doc.line(), "the query failed: " + (doc.text("error", "status") + " " + doc.text("error", "message")).trim());
      } else if (doc.get("timeSeries").isList()) {
        for (Tree s : doc.get("timeSeries").items()) series(s, doc.text("unit"), source, run);
      } else if (doc.get("points").isList() && doc.get("metric").isObject()) {
        series(doc, "", source, run); // one series a line: jq -c '.timeSeries[]'
      } else if (doc.members().isEmpty() || doc.members().keySet().equals(Set.of("unit"))
          || doc.members().keySet().equals(Set.of("nextPageToken"))) {
        run.ignored(source); // an answer with no series: nothing matched the filter in the interval
      } else {
        run.problem(source, doc.line(), "not a Cloud Monitoring timeSeries.list answer (timeSeries[] with points[])");
      }
    });
  }

  /** One series; {@code answerUnit}: the unit the answer gives all its points in, when the series does not say its own. */
  private static void series(Tree s, String answerUnit, Source source, ImportRun run) {
    String type = s.text("metric", "type");
    Map<String, Tree> labels = new java.util.LinkedHashMap<>(s.path("resource", "labels").members());
    s.path("metric", "labels").members().forEach(labels::putIfAbsent);
    List<String> wanted = run.settings().entityLabels.isEmpty() ? ENTITY_LABELS : run.settings().entityLabels;
    String entityLabel = wanted.stream().filter(l -> !labels.getOrDefault(l, Tree.MISSING).text().isEmpty()).findFirst().orElse("");
    String entity = entityLabel.isEmpty() ? "" : labels.get(entityLabel).text();
    if (entity.isEmpty() && run.settings().entityLabels.isEmpty()) {
      entity = s.path("resource", "labels").members().entrySet().stream().filter(e -> !PLACE_LABELS.contains(e.getKey()))
          .map(e -> e.getValue().text()).filter(v -> !v.isEmpty()).findFirst().orElse("");
    }
    if (type.isEmpty() || entity.isEmpty()) {
      run.problem(source, s.line(), type.isEmpty() ? "a time series without metric.type"
          : "series " + type + " of " + (s.text("resource", "type").isEmpty() ? "no resource" : s.text("resource", "type"))
              + " names nothing but its project and place: ask for it per resource (no crossSeriesReducer), or pass --entity-label");
      return;
    }
    entity = run.settings().devices().device(entity);
    CloudMetrics.Known known = CloudMetrics.known(run, type);
    // Cloud Monitoring's utilisations are fractions of one ("10^2.%"): the contract's CPU is a percentage
    String unit = s.text("unit").isEmpty() ? answerUnit : s.text("unit");
    if (known.name().equals("cpu.util") && known.scale() == 1 && unit.equals("10^2.%")) known = new CloudMetrics.Known("cpu.util", 100);
    List<String> all = new ArrayList<>();
    List<String> split = new ArrayList<>();
    s.path("metric", "labels").members().forEach((k, v) -> {
      all.add(k + "=" + v.text());
      if (!k.equals(entityLabel)) split.add(k + "=" + v.text());
    });
    // a series told apart by a metric label (response_code=500) is its own metric: two never make one series
    if (!split.isEmpty()) known = new CloudMetrics.Known(known.name() + "[" + String.join(",", split) + "]", known.scale());
    String label = type + "{" + String.join(",", all) + "} " + s.text("resource", "type");
    if (s.get("points").items().isEmpty()) run.ignored(source);
    for (Tree p : s.get("points").items()) {
      String time = p.text("interval", "endTime");
      if (time.isEmpty()) {
        run.problem(source, p.line(), "a point without interval.endTime");
        continue;
      }
      Tree v = p.get("value");
      String value;
      if (!v.text("doubleValue").isEmpty()) value = v.text("doubleValue");
      else if (!v.text("int64Value").isEmpty()) value = v.text("int64Value");
      else if (!v.text("boolValue").isEmpty()) value = v.text("boolValue").equals("true") ? "1" : v.text("boolValue").equals("false") ? "0" : v.text("boolValue");
      else if (v.get("distributionValue").isObject() && v.text("distributionValue", "mean").isEmpty()) {
        run.ignored(source); // a distribution of no samples in that interval: its count is 0 and it has no mean
        continue;
      } else if (v.get("distributionValue").isObject()) value = v.text("distributionValue", "mean");
      else {
        run.problem(source, p.line(), "a point whose value is none of doubleValue, int64Value, boolValue, distributionValue");
        continue;
      }
      CloudMetrics.sample(run, source, p.line(), time, value, entity, known, label);
    }
  }
}
