package org.hindsight.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.importer.DeviceMap;
import org.hindsight.importer.EventRules;
import org.hindsight.importer.Import;
import org.hindsight.importer.ImportSettings;
import org.hindsight.importer.Importers;
import org.hindsight.importer.MetricMap;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.InputException;
import org.hindsight.ingest.Timestamps;
import picocli.CommandLine.Option;

/**
 * The options of {@code import} (and of {@code analyze --from}) that only importing needs; how times,
 * columns and lenience are read is {@link ReadOptions}, shared with every command that reads logs.
 */
public final class ImportOptions {
  @Option(names = "--device-map", paramLabel = "CSV",
      description = "Addresses to device names: any CSV with an address column and a name column (e.g. a NetBox device export).")
  List<Path> deviceMaps = new ArrayList<>();

  @Option(names = "--metric-map", paramLabel = "SRC=NAME,…", description = "Metric names to the names rules know, e.g. 'node_cpu*=cpu.util' (repeatable).")
  List<String> metricMaps = new ArrayList<>();

  @Option(names = "--entity-label", paramLabel = "LABEL",
      description = "Prometheus/Grafana/Loki label or Datadog tag naming a series' entity (repeatable; default: instance, device, host, node, pod, job).")
  List<String> entityLabels = new ArrayList<>();

  @Option(names = "--event-rules", paramLabel = "CSV", description = "Extra message→event rules (type,severity,pattern), tried before the shipped ones.")
  Path eventRules;

  @Option(names = "--kind", paramLabel = "KIND", description = "csv format: the contract kind the file holds (its columns named with --map).")
  String kind;

  @Option(names = "--session-gap", paramLabel = "DURATION", defaultValue = "PT30M",
      description = "Silence after which a user's commands start a new CLI session (default: ${DEFAULT-VALUE}).")
  Duration sessionGap;

  @Option(names = "--operator", paramLabel = "NAME",
      description = "Who ran the commands where the source does not say: shell history outside a home folder, Ansible's JSON or screen output, Salt jobs without a User.")
  String operator;

  @Option(names = "--hard-kinds", paramLabel = "KIND,…", split = ",", defaultValue = "component,resource",
      description = "backstage: dependsOn/consumesApis targets of these kinds (component, resource, api) are hard dependencies, others soft (default: ${DEFAULT-VALUE}).")
  Set<String> hardKinds;

  @Option(names = "--url", paramLabel = "URL", description = "prometheus: the server, e.g. http://127.0.0.1:9090.")
  String url;

  @Option(names = "--query", paramLabel = "[METRIC=]PROMQL", description = "prometheus: a range query (repeatable); METRIC= names the result.")
  List<String> queries = new ArrayList<>();

  @Option(names = "--start", paramLabel = "TIME", description = "prometheus: range start (ISO-8601 or epoch).")
  String start;

  @Option(names = "--end", paramLabel = "TIME", description = "prometheus: range end (ISO-8601 or epoch).")
  String end;

  @Option(names = "--step", paramLabel = "DURATION", defaultValue = "60s", description = "prometheus: resolution, e.g. 30s, 1m (default: ${DEFAULT-VALUE}).")
  String step;

  @Option(names = "--taken-at", paramLabel = "TIME",
      description = "k8s-events table: when `kubectl get events` ran (its LAST SEEN column is an age), ISO-8601 or epoch.")
  String takenAt;

  @Option(names = "--datacenter", paramLabel = "NAME",
      description = "access logs (access-log, alb-log): the data centre the log was written in, where its lines and name do not say.")
  String datacenter;

  @Option(names = "--server", paramLabel = "NAME",
      description = "access-log: the server that wrote a web server's log, where no syslog header or file name says.")
  String server;

  /** The settings of an import read the way {@code read} says. */
  ImportSettings settings(ReadOptions read) throws UsageException, InputException {
    return settings(read, null, null);
  }

