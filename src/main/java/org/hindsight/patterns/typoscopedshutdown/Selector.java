package org.hindsight.patterns.typoscopedshutdown;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hindsight.util.SafeRegex;

/**
 * The neutral target language every tool grammar translates its selector syntax into: host names,
 * globs and ranges, regular expressions, inventory attributes ({@code role=web}, Salt grains,
 * Kubernetes labels, Ansible groups), and boolean combinations. One resolver for all tools, under
 * the line's {@link SelectorBudget}.
 *
 * <p>Attributes are any inventory column (contract or extra). A key the inventory does not have is
 * read through the common aliases of the ecosystem (a Kubernetes {@code app} label or a Nomad job is
 * the {@code service}, a {@code dc}/{@code zone} the {@code site}, a {@code hostname}/{@code id} the
 * entity, {@code group}/{@code tag} a {@code role} or {@code tags}); values compare case-insensitively
 * and may be globs.
 */
public sealed interface Selector {
  /** Entity names matching a glob, range or exact name. */
  record Name(String pattern) implements Selector {}

  /** Entity names (or an attribute's values, when {@code key} is not empty) a regex finds. */
  record Regex(String key, String regex) implements Selector {}

  /** Entities whose column {@code key} has a value matching the glob {@code value}. */
  record Attr(String key, String value) implements Selector {}

  /**
   * A group name where a grammar allows one (an Ansible group, a clush {@code -g}, a Salt nodegroup):
   * the host of that name, else every entity carrying that value in any column.
   */
  record Group(String name) implements Selector {}

  /**
   * Entities with an address inside the network {@code cidr} ({@code 10.2.0.0/16}, an address alone is
   * one host), read from the inventory's address columns ({@link #ADDRESS_COLUMNS}).
   */
  record Subnet(String cidr) implements Selector {}

  /**
   * A scope the tool always applies but the inventory may not record (a Kubernetes namespace): the
   * entities whose column {@code key} matches {@code value}, or every entity when the inventory has no
   * such column (what it cannot tell narrows nothing).
   */
  record Within(String key, String value) implements Selector {}

  /** Every live entity of the inventory (fleet-wide flags: {@code --all}, {@code -a}, {@code '*'}). */
  record All() implements Selector {}

  /** The host the command ran on (the {@code ops-commands} row's {@code host} column), bound by {@link #bindHere}. */
  record Here() implements Selector {}

  /** A node and every entity whose {@code parent} it is. */
  record Children(String node) implements Selector {}

  /** What {@code parents} picks, and every entity whose {@code parent} is one of those (nodes by label, with their pods). */
  record Under(Selector parents) implements Selector {}

  record And(List<Selector> parts) implements Selector {}

  record Or(List<Selector> parts) implements Selector {}

  /** Everything but {@code part} (within the whole inventory). */
  record Not(Selector part) implements Selector {}

  static Selector and(List<Selector> parts) {
    return parts.size() == 1 ? parts.get(0) : new And(List.copyOf(parts));
  }

  static Selector or(List<Selector> parts) {
    return parts.size() == 1 ? parts.get(0) : new Or(List.copyOf(parts));
  }

  /** This selector with {@link Here} replaced by the host the command ran on ("" leaves it unbound). */
  static Selector bindHere(Selector s, String host) {
    if (s instanceof Here) return host.isEmpty() ? s : new Name(host);
    if (s instanceof And a) return new And(a.parts().stream().map(p -> bindHere(p, host)).toList());
    if (s instanceof Or o) return new Or(o.parts().stream().map(p -> bindHere(p, host)).toList());
    if (s instanceof Not n) return new Not(bindHere(n.part(), host));
    if (s instanceof Under u) return new Under(bindHere(u.parents(), host));
    return s;
  }

  /** Ids the selector picks, ascending. */
  default int[] resolve(FleetIndex index, SelectorBudget budget) throws SelectorBudget.Unresolved {
    return Resolver.resolve(this, index, budget);
  }

