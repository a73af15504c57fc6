package org.example.certexpiry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hindsight.facts.Event;
import org.hindsight.facts.Hypothesis;
import org.hindsight.simulate.Observations;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.Simulator;
import org.hindsight.simulate.Symptom;
import org.hindsight.simulate.propagation.FailurePropagation;
import org.hindsight.world.World;

/**
 * Replays a certificate expiry: what served the certificate stops at the expiry and its hard
 * dependents follow. Counterfactual: the certificate renewed in time, so nothing fails.
 */
public final class CertificateExpirySimulator implements Simulator {
  static final Duration TOLERANCE = Duration.ofMinutes(30);

  @Override
  public String pattern() {
    return "certificate-expiry";
  }

  @Override
  public Replay replay(World world, Hypothesis h, SimulationBudget budget) {
    // The event the rule matched travels with the hypothesis: start from it, do not detect again.
    Event expired = h.causeFact(Event.class).orElse(null);
    if (expired == null) {
      return new Replay(List.of(), List.of(), List.of(), TOLERANCE,
          List.of("The rule cited no expiry event, so there is nothing to replay."), List.of(), Map.of(), "");
    }
    Instant at = expired.time();
    FailurePropagation propagation = new FailurePropagation(world, Duration.ZERO);
    FailurePropagation.Scenario expiry = new FailurePropagation.Scenario().failService(expired.entity(), at);
    List<Symptom> withCause = new ArrayList<>();
    for (FailurePropagation.Outage o : propagation.run(expiry, budget).values()) {
      withCause.add(Symptom.predicted("service.down", o.service(), o.down()));
    }
    List<Symptom> observed = Observations.firstPerEntity(world, "service.down").stream()
        .filter(s -> !s.onset().isBefore(at.minus(TOLERANCE)) && s.onset().isBefore(at.plus(Duration.ofHours(24))))
        .toList();
    String story = "The certificate of " + expired.entity() + " expired at " + at + " (" + expired.origin() + "): "
        + withCause.size() + " service(s) fail with it over hard dependencies; renewed in time, none would.";
    return new Replay(observed, withCause, List.of(), TOLERANCE, List.of(story), List.of(),
        Map.of("simulator", "certificate-expiry plugin", "expired", expired.entity()), "");
  }
}
