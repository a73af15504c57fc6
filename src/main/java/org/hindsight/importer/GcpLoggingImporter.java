package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * Google Cloud Logging entries ({@code LogEntry}) as {@code gcloud logging read --format=json} writes
 * them (a JSON array) or one a line (a sink's export, {@code jq -c '.[]'}): {@code timestamp},
 * {@code severity}, {@code resource.type}/{@code resource.labels}, {@code textPayload},
 * {@code jsonPayload.message}, {@code protoPayload} (audit logs: who called which method on what),
 * {@code httpRequest}, {@code logName}. Each entry is an {@code events} row typed by the event rules
 * ({@link EventRows}); its entity is what the resource labels name most narrowly (the VM, pod, Cloud
 * Run service, function…), its source the log's id ({@code cloudaudit.googleapis.com/activity}).
 */
@AutoService(Importer.class)
public final class GcpLoggingImporter implements Importer {
  /** Labels naming what an entry is about, narrowest first (entry labels, then resource labels). */
  private static final List<String> ENTITY_LABELS = List.of("pod_name", "service_name", "function_name", "job_name",
      "compute.googleapis.com/resource_name", "instance_name", "instance_id", "database_id", "node_name", "backend_service_name",
      "cluster_name", "bucket_name", "topic_id", "subscription_id", "project_id");

  @Override
  public String name() {
    return "gcp-logging";
  }

  @Override
  public String summary() {
    return "Google Cloud Logging JSON (gcloud logging read --format=json, or one LogEntry a line) → events";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.EVENTS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    Timestamps times = new Timestamps(run.settings().timezone);
    JsonRecords.objects(source, run, e -> entry(e, source, run, times));
  }

  private void entry(Tree e, Source source, ImportRun run, Timestamps times) {
    int line = e.line();
    String when = e.text("timestamp").isEmpty() ? e.text("receiveTimestamp") : e.text("timestamp");
    if (when.isEmpty() || e.get("logName").isMissing() && e.get("resource").isMissing()) {
      run.problem(source, line, "not a LogEntry (needs timestamp and logName or resource)");
      return;
    }
    String time;
    try {
      Timestamps.Parsed t = times.parse(when);
      time = ImportRun.format(t.instant(), t.offset());
    } catch (DateTimeException ex) {
      run.problem(source, line, "timestamp: " + ex.getMessage());
      return;
    }
    String entity = entity(e);
    String log = logId(e.text("logName"));
    ImportRun.Row row = EventRows.add(run, source, line, new EventRows.Message(time,
        log.isEmpty() ? e.text("resource", "type") : log, entity, message(e), EventRows.severity(e.text("severity"))));
    String method = e.text("protoPayload", "methodName");
    if (row != null && log.endsWith("cloudaudit.googleapis.com/activity") && !method.isEmpty()) {
      // Admin Activity audit logs hold only calls that change configuration: a change, as CloudTrail's write calls are
      String service = e.text("protoPayload", "serviceName").replaceAll("\\.googleapis\\.com$", "");
      String resource = e.text("protoPayload", "resourceName");
      row.set("type", "gcp." + (service.isEmpty() ? "unknown" : service) + ".change")
          .set("entity", resource.isEmpty() ? entity : resource.substring(resource.lastIndexOf('/') + 1))
          .set("user", e.text("protoPayload", "authenticationInfo", "principalEmail"));
    }
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("resource_type", e.text("resource", "type"));
    extra.put("namespace", e.text("resource", "labels", "namespace_name"));
    extra.put("http_status", e.text("httpRequest", "status"));
    extra.put("insert_id", e.text("insertId"));
    EventRows.extras(row, extra);
  }

  /** The narrowest thing the entry's labels name; else a host its payload names; else "". */
  private static String entity(Tree e) {
    for (String label : ENTITY_LABELS) {
      String v = e.text("labels", label);
      if (v.isEmpty()) v = e.text("resource", "labels", label);
      if (!v.isEmpty()) return v;
    }
    for (String key : List.of("hostname", "host")) if (!e.text("jsonPayload", key).isEmpty()) return e.text("jsonPayload", key);
    return "";
  }

  /** The entry's text: its text payload, its JSON payload's message, an audit call, or the HTTP request. */
  private static String message(Tree e) {
    if (!e.text("textPayload").isEmpty()) return e.text("textPayload");
    for (String key : List.of("message", "msg", "MESSAGE", "log", "textPayload")) {
      if (!e.text("jsonPayload", key).isEmpty()) return e.text("jsonPayload", key);
    }
    Tree proto = e.get("protoPayload");
    if (!proto.text("methodName").isEmpty()) {
      String who = proto.text("authenticationInfo", "principalEmail");
      String status = proto.text("status", "message");
      return (who.isEmpty() ? "" : who + " ") + proto.text("methodName") + " " + proto.text("resourceName")
          + (status.isEmpty() ? "" : " → " + status);
    }
    Tree http = e.get("httpRequest");
    if (!http.text("requestUrl").isEmpty()) {
      return http.text("requestMethod") + " " + http.text("requestUrl") + " → " + http.text("status")
          + (http.text("latency").isEmpty() ? "" : " in " + http.text("latency"));
    }
    return "";
  }

  /** {@code projects/p/logs/cloudaudit.googleapis.com%2Factivity} → {@code cloudaudit.googleapis.com/activity}. */
  private static String logId(String logName) {
    int i = logName.indexOf("/logs/");
    String id = i < 0 ? logName : logName.substring(i + "/logs/".length());
    try {
      return URLDecoder.decode(id, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException ex) {
      return id;
    }
  }
}
