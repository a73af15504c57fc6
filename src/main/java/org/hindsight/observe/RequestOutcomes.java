package org.hindsight.observe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.hindsight.facts.FailedRequests;
import org.hindsight.ingest.RequestLog;

/**
 * The observation model's reading of sampled request outcomes: per process, the spells in which its
 * requests failed and it gave no successful answer for at least {@link MetricThresholds#RECOVERY_HOLD}
 * ({@link FailedRequests}). A process that stops answering (looping, hung, crashed behind its balancer) shows
 * there even when nobody measured its CPU; a lone 5xx among successes, or a burst answered again within the hold,
 * is no spell, as a metric's single bad sample is no recovery.
 *
 * <p>Where a metric series measures the process, its metrics are its symptoms and these spells stay facts only
 * (one trouble is not counted twice from two sources); where none does, each spell is also its
 * {@link SymptomKinds#ERRORS errors} symptom, read from "requests". One pass over the coded columns, in time order.
 */
public final class RequestOutcomes {
  private RequestOutcomes() {}

  /** What the symptoms read from request outcomes name as their source ({@link Symptom#detail()}). */
  public static final String DETAIL = "requests.failed";

  /**
   * What the sampled requests show: every process that served one, and every spell of failed requests of
   * every process, by the time its first failure was sampled.
   */
  public record Reading(List<String> processes, List<FailedRequests> spells) {
    static final Reading NONE = new Reading(List.of(), List.of());
  }

  /** Every spell of failed requests of every process, by the time its first failure was sampled. */
  public static List<FailedRequests> failedSpells(RequestLog log) {
    return read(log).spells();
  }

  /** Reads the request log once (see {@link Reading}). */
  public static Reading read(RequestLog log) {
    List<FailedRequests> out = new ArrayList<>();
    if (log == null || log.size() == 0) return Reading.NONE;
    int codes = log.dictionarySize();
    long hold = MetricThresholds.RECOVERY_HOLD.toMillis();
    // per process code: the open spell's first failed row (-1: none), its first and last failed time, count,
    // and the last successful answer before it
    int[] firstRow = new int[codes];
    Arrays.fill(firstRow, -1);
    long[] from = new long[codes];
    long[] lastFailed = new long[codes];
    long[] failed = new long[codes];
    long[] lastOk = new long[codes];
    Arrays.fill(lastOk, Long.MIN_VALUE);
    int[] dcOf = new int[codes];
    int[] serverOf = new int[codes];
    boolean[] serves = new boolean[codes];
    long[] logEnd = {Long.MIN_VALUE};
    log.forEachCoded((row, millis, dc, server, process, status, rule, valid, invalid) -> {
      logEnd[0] = millis;
      serves[process] = true;
      if (RequestLog.Request.serverError(status)) {
        if (firstRow[process] < 0) {
          firstRow[process] = row;
          from[process] = millis;
          failed[process] = 0;
          dcOf[process] = dc;
          serverOf[process] = server;
        }
        failed[process]++;
        lastFailed[process] = millis;
        return;
      }
      if (firstRow[process] >= 0) {
        if (millis - from[process] >= hold) out.add(spell(log, process, firstRow, from, lastFailed, failed, lastOk, dcOf, serverOf, millis, row));
        firstRow[process] = -1;
      }
      lastOk[process] = millis;
    });
    for (int p = 0; p < codes; p++) {
      // open at the end of the log: a spell only if the log went on long enough after it to tell
      if (firstRow[p] >= 0 && logEnd[0] - from[p] >= hold) out.add(spell(log, p, firstRow, from, lastFailed, failed, lastOk, dcOf, serverOf, -1, -1));
    }
    out.sort(java.util.Comparator.comparingLong(FailedRequests::fromMillis).thenComparing(FailedRequests::process));
    List<String> processes = new ArrayList<>();
    for (int p = 0; p < codes; p++) if (serves[p]) processes.add(log.string(p));
    return new Reading(List.copyOf(processes), List.copyOf(out));
  }

  private static FailedRequests spell(RequestLog log, int p, int[] firstRow, long[] from, long[] lastFailed, long[] failed, long[] lastOk,
      int[] dcOf, int[] serverOf, long endMillis, int endRow) {
    return new FailedRequests(log.string(dcOf[p]), log.string(serverOf[p]), log.string(p), from[p],
        lastOk[p] == Long.MIN_VALUE ? from[p] : lastOk[p], endMillis, lastFailed[p], failed[p], log.origin(firstRow[p]),
        endRow < 0 ? null : log.origin(endRow));
  }

  /**
   * The {@link SymptomKinds#ERRORS errors} symptoms of the spells of processes no metric series measures
   * ({@code measuredByMetrics}), onset at the first failure (begun after the last success), over at the
   * first success after it; adds to {@code measuredByRequests} every process so read, spell or not (its
   * requests could have shown one).
   */
  static void readSymptoms(Reading reading, Predicate<String> measuredByMetrics, List<Symptom> out,
      java.util.Set<String> measuredByRequests) {
    for (String p : reading.processes()) if (!measuredByMetrics.test(p)) measuredByRequests.add(p);
    for (FailedRequests f : reading.spells()) {
      if (!measuredByRequests.contains(f.process())) continue;
      Instant end = f.recovered() ? Instant.ofEpochMilli(f.endMillis()) : null;
      out.add(new Symptom(SymptomKinds.ERRORS, f.process(), Instant.ofEpochMilli(f.fromMillis()), Instant.ofEpochMilli(f.earliestMillis()),
          end, end == null ? null : Instant.ofEpochMilli(f.lastFailedMillis()), Double.NaN, DETAIL, f.origin(), f.endRef()));
    }
  }
}
