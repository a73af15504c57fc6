package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * OpenTelemetry logs in OTLP/JSON, as the Collector's file exporter writes them (one {@code LogsData} a line) or as
 * one document: {@code resourceLogs[].scopeLogs[].logRecords[]}. Each record is an {@code events} row typed by the
 * event rules ({@link EventRows}) on its body: the time from {@code timeUnixNano} (else {@code observedTimeUnixNano},
 * when the source gave none), the severity from {@code severityNumber} (else {@code severityText}), the entity the
 * narrowest thing the resource names (pod, service, host), the source the resource's {@code service.name}. A Kubernetes
 * event the Collector's {@code k8s_events} receiver made a record of ({@code k8s.event.reason}, {@code k8s.object.name}) is
 * read as {@code k8s-events} reads it.
 */
@AutoService(Importer.class)
public final class OtlpLogsImporter implements Importer {
  /** Resource attributes naming what a record is about, narrowest first: a pod is one instance of a service, a host runs many. */
  private static final List<String> ENTITY_ATTRIBUTES = List.of("k8s.pod.name", "service.name", "host.name", "k8s.node.name");
  /** Keys of a structured body (a map) that hold the message. */
  private static final List<String> MESSAGE_KEYS = List.of("message", "msg", "log", "MESSAGE");

  @Override
  public String name() {
    return "otlp-logs";
  }

