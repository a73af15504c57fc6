package org.hindsight.patterns.missingexit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Juniper Junos configuration mode. {@code edit a b} moves down the hierarchy (one frame per
 * {@code edit}); {@code set}/{@code delete} are relative to where the CLI is; {@code exit} returns to
 * the level before the last {@code edit} (and leaves configuration mode at the top); {@code up [n]}
 * climbs n levels; {@code top} goes to the top, {@code top set …} runs one line from the top. Nothing
 * takes effect before {@code commit}. A relative path that is not valid where it lands (e.g.
 * {@code edit protocols bgp} typed at {@code [edit protocols isis]}) is a syntax error.
 */
public final class JunosDialect implements Dialect {
  private static final Set<String> TOP_LEVEL = Set.of("system", "interfaces", "protocols", "policy-options",
      "routing-options", "routing-instances", "firewall", "snmp", "class-of-service", "chassis", "security",
      "forwarding-options", "services", "groups", "apply-groups", "event-options", "vlans", "bridge-domains", "access",
      "poe", "virtual-chassis", "switch-options", "logical-systems", "version", "multi-chassis", "applications");
  /** Statements that may only start the path, or follow {@code routing-instances X} / {@code logical-systems X}. */
  private static final Set<String> ROOTED = Set.of("protocols", "policy-options", "routing-options",
      "routing-instances", "system", "chassis", "snmp", "logical-systems");
  private static final Set<String> PROTOCOLS = Set.of("isis", "ospf", "ospf3", "bgp", "rip", "ripng", "ldp", "rsvp",
      "mpls", "pim", "igmp", "lldp", "vrrp", "bfd", "evpn", "l2vpn", "router-advertisement", "mld", "msdp",
      "l2circuit", "vstp", "rstp", "mstp", "lacp", "sflow", "connections", "oam", "static");
  private static final String EXEC = "exec";

  @Override
  public String name() {
    return "junos";
  }

  @Override
  public boolean commitBased() {
    return true;
  }

