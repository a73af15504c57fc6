package org.hindsight.ingest;

import java.util.HashMap;
import java.util.Map;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.SourceRef;

/**
 * Rows that name something defined already. Keeping the first silently let the ignored row's
 * contradiction go unseen (and a rule then matched on whichever row won), so a second definition is
 * a problem of its row, citing the first: an error, or under {@code --lenient} a skipped row that
 * the report lists.
 */
final class Duplicates {
  private final Map<String, SourceRef> firstRows = new HashMap<>();
  private final Map<String, InventoryItem> firstEntity = new HashMap<>();

  /** Records the row defining {@code key} of {@code space}; a second one gets a problem. */
  void firstRow(String what, String space, String key, Row row) {
    SourceRef prior = firstRows.putIfAbsent(space + '\u0000' + key, row.ref());
    if (prior != null) row.problem(what + " at " + prior + "; one row each");
  }

  /** Null when {@code item} may be added, else why not. */
  String inventory(InventoryItem item) {
    String key = "inventory\u0000" + item.entity() + '\u0000' + item.service();
    InventoryItem first = firstEntity.putIfAbsent(item.entity(), item);
    if (first == null) {
      firstRows.put(key, item.origin());
      return null;
    }
    String where = first.origin().toString();
    if (!first.site().equals(item.site())) {
      return "entity '" + item.entity() + "' is in site '" + first.site() + "' at " + where + " and in site '"
          + item.site() + "' here; an entity has one site";
    }
    if (!first.type().equals(item.type())) {
      return "entity '" + item.entity() + "' is a " + first.type() + " at " + where + " and a " + item.type()
          + " here; an entity has one type";
    }
    SourceRef prior = firstRows.putIfAbsent(key, item.origin());
    if (prior == null) return null; // one more service of the entity
    return "entity '" + item.entity() + "'" + (item.service().isEmpty() ? "" : " of service '" + item.service() + "'")
        + " is listed already at " + prior;
  }
}
