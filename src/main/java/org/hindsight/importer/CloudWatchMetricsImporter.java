package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;

/**
 * Amazon CloudWatch metrics as the AWS CLI prints them. {@code aws cloudwatch get-metric-data}:
 * {@code MetricDataResults[]}, each an {@code Id}, a {@code Label}, {@code Timestamps[]} and {@code Values[]} side by side,
 * and a {@code StatusCode}. The answer does not say which resource a result is about: the request did
 * ({@code --metric-data-queries file://q.json}, its {@code MetricStat.Metric.Dimensions}); given in the same import, in
 * either order, the query file names each result's entity and metric. Without it the {@code Label} stands in
 * ({@code web-1 CPUUtilization}: the resource, then the metric), else the {@code Id}, and the row's {@code entity_from}
 * says which. {@code aws cloudwatch get-metric-statistics}: a {@code Label} (the metric's name) and {@code Datapoints[]}
 * in no order, each a {@code Timestamp} with the statistics asked for ({@code Average}, {@code Maximum}, …, and
 * {@code ExtendedStatistics}); its resource is in neither answer nor label, so the file's name stands for it
 * ({@code web-1.json}, {@code web-1-CPUUtilization.json}).
 */
@AutoService(Importer.class)
public final class CloudWatchMetricsImporter implements Importer {
  /** Dimensions naming what a metric is about, narrowest first (EC2, RDS, ElastiCache, Lambda, ECS, ELB, SQS, DynamoDB …). */
  private static final List<String> ENTITY_DIMENSIONS = List.of("InstanceId", "DBInstanceIdentifier", "CacheNodeId", "CacheClusterId",
      "FunctionName", "ServiceName", "TargetGroup", "LoadBalancer", "LoadBalancerName", "AutoScalingGroupName", "ClusterName",
      "DBClusterIdentifier", "QueueName", "TableName", "BucketName", "ApiName", "DomainName", "VolumeId", "NatGatewayId");

  /** Statistics in the order one keeps the metric's plain name when a request asks for several. */
  private static final List<String> STATISTICS = List.of("Average", "Maximum", "Sum", "Minimum", "SampleCount");

  /** A metric's name as CloudWatch writes them: one word, capitals inside ({@code CPUUtilization}, {@code HTTPCode_Target_5XX_Count}). */
  private static final Pattern METRIC_NAME = Pattern.compile("[A-Z][A-Za-z0-9_]*[a-z0-9][A-Za-z0-9_]*");

  @Override
  public String name() {
    return "cloudwatch-metrics";
  }

