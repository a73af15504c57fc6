package org.hindsight.bench;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.hindsight.ingest.LogKind;

/**
 * The benchmark's yardstick: DuckDB (embedded, through JDBC) does the comparable part of the work
 * on the same bundle — loads every file of every kind, derives the metric excursions with
 * Hindsight's definition (a run of samples at or above the series' threshold; threshold 90 for
 * {@code cpu.util}, 0.05 for {@code http.error_ratio}, else three times the median of the first
 * quarter of the samples, at most 50) and runs two temporal joins of the built-in rules. DuckDB
 * is not in Hindsight's jar: the build copies it to {@code target/peer/}, and it is loaded from
 * there only when asked for.
 */
public final class DuckDbPeer {
  /** How to get DuckDB when it is missing. */
  public static final String HOW_TO_GET = "the build copies DuckDB's JDBC driver to target/peer/ (mvn -B package); "
      + "or point --peer-jar at a duckdb_jdbc jar";

  /**
   * What the peer did, with the time of each step.
   *
   * @param igpSurgesAfterConfigLines missing-exit's join: config lines followed within [-30 s, 15 min] by an
   *     {@code igp.routes} excursion on any entity
   * @param failuresAfterSiteLoss single-site-dependency's join: site power-loss or fire events followed within
   *     [-5 min, 12 h] by a service down or degraded event
   */
  public record Result(long rows, long excursions, long igpSurgesAfterConfigLines, long failuresAfterSiteLoss,
      List<Benchmark.Phase> phases) {}

  private DuckDbPeer() {}

  /** The DuckDB JDBC jar in {@code dir}, or null. */
  public static Path findJar(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return null;
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("duckdb_jdbc-.*\\.jar")).sorted().findFirst().orElse(null);
    }
  }

  /** Runs the peer on the bundle's files, with DuckDB loaded from {@code jar}. */
  public static Result run(Path jar, List<Path> files) throws IOException, SQLException, ReflectiveOperationException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, DuckDbPeer.class.getClassLoader())) {
      Driver driver = (Driver) Class.forName("org.duckdb.DuckDBDriver", true, loader).getDeclaredConstructor().newInstance();
      try (Connection db = driver.connect("jdbc:duckdb:", new Properties()); Statement sql = db.createStatement()) {
        sql.execute("SET memory_limit = '1GB'"); // as Hindsight's -Xmx1g
        List<Benchmark.Phase> phases = new ArrayList<>();
        long start = System.nanoTime();
        long cpuStart = Benchmark.cpuNanos();

        long t0 = System.nanoTime();
        long c0 = Benchmark.cpuNanos();
        long rows = 0;
        for (Map.Entry<LogKind, List<Path>> e : byKind(files).entrySet()) {
          rows += load(sql, e.getKey(), e.getValue());
        }
        phases.add(phase("  load every file (read_csv)", rows, t0, c0));

        t0 = System.nanoTime();
        c0 = Benchmark.cpuNanos();
        sql.execute(EXCURSIONS);
        long excursions = count(sql, "SELECT count(*) FROM excursions");
        phases.add(phase("  derive metric excursions", rows, t0, c0));

        t0 = System.nanoTime();
        c0 = Benchmark.cpuNanos();
        long surges = count(sql, "SELECT count(*) FROM config_commands c JOIN excursions x ON x.metric = 'igp.routes'"
            + " AND x.start_ms BETWEEN c.ms - 30000 AND c.ms + 900000");
        long failures = count(sql, "SELECT count(*) FROM events s JOIN events f"
            + " ON f.type IN ('service.down', 'service.degraded') AND f.ms BETWEEN s.ms - 300000 AND s.ms + 43200000"
            + " WHERE s.type IN ('site.power_loss', 'site.fire')");
        phases.add(phase("  two temporal joins of the built-in rules", rows, t0, c0));

        phases.add(new Benchmark.Phase("DuckDB peer, total", rows, System.nanoTime() - start, Benchmark.cpuNanos() - cpuStart,
            0, 0));
        return new Result(rows, excursions, surges, failures, phases);
      }
    }
  }

  private static Map<LogKind, List<Path>> byKind(List<Path> files) {
    Map<LogKind, List<Path>> out = new LinkedHashMap<>();
    for (Path f : files) {
      LogKind kind = LogKind.ofFileName(f.getFileName().toString()).orElse(null);
      if (kind != null) out.computeIfAbsent(kind, k -> new ArrayList<>()).add(f);
    }
    return out;
  }

  /**
   * One table per kind, every column as text (as Hindsight reads them), with the time as epoch
   * milliseconds where the kind has one.
   */
  private static long load(Statement sql, LogKind kind, List<Path> files) throws SQLException {
    String table = kind.name().toLowerCase(java.util.Locale.ROOT);
    StringBuilder list = new StringBuilder();
    for (Path f : files) {
      if (list.length() > 0) list.append(", ");
      list.append('\'').append(f.toAbsolutePath().toString().replace("'", "''")).append('\'');
    }
    String read = "read_csv([" + list + "], header = true, all_varchar = true, union_by_name = true)";
    boolean timed = kind.requiredColumns().contains("timestamp");
    sql.execute("CREATE TABLE " + table + " AS SELECT *" + (timed ? ", epoch_ms(CAST(timestamp AS TIMESTAMPTZ)) AS ms" : "")
        + " FROM " + read);
    return count(sql, "SELECT count(*) FROM " + table);
  }

  /** Hindsight's metric excursions (MetricExcursionDeriver, MetricThresholds, MetricSeries.baseline) in SQL. */
  private static final String EXCURSIONS = """
      CREATE TABLE excursions AS
      WITH samples AS (
        SELECT entity, metric, ms, CAST(value AS DOUBLE) AS v,
               row_number() OVER (PARTITION BY entity, metric ORDER BY ms) AS i,
               count(*) OVER (PARTITION BY entity, metric) AS n
        FROM metrics),
      baselines AS (
        SELECT entity, metric, median(v) AS baseline FROM samples
        WHERE i <= greatest(1, least(50, n // 4)) GROUP BY entity, metric),
      flagged AS (
        SELECT s.entity, s.metric, s.ms, s.i,
               s.v >= CASE s.metric WHEN 'cpu.util' THEN 90 WHEN 'http.error_ratio' THEN 0.05
                                    ELSE CASE WHEN b.baseline > 0 THEN 3 * b.baseline END END AS beyond
        FROM samples s JOIN baselines b USING (entity, metric)),
      runs AS (
        SELECT entity, metric, ms, i - row_number() OVER (PARTITION BY entity, metric ORDER BY i) AS run
        FROM flagged WHERE beyond)
      SELECT entity, metric, min(ms) AS start_ms FROM runs GROUP BY entity, metric, run
      """;

  private static long count(Statement sql, String query) throws SQLException {
    try (ResultSet r = sql.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static Benchmark.Phase phase(String name, long rows, long t0, long c0) {
    return new Benchmark.Phase(name, rows, System.nanoTime() - t0, Benchmark.cpuNanos() - c0, 0, 0);
  }
}
