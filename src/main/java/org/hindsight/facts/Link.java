package org.hindsight.facts;

/** A row of {@code links}: a network adjacency between {@code a} and {@code b}. */
public record Link(
    String a, String b, String protocol, double latencyMs, Attributes attributes, SourceRef origin)
    implements Fact {

  /** Latency when the log gives one, else NaN. */
  public boolean hasLatency() {
    return !Double.isNaN(latencyMs);
  }

  public String other(String end) {
    return a.equals(end) ? b : a;
  }

  public String attr(String name) {
    return attributes.get(name);
  }
}
