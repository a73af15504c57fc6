package org.hindsight.patterns.missingexit;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.hindsight.drill.CsvTable;
import org.hindsight.drill.Difficulty;
import org.hindsight.drill.DrillAnswer;
import org.hindsight.drill.IncidentGenerator;
import org.hindsight.drill.Names;
import org.hindsight.patterns.missingexit.RouterFleet.Router;

/**
 * Drills of the KT 2021 kind: a configuration session leaves the CLI in an IGP context (a missing
 * {@code exit}, a mode line the device rejected), a line meant for another context is accepted
 * there and brings another protocol's routes into the IGP, and the routes flood the domain hop by
 * hop until routers overload and drop adjacencies.
 *
 * <p>Easy: IOS, the intended mode line rejected (missing VRF, wrong BGP AS). Medium: also IOS-XR
 * with the line taking effect at a later commit, bigger fleets. Hard: a Junos relative {@code edit},
 * a stale context two levels deep, a typo'd mode line (sometimes with no result column logged), or a
 * much later XR commit; plus red herrings (an earlier, unrelated adjacency flap, and a harmless IOS
 * session missing {@code exit} before {@code router bgp} on another router). Near misses: the
 * correct session followed by a surge from elsewhere, the harmless IOS {@code router bgp} case with a
 * surge, a bounded redistribution inside its approved window, and a leak with no surge.
 */
@AutoService(org.hindsight.drill.IncidentGenerator.class)
public final class MissingExitGenerator implements IncidentGenerator {
  public static final String PATTERN = "missing-exit";

  @Override
  public String pattern() {
    return PATTERN;
  }

  @Override
  public DrillAnswer generate(Path dir, RandomGenerator random, Difficulty difficulty, boolean nearMiss) throws IOException {
    return new Incident(random, difficulty, nearMiss).write(dir);
  }

  /** How the operator's line ends up in the IGP. */
  enum Variant { VRF_MISSING, AS_MISMATCH, XR_TYPO_COMMIT, JUNOS_RELATIVE_EDIT, TWO_LEVELS, TYPO_MODE_LINE }

  /** Near misses: what looks like the pattern but is not. */
  enum LookAlike { CORRECT_SESSION, EXIT_BEFORE_ROUTER_BGP, BOUNDED_IN_WINDOW, LEAK_WITHOUT_SURGE }

  private static final List<String> USERS = List.of("akiko", "benoit", "carmen", "dmitri", "esra", "felix", "gita",
      "hugo", "ines", "jonas", "keiko", "lars", "maya", "nikhil", "olga", "paulo", "rana", "sven", "tariq", "ula",
      "vera", "wei", "xavi", "yusuf");
  private static final String IOS_INVALID = "% Invalid input detected at '^' marker.";

  /** One typed line of a session. */
  static final class Cmd {
    final ZonedDateTime time;
    final String text;
    final String result;
    CsvTable.Row row;

    Cmd(ZonedDateTime time, String text, String result) {
      this.time = time;
      this.text = text;
      this.result = result;
    }
  }

  /** One CLI session: lines in typed order, a few seconds apart. */
  final class Session {
    final Router device;
    final String id;
    final String user;
    final List<Cmd> lines = new ArrayList<>();
    ZonedDateTime clock;
    private final RandomGenerator random;

    Session(Router device, String id, String user, ZonedDateTime start, RandomGenerator random) {
      this.device = device;
      this.id = id;
      this.user = user;
      this.clock = start;
      this.random = random;
    }

    Cmd ok(String text) {
      return type(text, okWord(device));
    }

    Cmd rejected(String text, String error) {
      return type(text, error);
    }

    Cmd type(String text, String result) {
      Cmd c = new Cmd(clock, text, result);
      lines.add(c);
      clock = clock.plusSeconds(3 + random.nextInt(20));
      return c;
    }

    void pause(long seconds) {
      clock = clock.plusSeconds(seconds);
    }

    ZonedDateTime end() {
      return lines.get(lines.size() - 1).time;
    }
  }

  /** A route rise flooding from one router: the leak (big) or a look-alike (small). */
  record Rise(int origin, ZonedDateTime at, double volume, double[] arrivalMs, boolean[] overloaded, ZonedDateTime clearedAt) {}

  private static String okWord(Router r) {
    return r.platform.startsWith("ios") && !r.platform.equals("iosxr") ? "ok" : "";
  }

  /** Everything about one generated incident. */
  private final class Incident {
    final RandomGenerator random;
    final Names n;
    final Difficulty difficulty;
    final boolean nearMiss;
    final ZoneId zone;
    final Variant variant;
    final LookAlike look;
    final String igp;
    final RouterFleet fleet;
    final String isisTag;
    final String ospfPid;
    final int asn;
    final String vrf;
    final String vrfPid;
    final String service;
    final boolean logResults;
    final List<Session> sessions = new ArrayList<>();
    final Set<String> sessionIds = new HashSet<>();
    final CsvTable events = CsvTable.timed("source", "type", "entity", "message", "severity");
    final CsvTable metrics = CsvTable.timed("entity", "metric", "value");
    final CsvTable changes = CsvTable.untimed("ticket", "summary", "scope", "window_start", "window_end", "approved_by");
    final String ticketPrefix;
    Router culprit;
    Session main;
    Cmd cause;
    ZonedDateTime effective;

