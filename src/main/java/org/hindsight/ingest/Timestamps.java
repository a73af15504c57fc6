package org.hindsight.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * Parses the contract's ISO-8601 timestamps. Times carry an offset or {@code Z}; a local time is
 * accepted only when the user named a zone. A hand-written fast path covers the usual shape
 * ({@code 2021-10-25T11:16:05.250+09:00}) because parsing dominates ingest of large bundles.
 */
public final class Timestamps {
  private static final DateTimeFormatter LENIENT_OFFSET =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart().appendLiteral('T').optionalEnd()
          .optionalStart().appendLiteral(' ').optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
          .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
          .optionalStart().appendOffset("+HH", "Z").optionalEnd()
          // STRICT: 2024-02-30 is an error, not 2024-02-29 (the default SMART resolver moves it).
          .toFormatter(java.util.Locale.ROOT).withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE);

  private final ZoneId localZone;
  private String lastText;
  private Parsed lastParsed;

  /** @param localZone zone for timestamps without an offset, or null to reject them */
  public Timestamps(ZoneId localZone) {
    this.localZone = localZone;
  }

  /** An instant and the offset it was written with (reports default to the first event's offset). */
  public record Parsed(Instant instant, ZoneOffset offset) {}

  /** Parses or throws {@link DateTimeException} with a message fit for the user. */
  public Parsed parse(String text) {
    if (text.equals(lastText)) return lastParsed;
    Parsed p = fast(text);
    if (p == null) p = slow(text);
    lastText = text;
    lastParsed = p;
    return p;
  }

  /** The general parser (package-private so tests can hold the fast path against it). */
  Parsed slow(String text) {
    java.time.temporal.TemporalAccessor t;
    LocalDateTime local;
    ZoneOffset written = null;
    try {
      t = LENIENT_OFFSET.parse(text.trim());
      local = LocalDateTime.from(t);
      if (t.isSupported(ChronoField.OFFSET_SECONDS)) written = ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS));
    } catch (DateTimeParseException e) {
      if (e.getCause() instanceof DateTimeException invalid) {
        // well formed, but no such date or time (February 30, hour 25)
        throw new DateTimeException("invalid timestamp '" + Numbers.shown(text) + "': " + invalid.getMessage());
      }
      throw new DateTimeException("unparsable timestamp '" + Numbers.shown(text) + "' (expected ISO-8601, e.g. 2021-10-25T11:16:05+09:00)");
    } catch (DateTimeException e) {
      // e.g. an offset beyond ±18:00
      throw new DateTimeException("invalid timestamp '" + text + "': " + e.getMessage());
    }
    if (written != null) return new Parsed(local.toInstant(written), written);
    if (localZone == null) {
      throw new DateTimeException(
          "timestamp '" + text + "' has no offset; add one (e.g. Z or +09:00) or name a zone with --timezone");
    }
    ZoneOffset off = localZone.getRules().getOffset(local);
    return new Parsed(local.atZone(localZone).toInstant(), off);
  }

  /** yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM); anything else returns null and goes the slow way. */
  static Parsed fast(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
    int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) return null;
    int i = 19;
    int nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && Character.isDigit(s.charAt(i))) i++;
      int len = i - start;
      if (len == 0 || len > 9) return null;
      nanos = digits(s, start, len);
      for (int k = len; k < 9; k++) nanos *= 10;
    }
    ZoneOffset off;
    if (i == n - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
      off = ZoneOffset.UTC;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, 2), om = digits(s, i + 4, 2);
      int total = oh * 3600 + om * 60;
      if ((oh | om) < 0 || om > 59 || total > 18 * 3600) return null;
      off = ZoneOffset.ofTotalSeconds(s.charAt(i) == '-' ? -total : total);
    } else {
      return null;
    }
    try {
      LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
      return new Parsed(local.toInstant(off), off);
    } catch (DateTimeException e) {
      return null; // e.g. month 13: let the slow path word the error
    }
  }

  private static int digits(String s, int from, int len) {
    int v = 0;
    for (int i = from; i < from + len; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
