package org.hindsight.importer;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hindsight.ingest.LogKind;

/**
 * A trace span as a {@code spans} row, the one way the tracing importers (Jaeger, Zipkin) write it:
 * start and duration in epoch microseconds as both tools export them, the status read from the span's
 * tags by the OpenTracing/OpenTelemetry conventions both follow.
 */
final class SpanRows {
  private SpanRows() {}

  /** One span; {@code tags} as strings ({@code error}, {@code http.status_code}, …). */
  record Span(int line, String traceId, String spanId, String parentId, String service, String operation, String startMicros,
      String durationMicros, Map<String, String> tags, String entity) {}

  /** Tags that name the pod or host a span ran on, in order of preference. */
  private static final List<String> ENTITY_TAGS = List.of("k8s.pod.name", "host.name", "hostname", "pod", "container.id");

  /** Adds the row, or reports why the span cannot be one (at its line). */
  static void add(ImportRun run, Source source, Span s) {
    if (missing(run, source, s)) return;
    String time = run.micros(s.startMicros());
    if (time == null) {
      run.problem(source, s.line(), "start time '" + s.startMicros() + "' is no time in epoch microseconds");
      return;
    }
    if (!s.durationMicros().matches("\\d{1,15}")) {
      run.problem(source, s.line(), s.durationMicros().isEmpty() ? "a span without its duration (not finished when exported?)"
          : "duration '" + s.durationMicros() + "' is no whole number of microseconds");
      return;
    }
    write(run, source, s, time, new BigDecimal(s.durationMicros()).movePointLeft(3));
  }

  /**
   * Adds the row of a span whose start the caller has read ({@code time}, as the contract writes it) and whose
   * duration it has in milliseconds (OpenTelemetry's nanosecond times), or reports a span without its ids or service.
   */
  static void add(ImportRun run, Source source, Span s, String time, BigDecimal durationMs) {
    if (!missing(run, source, s)) write(run, source, s, time, durationMs);
  }

  private static boolean missing(ImportRun run, Source source, Span s) {
    String missing = s.traceId().isEmpty() ? "trace id" : s.spanId().isEmpty() ? "span id" : s.service().isEmpty() ? "service name" : null;
    if (missing != null) run.problem(source, s.line(), "a span without its " + missing);
    return missing != null;
  }

  private static void write(ImportRun run, Source source, Span s, String time, BigDecimal durationMs) {
    String entity = s.entity();
    for (String tag : ENTITY_TAGS) if (entity.isEmpty() && s.tags().containsKey(tag)) entity = s.tags().get(tag);
    run.row(LogKind.SPANS, source, s.line()).set("timestamp", time).set("trace_id", s.traceId()).set("span_id", s.spanId())
        .set("parent_span_id", s.parentId()).set("service", s.service()).set("operation", s.operation())
        .set("duration_ms", durationMs.stripTrailingZeros().toPlainString())
        .set("status", status(s.tags())).set("entity", entity);
    run.kept(source);
  }

  /**
   * {@code error} (any value but false) or OpenTelemetry's {@code otel.status_code=ERROR} → {@code error},
   * unless an HTTP 5xx code says more; else the HTTP or gRPC code; else {@code ok}.
   */
  static String status(Map<String, String> tags) {
    String http = tags.getOrDefault("http.status_code", tags.getOrDefault("http.response.status_code", ""));
    String grpc = tags.getOrDefault("rpc.grpc.status_code", tags.getOrDefault("grpc.status_code", ""));
    String err = tags.getOrDefault("error", "").toLowerCase(Locale.ROOT);
    boolean failed = tags.containsKey("error") && !err.equals("false")
        || tags.getOrDefault("otel.status_code", "").equalsIgnoreCase("ERROR");
    if (http.matches("\\d{3}") && (!failed || http.compareTo("500") >= 0)) return http;
    if (failed) return "error";
    if (grpc.matches("\\d{1,2}")) return grpc;
    return "ok";
  }
}
