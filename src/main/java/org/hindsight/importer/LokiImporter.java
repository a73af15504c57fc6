package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * Grafana Loki's log lines, as {@code logcli query} prints them by default ({@link #text}) or with
 * {@code --output=jsonl} (one {@code {"labels":…,"line":…,
 * "timestamp":…}} a line) or as the HTTP API answers {@code query_range} and {@code query} ({@code data.result[]} streams,
 * each {@code values[]} a {@code [epoch nanoseconds, line]} pair). Each line is an {@code events} row typed by the
 * event rules ({@link EventRows}); the stream's labels say what logged it: the entity the narrowest thing they name
 * (a pod, else a host, else a service), the source the service, the severity a level label. Loki answers newest first
 * by default: the lines are taken in time order, as the event rules' pairing of a systemd unit with its description needs.
 */
@AutoService(Importer.class)
public final class LokiImporter implements Importer {
  /** Labels naming what logged a line, narrowest first (Promtail's, the Kubernetes service discovery's, Alloy's, Loki 3's). */
  private static final List<String> ENTITY_LABELS = List.of("pod", "pod_name", "host", "hostname", "nodename", "node_name",
      "instance", "service_name", "app", "application", "container", "job");
  /** Labels naming the machine. */
  private static final List<String> HOST_LABELS = List.of("host", "hostname", "nodename", "node_name", "node", "instance");
  /** Labels naming the program or service, for the row's source. */
  private static final List<String> SOURCE_LABELS = List.of("service_name", "app", "application", "container", "job");
  /** Labels holding the line's level (Loki 3 adds {@code detected_level}). */
  private static final List<String> LEVEL_LABELS = List.of("level", "detected_level", "severity", "lvl");
  /** A logfmt ({@code level=warn}) or JSON ({@code "level":"warn"}) line's level field; no nesting, so linear on any line. */
  private static final Pattern LEVEL_FIELD = Pattern.compile("(?:^|[\\s{,])\"?(?:level|lvl|severity|loglevel)\"?\\s*[=:]\\s*\"?([A-Za-z]+)");

  @Override
  public String name() {
    return "loki";
  }

