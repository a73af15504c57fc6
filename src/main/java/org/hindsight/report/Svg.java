package org.hindsight.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small helpers for hand-written SVG: coordinates with fixed decimals (byte-identical output),
 * "nice" axis ticks, and time ticks aligned to the report's zone.
 */
final class Svg {
  private Svg() {}

  /** A coordinate or size, one decimal, no trailing ".0". */
  static String n(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) return "0";
    long tenths = Math.round(v * 10);
    return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
  }

  /** A value for an axis label: integers plainly, others with up to three significant decimals. */
  static String value(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v).replace(',', ' ');
    String s = String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : Math.abs(v) >= 1 ? "%.2f" : "%.3f", v);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  /** Rough width of a label in the report's sans-serif font, for layout only. */
  static double textWidth(String s, double fontSize) {
    return s.length() * fontSize * 0.58;
  }

  /** A step of 1, 2 or 5 × 10^k giving about {@code count} intervals over {@code range}. */
  static double niceStep(double range, int count) {
    if (!(range > 0)) return 1;
    double raw = range / count;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / mag;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * mag;
  }

  /** Value ticks from {@code lo} to at least {@code hi}. */
  static List<Double> valueTicks(double lo, double hi, int count) {
    double step = niceStep(hi - lo, count);
    List<Double> out = new ArrayList<>();
    double start = Math.floor(lo / step) * step;
    for (int i = 0; i <= count + 2; i++) {
      // rounded so 3 × 0.2 is 0.6, not 0.6000000000000001
      double v = new java.math.BigDecimal(start + i * step).round(new java.math.MathContext(12)).doubleValue();
      out.add(Math.abs(v) < step * 1e-9 ? 0 : v);
      if (v >= hi - step * 1e-9) break;
    }
    return out;
  }

  /** One labelled time tick; {@code date} is set when the tick starts a new day (or is the first). */
  record TimeTick(long millis, String label, String date) {}

  private static final long[] TIME_STEPS = {100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000,
      120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000,
      86_400_000, 172_800_000, 604_800_000};

  /** Ticks for [from, to] in the report zone, at most about {@code maxTicks}, aligned to round local times. */
  static List<TimeTick> timeTicks(long from, long to, ZoneId zone, int maxTicks) {
    long span = Math.max(1, to - from);
    long step = TIME_STEPS[TIME_STEPS.length - 1];
    for (long s : TIME_STEPS) {
      if (span / s <= maxTicks) {
        step = s;
        break;
      }
    }
    DateTimeFormatter fmt = DateTimeFormatter.ofPattern(step < 1_000 ? "HH:mm:ss.SSS" : step < 60_000 ? "HH:mm:ss"
        : step < 86_400_000 ? "HH:mm" : "MM-dd");
    List<TimeTick> out = new ArrayList<>();
    LocalDateTime startLocal = LocalDateTime.ofInstant(Instant.ofEpochMilli(from), zone);
    LocalDateTime midnight = startLocal.toLocalDate().atStartOfDay();
    long offsetMs = java.time.Duration.between(midnight, startLocal).toMillis();
    long first = (offsetMs / step) * step;
    LocalDate lastDate = null;
    for (long k = first; out.size() < maxTicks * 3; k += step) {
      long t = midnight.atZone(zone).toInstant().toEpochMilli() + k;
      if (t < from) continue;
      if (t > to) break;
      LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(t), zone);
      String date = local.toLocalDate().equals(lastDate) ? "" : local.toLocalDate().toString();
      lastDate = local.toLocalDate();
      out.add(new TimeTick(t, local.format(fmt), step >= 86_400_000 ? "" : date));
    }
    return out;
  }
}