  @Override
  public String summary() {
    return "OpenTelemetry logs as OTLP/JSON (the Collector's file exporter: resourceLogs[].scopeLogs[].logRecords[]) → events";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.EVENTS);
  }

  /** A Kubernetes event the Collector's k8s_events receiver made a record of, and its row, typed once the source is read. */
  private record KubeRow(K8sEventsImporter.K8sEvent event, ImportRun.Row row) {}

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    List<KubeRow> kube = new java.util.ArrayList<>();
    JsonRecords.objects(source, run, doc -> {
      if (!doc.get("resourceLogs").isList()) {
        run.problem(source, doc.line(), doc.get("resourceSpans").isList() ? "OTLP traces, not logs (traces: hindsight import otlp-json)"
            : "not OTLP/JSON logs (an object with resourceLogs[])");
        return;
      }
      for (Tree resourceLogs : doc.get("resourceLogs").items()) {
        Map<String, String> resource = Otlp.attributes(resourceLogs.path("resource", "attributes"));
        String entity = "";
        for (String a : ENTITY_ATTRIBUTES) if (entity.isEmpty()) entity = resource.getOrDefault(a, "");
        for (Tree scope : Otlp.scopes(resourceLogs, "scopeLogs", "instrumentationLibraryLogs")) {
          for (Tree record : scope.get("logRecords").items()) record(record, resource, entity, scope.text("scope", "name"), source, run, kube);
        }
      }
    });
    // as k8s-events reads them: what each reason says, and roll-outs, which take every event of the source to tell
    var rollOuts = K8sEventsImporter.rollOuts(kube.stream().map(KubeRow::event).toList());
    for (KubeRow k : kube) K8sEventsImporter.type(k.row(), k.event(), rollOuts.contains(k.event()), "");
  }

  private static void record(Tree r, Map<String, String> resource, String entity, String scope, Source source, ImportRun run,
      List<KubeRow> kube) {
    int line = r.line();
    // timeUnixNano is when it happened, 0 or absent when the source did not say; observedTimeUnixNano when the Collector saw it
    String when = nonZero(r.text("timeUnixNano")) ? r.text("timeUnixNano") : r.text("observedTimeUnixNano");
    if (!nonZero(when)) {
      run.problem(source, line, "a log record without its time (timeUnixNano or observedTimeUnixNano)");
      return;
    }
    String time = run.nanos(when);
    if (time == null) {
      run.problem(source, line, "time '" + when + "' is no time in epoch nanoseconds");
      return;
    }
    Map<String, String> attributes = Otlp.attributes(r.get("attributes"));
    String reason = attributes.getOrDefault("k8s.event.reason", "");
    String object = resource.getOrDefault("k8s.object.name", "");
    if (!reason.isEmpty() && !object.isEmpty()) {
      // a Kubernetes event (the k8s_events receiver): about the object it involves, typed by its reason
      BigInteger ns = new BigInteger(when.trim());
      java.time.Instant t = java.time.Instant.ofEpochSecond(ns.divide(BigInteger.valueOf(1_000_000_000L)).longValue(),
          ns.mod(BigInteger.valueOf(1_000_000_000L)).longValue());
      var e = new K8sEventsImporter.K8sEvent(line, t, java.time.OffsetDateTime.parse(time).getOffset(), "",
          attributes.getOrDefault("k8s.event.count", "1"), r.text("severityText"), reason, message(r.get("body")),
          resource.getOrDefault("k8s.object.kind", "").toLowerCase(java.util.Locale.ROOT), attributes.getOrDefault("k8s.namespace.name", ""),
          object, "kubernetes", resource.getOrDefault("k8s.node.name", ""));
      kube.add(new KubeRow(e, K8sEventsImporter.row(e, source, run)));
      return;
    }
    if (entity.isEmpty()) {
      run.problem(source, line, "a log record whose resource names no service, pod or host (service.name, k8s.pod.name, host.name)");
      return;
    }
    String traceId = Otlp.id(r.text("traceId"), 16);
    String spanId = Otlp.id(r.text("spanId"), 8);
    ImportRun.Row row = EventRows.add(run, source, line, new EventRows.Message(time, resource.getOrDefault("service.name",
        scope.isEmpty() ? "otlp" : scope), entity, message(r.get("body")), severity(r.text("severityNumber"), r.text("severityText"))));
    if (row != null) row.set("host", resource.getOrDefault("host.name", resource.getOrDefault("k8s.node.name", "")));
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("service", resource.get("service.name"));
    extra.put("severity_text", r.text("severityText"));
    extra.put("trace_id", traceId == null ? r.text("traceId") : traceId); // kept as written when it is no id
    extra.put("span_id", spanId == null ? r.text("spanId") : spanId);
    EventRows.extras(row, extra);
  }

  private static boolean nonZero(String nanos) {
    return !nanos.isBlank() && !nanos.trim().matches("0+");
  }

  /** The body as text: a string as it is, a map's message (else the whole map), anything else as OTLP writes it. */
  private static String message(Tree body) {
    if (body.get("kvlistValue").isObject()) {
      for (Tree kv : body.path("kvlistValue", "values").items()) {
        if (MESSAGE_KEYS.contains(kv.text("key"))) return Otlp.value(kv.get("value"));
      }
    }
    return Otlp.value(body);
  }

  /**
   * The contract's severity from OTLP's {@code severityNumber} (1–8 trace and debug, 9–12 info, 13–16 warn, 17–20 error,
   * 21–24 fatal), else from {@code severityText}; "" when neither says.
   */
  static String severity(String number, String text) {
    int n;
    try {
      n = new BigInteger(number.trim()).intValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      n = severityName(number);
    }
    if (n >= 21) return "critical";
    if (n >= 17) return "error";
    if (n >= 13) return "warning";
    if (n >= 1) return "info";
    return EventRows.severity(text);
  }

  /** The enum's name ({@code SEVERITY_NUMBER_WARN}), as older exporters wrote it, as its number; 0 when none. */
  private static int severityName(String name) {
    String n = name.trim();
    if (!n.startsWith("SEVERITY_NUMBER_")) return 0;
    String level = n.substring("SEVERITY_NUMBER_".length()).replaceAll("\\d+$", "");
    return switch (level) {
      case "TRACE" -> 1;
      case "DEBUG" -> 5;
      case "INFO" -> 9;
      case "WARN" -> 13;
      case "ERROR" -> 17;
      case "FATAL" -> 21;
      default -> 0;
    };
  }
}
