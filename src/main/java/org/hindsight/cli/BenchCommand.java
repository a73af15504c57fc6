package org.hindsight.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.bench.Benchmark;
import org.hindsight.bench.BundleGenerator;
import org.hindsight.bench.DuckDbPeer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Generate a synthetic incident bundle of N rows across every log kind, then measure bare CSV parsing "
        + "and the full analysis of it in the same run (rows/s, wall time, peak heap). "
        + "Set the heap with HINDSIGHT_JAVA_OPTS, e.g. HINDSIGHT_JAVA_OPTS=-Xmx1g ./hindsight bench --rows 1000000.",
    footer = ExitCode.HELP)
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000", description = "Rows to generate (default: ${DEFAULT-VALUE}).")
  long rows;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Folder for the generated bundle (must be empty or new; default: a temporary folder).")
  Path out;

  @Option(names = "--keep", description = "Keep the generated bundle after the run (it is deleted otherwise).")
  boolean keep;

  @Option(names = "--rules", paramLabel = "DIR", description = "An extra folder of DRL rules (repeatable).")
  List<Path> ruleDirs = new ArrayList<>();

  @Option(names = "--no-builtin-rules", description = "Use only the --rules folders, not the built-in rules/.")
  boolean noBuiltinRules;

  @Option(names = "--peer", paramLabel = "NAME",
      description = "Also run a peer on the same bundle and print both throughputs and their ratio: duckdb (loads every "
          + "file, derives the same metric excursions, checked equal, and runs two temporal joins of the built-in rules).")
  String peer;

  @Option(names = "--peer-jar", paramLabel = "JAR",
      description = "DuckDB's JDBC jar (default: the one the build copies to target/peer/).")
  Path peerJar;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--generate-only", description = "Only write the bundle to --out (kept) and say what was written: "
      + "the input of a later analyze or reduce run, e.g. ./hindsight bench --rows 100000000 --generate-only --out /tmp/b100m.")
  boolean generateOnly;

  @Option(names = "--max-rule-seconds", paramLabel = "S", defaultValue = "120",
      description = "Wall-time budget of derivers and rules, as for analyze (default: ${DEFAULT-VALUE}); raise it on a loaded machine.")
  long maxRuleSeconds;

  @Override
  public Integer call() throws Exception {
    if (rows < 1000) throw new UsageException("--rows must be at least 1000");
    if (generateOnly && out == null) throw new UsageException("--generate-only needs --out DIR (the bundle is kept there)");
    Path dir = out != null ? out : Files.createTempDirectory("hindsight-bench-");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        if (out != null && s.findAny().isPresent()) throw new UsageException(dir + ": --out folder is not empty");
      }
    }
    Path duckDb = null;
    if (peer != null) {
      if (!peer.equals("duckdb")) throw new UsageException("--peer: unknown peer '" + peer + "' (known: duckdb)");
      duckDb = peerJar != null ? peerJar
          : DuckDbPeer.findJar(Path.of(System.getProperty("hindsight.home", "."), "target", "peer"));
      if (duckDb == null || !Files.isRegularFile(duckDb)) {
        throw new UsageException("--peer duckdb: DuckDB's JDBC driver not found; " + DuckDbPeer.HOW_TO_GET);
      }
    }
    List<Path> rules = new ArrayList<>();
    Path builtIn = AnalysisOptions.builtInRules();
    if (!noBuiltinRules && Files.isDirectory(builtIn)) rules.add(builtIn);
    rules.addAll(ruleDirs);
    boolean tty = Progress.wanted();
    try {
      if (tty) Progress.stage("generating " + String.format(Locale.ROOT, "%,d", rows) + " rows…");
      long g0 = System.nanoTime();
      BundleGenerator.Written w = new BundleGenerator(rows, seed).writeTo(dir);
      double genSeconds = (System.nanoTime() - g0) / 1e9;
      if (generateOnly) {
        Progress.done();
        System.out.printf(Locale.ROOT, "Hindsight benchmark bundle: %,d rows in %d files, %.1f MiB, in %s (generated in %.1f s)%n",
            w.rows(), w.files().size(), w.bytes() / 1048576.0, dir, genSeconds);
        return ExitCode.OK;
      }
      if (tty) Progress.stage("parsing…");
      Benchmark.Phase parse = Benchmark.parse(w.files());
      Benchmark.Phase parseOwn = Benchmark.parseOwnReader(w.files());
      if (tty) Progress.stage("analysing…");
      Benchmark.Work[] work = new Benchmark.Work[1];
      List<Benchmark.Phase> analyze = Benchmark.analyze(dir, rules, tty ? Progress::rows : n -> {}, work,
          java.time.Duration.ofSeconds(maxRuleSeconds));
      DuckDbPeer.Result peerResult = null;
      if (duckDb != null) {
        if (tty) Progress.stage("running the DuckDB peer…");
        peerResult = DuckDbPeer.run(duckDb, w.files());
      }
      Progress.done();
      List<Benchmark.Phase> phases = new ArrayList<>();
      phases.add(parse);
      phases.add(parseOwn);
      phases.addAll(analyze);
      print(w, genSeconds, phases, work[0], rules);
      if (peerResult != null) return printPeer(peerResult, analyze.get(analyze.size() - 1), work[0]);
      return ExitCode.OK;
    } finally {
      if (!keep && !generateOnly) delete(dir, out == null);
    }
  }

  private void print(BundleGenerator.Written w, double genSeconds, List<Benchmark.Phase> phases,
      Benchmark.Work work, List<Path> rules) {
    Runtime rt = Runtime.getRuntime();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Hindsight benchmark: %,d rows in %d files, %.1f MiB (generated in %.1f s)%n",
        w.rows(), w.files().size(), w.bytes() / 1048576.0, genSeconds));
    sb.append(String.format(Locale.ROOT, "JVM: Java %s, max heap %d MiB, %d cores, load average %.1f; rules: %s%n",
        System.getProperty("java.version"), rt.maxMemory() / 1048576, rt.availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        rules.isEmpty() ? "(none)" : String.join(", ", rules.stream().map(Path::toString).toList())));
    sb.append(String.format(Locale.ROOT, "%n| phase | rows | wall time | rows/s | CPU time | peak heap used | peak live heap (after GC) |%n"));
    sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Benchmark.Phase p : phases) {
      sb.append(String.format(Locale.ROOT, "| %s | %,d | %.2f s | %,.0f | %.2f s | %,d MiB | %,d MiB |%n", p.name(), p.rows(),
          p.seconds(), p.rowsPerSecond(), p.cpuSeconds(), p.peakHeap() / 1048576, p.peakLive() / 1048576));
    }
    sb.append(String.format(Locale.ROOT, "%nThe analysis ran %d rules (%s): %,d firings, %d hypotheses, %d findings, "
        + "%,d derived facts (%,d metric excursions).%n", work.rules(), work.rulesOrigin(), work.firings(), work.hypotheses(),
        work.findings(), work.derivedFacts(), work.excursions()));
    Benchmark.Phase full = phases.stream().filter(p -> p.name().equals("full analysis")).findFirst().orElse(null);
    if (full != null) {
      double validation = work.validationNanos() / 1e9;
      double without = full.seconds() - validation;
      sb.append(String.format(Locale.ROOT, "Validation by replay (rivals, counterfactuals, scoring) took %.2f s of the full analysis's %.2f s: "
          + "it adds %.1f %% to the %.2f s the analysis takes without it.%n", validation, full.seconds(),
          without <= 0 ? 0 : 100 * validation / without, without));
    }
    if (full != null) {
      // The target is the analysis's overhead over reading the CSV, so the floor is the faster reader.
      Benchmark.Phase floor = phases.stream().filter(p -> p.name().startsWith("bare CSV parse"))
          .min(Comparator.comparingDouble(p -> p.cpuSeconds() / Math.max(1, p.rows()))).orElse(null);
      if (floor != null) {
        sb.append(String.format(Locale.ROOT, "Full analysis / bare parse: %.2f (CPU time per row), %.2f (wall); "
            + "the floor is the faster parse, %s.%n", (floor.cpuSeconds() / floor.rows())
            / (full.cpuSeconds() / full.rows()), full.rowsPerSecond() / floor.rowsPerSecond(), floor.name()));
      }
    }
    if (keep) sb.append("Bundle kept in ").append(w.files().get(0).getParent()).append('\n');
    PrintStream ps = System.out;
    ps.write(sb.toString().getBytes(StandardCharsets.UTF_8), 0, sb.toString().getBytes(StandardCharsets.UTF_8).length);
    ps.flush();
  }

  /** The peer's phases, both throughputs and their ratio; exit 1 if the excursion counts differ. */
  private static int printPeer(DuckDbPeer.Result peer, Benchmark.Phase hindsight, Benchmark.Work work) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%n| peer phase | rows | wall time | rows/s | CPU time |%n|---|---:|---:|---:|---:|%n"));
    for (Benchmark.Phase p : peer.phases()) {
      sb.append(String.format(Locale.ROOT, "| %s | %,d | %.2f s | %,.0f | %.2f s |%n", p.name(), p.rows(), p.seconds(),
          p.rowsPerSecond(), p.cpuSeconds()));
    }
    Benchmark.Phase total = peer.phases().get(peer.phases().size() - 1);
    boolean same = peer.excursions() == work.excursions();
    sb.append(String.format(Locale.ROOT, "%nMetric excursions: Hindsight %,d, DuckDB %,d: %s.%n", work.excursions(),
        peer.excursions(), same ? "identical" : "DIFFERENT (the comparison is void)"));
    sb.append(String.format(Locale.ROOT, "DuckDB joins: %,d igp.routes surges within [-30 s, 15 min] of a config line; "
        + "%,d service failures within [-5 min, 12 h] of a site loss.%n", peer.igpSurgesAfterConfigLines(),
        peer.failuresAfterSiteLoss()));
    sb.append(String.format(Locale.ROOT, "Throughput: Hindsight full analysis %,.0f rows/s, DuckDB peer %,.0f rows/s; "
        + "Hindsight / DuckDB = %.2f (wall), %.2f (CPU time per row).%n", hindsight.rowsPerSecond(), total.rowsPerSecond(),
        hindsight.rowsPerSecond() / total.rowsPerSecond(),
        (total.cpuSeconds() / total.rows()) / (hindsight.cpuSeconds() / hindsight.rows())));
    byte[] out = sb.toString().getBytes(StandardCharsets.UTF_8);
    System.out.write(out, 0, out.length);
    System.out.flush();
    return same ? ExitCode.OK : ExitCode.INTERNAL;
  }

  /** Deletes the generated files (and the folder when Hindsight created it or it is left empty). */
  private static void delete(Path dir, boolean ownFolder) throws IOException {
    if (!Files.isDirectory(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir) || ownFolder || isEmpty(dir)) Files.deleteIfExists(p);
      }
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }
}
