package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Timestamps as they come from real exports: epoch in four units, patterns, year-less syslog. */
class TimestampShapesTest {
  private static final Instant T = Instant.parse("2021-10-25T02:16:05Z");

  @Test
  void exportShapesWithASpaceBeforeTheOffsetOrUtcAreRead() {
    Timestamps ts = new Timestamps(null);
    Instant t = Instant.parse("2017-02-28T17:00:00Z");
    assertEquals(t, ts.parse("2017-02-28 09:00:00 -0800").instant()); // git log --date=iso
    assertEquals(t, ts.parse("2017-02-28 09:00:00-08").instant()); // PostgreSQL
    assertEquals(t, ts.parse("2017-02-28 17:00:00 UTC").instant());
    assertEquals(t, ts.parse("2017-02-28T17:00:00 GMT").instant());
    assertEquals(ZoneOffset.ofHours(-8), ts.parse("2017-02-28 09:00:00 -08:00").offset());
    assertThrows(DateTimeException.class, () -> ts.parse("2017-02-28 09:00:00 PST"), "a zone abbreviation is ambiguous");
    assertThrows(DateTimeException.class, () -> ts.parse("2017-02-28 09:00:00 "), "no offset and no zone named");
  }

  @Test
  void otherToolsUnambiguousSpellingsOfATimeWithItsOffsetAreRead() {
    Timestamps ts = new Timestamps(null);
    Instant t = Instant.parse("2021-10-25T02:16:05Z");
    assertEquals(t.plusMillis(123), ts.parse("2021-10-25 11:16:05.123 +0900 KST").instant()); // Go's time.String
    assertEquals(t, ts.parse("2021-10-25 11:16:05 +0900 +09 m=+3.5").instant()); // Go, no abbreviation, monotonic clock
    assertEquals(ZoneOffset.ofHours(9), ts.parse("2021-10-25 11:16:05 +0900 KST").offset());
    assertEquals(t.plusMillis(250), ts.parse("2021-10-25T11:16:05.25+09:00[Asia/Seoul]").instant()); // Java's zoned
    assertEquals(t, ts.parse("20211025T021605Z").instant()); // ISO-8601 basic
    assertEquals(t, ts.parse("20211025T111605+0900").instant());
    assertEquals(t, ts.parse("25/Oct/2021:11:16:05 +0900").instant()); // common log format (nginx, Apache)
    assertEquals(t, ts.parse("Mon, 25 Oct 2021 02:16:05 GMT").instant()); // RFC 1123 (HTTP, mail)
    assertEquals(t, ts.parse("25 Oct 2021 11:16:05 +0900").instant());
    assertEquals(t.plusMillis(123), ts.parse("2021-10-25T02:16:05,123Z").instant()); // ISO-8601's decimal comma
    assertEquals(t.plusMillis(123), new Timestamps(ZoneId.of("Asia/Seoul")).parse("2021-10-25 11:16:05,123").instant()); // log4j
    // near misses: the shape without its offset, a month no calendar has, a weekday the date does not fall on
    String noOffset = assertThrows(DateTimeException.class, () -> ts.parse("2021-10-25 11:16:05,123")).getMessage();
    assertTrue(noOffset.contains("'2021-10-25 11:16:05,123' has no offset"), noOffset);
    assertThrows(DateTimeException.class, () -> ts.parse("2021-10-25 11:16:05 KST"), "an abbreviation alone is ambiguous");
    assertThrows(DateTimeException.class, () -> ts.parse("25/Okt/2021:11:16:05 +0900"));
    assertThrows(DateTimeException.class, () -> ts.parse("Tue, 25 Oct 2021 02:16:05 GMT"));
    assertThrows(DateTimeException.class, () -> ts.parse("20211325T021605Z"));
  }

  @Test
  void epochUnitsAreToldApartByMagnitude() {
    Timestamps ts = new Timestamps(null);
    assertEquals(T, ts.parse("1635128165").instant());
    assertEquals(T.plusMillis(250), ts.parse("1635128165.25").instant());
    assertEquals(T.plusMillis(250), ts.parse("1635128165250").instant());
    assertEquals(T.plusNanos(250_001_000), ts.parse("1635128165250001").instant());
    assertEquals(T.plusNanos(250_000_123), ts.parse("1635128165250000123").instant());
    assertEquals(ZoneOffset.UTC, ts.parse("1635128165").offset());
    assertEquals(ZoneOffset.ofHours(9), new Timestamps(ZoneId.of("Asia/Seoul")).parse("1635128165").offset());
  }

  @Test
  void numbersThatAreNotPlausibleEpochsAreRefusedNotMisread() {
    Timestamps ts = new Timestamps(null);
    // yyyyMMdd has eight digits: never epoch
    assertThrows(DateTimeException.class, () -> ts.parse("20211025"));
    // yyyyMMddHHmmss read as milliseconds lands in 2610: said, not taken
    DateTimeException e = assertThrows(DateTimeException.class, () -> ts.parse("20211025111605"));
    assertTrue(e.getMessage().contains("--time-format"), e.getMessage());
  }

