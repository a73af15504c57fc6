package org.hindsight.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.Placement;
import org.hindsight.facts.ServiceSpec;
import org.hindsight.facts.SourceRef;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.propagation.FailurePropagation.Outage;
import org.hindsight.simulate.propagation.SiteLoss;
import org.hindsight.world.World;

/**
 * The pre-mortem question "what does losing this site take down?", answered with the same
 * site-loss replay the single-site simulator validates incidents with, and the same failure-domain
 * facts its rules read ({@link org.hindsight.facts.Topology}), on a bundle that needs no incident
 * at all (inventory, services and dependencies are enough).
 */
public final class BlastRadius {
  private BlastRadius() {}

  /** One service the loss takes down; minutes are counted from the loss, back is null when never. */
  public record Down(String service, boolean critical, String reason, List<String> path, long downAfterMinutes,
      Long backAfterMinutes) {}

  /** A component single-sited at the site, and which services a replica in another site would keep up. */
  public record Fix(String component, SourceRef row, int hardDependents, List<String> saves) {}

  /** A backup lost together with the data it protects. */
  public record BackupAtRisk(String data, String backup, SourceRef row) {}

  /**
   * @param recoveryMinutes from the loss until the last service is back (site down for
   *     {@code downFor}, then cold restarts along the hard dependencies); null when some never return
   */
  public record SiteImpact(String site, int items, List<Down> down, List<String> criticalDown, Long recoveryMinutes,
      List<Fix> singleSite, List<BackupAtRisk> backups, String stoppedByBudget) {}

  /** The impact of losing {@code site} for {@code downFor}. */
  public static SiteImpact of(World world, String site, Duration downFor, SimulationBudget budget) {
    Instant at = Instant.EPOCH;
    Instant back = at.plus(downFor);
    SiteLoss model = new SiteLoss(world);
    Map<String, Outage> outages = model.run(site, at, back, Set.of(), budget);
    List<Down> down = new ArrayList<>();
    List<String> critical = new ArrayList<>();
    Long recovery = 0L;
    for (Outage o : outages.values()) {
      boolean crit = world.service(o.service()).map(ServiceSpec::critical).orElse(false);
      Long backAfter = o.up() == null ? null : Duration.between(at, o.up()).toMinutes();
      down.add(new Down(o.service(), crit, o.reason(), o.path(), Duration.between(at, o.down()).toMinutes(), backAfter));
      if (crit) critical.add(o.service());
      recovery = recovery == null || backAfter == null ? null : Math.max(recovery, backAfter);
    }
    if (outages.isEmpty()) recovery = 0L;
    List<Fix> fixes = new ArrayList<>();
    for (String c : world.singleSiteComponents(site)) {
      if (!budget.step()) break;
      List<String> dependents = world.hardDependents(c);
      Map<String, Outage> alone = model.run(site, at, back, Set.of(c), budget);
      List<String> saves = outages.keySet().stream().filter(s -> !alone.containsKey(s)).sorted().toList();
      InventoryItem row = world.placement(c).item();
      fixes.add(new Fix(c, row == null ? null : row.origin(), dependents.size(), saves));
    }
    fixes.sort((a, b) -> a.saves().size() != b.saves().size() ? b.saves().size() - a.saves().size()
        : a.component().compareTo(b.component()));
    String stopped = budget.step() ? "" : budget.describe();
    return new SiteImpact(site, world.itemsAtSite(site).size(), down, critical, recovery, fixes,
        backupsAtRisk(world, site), stopped);
  }

  /** Data whose every live copy and every backup sit in {@code site} ({@link Placement#lostWith}, as the rules read it). */
  public static List<BackupAtRisk> backupsAtRisk(World world, String site) {
    List<BackupAtRisk> out = new ArrayList<>();
    for (Placement p : world.placements()) {
      if (p.lostWith(site)) out.add(new BackupAtRisk(p.component(), p.backup().entity(), p.backup().origin()));
    }
    return out;
  }
}
