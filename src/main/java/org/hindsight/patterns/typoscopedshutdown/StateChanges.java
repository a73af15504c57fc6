package org.hindsight.patterns.typoscopedshutdown;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hindsight.facts.Event;
import org.hindsight.world.World;

/**
 * Events that say a host left service — it stopped, rebooted, shut down, drained, went down, was
 * terminated — in time order: what a command actually did, whatever its text. An event counts when
 * the last part of its type says so ({@code host.stopped}, {@code node.reboot}, {@code instance.terminated},
 * {@code lb.member_drained}) and its entity (or {@code host} column) is a serving host of the inventory;
 * service-, site- and link-level events ({@code service.down}, {@code adjacency.down}) are symptoms, not
 * effects, and never count.
 */
public final class StateChanges {
  /** How long after a command its effects may show: tools act within seconds, a slow fleet within a minute or two. */
  public static final Duration WINDOW = Duration.ofSeconds(120);

  private static final Set<String> LEFT_SERVICE = Set.of("stop", "stopped", "stopping", "shutdown", "shutting_down",
      "shut_down", "reboot", "rebooting", "rebooted", "restart_begin", "halt", "halted", "poweroff", "power_off",
      "powered_off", "powering_off", "drain", "drained", "draining", "down", "terminated", "terminating", "terminate",
      "decommissioned", "deleted", "killed", "evicted", "removed", "deregistered", "offline", "unreachable", "lost",
      "maintenance", "maint", "depooled", "out_of_service", "crashed", "wiped", "dropped");
  private static final Set<String> NOT_HOSTS = Set.of("service", "site", "adjacency", "link", "backbone", "incident",
      "traffic", "rule", "deploy", "alert", "bgp", "isis", "ospf", "circuit", "power");

  /** One host leaving service. */
  public record Change(Instant time, String host, int id, Event event) {}

  private final List<Change> changes = new ArrayList<>();

  public StateChanges(World world, FleetIndex index) {
    for (Event e : world.eventsInTimeOrder()) {
      if (!leftService(e.type())) continue;
      String host = e.entity();
      int id = index.id(host);
      if (id < 0 && !e.attr("host").isEmpty()) {
        host = e.attr("host");
        id = index.id(host);
      }
      if (id < 0 || index.serviceIdsOf(id).length == 0) continue;
      changes.add(new Change(e.time(), host, id, e));
    }
  }

  /** Whether an event of this type says a host left its service (stopped, drained, removed …). */
  public static boolean leftService(String type) {
    String t = type.toLowerCase(Locale.ROOT).replace('-', '_');
    int dot = t.lastIndexOf('.');
    String last = dot < 0 ? t : t.substring(dot + 1);
    String first = dot < 0 ? "" : t.substring(0, t.indexOf('.'));
    return LEFT_SERVICE.contains(last) && !NOT_HOSTS.contains(first);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Changes in {@code (from, to]} (a command's own second counts: logs round). */
  public List<Change> between(Instant from, Instant to) {
    List<Change> out = new ArrayList<>();
    int lo = 0;
    int hi = changes.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (changes.get(mid).time().isBefore(from)) lo = mid + 1;
      else hi = mid;
    }
    for (int i = lo; i < changes.size() && !changes.get(i).time().isAfter(to); i++) out.add(changes.get(i));
    return out;
  }
}
