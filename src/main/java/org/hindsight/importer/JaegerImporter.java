package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * Jaeger traces as the UI's "Download JSON" and the query API ({@code /api/traces}) give them:
 * {@code {"data": [{"traceID", "spans": [...], "processes": {"p1": {"serviceName", "tags"}}}]}}.
 * Each span is a {@code spans} row: start and duration (µs), the {@code CHILD_OF} reference as its
 * parent (else {@code FOLLOWS_FROM}), the service of its process, the status from its tags
 * ({@link SpanRows#status}), the pod or host from its process's tags.
 */
@AutoService(Importer.class)
public final class JaegerImporter implements Importer {
  @Override
  public String name() {
    return "jaeger";
  }

  @Override
  public String summary() {
    return "Jaeger JSON (UI download or /api/traces: data[].spans, processes) → spans";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.SPANS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    JsonRecords.objects(source, run, root -> {
      if (root.get("data").isList()) {
        for (Tree trace : root.get("data").items()) trace(trace, source, run);
      } else if (root.get("spans").isList()) {
        trace(root, source, run); // one trace saved on its own
      } else {
        run.problem(source, root.line(), "not a Jaeger export (an object with data[] of traces, or a trace with spans[])");
      }
    });
  }

  private static void trace(Tree trace, Source source, ImportRun run) {
    Map<String, Tree> processes = trace.get("processes").members();
    for (Tree span : trace.get("spans").items()) {
      Tree process = span.get("process").isObject() ? span.get("process") : processes.getOrDefault(span.text("processID"), Tree.MISSING);
      if (process.isMissing()) {
        run.problem(source, span.line(), "processID '" + span.text("processID") + "' is none of the trace's processes");
        continue;
      }
      Map<String, String> tags = tags(process.get("tags"));
      tags.putAll(tags(span.get("tags")));
      String traceId = span.text("traceID").isEmpty() ? trace.text("traceID") : span.text("traceID");
      SpanRows.add(run, source, new SpanRows.Span(span.line(), traceId, span.text("spanID"), parent(span),
          process.text("serviceName"), span.text("operationName"), span.text("startTime"), span.text("duration"), tags, ""));
    }
  }

  /** The span a CHILD_OF reference names (else FOLLOWS_FROM, else the older {@code parentSpanID}); "" for a root. */
  private static String parent(Tree span) {
    for (String kind : new String[] {"CHILD_OF", "FOLLOWS_FROM"}) {
      for (Tree ref : span.get("references").items()) if (ref.text("refType").equals(kind)) return ref.text("spanID");
    }
    String old = span.text("parentSpanID");
    return old.matches("0*") ? "" : old;
  }

  /** Jaeger's {@code [{"key", "type", "value"}]} tags as a map. */
  private static Map<String, String> tags(Tree list) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Tree t : list.items()) if (!t.text("key").isEmpty()) out.put(t.text("key"), t.text("value"));
    return out;
  }
}