    Incident(RandomGenerator random, Difficulty difficulty, boolean nearMiss) {
      this.random = random;
      this.n = new Names(random);
      this.difficulty = difficulty;
      this.nearMiss = nearMiss;
      this.zone = n.zone();
      this.look = nearMiss ? n.pick(List.of(LookAlike.values())) : null;
      this.variant = switch (difficulty) {
        case EASY -> n.pick(List.of(Variant.VRF_MISSING, Variant.AS_MISMATCH));
        case MEDIUM -> n.pick(List.of(Variant.VRF_MISSING, Variant.AS_MISMATCH, Variant.XR_TYPO_COMMIT));
        case HARD -> n.pick(List.of(Variant.JUNOS_RELATIVE_EDIT, Variant.TWO_LEVELS, Variant.TYPO_MODE_LINE, Variant.XR_TYPO_COMMIT));
      };
      this.igp = variant == Variant.TWO_LEVELS && (look == null || look == LookAlike.LEAK_WITHOUT_SURGE) || random.nextInt(5) < 3
          ? "isis" : "ospf";
      int size = switch (difficulty) {
        case EASY -> n.between(6, 10);
        case MEDIUM -> n.between(10, 16);
        case HARD -> n.between(14, 24);
      };
      int siteCount = switch (difficulty) {
        case EASY -> n.between(2, 3);
        case MEDIUM -> n.between(3, 4);
        case HARD -> n.between(3, 5);
      };
      this.fleet = RouterFleet.build(n, random, size, siteCount, igp);
      this.isisTag = n.word().toUpperCase(Locale.ROOT) + (random.nextBoolean() ? "" : "-" + n.pick(List.of("CORE", "L2", "BB", "NET")));
      this.ospfPid = n.pick(List.of("1", "10", "100", "65000", "2"));
      this.asn = random.nextBoolean() ? n.between(64600, 65500) : n.between(1100, 39000);
      this.vrf = n.pick(List.of("CUST-", "BIZ-", "VPN-", "ENT-")) + n.word().toUpperCase(Locale.ROOT);
      this.vrfPid = ospfPid.equals("100") ? "200" : "100";
      this.service = n.pick(List.of("backbone", "ip-core", "metro", "transit"));
      this.ticketPrefix = n.pick(List.of("CHG", "CR-", "NC-", "RFC-"));
      this.logResults = !(variant == Variant.TYPO_MODE_LINE && look == null && random.nextBoolean());
      assignPlatforms();
    }

    // ---- fleet -----------------------------------------------------------------------------

    /** The platform the session's device must have for the variant (or look-alike) to play out. */
    private String culpritPlatform() {
      if (look == LookAlike.EXIT_BEFORE_ROUTER_BGP || look == LookAlike.BOUNDED_IN_WINDOW) return n.pick(List.of("ios", "ios-xe"));
      if (look == LookAlike.CORRECT_SESSION) return difficulty == Difficulty.EASY ? "ios-xe" : n.pick(List.of("ios-xe", "ios", "junos"));
      return switch (variant) {
        case XR_TYPO_COMMIT -> "iosxr";
        case JUNOS_RELATIVE_EDIT -> "junos";
        case TYPO_MODE_LINE -> random.nextBoolean() ? "" : n.pick(List.of("ios", "ios-xe"));
        default -> n.pick(List.of("ios", "ios-xe"));
      };
    }

    private void assignPlatforms() {
      String p = culpritPlatform();
      List<Router> candidates;
      switch (p) {
        case "iosxr" -> {
          fleet.cores().forEach(r -> r.platform = "iosxr");
          fleet.edges().forEach(r -> r.platform = "ios-xe");
          candidates = fleet.cores();
        }
        case "junos" -> {
          fleet.cores().forEach(r -> r.platform = "junos");
          // Hard drills keep IOS edges so a harmless IOS session can serve as a red herring.
          String edge = difficulty == Difficulty.HARD || random.nextBoolean() ? "ios-xe" : "junos";
          fleet.edges().forEach(r -> r.platform = edge);
          candidates = fleet.cores();
        }
        case "" -> {
          candidates = fleet.routers;
        }
        default -> {
          boolean xrCores = difficulty != Difficulty.EASY && random.nextBoolean();
          fleet.routers.forEach(r -> r.platform = p);
          if (xrCores) fleet.cores().forEach(r -> r.platform = "iosxr");
          candidates = xrCores ? fleet.edges() : fleet.routers;
          if (candidates.isEmpty()) {
            fleet.routers.forEach(r -> r.platform = p);
            candidates = fleet.routers;
          }
        }
      }
      // A new or reworked edge router is the usual place for such sessions; cores when there is no choice.
      List<Router> edges = candidates.stream().filter(r -> !r.core).toList();
      culprit = !edges.isEmpty() && random.nextInt(4) > 0 ? n.pick(edges) : n.pick(candidates);
      double typical = n.between(2500, 14000);
      for (Router r : fleet.routers) {
        r.baseline = Math.round(typical * (0.95 + 0.1 * random.nextDouble()) + (r.core ? n.between(0, 400) : 0));
        r.cpu = 8 + random.nextInt(28);
      }
      if (difficulty != Difficulty.EASY && random.nextInt(3) == 0) {
        // Big core routers carry far more routes than the edge before they overload.
        for (Router r : fleet.routers) r.capacity = r.core ? n.between(12, 40) * 100_000.0 : n.between(2, 4) * 50_000.0;
      }
    }

    double capacity(Router r) {
      return Double.isNaN(r.capacity) ? 100_000 : r.capacity;
    }

    boolean isIosLike(Router r) {
      return r.platform.equals("ios") || r.platform.equals("ios-xe") || r.platform.isEmpty();
    }

    // ---- names and addresses -----------------------------------------------------------------

    String ifName(Router r, int k) {
      return switch (r.platform) {
        case "iosxr" -> "TenGigE0/0/0/" + k;
        case "junos" -> "xe-0/0/" + k;
        default -> "TenGigabitEthernet0/1/" + k;
      };
    }

    String routerId(Router r) {
      return "10.255." + (fleet.sites.indexOf(r.site) + 1) + "." + (r.index + 1);
    }

    String net(Router r) {
      return String.format(Locale.ROOT, "49.%04d.0102.55%02d.%04d.00", n.between(1, 60), fleet.sites.indexOf(r.site) + 1, r.index + 1);
    }

    String address() {
      return "10." + n.between(1, 250) + "." + n.between(0, 255) + "." + n.between(1, 254);
    }

    String newSessionId(Router r) {
      while (true) {
        String id = switch (r.platform) {
          case "junos" -> "ssh-" + n.between(10000, 99999);
          case "iosxr" -> "vty" + n.between(0, 9) + "-" + n.between(100, 999);
          default -> n.pick(List.of("vty", "vty", "tty")) + n.between(0, 9) + "-" + n.between(1000, 9999);
        };
        if (sessionIds.add(r.name + "|" + id)) return id;
      }
    }

    Session session(Router r, String user, ZonedDateTime start) {
      Session s = new Session(r, newSessionId(r), user, start, random);
      sessions.add(s);
      return s;
    }

    /** An engineer; partner crews work on any router, not only the one that fails. */
    String user() {
      return random.nextInt(6) == 0 ? "vendor-crew" + n.between(10, 99) : n.pick(USERS);
    }

    // ---- the whole incident --------------------------------------------------------------------

