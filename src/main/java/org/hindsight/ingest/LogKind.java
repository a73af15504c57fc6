package org.hindsight.ingest;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hindsight.facts.ChangeTicket;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Dependency;
import org.hindsight.facts.Event;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.KeyGenerator;
import org.hindsight.facts.Link;
import org.hindsight.facts.OpsCommand;
import org.hindsight.facts.ServiceSpec;
import org.hindsight.facts.Span;

/**
 * The CSV kinds of the input contract ({@code shared/log-formats.md}): their columns and how a row
 * becomes a fact. This enum is the one place a kind is defined; add optional columns freely, never
 * rename or drop one.
 */
public enum LogKind {
  EVENTS("events", cols("timestamp", "source", "type", "entity"), cols("message", "severity"),
      (r, b) -> {
        var t = r.time("timestamp");
        var source = r.required("source");
        var type = r.required("type");
        var entity = r.get("entity"); // may be empty by contract
        if (r.ok()) {
          b.events.add(t, source, type, entity, r.raw("message"),
              Severity.orAsWritten(r.get("severity")), r.extras(), r.ref());
        }
      }),
  METRICS("metrics", cols("timestamp", "entity", "metric", "value"), cols("measured_by"),
      (r, b) -> {
        var t = r.time("timestamp");
        var entity = r.required("entity");
        var metric = r.required("metric");
        var value = r.number("value");
        // a reduced bundle's summary of the samples it left out (docs/reduce.md), on a series' first row
        var baseline = r.optionalNumber("baseline");
        var summary = Double.isNaN(baseline) ? null : new org.hindsight.facts.MetricSeries.Summary(baseline,
            r.optionalNumber("learned_median"), r.optionalNumber("learned_scale"), learnedUntil(r));
        // who took the sample when not the entity itself (a caller timing its calls to the entity)
        var measuredBy = r.get("measured_by");
        if (r.ok()) {
          String conflict = b.metrics.add(entity, metric, t.toEpochMilli(), value, measuredBy, r.file(), r.line());
          if (conflict != null) r.problem(conflict);
          else if (summary != null) b.metrics.summarise(entity, metric, summary);
        }
      }),
  CONFIG_COMMANDS("config-commands", cols("timestamp", "device", "session", "user", "command"), cols("result"),
      (r, b) -> {
        var t = r.time("timestamp");
        var device = r.required("device");
        var session = r.required("session");
        var user = r.get("user");
        var command = r.raw("command");
        if (r.ok()) b.configCommands.add(t, device, session, user, command, r.get("result"), r.extras(), r.ref());
      }),
  INVENTORY("inventory", cols("entity", "type", "site"), cols("service", "role", "platform", "location", "parent"),
      (r, b) -> {
        var entity = r.required("entity");
        var type = r.required("type").toLowerCase(Locale.ROOT);
        var site = r.required("site");
        if (r.ok()) {
          var item = new InventoryItem(entity, type, site, r.get("service"),
              r.get("role").toLowerCase(Locale.ROOT), r.get("platform").toLowerCase(Locale.ROOT),
              r.get("location"), r.get("parent"), r.extras(), r.ref());
          // An entity may serve several services (one row each), but it has one site and one type.
          String conflict = b.duplicates.inventory(item);
          if (conflict != null) r.problem(conflict);
          else b.inventory.add(item);
        }
      }),
  LINKS("links", cols("a", "b"), cols("protocol", "latency_ms"),
      (r, b) -> {
        var a = r.required("a");
        var bb = r.required("b");
        var latency = r.optionalNumber("latency_ms");
        if (r.ok()) b.links.add(new Link(a, bb, r.get("protocol").toLowerCase(Locale.ROOT), latency, r.extras(), r.ref()));
      }),
  SERVICES("services", cols("service"), cols("min_hosts", "critical", "restart_minutes"),
      (r, b) -> {
        var s = r.required("service");
        var min = r.optionalCount("min_hosts");
        var critical = r.optionalBoolean("critical", false);
        var restart = r.optionalCount("restart_minutes");
        if (r.ok()) b.duplicates.firstRow("service '" + s + "' has a spec already", "service", s, r);
        if (r.ok()) b.services.add(new ServiceSpec(s, min, critical, restart, r.extras(), r.ref()));
      }),
  DEPENDENCIES("dependencies", cols("service", "depends_on"), cols("kind"),
      (r, b) -> {
        var s = r.required("service");
        var d = r.required("depends_on");
        // service catalogues write required/optional (or strong/weak) for the contract's hard/soft
        var written = r.get("kind").toLowerCase(Locale.ROOT);
        var kind = switch (written) {
          case "required", "strong" -> "hard";
          case "optional", "weak" -> "soft";
          default -> written;
        };
        if (!kind.isEmpty() && !kind.equals("hard") && !kind.equals("soft")) {
          r.problem("kind: '" + Numbers.shown(kind) + "' is not hard or soft (required or optional)");
        }
        if (r.ok()) b.dependencies.add(new Dependency(s, d, kind.isEmpty() ? "hard" : kind, r.extras(), r.ref()));
      }),
  OPS_COMMANDS("ops-commands", cols("timestamp", "operator", "command"), cols("ticket", "result"),
      (r, b) -> {
        var t = r.time("timestamp");
        var op = r.required("operator");
        var command = r.raw("command").trim();
        if (command.isEmpty()) r.problem("empty command");
        if (r.ok()) b.opsCommands.add(new OpsCommand(t, op, command, r.get("ticket"), r.get("result"), r.extras(), r.ref()));
      }),
  CHANGES("changes", cols("ticket", "summary"), cols("service", "scope", "max_hosts", "window_start", "window_end", "approved_by"),
      (r, b) -> {
        var ticket = r.required("ticket");
        var summary = r.raw("summary");
        var max = r.optionalCount("max_hosts");
        var ws = r.optionalTime("window_start");
        var we = r.optionalTime("window_end");
        if (ws != null && we != null && we.isBefore(ws)) r.problem("window_end is before window_start");
        if (r.ok()) {
          b.changes.add(new ChangeTicket(ticket, summary, r.get("service"), r.get("scope"), max, ws, we,
              r.get("approved_by"), r.extras(), r.ref()));
        }
      }),
  REQUESTS("requests", cols("timestamp", "datacenter", "server", "process", "status"),
      cols("rule", "cookies_valid", "cookies_invalid", "duration_ms", "client"),
      (r, b) -> {
        var t = r.time("timestamp");
        r.requirePresent("datacenter");
        r.requirePresent("server");
        r.requirePresent("process");
        var status = r.optionalCount("status");
        if (status < 0) r.problem("status: must be an HTTP status");
        var valid = r.optionalCount("cookies_valid");
        var invalid = r.optionalCount("cookies_invalid");
        var duration = r.optionalNumber("duration_ms");
        if (r.ok()) {
          // the names go in as the log's dictionary codes, in the order RequestLog.add codes them
          RequestLog log = b.requests;
          StringCodes names = log.dictionary();
          log.addCoded(t.toEpochMilli(), r.code("datacenter", names), r.code("server", names), r.code("process", names),
              status, r.code("rule", names), valid, invalid, duration, r.code("client", names), r.file(), r.line());
        }
      }),
  KEY_GENERATORS("key-generators", cols("generator", "kind"), cols("parent", "rule"),
      (r, b) -> {
        var g = r.required("generator");
        var kind = r.required("kind").toLowerCase(Locale.ROOT);
        if (r.ok()) b.duplicates.firstRow("key generator '" + g + "' is defined already", "generator", g, r);
        if (r.ok()) b.keyGenerators.add(new KeyGenerator(g, kind, r.get("parent"), r.get("rule"), r.extras(), r.ref()));
      }),
  SPANS("spans", cols("timestamp", "trace_id", "span_id", "service", "duration_ms"),
      cols("parent_span_id", "operation", "status", "entity"),
      (r, b) -> {
        var t = r.time("timestamp");
        var trace = r.required("trace_id");
        var span = r.required("span_id");
        var service = r.required("service");
        var duration = r.number("duration_ms");
        if (duration < 0) r.problem("duration_ms: must not be negative");
        var parent = r.get("parent_span_id");
        if (parent.equalsIgnoreCase("root")) parent = ""; // the contract's other spelling of "no parent"
        if (r.ok()) {
          b.spans.add(new Span(t, trace, span, parent, service, r.get("operation"), duration,
              r.get("status").toLowerCase(Locale.ROOT), r.get("entity"), r.extras(), r.ref()));
        }
      });

