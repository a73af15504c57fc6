package org.hindsight.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hindsight.facts.Event;
import org.hindsight.facts.Hypothesis;
import org.hindsight.simulate.Chart;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.Series;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.Simulator;
import org.hindsight.observe.Symptom;
import org.hindsight.world.World;

/**
 * A simulator for the report tests' made-up pattern: it predicts every host of the pushed router's
 * neighbours going down a few seconds after each observed down (so the replay reproduces them),
 * nothing without the push, and offers a "hosts down" chart with all three roles.
 */
final class TestCascadeSimulator implements Simulator {
  @Override
  public String pattern() {
    return "test-cascade";
  }

  @Override
  public java.util.Set<String> symptomKinds() {
    return java.util.Set.of("service.down", "service.degraded");
  }

  @Override
  public Replay replay(World world, Hypothesis h, SimulationBudget budget) {
    List<Symptom> observed = new ArrayList<>();
    List<Symptom> predicted = new ArrayList<>();
    List<Series.Point> obs = new ArrayList<>();
    List<Series.Point> with = new ArrayList<>();
    List<Series.Point> without = new ArrayList<>();
    int down = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Event e : world.events()) {
      budget.step();
      boolean isDown = e.type().equals("service.down");
      boolean isUp = e.type().equals("service.up");
      if (e.type().equals("service.down") || e.type().equals("service.degraded")) {
        observed.add(new Symptom(e.type(), e.entity(), e.time(), e.origin()));
      }
      if (isDown) predicted.add(Symptom.predicted("service.down", e.entity(), e.time().plusSeconds(5)));
      if (isDown || isUp) {
        down += isDown ? 1 : -1;
        obs.add(new Series.Point(e.millis(), down));
        with.add(new Series.Point(e.millis() + 5_000, down));
        first = Math.min(first, e.millis());
        last = Math.max(last, e.millis());
      }
    }
    without.add(new Series.Point(first - 60_000, 0));
    without.add(new Series.Point(last + 60_000, 0));
    obs.add(0, new Series.Point(first - 60_000, 0));
    with.add(0, new Series.Point(first - 60_000, 0));
    Chart chart = new Chart("Hosts down", "hosts", List.of(
        new Series("hosts down (observed)", "observed", obs),
        new Series("hosts down (with cause)", "with-cause", with),
        new Series("hosts down (without cause)", "without-cause", without)));
    // A second chart with one curve per host and role, as pattern simulators draw per-entity curves.
    List<Series> perHost = new ArrayList<>();
    for (Symptom o : observed) {
      if (!o.kind().equals("service.down")) continue;
      long t = o.onset().toEpochMilli();
      perHost.add(new Series(o.entity() + " observed", "observed",
          List.of(new Series.Point(first - 60_000, 0), new Series.Point(t, 1), new Series.Point(last, 1))));
      perHost.add(new Series(o.entity() + " with cause", "with-cause",
          List.of(new Series.Point(first - 60_000, 0), new Series.Point(t + 5_000, 1), new Series.Point(last, 1))));
      perHost.add(new Series(o.entity() + " without cause", "without-cause",
          List.of(new Series.Point(first - 60_000, 0), new Series.Point(last, 0))));
    }
    Chart hosts = new Chart("Down per host", "down (1) / up (0)", perHost);
    return new Replay(observed, predicted, List.of(), Duration.ofSeconds(30),
        List.of("Without the push no host goes down: the counterfactual is clean.",
            "A canary safeguard would have stopped the push after the first host."),
        List.of(chart, hosts), Map.of("hostsDown", 2, "pushedBy", h.subject()), "");
  }
}
