package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;

/**
 * Web servers' and proxies' access logs → {@code requests}, one row a request, told apart line by line: NGINX's and
 * Apache's common and combined log formats (Apache's {@code vhost_combined} too; a request time after them: NGINX's
 * {@code $request_time} in seconds, Apache's {@code %D} in microseconds), HAProxy's HTTP log format ({@code option
 * httplog}: the backend server that answered, its total time in milliseconds) and Envoy's default access-log format (the
 * upstream host, {@code %DURATION%} in milliseconds), each with or without the syslog header a collector added; the other
 * syslog lines of such a file (the proxy's own {@code Server be_app/web-2 is DOWN}) are {@code events}, as {@code syslog}
 * reads them.
 *
 * <p>What served a request is the row's {@code server} and {@code process}, since failed requests are that process's
 * symptom: for a web server's own log the server that wrote it (the syslog host, {@code --server}, else the file's name);
 * for a proxy the backend server or upstream host it passed the request to (addresses through the device map), the
 * backend or authority when none was reached ({@code <NOSRV>}, {@code -}). No line names a data centre:
 * {@code --datacenter}, else {@code unknown}, which {@code datacenter_from} says.
 */
@AutoService(Importer.class)
public final class AccessLogImporter implements Importer {
  /** A quoted field with its backslash escapes; possessive, so a long one is one step, not one recursion per character. */
  private static final String QUOTED = "\"((?:[^\"\\\\]++|\\\\.)*+)\"";
  /** Common/combined log format, with Apache's vhost_combined {@code %v:%p} first when present. */
  private static final Pattern COMMON = Pattern.compile("(?:(\\S+:\\d+) )?(\\S+) (\\S+) (\\S+) \\[(\\d{1,2}/[A-Za-z]{3}/\\d{4}:"
      + "\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})? [+-]\\d{4})] " + QUOTED + " (\\S+) (\\S+)(?: " + QUOTED + " " + QUOTED + ")?(.*)");
  /** HAProxy's HTTP log format: client, accept date, frontend, backend/server, five timers, status, bytes. */
  private static final Pattern HAPROXY = Pattern.compile("(\\S+):\\d+ \\[(\\d{2}/[A-Za-z]{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?)] "
      + "(\\S+) ([^/\\s]+)/(\\S+) -?\\d+/-?\\d+/-?\\d+/-?\\d+/\\+?(-?\\d+) (-?\\d+) \\+?\\d+ (.*)");
  /** HAProxy's termination state, before its connection counts ({@code ---- 1/1/1/1/0 0/0}). */
  private static final Pattern TERMINATION = Pattern.compile("(?:^|\\s)(\\S{4}) \\d+/\\d+/\\d+/\\d+/\\+?\\d+ \\d+/\\d+");
  /** Envoy's default format: start, request, code, flags, bytes in/out, duration, upstream time, then five quoted fields. */
  private static final Pattern ENVOY = Pattern.compile("\\[(\\d{4}-\\d{2}-\\d{2}T[\\d:.]+(?:Z|[+-]\\d{2}:?\\d{2}))] " + QUOTED
      + " (\\d{1,3}) (\\S+) \\d+ \\d+ (\\d+|-) (\\S+) " + QUOTED + " " + QUOTED + " " + QUOTED + " " + QUOTED + " " + QUOTED + ".*");
  /** A request time written as {@code rt=0.125} or {@code request_time=0.125} (seconds) after the combined fields. */
  private static final Pattern KEYED_TIME = Pattern.compile("(?:^|\\s)(?:rt|request_time)=(\\d+(?:\\.\\d+)?)(?=\\s|$)");
  private static final DateTimeFormatter HAPROXY_DATE = DateTimeFormatter.ofPattern("dd/MMM/uuuu:HH:mm:ss[.SSSSSS][.SSS]", Locale.ENGLISH)
      .withResolverStyle(ResolverStyle.STRICT);

  @Override
  public String name() {
    return "access-log";
  }

  @Override
  public String summary() {
    return "NGINX/Apache common or combined access log, HAProxy's HTTP log, Envoy's default access log → requests";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.REQUESTS, LogKind.EVENTS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    ImportRun.Clock clock = run.clock();
    RequestRows.Place fileServer = RequestRows.fileServer(source, run);
    RequestRows.Place datacenter = RequestRows.datacenter(null, null, run);
    Lines.each(source, (n, text) -> {
      SyslogLine.Parts syslog = SyslogLine.parts(text);
      String body = syslog == null ? text : syslog.text();
      String host = syslog == null ? null : syslog.host();
      Matcher m;
      if ((m = HAPROXY.matcher(body)).matches()) {
        haproxy(m, host, headerZone(syslog, clock, run), datacenter, source, n, run);
      } else if ((m = ENVOY.matcher(body)).matches()) {
        envoy(m, host, fileServer, datacenter, clock, source, n, run);
      } else if ((m = COMMON.matcher(body)).matches()) {
        common(m, host, fileServer, datacenter, clock, source, n, run);
      } else if (syslog != null) {
        // another program's message, or the proxy's own (a backend server going down): an event, as syslog reads it
        String time = clock.isoOrNull(syslog.time());
        if (time == null) {
          run.ignored(source);
        } else {
          SyslogImporter.event(syslog, time, "syslog", source, n, run);
        }
      } else {
        run.problem(source, n, "not an access-log line (common or combined log format, HAProxy's HTTP log, Envoy's default format)");
      }
    });
  }

