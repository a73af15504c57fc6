package org.hindsight.patterns.typoscopedshutdown;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hindsight.facts.InventoryItem;

/**
 * The inventory indexed for selector resolution: entity names sorted (a glob or range with a
 * literal prefix becomes a binary search plus a scan of that slice only), hosts per service, and
 * children per parent (pods on a node). Built once per incident; resolving a selector never scans
 * rows it cannot match when a prefix narrows it.
 *
 * <p>A host that serves two services is listed on two inventory rows (one per service); it is
 * one entity here with both services. Backup rows are not live capacity.
 */
public final class FleetIndex {
  private static final int[] NONE = new int[0];

  private final String[] names;
  private final int[][] servicesOf;
  private final String[] serviceNames;
  private final Map<String, Integer> serviceIds = new HashMap<>();
  private final int[][] hostsOfService;
  private final Map<String, int[]> childrenOf = new HashMap<>();
  private final List<InventoryItem> rows;
  /** column → value → hosts with that value, built on first use of the column (attribute selectors). */
  private final Map<String, Map<String, int[]>> columns = new HashMap<>();

  public FleetIndex(List<InventoryItem> inventory) {
    this.rows = inventory;
    // Provisional ids in row order, one int per host for its first service; a second role is rare
    // and goes to a side map. No per-host collections: a million hosts must index in about a second.
    HashMap<String, Integer> provisional = new HashMap<>(Math.max(16, inventory.size() * 4 / 3));
    List<String> order = new ArrayList<>();
    int[] first = new int[Math.max(16, inventory.size())];
    Map<Integer, int[]> extra = new HashMap<>();
    List<String> serviceList = new ArrayList<>();
    Map<Integer, String> parentOf = new HashMap<>();
    for (InventoryItem i : inventory) {
      Integer p = provisional.get(i.entity());
      if (p == null) {
        p = order.size();
        provisional.put(i.entity(), p);
        order.add(i.entity());
        first[p] = -1;
      }
      if (!i.parent().isEmpty()) parentOf.putIfAbsent(p, i.parent());
      if (!i.live() || i.service().isEmpty()) continue;
      int sid = serviceIds.computeIfAbsent(i.service(), k -> {
        serviceList.add(k);
        return serviceList.size() - 1;
      });
      if (first[p] < 0) {
        first[p] = sid;
      } else if (first[p] != sid) {
        int[] more = extra.getOrDefault(p, NONE);
        if (Arrays.stream(more).noneMatch(x -> x == sid)) {
          more = Arrays.copyOf(more, more.length + 1);
          more[more.length - 1] = sid;
          extra.put(p, more);
        }
      }
    }
    // Sort (name, provisional id) pairs once: the position is the final id, no second lookup.
    record Named(String name, int p) {}
    Named[] sorted = new Named[order.size()];
    for (int p = 0; p < sorted.length; p++) sorted[p] = new Named(order.get(p), p);
    Arrays.sort(sorted, (a, b) -> a.name().compareTo(b.name()));
    names = new String[sorted.length];
    int[] finalOf = new int[sorted.length];
    for (int k = 0; k < sorted.length; k++) {
      names[k] = sorted[k].name();
      finalOf[sorted[k].p()] = k;
    }
    serviceNames = serviceList.toArray(new String[0]);
    servicesOf = new int[names.length][];
    int[] perService = new int[serviceNames.length];
    for (int p = 0; p < names.length; p++) {
      int[] more = extra.getOrDefault(p, NONE);
      int[] ids;
      if (first[p] < 0) ids = NONE;
      else if (more.length == 0) ids = new int[] {first[p]};
      else {
        ids = new int[1 + more.length];
        ids[0] = first[p];
        System.arraycopy(more, 0, ids, 1, more.length);
      }
      servicesOf[finalOf[p]] = ids;
      for (int sid : ids) perService[sid]++;
    }
    hostsOfService = new int[serviceNames.length][];
    int[] fill = new int[serviceNames.length];
    for (int sid = 0; sid < serviceNames.length; sid++) hostsOfService[sid] = new int[perService[sid]];
    for (int h = 0; h < names.length; h++) {
      for (int sid : servicesOf[h]) hostsOfService[sid][fill[sid]++] = h; // ascending: h grows
    }
    Map<String, List<Integer>> children = new HashMap<>();
    parentOf.forEach((p, parent) -> children.computeIfAbsent(parent, k -> new ArrayList<>()).add(finalOf[p]));
    children.forEach((parent, ids) -> childrenOf.put(parent, ids.stream().mapToInt(Integer::intValue).sorted().toArray()));
  }

