package org.hindsight.facts;

/**
 * A row of {@code key-generators}: a rate-limit key generator, the generator it falls back to
 * ({@code parent}, "" when none) and the rule that uses it.
 */
public record KeyGenerator(
    String generator, String kind, String parent, String rule, Attributes attributes, SourceRef origin)
    implements Fact {

  public boolean hasParent() {
    return !parent.isEmpty();
  }

  public String attr(String name) {
    return attributes.get(name);
  }
}
