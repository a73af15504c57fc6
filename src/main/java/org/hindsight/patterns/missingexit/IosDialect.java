package org.hindsight.patterns.missingexit;

import org.hindsight.util.EditDistance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cisco IOS / IOS-XE, with {@code xr} Cisco IOS-XR, and the IOS-like CLIs of NX-OS, EOS and FRRouting's vtysh.
 * Modes form a stack; a line the current mode does not know is retried in each parent mode up to global
 * configuration, and where it is valid the CLI moves to that mode (so {@code router bgp 4766} typed inside
 * {@code router isis} switches to BGP,
 * and a missing {@code exit} before it is harmless). A line valid nowhere on the stack is rejected and
 * changes nothing. IOS applies each line when typed; IOS-XR stages it until {@code commit}.
 *
 * <p>The grammar is deliberately small: the first word of each line, per mode, for the modes that
 * decide where routing lines land. Words it does not know are assumed valid where typed.
 */
public final class IosDialect implements Dialect {
  private final String name;
  private final boolean xr;
  /** NX-OS: IOS's modes and immediate effect, with a {@code vrf} sub-mode under every routing process. */
  private final boolean nxos;
  /**
   * FRRouting's vtysh: IOS's model (its parent-node retry included) with FRR's spellings — routing processes named
   * or numbered per VRF ({@code router ospf vrf X}, {@code router bgp 65000 vrf X}, {@code router isis CORE vrf X}),
   * zebra's {@code vrf X} block closed by {@code exit-vrf}.
   */
  private final boolean frr;
  private final Map<String, Set<String>> leaves = new HashMap<>();
  private final Set<String> knownWords = new HashSet<>();

  private static final String EXEC = "exec";

  public IosDialect(String name, boolean xr) {
    this.name = name;
    this.xr = xr;
    this.nxos = name.equals("nxos");
    this.frr = name.equals("frr");
    leaf("top", "hostname ip ipv6 ipv4 service logging snmp-server ntp aaa username enable banner clock boot access-list"
        + " mpls spanning-tree license archive crypto cdp lldp tacacs-server radius-server errdisable vtp version"
        + " platform multilink dot1x alias prefix-set community-set as-path-set domain telnet ssh netconf-yang"
        + " call-home bfd segment-routing redundancy vlan");
    leaf("router-isis", "net is-type metric-style passive-interface log-adjacency-changes redistribute max-lsp-lifetime"
        + " lsp-refresh-interval lsp-gen-interval spf-interval prc-interval set-overload-bit maximum-paths distance"
        + " default-information summary-address authentication area-password domain-password nsf bfd advertise"
        + " fast-flood mpls metric ispf hostname segment-routing distribute-list max-area-addresses fast-reroute"
        + " set-attached-bit log lsp-password nsr lsp-mtu distribute min-lsp-arrivaltime max-link-metric");
    leaf("isis-af", "redistribute maximum-paths distance summary-prefix default-information multi-topology fast-reroute"
        + " metric-style metric mpls segment-routing advertise maximum-redistributed-prefixes spf-interval microloop"
        + " router-id propagate spf-prefix-priority single-topology");
    leaf("router-ospf", "router-id network area passive-interface redistribute default-information log-adjacency-changes"
        + " max-lsa max-metric auto-cost timers distance summary-address maximum-paths bfd mpls nsf capability"
        + " distribute-list ispf prefix-suppression compatible default-metric discard-route log nsr cost"
        + " authentication maximum");
    leaf("router-igp", "network redistribute passive-interface default-information distance maximum-paths"
        + " default-metric distribute-list auto-summary version timers eigrp metric router-id");
    leaf("router-bgp", "bgp neighbor network redistribute aggregate-address timers distance maximum-paths synchronization"
        + " auto-summary default-information table-map template default-metric neighbor-group");
    leaf("bgp-af", "neighbor network redistribute aggregate-address maximum-paths distance bgp default-information"
        + " auto-summary synchronization table-map default-metric allocate-label label additional-paths");
    leaf("interface", "ip ipv6 ipv4 description shutdown mtu isis bfd mpls encapsulation service-policy speed duplex"
        + " negotiation channel-group load-interval carrier-delay vrf cdp switchport standby vrrp dampening logging"
        + " lldp bandwidth delay keepalive media-type arp tunnel hold-queue bundle");
    leaf("route-map", "match set description continue");
    leaf("vrf-def", "rd route-target description vnet import export");
    leaf("vrf-af", "route-target import export maximum");
    leaf("isis-if", "passive point-to-point circuit-type hello-interval hello-multiplier hello-padding bfd metric");
    leaf("isis-if-af", "metric fast-reroute prefix-sid adjacency-sid tag mpls");
    leaf("bgp-nbr", "remote-as update-source description use password timers bfd shutdown ebgp-multihop local-as");
    leaf("bgp-nbr-af", "route-policy next-hop-self soft-reconfiguration maximum-prefix send-community-ebgp"
        + " route-reflector-client allowas-in");
    leaf("ospf-area", "authentication stub nssa range default-cost mpls network cost passive");
    leaf("ospf-if", "cost network passive bfd authentication hello-interval dead-interval mtu-ignore priority");
    if (nxos) leaf("top", "feature install");
    if (frr) {
      leaf("top", "frr log agentx debug password enable");
      leaf("router-ospf", "ospf capability refresh");
      leaf("router-isis", "topology purge-originator lsp-timers advertise-high-metrics");
      leaf("vrf-def", "ip ipv6 vni netns");
    }
    for (String w : List.of("router", "interface", "route-map", "address-family", "vrf", "area", "neighbor", "route-policy",
        "line", "key", "class-map", "policy-map", "control-plane")) {
      knownWords.add(w);
    }
  }

