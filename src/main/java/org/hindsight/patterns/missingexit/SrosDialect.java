package org.hindsight.patterns.missingexit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nokia SR OS, classic CLI and (with {@code mdCli}) MD-CLI. A context is entered by typing its name ({@code isis}, {@code group
 * "IBGP"}), several at once ({@code configure router isis}); {@code exit} and {@code back} climb one
 * level, {@code exit all} returns to the root. A line that starts with {@code configure} is absolute
 * and works from anywhere. Other lines are only valid in the context they are typed in (classic CLI
 * does not search parent contexts: "Error: Bad command."). Changes take effect when typed. Nested
 * contexts are modelled to the depth that decides where routing lines land: {@code isis} >
 * {@code interface "x"} > {@code level 2}, so one {@code exit} after {@code level 2} leaves the CLI in
 * the interface, not in IS-IS.
 *
 * <p>MD-CLI: the same tree with named instances ({@code router "Base"}, {@code isis 0}), absolute
 * paths with a leading {@code /} ({@code /configure router "Base" isis 0 export-policy ["P"]}),
 * {@code back}/{@code exit} one level, {@code exit all} or {@code top} to the root, and candidate
 * configuration put in force at {@code commit} ({@code discard} throws it away), and the brace form of
 * pasted {@code info} output ("isis 0 &#123;" … "&#125;").
 */
public final class SrosDialect implements Dialect {
  private static final Map<String, Set<String>> CHILDREN = Map.ofEntries(
      Map.entry("root", Set.of("configure")),
      Map.entry("configure", Set.of("router", "service", "port", "card", "system", "log", "filter", "qos", "mirror", "lag")),
      Map.entry("router", Set.of("isis", "ospf", "ospf3", "bgp", "policy-options", "interface", "mpls", "rsvp", "ldp", "static-route-entry")),
      Map.entry("service", Set.of("vprn", "ies", "vpls", "epipe", "customer")),
      Map.entry("vprn", Set.of("isis", "ospf", "bgp", "interface")),
      Map.entry("isis", Set.of("interface", "level")),
      Map.entry("interface", Set.of("level", "ipv4-adjacency-sid", "ipv6-adjacency-sid")),
      Map.entry("ospf", Set.of("area")),
      Map.entry("ospf3", Set.of("area")),
      Map.entry("area", Set.of("interface")),
      Map.entry("bgp", Set.of("group")),
      Map.entry("group", Set.of("neighbor")),
      Map.entry("policy-options", Set.of("policy-statement", "prefix-list", "community")),
      Map.entry("policy-statement", Set.of("entry", "default-action")),
      Map.entry("entry", Set.of("from", "to", "action")));
  /** Contexts whose name takes an argument (group "X", neighbor 1.2.3.4, entry 10, …). */
  private static final Set<String> WITH_ARG = Set.of("group", "neighbor", "policy-statement", "prefix-list", "entry",
      "interface", "vprn", "ies", "vpls", "epipe", "port", "card", "community", "static-route-entry", "customer", "lag");
  private static final Set<String> OPTIONAL_ARG = Set.of("router", "isis", "ospf", "ospf3", "level", "area");
  private static final Map<String, Set<String>> LEAVES = Map.of(
      "isis", Set.of("area-id", "level-capability", "export", "import", "export-policy", "import-policy", "admin-state", "overload", "traffic-engineering",
          "reference-bandwidth", "shutdown", "lsp-lifetime", "authentication-key", "export-limit", "system-id", "advertise-passive-only"),
      "ospf", Set.of("router-id", "export", "import", "export-policy", "import-policy", "export-limit", "overload", "reference-bandwidth", "shutdown", "traffic-engineering"),
      "bgp", Set.of("export", "import", "peer-as", "admin-state", "local-as", "router-id", "family", "shutdown", "cluster", "multipath", "local-address"),
      "group", Set.of("export", "import", "peer-as", "admin-state", "local-as", "type", "local-address", "family", "next-hop-self", "shutdown", "cluster", "prefix-limit"),
      "neighbor", Set.of("peer-as", "export", "import", "local-address", "description", "shutdown", "prefix-limit", "family"),
      "interface", Set.of("interface-type", "passive", "hello-interval", "hello-multiplier", "metric", "level-capability",
          "admin-state", "shutdown", "bfd-liveness", "lsp-pacing-interval", "retransmit-interval", "ipv4-node-sid"),
      "level", Set.of("metric", "wide-metrics-only", "hello-interval", "hello-multiplier", "priority", "lsp-lifetime",
          "preference", "external-preference", "hello-authentication-key", "admin-state", "passive"));
  private static final Set<String> PROTOCOL_CONTEXTS = Set.of("isis", "ospf", "ospf3", "bgp");

  private final boolean mdCli;

  public SrosDialect() {
    this(false);
  }

