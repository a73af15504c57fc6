package org.hindsight.importer;

import java.math.BigDecimal;
import java.util.Map;
import org.hindsight.ingest.LogKind;

/**
 * What the three clouds' metric exports share: their names for what rules know, and one sample as a {@code metrics}
 * row. A cloud names a machine's CPU its own way ({@code CPUUtilization}, {@code Percentage CPU},
 * {@code compute.googleapis.com/instance/cpu/utilization}); the rules know {@code cpu.util}, in percent (the contract),
 * so a cloud's fraction of one is scaled to percent. {@code --metric-map} is asked first: the user's word wins.
 */
final class CloudMetrics {
  private CloudMetrics() {}

  /** A cloud's metric as a name rules know, and the factor that brings its values to that name's unit. */
  record Known(String name, double scale) {}

  /** The clouds' CPU metrics, by their own names: percent already, or a fraction of one. */
  static final Map<String, Known> DEFAULTS = Map.ofEntries(
      // CloudWatch: EC2, RDS, ECS, ElastiCache all call it CPUUtilization, in Percent
      Map.entry("CPUUtilization", new Known("cpu.util", 1)),
      // Azure Monitor: virtual machines and scale sets, App Service plans, SQL databases, in Percent
      Map.entry("Percentage CPU", new Known("cpu.util", 1)),
      Map.entry("CpuPercentage", new Known("cpu.util", 1)),
      Map.entry("cpu_percent", new Known("cpu.util", 1)),
      // Cloud Monitoring writes utilisation as a fraction of one (its unit "10^2.%")
      Map.entry("compute.googleapis.com/instance/cpu/utilization", new Known("cpu.util", 100)),
      Map.entry("cloudsql.googleapis.com/database/cpu/utilization", new Known("cpu.util", 100)),
      Map.entry("kubernetes.io/container/cpu/limit_utilization", new Known("cpu.util", 100)),
      Map.entry("kubernetes.io/node/cpu/allocatable_utilization", new Known("cpu.util", 100)));

  /** The name rules know for a cloud's metric: {@code --metric-map}'s (unscaled: the user said what it is), else ours, else its own. */
  static Known known(ImportRun run, String cloudName) {
    if (run.settings().metrics.maps(cloudName)) return new Known(run.settings().metrics.map(cloudName), 1);
    return DEFAULTS.getOrDefault(cloudName, new Known(cloudName, 1));
  }

  /**
   * One sample as a metrics row, or a problem at its line: a value that is no number, a time the clouds do not write.
   * {@code time} is the tool's text (ISO-8601 with an offset, or epoch seconds as an API's wire form has them).
   *
   * @return the row, for a caller that learns its entity later; null when the sample was a problem
   */
  static ImportRun.Row sample(ImportRun run, Source source, int line, String time, String value, String entity, Known metric,
      String series) {
    String iso = time(run, time);
    if (iso == null) {
      run.problem(source, line, "time '" + time + "' is no time (ISO-8601 with an offset, or epoch seconds)");
      return null;
    }
    String text = value.trim();
    if (NO_VALUE.matcher(text).matches()) {
      run.ignored(source); // a gap the tool wrote as NaN: no sample, counted
      return null;
    }
    if (!NUMBER.matcher(text).matches() || !Double.isFinite(Double.parseDouble(text))) {
      run.problem(source, line, "value '" + value + "' is not a number");
      return null;
    }
    BigDecimal v = new BigDecimal(text);
    if (metric.scale() != 1) v = v.multiply(BigDecimal.valueOf(metric.scale())).stripTrailingZeros();
    ImportRun.Row row = run.row(LogKind.METRICS, source, line).set("timestamp", iso).set("entity", entity)
        .set("metric", metric.name()).set("value", v.toPlainString()).set("series", series);
    run.kept(source);
    return row;
  }

  /** A decimal number as JSON writes one, its exponent bounded (no {@code 1e-2147483647} written out in full). */
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?\\d{1,400}(\\.\\d{1,400})?([eE][-+]?\\d{1,3})?");

  /** What the tools write for a point without a value (Cloud Monitoring's and Prometheus's NaN). */
  private static final java.util.regex.Pattern NO_VALUE = java.util.regex.Pattern.compile("[-+]?(NaN|Infinity|inf)", java.util.regex.Pattern.CASE_INSENSITIVE);

  /** Epoch seconds as an API's wire form has them ({@code 1718892180}, {@code 1.71889218E9}). */
  private static final java.util.regex.Pattern EPOCH_SECONDS = java.util.regex.Pattern.compile("\\d{1,12}(\\.\\d{1,9})?([eE]\\+?\\d{1,2})?");

  /** The time as the contract writes it, or null: ISO-8601 as the CLIs print it, or epoch seconds (an API's wire form). */
  static String time(ImportRun run, String text) {
    String t = text.trim();
    if (t.isEmpty()) return null;
    if (EPOCH_SECONDS.matcher(t).matches()) return run.millis(new BigDecimal(t).movePointRight(3).toPlainString());
    return run.clock().isoOrNull(t);
  }
}
