package org.hindsight.ruletest;

import java.util.List;

/**
 * A parsed {@code expect.json}: what a fixture's analysis must and must not conclude.
 *
 * @param expect each must match at least one hypothesis
 * @param forbid none may match a live (confirmed/plausible) hypothesis
 * @param none when true, no live hypothesis at all; {@code noneLine} where it was written
 * @param findings each must match at least one finding
 * @param timezone zone for timestamps without an offset in the fixture's CSVs, or null
 */
public record FixtureSpec(
    List<Expectation> expect,
    List<Expectation> forbid,
    boolean none,
    int noneLine,
    List<Expectation> findings,
    String timezone,
    String description) {

  /** A negative fixture says what must not appear. */
  public boolean negative() {
    return none || !forbid.isEmpty();
  }

  /** A positive fixture says what must appear. */
  public boolean positive() {
    return !expect.isEmpty();
  }
}