    DrillAnswer write(Path dir) throws IOException {
      ZonedDateTime start = n.time(zone);
      String engineer = user();
      main = session(culprit, engineer, start);
      if (look == null || look == LookAlike.LEAK_WITHOUT_SURGE) {
        writeVariant(main);
      } else {
        writeLookAlike(main);
      }

      Rise rise = rise();
      writeSymptoms(rise);
      ZonedDateTime anchor = effective;
      if (difficulty == Difficulty.HARD) redHerrings(anchor);
      benignSessions(anchor);
      if (look == null && rise.clearedAt() != null) fixSession(rise.clearedAt());
      tickets(main);
      writeMetrics(rise);

      CsvTable config = logResults ? CsvTable.timed("device", "session", "user", "command", "result")
          : CsvTable.timed("device", "session", "user", "command");
      for (Session s : sessions) {
        for (Cmd c : s.lines) {
          c.row = logResults ? config.add(c.time, s.device.name, s.id, s.user, c.text, c.result)
              : config.add(c.time, s.device.name, s.id, s.user, c.text);
        }
      }
      config.write(dir.resolve("config-commands.csv"));
      events.write(dir.resolve("events.csv"));
      metrics.write(dir.resolve("metrics.csv"));
      if (!changes.isEmpty()) changes.write(dir.resolve("changes.csv"));
      writeInventory(dir);
      writeLinks(dir);
      if (nearMiss) return DrillAnswer.none();
      return new DrillAnswer(PATTERN, culprit.name, "config-commands.csv", config.lineOf(cause.row), culprit.site);
    }

    // ---- the operator's session ----------------------------------------------------------------

    void writeVariant(Session s) {
      switch (variant) {
        case VRF_MISSING -> iosVrfMissing(s);
        case AS_MISMATCH -> iosAsMismatch(s);
        case XR_TYPO_COMMIT -> xrTypoCommit(s);
        case JUNOS_RELATIVE_EDIT -> junosRelativeEdit(s);
        case TWO_LEVELS -> iosTwoLevels(s);
        case TYPO_MODE_LINE -> iosTypoModeLine(s);
        default -> throw new IllegalStateException(variant.name());
      }
    }

    String leakSource() {
      return n.pick(List.of("static", "connected"));
    }

    /** Interface turn-up lines typed before the routing work, as in a router replacement. */
    void iosInterfaces(Session s, int count) {
      for (int k = 0; k < count && k < s.device.neighbours.size(); k++) {
        Router peer = fleet.router(s.device.neighbours.get(k));
        s.ok("interface " + ifName(s.device, k));
        s.ok(" description link to " + peer.name);
        s.ok(" ip address " + address() + " 255.255.255.252");
        s.ok(igp.equals("isis") ? " ip router isis " + isisTag : " ip ospf " + ospfPid + " area 0");
        if (random.nextBoolean()) s.ok(igp.equals("isis") ? " isis network point-to-point" : " ip ospf network point-to-point");
        s.ok(" no shutdown");
        s.ok("exit");
      }
    }

    /** The IGP block, left without its closing {@code exit}. */
    void iosIgpBlock(Session s) {
      if (igp.equals("isis")) {
        s.ok("router isis " + isisTag);
        s.ok(" net " + net(s.device));
        if (random.nextBoolean()) s.ok(" is-type level-2-only");
        if (random.nextBoolean()) s.ok(" metric-style wide");
        s.ok(" passive-interface Loopback0");
        if (random.nextBoolean()) s.ok(" log-adjacency-changes");
      } else {
        s.ok("router ospf " + ospfPid);
        s.ok(" router-id " + routerId(s.device));
        s.ok(" network 10." + n.between(0, 200) + ".0.0 0.0.255.255 area 0");
        if (random.nextBoolean()) s.ok(" passive-interface Loopback0");
        if (random.nextBoolean()) s.ok(" log-adjacency-changes");
      }
    }

    void iosStart(Session s) {
      s.ok("configure terminal");
      if (random.nextInt(3) > 0) {
        if (random.nextBoolean()) s.ok("hostname " + s.device.name);
        iosInterfaces(s, n.between(1, 2));
      }
    }

    void iosEnd(Session s) {
      s.ok("end");
      if (random.nextBoolean()) s.ok("write memory");
    }

    /** KT-like: the PE-CE OSPF header is rejected (its VRF does not exist yet), the next line lands in the IGP. */
    void iosVrfMissing(Session s) {
      iosStart(s);
      iosIgpBlock(s);
      s.pause(n.between(5, 90));
      s.rejected("router ospf " + vrfPid + " vrf " + vrf, "% VRF " + vrf + " not configured");
      cause = s.ok(" redistribute bgp " + asn);
      effective = cause.time;
      String network = " network 10." + n.between(0, 250) + "." + n.between(0, 7) * 32 + ".0 0.0.31.255 area 0";
      if (igp.equals("isis")) s.rejected(network, IOS_INVALID);
      if (difficulty != Difficulty.EASY && random.nextBoolean()) {
        // The engineer notices the VRF is missing, creates it and types the OSPF block again, correctly.
        s.pause(n.between(10, 60));
        iosVrfDefinition(s);
        s.ok("router ospf " + vrfPid + " vrf " + vrf);
        s.ok(" redistribute bgp " + asn);
        s.ok(network);
        s.ok("exit");
      }
      iosEnd(s);
    }

    void iosVrfDefinition(Session s) {
      String rt = asn + ":" + n.between(100, 999);
      s.ok("vrf definition " + vrf);
      s.ok(" rd " + asn + ":" + n.between(1000, 9999));
      s.ok(" address-family ipv4");
      s.ok("  route-target export " + rt);
      s.ok("  route-target import " + rt);
      s.ok(" exit-address-family");
      s.ok("exit");
    }

    /** The BGP header is rejected (wrong AS); the BGP lines fail, the redistribution lands in the IGP. */
    void iosAsMismatch(Session s) {
      iosStart(s);
      iosIgpBlock(s);
      s.pause(n.between(5, 60));
      int wrong = asn + n.pick(List.of(1, 10, -1, 100));
      String peer = address();
      s.rejected("router bgp " + wrong, "% BGP is already running; AS is " + asn);
      s.rejected(" neighbor " + peer + " remote-as " + n.pick(List.of(wrong, asn)), IOS_INVALID);
      if (random.nextBoolean()) s.rejected(" neighbor " + peer + " description transit " + n.word(), IOS_INVALID);
      cause = s.ok(" redistribute " + leakSource());
      effective = cause.time;
      if (random.nextBoolean()) s.rejected(" neighbor " + peer + " update-source Loopback0", IOS_INVALID);
      iosEnd(s);
    }

