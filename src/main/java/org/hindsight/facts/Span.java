package org.hindsight.facts;

import java.time.Instant;

/**
 * A row of the {@code spans} kind: one operation of one distributed trace. Spans are not inserted
 * into the rule session one by one (a trace export holds millions); rules see what derivers make
 * of them: service dependencies (caller → callee, when {@code dependencies} is absent) and
 * per-service latency and error anomalies.
 *
 * @param time when the span started
 * @param traceId the trace it belongs to
 * @param spanId its id, unique within the trace
 * @param parentSpanId the calling span's id ("" for a root span; the contract also accepts {@code root})
 * @param service the service that executed it
 * @param operation what it did ("" when absent)
 * @param durationMs how long it took, milliseconds
 * @param status ok, error or an HTTP/gRPC code, lower case ("" when absent)
 * @param entity the pod or host that served it ("" when absent)
 * @param attributes columns beyond the contract, as strings; read one with attr("column") ("" when absent)
 * @param origin file:line of the record it comes from
 */
public record Span(
    Instant time,
    String traceId,
    String spanId,
    String parentSpanId,
    String service,
    String operation,
    double durationMs,
    String status,
    String entity,
    Attributes attributes,
    SourceRef origin)
    implements Fact {

  /** Whether the span failed: status {@code error}, an HTTP 5xx or a gRPC code other than 0/OK. */
  public boolean failed() {
    String s = status;
    if (s.isEmpty() || s.equals("ok") || s.equals("unset") || s.equals("0")) return false;
    if (s.equals("error") || s.equals("failed") || s.equals("fail")) return true;
    if (s.chars().allMatch(Character::isDigit)) {
      int code = s.length() > 6 ? 0 : Integer.parseInt(s);
      return code >= 500 || (code > 0 && code < 100); // HTTP 5xx, or a non-OK gRPC code (1–16)
    }
    return false;
  }

  public boolean root() {
    return parentSpanId.isEmpty();
  }

  public String attr(String name) {
    return attributes.get(name);
  }
}
