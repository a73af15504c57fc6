package org.hindsight.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Formats instants in the report's zone, always with the offset so a reader is never misled. */
public final class Times {
  private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
  private static final DateTimeFormatter NO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private final ZoneId zone;

  public Times(ZoneId zone) {
    this.zone = zone;
  }

  public String format(Instant t) {
    if (t == null) return "";
    var z = t.atZone(zone);
    return z.getNano() == 0 ? z.format(NO_MILLIS) : z.format(FULL);
  }

  /** Time of day only, for timelines that state the date once. */
  public String clock(Instant t) {
    return t.atZone(zone).format(CLOCK);
  }

  /**
   * "2021-10-25T11:16:10+09:00" for one instant; for a span the second end as a clock time when it
   * falls on the same day ("2021-10-25T11:16:10+09:00–11:16:20"), else in full.
   */
  public String span(Instant from, Instant to) {
    if (from == null) return to == null ? "" : format(to);
    if (to == null || to.equals(from)) return format(from);
    boolean sameDay = from.atZone(zone).toLocalDate().equals(to.atZone(zone).toLocalDate());
    return format(from) + "–" + (sameDay ? clock(to) : format(to));
  }

  /** Like {@link #span} with clock times only, for tables that state the date once. */
  public String clockSpan(Instant from, Instant to) {
    if (from == null) return to == null ? "" : clock(to);
    if (to == null || clock(to).equals(clock(from))) return clock(from);
    return clock(from) + "–" + clock(to);
  }

  public ZoneId zone() {
    return zone;
  }

  /** The zone as a reader expects it: "UTC" rather than "Z". */
  public String zoneName() {
    return name(zone);
  }

  public static String name(ZoneId zone) {
    return zone.getId().equals("Z") ? "UTC" : zone.getId();
  }
}