    /** Stale context two levels deep: inside the IGP's address family. */
    void iosTwoLevels(Session s) {
      iosStart(s);
      s.ok("router isis " + isisTag);
      s.ok(" net " + net(s.device));
      s.ok(" address-family ipv4 unicast");
      s.ok("  " + n.pick(List.of("maximum-paths " + n.pick(List.of(4, 8, 16)), "metric-style wide", "distance 115")));
      s.pause(n.between(5, 60));
      if (random.nextBoolean()) {
        s.rejected("  address-family ipv4 vrf " + vrf, IOS_INVALID);
        cause = s.ok("  redistribute " + leakSource());
        s.rejected("  neighbor " + address() + " activate", IOS_INVALID);
      } else {
        s.rejected("router ospf " + vrfPid + " vrf " + vrf, "% VRF " + vrf + " not configured");
        cause = s.ok(" redistribute bgp " + asn);
        s.rejected(" network 10." + n.between(0, 250) + ".0.0 0.0.0.255 area 0", IOS_INVALID);
      }
      effective = cause.time;
      iosEnd(s);
    }

    /** A mistyped BGP header is rejected; the BGP lines fail and the redistribution lands in the IGP. */
    void iosTypoModeLine(Session s) {
      iosStart(s);
      iosIgpBlock(s);
      s.pause(n.between(5, 60));
      String typo = n.pick(List.of("router bgp" + asn, "route bgp " + asn, "router bpg " + asn, "routr bgp " + asn));
      String peer = address();
      s.rejected(typo, IOS_INVALID);
      if (random.nextBoolean()) s.rejected(" bgp log-neighbor-changes", IOS_INVALID);
      s.rejected(" neighbor " + peer + " remote-as " + asn, IOS_INVALID);
      cause = s.ok(" redistribute " + leakSource());
      effective = cause.time;
      if (random.nextBoolean()) s.rejected(" neighbor " + peer + " update-source Loopback0", IOS_INVALID);
      iosEnd(s);
    }

    /** IOS-XR: a typo'd BGP header inside the IGP; the line takes effect at the commit, minutes later. */
    void xrTypoCommit(Session s) {
      s.ok("configure");
      String typo = n.pick(List.of("route bgp " + asn, "router bpg " + asn, "routr bgp " + asn));
      if (igp.equals("isis")) {
        s.ok("router isis " + isisTag);
        if (random.nextBoolean()) s.ok(" is-type level-2-only");
        s.ok(" net " + net(s.device));
        s.ok(" address-family ipv4 unicast");
        s.ok("  metric-style wide");
        s.pause(n.between(5, 60));
        s.rejected("  " + typo, IOS_INVALID);
        s.rejected("  bgp router-id " + routerId(s.device), IOS_INVALID);
        cause = s.ok("  redistribute " + leakSource());
        if (random.nextBoolean()) s.rejected("  allocate-label all", IOS_INVALID);
      } else {
        s.ok("router ospf " + ospfPid);
        s.ok(" router-id " + routerId(s.device));
        s.ok(" area 0");
        s.ok("  interface " + ifName(s.device, 0));
        s.ok("   network point-to-point");
        if (random.nextBoolean()) s.ok("   cost " + n.pick(List.of(10, 20, 100)));
        s.pause(n.between(5, 60));
        s.rejected("  " + typo, IOS_INVALID);
        s.rejected("  bgp router-id " + routerId(s.device), IOS_INVALID);
        cause = s.ok("  redistribute " + leakSource());
      }
      s.ok("root");
      if (random.nextBoolean()) s.ok("show commit changes diff");
      // Medium: committed at once; hard: the commit comes long after the line was typed.
      s.pause(difficulty == Difficulty.HARD ? n.between(240, 1100) : n.between(5, 150));
      effective = s.ok("commit").time;
      s.ok("end");
    }

    /** Junos: a relative {@code edit protocols bgp …} fails at [edit protocols IGP]; {@code set export} lands in the IGP. */
    void junosRelativeEdit(Session s) {
      String policy = junosPolicy(s.clock);
      s.ok("configure");
      String group = n.pick(List.of("IBGP", "RR-CLIENTS", "TRANSIT", "PEERS")) + (random.nextBoolean() ? "" : "-" + n.between(1, 4));
      if (igp.equals("isis")) {
        s.ok("edit protocols isis");
        s.ok("set level 2 wide-metrics-only");
        s.ok("set interface " + ifName(s.device, 0) + ".0 point-to-point");
        if (random.nextBoolean()) s.ok("set interface lo0.0 passive");
      } else {
        s.ok("edit protocols ospf");
        s.ok("set area 0.0.0.0 interface " + ifName(s.device, 0) + ".0 interface-type p2p");
        if (random.nextBoolean()) s.ok("set reference-bandwidth 100g");
      }
      s.pause(n.between(5, 60));
      s.rejected("edit protocols bgp group " + group, "syntax error.");
      s.rejected(n.pick(List.of("set type internal", "set peer-as " + asn)), "syntax error.");
      if (random.nextBoolean()) s.rejected("set local-address " + routerId(s.device), "syntax error.");
      cause = s.ok("set export " + policy);
      s.rejected("set neighbor " + address(), "syntax error.");
      if (random.nextBoolean()) s.ok("show | compare");
      s.pause(difficulty == Difficulty.HARD ? n.between(5, 400) : n.between(5, 60));
      effective = s.ok("commit").time;
      s.ok("exit");
    }

    /** An export policy defined in an earlier session of the same router; returns its name. */
    String junosPolicy(ZonedDateTime before) {
      String name = n.pick(List.of("NHS", "EXPORT-" + n.word().toUpperCase(Locale.ROOT), "ADV-" + n.word().toUpperCase(Locale.ROOT)));
      Session p = session(culprit, user(), before.minusMinutes(n.between(90, 900)));
      p.ok("configure");
      String base = "set policy-options policy-statement " + name + " term 1 ";
      switch (random.nextInt(3)) {
        case 0 -> p.ok(base + "then next-hop self");
        case 1 -> {
          p.ok(base + "from protocol bgp");
          p.ok(base + "then accept");
        }
        default -> {
          p.ok(base + "from protocol static");
          p.ok(base + "then accept");
        }
      }
      p.ok("commit");
      p.ok("exit");
      return name;
    }

    // ---- look-alikes ------------------------------------------------------------------------------

