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
