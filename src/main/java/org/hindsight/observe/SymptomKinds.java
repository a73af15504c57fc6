package org.hindsight.observe;

import java.util.List;
import java.util.Locale;

/**
 * The symptom kinds of the observation model: what the logs can show going wrong with an entity.
 * One extractor ({@link Observations}) reads them from every incident; simulators predict the same
 * kinds, and each declares which of them its pattern can produce.
 *
 * <table>
 *   <caption>Kinds</caption>
 *   <tr><th>kind</th><th>read from</th><th>onset</th><th>end</th><th>magnitude</th></tr>
 *   <tr><td>{@code service.down}</td><td>events whose type's last word says down ({@code service.down},
 *       {@code probe.failed}, {@code dns.healthcheck.failed}, {@code service.unreachable}, {@code *.unavailable},
 *       {@code *.unhealthy}, {@code *.timeout}, {@code *.offline}, {@code NodeNotReady}, {@code CrashLoopBackOff}, a health
 *       check's {@code critical}: {@code consul.check.critical};
 *       not adjacency, link or site events, nor an action's outcome: {@code ssh.login.failed}, {@code deploy.failed},
 *       {@code session.timeout})</td><td>the event</td>
 *       <td>the next up ({@code *.up}, {@code *.recovered}, {@code *.available}, {@code *.healthy}, {@code *.passed},
 *       {@code *.succeeded}, {@code NodeReady} …) or {@code *.degraded} of the entity (serving again)</td><td>—</td></tr>
 *   <tr><td>{@code service.degraded}</td><td>events whose type's last word is {@code degraded}; a collapse of a
 *       metric of work served ({@link #fallIsTrouble}: requests.rate, qps, success ratio) — a fall to at most a tenth of
 *       its level before, in one step from at least half of it</td><td>the event; the first collapsed sample</td>
 *       <td>the next up or down; the first sample back at half its level, staying there for
 *       {@code MetricThresholds.RECOVERY_HOLD}</td><td>—; trough ÷ level</td></tr>
 *   <tr><td>{@code adjacency.down}</td><td>event {@code adjacency.down}</td><td>the event</td>
 *       <td>the next {@code adjacency.up} of the entity</td><td>—</td></tr>
 *   <tr><td>{@code errors}</td><td>a metric whose name says error ({@code http.error_ratio}, …); for a process no metric
 *       series measures, its sampled requests failing with no successful answer for {@code MetricThresholds.RECOVERY_HOLD}
 *       ({@link RequestOutcomes}: onset the first failure, end the next success)</td>
 *       <td rowspan="5">first sample at or beyond the metric's threshold ({@code MetricThresholds})</td>
 *       <td rowspan="5">first sample back near the level before the onset (at or below half-way between it and the threshold), staying below the threshold for {@code MetricThresholds.RECOVERY_HOLD}</td>
 *       <td rowspan="5">peak ÷ baseline</td></tr>
 *   <tr><td>{@code latency}</td><td>a metric whose name says latency, ttfb, a percentile (p50, p95, p99, …) or duration</td></tr>
 *   <tr><td>{@code cpu.pinned}</td><td>{@code cpu.util}</td></tr>
 *   <tr><td>{@code routes.surge}</td><td>{@code igp.routes} and other {@code *.routes} counts</td></tr>
 *   <tr><td>{@code excursion}</td><td>any other metric (three times its baseline); detail names it</td></tr>
 *   <tr><td>{@code restart}</td><td>events whose type's last word (after {@code .}, {@code _} or {@code -}) is restart(ed), crash(ed) or oom(killed)</td><td>the event</td><td>the event (a moment)</td><td>—</td></tr>
 *   <tr><td>{@code anomaly}</td><td>any series leaving its learned baseline ({@link LearnedBaselines}: metrics,
 *       span latency and failures per service, the shapes of the calls a service makes, error-log template counts); looked up by kind, not listed in
 *       {@link Observations#all()}, where the threshold kinds above already say what went wrong; reports
 *       ({@link Observations#listed()}) list a rise of span latency, failed spans, a call shape or an error-log template of an
 *       entity no other symptom shows then (a bundle of traces only)</td>
 *       <td>first sample at a robust score of 6</td><td>first sample back under 3</td><td>peak robust score</td></tr>
 *   <tr><td>{@code data.loss}</td><td>events whose type is {@code data.loss} or ends in {@code data_loss}/{@code data.lost}</td><td>the event</td><td>the event</td><td>—</td></tr>
 * </table>
 */
public final class SymptomKinds {
  private SymptomKinds() {}

  public static final String SERVICE_DOWN = "service.down";
  public static final String SERVICE_DEGRADED = "service.degraded";
  public static final String ADJACENCY_DOWN = "adjacency.down";
  public static final String ERRORS = "errors";
  public static final String LATENCY = "latency";
  public static final String CPU_PINNED = "cpu.pinned";
  public static final String ROUTES_SURGE = "routes.surge";
  public static final String EXCURSION = "excursion";
  public static final String RESTART = "restart";
  public static final String DATA_LOSS = "data.loss";
  public static final String ANOMALY = "anomaly";

