package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * Zipkin v2 JSON, as {@code /api/v2/trace/{id}} (an array of spans), {@code /api/v2/traces} (an array
 * of traces) or the UI's download give it: each span ({@code traceId}, {@code id}, {@code parentId},
 * {@code name}, {@code timestamp} and {@code duration} in µs, {@code localEndpoint.serviceName},
 * {@code tags}) is a {@code spans} row, its status from the tags ({@link SpanRows#status}).
 */
@AutoService(Importer.class)
public final class ZipkinImporter implements Importer {
  @Override
  public String name() {
    return "zipkin";
  }

  @Override
  public String summary() {
    return "Zipkin v2 JSON (an array of spans or of traces) → spans";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.SPANS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    JsonRecords.objects(source, run, span -> {
      if (span.get("traceId").isMissing() || span.get("id").isMissing()) {
        run.problem(source, span.line(), "not a Zipkin v2 span (traceId and id)");
        return;
      }
      Map<String, String> tags = new LinkedHashMap<>();
      span.get("tags").members().forEach((k, v) -> tags.put(k, v.text()));
      String entity = span.text("localEndpoint", "ipv4").isEmpty() ? span.text("localEndpoint", "ipv6") : span.text("localEndpoint", "ipv4");
      SpanRows.add(run, source, new SpanRows.Span(span.line(), span.text("traceId"), span.text("id"), span.text("parentId"),
          span.text("localEndpoint", "serviceName"), span.text("name"), span.text("timestamp"), span.text("duration"), tags,
          tagEntity(tags) ? "" : entity.isEmpty() ? "" : run.settings().devices().device(entity)));
    });
  }

  /** Whether a tag names the pod or host better than the endpoint's address does. */
  private static boolean tagEntity(Map<String, String> tags) {
    return tags.containsKey("k8s.pod.name") || tags.containsKey("host.name") || tags.containsKey("hostname");
  }
}
