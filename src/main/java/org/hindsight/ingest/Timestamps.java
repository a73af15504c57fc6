package org.hindsight.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Parses timestamps as they come. The contract's ISO-8601 with an offset or {@code Z} is the main
 * shape (a hand-written fast path covers {@code 2021-10-25T11:16:05.250+09:00}, because parsing
 * dominates ingest of large bundles); besides it, epoch seconds, milliseconds, microseconds or
 * nanoseconds (told apart by magnitude), a pattern the user names ({@code --time-format}) and the
 * year-less syslog shape ({@code Oct 25 11:16:05}, RFC 3164) when the user names the year. A local
 * time is accepted only when the user named a zone.
 */
public final class Timestamps {
  private static final DateTimeFormatter LENIENT_OFFSET = lenient(DateTimeFormatter.ISO_LOCAL_DATE);
  /** ISO-8601's week date ({@code 2024-W01-1T09:00:00+09:00}), as some schedulers and ISO-minded tools write it. */
  private static final DateTimeFormatter WEEK_DATE = lenient(new DateTimeFormatterBuilder()
      .appendValue(java.time.temporal.IsoFields.WEEK_BASED_YEAR, 4).appendLiteral("-W")
      .appendValue(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR, 2).appendLiteral('-')
      .appendValue(ChronoField.DAY_OF_WEEK, 1).toFormatter(Locale.ROOT));
  private static final java.util.regex.Pattern WEEK_DATE_SHAPE = java.util.regex.Pattern.compile("\\d{4}-[Ww]\\d{2}-\\d[T ].*");