  public SrosDialect(boolean mdCli) {
    this.mdCli = mdCli;
  }

  @Override
  public String name() {
    return mdCli ? "sros-md" : "sros";
  }

  @Override
  public boolean commitBased() {
    return mdCli;
  }

  /** MD-CLI edits under {@code /configure} from {@code edit-config} on; classic starts at the root. */
  @Override
  public CliContext start() {
    return mdCli ? CliContext.TOP.push(new Frame("configure", "configure", "", "", -1)) : CliContext.TOP;
  }

  @Override
  public boolean explicitPath(CliContext typedIn, String line) {
    List<String> t = Tokens.split(line).stream().map(Tokens::lower).toList();
    int start = !t.isEmpty() && (t.get(0).equals("no") || t.get(0).equals("delete")) ? 1 : 0;
    if (start >= t.size()) return false;
    String w = t.get(start);
    return w.equals("configure") || w.equals("/configure") || (mdCli && w.startsWith("/"));
  }

  @Override
  public List<String> exitsToTop(CliContext ctx) {
    List<String> out = new ArrayList<>();
    for (int i = mdCli ? 1 : 0; i < ctx.depth(); i++) out.add("exit");
    return out;
  }

  @Override
  public Interpretation interpret(CliContext ctx, String line, int seq) {
    List<String> raw = Tokens.split(line);
    if (raw.contains("{") || raw.contains("}")) return braced(ctx, raw, seq);
    List<String> t = raw.stream().map(Tokens::lower).toList();
    if (t.isEmpty() || t.get(0).startsWith("#")) return Interpretation.of(Interpretation.Kind.PASS, ctx, ctx);
    switch (t.get(0)) {
      case "top":
        return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, start());
      case "discard":
        return Interpretation.of(mdCli ? Interpretation.Kind.DISCARD : Interpretation.Kind.PASS, ctx, ctx);
      case "edit-config":
      case "quit-config":
      case "compare":
      case "validate":
        return Interpretation.of(Interpretation.Kind.PASS, ctx, ctx);
      case "exit":
        return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, t.size() > 1 && t.get(1).equals("all") ? start() : ctx.pop());
      case "back":
        return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, ctx.pop());
      case "info":
      case "show":
      case "admin":
      case "environment":
      case "begin":
      case "abort":
        return Interpretation.of(Interpretation.Kind.PASS, ctx, ctx);
      case "commit":
        return Interpretation.of(mdCli ? Interpretation.Kind.COMMIT : Interpretation.Kind.PASS, ctx, ctx);
      default:
        break;
    }
    boolean negated = (t.get(0).equals("no") || t.get(0).equals("delete")) && t.size() > 1;
    int start = negated ? 1 : 0;
    if (t.get(start).startsWith("/")) {
      // MD-CLI absolute path: "/configure …" from the root.
      List<String> abs = new ArrayList<>(t);
      abs.set(start, t.get(start).substring(1));
      t = abs.get(start).isEmpty() ? abs.subList(0, start) : abs;
      if (t.size() <= start) return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, CliContext.TOP);
      raw = new ArrayList<>(raw);
      raw.set(start, raw.get(start).substring(1));
    }
    CliContext at = t.get(start).equals("configure") ? CliContext.TOP : ctx;
    CliContext cur = at;
    int i = start;
    boolean opened = false;
    while (i < t.size()) {
      String kind = cur.top() ? "root" : cur.kind();
      String w = t.get(i);
      if (!CHILDREN.getOrDefault(kind, Set.of()).contains(w)) break;
      int take = 1;
      if (WITH_ARG.contains(w)) take = 2;
      else if (OPTIONAL_ARG.contains(w) && i + 1 < t.size() && !CHILDREN.getOrDefault(w, Set.of()).contains(t.get(i + 1))
          && !LEAVES.getOrDefault(w, Set.of()).contains(t.get(i + 1))) take = 2;
      if (i + take > t.size()) return new Interpretation(Interpretation.Kind.INVALID, ctx, ctx, true, Tokens.protocolPrefix(w));
      String label = String.join(" ", raw.subList(i, i + take));
      String proto = PROTOCOL_CONTEXTS.contains(w) ? Protocols.normalise(w) : "";
      String vrf = w.equals("vprn") ? raw.get(i + 1) : "";
      cur = cur.push(new Frame(w, label, proto, vrf, seq));
      opened = true;
      i += take;
    }
    if (i >= t.size()) {
      return negated ? Interpretation.config(at, at, false, "") : Interpretation.config(at, cur, true, cur.protocol());
    }
    String w = t.get(i);
    String kind = cur.top() ? "root" : cur.kind();
    if (LEAVES.getOrDefault(kind, Set.of()).contains(w)) return Interpretation.config(cur, opened ? cur : ctx, false, "");
    boolean known = LEAVES.values().stream().anyMatch(s -> s.contains(w)) || CHILDREN.values().stream().anyMatch(s -> s.contains(w));
    if (known) return new Interpretation(Interpretation.Kind.INVALID, ctx, ctx, CHILDREN.containsKey(w), Tokens.protocolPrefix(w));
    return new Interpretation(Interpretation.Kind.UNKNOWN, cur, opened ? cur : ctx, false, "");
  }

  /**
   * MD-CLI's brace form (pasted {@code info} output): "isis 0 &#123;" enters a context, a lone "&#125;"
   * leaves one, and a block closed on its own line ("isis 0 &#123; level-capability 2 &#125;") configures
   * inside it and leaves the context where it was. A missing "&#125;" strands the next lines one level
   * too deep, as a missing {@code exit} does.
   */
  private Interpretation braced(CliContext ctx, List<String> raw, int seq) {
    // Leading closes ("} bgp {") leave their blocks before the rest of the line is read.
    int lead = 0;
    while (lead < raw.size() && raw.get(lead).equals("}")) lead++;
    if (lead > 0 && lead < raw.size()) {
      Interpretation rest = interpret(ctx.pop(lead), String.join(" ", raw.subList(lead, raw.size())), seq);
      return rest.kind() == Interpretation.Kind.PASS ? Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, ctx.pop(lead)) : rest;
    }
    int opens = 0;
    int closes = 0;
    List<String> words = new ArrayList<>();
    for (String w : raw) {
      if (w.equals("{")) opens++;
      else if (w.equals("}")) closes++;
      else words.add(w);
    }
    if (words.isEmpty()) return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, ctx.pop(Math.max(0, closes - opens)));
    Interpretation r = interpret(ctx, String.join(" ", words), seq);
    if (r.kind() == Interpretation.Kind.INVALID || r.kind() == Interpretation.Kind.PASS) return r;
    CliContext next = opens == closes ? ctx : opens > closes ? r.next() : r.next().pop(closes - opens);
    return new Interpretation(r.kind(), r.where(), next, r.opensMode() && opens > closes, r.topicHint());
  }

  @Override
  public void learn(CliContext where, String line, PolicyBook policies) {
    String policy = "";
    boolean inFrom = false;
    for (Frame f : where.frames()) {
      if (f.kind().equals("policy-statement")) policy = Tokens.split(f.label()).get(1).replace("\"", "");
      if (f.kind().equals("from")) inFrom = true;
    }
    List<String> t = Tokens.split(line).stream().map(Tokens::lower).toList();
    int ps = t.indexOf("policy-statement");
    if (ps >= 0 && ps + 1 < t.size()) policy = t.get(ps + 1).replace("\"", "");
    if (policy.isEmpty()) return;
    policies.define(policy);
    int from = t.indexOf("from");
    if (from >= 0) inFrom = true;
    if (!inFrom) return;
    int p = t.indexOf("protocol");
    if (p >= 0 && p + 1 < t.size() && Protocols.source(t.get(p + 1))) policies.matchesProtocol(policy, t.get(p + 1));
    if (t.contains("prefix-list")) policies.filtersPrefixes(policy);
  }

  @Override
  public LineMeaning meaning(CliContext where, String line, PolicyBook policies) {
    List<String> t = Tokens.split(line).stream().map(Tokens::lower).toList();
    if (t.isEmpty()) return LineMeaning.NEUTRAL;
    boolean negated = t.get(0).equals("no");
    String head = t.get(negated ? Math.min(1, t.size() - 1) : 0);
    String topic = "";
    String injects = "";
    boolean bounded = false;
    boolean limit = t.contains("export-limit") || t.contains("prefix-limit");
    int ex = t.indexOf("export");
    if (ex < 0) ex = t.indexOf("export-policy");
    if (ex >= 0 && ex + 1 < t.size() && !where.protocol().isEmpty()) {
      List<String> inj = new ArrayList<>();
      bounded = true;
      for (String n : t.subList(ex + 1, t.size())) {
        String name = n.replace("\"", "").replace("[", "").replace("]", "");
        if (name.isEmpty()) continue;
        String i = policies.injects(name);
        if (!inj.contains(i)) inj.add(i);
        bounded &= policies.filtered(name);
      }
      injects = String.join("+", inj);
      topic = injects.contains("+") ? "" : injects;
    } else if (Set.of("peer-as", "local-as", "group", "neighbor", "family", "type", "next-hop-self", "cluster").contains(head)) {
      topic = "bgp";
    } else if (Set.of("area-id", "level-capability", "level", "system-id").contains(head)) {
      topic = "isis";
    } else if (head.equals("area")) {
      topic = "ospf";
    } else if (PROTOCOL_CONTEXTS.contains(head)) {
      topic = Protocols.normalise(head);
    }
    return new LineMeaning(topic, negated ? "" : injects, negated, bounded, limit);
  }
}
