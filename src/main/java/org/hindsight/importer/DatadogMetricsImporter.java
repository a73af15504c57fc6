package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * A Datadog metric query's answer, as {@code GET /api/v1/query} (or a dashboard widget's "Download as JSON") gives it:
 * {@code series[]}, each a {@code metric}, the tags that tell it apart ({@code tag_set}, {@code scope}: {@code host:web-1})
 * and its {@code pointlist} of {@code [epoch milliseconds, value]}. Each point is a {@code metrics} row; the entity is
 * the narrowest thing the tags name (a pod, a host, a container, a deployment, a service; {@code --entity-label} to
 * choose), the metric the series' name through {@code --metric-map}. A point with no value (null: no data in that
 * interval) is no sample. A query not grouped by anything ({@code avg:system.cpu.user{*}}) names no entity: a problem.
 * The v2 answer ({@code POST /api/v2/query/timeseries}) is read too ({@link #v2}).
 */
@AutoService(Importer.class)
public final class DatadogMetricsImporter implements Importer {
  /** Tags naming what a series is about, narrowest first (the Agent's host tag, its Kubernetes tags, unified service tagging). */
  private static final List<String> ENTITY_TAGS = List.of("pod_name", "kube_pod_name", "host", "container_name", "kube_deployment",
      "kube_service", "service");

  @Override
  public String name() {
    return "datadog-metrics";
  }

  @Override
  public String summary() {
    return "Datadog metric query answer (GET /api/v1/query series[].pointlist, or /api/v2/query/timeseries; tags host:…) → metrics";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.METRICS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    JsonRecords.objects(source, run, doc -> {
      String failed = failure(doc);
      if (failed != null) {
        run.problem(source, doc.line(), "the query failed: " + failed);
      } else if (doc.path("data", "attributes", "times").isList()) {
        v2(doc, source, run);
      } else if (doc.get("series").isList()) {
        if (doc.get("series").items().isEmpty()) run.ignored(source); // nothing matched the query in its window
        for (Tree s : doc.get("series").items()) series(s, source, run);
      } else {
        run.problem(source, doc.line(), "not a Datadog metric query answer (series[] with pointlist)");
      }
    });
  }

  /** Why the query failed (v1's {@code error} or {@code status: error}, either version's {@code errors}), or null. */
  private static String failure(Tree doc) {
    if (!doc.text("error").isEmpty()) return doc.text("error");
    if (doc.get("errors").isList()) return String.join("; ", doc.get("errors").items().stream().map(Tree::text).toList());
    if (!doc.text("errors").isEmpty()) return doc.text("errors");
    return doc.text("status").equals("error") ? "" : null;
  }

  private static void series(Tree s, Source source, ImportRun run) {
    List<String> tagList = s.get("tag_set").isList() && !s.get("tag_set").items().isEmpty()
        ? s.get("tag_set").items().stream().map(Tree::text).toList() : List.of(s.text("scope").split(","));
    String name = !s.text("metric").isEmpty() ? s.text("metric") : s.text("display_name");
    String entity = entity(tagList, name, s.text("scope"), s.line(), source, run);
    if (entity == null) return;
    String metric = run.settings().metrics.map(name);
    String label = s.text("expression").isEmpty() ? name + "{" + s.text("scope") + "}" : s.text("expression");
    for (Tree point : s.get("pointlist").items()) {
      List<Tree> pair = point.items();
      if (pair.size() != 2 || pair.get(0).isObject() || pair.get(0).isList()) {
        run.problem(source, point.line(), "a point that is not [epoch milliseconds, value]");
        continue;
      }
      sample(pair.get(0), pair.get(1), point.line(), entity, metric, label, source, run);
    }
  }

  /**
   * {@code POST /api/v2/query/timeseries}: {@code data.attributes.times} once, {@code series[i]} (its
   * {@code group_tags}) with its values in {@code values[i]}. The answer does not name the metric (the request
   * did): the file's name stands for it ({@code system.cpu.user.json}), through {@code --metric-map}; a second
   * query or formula of the same request is told apart by its index ({@code NAME#1}).
   */
  private static void v2(Tree doc, Source source, ImportRun run) {
    Tree attributes = doc.path("data", "attributes");
    List<Tree> times = attributes.get("times").items();
    List<Tree> series = attributes.get("series").items();
    List<Tree> values = attributes.get("values").items();
    if (series.isEmpty()) {
      run.ignored(source); // nothing matched the query in its window
      return;
    }
    if (values.size() != series.size()) {
      run.problem(source, attributes.line(), series.size() + " series but " + values.size() + " value lists: each series[i] needs its values[i]");
      return;
    }
    String stem = source.stem("json");
    for (int i = 0; i < series.size(); i++) {
      Tree s = series.get(i);
      List<String> tagList = s.get("group_tags").items().stream().map(Tree::text).toList();
      String query = s.text("query_index").replaceFirst("\\.0$", "");
      String name = query.isEmpty() || query.equals("0") ? stem : stem + "#" + query;
      String entity = entity(tagList, name, String.join(",", tagList), s.line(), source, run);
      if (entity == null) continue;
      String metric = run.settings().metrics.map(name);
      String label = name + "{" + String.join(",", tagList) + "}";
      List<Tree> points = values.get(i).items();
      if (points.size() != times.size()) {
        run.problem(source, values.get(i).line(), "series " + label + " has " + points.size() + " values for " + times.size() + " times");
        continue;
      }
      for (int k = 0; k < points.size(); k++) sample(times.get(k), points.get(k), points.get(k).line(), entity, metric, label, source, run);
    }
  }

  /** One point as a metrics row: a null value is no data in that interval, no sample. */
  private static void sample(Tree millis, Tree value, int line, String entity, String metric, String label, Source source, ImportRun run) {
    if (value.isNull()) {
      run.ignored(source);
      return;
    }
    String time = run.millis(millis.text());
    if (time == null) {
      run.problem(source, line, "time '" + millis.text() + "' is no time in epoch milliseconds");
      return;
    }
    String v = value.text();
    try {
      Double.parseDouble(v);
    } catch (NumberFormatException e) {
      run.problem(source, line, "value '" + v + "' is not a number");
      return;
    }
    run.row(LogKind.METRICS, source, line).set("timestamp", time).set("entity", entity).set("metric", metric)
        .set("value", v).set("series", label);
    run.kept(source);
  }

  /** The entity a series' tags name, or null with the problem reported when they name none. */
  private static String entity(List<String> tagList, String name, String scope, int line, Source source, ImportRun run) {
    Map<String, String> tags = tags(tagList);
    List<String> wanted = run.settings().entityLabels.isEmpty() ? ENTITY_TAGS : run.settings().entityLabels;
    String tag = wanted.stream().filter(t -> !tags.getOrDefault(t, "").isEmpty()).findFirst().orElse("");
    // the Agent's host tag is the machine's name or address: through the device map
    String entity = tag.isEmpty() ? "" : tag.equals("host") ? run.settings().devices().device(tags.get(tag)) : tags.get(tag);
    if (entity.isEmpty()) {
      run.problem(source, line, "series " + (name.isEmpty() ? "" : name + " ") + "{" + scope + "} names no "
          + String.join(", ", ENTITY_TAGS) + " tag: group the query by one (avg:" + (name.isEmpty() ? "METRIC" : name)
          + "{*} by {host}), or pass --entity-label");
      return null;
    }
    return entity;
  }

  /** Tags ({@code host:web-1}) by key, the first of each. */
  private static Map<String, String> tags(List<String> raw) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String t : raw) {
      int colon = t.indexOf(':');
      if (colon > 0) out.putIfAbsent(t.substring(0, colon).trim(), t.substring(colon + 1).trim());
    }
    return out;
  }
}