  private static DateTimeFormatter lenient(DateTimeFormatter date) {
    return new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(date)
          .optionalStart().appendLiteral('T').optionalEnd()
          .optionalStart().appendLiteral(' ').optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          // git's and many databases' exports put a space before the offset or write UTC/GMT
          .optionalStart().appendLiteral(' ').optionalEnd()
          .optionalStart().appendOffset("+HH:MM", "UTC").optionalEnd()
          .optionalStart().appendOffset("+HH:MM", "GMT").optionalEnd()
          .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
          .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
          .optionalStart().appendOffset("+HH", "Z").optionalEnd()
          // STRICT: 2024-02-30 is an error, not 2024-02-29 (the default SMART resolver moves it).
          .toFormatter(java.util.Locale.ROOT).withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE);
  }

  /** Year-less syslog time (RFC 3164): {@code Oct 25 11:16:05}, {@code Oct  5 11:16:05.250}. */
  private static final java.util.regex.Pattern RFC3164 =
      java.util.regex.Pattern.compile("([A-Za-z]{3}) +(\\d{1,2}) (\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?");

  /** Epoch values outside these years are taken for something else (e.g. a yyyyMMdd date). */
  private static final Instant EPOCH_MIN = Instant.parse("1990-01-01T00:00:00Z");
  private static final Instant EPOCH_MAX = Instant.parse("2100-01-01T00:00:00Z");

  private final ZoneId localZone;
  private final String timeFormat;
  private final DateTimeFormatter pattern;
  private final int year;
  private String lastText;
  private Parsed lastParsed;

  /** @param localZone zone for timestamps without an offset, or null to reject them */
  public Timestamps(ZoneId localZone) {
    this(localZone, null, 0);
  }

  /**
   * @param localZone zone for timestamps without an offset, or null to reject them
   * @param timeFormat null or {@code auto} (ISO-8601, epoch by magnitude, RFC 3164 when a year is
   *     given), {@code epoch-s|epoch-ms|epoch-us|epoch-ns}, or a {@link DateTimeFormatter} pattern
   * @param year the year of times written without one (RFC 3164 syslog), or 0 when unknown
   * @throws IllegalArgumentException when the pattern is not a valid one
   */
  public Timestamps(ZoneId localZone, String timeFormat, int year) {
    this.localZone = localZone;
    this.year = year;
    String f = timeFormat == null || timeFormat.isBlank() || timeFormat.equals("auto") ? null : timeFormat;
    this.timeFormat = f;
    this.pattern = f == null || f.startsWith("epoch") ? null : patternOf(f, year);
    if (f != null && f.startsWith("epoch") && epochUnit(f) == 0) {
      throw new IllegalArgumentException("unknown time format '" + f + "' (epoch-s, epoch-ms, epoch-us, epoch-ns)");
    }
  }

  private static DateTimeFormatter patternOf(String f, int year) {
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(f);
    if (year > 0) b.parseDefaulting(ChronoField.YEAR_OF_ERA, year);
    return b.toFormatter(Locale.ENGLISH);
  }

  /** Nanoseconds per unit of an {@code epoch-*} format, 0 when unknown. */
  private static long epochUnit(String f) {
    return switch (f) {
      case "epoch-s", "epoch" -> 1_000_000_000L;
      case "epoch-ms" -> 1_000_000L;
      case "epoch-us" -> 1_000L;
      case "epoch-ns" -> 1L;
      default -> 0;
    };
  }

  /** An instant and the offset it was written with (reports default to the first event's offset). */
  public record Parsed(Instant instant, ZoneOffset offset) {}

  /** Parses or throws {@link DateTimeException} with a message fit for the user. */
  public Parsed parse(String text) {
    if (text.equals(lastText)) return lastParsed;
    Parsed p;
    if (timeFormat != null) {
      p = pattern != null ? withPattern(text) : namedEpoch(text);
    } else {
      p = auto(text);
    }
    lastText = text;
    lastParsed = p;
    return p;
  }

  /** Without a named format: ISO-8601, epoch by magnitude, RFC 3164 when a year is given. */
  private Parsed auto(String text) {
    Parsed p = fast(text);
    if (p == null && looksEpoch(text)) p = epoch(text, 0);
    if (p == null && year > 0 && !text.isEmpty() && Character.isLetter(text.charAt(0))) p = rfc3164(text);
    if (p == null) p = slow(text);
    return p;
  }

  /**
   * A named format applies where it reads: a bundle often mixes tools (one writes epoch
   * milliseconds, another ISO-8601), and a value another shape reads unambiguously is read so;
   * null when none does.
   */
  private Parsed otherwise(String text) {
    try {
      return auto(text);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * Under {@code --time-format epoch-*}: a number in the named unit (one that lands outside 1990–2100
   * in it, as epoch seconds named {@code epoch-ms} would, is read by magnitude); anything else as
   * {@link #auto}.
   */
  private Parsed namedEpoch(String text) {
    String t = text.trim();
    if (!isDecimal(t)) {
      Parsed other = otherwise(text);
      if (other != null) return other;
      throw new DateTimeException("'" + Numbers.shown(text) + "' is neither an epoch time (" + timeFormat + ") nor ISO-8601");
    }
    try {
      return epoch(t, epochUnit(timeFormat));
    } catch (DateTimeException outOfRange) {
      if (!looksEpoch(t)) throw outOfRange;
      try {
        return epoch(t, 0);
      } catch (DateTimeException e) {
        throw outOfRange;
      }
    }
  }

  /** Digits with an optional fraction. */
  private static boolean isDecimal(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
    if (i == 0) return false;
    if (i == n) return true;
    if (s.charAt(i) != '.' || i == n - 1) return false;
    for (int k = i + 1; k < n; k++) if (s.charAt(k) < '0' || s.charAt(k) > '9') return false;
    return true;
  }

  private static final java.util.regex.Pattern SPREADSHEET =
      java.util.regex.Pattern.compile("(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{2}|\\d{4})(?:[ T](\\d{1,2}):\\d{2}(:\\d{2}(?:\\.\\d+)?)?"
          + "( ?[AaPp]\\.?[Mm]\\.?)?)?( ?(?:Z|[+-]\\d{2}:\\d{2}|[+-]\\d{4}))?");

  /**
   * For a date as a spreadsheet rewrites it ({@code 3/12/2024 14:05}), the {@code --time-format} that
   * reads it; which of day and month comes first is only known when one of them is over 12.
   */
  static String spreadsheetHint(String text) {
    var m = SPREADSHEET.matcher(text);
    if (!m.matches()) return "";
    int a = Integer.parseInt(m.group(1));
    int b = Integer.parseInt(m.group(3));
    String sep = m.group(2);
    String year = m.group(4).length() == 2 ? "yy" : "yyyy";
    // a US export's 12-hour clock ("1:05:09 PM") and an offset written after the time ("+0900") are part of the pattern
    String hour = m.group(7) == null ? "H" : "h";
    String time = m.group(5) == null ? "" : m.group(6) == null ? " " + hour + ":mm"
        : " " + hour + (m.group(6).contains(".") ? ":mm:ss.SSS" : ":mm:ss");
    if (m.group(7) != null) time += m.group(7).startsWith(" ") ? " a" : "a";
    String offset = m.group(8) == null ? "" : (m.group(8).startsWith(" ") ? " " : "")
        + (m.group(8).trim().equals("Z") ? "X" : m.group(8).contains(":") ? "XXX" : "XX");
    if (m.group(7) != null && m.group(7).contains(".")) return ""; // "p.m." is no pattern letter's text: no advice that fails
    String md = "M" + sep + "d" + sep + year + time + offset;
    String dm = "d" + sep + "M" + sep + year + time + offset;
    String formats = a > 12 ? "'" + dm + "'" : b > 12 ? "'" + md + "'" : "'" + md + "' or '" + dm + "'";
    return "; a spreadsheet's date? read it with --time-format " + formats + (offset.isEmpty() ? " and --timezone ZONE" : "");
  }

  private static final java.util.regex.Pattern GO_TIME = java.util.regex.Pattern.compile(
      "(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?) ([+-]\\d{4}) (?:[A-Za-z]{1,5}|[+-]\\d{2,4})(?: m=[+-]\\d+\\.\\d+)?");
  private static final java.util.regex.Pattern BRACKETED_ZONE = java.util.regex.Pattern.compile("(.*(?:Z|[+-]\\d{2}:\\d{2}))\\[[^\\]]+]");
  private static final java.util.regex.Pattern ISO_BASIC = java.util.regex.Pattern.compile(
      "(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})(?:[.,](\\d{1,9}))?(Z|[+-]\\d{4}|[+-]\\d{2})");
  private static final java.util.regex.Pattern COMMON_LOG = java.util.regex.Pattern.compile(
      "(\\d{1,2})/([A-Za-z]{3})/(\\d{4}):(\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?) ([+-]\\d{4})");
  private static final java.util.regex.Pattern DECIMAL_COMMA = java.util.regex.Pattern.compile("(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}),(\\d{1,9}.*)");
  private static final java.util.regex.Pattern RFC_1123_SHAPE = java.util.regex.Pattern.compile("(?:[A-Za-z]{3}, )?\\d{1,2} [A-Za-z]{3} \\d{4} .*");

  /**
   * Other tools' unambiguous spellings of a time with its offset, as ISO-8601 (null for none): Go's {@code time.String}
   * ({@code 2021-10-25 11:16:05.1 +0900 KST}, the abbreviation redundant beside the offset), Java's zoned
   * {@code …+09:00[Asia/Seoul]}, ISO-8601's basic form {@code 20211025T111605Z}, the web servers' common log format
   * {@code 25/Oct/2021:11:16:05 +0900}, HTTP's and mail's RFC 1123 {@code Mon, 25 Oct 2021 11:16:05 GMT}, and the decimal
   * comma ISO-8601 allows and log4j writes ({@code 2021-10-25 11:16:05,123}).
   */
  static String otherShape(String t) {
    var m = GO_TIME.matcher(t);
    if (m.matches()) return m.group(1) + " " + m.group(2);
    m = BRACKETED_ZONE.matcher(t);
    if (m.matches()) return m.group(1);
    m = ISO_BASIC.matcher(t);
    if (m.matches()) {
      return m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "T" + m.group(4) + ":" + m.group(5) + ":" + m.group(6)
          + (m.group(7) == null ? "" : "." + m.group(7)) + m.group(8);
    }
    m = COMMON_LOG.matcher(t);
    if (m.matches()) {
      Month month = monthNamed(m.group(2));
      if (month == null) return null;
      return String.format(Locale.ROOT, "%s-%02d-%02dT%s%s", m.group(3), month.getValue(), Integer.parseInt(m.group(1)), m.group(4), m.group(5));
    }
    m = DECIMAL_COMMA.matcher(t);
    if (m.matches()) return m.group(1) + "." + m.group(2);
    if (RFC_1123_SHAPE.matcher(t).matches()) {
      try {
        return java.time.OffsetDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toString();
      } catch (DateTimeException e) {
        return null;
      }
    }
    return null;
  }

  /** The general parser (package-private so tests can hold the fast path against it). */
  Parsed slow(String text) {
    java.time.temporal.TemporalAccessor t;
    LocalDateTime local;
    ZoneOffset written = null;
    try {
      String trimmed = text.trim();
      t = (WEEK_DATE_SHAPE.matcher(trimmed).matches() ? WEEK_DATE : LENIENT_OFFSET).parse(trimmed);
      local = LocalDateTime.from(t);
      if (t.isSupported(ChronoField.OFFSET_SECONDS)) written = ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS));
    } catch (DateTimeParseException e) {
      if (e.getCause() instanceof DateTimeException invalid) {
        // well formed, but no such date or time (February 30, hour 25)
        throw new DateTimeException("invalid timestamp '" + Numbers.shown(text) + "': " + invalid.getMessage());
      }
      String iso = otherShape(text.trim());
      if (iso != null) {
        try {
          return slow(iso);
        } catch (DateTimeException inIso) {
          // said of the text as written, not of its ISO-8601 spelling
          throw new DateTimeException(inIso.getMessage().replace("'" + iso + "'", "'" + Numbers.shown(text) + "'"));
        }
      }
      throw new DateTimeException("unparsable timestamp '" + Numbers.shown(text) + "' (expected ISO-8601, e.g. 2021-10-25T11:16:05+09:00"
          + spreadsheetHint(text.trim()) + ")");
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

  /** Digits with an optional fraction, at least nine before the point (a yyyyMMdd date has eight). */
  static boolean looksEpoch(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
    if (i < 9) return false;
    if (i == n) return true;
    if (s.charAt(i) != '.' || i == n - 1) return false;
    for (int k = i + 1; k < n; k++) if (s.charAt(k) < '0' || s.charAt(k) > '9') return false;
    return true;
  }

  /**
   * Epoch time; {@code unitNanos} 0 tells the unit by magnitude: below 10^11 seconds, 10^14
   * milliseconds, 10^17 microseconds, else nanoseconds (each covers 1973–5138 in its unit).
   */
  private Parsed epoch(String text, long unitNanos) {
    java.math.BigDecimal v;
    try {
      v = new java.math.BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new DateTimeException("'" + text + "' is not an epoch time (" + timeFormat + ")");
    }
    long unit = unitNanos;
    if (unit == 0) {
      double d = v.doubleValue();
      unit = d < 1e11 ? 1_000_000_000L : d < 1e14 ? 1_000_000L : d < 1e17 ? 1_000L : 1L;
    }
    java.math.BigInteger nanos = v.multiply(java.math.BigDecimal.valueOf(unit)).toBigInteger();
    java.math.BigInteger[] qr = nanos.divideAndRemainder(java.math.BigInteger.valueOf(1_000_000_000L));
    Instant t;
    try {
      t = Instant.ofEpochSecond(qr[0].longValueExact(), qr[1].longValue());
    } catch (ArithmeticException | DateTimeException e) {
      t = null;
    }
    if (t == null || t.isBefore(EPOCH_MIN) || !t.isBefore(EPOCH_MAX)) {
      throw new DateTimeException("'" + text + "' read as epoch " + unitName(unit)
          + " is not between 1990 and 2100; name the format with --time-format");
    }
    ZoneOffset off = localZone != null ? localZone.getRules().getOffset(t) : ZoneOffset.UTC;
    return new Parsed(t, off);
  }

  private static String unitName(long unit) {
    return unit == 1_000_000_000L ? "seconds" : unit == 1_000_000L ? "milliseconds" : unit == 1_000L ? "microseconds" : "nanoseconds";
  }

  /** The month an English abbreviation names ({@code Oct}, {@code oct}), or null. */
  private static Month monthNamed(String abbreviation) {
    for (Month candidate : Month.values()) {
      if (candidate.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(abbreviation)) return candidate;
    }
    return null;
  }

  /**
   * RFC 3164's {@code MMM d HH:mm:ss} in the year the user named; null when it is not that shape, and
   * for that shape with a bad month, day or time an error that names the bad part (Java's own wording
   * would say ISO-8601 was expected, or {@code Invalid date 'FEBRUARY 30'}).
   */
  private Parsed rfc3164(String text) {
    java.util.regex.Matcher m = RFC3164.matcher(text.trim());
    if (!m.matches()) return null;
    String monthText = m.group(1);
    Month month = monthNamed(monthText);
    String where = "time '" + text.trim() + "': ";
    if (month == null) throw new DateTimeException(where + "'" + monthText + "' is not a month (Jan, Feb, … Dec)");
    int day = Integer.parseInt(m.group(2));
    if (day < 1 || day > month.length(Year.isLeap(year))) {
      throw new DateTimeException(where + month.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + year + " has no day " + day);
    }
    int hour = Integer.parseInt(m.group(3));
    int minute = Integer.parseInt(m.group(4));
    int second = Integer.parseInt(m.group(5));
    if (hour > 23 || minute > 59 || second > 59) throw new DateTimeException(where + "not a time of day (00:00:00 to 23:59:59)");
    int nanos = m.group(6) == null ? 0 : Integer.parseInt((m.group(6) + "00000000").substring(0, 9));
    return local(LocalDateTime.of(year, month, day, hour, minute, second, nanos), text);
  }

  /**
   * A strftime format (as in bash's {@code HISTTIMEFORMAT}, {@code %F %T}) as a
   * {@link DateTimeFormatter} pattern; {@code %s} alone is {@code epoch-s}.
   *
   * @throws IllegalArgumentException for a conversion that has no pattern equivalent
   */
  public static String fromStrftime(String f) {
    if (f.trim().equals("%s")) return "epoch-s";
    StringBuilder out = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c != '%' || i == f.length() - 1) {
        literal.append(c);
        continue;
      }
      char conv = f.charAt(++i);
      String p = switch (conv) {
        case 'Y' -> "yyyy";
        case 'y' -> "yy";
        case 'm' -> "MM";
        case 'd' -> "dd";
        case 'e' -> "d";
        case 'H' -> "HH";
        case 'I' -> "hh";
        case 'M' -> "mm";
        case 'S' -> "ss";
        case 'p' -> "a";
        case 'F' -> "yyyy-MM-dd";
        case 'T' -> "HH:mm:ss";
        case 'R' -> "HH:mm";
        case 'D' -> "MM/dd/yy";
        case 'b', 'h' -> "MMM";
        case 'B' -> "MMMM";
        case 'a' -> "EEE";
        case 'A' -> "EEEE";
        case 'j' -> "DDD";
        case 'z' -> "xx";
        case 'Z' -> "z";
        case '%' -> null;
        default -> throw new IllegalArgumentException("strftime %" + conv + " has no equivalent here");
      };
      if (p == null) {
        literal.append('%');
        continue;
      }
      if (literal.length() > 0) out.append('\'').append(literal.toString().replace("'", "''")).append('\'');
      literal.setLength(0);
      out.append(p);
    }
    if (literal.length() > 0) out.append('\'').append(literal.toString().replace("'", "''")).append('\'');
    return out.toString();
  }

  private Parsed withPattern(String text) {
    java.time.temporal.TemporalAccessor t;
    try {
      t = pattern.parse(text.trim());
    } catch (DateTimeParseException e) {
      // The files of a bundle that are not in the pattern (a spreadsheet's dates beside the tools'
      // own ISO-8601 or epoch times) still read, as they would without it.
      Parsed other = otherwise(text);
      if (other != null) return other;
      throw new DateTimeException("timestamp '" + text + "' does not match --time-format '" + timeFormat + "'");
    }
    LocalDateTime local;
    try {
      local = LocalDateTime.of(java.time.LocalDate.from(t),
          t.isSupported(ChronoField.HOUR_OF_DAY) ? java.time.LocalTime.from(t) : java.time.LocalTime.MIDNIGHT);
    } catch (DateTimeException e) {
      throw new DateTimeException("timestamp '" + text + "' has no full date under --time-format '" + timeFormat
          + "'" + (year == 0 ? " (a pattern without a year needs --year)" : ""));
    }
    if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
      ZoneOffset off = ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS));
      return new Parsed(local.toInstant(off), off);
    }
    ZoneId zone = t.query(java.time.temporal.TemporalQueries.zoneId());
    if (zone != null) {
      var z = local.atZone(zone);
      return new Parsed(z.toInstant(), z.getOffset());
    }
    return local(local, text);
  }

  private Parsed local(LocalDateTime local, String text) {
    if (localZone == null) {
      throw new DateTimeException(
          "timestamp '" + text + "' has no offset; add one (e.g. Z or +09:00) or name a zone with --timezone");
    }
    var z = local.atZone(localZone);
    return new Parsed(z.toInstant(), z.getOffset());
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
