package org.hindsight.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hindsight.observe.Symptom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {
  private static Symptom at(String entity, String time) {
    return Symptom.predicted("service.down", entity, Instant.parse(time));
  }

  @Test
  void curvesCountSymptomsAsTheyBeginAndAnEmptyPredictionIsAFlatZeroLine() {
    List<Symptom> observed = List.of(at("b", "2024-01-01T10:05:00Z"), at("a", "2024-01-01T10:00:00Z"));
    Chart c = Charts.symptomsOverTime("Services down", "services", observed, observed, List.of());
    assertEquals(List.of("observed", "with-cause", "without-cause"), c.series().stream().map(Series::role).toList());
    List<Double> observedValues = c.series().get(0).points().stream().map(Series.Point::value).toList();
    assertEquals(List.of(0.0, 1.0, 2.0, 2.0), observedValues);
    List<Series.Point> without = c.series().get(2).points();
    assertEquals(2, without.size());
    assertEquals(0.0, without.get(0).value());
    assertEquals(0.0, without.get(1).value());
    assertEquals(c.series().get(0).points().get(0).millis(), without.get(0).millis());
  }

  @Test
  void zeroIfEmptyKeepsARealCurve() {
    Series real = new Series("x", "observed", List.of(new Series.Point(5, 3)));
    assertEquals(real, Charts.zeroIfEmpty(real, 0, 10));
    assertEquals(List.of(new Series.Point(0, 0), new Series.Point(10, 0)),
        Charts.zeroIfEmpty(new Series("y", "without-cause", List.of()), 0, 10).points());
  }
}
