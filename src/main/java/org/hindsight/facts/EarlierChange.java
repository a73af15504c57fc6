package org.hindsight.facts;

/**
 * A change to what failed first (the entity of the first symptom, or the service it is an item of),
 * made before the first symptom however long before: the session keeps it as long as the rules run,
 * where a {@link Change} leaves with the retention window, so a rule can weigh a latent change (a
 * feature enabled the day before, a migration weeks before).
 *
 * <pre>
 * EarlierChange( $c : change, change.millis &lt; ($t0 - lookBack()) )
 * </pre>
 *
 * @param change the change
 */
public record EarlierChange(Change change) implements Fact {
  @Override
  public SourceRef origin() {
    return change.origin();
  }
}