  @Test
  void aNamedEpochUnitAppliesWhereItReads() {
    assertEquals(T.plusMillis(250), new Timestamps(null, "epoch-ms", 0).parse("1635128165250").instant());
    // A bundle mixes tools: under epoch-ms, another file's ISO-8601 and epoch seconds still read (the
    // seconds as milliseconds would be 1970, outside 1990–2100: read by magnitude instead).
    Timestamps ms = new Timestamps(null, "epoch-ms", 0);
    assertEquals(T, ms.parse("2021-10-25T11:16:05+09:00").instant());
    assertEquals(T, ms.parse("1635128165").instant());
    assertEquals(T.plusMillis(250), new Timestamps(null, "epoch-s", 0).parse("1635128165250").instant());
    // near misses: what no shape reads is still refused, and says which format was named
    DateTimeException e = assertThrows(DateTimeException.class, () -> ms.parse("25/10/2021 11:16"));
    assertTrue(e.getMessage().contains("neither an epoch time (epoch-ms) nor ISO-8601"), e.getMessage());
    assertThrows(DateTimeException.class, () -> ms.parse("20211025"), "eight digits are a date, in no unit a plausible epoch");
    assertThrows(DateTimeException.class, () -> ms.parse("2021-10-25T11:16:05"), "a local time still needs a zone");
    assertThrows(IllegalArgumentException.class, () -> new Timestamps(null, "epoch-days", 0));
  }

  @Test
  void isoWeekDatesAndTimesWithoutSecondsRead() {
    Timestamps ts = new Timestamps(null);
    // 2021-10-25 is the Monday of ISO week 43
    assertEquals(T, ts.parse("2021-W43-1T11:16:05+09:00").instant());
    assertEquals(T.minusSeconds(5), ts.parse("2021-10-25T11:16+09:00").instant());
    assertEquals(T.minusSeconds(5), ts.parse("2021-10-25 11:16 +0900").instant());
    DateTimeException e = assertThrows(DateTimeException.class, () -> ts.parse("2021-W54-1T11:16:05+09:00"));
    assertTrue(e.getMessage().startsWith("invalid timestamp"), e.getMessage());
  }

  @Test
  void aPatternReadsLocalTimesInTheNamedZone() {
    Timestamps ts = new Timestamps(ZoneId.of("Asia/Seoul"), "dd/MM/yyyy HH:mm:ss", 0);
    assertEquals(T, ts.parse("25/10/2021 11:16:05").instant());
    DateTimeException e = assertThrows(DateTimeException.class, () -> ts.parse("25.10.2021 11:16:05"));
    assertTrue(e.getMessage().contains("does not match --time-format 'dd/MM/yyyy HH:mm:ss'"), e.getMessage());
    // the pattern applies where it reads: ISO-8601 (here local, in the named zone) and epoch times read as without it
    assertEquals(T, ts.parse("2021-10-25 11:16:05").instant());
    assertEquals(T, ts.parse("1635128165").instant());
    DateTimeException noZone = assertThrows(DateTimeException.class,
        () -> new Timestamps(null, "dd/MM/yyyy HH:mm:ss", 0).parse("25/10/2021 11:16:05"));
    assertTrue(noZone.getMessage().contains("--timezone"), noZone.getMessage());
  }

  @Test
  void aPatternWithAnOffsetNeedsNoZone() {
    Timestamps ts = new Timestamps(null, "MMM dd, yyyy @ HH:mm:ss.SSS xxx", 0);
    assertEquals(T, ts.parse("Oct 25, 2021 @ 11:16:05.000 +09:00").instant());
  }

  @Test
  void yearLessSyslogTimesNeedTheYear() {
    Timestamps ts = new Timestamps(ZoneId.of("Asia/Seoul"), null, 2021);
    assertEquals(T, ts.parse("Oct 25 11:16:05").instant());
    assertEquals(Instant.parse("2021-10-05T02:16:05.250Z"), ts.parse("Oct  5 11:16:05.250").instant());
    assertThrows(DateTimeException.class, () -> new Timestamps(ZoneId.of("Asia/Seoul")).parse("Oct 25 11:16:05"));
  }

  @Test
  void aBadSyslogMonthDayOrTimeIsNamedNotCalledNonIso() {
    Timestamps ts = new Timestamps(ZoneId.of("UTC"), null, 2021);
    assertEquals("time 'Ott 25 02:01:13': 'Ott' is not a month (Jan, Feb, … Dec)",
        assertThrows(DateTimeException.class, () -> ts.parse("Ott 25 02:01:13")).getMessage());
    assertEquals("time 'Feb 29 02:01:13': February 2021 has no day 29",
        assertThrows(DateTimeException.class, () -> ts.parse("Feb 29 02:01:13")).getMessage());
    assertEquals(Instant.parse("2024-02-29T02:01:13Z"), new Timestamps(ZoneId.of("UTC"), null, 2024).parse("Feb 29 02:01:13").instant());
    assertTrue(assertThrows(DateTimeException.class, () -> ts.parse("Oct 25 24:01:13")).getMessage().contains("not a time of day"));
  }

  @Test
  void strftimeFormatsAsBashHistTimeFormatWritesThem() {
    assertEquals("yyyy-MM-dd' 'HH:mm:ss", Timestamps.fromStrftime("%F %T"));
    assertEquals("dd'/'MM'/'yy' 'HH:mm:ss", Timestamps.fromStrftime("%d/%m/%y %T"));
    assertEquals("epoch-s", Timestamps.fromStrftime("%s"));
    assertEquals("'100% 'yyyy", Timestamps.fromStrftime("100%% %Y"));
    Timestamps ts = new Timestamps(ZoneId.of("Asia/Seoul"), Timestamps.fromStrftime("%d/%m/%y %T"), 0);
    assertEquals(T, ts.parse("25/10/21 11:16:05").instant());
    assertThrows(IllegalArgumentException.class, () -> Timestamps.fromStrftime("%Q"));
  }
}
