package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * Cloudflare Logpush (or Logpull) {@code http_requests} → {@code requests}: one JSON object a line, fields as the dataset
 * names them. {@code EdgeStartTimestamp} is the time, written as the job's {@code timestamp_format} says — {@code unixnano}
 * (the default), {@code unix} (seconds) or {@code rfc3339}, told apart by form and magnitude; {@code EdgeResponseStatus} the
 * status the client got; {@code EdgeColoCode} (the data centre that took the request) the data centre. What served it is
 * the origin when the edge went to one ({@code OriginIP}, through the device map), else the edge server ({@code
 * EdgeServerIP}), else the data centre. The duration is the request's time at the edge ({@code EdgeEndTimestamp} −
 * {@code EdgeStartTimestamp}), else the origin's ({@code OriginResponseDurationMs}, or the deprecated {@code
 * OriginResponseTime} in nanoseconds), else {@code EdgeTimeToFirstByteMs}. The rule is the security rule that matched
 * ({@code SecurityRuleID}, else the deprecated {@code WAFRuleID}).
 */
@AutoService(Importer.class)
public final class CloudflareLogpushImporter implements Importer {
  @Override
  public String name() {
    return "cloudflare-logpush";
  }

  @Override
  public String summary() {
    return "Cloudflare Logpush/Logpull http_requests (JSON lines) → requests (EdgeColoCode as the data centre)";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.REQUESTS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    ImportRun.Clock clock = run.clock();
    JsonRecords.objects(source, run, r -> request(r, clock, source, run));
  }

  private static void request(Tree r, ImportRun.Clock clock, Source source, ImportRun run) {
    if (!r.isObject() || (r.get("EdgeStartTimestamp").isMissing() && r.get("EdgeResponseStatus").isMissing())) {
      run.problem(source, r.line(), "not a record of Cloudflare's http_requests dataset (EdgeStartTimestamp, EdgeResponseStatus, …)");
      return;
    }
    String start = r.text("EdgeStartTimestamp");
    String time = time(start, clock, run);
    if (time == null) {
      run.problem(source, r.line(), start.isEmpty() ? "a request without EdgeStartTimestamp (add it to the job's fields)"
          : "EdgeStartTimestamp '" + start + "' is no time in unixnano, unix or rfc3339");
      return;
    }
    String status = r.text("EdgeResponseStatus");
    if (!status.matches("\\d{1,3}")) {
      run.problem(source, r.line(), status.isEmpty() ? "a request without EdgeResponseStatus (add it to the job's fields)"
          : "EdgeResponseStatus '" + status + "' is no HTTP status");
      return;
    }
    RequestRows.Place datacenter = RequestRows.datacenter(r.text("EdgeColoCode"), "EdgeColoCode", run);
    String origin = r.text("OriginIP");
    String edge = r.text("EdgeServerIP");
    RequestRows.Place server;
    if (!origin.isEmpty()) {
      server = new RequestRows.Place(run.settings().devices().device(origin), "OriginIP");
    } else if (!edge.isEmpty()) {
      server = new RequestRows.Place(run.settings().devices().device(edge), "EdgeServerIP");
    } else {
      server = new RequestRows.Place(datacenter.name(), "EdgeColoCode (no server named)");
    }
    String rule = r.text("SecurityRuleID");
    if (rule.isEmpty() && r.get("SecurityRuleIDs").isList() && !r.get("SecurityRuleIDs").items().isEmpty()) {
      rule = r.get("SecurityRuleIDs").items().get(0).text();
    }
    if (rule.isEmpty()) rule = r.text("WAFRuleID");
    RequestRows.row(run, source, r.line(), time, datacenter, server, server.name(), status, duration(r, start), r.text("ClientIP"), rule)
        .set("ray_id", r.text("RayID")).set("host", r.text("ClientRequestHost"))
        .set("origin_status", r.text("OriginResponseStatus").equals("0") ? "" : r.text("OriginResponseStatus"));
    run.kept(source);
  }

  /** The time as the job wrote it: RFC 3339 text, or epoch seconds ({@code unix}) or nanoseconds ({@code unixnano}). */
  private static String time(String text, ImportRun.Clock clock, ImportRun run) {
    if (text.isEmpty()) return null;
    if (text.matches("\\d{9,10}")) return run.millis(text + "000");
    if (text.matches("\\d{18,19}")) return run.nanos(text);
    if (text.matches("\\d+")) return null;
    try {
      return clock.iso(text);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Milliseconds the request took, from the first field that says (see the class comment); "" for none. */
  private static String duration(Tree r, String start) {
    String end = r.text("EdgeEndTimestamp");
    if (start.matches("\\d+") && end.matches("\\d+") && start.length() == end.length()) {
      BigDecimal took = new BigDecimal(end).subtract(new BigDecimal(start));
      if (took.signum() >= 0) return RequestRows.millis(took.toPlainString(), start.length() >= 18 ? 1_000_000_000L : 1);
    }
    String originMs = r.text("OriginResponseDurationMs");
    if (originMs.matches("\\d+(\\.\\d+)?") && !originMs.equals("0")) return RequestRows.millis(originMs, 1000);
    String originNs = r.text("OriginResponseTime");
    if (originNs.matches("\\d+") && !originNs.equals("0")) return RequestRows.millis(originNs, 1_000_000_000L);
    String ttfb = r.text("EdgeTimeToFirstByteMs");
    return ttfb.matches("\\d+(\\.\\d+)?") ? RequestRows.millis(ttfb, 1000) : "";
  }
}
