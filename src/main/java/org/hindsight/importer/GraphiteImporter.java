package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * Graphite's render API answer ({@code /render?target=…&format=json}, also what Grafana's Graphite data source fetches):
 * a list of series, each a {@code target} and its {@code datapoints} of {@code [value, epoch seconds]} (value first), a
 * {@code null} value where nothing was stored; Graphite 1.1 adds the series' {@code tags} ({@code name} and, for a tagged
 * series {@code cpu.user;host=web-1}, its tags). Each point is a {@code metrics} row. The entity is told from the tags
 * ({@link #ENTITY_TAGS}, {@code --entity-label}) or, for a plain path, from its node after a collector's prefix
 * ({@code servers.web-1.cpu.user}, {@code collectd.web-1.load.load}, {@code stats.timers.checkout.latency.mean}: web-1,
 * checkout), the metric being the nodes after it; {@code --entity-label N} names the node (counted from 0, as
 * {@code aliasByNode} counts). A target of one node ({@code aliasByNode(…, 1)}) is the entity, the file's name the metric.
 * The {@code entity_from} column says which ({@code tag host}, {@code node 1}, {@code target}).
 */
@AutoService(Importer.class)
public final class GraphiteImporter implements Importer {
  /** Tags naming what a series is about, narrowest first. */
  static final List<String> ENTITY_TAGS = List.of("host", "hostname", "instance", "server", "node", "pod", "container", "service", "app");

  /** First nodes of the usual collectors' paths: the next node is the machine or service. */
  private static final Set<String> PREFIXES = Set.of("servers", "server", "hosts", "host", "nodes", "machines", "collectd",
      "telegraf", "diamond", "sensu", "netdata", "carbon");
  /** StatsD's prefixes ({@code stats.timers.<name>.…}, {@code stats_counts.<name>.…}): the next node names the emitter. */
  private static final Set<String> STATSD_TYPES = Set.of("timers", "gauges", "counters", "sets");

  @Override
  public String name() {
    return "graphite";
  }

  @Override
  public String summary() {
    return "Graphite render API JSON (/render?format=json: [{target, datapoints: [[value, epoch], …], tags}]) → metrics";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.METRICS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    JsonRecords.objects(source, run, s -> {
      if (!s.get("datapoints").isList() || s.text("target").isEmpty()) {
        run.problem(source, s.line(), "not a Graphite series ({\"target\": …, \"datapoints\": [[value, epoch], …]})");
        return;
      }
      String[] named = entity(s, source, run);
      if (named == null) return;
      String metric = run.settings().metrics.map(named[1]);
      for (Tree point : s.get("datapoints").items()) {
        List<Tree> pair = point.items();
        if (pair.size() != 2 || pair.get(0).isObject() || pair.get(0).isList() || pair.get(1).isNull()) {
          run.problem(source, point.line(), "a point that is not [value, epoch seconds]");
          continue;
        }
        if (pair.get(0).isNull()) {
          run.ignored(source); // nothing stored for that interval
          continue;
        }
        ImportRun.Row row = CloudMetrics.sample(run, source, point.line(), pair.get(1).text(), pair.get(0).text(), named[0],
            new CloudMetrics.Known(metric, 1), s.text("target"));
        if (row != null) row.set("entity_from", named[2]);
      }
    });
  }

  /** {entity, metric, where the entity came from}, or null with the problem said. */
  private static String[] entity(Tree s, Source source, ImportRun run) {
    String target = s.text("target");
    Map<String, String> tags = new LinkedHashMap<>();
    s.get("tags").members().forEach((k, v) -> tags.put(k, v.text()));
    // a tagged series' target is name;tag=value;…: its tags even when the answer has no "tags" (Graphite before 1.1)
    String[] parts = target.split(";");
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0) tags.putIfAbsent(parts[i].substring(0, eq), parts[i].substring(eq + 1));
    }
    String path = tags.getOrDefault("name", parts[0]);
    List<String> wanted = run.settings().entityLabels;
    List<String> byTag = wanted.isEmpty() ? ENTITY_TAGS : wanted;
    for (String t : byTag) {
      String v = tags.get(t);
      if (v != null && !v.isEmpty() && !t.equals("name")) {
        String entity = t.equals("host") || t.equals("hostname") || t.equals("instance") ? run.settings().devices().device(v.replaceFirst(":\\d+$", "")) : v;
        return new String[] {entity, path, "tag " + t};
      }
    }
    List<String> nodes = Arrays.asList(path.split("\\."));
    if (nodes.stream().anyMatch(String::isEmpty) || path.contains("(")) {
      run.problem(source, s.line(), "target '" + target + "' is no metric path: alias the series (aliasByNode) or export it unwrapped");
      return null;
    }
    int at = -1;
    if (!wanted.isEmpty() && wanted.get(0).matches("\\d{1,3}")) {
      at = Integer.parseInt(wanted.get(0));
    } else if (nodes.size() == 1) {
      return new String[] {run.settings().devices().device(path), source.stem("json"), "target"};
    } else {
      at = nodeAfterPrefix(nodes);
    }
    if (at < 0 || at >= nodes.size() || (at == nodes.size() - 1 && nodes.size() > 1 && wanted.isEmpty())) {
      run.problem(source, s.line(), "target '" + target + "' does not say which node names the entity: pass --entity-label N (its"
          + " node, counted from 0 as aliasByNode counts) or a tag");
      return null;
    }
    String entity = run.settings().devices().device(nodes.get(at));
    List<String> rest = nodes.subList(at + 1, nodes.size());
    String metric = rest.isEmpty() ? source.stem("json") : String.join(".", rest);
    return new String[] {entity, metric, "node " + at};
  }

  /** The node after a collector's prefix (servers.X, collectd.X, stats.timers.X, stats_counts.X), or -1. */
  private static int nodeAfterPrefix(List<String> nodes) {
    String first = nodes.get(0).toLowerCase(Locale.ROOT);
    if (first.equals("stats") && nodes.size() > 2 && STATSD_TYPES.contains(nodes.get(1).toLowerCase(Locale.ROOT))) return 2;
    if (first.equals("stats") || first.equals("stats_counts")) return 1;
    if (PREFIXES.contains(first)) return 1;
    return -1;
  }
}
