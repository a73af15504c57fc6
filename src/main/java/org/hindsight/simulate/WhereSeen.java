package org.hindsight.simulate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hindsight.facts.InventoryItem;
import org.hindsight.observe.Symptom;
import org.hindsight.world.World;

/**
 * Where the logs would show a predicted outage. Replays reason about services; logs often report
 * on what serves them instead ({@code host.down} of each DNS server, a fleet's CPU, a data centre's
 * error ratio) and never name the service. A predicted outage of an entity the logs do not name is
 * placed on its items and their sites that the logs do report on, so a replay is judged against what
 * was recorded; when the logs name the entity, or report on nothing that serves it, it stays as is.
 */
public final class WhereSeen {
  private final World world;
  private final Set<String> reported = new HashSet<>();

  private WhereSeen(World world, Collection<String> kinds) {
    this.world = world;
    for (String kind : kinds) for (Symptom s : world.observations().ofKind(kind)) reported.add(s.entity());
  }

  /** Placement against the entities the logs report on with any symptom of {@code kinds}. */
  public static WhereSeen of(World world, Collection<String> kinds) {
    return new WhereSeen(world, kinds);
  }

  /** Whether the logs show a symptom of one of the kinds on {@code entity}. */
  public boolean reported(String entity) {
    return reported.contains(entity);
  }

  /** The entities on which the outage of {@code entity} would be seen, {@code entity} itself when it is named or nothing serving it is. */
  public List<String> outageOf(String entity) {
    if (reported.contains(entity)) return List.of(entity);
    Set<String> out = new LinkedHashSet<>();
    for (InventoryItem i : world.itemsOfService(entity)) {
      if (reported.contains(i.entity())) out.add(i.entity());
      if (!i.site().isEmpty() && reported.contains(i.site())) out.add(i.site());
    }
    return out.isEmpty() ? List.of(entity) : new ArrayList<>(out);
  }
}
