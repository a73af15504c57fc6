package org.hindsight.facts;

/**
 * A row of {@code links}: a network adjacency between {@code a} and {@code b}.
 *
 * <pre>
 * Link( a == $router || b == $router, protocol == "isis" )
 * </pre>
 *
 * @param a one end
 * @param b the other end
 * @param protocol isis, ospf, bgp, … (lower case, "" when absent)
 * @param latencyMs latency in milliseconds, NaN when absent (test with hasLatency())
 * @param attributes columns beyond the contract, as strings; read one with attr("column") ("" when absent)
 * @param origin file:line of the record it comes from (cite it: .cause($fact) does)
 */
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
