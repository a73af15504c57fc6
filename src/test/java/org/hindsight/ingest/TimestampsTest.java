package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private final Timestamps strict = new Timestamps(null);

  @Test
  void aSpreadsheetsDateIsAnsweredWithTheTimeFormatThatReadsIt() {
    String us = assertThrows(DateTimeException.class, () -> strict.parse("3/22/2024 14:05")).getMessage();
    assertTrue(us.contains("--time-format 'M/d/yyyy H:mm' and --timezone"), us);
    String eu = assertThrows(DateTimeException.class, () -> strict.parse("22.03.2024 14:05:09")).getMessage();
    assertTrue(eu.contains("--time-format 'd.M.yyyy H:mm:ss' and"), eu);
    String either = assertThrows(DateTimeException.class, () -> strict.parse("3/12/24")).getMessage();
    assertTrue(either.contains("'M/d/yy' or 'd/M/yy'"), either);
    // a US export's 12-hour clock, with the offset written after it: the advice names both, and needs no zone
    String clock = assertThrows(DateTimeException.class, () -> strict.parse("10/25/2021 01:16:05 PM +0900")).getMessage();
    assertTrue(clock.contains("--time-format 'M/d/yyyy h:mm:ss a XX')"), clock);
    Timestamps usClock = new Timestamps(null, "M/d/yyyy h:mm:ss a XX", 0);
    assertEquals(Instant.parse("2021-10-25T04:16:05Z"), usClock.parse("10/25/2021 01:16:05 PM +0900").instant());
    String iso = assertThrows(DateTimeException.class, () -> strict.parse("25/10/2021 13:16Z")).getMessage();
    assertTrue(iso.contains("--time-format 'd/M/yyyy H:mmX')"), iso);
    assertEquals(Instant.parse("2021-10-25T13:16:00Z"), new Timestamps(null, "d/M/yyyy H:mmX", 0).parse("25/10/2021 13:16Z").instant());
    String other = assertThrows(DateTimeException.class, () -> strict.parse("yesterday")).getMessage();
    assertTrue(!other.contains("spreadsheet"), other);
    // the advice works, and the bundle's other files, in ISO-8601 with an offset, still read under it
    Timestamps excel = new Timestamps(ZoneId.of("Asia/Seoul"), "M/d/yyyy H:mm", 0);
    assertEquals(Instant.parse("2024-03-22T05:05:00Z"), excel.parse("3/22/2024 14:05").instant());
    assertEquals(Instant.parse("2024-03-22T05:05:00Z"), excel.parse("2024-03-22T14:05:00+09:00").instant());
    // as it reads without the pattern: a local ISO time in the named zone
    assertEquals(Instant.parse("2024-03-22T05:05:00Z"), excel.parse("2024-03-22 14:05").instant());
    assertThrows(DateTimeException.class, () -> excel.parse("22.03.2024 14:05"));
  }

  @Test
  void fastAndSlowPathsAgreeOnManyGeneratedTimestamps() {
    Random rnd = new Random(20241025);
    int fastHits = 0;
    for (int i = 0; i < 20_000; i++) {
      String s = randomTimestamp(rnd);
      Timestamps.Parsed fast = Timestamps.fast(s);
      Timestamps.Parsed slow;
      try {
        slow = strict.slow(s);
      } catch (DateTimeException e) {
        assertNull(fast, () -> "fast path accepted what the slow path rejects: " + s);
        continue;
      }
      if (fast != null) {
        fastHits++;
        assertEquals(slow, fast, s);
      }
      assertEquals(slow, strict.parse(s), s);
    }
    assertTrue(fastHits > 5_000, "the generator should mostly produce the common shape, got " + fastHits);
  }

  /** Mostly the common shape, with mutations: fractions of 0–10 digits, odd offsets, bad fields. */
  private static String randomTimestamp(Random r) {
    int year = 1970 + r.nextInt(100);
    int month = r.nextInt(20) == 0 ? 13 : 1 + r.nextInt(12);
    int day = r.nextInt(20) == 0 ? 31 : 1 + r.nextInt(28);
    int hour = r.nextInt(30) == 0 ? 24 : r.nextInt(24);
    StringBuilder sb = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, r.nextInt(60), r.nextInt(60)));
    int frac = r.nextInt(12);
    if (frac > 0 && frac <= 10) {
      sb.append('.');
      for (int i = 0; i < frac; i++) sb.append((char) ('0' + r.nextInt(10)));
    }
    switch (r.nextInt(8)) {
      case 0 -> sb.append('Z');
      case 1 -> sb.append('z');
      case 2 -> sb.append(String.format("%+03d:%02d", r.nextInt(37) - 18, r.nextInt(4) * 15));
      case 3 -> sb.append(String.format("%+03d%02d", r.nextInt(25) - 12, 0));
      case 4 -> sb.append(String.format("+%02d:%02d", 19, 0));
      case 5 -> { } // no offset: rejected without a zone
      default -> sb.append(r.nextBoolean() ? "+09:00" : "-04:30");
    }
    if (r.nextInt(25) == 0) sb.setCharAt(10, ' ');
    if (r.nextInt(40) == 0) sb.setCharAt(r.nextInt(sb.length()), 'x');
    return sb.toString();
  }

  @Test
  void theCommonShapesTakeTheFastPath() {
    assertNotNull(Timestamps.fast("2021-10-25T11:16:05+09:00"));
    assertNotNull(Timestamps.fast("2024-06-20T17:47:00.250Z"));
    assertEquals(Instant.parse("2024-06-20T17:47:00.250Z"), Timestamps.fast("2024-06-20T17:47:00.250Z").instant());
    assertEquals(ZoneOffset.ofHours(9), Timestamps.fast("2021-10-25T11:16:05+09:00").offset());
  }

  @Test
  void otherShapesAreStillUnderstood() {
    assertEquals(Instant.parse("2021-10-25T02:16:05Z"), strict.parse("2021-10-25 11:16:05+0900").instant());
    assertEquals(Instant.parse("2021-10-25T02:16:05Z"), strict.parse("2021-10-25T11:16:05+09").instant());
    assertEquals(Instant.parse("2021-10-25T02:16:00Z"), strict.parse("2021-10-25T02:16Z").instant());
  }

  @Test
  void localTimesNeedAZoneAndUseItsRulesIncludingDaylightSaving() {
    DateTimeException e = assertThrows(DateTimeException.class, () -> strict.parse("2021-10-25T11:16:05"));
    assertTrue(e.getMessage().contains("--timezone"), e.getMessage());
    Timestamps ny = new Timestamps(ZoneId.of("America/New_York"));
    assertEquals(Instant.parse("2021-07-01T16:00:00Z"), ny.parse("2021-07-01T12:00:00").instant());
    assertEquals(Instant.parse("2021-12-01T17:00:00Z"), ny.parse("2021-12-01T12:00:00").instant());
  }

  @Test
  void garbageGivesAMessageForTheUser() {
    DateTimeException e = assertThrows(DateTimeException.class, () -> strict.parse("yesterday"));
    assertEquals("unparsable timestamp 'yesterday' (expected ISO-8601, e.g. 2021-10-25T11:16:05+09:00)", e.getMessage());
  }
}
