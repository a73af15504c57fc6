package org.hindsight.engine;

import java.util.List;

/**
 * The result of one rule session.
 *
 * @param eventsReleased events that left the session once matched ({@link RuleSession.Release})
 */
public record SessionOutcome(
    List<Detection.OfHypothesis> hypotheses,
    List<Detection.OfFinding> findings,
    FiringLog firings,
    long factsInserted,
    long eventsReleased) {
  public SessionOutcome(List<Detection.OfHypothesis> hypotheses, List<Detection.OfFinding> findings, FiringLog firings, long factsInserted) {
    this(hypotheses, findings, firings, factsInserted, 0);
  }
}
