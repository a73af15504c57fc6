package org.hindsight.engine;

import java.util.List;

/** The result of one rule session. */
public record SessionOutcome(
    List<Detection.OfHypothesis> hypotheses,
    List<Detection.OfFinding> findings,
    FiringLog firings,
    long factsInserted) {}
