package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * Zabbix's problems and history, as its API answers ({@code problem.get}, {@code event.get} with {@code selectHosts},
 * {@code history.get} beside the {@code item.get} that names its items), as its server's real-time export writes them
 * ({@code ExportDir}: {@code problems-*.ndjson}, {@code history-*.ndjson}), or as the frontend's Problems page downloads
 * them (Export to CSV). A trigger's problem is an event at its {@code clock} (+ {@code ns}) about its host, typed by
 * {@link AlertRows} from its name (a trailing parenthesis such as {@code (for 5m)} aside: {@code Zabbix agent is not
 * available} says down) and severity (information: context); its recovery ({@code r_clock}, an event of value 0, the
 * export's recovery naming its {@code p_eventid}) is {@code alert.recovered}. Internal, discovery and auto-registration
 * events say nothing of a host's health and are counted as not for the format. A numeric history value is a
 * {@code metrics} row of its host, its metric the item's key ({@code system.cpu.util}) or, in the real-time export, which
 * carries no key, its name, both through {@code --metric-map}; text and log values are not samples.
 */
@AutoService(Importer.class)
public final class ZabbixImporter implements Importer {
  @Override
  public String name() {
    return "zabbix";
  }

  @Override
  public String summary() {
    return "Zabbix problems and events (problem.get, event.get, real-time export, the frontend's Problems CSV) → events; "
        + "history (history.get with item.get, real-time export) → metrics";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.EVENTS, LogKind.METRICS);
  }

  /** What one file tells the next: items by id (item.get), problems' hosts by event id, recoveries already written. */
  private static final class Known {
    final Map<String, String[]> items = new HashMap<>();
    final Set<String> recovered = new HashSet<>();
    /** history.get values read before the item.get answer that names their items (in a file later in the run). */
    final List<Pending> pending = new ArrayList<>();
    /** Each host's problems (not information-level) as intervals: a recovery ends the host's trouble only when it ends the last. */
    final Map<String, List<Problem>> intervals = new HashMap<>();

    void add(Problem p) {
      intervals.computeIfAbsent(p.entity, k -> new ArrayList<>()).add(p);
    }
    /** Problems by the id of the event that will end them (event.get's r_eventid), and by their own id (the export's p_eventid). */
    final Map<String, Problem> byRecoveryId = new HashMap<>();
    final Map<String, Problem> byId = new HashMap<>();
    /** Recoveries, written once every file is read (whether another problem of the host still runs is known only then). */
    final List<Recovery> recoveries = new ArrayList<>();
  }

  /** A problem of a host, from its start to its end (null while it lasts, as far as the files tell). */
  private static final class Problem {
    final String entity;
    final String name;
    final String type;
    final java.time.Instant start;
    java.time.Instant end;

    Problem(String entity, String name, String type, java.time.Instant start) {
      this.entity = entity;
      this.name = name;
      this.type = type;
      this.start = start;
    }
  }

  /** A recovery to write: of {@code problem} (null when its problem was not read), at {@code time}. */
  private record Recovery(Source source, int line, String time, String entity, String name, String eventId, Problem problem) {}

  private static java.time.Instant instant(String iso) {
    return java.time.OffsetDateTime.parse(iso).toInstant();
  }

  /** The recoveries, once every problem is known: each among the problems of its host still running then ({@link AlertRows#recoveryAmong}). */
  private static void writeRecoveries(ImportRun run, Known known) {
    for (Recovery r : known.recoveries) {
      java.time.Instant at = instant(r.time());
      java.util.TreeSet<String> still = new java.util.TreeSet<>();
      boolean stillDown = false;
      for (Problem p : known.intervals.getOrDefault(r.entity(), List.of())) { // one host's: no export-wide scan per recovery
        if (p != r.problem() && !p.start.isAfter(at) && (p.end == null || p.end.isAfter(at))) {
          still.add(p.name);
          stillDown |= p.type.equals(AlertRows.DOWN);
        }
      }
      AlertRows.recoveryAmong(run, r.source(), r.line(), r.time(), r.entity(), r.name() + " resolved", r.name(), still, stillDown,
          "failing")[0].set("eventid", r.eventId());
    }
    known.recoveries.clear();
  }

  private record Pending(Tree value, Source source) {}

  @Override
  public void finish(ImportRun run) {
    Known known = run.shared(Known.class, Known::new);
    for (Pending p : known.pending) {
      if (known.items.containsKey(p.value().text("itemid"))) {
        history(p.value(), p.source(), run, known);
      } else {
        run.problem(p.source(), p.value().line(), "history of item " + p.value().text("itemid")
            + ": no item.get answer given names the item (import item.get's answer, with selectHosts, in the same run)");
      }
    }
    known.pending.clear();
    writeRecoveries(run, known);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    Known known = run.shared(Known.class, Known::new);
    String first = JsonRecords.firstLine(source);
    if (first.startsWith("{") || first.startsWith("[")) {
      JsonRecords.objects(source, run, doc -> {
        if (doc.get("error").isObject()) {
          run.problem(source, doc.line(), "the API call failed: " + doc.text("error", "message") + " " + doc.text("error", "data"));
        } else if (!doc.get("jsonrpc").isMissing() || doc.get("result").isList()) {
          if (doc.get("result").items().isEmpty()) run.ignored(source); // nothing in the range asked
          for (Tree r : doc.get("result").items()) record(r, source, run, known);
        } else {
          record(doc, source, run, known);
        }
      });
      return;
    }
    CsvRecords.each(source, run, List.of("problem"), r -> frontendProblem(r, source, run));
  }

  private static void record(Tree r, Source source, ImportRun run, Known known) {
    if (!r.isObject()) {
      run.problem(source, r.line(), "expected a Zabbix object, found '" + r.text() + "'");
    } else if (!r.text("key_").isEmpty() && !r.text("itemid").isEmpty()) {
      known.items.put(r.text("itemid"), new String[] {r.text("key_"), host(r, run), r.text("name")});
      run.ignored(source); // names the history's items; no row of its own
    } else if (!r.text("itemid").isEmpty() && !r.get("value").isMissing()) {
      history(r, source, run, known);
    } else if (!r.text("eventid").isEmpty()) {
      event(r, source, run, known);
    } else {
      run.problem(source, r.line(), "not a Zabbix problem, event or history value (eventid or itemid, clock)");
    }
  }

  /** The host an object names: its {@code hosts[]} (event.get, item.get, the export's problems) or {@code host} (the export's history). */
  private static String host(Tree r, ImportRun run) {
    for (Tree h : r.get("hosts").items()) {
      String name = !h.text("host").isEmpty() ? h.text("host") : h.text("name");
      if (!name.isEmpty()) return run.settings().devices().device(name);
    }
    String name = r.get("host").isObject() ? r.text("host", "host") : r.text("host");
    if (!name.isEmpty()) return run.settings().devices().device(name);
    // problem.get names no host: a tag may (--entity-label names which)
    List<String> wanted = run.settings().entityLabels.isEmpty() ? List.of("host", "hostname", "instance", "node") : run.settings().entityLabels;
    for (String label : wanted) {
      for (Tree t : r.get("tags").items()) {
        if (t.text("tag").equalsIgnoreCase(label) && !t.text("value").isEmpty()) return run.settings().devices().device(t.text("value"));
      }
    }
    return "";
  }

  /** Epoch seconds and nanoseconds as the contract writes a time; null when no time. */
  private static String time(ImportRun run, String clock, String ns) {
    if (!clock.matches("\\d{9,11}")) return null;
    String nanos = ns.matches("\\d{1,9}") ? "000000000".substring(ns.length()) + ns : "000000000";
    return CloudMetrics.time(run, clock + "." + nanos);
  }

  private static void event(Tree e, Source source, ImportRun run, Known known) {
    String id = e.text("eventid");
    if (!e.text("source").isEmpty() && !e.text("source").equals("0")) {
      run.ignored(source); // internal (item unsupported), discovery, auto-registration, service: no host's health
      return;
    }
    String at = time(run, e.text("clock"), e.text("ns"));
    if (at == null) {
      run.problem(source, e.line(), "event " + id + ": clock '" + e.text("clock") + "' is no time (epoch seconds)");
      return;
    }
    String name = e.text("name");
    if (e.text("value").equals("0")) {
      // a recovery event: event.get's (with its hosts), or the export's (naming its problem by p_eventid)
      if (!known.recovered.add(id)) {
        run.ignored(source); // its problem's r_clock already ended it
        return;
      }
      Problem problem = known.byRecoveryId.containsKey(id) ? known.byRecoveryId.get(id) : known.byId.get(e.text("p_eventid"));
      String entity = host(e, run);
      if (entity.isEmpty() && problem != null) entity = problem.entity;
      if (entity.isEmpty()) {
        run.problem(source, e.line(), "recovery event " + id + " names no host, nor a problem read before it (p_eventid "
            + e.text("p_eventid") + ")");
        return;
      }
      if (problem != null) problem.end = instant(at);
      String what = !name.isEmpty() ? name : problem != null ? problem.name : "problem " + e.text("p_eventid");
      known.recoveries.add(new Recovery(source, e.line(), at, entity, what, id, problem));
      run.kept(source);
      return;
    }
    if (!e.text("value").isEmpty() && !e.text("value").equals("1")) {
      run.problem(source, e.line(), "event " + id + ": value '" + e.text("value") + "' is neither 1 (problem) nor 0 (OK)");
      return;
    }
    if (name.isEmpty()) {
      run.problem(source, e.line(), "problem " + id + " has no name");
      return;
    }
    String entity = host(e, run);
    if (entity.isEmpty()) {
      run.problem(source, e.line(), "problem " + id + " (" + name + ") names no host: ask event.get with selectHosts, or name the tag with --entity-label");
      return;
    }
    String ended = null;
    if (!e.text("r_clock").isEmpty() && !e.text("r_clock").equals("0")) {
      ended = time(run, e.text("r_clock"), e.text("r_ns"));
      if (ended == null) {
        run.problem(source, e.line(), "problem " + id + ": r_clock '" + e.text("r_clock") + "' is no time (epoch seconds)");
        return;
      }
    }
    String severity = severity(e.text("severity"));
    String type = type(name, severity);
    ImportRun.Row row = AlertRows.row(run, source, e.line(), at, type, entity, name, AlertRows.severity(severity), name);
    AlertRows.columns(row, "eventid", id, "hosts", hosts(e), "tags", tags(e));
    if (!type.equals(AlertRows.INFO)) {
      Problem problem = new Problem(entity, name, type, instant(at));
      known.add(problem);
      known.byId.put(id, problem);
      if (!e.text("r_eventid").isEmpty() && !e.text("r_eventid").equals("0")) known.byRecoveryId.put(e.text("r_eventid"), problem);
      if (ended != null) {
        problem.end = instant(ended);
        if (known.recovered.add(e.text("r_eventid"))) {
          known.recoveries.add(new Recovery(source, e.line(), ended, entity, name, e.text("r_eventid"), problem));
        }
      }
    }
    run.kept(source);
  }

  /** Zabbix's severities, by number (the API) or by name (the frontend): 0 not classified … 5 disaster. */
  static String severity(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "1", "information" -> "info";
      case "2", "warning" -> "warning";
      case "3", "average" -> "error";
      case "4", "5", "high", "disaster" -> "critical";
      default -> "warning"; // 0, not classified, or none written: a problem still
    };
  }

  /**
   * A problem's type: its name read as alerts are, without the parenthesis its template ends it with; Zabbix's own templates
   * also put the state first ({@code Unavailable by ICMP ping}), after the template's prefix ({@code MySQL: }).
   */
  static String type(String name, String severity) {
    String read = withoutParenthesis(name);
    String type = AlertRows.firingType(read, severity);
    if (!type.equals(AlertRows.DEGRADED)) return type;
    String[] words = read.substring(read.lastIndexOf(": ") + 1).trim().split("\\s+");
    return words.length > 1 && org.hindsight.observe.Observations.saysDown("alert." + words[0]) ? AlertRows.DOWN : type;
  }

  /** A problem's name without the parenthesis templates end it with ({@code (for 5m)}, {@code (over 90% for 5m)}). */
  static String withoutParenthesis(String name) {
    String n = name.replaceFirst("\\s*\\([^()]*\\)\\s*$", "").trim();
    return n.isEmpty() ? name : n;
  }

  private static String hosts(Tree e) {
    List<String> out = new ArrayList<>();
    for (Tree h : e.get("hosts").items()) if (!h.text("host").isEmpty()) out.add(h.text("host"));
    return out.size() > 1 ? String.join(" ", out) : "";
  }

  private static String tags(Tree e) {
    List<String> out = new ArrayList<>();
    for (Tree t : e.get("tags").items()) out.add(t.text("tag") + (t.text("value").isEmpty() ? "" : ":" + t.text("value")));
    return String.join(" ", out);
  }

  private static void history(Tree h, Source source, ImportRun run, Known known) {
    String item = h.text("itemid");
    String[] named = known.items.get(item);
    String entity = host(h, run);
    String metricName;
    if (named != null) {
      metricName = named[0];
      if (entity.isEmpty()) entity = named[1];
    } else if (!h.text("name").isEmpty() && !entity.isEmpty()) {
      metricName = h.text("name"); // the real-time export names the item, not its key
    } else {
      known.pending.add(new Pending(h, source)); // its item.get answer may be in a later file of the run
      return;
    }
    if (entity.isEmpty()) {
      run.problem(source, h.line(), "item " + item + " (" + metricName + ") names no host: ask item.get with selectHosts");
      return;
    }
    String type = h.text("type");
    if (!type.isEmpty() && !type.equals("0") && !type.equals("3")) {
      run.ignored(source); // character, log and text values are no samples
      return;
    }
    String at = time(run, h.text("clock"), h.text("ns"));
    if (at == null) {
      run.problem(source, h.line(), "item " + item + ": clock '" + h.text("clock") + "' is no time (epoch seconds)");
      return;
    }
    CloudMetrics.sample(run, source, h.line(), at, h.text("value"), entity, metric(run, metricName),
        metricName + "{itemid=" + item + "}");
  }

  /** Zabbix's agent templates' CPU item, by key and by the name the real-time export gives it: percent busy. */
  private static final Set<String> CPU_UTIL = Set.of("system.cpu.util", "system.cpu.util[]", "CPU utilization");

  /** The metric rules know for an item: {@code --metric-map}'s, else {@code cpu.util} for the templates' CPU item, else its own. */
  private static CloudMetrics.Known metric(ImportRun run, String item) {
    if (run.settings().metrics.maps(item)) return new CloudMetrics.Known(run.settings().metrics.map(item), 1);
    return new CloudMetrics.Known(CPU_UTIL.contains(item) ? "cpu.util" : item, 1);
  }

  /** A row of the frontend's Problems page export: Severity, Time, Recovery time, Status, Host, Problem. */
  private static void frontendProblem(CsvRecords.Rec r, Source source, ImportRun run) {
    String name = r.get("problem");
    String timeText = r.get("time");
    String at = run.clock().isoOrNull(timeText);
    if (at == null) {
      run.problem(source, r.line, "problem '" + name + "': Time '" + timeText + "' is no time (the frontend writes its user's local time: name that zone with --timezone)");
      return;
    }
    String host = r.get("host");
    if (host.isEmpty() || name.isEmpty()) {
      run.problem(source, r.line, "a problem without " + (host.isEmpty() ? "Host" : "Problem"));
      return;
    }
    String recoveryText = r.get("recovery time", "recovery_time");
    String ended = recoveryText.isEmpty() ? null : run.clock().isoOrNull(recoveryText);
    if (!recoveryText.isEmpty() && ended == null) {
      run.problem(source, r.line, "problem '" + name + "': Recovery time '" + recoveryText + "' is no time");
      return;
    }
    String entity = run.settings().devices().device(host);
    String severity = severity(r.get("severity"));
    String type = type(name, severity);
    ImportRun.Row row = AlertRows.row(run, source, r.line, at, type, entity, name, AlertRows.severity(severity), name);
    AlertRows.columns(row, "state", r.get("status"), "tags", r.get("tags"));
    if (!type.equals(AlertRows.INFO)) {
      Known known = run.shared(Known.class, Known::new);
      Problem problem = new Problem(entity, name, type, instant(at));
      known.add(problem);
      if (ended != null) {
        problem.end = instant(ended);
        known.recoveries.add(new Recovery(source, r.line, ended, entity, name, "", problem));
      }
    }
    run.kept(source);
  }
}