  public static final List<String> ALL = List.of(SERVICE_DOWN, SERVICE_DEGRADED, ADJACENCY_DOWN, ERRORS, LATENCY,
      CPU_PINNED, ROUTES_SURGE, EXCURSION, RESTART, DATA_LOSS);

  /** The kinds read from metric series only (the rest come from events). */
  public static final java.util.Set<String> FROM_METRICS = java.util.Set.of(ERRORS, LATENCY, CPU_PINNED, ROUTES_SURGE, EXCURSION);

  /** A percentile in a metric's name (p50, p95, p99.9): what is measured in percentiles is a duration. */
  private static final java.util.regex.Pattern PERCENTILE = java.util.regex.Pattern.compile("(?<![a-z0-9])p\\d{2}(?:\\.\\d+)?(?![0-9])");

  /** The kind a metric's excursions are. */
  public static String ofMetric(String metric) {
    String m = metric.toLowerCase(Locale.ROOT);
    if (m.equals("cpu.util")) return CPU_PINNED;
    if (m.contains("error")) return ERRORS;
    if (m.contains("latency") || m.contains("ttfb") || m.contains("p99") || m.contains("p95") || PERCENTILE.matcher(m).find() || m.contains("duration")) {
      return LATENCY;
    }
    if (m.equals("igp.routes") || m.endsWith(".routes")) return ROUTES_SURGE;
    return EXCURSION;
  }

  /** Words naming work served or its success: a series of them collapsing is an outage seen from the traffic. */
  private static final java.util.regex.Pattern SERVED = java.util.regex.Pattern.compile(
      "(?<![a-z])(requests?|reqs|rps|qps|tps|throughput|traffic|transactions|orders|checkouts|logins|success(es|ful)?|availability|available)(?![a-z])");

  /**
   * Whether a sudden fall of this metric is trouble: it measures work served or its success as a rate or a ratio
   * (requests.rate, qps, success_ratio, availability; not a cumulative counter such as http_requests_total, whose fall
   * is a restart's reset) or says the thing is up ({@code up}, {@code probe_success}),
   * not what it cost (errors, latency, CPU) nor a cache's hit ratio (a cold cache is a consequence, not an outage of its own).
   */
  public static boolean fallIsTrouble(String metric) {
    String m = metric.toLowerCase(Locale.ROOT);
    if (!ofMetric(m).equals(EXCURSION) || countsFailures(m) || m.contains("drop")) return false;
    // a cumulative counter (Prometheus's *_total, *_count, *_sum) falls to zero when its process restarts: a reset, not an outage
    if (COUNTER.matcher(m).find()) return false;
    return LIVENESS.matcher(m).find() || SERVED.matcher(m.replace('_', '.')).find();
  }

  /** Words of a metric that counts answers that failed (DNS's SERVFAIL, timeouts, rejections, 5xx). */
  private static final java.util.regex.Pattern FAILURES = java.util.regex.Pattern.compile("fail|timeout|timed.?out|reject|denied|5xx");

  /**
   * Whether the metric counts what the entity answered with failure ({@code dns.servfail_ratio},
   * {@code dns.query_timeout_ratio}, {@code auth_rejected}): what its callers get, like errors, never its own
   * load or resources, whatever kind its excursions are read as.
   */
  public static boolean countsFailures(String metric) {
    return FAILURES.matcher(metric.toLowerCase(Locale.ROOT)).find();
  }

  /** The suffixes of cumulative counters (Prometheus's naming conventions, StatsD's and Datadog's {@code .count}). */
  private static final java.util.regex.Pattern COUNTER = java.util.regex.Pattern.compile("[._](total|count|sum|bucket)$");

  /** A gauge saying whether the thing answers at all: Prometheus's {@code up}, the blackbox exporter's {@code probe_success}. */
  private static final java.util.regex.Pattern LIVENESS = java.util.regex.Pattern.compile("(^|[._])(up|probe[._]success|healthy)$");

  /** The kind of a collapse of a series {@link #fallIsTrouble} reads: a liveness gauge's is an outage, traffic's a degradation. */
  public static String ofFall(String metric) {
    return LIVENESS.matcher(metric.toLowerCase(Locale.ROOT)).find() ? SERVICE_DOWN : SERVICE_DEGRADED;
  }

  /** The kind an event type is, or null when the event is context rather than a symptom. */
  public static String ofEvent(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    switch (t) {
      case SERVICE_DOWN:
        return SERVICE_DOWN;
      case SERVICE_DEGRADED:
        return SERVICE_DEGRADED;
      case ADJACENCY_DOWN:
        return ADJACENCY_DOWN;
      case DATA_LOSS:
        return DATA_LOSS;
      default:
        break;
    }
    if (t.endsWith("data_loss") || t.endsWith("data.lost")) return DATA_LOSS;
    // the type's last word, also when an exporter joins words with _ or - (varnish.child_crashed, pod-restarted)
    String last = t.substring(Math.max(t.lastIndexOf('.'), Math.max(t.lastIndexOf('_'), t.lastIndexOf('-'))) + 1);
    if (last.equals("restart") || last.equals("restarted") || last.equals("crash") || last.equals("crashed")
        || last.equals("oom") || last.equals("oomkilled")) {
      return RESTART;
    }
    return null;
  }
}
