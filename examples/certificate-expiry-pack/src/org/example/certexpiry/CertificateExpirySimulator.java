package org.example.certexpiry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hindsight.facts.Event;
import org.hindsight.facts.Hypothesis;
import org.hindsight.observe.Symptom;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.simulate.Prediction;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.Simulator;
import org.hindsight.simulate.propagation.FailurePropagation;
import org.hindsight.world.World;

/**
 * Replays a certificate expiry: what served the certificate stops at the expiry and its hard
 * dependents follow. Counterfactual: the certificate renewed in time, so nothing fails. The
 * validator scores both against the observed service.down symptoms; this class only predicts.
 */
public final class CertificateExpirySimulator implements Simulator {
  static final Duration TOLERANCE = Duration.ofMinutes(10);

  @Override
  public String pattern() {
    return "certificate-expiry";
  }

  @Override
  public Set<String> symptomKinds() {
    return Set.of(SymptomKinds.SERVICE_DOWN);
  }

  @Override
  public Replay replay(World world, Hypothesis h, SimulationBudget budget) {
    // The event the rule matched travels with the hypothesis: start from it, do not detect again.
    Event expired = h.causeFact(Event.class).orElse(null);
    if (expired == null) {
      return Replay.nothing(TOLERANCE, List.of("The rule cited no expiry event, so there is nothing to replay."), "");
    }
    Instant at = expired.time();
    FailurePropagation propagation = new FailurePropagation(world, Duration.ZERO);
    FailurePropagation.Scenario expiry = new FailurePropagation.Scenario().failService(expired.entity(), at);
    List<Symptom> withCause = new ArrayList<>();
    for (FailurePropagation.Outage o : propagation.run(expiry, budget).values()) {
      withCause.add(Symptom.predicted(SymptomKinds.SERVICE_DOWN, o.service(), o.down()));
    }
    String story = "The certificate of " + expired.entity() + " expired at " + at + " (" + expired.origin() + "): "
        + withCause.size() + " service(s) fail with it over hard dependencies; renewed in time, none would.";
    return Replay.builder(TOLERANCE)
        .hypothesis(new Prediction("expiry of " + expired.entity(), expired.entity(), expired.origin(), at, withCause))
        .counterfactual(new Prediction("certificate renewed in time", "", null, at, List.of()))
        .narrative(story)
        .detail("simulator", "certificate-expiry plugin")
        .detail("expired", expired.entity())
        .build();
  }
}
