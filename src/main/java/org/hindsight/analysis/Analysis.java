package org.hindsight.analysis;

import java.time.ZoneId;
import java.util.List;
import org.hindsight.engine.Detection;
import org.hindsight.engine.FiringLog;
import org.hindsight.engine.RuleBase;
import org.hindsight.ingest.InputStats;
import org.hindsight.observe.Symptom;
import org.hindsight.world.World;

/**
 * The outcome of analysing one incident: ranked, validated hypotheses (best first), the other
 * findings, symptoms no live hypothesis explains, and what was read. Reports render this.
 * {@code validationTime} is the wall time spent replaying and judging hypotheses (the benchmark
 * reports it against the rest of the analysis).
 */
public record Analysis(
    List<Assessment> assessments,
    List<Detection.OfFinding> findings,
    List<Symptom> unexplained,
    World world,
    RuleBase rules,
    FiringLog firings,
    InputStats input,
    java.time.Duration validationTime) {

  public ZoneId zone() {
    return world.displayZone();
  }

  /**
   * Every symptom the logs show (the observation model, with trouble only learned baselines show:
   * {@code Observations.listed()}), by onset, whether or not any rule fired: what reports list under
   * "Symptoms".
   */
  public List<Symptom> symptoms() {
    return world.observations().listed();
  }

  public List<Assessment> live() {
    return assessments.stream().filter(a -> a.validation().verdict().live()).toList();
  }
}
