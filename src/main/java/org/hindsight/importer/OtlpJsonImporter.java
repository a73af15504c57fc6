package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * OpenTelemetry traces in OTLP/JSON, as the Collector's file exporter writes them (one {@code TracesData} a
 * line) or as one document ({@code /v1/traces} request bodies saved, {@code otel-cli} output):
 * {@code resourceSpans[].scopeSpans[].spans[]}. Each span is a {@code spans} row: the service from the
 * resource's {@code service.name}, start and end from {@code startTimeUnixNano}/{@code endTimeUnixNano} (to the
 * nanosecond), status code 2 ({@code STATUS_CODE_ERROR}) as an error, else the HTTP or gRPC code of its
 * attributes ({@link SpanRows#status}), the pod or host from the resource's or span's attributes.
 */
@AutoService(Importer.class)
public final class OtlpJsonImporter implements Importer {
  private static final BigInteger NANOS_PER_MS = BigInteger.valueOf(1_000_000L);

  @Override
  public String name() {
    return "otlp-json";
  }

  @Override
  public String summary() {
    return "OpenTelemetry traces as OTLP/JSON (the Collector's file exporter: resourceSpans[].scopeSpans[].spans[]) → spans";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.SPANS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    JsonRecords.objects(source, run, doc -> {
      if (!doc.get("resourceSpans").isList()) {
        run.problem(source, doc.line(), doc.get("resourceLogs").isList() || doc.get("resourceMetrics").isList()
            ? "OTLP logs or metrics, not traces (logs: hindsight import otlp-logs)"
            : "not OTLP/JSON traces (an object with resourceSpans[])");
        return;
      }
      for (Tree resourceSpans : doc.get("resourceSpans").items()) {
        Map<String, String> resource = Otlp.attributes(resourceSpans.path("resource", "attributes"));
        String service = resource.getOrDefault("service.name", "");
        for (Tree scope : Otlp.scopes(resourceSpans, "scopeSpans", "instrumentationLibrarySpans")) {
          for (Tree span : scope.get("spans").items()) span(span, service, resource, source, run);
        }
      }
    });
  }

  private static void span(Tree span, String service, Map<String, String> resource, Source source, ImportRun run) {
    int line = span.line();
    String traceId = Otlp.id(span.text("traceId"), 16);
    String spanId = Otlp.id(span.text("spanId"), 8);
    String parentId = Otlp.id(span.text("parentSpanId"), 8);
    for (String[] id : new String[][] {{"traceId", traceId}, {"spanId", spanId}, {"parentSpanId", parentId}}) {
      if (id[1] == null) {
        String bytes = id[0].equals("traceId") ? "32" : "16";
        run.problem(source, line, id[0] + " '" + span.text(id[0]) + "' is no id (" + bytes + " hex digits in OTLP/JSON)");
        return;
      }
    }
    String startText = span.text("startTimeUnixNano");
    String endText = span.text("endTimeUnixNano");
    String time = run.nanos(startText);
    if (time == null) {
      run.problem(source, line, "startTimeUnixNano '" + startText + "' is no time in epoch nanoseconds");
      return;
    }
    BigInteger start = new BigInteger(startText.trim());
    if (endText.isBlank() || endText.trim().matches("0+")) {
      run.problem(source, line, "a span without its endTimeUnixNano (not finished when exported?)");
      return;
    }
    if (run.nanos(endText) == null) {
      run.problem(source, line, "endTimeUnixNano '" + endText + "' is no time in epoch nanoseconds");
      return;
    }
    BigInteger end = new BigInteger(endText.trim());
    if (end.compareTo(start) < 0) {
      run.problem(source, line, "endTimeUnixNano " + endText + " is before startTimeUnixNano " + startText);
      return;
    }
    Map<String, String> tags = new LinkedHashMap<>(resource);
    Otlp.attributes(span.get("attributes"), tags);
    // service.name belongs on the resource; a hand-rolled exporter may put it on the span only
    if (service.isEmpty()) service = tags.getOrDefault("service.name", "");
    if (isError(span.path("status", "code").text())) tags.put("otel.status_code", "ERROR");
    SpanRows.add(run, source, new SpanRows.Span(line, traceId, spanId, parentId, service, span.text("name"), "", "", tags, ""),
        time, new BigDecimal(end.subtract(start)).divide(new BigDecimal(NANOS_PER_MS)));
  }

  /** Status code 2 as the spec writes it (an integer), or the enum's name as older exporters wrote it. */
  private static boolean isError(String code) {
    return code.equals("2") || code.equals("STATUS_CODE_ERROR");
  }
}
