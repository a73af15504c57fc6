package org.hindsight.facts;

/** Anything Hindsight reasons about; every fact can cite the log record it comes from ({@link #origin()}). */
public interface Fact {
  SourceRef origin();
}
