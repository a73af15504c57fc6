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
    return "Datadog metric query answer (GET /api/v1/query: series[].pointlist, tags host:…) → metrics";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.METRICS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    JsonRecords.objects(source, run, doc -> {
      if (doc.path("data", "attributes", "times").isList()) {
        run.problem(source, doc.line(), "a v2 timeseries answer (data.attributes.times), not read: query /api/v1/query instead");
      } else if (doc.text("status").equals("error") || !doc.text("error").isEmpty() || doc.get("errors").isList()) {
        String why = !doc.text("error").isEmpty() ? doc.text("error")
            : String.join("; ", doc.get("errors").items().stream().map(Tree::text).toList());
        run.problem(source, doc.line(), "the query failed: " + why);
      } else if (doc.get("series").isList()) {
        if (doc.get("series").items().isEmpty()) run.ignored(source); // nothing matched the query in its window
        for (Tree s : doc.get("series").items()) series(s, source, run);
      } else {
        run.problem(source, doc.line(), "not a Datadog metric query answer (series[] with pointlist)");
      }
    });
  }

  private static void series(Tree s, Source source, ImportRun run) {
    Map<String, String> tags = tags(s);
    List<String> wanted = run.settings().entityLabels.isEmpty() ? ENTITY_TAGS : run.settings().entityLabels;
    String tag = wanted.stream().filter(t -> !tags.getOrDefault(t, "").isEmpty()).findFirst().orElse("");
    // the Agent's host tag is the machine's name or address: through the device map
    String entity = tag.isEmpty() ? "" : tag.equals("host") ? run.settings().devices().device(tags.get(tag)) : tags.get(tag);
    String name = !s.text("metric").isEmpty() ? s.text("metric") : s.text("display_name");
    if (entity.isEmpty()) {
      run.problem(source, s.line(), "series " + (name.isEmpty() ? "" : name + " ") + "{" + s.text("scope") + "} names no "
          + String.join(", ", ENTITY_TAGS) + " tag: group the query by one (avg:" + (name.isEmpty() ? "METRIC" : name)
          + "{*} by {host}), or pass --entity-label");
      return;
    }
    String metric = run.settings().metrics.map(name);
    String expression = s.text("expression");
    for (Tree point : s.get("pointlist").items()) {
      List<Tree> pair = point.items();
      if (pair.size() != 2 || pair.get(0).isObject() || pair.get(0).isList()) {
        run.problem(source, point.line(), "a point that is not [epoch milliseconds, value]");
        continue;
      }
      if (pair.get(1).isNull()) {
        run.ignored(source); // no data in this interval
        continue;
      }
      String time = run.millis(pair.get(0).text());
      if (time == null) {
        run.problem(source, point.line(), "time '" + pair.get(0).text() + "' is no time in epoch milliseconds");
        continue;
      }
      String value = pair.get(1).text();
      try {
        Double.parseDouble(value);
      } catch (NumberFormatException e) {
        run.problem(source, point.line(), "value '" + value + "' is not a number");
        continue;
      }
      run.row(LogKind.METRICS, source, point.line()).set("timestamp", time).set("entity", entity).set("metric", metric)
          .set("value", value).set("series", expression.isEmpty() ? name + "{" + s.text("scope") + "}" : expression);
      run.kept(source);
    }
  }

  /** The series' tags ({@code host:web-1}), from {@code tag_set}, else its comma-separated {@code scope}. */
  private static Map<String, String> tags(Tree s) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> raw = s.get("tag_set").isList() && !s.get("tag_set").items().isEmpty()
        ? s.get("tag_set").items().stream().map(Tree::text).toList() : List.of(s.text("scope").split(","));
    for (String t : raw) {
      int colon = t.indexOf(':');
      if (colon > 0) out.putIfAbsent(t.substring(0, colon).trim(), t.substring(colon + 1).trim());
    }
    return out;
  }
}
