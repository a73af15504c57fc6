package org.hindsight.importer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * The UTC offset a source's local times were written in, when they carry none (RFC 3164 syslog) and the other logs'
 * offset reads them outside the other logs: a router's syslog in local time beside metrics exported in UTC read at Z
 * lands hours after every symptom, its cause after its effects. The offset (whole quarter hours, −12:00 to +14:00)
 * that puts most of its times within the other logs' span is taken instead, only when the other logs' offset puts
 * fewer than half of them there and the new one at least half and twice as many. Between offsets that put as many
 * there: whole hours before half hours before quarters (as zones are), then the nearest the other logs' (the least
 * correction that fits). A guess: a source whose times sit well inside the other logs' may fit as well an hour either
 * way, so the summary says it was one, and {@code --timezone} names the zone.
 */
final class LocalClockFit {
  /** The share of a source's times that must fall within the other logs for an offset to read it. */
  static final double ENOUGH = 0.5;

  private LocalClockFit() {}

  /**
   * @param offset the offset that reads the source among the other logs
   * @param share the share of its times within them at that offset
   * @param shareBefore the share at the offset it was read at
   */
  record Fit(ZoneOffset offset, double share, double shareBefore) {}

  /**
   * @param times the source's times as read at {@code readAt}
   * @param from the other logs' earliest time
   * @param to their latest
   * @return a better offset, or null when the one read at serves (or none clearly does better)
   */
  static Fit better(List<Instant> times, ZoneOffset readAt, Instant from, Instant to) {
    if (times.isEmpty() || from == null || to == null || to.isBefore(from)) return null;
    long[] at = times.stream().mapToLong(Instant::getEpochSecond).sorted().toArray();
    double before = share(at, 0, from, to);
    if (before >= ENOUGH) return null;
    ZoneOffset best = null;
    double bestShare = -1;
    for (int quarters = -12 * 4; quarters <= 14 * 4; quarters++) {
      ZoneOffset o = ZoneOffset.ofTotalSeconds(quarters * 900);
      // a local time read at a larger offset is an earlier instant
      double share = share(at, o.getTotalSeconds() - readAt.getTotalSeconds(), from, to);
      if (best == null || share > bestShare || share == bestShare && preferred(o, best, readAt)) {
        best = o;
        bestShare = share;
      }
    }
    return bestShare >= ENOUGH && bestShare >= 2 * before && !best.equals(readAt) ? new Fit(best, bestShare, before) : null;
  }

  /** Between offsets that read as many times among the other logs, whether {@code o} is the likelier. */
  private static boolean preferred(ZoneOffset o, ZoneOffset than, ZoneOffset readAt) {
    int rank = granularity(o);
    if (rank != granularity(than)) return rank < granularity(than);
    return Math.abs(o.getTotalSeconds() - readAt.getTotalSeconds()) < Math.abs(than.getTotalSeconds() - readAt.getTotalSeconds());
  }

  /** 0 for a whole hour, 1 for a half, 2 for a quarter: how common zones of that offset are. */
  private static int granularity(ZoneOffset o) {
    int s = Math.abs(o.getTotalSeconds());
    return s % 3600 == 0 ? 0 : s % 1800 == 0 ? 1 : 2;
  }

  /** The share of the times, moved {@code shiftSeconds} earlier, within [from, to]. */
  private static double share(long[] sorted, long shiftSeconds, Instant from, Instant to) {
    long lo = from.getEpochSecond() + shiftSeconds;
    long hi = to.getEpochSecond() + shiftSeconds;
    int first = lowerBound(sorted, lo);
    int end = lowerBound(sorted, hi + 1);
    return (double) (end - first) / sorted.length;
  }

  private static int lowerBound(long[] sorted, long key) {
    int i = Arrays.binarySearch(sorted, key);
    if (i < 0) return -i - 1;
    while (i > 0 && sorted[i - 1] == key) i--;
    return i;
  }
}
