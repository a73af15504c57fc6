package org.hindsight.facts;

/** Anything Hindsight reasons about; every fact can cite the log record it comes from ({@link #origin()}). */
public interface Fact {
  /** File and line of the record it comes from (cite it: {@code .cause($fact)} does). */
  SourceRef origin();
}
