package org.hindsight.facts;

import java.util.List;
import java.util.Set;

/**
 * What an event type says about a failure domain. The contract names {@code site.fire},
 * {@code site.power_loss} and {@code site.restored}; real logs and reconstructions also say
 * {@code datacenter.flood}, {@code dc.cooling_failure}, {@code az.power.loss}, {@code site.outage} or
 * {@code site.power_restored}. A type is read as words (split at {@code . _ - : /} and spaces): its
 * first word names a failure domain, a later one says what happened to it. Usable from DRL:
 * {@code Event( SiteEvents.saysLoss(type) )}.
 */
public final class SiteEvents {
  private SiteEvents() {}

  /** First words that name a failure domain (not {@code pod}: a Kubernetes pod is no site). */
  private static final Set<String> DOMAIN = Set.of("site", "datacenter", "datacentre", "dc", "facility", "building", "hall",
      "room", "zone", "az", "region", "campus", "colo", "colocation");
  private static final Set<String> LOSS = Set.of("fire", "smoke", "power", "powerloss", "blackout", "outage", "down", "lost",
      "loss", "flood", "flooding", "water", "leak", "cooling", "overheat", "overheating", "thermal", "earthquake", "offline",
      "isolated", "isolation", "unreachable", "evacuated", "evacuation", "destroyed", "failure", "failed", "fail",
      // an emergency power-off of a zone's hardware (planned work says so: NOT_REAL)
      "shutdown", "poweroff");
  private static final Set<String> RESTORED = Set.of("restored", "restore", "up", "recovered", "recovery", "online",
      "resolved", "cleared", "back", "on", "normal");
  /** Words that say nothing was lost: a test, a drill, a check, planned work. */
  private static final Set<String> NOT_REAL = Set.of("test", "drill", "check", "exercise", "simulated", "simulation",
      "planned", "maintenance", "warning", "risk", "forecast");

  /**
   * Words that name one supply of a domain, not the domain: a utility feed lost puts a data centre on
   * its other feed or its generators (Cloudflare PDX-04, 2023-11-02: utility feed lost at 08:50, the
   * site dark only at 11:44). The logs say so again when the domain itself goes dark.
   */
  private static final Set<String> ONE_SUPPLY = Set.of("utility", "feed", "mains", "grid");

  /** The type says a failure domain was lost (fire, power, flood, cooling, outage …), not restored, not a drill, not one supply of it. */
  public static boolean saysLoss(String type) {
    List<String> w = EventTypeWords.of(type);
    if (w.size() < 2 || !DOMAIN.contains(w.get(0))) return false;
    boolean loss = false;
    for (int i = 1; i < w.size(); i++) {
      if (RESTORED.contains(w.get(i)) || NOT_REAL.contains(w.get(i)) || ONE_SUPPLY.contains(w.get(i))) return false;
      if (LOSS.contains(w.get(i))) loss = true;
    }
    return loss;
  }

  /** The type says power was lost, the whole domain went dark or was shut down: when the domain's items stop. */
  public static boolean saysPowerLoss(String type) {
    if (!saysLoss(type)) return false;
    for (String w : EventTypeWords.of(type)) {
      // an emergency shutdown or power-off stops the domain's items at once, as a power loss does
      if (w.equals("power") || w.equals("powerloss") || w.equals("blackout") || w.equals("shutdown") || w.equals("poweroff")) return true;
    }
    return false;
  }

  /** The type says a failure domain is back (site.restored, site.power_restored, datacenter.recovered). */
  public static boolean saysRestored(String type) {
    List<String> w = EventTypeWords.of(type);
    if (w.size() < 2 || !DOMAIN.contains(w.get(0))) return false;
    for (int i = 1; i < w.size(); i++) if (NOT_REAL.contains(w.get(i))) return false;
    for (int i = 1; i < w.size(); i++) if (RESTORED.contains(w.get(i))) return true;
    return false;
  }
}
