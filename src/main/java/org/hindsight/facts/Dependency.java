package org.hindsight.facts;

/** A row of {@code dependencies}: {@code service} needs {@code dependsOn}; hard unless "soft". */
public record Dependency(
    String service, String dependsOn, String kind, Attributes attributes, SourceRef origin)
    implements Fact {

  public boolean hard() {
    return !kind.equalsIgnoreCase("soft");
  }

  public String attr(String name) {
    return attributes.get(name);
  }
}