  private static void common(Matcher m, String host, RequestRows.Place fileServer, RequestRows.Place datacenter, ImportRun.Clock clock,
      Source source, int n, ImportRun run) {
    String time;
    try {
      time = clock.iso(m.group(5));
    } catch (DateTimeException e) {
      run.problem(source, n, "time [" + m.group(5) + "]: " + e.getMessage());
      return;
    }
    String status = m.group(7);
    if (!status.matches("\\d{3}")) {
      run.problem(source, n, "status '" + status + "' is no HTTP status");
      return;
    }
    RequestRows.Place server = host != null ? new RequestRows.Place(host, "syslog host") : fileServer;
    String rest = m.group(11).trim();
    RequestRows.row(run, source, n, time, datacenter, server, server.name(), status, requestTime(rest), m.group(2), "")
        .set("request", m.group(6)).set("vhost", m.group(1) == null ? "" : m.group(1).replaceFirst(":\\d+$", ""));
    run.kept(source);
  }

  /**
   * The request time written after the combined format's fields: {@code rt=}/{@code request_time=} in seconds, else the
   * first field alone — with a decimal point NGINX's {@code $request_time} (seconds, millisecond resolution), a whole number
   * Apache's {@code %D} (microseconds); "" when there is none.
   */
  static String requestTime(String rest) {
    Matcher keyed = KEYED_TIME.matcher(rest);
    if (keyed.find()) return RequestRows.millis(keyed.group(1), 1);
    String first = rest.isEmpty() ? "" : rest.split("\\s+", 2)[0];
    if (first.matches("\\d+\\.\\d+")) return RequestRows.millis(first, 1);
    if (first.matches("\\d+")) return RequestRows.millis(first, 1_000_000);
    return "";
  }

  /**
   * The zone of HAProxy's accept date, its host's local time without an offset: {@code --timezone}, else the offset its
   * syslog header was read in (written there, or the one year-less syslog times take), so a request and the proxy's own
   * messages of the same file keep one clock; else UTC.
   */
  private static java.time.ZoneId headerZone(SyslogLine.Parts syslog, ImportRun.Clock clock, ImportRun run) {
    if (syslog == null || run.settings().timezone != null) return run.zone();
    try {
      return clock.parse(syslog.time()).offset();
    } catch (DateTimeException e) {
      return run.zone();
    }
  }

  private static void haproxy(Matcher m, String host, java.time.ZoneId zone, RequestRows.Place datacenter, Source source, int n,
      ImportRun run) {
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(m.group(2), HAPROXY_DATE);
    } catch (DateTimeException e) {
      run.problem(source, n, "accept date [" + m.group(2) + "] is no time as HAProxy writes it (06/Feb/2009:12:14:14.655)");
      return;
    }
    ZonedDateTime z = local.atZone(zone);
    String status = m.group(7);
    String backend = m.group(4);
    String serverName = m.group(5);
    // a request no server answered (<NOSRV>: none up, or denied by the proxy) is the backend's
    boolean reached = !serverName.startsWith("<");
    String served = reached ? serverName : backend;
    RequestRows.Place server = new RequestRows.Place(served, reached ? "backend server" : "backend (no server reached)");
    Matcher t = TERMINATION.matcher(m.group(8));
    RequestRows.row(run, source, n, ImportRun.format(z.toInstant(), z.getOffset()), datacenter, server, served,
        // -1: the client went away before any answer; no HTTP status was sent
        status.startsWith("-") ? "0" : status, RequestRows.millis(m.group(6), 1000), m.group(1), "")
        .set("proxy", host == null ? "" : host).set("frontend", m.group(3)).set("backend", backend)
        .set("termination_state", t.find() ? t.group(1) : "");
    run.kept(source);
  }

  private static void envoy(Matcher m, String host, RequestRows.Place fileServer, RequestRows.Place datacenter, ImportRun.Clock clock,
      Source source, int n, ImportRun run) {
    String time;
    try {
      time = clock.iso(m.group(1));
    } catch (DateTimeException e) {
      run.problem(source, n, "start time [" + m.group(1) + "]: " + e.getMessage());
      return;
    }
    String upstream = m.group(11).replaceFirst("^[a-z]+://", "");
    String authority = m.group(10);
    RequestRows.Place server;
    if (!upstream.isEmpty() && !upstream.equals("-")) {
      server = new RequestRows.Place(run.settings().devices().device(upstream), "upstream host");
    } else if (!authority.isEmpty() && !authority.equals("-")) {
      server = new RequestRows.Place(authority, "authority (no upstream reached)");
    } else {
      server = fileServer;
    }
    String forwarded = m.group(7);
    String client = forwarded.equals("-") ? "" : forwarded.split(",", 2)[0].trim();
    RequestRows.row(run, source, n, time, datacenter, server, server.name(), m.group(3), RequestRows.millis(m.group(5), 1000), client, "")
        .set("request", m.group(2)).set("proxy", host == null ? "" : host).set("response_flags", m.group(4).equals("-") ? "" : m.group(4))
        .set("authority", authority.equals("-") ? "" : authority);
    run.kept(source);
  }
}
