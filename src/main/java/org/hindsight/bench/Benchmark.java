package org.hindsight.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hindsight.ingest.CsvReader;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.derive.Derivers;
import org.hindsight.derive.FactDeriver;
import org.hindsight.engine.RuleBase;
import org.hindsight.engine.RuleException;
import org.hindsight.ingest.Bundle;
import org.hindsight.ingest.InputException;

/**
 * Measures, in one JVM, bare CSV parsing (commons-csv, and the reader ingest uses: the floors) and the full analysis
 * (ingest, derivation, rules, validation) of the same bundle, with wall time and heap per phase.
 */
public final class Benchmark {
  private Benchmark() {}

  /**
   * One measured phase.
   *
   * @param peakHeap the largest heap use seen (sum of the heap pools' peaks: an upper bound that
   *     includes garbage not yet collected)
   * @param peakLive the largest heap use right after a garbage collection: what the phase keeps alive
   */
  public record Phase(String name, long rows, long nanos, long cpuNanos, long peakHeap, long peakLive) {
    public double seconds() {
      return nanos / 1e9;
    }

    public double rowsPerSecond() {
      return nanos == 0 ? 0 : rows / seconds();
    }

    public double cpuSeconds() {
      return cpuNanos / 1e9;
    }
  }

  /**
   * What the analysis found, to show the run did real work.
   *
   * @param excursions the metric excursions derived (the figure the DuckDB peer must match)
   * @param rulesOrigin how the rules were loaded (pre-compiled at build time or compiled now)
   * @param validationNanos wall time of validation by replay inside the full analysis
   */
  public record Work(int rules, long firings, int hypotheses, int findings, long derivedFacts, long excursions,
      String rulesOrigin, long validationNanos) {}

