package org.hindsight.simulate.propagation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.hindsight.facts.InventoryItem;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.propagation.FailurePropagation.Outage;
import org.hindsight.world.World;

/**
 * Replays the loss of one site: every inventory item whose {@code site} it is fails at
 * {@code at}; services that fall below what they need go down, hard dependents follow
 * ({@link FailurePropagation}); when the site is restored, items come back and services cold
 * restart. Components in {@code replicatedElsewhere} are treated as if they had a live replica
 * with enough capacity in another site: their items at this site are not lost (the
 * counterfactual). Used by the site-loss simulator and by {@code whatif}.
 */
public final class SiteLoss {
  /** Time a failure takes to reach a hard dependent (timeouts, health checks). */
  public static final Duration HOP_DELAY = Duration.ofMinutes(1);

  private final World world;
  private final FailurePropagation propagation;

  public SiteLoss(World world) {
    this.world = world;
    this.propagation = new FailurePropagation(world, HOP_DELAY);
  }

  public FailurePropagation propagation() {
    return propagation;
  }

  /**
   * @param restoredAt when the site's power and network are back, null if never in the replay
   * @return predicted outages by service (and by entity-named component), in propagation order
   */
  public Map<String, Outage> run(String site, Instant at, Instant restoredAt, Set<String> replicatedElsewhere,
      SimulationBudget budget) {
    FailurePropagation.Scenario scenario = new FailurePropagation.Scenario();
    for (InventoryItem i : world.itemsAtSite(site)) {
      if (replicatedElsewhere.contains(i.service()) || replicatedElsewhere.contains(i.entity())) continue;
      scenario.lose(i.entity(), at);
      if (restoredAt != null) scenario.restore(i.entity(), restoredAt);
      // A dependency may name an inventory entity directly: it is then a component of its own.
      if (i.live() && !world.dependentsOf(i.entity()).isEmpty()
          && world.placement(i.entity()).liveSites().equals(java.util.List.of(site))) {
        scenario.failService(i.entity(), at);
        if (restoredAt != null) scenario.restoreService(i.entity(), restoredAt);
      }
    }
    return propagation.run(scenario, budget);
  }
}
