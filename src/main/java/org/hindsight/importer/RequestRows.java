package org.hindsight.importer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;

/**
 * The {@code requests} rows the access-log importers write, and where their places come from. A request log names what
 * served a request (a backend server, a target, an origin) more often than the data centre and machine the log was
 * written in: what a line does not say comes from the file's name or an option, and the columns {@code datacenter_from}
 * and {@code server_from} say which, so no place is made up unseen.
 */
final class RequestRows {
  private RequestRows() {}

  /** What a data centre named by nothing is written as (the contract requires one). */
  static final String UNKNOWN_DATACENTER = "unknown";

  /** Words web servers' and proxies' log files are named by, which name no host ({@code access.log}, {@code ssl_access_log}). */
  private static final Pattern GENERIC_NAME = Pattern.compile(
      "(?i)(?:^|[._-])(?:ssl[._-]?)?(?:other[._-]vhosts[._-])?(?:access|requests?|error|nginx|httpd|apache2?|haproxy|envoy|proxy)"
          + "(?:[._-]?log)?$|^(?:log|logs)$");
  /** A rotated or dated copy's suffix ({@code .1}, {@code -20240620}) and a log's extensions. */
  private static final Pattern COMPRESSED = Pattern.compile("(?i)\\.(?:gz|zst|bz2|xz)$");
  private static final Pattern ROTATION = Pattern.compile("\\.\\d{1,3}$|-\\d{8}$");
  private static final Pattern LOG_EXTENSION = Pattern.compile("(?i)\\.(?:log|txt|json|jsonl)$");

  /** A place of the requests and where it came from ({@code --datacenter}, {@code file name}, a field's name). */
  record Place(String name, String from) {}

  /**
   * The data centre: the one the log names (a field such as Cloudflare's {@code EdgeColoCode}, null for none), else
   * {@code --datacenter}, else {@link #UNKNOWN_DATACENTER} — said so in {@code datacenter_from}.
   */
  static Place datacenter(String named, String namedFrom, ImportRun run) {
    if (named != null && !named.isBlank()) return new Place(named.trim(), namedFrom);
    if (run.settings().datacenter != null) return new Place(run.settings().datacenter, "--datacenter");
    return new Place(UNKNOWN_DATACENTER, "not in the log");
  }

  /**
   * The server that wrote a log whose lines do not name it: {@code --server}, else the host the file is named after
   * ({@code web-1.access.log}, {@code web-1-access.log.1}), else the file's own name ({@code access.log}: names no host,
   * which {@code server_from} says).
   */
  static Place fileServer(Source source, ImportRun run) {
    if (run.settings().server != null) return new Place(run.settings().server, "--server");
    String name = source.name().replaceAll(".*/", "");
    // once each, in the order logrotate names them (web-1.access.log.1.gz): never a host's own number (web-1.log)
    String stem = COMPRESSED.matcher(name).replaceFirst("");
    stem = ROTATION.matcher(stem).replaceFirst("");
    stem = LOG_EXTENSION.matcher(stem).replaceFirst("");
    String host = GENERIC_NAME.matcher(stem).replaceFirst("");
    if (!host.isEmpty() && !GENERIC_NAME.matcher(host).matches()) return new Place(host, "file name");
    return new Place(name.replaceAll("(?i)\\.(gz|zst)$", ""), "file name (names no host)");
  }

  /**
   * Milliseconds from a duration as a tool writes it ({@code unitsPerSecond}: 1 for seconds, 1000 for milliseconds,
   * 1,000,000 for microseconds, 10⁹ for nanoseconds); "" for none ({@code -}, {@code -1}: not measured).
   */
  static String millis(String value, long unitsPerSecond) {
    if (value == null || value.isBlank() || value.equals("-") || value.startsWith("-")) return "";
    BigDecimal v;
    try {
      v = new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      return "";
    }
    BigDecimal ms = v.multiply(BigDecimal.valueOf(1000)).divide(BigDecimal.valueOf(unitsPerSecond), 3, RoundingMode.HALF_EVEN);
    return ms.stripTrailingZeros().toPlainString();
  }

  /** A requests row with the contract's columns; the caller adds the format's own. */
  static ImportRun.Row row(ImportRun run, Source source, int line, String time, Place datacenter, Place server, String process,
      String status, String durationMs, String client, String rule) {
    return run.row(LogKind.REQUESTS, source, line).set("timestamp", time).set("datacenter", datacenter.name())
        .set("server", server.name()).set("process", process).set("status", status).set("rule", rule == null ? "" : rule)
        .set("duration_ms", durationMs).set("client", client == null ? "" : client)
        .set("datacenter_from", datacenter.from()).set("server_from", server.from());
  }
}
