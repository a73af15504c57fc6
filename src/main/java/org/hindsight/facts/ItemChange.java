package org.hindsight.facts;

/**
 * A change made to one item of a service some item of which shows a symptom, before the first symptom
 * however long before: kept as long as the rules run (a {@link Change} leaves with the retention window), so
 * a rule can see which items a roll-out of the service reached days before and which it missed (a deploy
 * copied to seven of eight servers, the eighth left on old code).
 *
 * <pre>
 * $kept : List() from collect( ItemChange() )
 * </pre>
 *
 * @param change the change of the item
 */
public record ItemChange(Change change) implements Fact {
  @Override
  public SourceRef origin() {
    return change.origin();
  }
}
