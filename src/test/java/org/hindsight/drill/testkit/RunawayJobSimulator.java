package org.hindsight.drill.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.OpsCommand;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.Simulator;
import org.hindsight.observe.Symptom;
import org.hindsight.world.World;

/** Test-only simulator: the job degrades its host a few minutes after it starts; without it, nothing. */
public final class RunawayJobSimulator implements Simulator {
  @Override
  public String pattern() {
    return RunawayJobGenerator.PATTERN;
  }

  @Override
  public Replay replay(World world, Hypothesis h, SimulationBudget budget) {
    Instant start = world.bundle().opsCommands().stream().filter(c -> c.origin().equals(h.cause()))
        .map(OpsCommand::time).findFirst().orElse(Instant.EPOCH);
    // Only degradations after the job started are symptoms it could explain.
    List<Symptom> observed = world.observations().ofKind(SymptomKinds.SERVICE_DEGRADED).stream()
        .filter(s -> !s.onset().isBefore(start)).toList();
    List<Symptom> with = List.of(Symptom.predicted("service.degraded", h.subject(), start.plusSeconds(180)));
    return new Replay(observed, with, List.of(), Duration.ofMinutes(20),
        List.of("With the job capped, " + h.subject() + " would not have degraded."), List.of(), Map.of(), "");
  }
}
