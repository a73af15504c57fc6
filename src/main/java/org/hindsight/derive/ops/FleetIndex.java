package org.hindsight.derive.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

  public FleetIndex(List<InventoryItem> inventory) {
    Map<String, List<String>> services = new LinkedHashMap<>();
    Map<String, String> parents = new HashMap<>();
    for (InventoryItem i : inventory) {
      List<String> s = services.computeIfAbsent(i.entity(), k -> new ArrayList<>(1));
      if (i.live() && !i.service().isEmpty() && !s.contains(i.service())) s.add(i.service());
      if (!i.parent().isEmpty()) parents.putIfAbsent(i.entity(), i.parent());
    }
    names = services.keySet().toArray(new String[0]);
    Arrays.sort(names);
    List<String> serviceList = new ArrayList<>();
    servicesOf = new int[names.length][];
    int[] perService = new int[16];
    for (int h = 0; h < names.length; h++) {
      List<String> s = services.get(names[h]);
      if (s.isEmpty()) {
        servicesOf[h] = NONE;
        continue;
      }
      int[] ids = new int[s.size()];
      for (int k = 0; k < ids.length; k++) {
        Integer id = serviceIds.get(s.get(k));
        if (id == null) {
          id = serviceList.size();
          serviceIds.put(s.get(k), id);
          serviceList.add(s.get(k));
          if (id >= perService.length) perService = Arrays.copyOf(perService, perService.length * 2);
        }
        ids[k] = id;
        perService[id]++;
      }
      servicesOf[h] = ids;
    }
    serviceNames = serviceList.toArray(new String[0]);
    hostsOfService = new int[serviceNames.length][];
    int[] fill = new int[serviceNames.length];
    for (int s = 0; s < serviceNames.length; s++) hostsOfService[s] = new int[perService[s]];
    for (int h = 0; h < names.length; h++) {
      for (int s : servicesOf[h]) hostsOfService[s][fill[s]++] = h; // ascending: h grows
    }
    Map<String, List<Integer>> children = new HashMap<>();
    parents.forEach((child, parent) -> children.computeIfAbsent(parent, k -> new ArrayList<>()).add(id(child)));
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

  /** Entities whose {@code parent} is {@code parent} (pods on a node), ascending. */
  public int[] childrenOf(String parent) {
    return childrenOf.getOrDefault(parent, NONE);
  }
}