  @Override
  public String summary() {
    return "Grafana Loki (logcli query output, default or --output=jsonl, or a query_range answer's streams) → events";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.EVENTS);
  }

  /** One log line of the export, with the labels of its stream. */
  private record Entry(int line, Instant time, String iso, String text, Map<String, String> labels) {}

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    Timestamps times = new Timestamps(run.settings().timezone);
    List<Entry> entries = new ArrayList<>();
    String first = JsonRecords.firstLine(source);
    if (!first.startsWith("{") && !first.startsWith("[")) {
      text(source, run, times, entries);
    } else JsonRecords.objects(source, run, doc -> {
      if (doc.get("data").isObject() || doc.get("status").text().equals("success")) {
        answer(doc, source, run, entries);
      } else if (doc.get("line").isMissing() || doc.get("timestamp").isMissing()) {
        run.problem(source, doc.line(), "not a Loki export (logcli --output=jsonl lines with labels, line and timestamp,"
            + " or a query_range answer with data.result[])");
      } else {
        jsonl(doc, source, run, times, entries);
      }
    });
    // newest first (logcli's and the API's default direction) is turned round; then by time, the file's order breaking ties
    if (entries.size() > 1 && entries.get(0).time().isAfter(entries.get(entries.size() - 1).time())) Collections.reverse(entries);
    entries.sort(Comparator.comparing(Entry::time));
    for (Entry e : entries) row(e, source, run);
  }

  /** logcli's default output line: RFC 3339 time, the stream's labels (sorted, padded), the log line. */
  private static final Pattern TEXT_LINE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\S+) +(.*)");
  /** Terminal colours, when logcli was told to keep them ({@code --colored-output}). */
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
  /** What logcli writes to stderr, kept when saved with {@code 2>&1}: the query's URL, and labels every stream shares. */
  private static final Pattern COMMON = Pattern.compile("Common labels: *(\\{.*)");

  /**
   * {@code logcli query} in its default output: {@code 2021-10-25T11:14:26+09:00 {host="web-1", job="syslog"}  line}.
   * logcli takes the labels every stream shares out of each line and prints them once, as {@code Common labels: {…}}, to
   * stderr: when the file has that line they are added back; without it (or with {@code --no-labels}) a line that names
   * no entity is a problem that says so.
   */
  private static void text(Source source, ImportRun run, Timestamps times, List<Entry> out) throws IOException {
    Map<String, String> common = new LinkedHashMap<>();
    List<Entry> read = new ArrayList<>();
    int[] firstOther = {0}; // the first line neither logcli's nor its URL: a file of them alone is --output=raw
    Lines.each(source, (n, raw) -> {
      String line = ANSI.matcher(raw).replaceAll("");
      Matcher c = COMMON.matcher(line.trim());
      if (c.matches()) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (labelSet(c.group(1), 0, labels) < 0) run.problem(source, n, "Common labels that are not {name=\"value\", …}");
        common.putAll(labels);
        run.ignored(source);
        return;
      }
      Matcher m = TEXT_LINE.matcher(line);
      if (!m.matches()) {
        if (firstOther[0] == 0 && !line.isBlank() && !line.trim().startsWith("http")) firstOther[0] = n;
        run.ignored(source); // the query URL logcli prints first, a blank or a note
        return;
      }
      Timestamps.Parsed t;
      try {
        t = times.parse(m.group(1));
      } catch (DateTimeException e) {
        run.problem(source, n, "timestamp: " + e.getMessage());
        return;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      String rest = m.group(2);
      int end = rest.startsWith("{") ? labelSet(rest, 0, labels) : 0;
      if (end < 0) {
        run.problem(source, n, "labels that are not {name=\"value\", …} after the time");
        return;
      }
      read.add(new Entry(n, t.instant(), ImportRun.format(t.instant(), t.offset()), rest.substring(end).trim(), labels));
    });
    if (read.isEmpty() && firstOther[0] > 0) {
      // logcli --output=raw prints the lines alone: no time, no stream, nothing an event needs that the line may not hold
      run.problem(source, firstOther[0], "no line of logcli's output (TIME {labels} line): --output=raw prints the log lines alone,"
          + " without their time or stream; query again with --output=jsonl (or the default output, saved with 2>&1),"
          + " or import the lines with the format they are in (syslog, journald …)");
    }
    // the common labels line may come anywhere (stderr interleaved): every line gets them, its own winning
    for (Entry e : read) {
      Map<String, String> labels = new LinkedHashMap<>(common);
      labels.putAll(e.labels());
      out.add(new Entry(e.line(), e.time(), e.iso(), e.text(), labels));
    }
  }

  /**
   * Reads a label set ({@code {a="x", b="y\"z"}}, Go-quoted values) starting at {@code from} into {@code labels};
   * returns the index after its closing brace, or -1 when it is not one.
   */
  static int labelSet(String s, int from, Map<String, String> labels) {
    int i = from;
    if (i >= s.length() || s.charAt(i) != '{') return -1;
    i++;
    while (i < s.length() && s.charAt(i) == ' ') i++;
    if (i < s.length() && s.charAt(i) == '}') return i + 1;
    while (i < s.length()) {
      int keyStart = i;
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
      if (i == keyStart || i + 1 >= s.length() || s.charAt(i) != '=' || s.charAt(i + 1) != '"') return -1;
      String key = s.substring(keyStart, i);
      i += 2;
      StringBuilder value = new StringBuilder();
      while (i < s.length() && s.charAt(i) != '"') {
        char ch = s.charAt(i++);
        if (ch == '\\' && i < s.length()) {
          char esc = s.charAt(i++);
          value.append(switch (esc) {
            case 'n' -> '\n';
            case 't' -> '\t';
            default -> esc;
          });
        } else {
          value.append(ch);
        }
      }
      if (i >= s.length()) return -1;
      labels.put(key, value.toString());
      i++; // the closing quote
      while (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == ' ')) i++;
      if (i < s.length() && s.charAt(i) == '}') return i + 1;
    }
    return -1;
  }

  /** A {@code logcli query --output=jsonl} line. */
  private static void jsonl(Tree doc, Source source, ImportRun run, Timestamps times, List<Entry> out) {
    String when = doc.text("timestamp");
    Timestamps.Parsed t;
    try {
      t = times.parse(when.isEmpty() ? "(none)" : when);
    } catch (DateTimeException e) {
      run.problem(source, doc.line(), "timestamp: " + e.getMessage());
      return;
    }
    out.add(new Entry(doc.line(), t.instant(), ImportRun.format(t.instant(), t.offset()), doc.text("line"), labels(doc.get("labels"))));
  }

  /** A {@code query_range} or {@code query} answer: every value of every stream. */
  private static void answer(Tree doc, Source source, ImportRun run, List<Entry> out) {
    String type = doc.text("data", "resultType");
    if (!type.equals("streams")) {
      run.problem(source, doc.line(), type.equals("matrix") || type.equals("vector")
          ? "a metric query's answer (resultType " + type + "), not log lines: import it with prometheus-json"
          : "a Loki answer without streams (data.resultType is '" + type + "')");
      return;
    }
    for (Tree stream : doc.path("data", "result").items()) {
      Map<String, String> labels = labels(stream.get("stream"));
      for (Tree value : stream.get("values").items()) {
        List<Tree> pair = value.items();
        if (pair.size() < 2 || pair.get(1).isObject() || pair.get(1).isList()) {
          run.problem(source, value.line(), "a stream value that is not [time, line]");
          continue;
        }
        String time = run.nanos(pair.get(0).text());
        if (time == null) {
          run.problem(source, value.line(), "time '" + pair.get(0).text() + "' is no time in epoch nanoseconds");
          continue;
        }
        // Loki 3 may add a third element: the line's structured metadata (its detected_level, trace id) and parsed labels
        Map<String, String> own = labels;
        if (pair.size() > 2 && pair.get(2).isObject()) {
          own = new LinkedHashMap<>(labels);
          for (String part : List.of("structuredMetadata", "parsed")) own.putAll(labels(pair.get(2).get(part)));
        }
        out.add(new Entry(value.line(), OffsetDateTime.parse(time).toInstant(), time, pair.get(1).text(), own));
      }
    }
  }

  private static Map<String, String> labels(Tree t) {
    Map<String, String> out = new LinkedHashMap<>();
    t.members().forEach((k, v) -> out.put(k, v.text()));
    return out;
  }

  private static void row(Entry e, Source source, ImportRun run) {
    Map<String, String> labels = e.labels();
    List<String> entityLabels = run.settings().entityLabels.isEmpty() ? ENTITY_LABELS : run.settings().entityLabels;
    String entity = host(first(labels, entityLabels), labels, run);
    if (entity.isEmpty()) {
      run.problem(source, e.line(), "a line whose stream names no pod, host or service (labels "
          + String.join(", ", ENTITY_LABELS.subList(0, 7)) + ", service_name, app, job…; or --entity-label; logcli's --no-labels drops them)");
      return;
    }
    String level = "";
    for (String l : LEVEL_LABELS) if (level.isEmpty()) level = EventRows.severity(labels.getOrDefault(l, ""));
    if (level.isEmpty()) {
      // as Loki detects a level: a logfmt or JSON line's own level field
      Matcher m = LEVEL_FIELD.matcher(e.text());
      if (m.find()) level = EventRows.severity(m.group(1));
    }
    // else a layout's level word after the time (Spring Boot's, Logback's), as Loki 3 detects it in unstructured lines
    if (level.isEmpty()) level = EventRows.severityInText(e.text());
    String program = first(labels, SOURCE_LABELS);
    ImportRun.Row row = EventRows.add(run, source, e.line(),
        new EventRows.Message(e.iso(), program.isEmpty() ? "loki" : labels.get(program), entity, e.text(), level));
    String host = host(first(labels, HOST_LABELS), labels, run);
    if (row != null) row.set("host", host);
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("namespace", labels.get("namespace"));
    extra.put("container", labels.get("container"));
    extra.put("job", labels.get("job"));
    EventRows.extras(row, extra);
  }

  /** The first label of the list the stream has, else "". */
  private static String first(Map<String, String> labels, List<String> names) {
    for (String n : names) {
      String v = labels.get(n);
      if (v != null && !v.isBlank()) return n;
    }
    return "";
  }

  /** A label's value; an {@code instance} without its port, through the device map. */
  private static String host(String label, Map<String, String> labels, ImportRun run) {
    if (label.isEmpty()) return "";
    String v = labels.get(label);
    return label.equals("instance") ? run.settings().devices().device(v) : v;
  }
}