  @Override
  public String summary() {
    return "Amazon CloudWatch metrics (aws cloudwatch get-metric-data MetricDataResults[], with its --metric-data-queries file; get-metric-statistics Datapoints[]) → metrics";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.METRICS);
  }

  /** One query of a request: the entity and metric it names, its statistic, the series it reads, and how it is labelled. */
  private record Query(String entity, String metric, String statistic, String seriesKey, String series) {}

  /**
   * The run's queries by Id, the rows of each result (named again when its query comes, or when another statistic of
   * the same series does), and the Ids reading each series.
   */
  static final class Requests {
    private final Map<String, Query> queries = new HashMap<>();
    private final Map<String, List<ImportRun.Row>> rows = new HashMap<>();
    private final Map<String, List<String>> idsOfSeries = new LinkedHashMap<>();
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    Requests requests = run.shared(Requests.class, Requests::new);
    JsonRecords.objects(source, run, doc -> {
      if (doc.get("MetricDataResults").isList()) {
        for (Tree r : doc.get("MetricDataResults").items()) result(r, requests, source, run);
        if (doc.get("MetricDataResults").items().isEmpty()) run.ignored(source);
      } else if (doc.get("Datapoints").isList()) {
        statistics(doc, source, run);
      } else if (doc.get("MetricDataQueries").isList()) {
        for (Tree q : doc.get("MetricDataQueries").items()) query(q, requests, source, run);
      } else if (!doc.text("Id").isEmpty() && (doc.get("MetricStat").isObject() || !doc.text("Expression").isEmpty())) {
        query(doc, requests, source, run); // a query file is a list of queries: each comes here alone
      } else {
        run.problem(source, doc.line(), "not a CloudWatch metrics answer (MetricDataResults[], Datapoints[]) nor a metric data query (Id, MetricStat)");
      }
    });
  }

  /** One query of a request: it names its result's entity and metric, also for a result read before it. */
  private static void query(Tree q, Requests requests, Source source, ImportRun run) {
    String id = q.text("Id");
    if (id.isEmpty()) {
      run.problem(source, q.line(), "a metric data query without an Id");
      return;
    }
    Tree stat = q.get("MetricStat");
    if (!stat.isObject()) {
      run.ignored(source); // a math expression: its result's label names it
      return;
    }
    Tree m = stat.get("Metric");
    String name = m.text("MetricName");
    Map<String, String> dims = new LinkedHashMap<>();
    for (Tree d : m.get("Dimensions").items()) dims.put(d.text("Name"), d.text("Value"));
    String entity = entity(dims, run);
    if (name.isEmpty() || entity.isEmpty()) {
      run.problem(source, q.line(), "query " + id + (name.isEmpty() ? " names no MetricName" : " (" + name + ") names no dimension"
          + " telling its resource apart (InstanceId, DBInstanceIdentifier, LoadBalancer, …): its series would be nobody's"));
      return;
    }
    String key = m.text("Namespace") + " " + name + " " + dimensions(m);
    requests.queries.put(id, new Query(entity, name, stat.text("Stat"), key, key + " " + stat.text("Stat")));
    List<String> ids = requests.idsOfSeries.computeIfAbsent(key, k -> new ArrayList<>());
    if (!ids.contains(id)) ids.add(id);
    run.kept(source);
    for (String other : ids) {
      for (ImportRun.Row row : requests.rows.getOrDefault(other, List.of())) name(row, other, requests, run);
    }
  }

  private static int statRank(String stat) {
    int i = STATISTICS.indexOf(stat);
    return i < 0 ? STATISTICS.size() : i;
  }

  /**
   * A result's row named by its query: entity and metric from the request. Of several statistics of one metric and
   * resource, one keeps the name rules know (Average first) and the others are told apart by theirs
   * ({@code cpu.util.maximum}), so two never make one series.
   */
  private static void name(ImportRun.Row row, String id, Requests requests, ImportRun run) {
    Query q = requests.queries.get(id);
    String known = CloudMetrics.known(run, q.metric()).name();
    String first = requests.idsOfSeries.get(q.seriesKey()).stream().map(i -> requests.queries.get(i).statistic())
        .min(Comparator.comparingInt(CloudWatchMetricsImporter::statRank)).orElse(q.statistic());
    row.set("entity", q.entity()).set("series", q.series()).set("entity_from", "")
        .set("metric", q.statistic().equals(first) ? known : known + "." + q.statistic().toLowerCase(java.util.Locale.ROOT));
  }

  private static String dimensions(Tree metric) {
    List<String> out = new ArrayList<>();
    for (Tree d : metric.get("Dimensions").items()) out.add(d.text("Name") + "=" + d.text("Value"));
    return String.join(",", out);
  }

  /** The resource the dimensions name ({@code --entity-label} picks a dimension), through the device map; "" when none. */
  private static String entity(Map<String, String> dims, ImportRun run) {
    List<String> wanted = run.settings().entityLabels.isEmpty() ? ENTITY_DIMENSIONS : run.settings().entityLabels;
    String value = wanted.stream().map(d -> dims.getOrDefault(d, "")).filter(v -> !v.isEmpty()).findFirst()
        .orElse(run.settings().entityLabels.isEmpty() ? dims.values().stream().filter(v -> !v.isEmpty()).findFirst().orElse("") : "");
    // a load balancer's or target group's dimension is TYPE/NAME/ID: its name is what people call it
    String[] parts = value.split("/");
    if (parts.length == 3 && !parts[1].isEmpty()) value = parts[1];
    return value.isEmpty() ? "" : run.settings().devices().device(value);
  }

  private static void result(Tree r, Requests requests, Source source, ImportRun run) {
    String id = r.text("Id");
    String label = r.text("Label");
    String status = r.text("StatusCode");
    List<Tree> times = r.get("Timestamps").items();
    List<Tree> values = r.get("Values").items();
    if (!status.isEmpty() && !status.equals("Complete") && !status.equals("PartialData")) {
      List<String> said = r.get("Messages").items().stream().map(m -> m.text("Code") + " " + m.text("Value")).map(String::trim).toList();
      run.problem(source, r.line(), "result " + id + " has StatusCode " + status + (said.isEmpty() ? "" : ": " + String.join("; ", said)));
      return;
    }
    if (values.size() != times.size()) {
      run.problem(source, r.line(), "result " + id + " has " + values.size() + " Values for " + times.size() + " Timestamps");
      return;
    }
    if (status.equals("PartialData")) {
      // the rest is behind a NextToken this file does not hold: keep what is here, but say it is not all
      run.problem(source, r.line(), "result " + id + " is PartialData: CloudWatch had more points than this file holds "
          + "(save every page: the CLI fetches them unless --no-paginate or --max-items)");
    }
    Query q = requests.queries.get(id);
    String entity;
    String metric;
    String from;
    String[] words = label.trim().split("\\s+");
    if (words.length >= 2 && METRIC_NAME.matcher(words[words.length - 1]).matches()) {
      from = "Label";
      metric = words[words.length - 1];
      entity = run.settings().devices().device(String.join(" ", java.util.Arrays.copyOf(words, words.length - 1)));
    } else {
      from = "Id";
      metric = label.isEmpty() ? id : label;
      entity = id;
    }
    if (entity.isEmpty()) {
      run.problem(source, r.line(), "a result without an Id or Label");
      return;
    }
    for (int k = 0; k < times.size(); k++) {
      ImportRun.Row row = CloudMetrics.sample(run, source, values.get(k).line(), times.get(k).text(), values.get(k).text(), entity,
          CloudMetrics.known(run, metric), label.isEmpty() ? id : label);
      if (row == null) continue;
      row.set("entity_from", from);
      requests.rows.computeIfAbsent(id, x -> new ArrayList<>()).add(row);
      if (q != null) name(row, id, requests, run);
    }
  }

  /** get-metric-statistics: the datapoints in time order, each statistic asked for a series of its own. */
  private static void statistics(Tree doc, Source source, ImportRun run) {
    String label = doc.text("Label");
    String stem = source.stem("json");
    String entity = stem;
    if (!label.isEmpty() && stem.length() > label.length() && stem.toLowerCase(java.util.Locale.ROOT).endsWith(label.toLowerCase(java.util.Locale.ROOT))) {
      entity = stem.substring(0, stem.length() - label.length()).replaceAll("[-_. ]+$", "");
    }
    if (entity.isEmpty() || entity.equals(label)) {
      run.problem(source, doc.line(), "get-metric-statistics does not say which resource " + (label.isEmpty() ? "it" : label)
          + " is of: save each answer under the resource's name (web-1.json, web-1-" + (label.isEmpty() ? "CPUUtilization" : label) + ".json)");
      return;
    }
    entity = run.settings().devices().device(entity);
    List<Tree> points = new ArrayList<>(doc.get("Datapoints").items());
    if (points.isEmpty()) run.ignored(source); // no data in the window asked
    List<String> present = new ArrayList<>();
    for (Tree p : points) {
      for (String s : p.members().keySet()) if (STATISTICS.contains(s) && !present.contains(s)) present.add(s);
      for (String s : p.get("ExtendedStatistics").members().keySet()) if (!present.contains(s)) present.add(s);
    }
    present.sort(Comparator.comparingInt(CloudWatchMetricsImporter::statRank));
    CloudMetrics.Known known = CloudMetrics.known(run, label);
    // CloudWatch answers in no particular order: rows in time order, bad times last (each a problem at its line)
    Map<Tree, java.time.Instant> at = new HashMap<>();
    for (Tree p : points) {
      String t = CloudMetrics.time(run, p.text("Timestamp"));
      at.put(p, t == null ? java.time.Instant.MIN : java.time.OffsetDateTime.parse(t).toInstant());
    }
    points.sort(Comparator.comparing(at::get));
    for (Tree p : points) {
      if (at.get(p) == java.time.Instant.MIN) {
        run.problem(source, p.line(), p.text("Timestamp").isEmpty() ? "a datapoint without a Timestamp"
            : "time '" + p.text("Timestamp") + "' is no time (ISO-8601 with an offset, or epoch seconds)");
        continue;
      }
      boolean any = false;
      for (int i = 0; i < present.size(); i++) {
        String s = present.get(i);
        Tree v = STATISTICS.contains(s) ? p.get(s) : p.path("ExtendedStatistics", s);
        if (v.isMissing() || v.isNull()) continue;
        any = true;
        CloudMetrics.Known metric = i == 0 ? known : new CloudMetrics.Known(known.name() + "." + s.toLowerCase(java.util.Locale.ROOT), known.scale());
        ImportRun.Row row = CloudMetrics.sample(run, source, p.line(), p.text("Timestamp"), v.text(), entity, metric, label + " " + s);
        if (row != null && !p.text("Unit").isEmpty()) row.set("unit", p.text("Unit"));
      }
      if (!any) run.problem(source, p.line(), "a datapoint without any statistic (" + String.join(", ", STATISTICS) + ")");
    }
  }
}