    void writeLookAlike(Session s) {
      switch (look) {
        case CORRECT_SESSION -> {
          if (s.device.platform.equals("junos")) junosCorrectSession(s);
          else iosCorrectSession(s);
        }
        case EXIT_BEFORE_ROUTER_BGP -> effective = iosExitBeforeRouterBgp(s).time;
        case BOUNDED_IN_WINDOW -> iosBoundedRedistribution(s);
        default -> throw new IllegalStateException(look.name());
      }
    }

    void iosCorrectSession(Session s) {
      iosStart(s);
      iosIgpBlock(s);
      s.ok("exit");
      if (random.nextBoolean()) iosVrfDefinition(s);
      s.ok("router ospf " + vrfPid + " vrf " + vrf);
      effective = s.ok(" redistribute bgp " + asn).time;
      s.ok(" network 10." + n.between(0, 250) + ".0.0 0.0.0.255 area 0");
      s.ok("exit");
      iosEnd(s);
    }

    void junosCorrectSession(Session s) {
      String policy = junosPolicy(s.clock);
      s.ok("configure");
      s.ok("edit protocols " + igp);
      s.ok(igp.equals("isis") ? "set interface " + ifName(s.device, 0) + ".0 point-to-point"
          : "set area 0.0.0.0 interface " + ifName(s.device, 0) + ".0 interface-type p2p");
      s.ok("top");
      s.ok("edit routing-instances " + vrf + " protocols ospf");
      s.ok("set export " + policy);
      s.ok("set area 0.0.0.0 interface ge-0/0/2." + n.between(100, 999));
      s.ok("top");
      effective = s.ok("commit").time;
      s.ok("exit");
    }

    /** IOS leaves the IGP context by itself at {@code router bgp}: no exit needed, nothing leaks. */
    Cmd iosExitBeforeRouterBgp(Session s) {
      iosStart(s);
      iosIgpBlock(s);
      s.ok("router bgp " + asn);
      String peer = address();
      s.ok(" neighbor " + peer + " remote-as " + asn);
      s.ok(" neighbor " + peer + " update-source Loopback0");
      Cmd redistribution = s.ok(" redistribute " + leakSource());
      iosEnd(s);
      return redistribution;
    }

    /** A deliberate, filtered and capped redistribution, typed in the context the engineer opened. */
    void iosBoundedRedistribution(Session s) {
      s.ok("configure terminal");
      String pl = "PL-" + n.word().toUpperCase(Locale.ROOT);
      String rm = "RM-" + n.word().toUpperCase(Locale.ROOT);
      s.ok("ip prefix-list " + pl + " seq 5 permit 10." + n.between(1, 200) + ".0.0/16 le 24");
      s.ok("route-map " + rm + " permit 10");
      s.ok(" match ip address prefix-list " + pl);
      s.ok("exit");
      s.ok(igp.equals("isis") ? "router isis " + isisTag : "router ospf " + ospfPid);
      effective = s.ok(" redistribute bgp " + asn + " route-map " + rm).time;
      s.ok(" redistribute maximum-prefix " + n.pick(List.of(2000, 5000, 8000)) + " 80");
      s.ok("exit");
      iosEnd(s);
    }

    // ---- symptoms ---------------------------------------------------------------------------------

    Rise rise() {
      int size = fleet.routers.size();
      double perHop = n.between(1500, 3000);
      boolean big = look == null || look == LookAlike.CORRECT_SESSION || look == LookAlike.EXIT_BEFORE_ROUTER_BGP;
      int origin = culprit.index;
      ZonedDateTime at = effective;
      if (look == LookAlike.CORRECT_SESSION || look == LookAlike.EXIT_BEFORE_ROUTER_BGP) {
        // The surge comes from elsewhere, a few minutes after the session.
        List<Router> others = fleet.routers.stream().filter(r -> r != culprit).toList();
        origin = n.pick(others).index;
        at = main.end().plusSeconds(n.between(60, 480));
      }
      double[] arrival = fleet.arrivalMs(origin, perHop, random);
      double volume;
      if (big) {
        volume = n.between(12, 90) * 10_000.0 + n.between(0, 9999);
        // Keep every router clearly on one side of its capacity so the outcome is not a coin toss.
        for (int attempt = 0; attempt < 20 && nearCapacity(volume); attempt++) volume *= 1.15;
      } else if (look == LookAlike.BOUNDED_IN_WINDOW) {
        volume = Math.round(fleet.routers.stream().mapToDouble(r -> r.baseline).min().orElse(2000) * (0.1 + 0.4 * random.nextDouble()));
      } else {
        volume = n.between(3, 120);
      }
      boolean[] overloaded = new boolean[size];
      for (Router r : fleet.routers) overloaded[r.index] = big && r.baseline + volume > capacity(r);
      ZonedDateTime cleared = null;
      if (big && random.nextInt(10) < 7) cleared = at.plusMinutes(n.between(8, 25));
      return new Rise(origin, at, volume, arrival, overloaded, cleared);
    }

    boolean nearCapacity(double volume) {
      for (Router r : fleet.routers) {
        double c = capacity(r);
        if (Math.abs(r.baseline + volume - c) < 0.08 * c) return true;
      }
      return false;
    }

    boolean big(Rise rise) {
      return rise.volume() >= 100_000;
    }

    ZonedDateTime arrival(Rise rise, Router r) {
      return rise.at().plusNanos((long) (rise.arrivalMs()[r.index] * 1_000_000));
    }