  /** Aliases for keys the inventory lacks, first present one wins. */
  Map<String, List<String>> ALIASES = Map.ofEntries(
      Map.entry("app", List.of("service")), Map.entry("application", List.of("service")),
      Map.entry("app.kubernetes.io/name", List.of("app", "service")), Map.entry("k8s-app", List.of("app", "service")),
      Map.entry("job", List.of("service")), Map.entry("svc", List.of("service")), Map.entry("service_name", List.of("service")),
      Map.entry("dc", List.of("site", "location")), Map.entry("datacenter", List.of("site", "location")),
      Map.entry("zone", List.of("site")), Map.entry("az", List.of("site")), Map.entry("region", List.of("site")),
      Map.entry("topology.kubernetes.io/zone", List.of("zone", "site")),
      Map.entry("hostname", List.of("entity")), Map.entry("host", List.of("entity")), Map.entry("id", List.of("entity")),
      Map.entry("name", List.of("entity")), Map.entry("node", List.of("entity")), Map.entry("minion", List.of("entity")),
      Map.entry("fqdn", List.of("entity")), Map.entry("instance_id", List.of("instance", "instanceid", "entity")), Map.entry("kubernetes.io/hostname", List.of("entity")),
      Map.entry("namespace", List.of("ns", "k8s_namespace", "kubernetes_namespace")), Map.entry("roles", List.of("role", "tags")), Map.entry("group", List.of("role", "tags", "groups")),
      Map.entry("groups", List.of("group", "role", "tags")), Map.entry("tag", List.of("tags", "role")),
      Map.entry("tags", List.of("tag", "role")), Map.entry("class", List.of("role")), Map.entry("os", List.of("platform")));

  /** Inventory columns that carry a host's address (NetBox, Ansible and CMDB exports name it differently). */
  List<String> ADDRESS_COLUMNS = List.of("ip", "ipv4", "ipv6", "ip_address", "ipaddress", "address", "primary_ip",
      "primary_ip4", "primary_ip6", "mgmt_ip", "management_ip", "ansible_host");

  /** Where selectors are resolved: one place, budgeted. */
  final class Resolver {
    private Resolver() {}

    static int[] resolve(Selector s, FleetIndex index, SelectorBudget budget) throws SelectorBudget.Unresolved {
      budget.spend(1);
      if (s instanceof Name n) {
        try {
          return HostPattern.compile(n.pattern()).resolve(index, budget);
        } catch (IllegalArgumentException e) {
          throw new SelectorBudget.Unresolved(e.getMessage());
        }
      }
      if (s instanceof Regex r) return regex(r, index, budget);
      if (s instanceof Attr a) return attribute(a.key(), a.value(), index, budget);
      if (s instanceof Subnet n) return subnet(n.cidr(), index, budget);
      if (s instanceof Group g) {
        int id = index.id(g.name());
        if (id >= 0) return new int[] {id};
        List<int[]> parts = new ArrayList<>();
        for (String column : List.of("service", "role", "tags", "groups", "group", "cluster", "type", "site")) {
          for (Map.Entry<String, int[]> e : index.valuesOf(column).entrySet()) {
            budget.spend(1);
            if (e.getKey().equalsIgnoreCase(g.name())) parts.add(e.getValue());
          }
        }
        return Target.union(parts);
      }
      if (s instanceof All) return all(index);
      if (s instanceof Within w) return column(w.key(), index).isEmpty() ? all(index) : attribute(w.key(), w.value(), index, budget);
      if (s instanceof Here) {
        throw new SelectorBudget.Unresolved("a command run on the host itself, but the row names no host (add a `host` column)");
      }
      if (s instanceof Children c) {
        int id = index.id(c.node());
        int[] kids = index.childrenOf(c.node());
        return id < 0 ? kids : Target.union(List.of(new int[] {id}, kids));
      }
      if (s instanceof Under u) {
        int[] parents = resolve(u.parents(), index, budget);
        List<int[]> parts = new ArrayList<>(List.of(parents));
        for (int p : parents) {
          budget.spend(1);
          parts.add(index.childrenOf(index.name(p)));
        }
        return Target.union(parts);
      }
      if (s instanceof And a) {
        int[] acc = null;
        for (Selector p : a.parts()) {
          int[] next = resolve(p, index, budget);
          acc = acc == null ? next : intersect(acc, next);
        }
        return acc == null ? new int[0] : acc;
      }
      if (s instanceof Or o) {
        List<int[]> parts = new ArrayList<>();
        for (Selector p : o.parts()) parts.add(resolve(p, index, budget));
        return Target.union(parts);
      }
      Not n = (Not) s;
      int[] out = minus(all(index), resolve(n.part(), index, budget));
      budget.spend(out.length);
      return out;
    }

    static int[] all(FleetIndex index) {
      int[] out = new int[index.size()];
      int k = 0;
      for (int id = 0; id < index.size(); id++) if (index.serviceIdsOf(id).length > 0) out[k++] = id;
      return Arrays.copyOf(out, k);
    }

