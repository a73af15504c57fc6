package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;

/**
 * AWS Elastic Load Balancing access logs → {@code requests}: an Application Load Balancer's entries ({@code type time elb
 * client:port target:port request_processing_time target_processing_time response_processing_time elb_status_code
 * target_status_code …}, space-separated, some fields quoted), and a Classic Load Balancer's (the same without {@code
 * type}, {@code backend:port}). The status is the load balancer's ({@code elb_status_code}: what the client got); what
 * served the request is its target (through the device map), or the load balancer itself when no target was reached
 * ({@code -}: a 503 with no healthy target, a 460 the client closed). The time is when the load balancer answered, ISO-8601
 * with microseconds in UTC; the duration the three processing times (seconds) added up, none when one is {@code -1} (the
 * target did not answer). The region, from the file's name as ELB delivers it ({@code
 * 123456789012_elasticloadbalancing_us-east-1_app.my-lb.…_20240620T1400Z_…log.gz}), is the data centre.
 */
@AutoService(Importer.class)
public final class AlbLogImporter implements Importer {
  /** ELB's delivered file name: {@code aws-account-id_elasticloadbalancing_region_…}. */
  private static final Pattern REGION_IN_NAME = Pattern.compile("_elasticloadbalancing_([a-z]{2}(?:-[a-z]+)+-\\d+)_");
  private static final Pattern ISO_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\S+");

  @Override
  public String name() {
    return "alb-log";
  }

  @Override
  public String summary() {
    return "AWS Application (and Classic) Load Balancer access logs → requests (per target, elb_status_code)";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.REQUESTS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    ImportRun.Clock clock = run.clock();
    Matcher region = REGION_IN_NAME.matcher(source.name().replaceAll(".*/", ""));
    RequestRows.Place datacenter = RequestRows.datacenter(region.find() ? region.group(1) : null, "file name (region)", run);
    Lines.each(source, (n, text) -> {
      List<String> f = fields(text);
      if (f == null) {
        run.problem(source, n, "a quoted field is not closed");
        return;
      }
      // an ALB entry starts with its type (http, https, h2, grpcs, ws, wss), a Classic ELB entry with its time
      int at = !f.isEmpty() && ISO_TIME.matcher(f.get(0)).matches() ? 0 : 1;
      if (f.size() < at + 13 || !ISO_TIME.matcher(f.get(at)).matches()) {
        run.problem(source, n, "not an ELB access log entry (type time elb client:port target:port request_processing_time …)");
        return;
      }
      entry(f, at, datacenter, clock, source, n, run);
    });
  }

  private static void entry(List<String> f, int at, RequestRows.Place datacenter, ImportRun.Clock clock, Source source, int n, ImportRun run) {
    String time;
    try {
      time = clock.iso(f.get(at));
    } catch (DateTimeException e) {
      run.problem(source, n, "time: " + e.getMessage());
      return;
    }
    String elb = f.get(at + 1);
    String client = f.get(at + 2).replaceFirst(":\\d+$", "");
    String target = f.get(at + 3);
    String status = f.get(at + 7);
    if (!status.matches("\\d{3}|-")) {
      run.problem(source, n, "elb_status_code '" + status + "' is no HTTP status");
      return;
    }
    String duration = "";
    BigDecimal total = BigDecimal.ZERO;
    for (int i = at + 4; i <= at + 6; i++) {
      BigDecimal part;
      try {
        part = new BigDecimal(f.get(i));
      } catch (NumberFormatException e) {
        run.problem(source, n, "processing time '" + f.get(i) + "' is no number of seconds");
        return;
      }
      if (part.signum() < 0) { // -1: the target never answered (or the request never reached one)
        total = null;
        break;
      }
      total = total.add(part);
    }
    if (total != null) duration = RequestRows.millis(total.toPlainString(), 1);
    boolean reached = !target.equals("-");
    // the load balancer's name without type and id (app/shop-alb/50dc6c495c0c9188 → shop-alb)
    String balancer = elb.contains("/") ? elb.split("/")[1] : elb;
    RequestRows.Place server = reached ? new RequestRows.Place(run.settings().devices().device(target), "target")
        : new RequestRows.Place(balancer, "load balancer (no target reached)");
    RequestRows.row(run, source, n, time, datacenter, server, server.name(), status.equals("-") ? "0" : status, duration, client, "")
        .set("load_balancer", elb).set("target_status_code", dash(f.get(at + 8))).set("request", f.get(at + 11))
        .set("type", at == 1 ? f.get(0) : "").set("error_reason", f.size() > at + 23 ? dash(f.get(at + 23)) : "");
    run.kept(source);
  }

  private static String dash(String s) {
    return s.equals("-") ? "" : s;
  }

  /** The entry's fields: split at spaces, a quoted field whole (its {@code \"} kept as written); null for an open quote. */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int len = line.length();
    while (i < len) {
      char c = line.charAt(i);
      if (c == ' ') {
        i++;
        continue;
      }
      if (c == '"') {
        StringBuilder b = new StringBuilder();
        int j = i + 1;
        boolean closed = false;
        while (j < len) {
          char d = line.charAt(j);
          if (d == '\\' && j + 1 < len) {
            b.append(d).append(line.charAt(j + 1));
            j += 2;
            continue;
          }
          if (d == '"') {
            closed = true;
            break;
          }
          b.append(d);
          j++;
        }
        if (!closed) return null;
        out.add(b.toString());
        i = j + 1;
        continue;
      }
      int j = line.indexOf(' ', i);
      if (j < 0) j = len;
      out.add(line.substring(i, j));
      i = j;
    }
    return out;
  }
}