    void writeSymptoms(Rise rise) {
      if (big(rise)) {
        ZonedDateTime firstAlarm = null;
        List<Router> down = fleet.routers.stream().filter(r -> rise.overloaded()[r.index]).toList();
        int skip = difficulty == Difficulty.EASY || down.size() < 4 ? 0 : n.between(0, 2);
        List<Router> logged = new ArrayList<>(down);
        for (int i = 0; i < skip; i++) logged.remove(random.nextInt(logged.size()));
        for (Router r : logged) {
          ZonedDateTime t = arrival(rise, r).plusSeconds(30 + n.between(0, 9));
          Router peer = fleet.router(n.pick(r.neighbours));
          events.add(t, "syslog", "adjacency.down", r.name, adjacencyDown(r, peer, "hold time expired"), "error");
          if (firstAlarm == null || t.isBefore(firstAlarm)) firstAlarm = t;
          if (rise.clearedAt() != null) {
            ZonedDateTime up = rise.clearedAt().plusNanos((long) (rise.arrivalMs()[r.index] * 1_000_000)).plusSeconds(n.between(45, 150));
            events.add(up, "syslog", "adjacency.up", r.name, adjacencyUp(r, peer), "info");
          }
        }
        for (Router r : down) {
          if (random.nextInt(3) > 0) continue;
          ZonedDateTime t = arrival(rise, r).plusSeconds(n.between(3, 9));
          String msg = r.platform.equals("junos") ? "RPD_SCHED_SLIP: " + n.between(4, 19) + " sec scheduler slip"
              : "%SYS-3-CPUHOG: Task is running for (" + n.between(2100, 9000) + ")msecs, more than (2000)msecs, process = "
                  + (igp.equals("isis") ? "IS-IS Update" : "OSPF Router");
          events.add(t, "syslog", "cpu.hog", r.name, msg, "warning");
        }
        ZonedDateTime declared = (firstAlarm == null ? rise.at().plusSeconds(40) : firstAlarm).plusSeconds(n.between(120, 420));
        events.add(declared, "noc", "incident.declared", "", n.pick(List.of(
            "customers report internet and voice outage in " + n.pick(fleet.sites) + " and beyond",
            "widespread packet loss on the " + service + "; DDoS suspected",
            "major incident opened: " + service + " unreachable from several PoPs")), "critical");
        if (rise.clearedAt() != null) {
          events.add(rise.clearedAt().plusSeconds(n.between(180, 420)), "noc", "service.up", service,
              "traffic back to normal levels", "info");
        }
      } else {
        // Something still made people look: one link flaps a few minutes later, for its own reasons.
        Router r = n.pick(fleet.routers.stream().filter(x -> x != culprit).toList());
        Router peer = fleet.router(n.pick(r.neighbours));
        ZonedDateTime t = rise.at().plusSeconds(n.between(150, 1200));
        events.add(t, "syslog", "adjacency.down", r.name, adjacencyDown(r, peer, "interface flap"), "error");
        events.add(t.plusSeconds(n.between(20, 90)), "syslog", "adjacency.up", r.name, adjacencyUp(r, peer), "info");
      }
    }

    String adjacencyDown(Router r, Router peer, String reason) {
      int k = Math.max(0, r.neighbours.indexOf(peer.index));
      String itf = ifName(r, k);
      boolean isis = igp.equals("isis");
      return switch (r.platform) {
        case "iosxr" -> isis ? "%ROUTING-ISIS-4-ADJCHANGE : Adjacency to " + peer.name + " (" + itf + ") (L2) Down, " + reason
            : "%ROUTING-OSPF-5-ADJCHG : Process " + ospfPid + ", Nbr " + routerId(peer) + " on " + itf + " in area 0 from FULL to DOWN, Neighbor Down: " + reason;
        case "junos" -> isis ? "RPD_ISIS_ADJDOWN: IS-IS lost L2 adjacency to " + peer.name + " on " + itf + ".0, reason: " + reason
            : "RPD_OSPF_NBRDOWN: OSPF neighbor " + routerId(peer) + " (realm ospf-v2 " + itf + ".0 area 0.0.0.0) state changed from Full to Init due to " + reason;
        case "" -> igp + " adjacency to " + peer.name + " down: " + reason;
        default -> isis ? "%CLNS-5-ADJCHANGE: ISIS: Adjacency to " + peer.name + " (" + itf + ") Down, " + reason
            : "%OSPF-5-ADJCHG: Process " + ospfPid + ", Nbr " + routerId(peer) + " on " + itf + " from FULL to DOWN, Neighbor Down: " + reason;
      };
    }

    String adjacencyUp(Router r, Router peer) {
      int k = Math.max(0, r.neighbours.indexOf(peer.index));
      String itf = ifName(r, k);
      boolean isis = igp.equals("isis");
      return switch (r.platform) {
        case "iosxr" -> isis ? "%ROUTING-ISIS-5-ADJCHANGE : Adjacency to " + peer.name + " (" + itf + ") (L2) Up, New adjacency"
            : "%ROUTING-OSPF-5-ADJCHG : Process " + ospfPid + ", Nbr " + routerId(peer) + " on " + itf + " in area 0 from LOADING to FULL, Loading Done";
        case "junos" -> isis ? "RPD_ISIS_ADJUP: IS-IS new L2 adjacency to " + peer.name + " on " + itf + ".0"
            : "RPD_OSPF_NBRUP: OSPF neighbor " + routerId(peer) + " (realm ospf-v2 " + itf + ".0 area 0.0.0.0) state changed from Loading to Full";
        case "" -> igp + " adjacency to " + peer.name + " up";
        default -> isis ? "%CLNS-5-ADJCHANGE: ISIS: Adjacency to " + peer.name + " (" + itf + ") Up, new adjacency"
            : "%OSPF-5-ADJCHG: Process " + ospfPid + ", Nbr " + routerId(peer) + " on " + itf + " from LOADING to FULL, Loading Done";
      };
    }

    /** igp.routes and cpu.util of every router, polled at its own phase, from well before to after the rise. */
    void writeMetrics(Rise rise) {
      ZonedDateTime from = rise.at().minusMinutes(n.between(14, 22)).truncatedTo(ChronoUnit.MINUTES);
      ZonedDateTime to = rise.clearedAt() != null ? rise.clearedAt().plusMinutes(n.between(3, 8))
          : rise.at().plusMinutes(n.between(12, 20));
      int routeStep = n.pick(List.of(15, 15, 20, 30));
      int cpuStep = n.pick(List.of(30, 60));
      long span = ChronoUnit.SECONDS.between(from, to);
      boolean big = big(rise);
      for (Router r : fleet.routers) {
        ZonedDateTime arrive = arrival(rise, r);
        ZonedDateTime gone = rise.clearedAt() == null ? null : rise.clearedAt().plusNanos((long) (rise.arrivalMs()[r.index] * 1_000_000));
        int phase = random.nextInt(routeStep);
        for (long s = phase; s <= span; s += routeStep) {
          ZonedDateTime t = from.plusSeconds(s);
          boolean in = !t.isBefore(arrive) && (gone == null || t.isBefore(gone));
          double v = r.baseline * (1 + (random.nextDouble() - 0.5) * 0.008) + (in ? rise.volume() * (0.985 + 0.015 * random.nextDouble()) : 0);
          metrics.add(t, r.name, "igp.routes", String.valueOf(Math.round(v)));
        }
        phase = random.nextInt(cpuStep);
        for (long s = phase; s <= span; s += cpuStep) {
          ZonedDateTime t = from.plusSeconds(s);
          boolean in = big && !t.isBefore(arrive) && (gone == null || t.isBefore(gone.plusSeconds(90)));
          double v;
          if (in && rise.overloaded()[r.index]) v = 93 + random.nextDouble() * 7;
          else if (in) v = r.cpu + 15 + random.nextDouble() * 20;
          else v = r.cpu + (random.nextDouble() - 0.5) * 8;
          metrics.add(t, r.name, "cpu.util", String.format(Locale.ROOT, "%.1f", Math.max(1, Math.min(100, v))));
        }
      }
    }