    /** The column a selector key means in this inventory ("" when none). */
    static String column(String key, FleetIndex index) {
      String k = key.toLowerCase(Locale.ROOT);
      if (k.equals("entity") || index.hasColumn(k)) return k;
      for (String alias : ALIASES.getOrDefault(k, List.of())) {
        if (alias.equals("entity") || index.hasColumn(alias)) return alias;
      }
      return "";
    }

    private static int[] attribute(String key, String value, FleetIndex index, SelectorBudget budget)
        throws SelectorBudget.Unresolved {
      String column = column(key, index);
      if (column.isEmpty()) return new int[0];
      if (column.equals("entity")) return resolve(new Name(value), index, budget);
      HostPattern p;
      try {
        p = HostPattern.compile(value.toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new SelectorBudget.Unresolved(e.getMessage());
      }
      List<int[]> parts = new ArrayList<>();
      for (Map.Entry<String, int[]> e : index.valuesOf(column).entrySet()) {
        if (p.matches(e.getKey().toLowerCase(Locale.ROOT), budget)) parts.add(e.getValue());
      }
      return Target.union(parts);
    }

    private static int[] subnet(String cidr, FleetIndex index, SelectorBudget budget) throws SelectorBudget.Unresolved {
      Network network = Network.parse(cidr);
      if (network == null) throw new SelectorBudget.Unresolved("'" + shorten(cidr) + "' is not a network (a.b.c.d/n)");
      List<int[]> parts = new ArrayList<>();
      boolean anyColumn = false;
      for (String column : ADDRESS_COLUMNS) {
        if (!index.hasColumn(column)) continue;
        anyColumn = true;
        // valuesOf gives each address of a cell holding several; one may carry its prefix length (NetBox: 10.0.0.5/24).
        for (Map.Entry<String, int[]> e : index.valuesOf(column).entrySet()) {
          budget.spend(1);
          String address = e.getKey();
          int slash = address.indexOf('/');
          if (network.contains(slash < 0 ? address : address.substring(0, slash))) parts.add(e.getValue());
        }
      }
      if (!anyColumn) {
        throw new SelectorBudget.Unresolved("a subnet target, but the inventory has no address column (add `ip`)");
      }
      return Target.union(parts);
    }

    private static int[] regex(Regex r, FleetIndex index, SelectorBudget budget) throws SelectorBudget.Unresolved {
      SafeRegex.Compiled re = SafeRegex.compile(r.regex());
      if (re.problem() != null) throw new SelectorBudget.Unresolved(re.problem());
      if (!r.key().isEmpty() && !column(r.key(), index).equals("entity")) {
        String column = column(r.key(), index);
        List<int[]> parts = new ArrayList<>();
        if (column.isEmpty()) return new int[0];
        for (Map.Entry<String, int[]> e : index.valuesOf(column).entrySet()) {
          if (outcome(re.find(e.getKey(), budget.regex()), r.regex())) parts.add(e.getValue());
        }
        return Target.union(parts);
      }
      int[] range = index.prefixRange(Target.anchoredPrefix(r.regex()));
      int[] out = new int[16];
      int n = 0;
      for (int id = range[0]; id < range[1]; id++) {
        if (outcome(re.find(index.name(id), budget.regex()), r.regex())) {
          if (n == out.length) out = Arrays.copyOf(out, n * 2);
          out[n++] = id;
        }
      }
      return Arrays.copyOf(out, n);
    }

    private static boolean outcome(SafeRegex.Outcome o, String regex) throws SelectorBudget.Unresolved {
      return switch (o) {
        case MATCH -> true;
        case NO_MATCH -> false;
        case EXHAUSTED -> throw new SelectorBudget.Unresolved("regular expression '" + shorten(regex)
            + "' ran out of its matching budget (catastrophic backtracking?)");
        case INVALID -> throw new SelectorBudget.Unresolved("bad regular expression '" + shorten(regex) + "'");
      };
    }

    static String shorten(String s) {
      return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }

    static int[] intersect(int[] a, int[] b) {
      int[] out = new int[Math.min(a.length, b.length)];
      int i = 0;
      int j = 0;
      int n = 0;
      while (i < a.length && j < b.length) {
        if (a[i] == b[j]) {
          out[n++] = a[i];
          i++;
          j++;
        } else if (a[i] < b[j]) i++;
        else j++;
      }
      return Arrays.copyOf(out, n);
    }

    static int[] minus(int[] a, int[] b) {
      int[] out = new int[a.length];
      int n = 0;
      int j = 0;
      for (int x : a) {
        while (j < b.length && b[j] < x) j++;
        if (j < b.length && b[j] == x) continue;
        out[n++] = x;
      }
      return Arrays.copyOf(out, n);
    }
  }
}