  @Override
  public List<String> exitsToTop(CliContext ctx) {
    if (ctx.kind().equals(EXEC)) return List.of("configure");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ctx.depth(); i++) out.add("exit");
    return out;
  }

  private static List<String> path(CliContext ctx) {
    List<String> out = new ArrayList<>();
    for (Frame f : ctx.frames()) {
      if (!f.kind().equals(EXEC)) Tokens.split(f.label()).forEach(w -> out.add(Tokens.lower(w)));
    }
    return out;
  }

  /** Rebuilds frames for a path, one frame per edit step, so protocol and instance are known per level. */
  private static Frame frameFor(List<String> basePath, List<String> added, int seq) {
    List<String> full = new ArrayList<>(basePath);
    added.forEach(a -> full.add(Tokens.lower(a)));
    return new Frame("junos", String.join(" ", added), protocolOf(full), instanceOf(full), seq);
  }

  static String protocolOf(List<String> path) {
    for (int i = path.size() - 2; i >= 0; i--) {
      if (path.get(i).equals("protocols")) return Protocols.normalise(path.get(i + 1));
    }
    return "";
  }

  static String instanceOf(List<String> path) {
    for (int i = 0; i + 1 < path.size(); i++) if (path.get(i).equals("routing-instances")) return path.get(i + 1);
    return "";
  }

  static boolean valid(List<String> path) {
    if (path.isEmpty()) return true;
    if (!TOP_LEVEL.contains(path.get(0))) return false;
    for (int i = 1; i < path.size(); i++) {
      String w = path.get(i);
      if (ROOTED.contains(w) && !(i >= 2 && (path.get(i - 2).equals("routing-instances") || path.get(i - 2).equals("logical-systems")))) {
        // "protocols" also names a match condition inside policies: from protocol / from protocols is fine
        if (!(w.equals("protocols") && i >= 1 && (path.get(i - 1).equals("from") || path.get(i - 1).equals("to")))) return false;
      }
      if (w.equals("protocols") && i + 1 < path.size() && !(i >= 1 && path.get(i - 1).equals("from"))
          && !PROTOCOLS.contains(path.get(i + 1))) {
        return false;
      }
    }
    if (path.get(0).equals("protocols") && path.size() > 1 && !PROTOCOLS.contains(path.get(1))) return false;
    return true;
  }

  @Override
  public boolean explicitPath(CliContext typedIn, String line) {
    List<String> t = Tokens.split(line).stream().map(Tokens::lower).toList();
    if (t.isEmpty()) return false;
    if (t.get(0).equals("top") && t.size() > 1 && !t.get(1).equals("edit")) return true;
    return typedIn.top() && (t.get(0).equals("set") || t.get(0).equals("delete"));
  }

  @Override
  public Interpretation interpret(CliContext ctx, String line, int seq) {
    List<String> t = Tokens.split(line).stream().map(Tokens::lower).toList();
    if (t.isEmpty() || t.get(0).startsWith("#")) return Interpretation.of(Interpretation.Kind.PASS, ctx, ctx);
    String first = t.get(0);
    boolean exec = ctx.kind().equals(EXEC);
    CliContext execCtx = CliContext.TOP.push(new Frame(EXEC, "exec", "", "", seq));
    if (first.equals("configure") || first.equals("edit") && exec && t.size() == 1) {
      return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, CliContext.TOP);
    }
    if (Set.of("show", "run", "status", "help", "compare", "load", "save").contains(first)) {
      return Interpretation.of(Interpretation.Kind.PASS, ctx, ctx);
    }
    if (exec) {
      return Set.of("set", "edit", "delete", "commit", "top", "up").contains(first)
          ? new Interpretation(Interpretation.Kind.INVALID, ctx, ctx, first.equals("edit"), "")
          : Interpretation.of(Interpretation.Kind.PASS, ctx, ctx);
    }
    switch (first) {
      case "commit":
        if (t.contains("check")) return Interpretation.of(Interpretation.Kind.PASS, ctx, ctx);
        return Interpretation.of(Interpretation.Kind.COMMIT, ctx, t.contains("and-quit") ? execCtx : ctx);
      case "rollback":
        return Interpretation.of(Interpretation.Kind.DISCARD, ctx, ctx);
      case "exit":
      case "quit":
        if (t.size() > 1 && t.get(1).startsWith("configuration")) return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, execCtx);
        return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, ctx.top() ? execCtx : ctx.pop());
      case "top":
        if (t.size() == 1) return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, CliContext.TOP);
        Interpretation atTop = interpret(CliContext.TOP, String.join(" ", t.subList(1, t.size())), seq);
        // "top edit x" moves to x; any other "top …" line runs at the top and stays here.
        return t.get(1).equals("edit") ? atTop
            : new Interpretation(atTop.kind(), atTop.where(), ctx, atTop.opensMode(), atTop.topicHint());
      case "up": {
        int n = t.size() > 1 && Tokens.number(t.get(1)) ? Integer.parseInt(t.get(1)) : 1;
        return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, climb(ctx, n));
      }
      case "edit": {
        if (t.size() < 2) return new Interpretation(Interpretation.Kind.INVALID, ctx, ctx, true, "");
        List<String> added = Tokens.split(line).subList(1, t.size());
        List<String> full = new ArrayList<>(path(ctx));
        added.forEach(a -> full.add(Tokens.lower(a)));
        String hint = protocolOf(full);
        if (!valid(full)) {
          return new Interpretation(Interpretation.Kind.INVALID, ctx, ctx, true, firstProtocolWord(added));
        }
        return Interpretation.config(ctx, ctx.push(frameFor(path(ctx), added, seq)), true, hint);
      }
      case "set":
      case "delete":
      case "deactivate":
      case "activate":
      case "annotate":
      case "protect":
      case "unprotect":
      case "insert":
      case "rename":
      case "copy": {
        if (t.size() < 2) return new Interpretation(Interpretation.Kind.INVALID, ctx, ctx, false, "");
        List<String> full = new ArrayList<>(path(ctx));
        full.addAll(t.subList(1, t.size()));
        return valid(full) ? Interpretation.config(ctx, ctx, false, "")
            : new Interpretation(Interpretation.Kind.INVALID, ctx, ctx, false, "");
      }
      default:
        return new Interpretation(Interpretation.Kind.UNKNOWN, ctx, ctx, false, "");
    }
  }

  private static String firstProtocolWord(List<String> words) {
    for (int i = 0; i + 1 < words.size(); i++) {
      if (Tokens.lower(words.get(i)).equals("protocols")) return Protocols.normalise(words.get(i + 1));
    }
    return "";
  }

  /** Statements whose identifier belongs to the same level ({@code group IBGP} is one level). */
  private static final Set<String> NAMED = Set.of("group", "neighbor", "interface", "policy-statement", "term",
      "routing-instances", "area", "level", "unit", "prefix-list", "community", "logical-systems", "instance");

  /** Path length of each level: {@code protocols bgp group IBGP} is 3 levels (1, 1, 2 words). */
  private static List<Integer> levels(List<String> path) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      if (NAMED.contains(path.get(i)) && i + 1 < path.size()) {
        out.add(2);
        i++;
      } else {
        out.add(1);
      }
    }
    return out;
  }

  /** {@code up n}: climbs n levels, splitting the innermost frames as needed. */
  private static CliContext climb(CliContext ctx, int n) {
    List<String> p = path(ctx);
    List<Integer> lv = levels(p);
    int keep = p.size();
    for (int i = 0; i < n && !lv.isEmpty(); i++) keep -= lv.remove(lv.size() - 1);
    CliContext out = CliContext.TOP;
    int used = 0;
    for (Frame f : ctx.frames()) {
      List<String> words = Tokens.split(f.label());
      if (used + words.size() <= keep) {
        out = out.push(f);
        used += words.size();
      } else {
        if (keep > used) out = out.push(frameFor(p.subList(0, used), p.subList(used, keep), f.enteredAt()));
        break;
      }
    }
    return out;
  }

  /** The absolute statement a relative line stands for, without the verb. */
  private static List<String> absolute(CliContext where, String line) {
    List<String> t = Tokens.split(line).stream().map(Tokens::lower).toList();
    if (!t.isEmpty() && t.get(0).equals("top")) {
      t = t.subList(1, t.size());
      where = CliContext.TOP;
    }
    List<String> full = new ArrayList<>(path(where));
    if (t.size() > 1) full.addAll(t.subList(1, t.size()));
    return full;
  }

  @Override
  public void learn(CliContext where, String line, PolicyBook policies) {
    List<String> t = Tokens.split(line).stream().map(Tokens::lower).toList();
    if (t.isEmpty() || !(t.get(0).equals("set") || t.get(0).equals("top"))) return;
    List<String> full = absolute(where, line);
    int ps = full.indexOf("policy-statement");
    if (ps < 0 || ps + 1 >= full.size()) return;
    policies.define(full.get(ps + 1));
    int from = full.indexOf("from");
    if (from > 0) {
      for (int i = from + 1; i < full.size(); i++) {
        String w = full.get(i);
        if ((w.equals("protocol") || w.equals("protocols")) && i + 1 < full.size()) {
          for (int j = i + 1; j < full.size(); j++) {
            String p = full.get(j).replace("[", "").replace("]", "");
            if (!p.isEmpty() && Protocols.source(p)) policies.matchesProtocol(full.get(ps + 1), p);
          }
        }
        if (Set.of("route-filter", "prefix-list", "prefix-list-filter", "community").contains(w)) policies.filtersPrefixes(full.get(ps + 1));
      }
    }
  }

  @Override
  public LineMeaning meaning(CliContext where, String line, PolicyBook policies) {
    List<String> t = Tokens.split(line).stream().map(Tokens::lower).toList();
    if (t.isEmpty()) return LineMeaning.NEUTRAL;
    String verb = t.get(0).equals("top") && t.size() > 1 ? t.get(1) : t.get(0);
    boolean negated = verb.equals("delete") || verb.equals("deactivate");
    List<String> full = absolute(where, line);
    String proto = protocolOf(full);
    String topic = "";
    String injects = "";
    boolean bounded = false;
    boolean limit = false;
    int ex = full.lastIndexOf("export");
    if (ex >= 0 && !proto.isEmpty() && full.indexOf("policy-options") < 0) {
      List<String> names = new ArrayList<>();
      for (String w : full.subList(ex + 1, full.size())) {
        String n = w.replace("[", "").replace("]", "");
        if (!n.isEmpty()) names.add(n);
      }
      if (!names.isEmpty()) {
        List<String> inj = new ArrayList<>();
        bounded = true;
        for (String n : names) {
          String i = policies.injects(n);
          if (!inj.contains(i)) inj.add(i);
          bounded &= policies.filtered(n);
        }
        injects = String.join("+", inj);
        topic = injects.contains("+") ? "" : injects;
      }
    }
    if (full.contains("prefix-export-limit") || full.contains("prefix-limit") || full.contains("max-lsa")) limit = true;
    List<String> rel = t.size() > 1 ? t.subList(t.get(0).equals("top") ? 2 : 1, t.size()) : List.of();
    if (injects.isEmpty() && !rel.isEmpty()) {
      String w = rel.get(0);
      if (Set.of("group", "neighbor", "peer-as", "local-as", "local-address", "cluster", "family").contains(w)
          || (w.equals("type") && rel.size() > 1 && Set.of("internal", "external").contains(rel.get(1)))) {
        topic = "bgp";
      } else if (Set.of("level", "overload", "lsp-lifetime", "wide-metrics-only").contains(w)) {
        topic = "isis";
      } else if (w.equals("area")) {
        topic = "ospf";
      } else if (w.equals("protocols") && rel.size() > 1) {
        topic = Protocols.normalise(rel.get(1));
      }
    }
    return new LineMeaning(topic, negated ? "" : injects, negated, bounded, limit);
  }
}
