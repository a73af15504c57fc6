package org.hindsight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SvgTest {
  static long at(String iso) {
    return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
  }

  @Test
  void timeTicksFallOnRoundLocalTimesOfTheReportZone() {
    // India is +05:30: round UTC minutes are not round local minutes
    List<Svg.TimeTick> ticks = Svg.timeTicks(at("2024-03-05T04:27:13Z"), at("2024-03-05T04:52:00Z"), ZoneId.of("Asia/Kolkata"), 8);
    assertEquals("10:00", ticks.get(0).label());
    assertEquals("2024-03-05", ticks.get(0).date());
    assertEquals("10:05", ticks.get(1).label());
    assertEquals("", ticks.get(1).date(), "the date is written once");
    assertEquals(at("2024-03-05T04:30:00Z"), ticks.get(0).millis());
    assertTrue(ticks.size() <= 8);
  }

  @Test
  void shortSpansGetSecondsAndLongSpansGetDates() {
    List<Svg.TimeTick> seconds = Svg.timeTicks(at("2024-01-01T00:00:01Z"), at("2024-01-01T00:00:20Z"), ZoneId.of("UTC"), 8);
    assertEquals("00:00:05", seconds.get(0).label());
    List<Svg.TimeTick> days = Svg.timeTicks(at("2024-01-01T05:00:00Z"), at("2024-01-09T00:00:00Z"), ZoneId.of("UTC"), 8);
    assertEquals("01-02", days.get(0).label());
    List<Svg.TimeTick> midnight = Svg.timeTicks(at("2024-01-01T22:10:00Z"), at("2024-01-02T01:50:00Z"), ZoneId.of("UTC"), 8);
    assertTrue(midnight.stream().anyMatch(t -> t.label().equals("00:00") && t.date().equals("2024-01-02")),
        "a new day is dated: " + midnight);
  }

  @Test
  void valueTicksAreNiceAndCoverTheRange() {
    assertEquals(List.of(0.0, 0.2, 0.4, 0.6), Svg.valueTicks(0, 0.42, 4));
    assertEquals(List.of(0.0, 500.0, 1000.0, 1500.0, 2000.0), Svg.valueTicks(0, 1800, 4));
    assertEquals("1 500", Svg.value(1500));
    assertEquals("0.42", Svg.value(0.42));
    assertEquals("12.5", Svg.n(12.5));
    assertEquals("3", Svg.n(3.0));
  }
}
