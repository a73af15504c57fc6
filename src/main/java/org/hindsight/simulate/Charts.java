package org.hindsight.simulate;

import org.hindsight.observe.Symptom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Chart data shared by simulators: observed vs predicted curves on one time axis. */
public final class Charts {
  private Charts() {}

  /**
   * How many symptoms have begun over time, observed and predicted with and without the cause. A
   * prediction of nothing is a flat zero line, not a missing curve: "without the cause, nothing
   * fails" is the point of the counterfactual.
   */
  public static Chart symptomsOverTime(String title, String unit, List<Symptom> observed, List<Symptom> withCause,
      List<Symptom> withoutCause) {
    List<Instant> all = new ArrayList<>();
    for (List<Symptom> l : List.of(observed, withCause, withoutCause)) {
      l.stream().map(Symptom::onset).filter(Objects::nonNull).forEach(all::add);
    }
    if (all.isEmpty()) return new Chart(title, unit, List.of());
    long from = all.stream().mapToLong(Instant::toEpochMilli).min().getAsLong();
    long to = all.stream().mapToLong(Instant::toEpochMilli).max().getAsLong();
    long margin = Math.max(60_000, (to - from) / 10);
    return new Chart(title, unit, List.of(
        cumulative("observed", "observed", observed, from - margin, to + margin),
        cumulative("predicted with the cause", "with-cause", withCause, from - margin, to + margin),
        cumulative("predicted without the cause", "without-cause", withoutCause, from - margin, to + margin)));
  }

  /** A step curve of how many of {@code symptoms} have begun at each moment in [from, to]. */
  public static Series cumulative(String name, String role, List<Symptom> symptoms, long from, long to) {
    List<Long> onsets = symptoms.stream().map(Symptom::onset).filter(Objects::nonNull).map(Instant::toEpochMilli).sorted().toList();
    List<Series.Point> points = new ArrayList<>();
    points.add(new Series.Point(from, 0));
    int n = 0;
    for (long t : onsets) points.add(new Series.Point(t, ++n));
    points.add(new Series.Point(to, n));
    return new Series(name, role, points);
  }

  /** {@code series}, or a flat zero line over [from, to] when it has no point. */
  public static Series zeroIfEmpty(Series series, long from, long to) {
    if (!series.points().isEmpty()) return series;
    return new Series(series.name(), series.role(), List.of(new Series.Point(from, 0), new Series.Point(to, 0)));
  }
}
