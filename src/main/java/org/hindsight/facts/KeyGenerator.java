package org.hindsight.facts;

/**
 * A row of {@code key-generators}: a rate-limit key generator, the generator it falls back to
 * ({@code parent}, "" when none) and the rule that uses it.
 *
 * <p>The fallback model (rules/recursive-key-generator/README.md) is defined here once, for the
 * rules' cycle queries and the edge replay alike: an edge can be taken unless the generator is of
 * kind {@code ip} (it always yields a key), is guarded by a positive {@code max_depth}, or applies
 * the same {@code validator} the rule already checked ({@code rule_validator}).
 *
 * <pre>
 * $g : KeyGenerator( hasParent(), $parent : parent )
 * </pre>
 *
 * @param generator its name
 * @param kind ip, cookie, header, jwt, … (lower case)
 * @param parent the generator used when this one cannot produce a key ("" when none)
 * @param rule the rule that uses it ("" when absent)
 * @param attributes columns beyond the contract, as strings; read one with attr("column") ("" when absent)
 * @param origin file:line of the record it comes from (cite it: .cause($fact) does)
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

  /** The {@code max_depth} column: how many fallbacks the evaluator allows before a default key; 0 = no cap. */
  public int depthLimit() {
    String d = attr("max_depth").trim();
    if (d.isEmpty()) return 0;
    try {
      return Math.max(0, Integer.parseInt(d));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A positive {@code max_depth} caps the fallbacks, so a walk through this row ends. */
  public boolean guarded() {
    return depthLimit() > 0;
  }

  /**
   * Whether this generator can fail to produce a key, and so hand the request to its parent, for
   * traffic its rule accepted with {@code ruleValidator} ("": any).
   */
  public boolean mayReject(String ruleValidator) {
    if (!hasParent() || kind.equals("ip")) return false;
    String own = attr("validator");
    return own.isEmpty() || ruleValidator.isEmpty() || !own.equalsIgnoreCase(ruleValidator);
  }

  /** Whether this generator may fall back to its parent for such traffic: it may reject it and is not guarded. */
  public boolean mayFallBack(String ruleValidator) {
    return mayReject(ruleValidator) && !guarded();
  }
}
