package org.hindsight.patterns.typoscopedshutdown;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.BitSet;

/**
 * What a command aims at, independent of the tool's syntax: host selectors (names, globs, ranges),
 * regular expressions, nodes whose children go too, or a whole service; then optionally narrowed
 * to the first {@code count} hosts or {@code percent} of them, or scaled down to {@code keep}.
 *
 * <p>Choices, documented: when explicit host selectors are given, they decide the targets even if
 * a {@code --service} option names another service (the tool acts on the hosts it is given; the
 * option states what the operator believed they were); {@code --count} and percentages take the
 * first hosts in name order; scaling to {@code keep} removes the last ones in name order.
 *
 * @param patterns host names, globs and ranges
 * @param regexes regular expressions matched anywhere in a name (anchor with ^ and $)
 * @param nodes entities that go with every entity whose {@code parent} they are (drain)
 * @param service the service the command is scoped to ("" when none)
 * @param count the first N of the selection (-1: all)
 * @param percent that share of the selection, rounded up (NaN: all)
 * @param keep scale the service down to this many hosts (-1: not a scale)
 * @param expr any other selector (attributes, groups, boolean combinations) in the neutral
 *     {@link Selector} language, or null
 */
public record Target(
    List<String> patterns,
    List<String> regexes,
    List<String> nodes,
    String service,
    int count,
    double percent,
    int keep,
    Selector expr) {

  public Target {
    patterns = List.copyOf(patterns);
    regexes = List.copyOf(regexes);
    nodes = List.copyOf(nodes);
  }

  /** A target without an attribute or boolean selector. */
  public Target(List<String> patterns, List<String> regexes, List<String> nodes, String service, int count, double percent,
      int keep) {
    this(patterns, regexes, nodes, service, count, percent, keep, null);
  }

  /** A target that is only a selector expression (any grammar's syntax, translated). */
  public static Target of(Selector expr) {
    return new Target(List.of(), List.of(), List.of(), "", -1, Double.NaN, -1, expr);
  }

  /** The same target scoped to a service (for intent and scale arithmetic). */
  public Target withService(String s) {
    return new Target(patterns, regexes, nodes, s, count, percent, keep, expr);
  }

  /** Resolves against the inventory; throws IllegalArgumentException when a selector is malformed or too costly. */
  public int[] resolve(FleetIndex index) {
    return resolve(index, null);
  }

  /** Like {@link #resolve(FleetIndex, BitSet, SelectorBudget)} with a fresh per-line budget, unresolved as IllegalArgumentException. */
  public int[] resolve(FleetIndex index, BitSet gone) {
    try {
      return resolve(index, gone, SelectorBudget.perLine());
    } catch (SelectorBudget.Unresolved e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /**
   * Resolves against the inventory, where {@code gone} (may be null) holds hosts earlier commands
   * already took out: a count, percentage or scale picks among the hosts still serving, as the tool
   * would; hosts named explicitly are named regardless.
   *
   * <p>A plain word (no wildcard or range) names a host, never a service: a word that happens to
   * equal a service's name is not a fleet-wide selector (see {@link #serviceWords}).
   */
  public int[] resolve(FleetIndex index, BitSet gone, SelectorBudget budget) throws SelectorBudget.Unresolved {
    int[] base;
    if (hasSelectors()) {
      List<int[]> parts = new ArrayList<>();
      for (String p : patterns) parts.add(new Selector.Name(p).resolve(index, budget));
      for (String r : regexes) parts.add(new Selector.Regex("", r).resolve(index, budget));
      for (String n : nodes) parts.add(new Selector.Children(n).resolve(index, budget));
      base = union(parts);
      // An expression beside host names narrows them (--hosts web-* --role canary); alone it is the scope.
      if (expr != null) base = parts.isEmpty() ? expr.resolve(index, budget) : Selector.Resolver.intersect(base, expr.resolve(index, budget));
    } else if (!service.isEmpty()) {
      base = serviceHosts(index);
    } else {
      base = new int[0];
    }
    boolean picks = keep >= 0 || count >= 0 || !Double.isNaN(percent);
    if (picks && gone != null && !gone.isEmpty()) base = Arrays.stream(base).filter(id -> !gone.get(id)).toArray();
    if (keep >= 0) {
      int[] fleet = service.isEmpty() ? base : serviceHosts(index);
      if (gone != null && !gone.isEmpty()) fleet = Arrays.stream(fleet).filter(id -> !gone.get(id)).toArray();
      return keep >= fleet.length ? new int[0] : Arrays.copyOfRange(fleet, keep, fleet.length);
    }
    if (count >= 0) return Arrays.copyOf(base, Math.min(count, base.length));
    if (!Double.isNaN(percent)) {
      int n = (int) Math.ceil(base.length * Math.max(0, Math.min(100, percent)) / 100.0);
      return Arrays.copyOf(base, n);
    }
    return base;
  }

  /** Host names, globs, regexes, nodes or an expression were given (not only a service). */
  public boolean hasSelectors() {
    return !patterns.isEmpty() || !regexes.isEmpty() || !nodes.isEmpty() || expr != null;
  }

  /**
   * Plain words typed where hosts go that name no host but a service ({@code lbctl drain api --hosts
   * api-07}): the service the command is about, not its scope. Whether the tool then acted on the
   * whole service is for the command's effects to show.
   */
  public List<String> serviceWords(FleetIndex index) {
    List<String> out = new ArrayList<>();
    for (String p : patterns) {
      if (index.id(p) < 0 && index.hasService(p) && p.chars().noneMatch(c -> c == '*' || c == '?' || c == '[')) out.add(p);
    }
    return out;
  }

  /** The service's hosts; a workload unknown as a service falls back to the pods named after it. */
  private int[] serviceHosts(FleetIndex index) {
    if (index.hasService(service)) return index.hostsOf(service);
    return HostPattern.compile(service + "-*").resolve(index);
  }

  /** A regex's hits among entity names (unbudgeted convenience for tests and benchmarks). */
  static int[] resolveRegex(String regex, FleetIndex index) {
    try {
      return new Selector.Regex("", regex).resolve(index, SelectorBudget.perLine());
    } catch (SelectorBudget.Unresolved e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /** The literal text a {@code ^}-anchored regex must start with ("" when none can be told). */
  static String anchoredPrefix(String regex) {
    if (!regex.startsWith("^") || regex.contains("|")) return "";
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
        b.append(c);
      } else if (c == '\\' && i + 1 < regex.length() && ".-_".indexOf(regex.charAt(i + 1)) >= 0) {
        b.append(regex.charAt(++i));
      } else {
        // A quantifier makes the last literal optional or repeated: drop it.
        if ("?*{".indexOf(c) >= 0 && b.length() > 0) b.setLength(b.length() - 1);
        break;
      }
    }
    return b.toString();
  }

  static int[] union(List<int[]> parts) {
    if (parts.isEmpty()) return new int[0];
    if (parts.size() == 1) return parts.get(0);
    int total = 0;
    for (int[] p : parts) total += p.length;
    int[] all = new int[total];
    int k = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, all, k, p.length);
      k += p.length;
    }
    Arrays.sort(all);
    int n = 0;
    for (int i = 0; i < all.length; i++) if (n == 0 || all[n - 1] != all[i]) all[n++] = all[i];
    return Arrays.copyOf(all, n);
  }
}
