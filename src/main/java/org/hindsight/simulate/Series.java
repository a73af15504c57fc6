package org.hindsight.simulate;

import java.util.List;

/**
 * A curve for a chart: e.g. observed routes per router, or services down over time with the cause
 * and without it. Times are epoch milliseconds.
 *
 * @param role {@code observed}, {@code with-cause} or {@code without-cause}
 */
public record Series(String name, String role, List<Point> points) {
  public record Point(long millis, double value) {}
}