    // ---- noise of the pattern's own domain ------------------------------------------------------

    /** An earlier, unrelated adjacency flap, and a harmless IOS session missing exit before router bgp. */
    void redHerrings(ZonedDateTime anchor) {
      List<Router> others = fleet.routers.stream().filter(r -> r != culprit).toList();
      Router flap = n.pick(others);
      Router peer = fleet.router(n.pick(flap.neighbours));
      ZonedDateTime t = anchor.minusSeconds(n.between(240, 720));
      events.add(t, "syslog", "adjacency.down", flap.name, adjacencyDown(flap, peer, n.pick(List.of("interface flap", "BFD session down"))), "warning");
      events.add(t.plusSeconds(n.between(15, 60)), "syslog", "adjacency.up", flap.name, adjacencyUp(flap, peer), "info");
      if (look == LookAlike.EXIT_BEFORE_ROUTER_BGP) return;
      List<Router> ios = others.stream().filter(this::isIosLike).toList();
      if (ios.isEmpty()) return;
      Router r = n.pick(ios);
      iosExitBeforeRouterBgp(session(r, user(), anchor.minusSeconds(n.between(480, 1500))));
    }

    /** Ordinary, correct sessions on other routers before and during the incident. */
    void benignSessions(ZonedDateTime anchor) {
      int count = switch (difficulty) {
        case EASY -> n.between(2, 3);
        case MEDIUM -> n.between(3, 6);
        case HARD -> n.between(5, 9);
      };
      List<Router> others = fleet.routers.stream().filter(r -> r != culprit).toList();
      for (int i = 0; i < count; i++) {
        Router r = n.pick(others);
        Session s = session(r, user(), anchor.minusSeconds(n.between(-1500, 9000)));
        switch (r.platform) {
          case "junos" -> junosBenign(s);
          case "iosxr" -> xrBenign(s);
          default -> iosBenign(s);
        }
      }
    }

    void iosBenign(Session s) {
      Router r = s.device;
      s.ok("configure terminal");
      int k = n.between(0, Math.max(0, r.neighbours.size() - 1));
      // Everyday slips that change nothing, corrected at once: hard drills have a few.
      boolean slip = difficulty == Difficulty.HARD && random.nextInt(4) == 0;
      switch (random.nextInt(6)) {
        case 0 -> {
          if (slip) s.rejected("interface " + ifName(r, n.between(24, 47)), IOS_INVALID);
          s.ok("interface " + ifName(r, k));
          String text = "link to " + fleet.router(r.neighbours.get(k)).name;
          if (slip) s.rejected(" descripton " + text, IOS_INVALID);
          s.ok(" description " + text);
          s.ok("exit");
        }
        case 1 -> {
          s.ok("ntp server " + address());
          if (random.nextBoolean()) s.ok("logging host " + address());
        }
        case 2 -> {
          s.ok("interface " + ifName(r, k));
          s.ok(igp.equals("isis") ? " isis metric " + n.pick(List.of(10, 20, 50)) + " level-2" : " ip ospf cost " + n.pick(List.of(10, 20, 50)));
          s.ok("exit");
        }
        case 3 -> {
          s.ok("router bgp " + asn);
          s.ok(" neighbor " + address() + " description " + n.word() + "-" + n.city());
          s.ok("exit");
        }
        case 4 -> s.ok("snmp-server location " + r.site + " hall " + n.between(1, 4));
        default -> {
          // The same PE-CE change done correctly on another router.
          iosVrfDefinition(s);
          s.ok("router ospf " + vrfPid + " vrf " + vrf);
          s.ok(" redistribute bgp " + asn);
          s.ok("exit");
        }
      }
      iosEnd(s);
    }

    void xrBenign(Session s) {
      Router r = s.device;
      s.ok("configure");
      int k = n.between(0, Math.max(0, r.neighbours.size() - 1));
      switch (random.nextInt(4)) {
        case 0 -> {
          s.ok("interface " + ifName(r, k));
          s.ok(" description link to " + fleet.router(r.neighbours.get(k)).name);
        }
        case 1 -> {
          if (igp.equals("isis")) {
            s.ok("router isis " + isisTag);
            s.ok(" interface " + ifName(r, k));
            s.ok("  address-family ipv4 unicast");
            s.ok("   metric " + n.pick(List.of(10, 20, 50)));
          } else {
            s.ok("router ospf " + ospfPid);
            s.ok(" area 0");
            s.ok("  interface " + ifName(r, k));
            s.ok("   cost " + n.pick(List.of(10, 20, 50)));
          }
          s.ok("root");
        }
        case 2 -> s.ok("ntp server " + address());
        default -> {
          s.ok("router bgp " + asn);
          s.ok(" neighbor " + address());
          s.ok("  description " + n.word() + "-" + n.city());
          s.ok("root");
        }
      }
      s.ok("commit");
      s.ok("end");
    }

    void junosBenign(Session s) {
      Router r = s.device;
      s.ok("configure");
      int k = n.between(0, Math.max(0, r.neighbours.size() - 1));
      switch (random.nextInt(4)) {
        case 0 -> s.ok("set interfaces " + ifName(r, k) + " description link-to-" + fleet.router(r.neighbours.get(k)).name);
        case 1 -> {
          s.ok("edit protocols " + igp);
          s.ok(igp.equals("isis") ? "set interface " + ifName(r, k) + ".0 level 2 metric " + n.pick(List.of(10, 20, 50))
              : "set area 0.0.0.0 interface " + ifName(r, k) + ".0 metric " + n.pick(List.of(10, 20, 50)));
          s.ok("top");
        }
        case 2 -> s.ok("set system ntp server " + address());
        default -> {
          s.ok("edit protocols bgp group " + n.pick(List.of("IBGP", "RR-CLIENTS", "PEERS")));
          s.ok("set neighbor " + address() + " description " + n.word() + "-" + n.city());
          s.ok("top");
        }
      }
      s.ok("commit");
      s.ok("exit");
    }