  private final String fileName;
  private final List<String> required;
  private final List<String> optional;
  private final RowMapper mapper;

  LogKind(String fileName, List<String> required, List<String> optional, RowMapper mapper) {
    this.fileName = fileName;
    this.required = required;
    this.optional = optional;
    this.mapper = mapper;
  }

  /** How a valid row lands in the bundle being built. */
  @FunctionalInterface
  interface RowMapper {
    void map(Row row, Bundle.Builder bundle);
  }

  /** Epoch milliseconds (a number, not a timestamp: it must not sway the report's display zone). */
  private static long learnedUntil(Row r) {
    double t = r.optionalNumber("learned_until");
    return Double.isNaN(t) ? Long.MIN_VALUE : (long) t;
  }

  private static List<String> cols(String... names) {
    return List.of(names);
  }

  /** The name used in file names and on the command line ({@code config-commands}). */
  public String fileName() {
    return fileName;
  }

  public List<String> requiredColumns() {
    return required;
  }

  public List<String> optionalColumns() {
    return optional;
  }

  public boolean known(String column) {
    return required.contains(column) || optional.contains(column);
  }

  void map(Row row, Bundle.Builder bundle) {
    mapper.map(row, bundle);
  }

  /** By name as in {@code kind=path}. */
  public static Optional<LogKind> named(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values()).filter(k -> k.fileName.equals(n)).findFirst();
  }

  /** From a file name: {@code <kind>.csv} or {@code <kind>-<anything>.csv} (or {@code .tsv}); the longest kind wins. */
  public static Optional<LogKind> ofFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (!n.endsWith(".csv") && !n.endsWith(".tsv")) return Optional.empty();
    String stem = n.substring(0, n.length() - 4);
    return Arrays.stream(values())
        .sorted(Comparator.comparingInt((LogKind k) -> k.fileName.length()).reversed())
        .filter(k -> stem.equals(k.fileName) || stem.startsWith(k.fileName + "-"))
        .findFirst();
  }

  public static String allNames() {
    return Arrays.stream(values()).map(LogKind::fileName).collect(Collectors.joining(", "));
  }
}
