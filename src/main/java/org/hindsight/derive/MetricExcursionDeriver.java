package org.hindsight.derive;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.facts.Fact;
import org.hindsight.facts.MetricExcursion;
import org.hindsight.facts.MetricSeries;
import org.hindsight.observe.MetricThresholds;
import org.hindsight.world.World;

/** Finds the stretches where each metric series is beyond its {@link MetricThresholds threshold}. */
@AutoService(org.hindsight.derive.FactDeriver.class)
public final class MetricExcursionDeriver implements FactDeriver {
  @Override
  public String name() {
    return "metric-excursions";
  }

  @Override
  public List<Class<? extends Fact>> factTypes() {
    return List.of(MetricExcursion.class);
  }

  @Override
  public List<MetricExcursion> derive(World world) {
    List<MetricExcursion> out = new ArrayList<>();
    for (MetricSeries s : world.metrics()) out.addAll(excursions(s));
    return out;
  }

  public static List<MetricExcursion> excursions(MetricSeries s) {
    double threshold = MetricThresholds.threshold(s);
    List<MetricExcursion> out = new ArrayList<>();
    if (Double.isNaN(threshold)) return out;
    int start = -1;
    int peak = -1;
    for (int i = 0; i < s.count(); i++) {
      double v = s.valueAt(i);
      if (v >= threshold) {
        if (start < 0) {
          start = i;
          peak = i;
        } else if (v > s.valueAt(peak)) {
          peak = i;
        }
      } else if (start >= 0) {
        out.add(new MetricExcursion(s.entity(), s.metric(), s.timeAt(start), s.timeAt(i), s.baseline(), threshold,
            s.valueAt(peak), s.timeAt(peak), s.ref(start), s.ref(peak), s.ref(i)));
        start = -1;
      }
    }
    if (start >= 0) {
      out.add(new MetricExcursion(s.entity(), s.metric(), s.timeAt(start), null, s.baseline(), threshold,
          s.valueAt(peak), s.timeAt(peak), s.ref(start), s.ref(peak), null));
    }
    return out;
  }
}