  /** Parses every file with commons-csv, touching each field, as a floor for ingest speed. */
  public static Phase parse(List<Path> files) throws IOException {
    HeapWatch watch = HeapWatch.start();
    long start = System.nanoTime();
    long cpuStart = cpuNanos();
    long rows = 0;
    long chars = 0;
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();
    for (Path f : files) {
      try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8); CSVParser p = format.parse(in)) {
        for (CSVRecord r : p) {
          for (int i = 0; i < r.size(); i++) chars += r.get(i).length();
          rows++;
        }
      }
    }
    long nanos = System.nanoTime() - start;
    if (chars == 0) throw new IllegalStateException("nothing parsed");
    return watch.stop(COMMONS_CSV_FLOOR, rows, nanos, cpuNanos() - cpuStart);
  }

  public static final String COMMONS_CSV_FLOOR = "bare CSV parse (commons-csv only)";
  public static final String OWN_READER_FLOOR = "bare CSV parse (ingest's CsvReader)";

  /**
   * Parses every file with the reader ingest uses, every field's extent read, no string made: the
   * floor ingest stands on since it stopped using commons-csv (faster than commons-csv, so the
   * honest one to measure ingest's overhead against).
   */
  public static Phase parseOwnReader(List<Path> files) throws IOException {
    HeapWatch watch = HeapWatch.start();
    long start = System.nanoTime();
    long cpuStart = cpuNanos();
    long rows = 0;
    long chars = 0;
    for (Path f : files) {
      try (CsvReader r = new CsvReader(new java.io.InputStreamReader(Files.newInputStream(f), StandardCharsets.UTF_8),
          Long.MAX_VALUE)) {
        if (!r.next()) continue; // the header
        while (r.next()) {
          for (int i = 0; i < r.size(); i++) chars += r.length(i);
          rows++;
        }
      }
    }
    long nanos = System.nanoTime() - start;
    if (chars == 0) throw new IllegalStateException("nothing parsed");
    return watch.stop(OWN_READER_FLOOR, rows, nanos, cpuNanos() - cpuStart);
  }

  /**
   * The full pipeline on the bundle, step by step so each step's cost shows: ingest (CSV to typed
   * facts), rule compilation, then derivation, rules and validation by replay. {@code hindsight
   * analyze} overlaps the first two; here they run one after the other, so the total is a bound.
   *
   * @return the steps, then the total
   */
  public static List<Phase> analyze(Path bundle, List<Path> rules, LongConsumer progress, Work[] work,
      java.time.Duration maxRuleTime) throws InputException, RuleException {
    AnalysisOptions.Builder builder = AnalysisOptions.builder().input(bundle.toString()).progress(progress).maxRuleTime(maxRuleTime);
    rules.forEach(builder::rules);
    AnalysisOptions options = builder.build();
    Analyzer analyzer = new Analyzer();
    HeapWatch total = HeapWatch.start();
    long start = System.nanoTime();
    long cpuStart = cpuNanos();

    HeapWatch watch = HeapWatch.startWithoutGc();
    long t0 = System.nanoTime();
    long c0 = cpuNanos();
    Bundle read = analyzer.read(options);
    long rows = read.stats().rows();
    Phase ingest = watch.stop("  ingest (CSV to typed facts)", rows, System.nanoTime() - t0, cpuNanos() - c0);

    watch = HeapWatch.startWithoutGc();
    t0 = System.nanoTime();
    c0 = cpuNanos();
    RuleBase compiled = analyzer.compileRules(options);
    Phase compile = watch.stop("  compile rules", rows, System.nanoTime() - t0, cpuNanos() - c0);

    watch = HeapWatch.startWithoutGc();
    t0 = System.nanoTime();
    c0 = cpuNanos();
    Analysis analysis = analyzer.analyze(read, compiled, options);
    Phase session = watch.stop("  derive, rules, replay", rows, System.nanoTime() - t0, cpuNanos() - c0);

    Phase all = total.stop("full analysis", rows, System.nanoTime() - start, cpuNanos() - cpuStart);
    long derived = 0;
    for (FactDeriver d : Derivers.all()) derived += d.derive(analysis.world()).size();
    long excursions = 0;
    for (org.hindsight.facts.MetricSeries s : analysis.world().bundle().metrics()) {
      excursions += org.hindsight.derive.MetricExcursionDeriver.excursions(s).size();
    }
    work[0] = new Work(analysis.rules().rules().size(), analysis.firings().total(), analysis.assessments().size(),
        analysis.findings().size(), derived, excursions, analysis.rules().origin(), analysis.validationTime().toNanos());
    return List.of(ingest, compile, session, all);
  }

  /** CPU time of the whole process: on a shared machine wall time alone says little. */
  static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /** Tracks heap peaks between start and stop: pool peaks, and heap in use after each GC. */
  static final class HeapWatch {
    private final AtomicLong peakLive = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = (n, handback) -> {
      if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
      GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
      long used = 0;
      for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
        if (isHeap(e.getKey())) used += e.getValue().getUsed();
      }
      peakLive.accumulateAndGet(used, Math::max);
    };

    static HeapWatch start() {
      System.gc(); // begin each phase from what is really alive, not the previous phase's garbage
      return startWithoutGc();
    }

    /** For a step inside a measured phase: a GC here would add to the phase's time. */
    static HeapWatch startWithoutGc() {
      HeapWatch w = new HeapWatch();
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
      }
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter e) {
          e.addNotificationListener(w.listener, null, null);
          w.emitters.add(e);
        }
      }
      return w;
    }

    Phase stop(String name, long rows, long nanos, long cpuNanos) {
      long peak = 0;
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
      }
      for (NotificationEmitter e : emitters) {
        try {
          e.removeNotificationListener(listener);
        } catch (javax.management.ListenerNotFoundException ignored) {
          // already gone
        }
      }
      return new Phase(name, rows, nanos, cpuNanos, peak, Math.min(peak, peakLive.get()));
    }

    private static boolean isHeap(String pool) {
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getName().equals(pool)) return p.getType() == MemoryType.HEAP;
      }
      return false;
    }
  }
}