  private void leaf(String kind, String words) {
    Set<String> s = leaves.computeIfAbsent(kind, k -> new HashSet<>());
    for (String w : words.split(" ")) {
      s.add(w);
      knownWords.add(w);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean commitBased() {
    return xr;
  }

  /**
   * EOS {@code configure session NAME}, and NX-OS's Session Manager alike: the session's lines wait for {@code commit};
   * {@code abort} drops them.
   */
  @Override
  public boolean startsStaging(String line) {
    if (!name.equals("eos") && !nxos) return false;
    List<String> t = Tokens.split(line);
    return t.size() >= 2 && Tokens.lower(t.get(0)).startsWith("conf") && "configure".startsWith(Tokens.lower(t.get(0)))
        && Tokens.lower(t.get(1)).equals("session");
  }

  @Override
  public List<String> exitsToTop(CliContext ctx) {
    List<String> out = new ArrayList<>();
    if (ctx.kind().equals(EXEC)) {
      out.add("configure terminal");
      return out;
    }
    for (int i = 0; i < ctx.depth(); i++) out.add("exit");
    return out;
  }

  @Override
  public Interpretation interpret(CliContext ctx, String line, int seq) {
    List<String> t = Tokens.split(line);
    if (t.isEmpty() || t.get(0).startsWith("!") || t.get(0).startsWith("#")) return Interpretation.of(Interpretation.Kind.PASS, ctx, ctx);
    String first = Tokens.lower(t.get(0));
    boolean exec = ctx.kind().equals(EXEC);
    CliContext execCtx = CliContext.TOP.push(new Frame(EXEC, "exec", "", "", seq));
    if (first.startsWith("conf") && "configure".startsWith(first)) {
      return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, CliContext.TOP);
    }
    if (first.equals("do") || first.equals("show") || first.equals("ping") || first.equals("traceroute")) {
      return Interpretation.of(Interpretation.Kind.PASS, ctx, ctx);
    }
    if (exec) {
      // Exec mode: configuration words are errors, anything else is an exec command.
      return knownWords.contains(first.equals("no") && t.size() > 1 ? Tokens.lower(t.get(1)) : first)
          ? new Interpretation(Interpretation.Kind.INVALID, ctx, ctx, false, "")
          : Interpretation.of(Interpretation.Kind.PASS, ctx, ctx);
    }
    switch (first) {
      case "exit":
        return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, ctx.top() ? execCtx : ctx.pop());
      case "end":
        return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, execCtx);
      case "exit-vrf":
        return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, ctx.kind().equals("vrf-def") ? ctx.pop() : ctx);
      case "exit-address-family":
      case "exit-af-topology":
      case "exit-af-interface":
        return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, ctx.kind().endsWith("af") ? ctx.pop() : ctx);
      case "end-policy":
      case "end-set":
        return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, ctx.top() ? ctx : ctx.pop());
      default:
        break;
    }
    if (name.equals("eos") || nxos) {
      if (first.equals("commit")) return Interpretation.of(Interpretation.Kind.COMMIT, ctx, execCtx);
      if (first.equals("abort")) return Interpretation.of(Interpretation.Kind.DISCARD, ctx, execCtx);
    }
    // NX-OS Session Manager's checks of the staged lines change nothing
    if (nxos && (first.equals("verify") || first.equals("save"))) return Interpretation.of(Interpretation.Kind.PASS, ctx, ctx);
    if (xr) {
      if (first.equals("root")) return Interpretation.of(Interpretation.Kind.NAVIGATE, ctx, CliContext.TOP);
      if (first.equals("commit")) return Interpretation.of(Interpretation.Kind.COMMIT, ctx, ctx);
      if (first.equals("abort")) return Interpretation.of(Interpretation.Kind.DISCARD, ctx, execCtx);
      if (first.equals("clear")) return Interpretation.of(Interpretation.Kind.DISCARD, ctx, ctx);
    }
    boolean negated = first.equals("no") && t.size() > 1;
    List<String> words = negated ? t.subList(1, t.size()) : t;
    String head = Tokens.lower(words.get(0));
    Interpretation firstBad = null;
    for (int d = ctx.depth(); d >= 0; d--) {
      CliContext at = ctx.truncate(d);
      Opening o = open(at, words, seq);
      if (o == Opening.BAD_ARGS && firstBad == null) {
        firstBad = new Interpretation(Interpretation.Kind.INVALID, ctx, ctx, true, topicOfOpener(words));
      }
      if (o != null && o.frame != null) {
        return Interpretation.config(at, negated ? at : at.push(o.frame), !negated, o.frame.protocol());
      }
      if (leaves.getOrDefault(at.kind(), Set.of()).contains(head)) {
        return Interpretation.config(at, at, false, "");
      }
    }
    if (firstBad != null) return firstBad;
    if (knownWords.contains(head)) return new Interpretation(Interpretation.Kind.INVALID, ctx, ctx, false, "");
    String typo = typoOfOpener(head);
    if (!typo.isEmpty()) return new Interpretation(Interpretation.Kind.INVALID, ctx, ctx, true, topicOfOpener(words));
    return new Interpretation(Interpretation.Kind.UNKNOWN, ctx, ctx, false, "");
  }

  /** A mode this line opens at {@code at}: a frame, {@link #BAD_ARGS} when the opener's arguments are wrong, or null. */
  private static final class Opening {
    final Frame frame;
    static final Opening BAD_ARGS = new Opening(null);

    Opening(Frame f) {
      frame = f;
    }
  }

  private Opening open(CliContext at, List<String> w, int seq) {
    String head = Tokens.lower(w.get(0));
    String kind = at.kind();
    String label = String.join(" ", w);
    switch (kind) {
      case "top":
        switch (head) {
          case "router":
            return openRouter(w, label, seq);
          case "interface":
            return w.size() < 2 ? Opening.BAD_ARGS : frame("interface", label, "", "", seq);
          case "route-map":
          case "route-policy":
            return w.size() < 2 ? Opening.BAD_ARGS : frame("route-map", label, "", "", seq);
          case "vrf":
            if (frr) return w.size() != 2 ? Opening.BAD_ARGS : frame("vrf-def", label, "", w.get(1), seq); // zebra's VRF block
            if (xr) return w.size() < 2 ? Opening.BAD_ARGS : frame("vrf-def", label, "", w.get(1), seq);
            // IOS's vrf definition X, NX-OS's vrf context X: the same rd / address-family / route-target block
            return w.size() >= 3 && (Tokens.lower(w.get(1)).equals("definition") || (nxos && Tokens.lower(w.get(1)).equals("context")))
                ? frame("vrf-def", label, "", w.get(2), seq) : null;
          case "ip":
            if (w.size() >= 3 && Tokens.lower(w.get(1)).equals("vrf")) return frame("vrf-def", label, "", w.get(2), seq);
            if (w.size() >= 3 && Tokens.lower(w.get(1)).equals("access-list")) return frame("opaque", label, "", "", seq);
            return null;
          case "line":
          case "key":
          case "class-map":
          case "policy-map":
          case "control-plane":
            return frame("opaque", label, "", "", seq);
          default:
            return null;
        }
      case "router-bgp":
        if (head.equals("address-family")) return addressFamily(w, label, "bgp-af", "bgp", true, seq);
        if ((xr || nxos) && head.equals("neighbor") && w.size() == 2) return frame("bgp-nbr", label, "bgp", "", seq);
        // NX-OS: "neighbor 10.0.0.1 remote-as 65001" enters the neighbour too
        if (nxos && head.equals("neighbor") && w.size() == 4 && Tokens.lower(w.get(2)).equals("remote-as")) {
          return frame("bgp-nbr", label, "bgp", "", seq);
        }
        if ((xr || nxos) && head.equals("vrf") && w.size() == 2) return frame("router-bgp", label, "bgp", w.get(1), seq);
        return null;
      case "bgp-nbr":
        return head.equals("address-family") ? addressFamily(w, label, "bgp-nbr-af", "bgp", false, seq) : null;
      case "router-isis":
        if (head.equals("address-family")) return addressFamily(w, label, "isis-af", "isis", false, seq);
        if (xr && head.equals("interface")) return w.size() < 2 ? Opening.BAD_ARGS : frame("isis-if", label, "isis", "", seq);
        if (nxos && head.equals("vrf")) return w.size() != 2 ? Opening.BAD_ARGS : frame("router-isis", label, "isis", w.get(1), seq);
        return null;
      case "isis-if":
        return head.equals("address-family") ? addressFamily(w, label, "isis-if-af", "isis", false, seq) : null;
      case "router-ospf":
        if (xr && head.equals("area") && w.size() == 2) return frame("ospf-area", label, "ospf", "", seq);
        if ((xr || nxos) && head.equals("vrf") && w.size() == 2) return frame("router-ospf", label, "ospf", w.get(1), seq);
        return null;
      case "ospf-area":
        return head.equals("interface") ? frame("ospf-if", label, "ospf", "", seq) : null;
      case "vrf-def":
        return head.equals("address-family") ? addressFamily(w, label, "vrf-af", "", false, seq) : null;
      default:
        return null;
    }
  }

  private static Opening frame(String kind, String label, String protocol, String vrf, int seq) {
    return new Opening(new Frame(kind, label, protocol, vrf, seq));
  }

  private Opening openRouter(List<String> w, String label, int seq) {
    if (w.size() < 2) return Opening.BAD_ARGS;
    String p = Tokens.lower(w.get(1));
    if (frr) return openFrrRouter(w, p, label, seq);
    switch (p) {
      case "isis":
        return frame("router-isis", label, "isis", "", seq);
      case "bgp":
        return w.size() >= 3 && Tokens.number(w.get(2)) ? frame("router-bgp", label, "bgp", "", seq) : Opening.BAD_ARGS;
      case "ospf":
      case "ospfv3": {
        // IOS numbers OSPF processes; IOS-XR and NX-OS name them with any word ("router ospf UNDERLAY")
        if (!xr && !nxos && (w.size() < 3 || !Tokens.number(w.get(2)))) return Opening.BAD_ARGS;
        if ((xr || nxos) && w.size() < 3) return Opening.BAD_ARGS;
        int vrfAt = w.stream().map(Tokens::lower).toList().indexOf("vrf");
        String vrf = vrfAt > 0 && vrfAt + 1 < w.size() ? w.get(vrfAt + 1) : "";
        return frame("router-ospf", label, Protocols.normalise(p), vrf, seq);
      }
      case "eigrp":
      case "rip":
        return frame("router-igp", label, p, "", seq);
      case "static":
        return xr ? frame("opaque", label, "static", "", seq) : Opening.BAD_ARGS;
      default:
        return Opening.BAD_ARGS;
    }
  }

  /**
   * FRR's routing processes: {@code router isis NAME [vrf X]}, {@code router bgp ASN [vrf X | view X]}, {@code router
   * ospf [N] [vrf X]} and {@code router ospf6 [vrf X]} (no process number needed), {@code router rip|ripng|eigrp N|babel}.
   */
  private static Opening openFrrRouter(List<String> w, String p, String label, int seq) {
    List<String> lw = w.stream().map(Tokens::lower).toList();
    int vrfAt = lw.indexOf("vrf");
    if (vrfAt > 0 && vrfAt + 1 >= w.size()) return Opening.BAD_ARGS;
    String vrf = vrfAt > 0 ? w.get(vrfAt + 1) : "";
    switch (p) {
      case "isis":
      case "openfabric":
        return w.size() < 3 || vrfAt == 2 ? Opening.BAD_ARGS : frame("router-isis", label, "isis", vrf, seq);
      case "bgp":
        return w.size() >= 3 && Tokens.number(w.get(2)) ? frame("router-bgp", label, "bgp", vrf, seq) : Opening.BAD_ARGS;
      case "ospf":
      case "ospf6":
        if (w.size() >= 3 && vrfAt != 2 && !Tokens.number(w.get(2))) return Opening.BAD_ARGS;
        return frame("router-ospf", label, p.equals("ospf6") ? "ospfv3" : "ospf", vrf, seq);
      case "rip":
      case "ripng":
      case "eigrp":
      case "babel":
        return frame("router-igp", label, p.equals("ripng") ? "rip" : p, vrf, seq);
      default:
        return Opening.BAD_ARGS;
    }
  }

  /** {@code address-family ipv4 [unicast] [vrf X]}: a VRF is only valid where {@code allowVrf}. */
  private static Opening addressFamily(List<String> w, String label, String kind, String protocol, boolean allowVrf, int seq) {
    if (w.size() < 2) return Opening.BAD_ARGS;
    String afi = Tokens.lower(w.get(1));
    if (!Set.of("ipv4", "ipv6", "vpnv4", "vpnv6", "l2vpn").contains(afi)) return Opening.BAD_ARGS;
    List<String> lw = w.stream().map(Tokens::lower).toList();
    int vrfAt = lw.indexOf("vrf");
    if (vrfAt > 0 && !allowVrf) return Opening.BAD_ARGS;
    String vrf = vrfAt > 0 && vrfAt + 1 < w.size() ? w.get(vrfAt + 1) : "";
    return frame(kind, label, protocol, vrf, seq);
  }

  private static final List<String> OPENERS = List.of("router", "interface", "route-map", "address-family", "route-policy");

  /** An opener word the given word is one edit away from ({@code route} → router), or "". */
  private static String typoOfOpener(String word) {
    if (word.length() < 4) return "";
    for (String o : OPENERS) if (EditDistance.levenshtein(word, o) == 1) return o;
    return "";
  }

  private static String topicOfOpener(List<String> w) {
    for (String x : w) {
      String p = Tokens.protocolPrefix(x);
      if (!p.isEmpty()) return p;
    }
    return w.stream().map(Tokens::lower).anyMatch(x -> x.equals("vrf")) && Tokens.lower(w.get(0)).equals("address-family") ? "bgp" : "";
  }

  @Override
  public LineMeaning meaning(CliContext where, String line, PolicyBook policies) {
    List<String> t = Tokens.split(line);
    if (t.isEmpty()) return LineMeaning.NEUTRAL;
    boolean negated = Tokens.lower(t.get(0)).equals("no") && t.size() > 1;
    List<String> w = (negated ? t.subList(1, t.size()) : t).stream().map(Tokens::lower).toList();
    String head = w.get(0);
    String topic = "";
    String injects = "";
    boolean bounded = false;
    boolean limit = false;
    switch (head) {
      case "redistribute": {
        // FRR's IS-IS names the address family first: "redistribute ipv4 bgp level-2"
        int from = w.size() > 2 && (w.get(1).equals("ipv4") || w.get(1).equals("ipv6")) ? 2 : 1;
        if (w.size() > 1 && w.get(1).equals("maximum-prefix")) {
          limit = true;
        } else if (w.size() > from && Protocols.source(w.get(from))) {
          injects = Protocols.normalise(w.get(from));
          topic = injects;
          bounded = w.contains("route-map") || w.contains("route-policy") || w.contains("maximum-prefix");
        }
        break;
      }
      case "max-lsa":
      case "maximum-redistributed-prefixes":
        limit = true;
        break;
      case "router":
        topic = w.size() > 1 ? Tokens.protocolPrefix(w.get(1)) : "";
        break;
      case "neighbor":
      case "bgp":
      case "aggregate-address":
      case "synchronization":
      case "table-map":
      case "neighbor-group":
      case "allocate-label":
      case "remote-as":
      case "update-source":
        topic = "bgp";
        break;
      case "address-family":
        topic = w.contains("vrf") || w.contains("vpnv4") || w.contains("vpnv6") ? "bgp" : "";
        break;
      case "network":
        if (w.contains("area")) topic = "ospf";
        else if (w.contains("mask") || (w.size() > 1 && w.get(1).contains("/"))) topic = "bgp";
        break;
      case "net":
      case "is-type":
      case "metric-style":
      case "set-overload-bit":
      case "lsp-gen-interval":
      case "lsp-refresh-interval":
      case "max-lsp-lifetime":
      case "area-password":
      case "domain-password":
      case "lsp-password":
      case "circuit-type":
        topic = "isis";
        break;
      case "area":
      case "auto-cost":
      case "max-metric":
        topic = "ospf";
        break;
      default:
        break;
    }
    if (topic.isEmpty() && injects.isEmpty() && !limit) {
      // Lines inside a BGP neighbour or OSPF area sub-mode are about that protocol.
      String k = where.kind();
      if (k.startsWith("bgp-nbr")) topic = "bgp";
    }
    return new LineMeaning(topic, negated ? "" : injects, negated, bounded, limit);
  }
}
