package org.hindsight.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hindsight.ingest.InputException;
import org.hindsight.ingest.InputProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hindsight reduce}: the Spark job of {@code org.hindsight.reduce}. Spark is not in
 * hindsight.jar; {@code ./hindsight reduce} puts the build's copy (target/spark/) on the class path,
 * and on a cluster spark-submit provides it. Spark classes are touched only inside {@link #call()},
 * so the other commands never load them.
 */
@Command(name = "reduce", mixinStandardHelpOptions = true,
    description = {"Reduce a fleet-sized incident on Apache Spark to a bundle 'hindsight analyze' reads on one machine: "
        + "steady metric samples summarised, plain request samples thinned, events no rule or model reads counted per entity,"
        + " type and hour, the rest and structural kinds kept whole; "
        + "every row keeps citing the raw input (origin column).",
        "  ./hindsight reduce INPUT… --out DIR                 (local[*]; INPUT: CSV, JSON lines, Parquet; local or any Hadoop path)",
        "  spark-submit --class org.hindsight.cli.ReduceMain target/hindsight-spark.jar INPUT… --out DIR   (a cluster; see docs/reduce.md)"},
    footer = ExitCode.HELP)
final class ReduceCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Files or folders (hdfs://, s3a://, file paths); kind=path names a kind.")
  List<String> inputs = new ArrayList<>();

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "A new or empty folder (any Hadoop path) for the reduced bundle.")
  String out;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master when not run by spark-submit (default: local[*], every core of this machine).")
  String master;

  @Option(names = "--requests-per-minute", paramLabel = "N", defaultValue = "30",
      description = "Plain request samples (not mixed-cookie, not a key's first or last) kept per data centre and minute"
          + " before thinning starts (default: ${DEFAULT-VALUE}).")
  int requestsPerMinute;

  @Option(names = "--rules", paramLabel = "DIR",
      description = "Rule folders the reduced bundle will be analysed with, besides the built-in rules: events of every type"
          + " their Event patterns can match are kept whole, as for the built-in rules (repeatable).")
  List<String> rules = new ArrayList<>();

  @Mixin ReadOptions read;

  @Override
  public Integer call() throws Exception {
    if (!read.columnMaps.isEmpty() || read.columnMapFile != null) {
      throw new UsageException("reduce takes no --map: name the columns as the contract does (or import first)");
    }
    if (!read.encoding().equals(java.nio.charset.StandardCharsets.UTF_8)) {
      throw new UsageException("reduce reads UTF-8 only: convert the files (iconv -f " + read.encoding().name() + " -t UTF-8) or import them first");
    }
    if (requestsPerMinute < 1) throw new UsageException("--requests-per-minute must be at least 1");
    try {
      Class.forName("org.apache.spark.sql.SparkSession");
    } catch (ClassNotFoundException e) {
      throw new UsageException("reduce runs on Apache Spark, which is not in hindsight.jar: run ./hindsight reduce (it puts"
          + " target/spark/ on the class path) or spark-submit (docs/reduce.md)");
    }
    var options = new org.hindsight.reduce.Reducer.Options(read.timezone, read.timeFormat(), read.year, read.lenient(),
        read.lenientAll(), requestsPerMinute);
    if (!rules.isEmpty()) {
      List<String> folders = new ArrayList<>(options.eventRules());
      folders.addAll(rules);
      options = options.withEventRules(folders);
    }
    long start = System.nanoTime();
    var spark = org.hindsight.reduce.Reducer.localSession(master);
    try {
      var r = new org.hindsight.reduce.Reducer(spark, options).reduce(inputs, out);
      for (InputProblem p : r.skipped()) System.err.println(p);
      double s = (System.nanoTime() - start) / 1e9;
      System.err.printf(Locale.ROOT, "hindsight: reduced %,d rows to %,d (%.1f×) in %.1f s; %s%n", r.rowsRead(), r.rowsWritten(),
          r.rowsWritten() == 0 ? 0.0 : (double) r.rowsRead() / r.rowsWritten(), s, summary(r.perKind()));
      System.out.println(out);
      return ExitCode.OK;
    } catch (InputException e) {
      for (InputProblem p : e.problems()) System.err.println(p);
      System.err.println("hindsight: " + e.problems().size() + " problem(s); nothing was written"
          + (e.lenientWouldHelp() ? " (use --lenient to skip bad rows)." : "."));
      return ExitCode.BAD_INPUT;
    } finally {
      spark.stop();
    }
  }

  private static String summary(java.util.Map<String, long[]> perKind) {
    List<String> parts = new ArrayList<>();
    perKind.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %,d→%,d", k, v[0], v[1])));
    return String.join(", ", parts);
  }
}
