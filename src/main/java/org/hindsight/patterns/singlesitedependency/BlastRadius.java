package org.hindsight.patterns.singlesitedependency;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.ServiceSpec;
import org.hindsight.facts.SourceRef;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.propagation.FailurePropagation.Outage;

/**
 * The pre-mortem question "what does losing this site take down?", answered with the same
 * site-loss replay the simulator validates incidents with, on a bundle that needs no incident at
 * all (inventory, services and dependencies are enough).
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
  public static SiteImpact of(FailureDomains domains, String site, Duration downFor, SimulationBudget budget) {
    Instant at = Instant.EPOCH;
    Instant back = at.plus(downFor);
    SiteLoss model = new SiteLoss(domains);
    Map<String, Outage> outages = model.run(site, at, back, Set.of(), budget);
    List<Down> down = new ArrayList<>();
    List<String> critical = new ArrayList<>();
    Long recovery = 0L;
    for (Outage o : outages.values()) {
      boolean crit = domains.world().service(o.service()).map(ServiceSpec::critical).orElse(false);
      Long backAfter = o.up() == null ? null : Duration.between(at, o.up()).toMinutes();
      down.add(new Down(o.service(), crit, o.reason(), o.path(), Duration.between(at, o.down()).toMinutes(), backAfter));
      if (crit) critical.add(o.service());
      recovery = recovery == null || backAfter == null ? null : Math.max(recovery, backAfter);
    }
    if (outages.isEmpty()) recovery = 0L;
    List<Fix> fixes = new ArrayList<>();
    for (String c : domains.singleSiteComponents(site)) {
      if (!budget.step()) break;
      Set<String> dependents = domains.hardDependents(c, budget);
      Map<String, Outage> alone = model.run(site, at, back, Set.of(c), budget);
      List<String> saves = outages.keySet().stream().filter(s -> !alone.containsKey(s)).sorted().toList();
      fixes.add(new Fix(c, domains.row(c).map(InventoryItem::origin).orElse(null), dependents.size(), saves));
    }
    fixes.sort((a, b) -> a.saves().size() != b.saves().size() ? b.saves().size() - a.saves().size()
        : a.component().compareTo(b.component()));
    String stopped = budget.step() ? "" : budget.describe();
    return new SiteImpact(site, domains.world().itemsAtSite(site).size(), down, critical, recovery, fixes,
        backupsAtRisk(domains, site), stopped);
  }

  /** Backups in {@code site} whose data lives only there and has no backup in another site (as rule HS-SS-002). */
  public static List<BackupAtRisk> backupsAtRisk(FailureDomains domains, String site) {
    List<BackupAtRisk> out = new ArrayList<>();
    var world = domains.world();
    for (InventoryItem b : world.itemsAtSite(site)) {
      if (b.live()) continue;
      String data = !b.service().isEmpty() ? b.service() : b.parent();
      if (data.isEmpty()) continue;
      boolean primaryHere = !b.service().isEmpty()
          ? world.itemsOfService(data).stream().anyMatch(i -> i.live() && i.site().equals(site))
              && world.itemsOfService(data).stream().noneMatch(i -> i.live() && !i.site().equals(site))
          : world.item(data).filter(i -> i.live() && i.site().equals(site)).isPresent();
      boolean copyElsewhere = world.bundle().inventory().stream().anyMatch(i -> !i.live() && !i.site().equals(site)
          && (!b.service().isEmpty() ? i.service().equals(data) : i.parent().equals(data)));
      if (primaryHere && !copyElsewhere) out.add(new BackupAtRisk(data, b.entity(), b.origin()));
    }
    return out;
  }
}