  /**
   * @param near the earliest time of other logs analysed with the imports (see {@link ImportSettings.Builder#near}), or null
   * @param nearUntil their latest ({@link ImportSettings.Builder#nearUntil}), or null
   */
  ImportSettings settings(ReadOptions read, Timestamps.Parsed near, java.time.Instant nearUntil) throws UsageException, InputException {
    LogKind csvKind = null;
    if (kind != null) {
      csvKind = LogKind.named(kind).orElseThrow(
          () -> new UsageException("--kind: unknown kind '" + kind + "'; kinds: " + LogKind.allNames()));
    }
    Set<String> hard = new java.util.HashSet<>();
    for (String k : hardKinds) hard.add(k.trim().toLowerCase(java.util.Locale.ROOT));
    ImportSettings.Builder b = ImportSettings.builder().timezone(read.timezone).year(read.year).timeFormat(read.timeFormat())
        .sessionGap(sessionGap).operator(operator).hardKinds(hard).csvKind(csvKind).columnMap(read.columnMap(csvKind))
        .lenient(read.lenient()).lenientAll(read.lenientAll()).url(url).encoding(read.encoding()).near(near).nearUntil(nearUntil)
        .placedAt(datacenter, server);
    try {
      b.metrics(MetricMap.parse(metricMaps));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    entityLabels.forEach(b::entityLabel);
    queries.forEach(b::query);
    DeviceMap devices = new DeviceMap();
    for (Path p : deviceMaps) devices.load(p);
    b.devices(devices);
    if (eventRules != null) b.eventRules(EventRules.builtIn().withFile(eventRules));
    if (url != null || !queries.isEmpty()) {
      if (start == null || end == null) throw new UsageException("prometheus: give --start and --end");
      Timestamps ts = new Timestamps(read.timezone);
      try {
        b.range(ts.parse(start).instant(), ts.parse(end).instant(), promDuration(step));
      } catch (java.time.DateTimeException | IllegalArgumentException e) {
        throw new UsageException("prometheus: " + e.getMessage());
      }
    }
    if (takenAt != null) {
      try {
        b.takenAt(new Timestamps(read.timezone).parse(takenAt).instant());
      } catch (java.time.DateTimeException e) {
        throw new UsageException("--taken-at: " + e.getMessage());
      }
    }
    return b.build();
  }

  /** Prometheus durations ({@code 30s}, {@code 1m}, {@code 1h}) or ISO-8601 ({@code PT30S}). */
  static Duration promDuration(String s) {
    var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(s.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(s.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("--step '" + s + "' is not a duration (e.g. 30s, 1m, PT1M)");
    }
  }

  /**
   * {@code FORMAT SRC…} or {@code FORMAT:SRC…} into jobs, one per format, in order of first mention;
   * {@code pairsOnly} (for {@code --from}) takes only pairs. A format that pulls from a server
   * ({@code prometheus}) stands alone.
   */
  static List<Import.Job> jobs(List<String> args, boolean pairsOnly) throws UsageException {
    if (args.isEmpty()) throw new UsageException("name a format and its sources (formats: " + Importers.names() + ")");
    Map<String, List<String>> byFormat = new LinkedHashMap<>();
    String first = args.get(0);
    if (!pairsOnly && Importers.named(first).isPresent()) {
      byFormat.put(first, new ArrayList<>(args.subList(1, args.size())));
    } else {
      for (String a : args) {
        int colon = a.indexOf(':');
        String format = colon > 0 ? a.substring(0, colon) : a;
        var importer = Importers.named(format);
        if (importer.isEmpty() || (colon < 0 && importer.get().readsFiles())) {
          throw new UsageException("'" + a + "' is not FORMAT:SRC" + (pairsOnly ? "" : ", and '" + first + "' is not a format")
              + " (formats: " + Importers.names() + ")");
        }
        List<String> sources = byFormat.computeIfAbsent(format, k -> new ArrayList<>());
        if (colon > 0) sources.add(a.substring(colon + 1));
      }
    }
    List<Import.Job> jobs = new ArrayList<>();
    byFormat.forEach((f, srcs) -> jobs.add(new Import.Job(f, srcs)));
    return jobs;
  }

  /** Per source, what was read; unmapped addresses; rows skipped in lenient mode. */
  static void summarise(Import.Result r, PrintStream err) {
    for (Import.SourceSummary s : r.sources()) err.println("hindsight: " + s);
    r.skipped().stream().limit(20).forEach(p -> err.println("hindsight: skipped " + p));
    if (r.skipped().size() > 20) err.println("hindsight: … " + (r.skipped().size() - 20) + " more skipped");
    if (!r.unmappedAddresses().isEmpty()) {
      List<String> a = r.unmappedAddresses();
      err.println("hindsight: " + a.size() + " address(es) not in the device map, kept as they are ("
          + String.join(", ", a.subList(0, Math.min(5, a.size()))) + (a.size() > 5 ? ", …" : "")
          + "); pass --device-map or import an inventory in the same run");
    }
  }
}
