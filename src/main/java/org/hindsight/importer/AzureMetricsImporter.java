package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * Azure Monitor metrics as {@code az monitor metrics list --resource ID --metric NAME -o json} prints them (the REST API's
 * {@code Metrics - List} answer): {@code value[]}, one metric each, named by {@code name.value}, with its {@code id} (the
 * resource's id, then {@code /providers/Microsoft.Insights/metrics/NAME}) and {@code timeseries[]}, each its
 * {@code data[]} of {@code timeStamp} and the aggregations asked for ({@code average}, {@code maximum}, {@code minimum},
 * {@code total}, {@code count}; the others null) and, when split by a dimension ({@code --dimension},
 * {@code --filter "VMName eq '*'"}), its {@code metadatavalues}. The batch API's {@code values[]} (one answer per resource)
 * is read too.
 */
@AutoService(Importer.class)
public final class AzureMetricsImporter implements Importer {
  /** Aggregations in the order one keeps the metric's plain name when several were asked for. */
  private static final List<String> AGGREGATIONS = List.of("average", "maximum", "total", "minimum", "count");

  /** Dimensions that name an instance of the resource (a scale set's VM, an App Service instance, a node): the entity. */
  private static final List<String> INSTANCE_DIMENSIONS = List.of("vmname", "instance", "roleinstance", "instancename", "nodename",
      "node", "podname", "host", "hostname", "computer");

  @Override
  public String name() {
    return "azure-metrics";
  }

  @Override
  public String summary() {
    return "Azure Monitor metrics (az monitor metrics list -o json: value[].timeseries[].data[] with timeStamp, average/maximum/total) → metrics";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.METRICS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    JsonRecords.objects(source, run, doc -> {
      if (doc.get("error").isObject()) {
        run.problem(source, doc.line(), "the query failed: " + (doc.text("error", "code") + " " + doc.text("error", "message")).trim());
      } else if (doc.get("values").isList() && doc.get("value").isMissing()) {
        for (Tree answer : doc.get("values").items()) answer(answer, source, run);
      } else if (doc.get("value").isList()) {
        answer(doc, source, run);
      } else {
        run.problem(source, doc.line(), "not an Azure Monitor metrics answer (value[] of metrics with timeseries[])");
      }
    });
  }

  /** One resource's answer: each metric's time series. */
  private static void answer(Tree doc, Source source, ImportRun run) {
    if (doc.get("value").items().isEmpty()) run.ignored(source); // no metric of that name in the window
    for (Tree metric : doc.get("value").items()) {
      String name = metric.text("name", "value");
      if (!metric.text("errorCode").isEmpty() && !metric.text("errorCode").equals("Success")) {
        run.problem(source, metric.line(), "metric " + name + " failed: " + (metric.text("errorCode") + " " + metric.text("errorMessage")).trim());
        continue;
      }
      String resource = resourceName(metric.text("id"), doc.text("resourceid"));
      if (name.isEmpty() || resource.isEmpty()) {
        run.problem(source, metric.line(), "a metric without " + (name.isEmpty() ? "a name.value" : "a resource id (id: /subscriptions/…/providers/…/NAME/providers/Microsoft.Insights/metrics/…)"));
        continue;
      }
      if (metric.get("timeseries").items().isEmpty()) run.ignored(source);
      for (Tree series : metric.get("timeseries").items()) series(series, name, resource, metric.text("unit"), source, run);
    }
  }

  /**
   * The resource's name in its id: the last segment before {@code /providers/Microsoft.Insights/metrics}
   * ({@code …/virtualMachines/web-vm-1/providers/Microsoft.Insights/metrics/Percentage CPU} → {@code web-vm-1}); "" when none.
   */
  static String resourceName(String id, String resourceId) {
    String path = id;
    int at = id.toLowerCase(Locale.ROOT).indexOf("/providers/microsoft.insights/metrics");
    if (at > 0) {
      path = id.substring(0, at);
    } else if (!resourceId.isEmpty()) {
      path = resourceId;
    } else {
      return "";
    }
    String[] parts = path.split("/");
    // a resource id alternates type and name after the provider: /subscriptions/S/resourceGroups/G/providers/NS/TYPE/NAME
    return parts.length >= 9 ? parts[parts.length - 1] : "";
  }

  private static void series(Tree series, String name, String resource, String unit, Source source, ImportRun run) {
    String entity = resource;
    boolean instance = false;
    List<String> split = new ArrayList<>();
    for (Tree m : series.get("metadatavalues").items()) {
      String dim = m.text("name", "value");
      String value = m.text("value");
      if (!instance && INSTANCE_DIMENSIONS.contains(dim.toLowerCase(Locale.ROOT)) && !value.isEmpty()) {
        entity = value;
        instance = true;
      } else {
        split.add(dim + "=" + value);
      }
    }
    entity = run.settings().devices().device(entity);
    // a series split by another dimension (StatusCode, ApiName) is its own metric: two never make one series
    String splitName = split.isEmpty() ? "" : "[" + String.join(",", split) + "]";
    CloudMetrics.Known known = CloudMetrics.known(run, name);
    List<String> present = new ArrayList<>();
    for (Tree point : series.get("data").items()) {
      for (String a : AGGREGATIONS) if (!point.get(a).isMissing() && !point.get(a).isNull() && !present.contains(a)) present.add(a);
    }
    present.sort(java.util.Comparator.comparingInt(AGGREGATIONS::indexOf));
    String label = resource + " " + name + (split.isEmpty() ? "" : " " + String.join(",", split));
    for (Tree point : series.get("data").items()) {
      String time = point.text("timeStamp");
      if (time.isEmpty()) {
        run.problem(source, point.line(), "a data point without a timeStamp");
        continue;
      }
      boolean any = false;
      for (int i = 0; i < present.size(); i++) {
        Tree v = point.get(present.get(i));
        if (v.isMissing() || v.isNull()) continue;
        any = true;
        String metric = known.name() + splitName + (i == 0 ? "" : "." + present.get(i));
        ImportRun.Row row = CloudMetrics.sample(run, source, point.line(), time, v.text(), entity,
            new CloudMetrics.Known(metric, known.scale()), label + " " + present.get(i));
        if (row == null) break; // its time is bad: said once
        if (!unit.isEmpty()) row.set("unit", unit);
      }
      if (!any) run.ignored(source); // no data in that interval: Azure writes the time alone
    }
  }
}
