package org.hindsight.patterns.missingexit;

/**
 * What a configuration line is about, independent of vendor: see the fields of the same names on
 * {@link org.hindsight.facts.CommandEffect}.
 */
public record LineMeaning(String topic, String injects, boolean negated, boolean bounded, boolean limit) {
  public static final LineMeaning NEUTRAL = new LineMeaning("", "", false, false, false);

  public LineMeaning negate(boolean n) {
    return new LineMeaning(topic, n ? "" : injects, n, bounded, limit);
  }
}