    /** The NOC removes the stray line and the routes drain. */
    void fixSession(ZonedDateTime at) {
      Session s = session(culprit, difficulty == Difficulty.HARD ? user() : "noc-" + n.pick(USERS), at.minusSeconds(n.between(20, 60)));
      String leak = cause.text.trim();
      if (difficulty == Difficulty.HARD && random.nextBoolean()) {
        // Back to the last saved configuration: the device is named, the line is not.
        switch (culprit.platform) {
          case "junos" -> {
            s.ok("configure");
            s.ok("rollback 1");
            s.ok("commit");
            s.ok("exit");
          }
          case "iosxr" -> s.ok("rollback configuration last 1");
          default -> s.ok("configure replace flash:" + n.pick(List.of("golden", "backup", "pre-change")) + ".cfg force");
        }
      } else {
        fixByHand(s, leak);
      }
      // Everything typed before the planned time, so the routes drain when the line goes.
      List<Cmd> lines = s.lines;
      ZonedDateTime last = lines.get(lines.size() - 1).time;
      if (last.isAfter(at)) {
        long shift = ChronoUnit.SECONDS.between(at, last) + 1;
        List<Cmd> moved = lines.stream().map(c -> new Cmd(c.time.minusSeconds(shift), c.text, c.result)).toList();
        lines.clear();
        lines.addAll(moved);
      }
    }

    /** The NOC types the negation of the stray line in the context where it landed. */
    void fixByHand(Session s, String leak) {
      switch (culprit.platform) {
        case "junos" -> {
          s.ok("configure");
          s.ok("delete protocols " + igp + " " + leak.substring("set ".length()));
          s.ok("commit");
          s.ok("exit");
        }
        case "iosxr" -> {
          s.ok("configure");
          if (igp.equals("isis")) {
            s.ok("router isis " + isisTag);
            s.ok(" address-family ipv4 unicast");
            s.ok("  no " + leak);
          } else {
            s.ok("router ospf " + ospfPid);
            s.ok(" no " + leak);
          }
          s.ok("root");
          s.ok("commit");
          s.ok("end");
        }
        default -> {
          s.ok("configure terminal");
          s.ok(igp.equals("isis") ? "router isis " + isisTag : "router ospf " + ospfPid);
          if (variant == Variant.TWO_LEVELS) s.ok(" address-family ipv4 unicast");
          s.ok(" no " + leak);
          s.ok("end");
          if (random.nextBoolean()) s.ok("write memory");
        }
      }
    }

    // ---- change tickets -----------------------------------------------------------------------------

    void tickets(Session main) {
      DateTimeFormatter f = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
      String approver = n.pick(List.of("cab", "network-ops-manager", "change-board", "noc-lead"));
      boolean forMain = look == LookAlike.BOUNDED_IN_WINDOW || random.nextInt(5) > 0;
      ZonedDateTime s = main.lines.get(0).time;
      if (forMain) {
        boolean inside = look == LookAlike.BOUNDED_IN_WINDOW || look == LookAlike.CORRECT_SESSION || random.nextBoolean();
        ZonedDateTime ws;
        ZonedDateTime we;
        if (inside) {
          ws = s.minusMinutes(n.between(10, 120)).truncatedTo(ChronoUnit.HOURS);
          we = ws.plusHours(n.between(3, 5));
        } else {
          ws = s.truncatedTo(ChronoUnit.DAYS).plusHours(n.between(0, 2));
          we = ws.plusHours(n.between(3, 5));
          if (!s.isBefore(ws.minusMinutes(30)) && !s.isAfter(we.plusMinutes(30))) {
            ws = ws.plusDays(1);
            we = we.plusDays(1);
          }
        }
        changes.add(ticketId(), culprit.name + ": " + purpose(), culprit.name, ws.format(f), we.format(f), approver);
      }
      // Tickets of other routine work.
      for (int i = 0; i < n.between(0, 2); i++) {
        Router r = n.pick(fleet.routers.stream().filter(x -> x != culprit).toList());
        ZonedDateTime ws = s.truncatedTo(ChronoUnit.DAYS).plusHours(n.between(0, 3));
        changes.add(ticketId(), r.name + ": " + n.pick(List.of("interface description cleanup", "NTP server migration",
            "IGP metric tuning", "iBGP peer description update")), r.name, ws.format(f), ws.plusHours(4).format(f), approver);
      }
    }

    String ticketId() {
      return ticketPrefix + n.between(10000, 99999);
    }

    String purpose() {
      if (look == LookAlike.BOUNDED_IN_WINDOW) return "redistribute selected customer BGP prefixes into " + igp + " (filtered; capped)";
      return n.pick(List.of("router replacement and IGP turn-up", "add customer VRF " + vrf + " and PE-CE OSPF",
          "add BGP peers", "chassis swap and routing migration", "turn up new uplinks"));
    }

    // ---- structure files -------------------------------------------------------------------------

    void writeInventory(Path dir) throws IOException {
      boolean capacities = fleet.routers.stream().anyMatch(r -> !Double.isNaN(r.capacity));
      CsvTable inv = capacities ? CsvTable.untimed("entity", "type", "site", "service", "role", "platform", "location", "route_capacity")
          : CsvTable.untimed("entity", "type", "site", "service", "role", "platform", "location");
      for (Router r : fleet.routers) {
        String location = r.site.substring(0, 1).toUpperCase(Locale.ROOT) + r.site.substring(1) + " exchange";
        String role = r.core ? "core" : "edge";
        if (capacities) {
          inv.add(r.name, "router", r.site, service, role, r.platform, location, String.format(Locale.ROOT, "%.0f", r.capacity));
        } else {
          inv.add(r.name, "router", r.site, service, role, r.platform, location);
        }
      }
      inv.write(dir.resolve("inventory.csv"));
    }

    void writeLinks(Path dir) throws IOException {
      CsvTable links = CsvTable.untimed("a", "b", "protocol", "latency_ms");
      for (RouterFleet.Link l : fleet.links) {
        links.add(fleet.router(l.a()).name, fleet.router(l.b()).name, igp, RouterFleet.latencyCell(l));
      }
      // External BGP sessions of the border routers: not part of the IGP.
      List<Router> cores = fleet.cores();
      for (int i = 0; i < n.between(1, 2); i++) {
        links.add(n.pick(cores).name, "transit-" + n.word() + "-" + n.between(1, 9), "bgp", "");
      }
      links.write(dir.resolve("links.csv"));
    }
  }
}
