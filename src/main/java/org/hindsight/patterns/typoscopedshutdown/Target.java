package org.hindsight.patterns.typoscopedshutdown;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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
 */
public record Target(
    List<String> patterns, List<String> regexes, List<String> nodes, String service, int count, double percent, int keep) {

  public Target {
    patterns = List.copyOf(patterns);
    regexes = List.copyOf(regexes);
    nodes = List.copyOf(nodes);
  }

  /** Resolves against the inventory; throws IllegalArgumentException when a selector is malformed. */
  public int[] resolve(FleetIndex index) {
    return resolve(index, null);
  }

  /**
   * Like {@link #resolve(FleetIndex)}, where {@code gone} (may be null) holds hosts earlier commands
   * already took out: a count, percentage or scale picks among the hosts still serving, as the tool
   * would; hosts named explicitly are named regardless.
   */
  public int[] resolve(FleetIndex index, java.util.BitSet gone) {
    int[] base;
    if (!patterns.isEmpty() || !regexes.isEmpty() || !nodes.isEmpty()) {
      List<int[]> parts = new ArrayList<>();
      for (String p : patterns) {
        int[] hit = HostPattern.compile(p).resolve(index);
        // A bare word that names no host but names a service means the service's hosts.
        if (hit.length == 0 && index.hasService(p) && !HostPattern.compile(p).wild()) hit = index.hostsOf(p);
        parts.add(hit);
      }
      for (String r : regexes) parts.add(resolveRegex(r, index));
      for (String n : nodes) {
        int id = index.id(n);
        if (id >= 0) parts.add(new int[] {id});
        parts.add(index.childrenOf(n));
      }
      base = union(parts);
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

  /** The service's hosts; a workload unknown as a service falls back to the pods named after it. */
  private int[] serviceHosts(FleetIndex index) {
    if (index.hasService(service)) return index.hostsOf(service);
    return HostPattern.compile(service + "-*").resolve(index);
  }

  static int[] resolveRegex(String regex, FleetIndex index) {
    Pattern p;
    try {
      p = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("bad regular expression '" + regex + "': " + e.getDescription());
    }
    String prefix = anchoredPrefix(regex);
    int[] range = index.prefixRange(prefix);
    var m = p.matcher("");
    int[] out = new int[16];
    int n = 0;
    for (int id = range[0]; id < range[1]; id++) {
      if (m.reset(index.name(id)).find()) {
        if (n == out.length) out = Arrays.copyOf(out, n * 2);
        out[n++] = id;
      }
    }
    return Arrays.copyOf(out, n);
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
