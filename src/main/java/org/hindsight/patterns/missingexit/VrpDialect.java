package org.hindsight.patterns.missingexit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Huawei VRP. Its views nest like IOS modes and a command the current view does not know is tried
 * in the views above it, so the IOS model applies once VRP's words are read as IOS's: a table maps
 * {@code system-view} → {@code configure terminal}, {@code quit} → {@code exit} (one view up),
 * {@code return} → {@code end} (to the user view), {@code isis 1}/{@code ospf 1}/{@code bgp 65000} →
 * {@code router …}, {@code import-route} → {@code redistribute}, {@code peer … as-number} →
 * {@code neighbor … remote-as}, {@code ipv4-family} → {@code address-family ipv4}, … A VRP word
 * with no IOS twin passes through unchanged (assumed valid where typed). Immediate effect (VRP5;
 * VRP5); VRP8's two-stage mode, told by a session that commits or aborts, stages lines until
 * {@code commit}, and {@code abort} or {@code clear configuration candidate} throw them away.
 */
public final class VrpDialect implements Dialect {
  private final IosDialect ios = new IosDialect("vrp", false);

  /** First-word translations; a value ending in a space takes the rest of the line after it. */
  private static final Map<String, String> FIRST = Map.ofEntries(
      Map.entry("system-view", "configure terminal"), Map.entry("quit", "exit"), Map.entry("return", "end"),
      Map.entry("isis", "router isis"), Map.entry("ospf", "router ospf"), Map.entry("ospfv3", "router ospfv3"),
      Map.entry("bgp", "router bgp"), Map.entry("import-route", "redistribute"), Map.entry("peer", "neighbor"),
      Map.entry("network-entity", "net"), Map.entry("is-level", "is-type"), Map.entry("cost-style", "metric-style"),
      Map.entry("display", "show"), Map.entry("undo", "no"), Map.entry("ip", "ip"), Map.entry("route-policy", "route-map"),
      Map.entry("silent-interface", "passive-interface"), Map.entry("maximum", "maximum-paths"),
      Map.entry("import-route-limit", "redistribute maximum-prefix"));

  @Override
  public String name() {
    return "vrp";
  }

  @Override
  public boolean commitBased() {
    return false;
  }

  /** The line in IOS words. */
  static String toIos(String line) {
    List<String> t = new ArrayList<>(Tokens.split(line));
    if (t.isEmpty()) return line;
    boolean undo = t.get(0).equalsIgnoreCase("undo");
    int i = undo ? 1 : 0;
    if (i >= t.size()) return line;
    String first = t.get(i).toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    if (undo) out.add("no");
    if (first.equals("ipv4-family") || first.equals("ipv6-family")) {
      out.add("address-family");
      out.add(first.startsWith("ipv4") ? "ipv4" : "ipv6");
      List<String> rest = t.subList(i + 1, t.size());
      if (!rest.isEmpty() && rest.get(0).equalsIgnoreCase("vpn-instance") && rest.size() > 1) {
        out.add("vrf");
        out.add(rest.get(1));
      } else {
        out.addAll(rest.isEmpty() ? List.of("unicast") : rest);
      }
      return String.join(" ", out);
    }
    String mapped = FIRST.get(first);
    out.add(mapped != null ? mapped : t.get(i));
    List<String> rest = new ArrayList<>(t.subList(i + 1, t.size()));
    if (first.equals("peer") && rest.size() >= 3 && rest.get(1).equalsIgnoreCase("as-number")) rest.set(1, "remote-as");
    if (first.equals("isis") || first.equals("ospf")) {
      // "isis 1 vpn-instance X" → "router isis 1 vrf X"
      int v = rest.indexOf("vpn-instance");
      if (v >= 0) rest.set(v, "vrf");
    }
    out.addAll(rest);
    return String.join(" ", out);
  }

  @Override
  public boolean stagesSession(List<String> lines) {
    boolean twoStage = false;
    for (String l : lines) {
      List<String> t = Tokens.split(l);
      if (t.isEmpty()) continue;
      String first = Tokens.lower(t.get(0));
      // "system-view immediately" asks VRP8 for VRP5's behaviour: every line in force when typed
      if (first.equals("system-view") && t.size() > 1 && Tokens.lower(t.get(1)).startsWith("imm")) return false;
      if (first.equals("commit") || first.equals("abort") || discardsCandidate(t)) twoStage = true;
    }
    return twoStage;
  }

  private static boolean discardsCandidate(List<String> t) {
    return t.size() >= 3 && Tokens.lower(t.get(0)).equals("clear") && Tokens.lower(t.get(1)).startsWith("conf")
        && Tokens.lower(t.get(2)).startsWith("cand");
  }

  @Override
  public CliContext start() {
    return ios.start();
  }

  @Override
  public Interpretation interpret(CliContext ctx, String line, int seq) {
    List<String> t = Tokens.split(line);
    String first = t.isEmpty() ? "" : Tokens.lower(t.get(0));
    if (first.equals("commit")) return Interpretation.of(Interpretation.Kind.COMMIT, ctx, ctx);
    if (first.equals("abort")) return Interpretation.of(Interpretation.Kind.DISCARD, ctx, ios.interpret(ctx, "end", seq).next());
    if (discardsCandidate(t)) return Interpretation.of(Interpretation.Kind.DISCARD, ctx, ctx);
    return ios.interpret(ctx, toIos(line), seq);
  }

  @Override
  public LineMeaning meaning(CliContext where, String line, PolicyBook policies) {
    return ios.meaning(where, toIos(line), policies);
  }

  @Override
  public List<String> exitsToTop(CliContext ctx) {
    return ios.exitsToTop(ctx).stream().map(l -> l.equals("exit") ? "quit" : l.equals("configure terminal") ? "system-view" : l).toList();
  }

  @Override
  public void learn(CliContext where, String line, PolicyBook policies) {
    ios.learn(where, toIos(line), policies);
  }
}