  public int size() {
    return names.length;
  }

  public String name(int id) {
    return names[id];
  }

  /** The entity's id, or -1. */
  public int id(String name) {
    int i = Arrays.binarySearch(names, name);
    return i >= 0 ? i : -1;
  }

  /** Ids of the names starting with {@code prefix}: {@code [from, to)}. */
  public int[] prefixRange(String prefix) {
    if (prefix.isEmpty()) return new int[] {0, names.length};
    int from = lowerBound(prefix);
    int to = lowerBound(prefix + Character.MAX_VALUE);
    return new int[] {from, to};
  }

  private int lowerBound(String key) {
    int lo = 0;
    int hi = names.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (names[mid].compareTo(key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  public boolean hasService(String service) {
    return serviceIds.containsKey(service);
  }

  /** Live hosts of a service, ascending by name. */
  public int[] hostsOf(String service) {
    Integer s = serviceIds.get(service);
    return s == null ? NONE : hostsOfService[s];
  }

  /** Services a host serves (live rows only). */
  public List<String> servicesOf(int host) {
    int[] ids = servicesOf[host];
    List<String> out = new ArrayList<>(ids.length);
    for (int s : ids) out.add(serviceNames[s]);
    return out;
  }

  int[] serviceIdsOf(int host) {
    return servicesOf[host];
  }

  String serviceName(int id) {
    return serviceNames[id];
  }

  public int serviceCount() {
    return serviceNames.length;
  }

  /** Whether some inventory row has this column (contract column or extra attribute), case-insensitive. */
  public boolean hasColumn(String column) {
    return !valuesOf(column).isEmpty();
  }

  /**
   * Every value of an inventory column and the entities that carry it, ascending. Any column counts:
   * the contract's ({@code entity}, {@code type}, {@code site}, {@code service}, {@code role},
   * {@code platform}, {@code location}, {@code parent}) and every extra one ({@code tags},
   * {@code chef_role}, {@code cluster} …). A value holding several words separated by commas,
   * semicolons, pipes or spaces ({@code tags = "canary,eu"}) gives each word too.
   */
  public Map<String, int[]> valuesOf(String column) {
    String key = column.toLowerCase(java.util.Locale.ROOT);
    Map<String, int[]> hit = columns.get(key);
    if (hit != null) return hit;
    Map<String, java.util.TreeSet<Integer>> build = new HashMap<>();
    for (InventoryItem i : rows) {
      String v = cell(i, key);
      if (v == null || v.isEmpty()) continue;
      int id = id(i.entity());
      build.computeIfAbsent(v, k -> new java.util.TreeSet<>()).add(id);
      String[] words = v.split("[,;| ]+");
      if (words.length > 1) for (String w : words) if (!w.isEmpty()) build.computeIfAbsent(w, k -> new java.util.TreeSet<>()).add(id);
    }
    Map<String, int[]> out = new HashMap<>();
    build.forEach((v, ids) -> out.put(v, ids.stream().mapToInt(Integer::intValue).toArray()));
    columns.put(key, out);
    return out;
  }

  private static String cell(InventoryItem i, String key) {
    return switch (key) {
      case "entity" -> i.entity();
      case "type" -> i.type();
      case "site" -> i.site();
      case "service" -> i.live() ? i.service() : "";
      case "role" -> i.role();
      case "platform" -> i.platform();
      case "location" -> i.location();
      case "parent" -> i.parent();
      default -> i.attributes().has(key) ? i.attr(key) : null;
    };
  }

  /** Entities whose {@code parent} is {@code parent} (pods on a node), ascending. */
  public int[] childrenOf(String parent) {
    return childrenOf.getOrDefault(parent, NONE);
  }
}
