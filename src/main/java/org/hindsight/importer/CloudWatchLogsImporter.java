package org.hindsight.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * Amazon CloudWatch Logs as the {@code aws} CLI writes them: {@code aws logs filter-log-events} ({@code events[]} of
 * {@code timestamp} in epoch milliseconds, {@code message}, {@code logStreamName}), {@code get-log-events} (the same
 * without the stream's name) and a Logs Insights {@code get-query-results} answer ({@code results[]} of {@code field}/
 * {@code value} pairs: {@code @timestamp}, {@code @message}, {@code @logStream}, {@code @log}). Each event is an {@code events}
 * row typed by the event rules ({@link EventRows}). What logged it: a syslog line the CloudWatch agent shipped names its
 * host and program; a JSON message Fluent Bit shipped from Kubernetes names its pod; else the log stream (an instance
 * id, a host name, a task) is the entity. Rows are taken in time order (several pages or streams may interleave).
 */
@AutoService(Importer.class)
public final class CloudWatchLogsImporter implements Importer {
  private static final JsonFactory JSON = new JsonFactory();
  /** Logs Insights writes {@code @timestamp} in UTC without saying so. */
  private static final DateTimeFormatter INSIGHTS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss[.SSS]");

  @Override
  public String name() {
    return "cloudwatch-logs";
  }

  @Override
  public String summary() {
    return "AWS CloudWatch Logs (aws logs filter-log-events, get-log-events, Logs Insights get-query-results) → events";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.EVENTS);
  }

  /** One log event: when, the text as logged, the stream and group it was in. */
  private record Entry(int line, String iso, long millis, String message, String stream, String group) {}

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    List<Entry> entries = new ArrayList<>();
    JsonRecords.objects(source, run, doc -> {
      if (doc.get("events").isList()) {
        for (Tree e : doc.get("events").items()) event(e, source, run, entries);
      } else if (doc.get("results").isList()) {
        for (Tree r : doc.get("results").items()) insights(r, source, run, entries);
      } else if (!doc.get("timestamp").isMissing() && !doc.get("message").isMissing()) {
        event(doc, source, run, entries); // the events alone (jq '.events[]')
      } else {
        run.problem(source, doc.line(), "not a CloudWatch Logs export (aws logs filter-log-events or get-log-events: events[]"
            + " with timestamp and message; Logs Insights get-query-results: results[])");
      }
    });
    entries.sort(Comparator.comparingLong(Entry::millis)); // stable: the file's order breaks ties
    for (Entry e : entries) row(e, source, run);
  }

  private static void event(Tree e, Source source, ImportRun run, List<Entry> out) {
    String when = e.text("timestamp");
    String iso = run.millis(when);
    if (iso == null) {
      run.problem(source, e.line(), when.isEmpty() ? "an event without its timestamp"
          : "timestamp '" + when + "' is no time in epoch milliseconds");
      return;
    }
    out.add(new Entry(e.line(), iso, OffsetDateTime.parse(iso).toInstant().toEpochMilli(), e.text("message"), e.text("logStreamName"), ""));
  }

  /** One Logs Insights result: a list of {@code {"field": …, "value": …}}. */
  private static void insights(Tree r, Source source, ImportRun run, List<Entry> out) {
    Map<String, String> f = new LinkedHashMap<>();
    for (Tree pair : r.items()) f.put(pair.text("field"), pair.text("value"));
    String when = f.getOrDefault("@timestamp", "");
    OffsetDateTime t;
    try {
      t = LocalDateTime.parse(when, INSIGHTS).atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      run.problem(source, r.line(), when.isEmpty() ? "a result without @timestamp (add it to the query's fields)"
          : "@timestamp '" + when + "' is no time as Logs Insights writes it (2021-10-25 02:02:14.000)");
      return;
    }
    String iso = run.millis(Long.toString(t.toInstant().toEpochMilli()));
    // @log is "account:group"
    String group = f.getOrDefault("@log", "");
    out.add(new Entry(r.line(), iso, t.toInstant().toEpochMilli(), f.getOrDefault("@message", ""), f.getOrDefault("@logStream", ""),
        group.substring(group.indexOf(':') + 1)));
  }

  private static void row(Entry e, Source source, ImportRun run) {
    String text = e.message().strip();
    String host = "";
    String pod = "";
    String program = "";
    String level = "";
    Map<String, String> extra = new LinkedHashMap<>();
    SyslogLine.Parts syslog = SyslogLine.parts(text);
    // an application's own "TIME LEVEL message" has the shape of rsyslog's ISO form: its level is no host
    if (syslog != null && !EventRows.severity(syslog.host()).isEmpty()) syslog = null;
    Tree json = text.startsWith("{") ? json(text) : Tree.MISSING;
    if (syslog != null) {
      // the CloudWatch agent ships /var/log/messages as it is: the line names its host and program
      host = syslog.host();
      program = syslog.app();
      text = syslog.text();
      if (syslog.pri() >= 0) level = EventRows.severity(syslog.pri() & 7);
    } else if (json.isObject()) {
      // Fluent Bit (Container Insights) wraps a container's line with its pod; an application may log JSON of its own
      Tree k8s = json.get("kubernetes");
      pod = k8s.text("pod_name");
      host = first(k8s.text("host"), json.text("host"), json.text("hostname"));
      program = first(k8s.text("container_name"), json.text("service"), json.text("logger"));
      level = EventRows.severity(first(json.text("level"), json.text("severity"), json.text("log.level")));
      text = first(json.text("log"), json.text("message"), json.text("msg"), text).strip();
      extra.put("namespace", k8s.text("namespace_name"));
    }
    java.util.regex.Matcher file = CONTAINER_LOG.matcher(e.stream());
    if (pod.isEmpty() && file.find()) {
      // a stream named for a container's log file (Fluent Bit's Container Insights: …containers.POD_NAMESPACE_CONTAINER-ID.log)
      pod = file.group(1);
      extra.put("namespace", file.group(2));
      if (program.isEmpty()) program = file.group(3);
    }
    if (!host.isEmpty()) host = run.settings().devices().device(host);
    String entity = first(pod, host, e.stream());
    if (entity.isEmpty()) {
      run.problem(source, e.line(), "an event that names no log stream, host or pod (get-log-events does not print the stream:"
          + " export with filter-log-events --log-stream-names)");
      return;
    }
    if (level.isEmpty()) level = EventRows.severityInText(text);
    ImportRun.Row row = EventRows.add(run, source, e.line(), new EventRows.Message(e.iso(), first(program, e.group(), "cloudwatch"),
        entity, text, level));
    if (row != null) row.set("host", host);
    extra.put("log_stream", e.stream());
    extra.put("log_group", e.group());
    EventRows.extras(row, extra);
  }

  /** Kubernetes names a container's log file {@code /var/log/containers/POD_NAMESPACE_CONTAINER-CONTAINERID.log}. */
  private static final java.util.regex.Pattern CONTAINER_LOG =
      java.util.regex.Pattern.compile("containers[./]([a-z0-9][-a-z0-9.]*)_([a-z0-9][-a-z0-9]*)_([-a-z0-9]+)-[0-9a-f]{8,64}\\.log$");

  private static Tree json(String text) {
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() == null) return Tree.MISSING;
      Tree t = Tree.read(p);
      return p.nextToken() == null ? t : Tree.MISSING;
    } catch (IOException e) {
      return Tree.MISSING; // a message that only starts like JSON is text
    }
  }

  private static String first(String... values) {
    for (String v : values) if (v != null && !v.isBlank()) return v;
    return "";
  }
}
