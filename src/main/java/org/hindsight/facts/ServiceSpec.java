package org.hindsight.facts;

/**
 * A row of {@code services}: what one service needs. Absent numbers are -1 so DRL can test
 * {@code minHosts > 0} without null checks.
 */
public record ServiceSpec(
    String service,
    int minHosts,
    boolean critical,
    int restartMinutes,
    Attributes attributes,
    SourceRef origin)
    implements Fact {

  public boolean hasMinHosts() {
    return minHosts >= 0;
  }

  public boolean hasRestartMinutes() {
    return restartMinutes >= 0;
  }

  public String attr(String name) {
    return attributes.get(name);
  }
}
