package org.hindsight.patterns.singlesitedependency;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.hindsight.drill.Csv;
import org.hindsight.drill.Difficulty;
import org.hindsight.drill.DrillAnswer;
import org.hindsight.drill.IncidentGenerator;
import org.hindsight.drill.Names;

/**
 * Multi-site estates that lose a site (fire or power cut) and a component every replica of which
 * lived there. Services run in two or more sites; hard and soft dependencies tie user-facing
 * services to mid-tier and data components. One component on the hard path is single-sited in the
 * lost site, so its hard dependents go down with the site although they had replicas elsewhere
 * (Kakao 2022). Everything else fails over or only degrades.
 *
 * <ul>
 *   <li>easy: the single-site component is one hop below user-facing services; the fire names the site;
 *   <li>medium: one or two hops down, bigger estate, the site event may name a hall or building;
 *   <li>hard: a variant (two or three hops down; a control plane, named by inventory entity or by
 *       service; replicas spread over halls of one power domain, the fire in another hall) and a red
 *       herring (another tenant's multi-site service that only degrades; a single-site component
 *       that only soft dependencies need, which does go down);
 *   <li>near miss: the same kind of estate and site loss, but everything fails over, or nothing
 *       single-sited there is on a hard path (services fall for capacity, or a soft-only
 *       component falls).
 * </ul>
 */
@AutoService(org.hindsight.drill.IncidentGenerator.class)
public final class SingleSiteDependencyGenerator implements IncidentGenerator {
  static final String PATTERN = "single-site-dependency";

  @Override
  public String pattern() {
    return PATTERN;
  }

  @Override
  public String version() {
    return "2";
  }

  @Override
  public DrillAnswer generate(Path dir, RandomGenerator random, Difficulty difficulty, boolean nearMiss) throws IOException {
    return new Estate(random, difficulty, nearMiss).build().write(dir);
  }

  // ---------------------------------------------------------------------------------------------
  // Name pools: "suffix:abbreviation" (the abbreviation names hosts).

  private static final List<String> FRONT = List.of("web:web", "mobile-api:mapi", "chat:chat", "mail:mail", "maps:map",
      "pay:pay", "video:vid", "booking:book", "feed:feed", "shop:shop", "music:mus", "news:news", "drive:drv",
      "calendar:cal", "tickets:tix");
  private static final List<String> MID = List.of("auth:auth", "orders:ord", "profile:prof", "media:med", "notify:ntf",
      "billing:bill", "catalog:cat", "gateway:gw", "messaging:msg", "ledger:ldg", "search-api:srch", "checkout:chk",
      "uploads:upl", "presence:pres");
  private static final List<String> CORE = List.of("token-svc:tok", "user-store:ust", "acl:acl", "sso:sso",
      "entitlements:ent", "rating:rate", "routing:rte", "quota:quo");
  private static final List<String> DEEP = List.of("kms:kms", "token-cache:tc", "vault:vlt", "meta-db:mdb",
      "config-store:cfg", "blob-meta:blm", "id-service:ids", "lock-manager:lck", "sess-store:sst", "user-db:udb",
      "geo-db:geo", "flag-store:flg", "queue:que", "dns-auth:dns", "cert-store:crt");
  private static final List<String> SOFT_ONLY = List.of("recs:rec", "thumbnails:thm", "analytics:ana",
      "ad-select:ads", "trending:trd", "spellcheck:spl", "previews:prv");
  private static final List<String> CONTROL_SERVICE = List.of("failover:fo", "orchestrator:orc", "ha-manager:ham",
      "switchover:swo", "dr-control:drc");
  private static final List<String> CONTROL_DECOY = List.of("deploy:dep", "config-push:cfp", "scheduler:sch",
      "fleet-agent:fla");
  private static final List<String> CONTROL_ENTITY = List.of("orch", "fosw", "hactl", "drmgr", "swctl");
  private static final List<String> INTERNAL = List.of("admin-console:adm", "build-farm:bld", "log-search:lgs",
      "ticketing:tkt", "metrics-store:mts", "artifact-repo:art");

  private static final List<String> LETTERS = List.of("A", "B", "C", "D", "E");

  // ---------------------------------------------------------------------------------------------
  // The estate model.

  private record Site(String id, String city, String code, List<String> locations) {}

  private record Host(String entity, String type, String site, String service, String role, String location) {}

  private record Dep(String service, String dependsOn, boolean hard) {}

  private record Event(ZonedDateTime time, String source, String type, String entity, String message, String severity) {}

  /** A service or component; {@code hosts} are its inventory rows. */
  private static final class Component {
    final String name;
    final String abbr;
    final int layer; // 0 user-facing, 1 mid, 2 core, 3 data / deep
    final List<Host> hosts = new ArrayList<>();
    int minHosts = 1;
    int restartMinutes;
    boolean critical;
    boolean listed = true; // in services.csv

    Component(String name, String abbr, int layer) {
      this.name = name;
      this.abbr = abbr;
      this.layer = layer;
    }

    long liveOutside(String site) {
      return hosts.stream().filter(h -> !h.role().equals("backup") && !h.site().equals(site)).count();
    }
  }

  /** What goes wrong in this drill. */
  private enum Scenario { POSITIVE, FAILS_OVER, CAPACITY_ONLY, SOFT_ONLY }

  private enum Variant { ONE_HOP, TWO_HOPS, THREE_HOPS, CONTROL_ENTITY, CONTROL_SERVICE, HALLS }

  private static final class Estate {
    final RandomGenerator random;
    final Names n;
    final Difficulty difficulty;
    final Scenario scenario;
    final Variant variant;
    final ZoneId zone;
    final List<Site> sites = new ArrayList<>();
    Site lost;
    final Map<String, Component> components = new LinkedHashMap<>();
    final List<Dep> deps = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    final Set<String> usedSuffixes = new LinkedHashSet<>();
    final Set<String> usedEntities = new LinkedHashSet<>();
    String brand;
    String tenant; // another customer in the same building (hard red herring)
    String culprit; // the single-site component on the hard path (positive drills)
    String softOnly; // single-site, needed only softly (red herring / near miss)
    String degrader; // another tenant's multi-site service that only degrades
    String capacityVictim; // near miss: multi-site service that falls for capacity
    boolean facilityRows; // the inventory lists halls/buildings as entities, hosts name them as parent
    boolean facilityUtc; // the facility system logs in UTC while monitoring logs local time
    String facility;
    final List<List<Component>> layers = new ArrayList<>();

    Estate(RandomGenerator random, Difficulty difficulty, boolean nearMiss) {
      this.random = random;
      this.n = new Names(random);
      this.difficulty = difficulty;
      this.zone = n.zone();
      if (nearMiss) {
        scenario = List.of(Scenario.FAILS_OVER, Scenario.CAPACITY_ONLY, Scenario.SOFT_ONLY).get(random.nextInt(3));
      } else {
        scenario = Scenario.POSITIVE;
      }
      variant = switch (difficulty) {
        case EASY -> Variant.ONE_HOP;
        case MEDIUM -> random.nextBoolean() ? Variant.ONE_HOP : Variant.TWO_HOPS;
        case HARD -> List.of(Variant.TWO_HOPS, Variant.THREE_HOPS, Variant.CONTROL_ENTITY, Variant.CONTROL_SERVICE,
            Variant.HALLS).get(random.nextInt(5));
      };
    }

    boolean hard() {
      return difficulty == Difficulty.HARD;
    }

    // -------------------------------------------------------------------------------------------
    Estate build() {
      facilityRows = difficulty != Difficulty.EASY && random.nextInt(3) == 0;
      facilityUtc = hard() && random.nextInt(3) == 0;
      makeSites();
      brand = n.word();
      do tenant = n.word(); while (tenant.equals(brand));
      makeServices();
      makeEvents();
      return this;
    }

    private void makeSites() {
      int count = switch (difficulty) {
        case EASY -> n.between(2, 3);
        case MEDIUM -> n.between(3, 4);
        case HARD -> n.between(3, 5);
      };
      int idStyle = random.nextInt(4);
      int locStyle = random.nextInt(5);
      Set<String> cities = new LinkedHashSet<>();
      while (cities.size() < count) cities.add(n.city());
      int lostIndex = random.nextInt(count);
      int i = 0;
      for (String city : cities) {
        String code = city.substring(0, 3);
        int num = n.between(1, 4);
        String id = switch (idStyle) {
          case 0 -> city;
          case 1 -> city + "-" + num;
          case 2 -> city + "-dc" + num;
          default -> code + num;
        };
        int halls = i == lostIndex
            ? (variant == Variant.HALLS ? n.between(3, 4) : n.between(1, 3))
            : n.between(1, 2);
        List<String> locations = new ArrayList<>();
        int firstHall = n.between(1, 3);
        for (int h = 0; h < halls; h++) locations.add(location(locStyle, city, code, firstHall + h, h));
        Site s = new Site(id, city, code, locations);
        sites.add(s);
        if (i == lostIndex) lost = s;
        i++;
      }
    }

    private static String location(int style, String city, String code, int number, int index) {
      String City = city.substring(0, 1).toUpperCase(Locale.ROOT) + city.substring(1);
      return switch (style) {
        case 0 -> City + " DC" + number;
        case 1 -> code.toUpperCase(Locale.ROOT) + number;
        case 2 -> City + " Hall " + LETTERS.get(index);
        case 3 -> City + " Building " + LETTERS.get(index);
        default -> City + " IDC " + (number + 1) + "F";
      };
    }

    private List<Site> others() {
      return sites.stream().filter(s -> s != lost).toList();
    }

    private String[] draw(List<String> pool) {
      List<String> free = pool.stream().filter(p -> !usedSuffixes.contains(p)).toList();
      String pick = n.pick(free);
      usedSuffixes.add(pick);
      return pick.split(":");
    }

    private Component component(String prefix, List<String> pool, int layer) {
      String[] p = draw(pool);
      Component c = new Component(prefix + "-" + p[0], p[1], layer);
      c.restartMinutes = layer == 3 ? n.between(20, 120) : n.between(5, 45);
      c.critical = layer <= 1 ? random.nextInt(4) > 0 : random.nextBoolean();
      components.put(c.name, c);
      return c;
    }

    private String entity(Site site, String abbr) {
      for (int k = 1; ; k++) {
        String e = site.code() + "-" + abbr + "-" + String.format(Locale.ROOT, "%02d", k);
        if (usedEntities.add(e)) return e;
      }
    }

    private String type(int layer) {
      return layer == 3 ? n.pick(List.of("server", "server", "vm")) : n.pick(List.of("server", "vm", "host"));
    }

    /**
     * Places a component in several sites. {@code inLost} forces hosts in the lost site; the hosts
     * outside it always meet {@code min_hosts}, so the site loss alone never takes it down.
     */
    private void placeMultiSite(Component c, boolean inLost, int maxPerSite) {
      List<Site> others = new ArrayList<>(others());
      int outsideSites = Math.min(others.size(), n.between(1, 2));
      List<Site> chosen = new ArrayList<>();
      if (inLost) chosen.add(lost);
      while (chosen.size() < outsideSites + (inLost ? 1 : 0)) {
        Site s = n.pick(others);
        others.remove(s);
        chosen.add(s);
      }
      boolean activeActive = random.nextBoolean();
      boolean first = true;
      for (Site s : chosen) {
        int count = n.between(1, maxPerSite);
        for (int k = 0; k < count; k++) {
          String role = activeActive || first ? "primary" : n.pick(List.of("standby", "replica"));
          c.hosts.add(new Host(entity(s, c.abbr), type(c.layer), s.id(), c.name, role, n.pick(s.locations())));
        }
        first = false;
      }
      c.minHosts = Math.max(1, (int) Math.min(c.liveOutside(lost.id()), n.between(1, 3)));
    }

    /** Every live replica in the lost site, spread over {@code halls} of its halls when it has several. */
    private void placeSingleSite(Component c, int count, boolean spreadOverHalls) {
      List<String> halls = new ArrayList<>(lost.locations());
      for (int k = 0; k < count; k++) {
        String hall = spreadOverHalls && !halls.isEmpty() ? halls.remove(random.nextInt(halls.size())) : n.pick(lost.locations());
        String role = k == 0 ? "primary" : n.pick(List.of("replica", "standby", "primary"));
        c.hosts.add(new Host(entity(lost, c.abbr), type(c.layer), lost.id(), c.name, role, hall));
      }
      c.minHosts = 1;
    }

    private void makeServices() {
      int front = switch (difficulty) { case EASY -> n.between(2, 3); case MEDIUM -> n.between(3, 4); case HARD -> n.between(3, 5); };
      int mid = switch (difficulty) { case EASY -> n.between(1, 2); case MEDIUM -> n.between(2, 3); case HARD -> n.between(2, 4); };
      int core = variant == Variant.THREE_HOPS ? n.between(1, 2) : (hard() && random.nextBoolean() ? 1 : 0);
      int deep = switch (difficulty) { case EASY -> n.between(1, 2); case MEDIUM -> n.between(2, 3); case HARD -> n.between(2, 4); };
      for (int l = 0; l < 4; l++) layers.add(new ArrayList<>());
      for (int k = 0; k < front; k++) layers.get(0).add(component(brand, FRONT, 0));
      for (int k = 0; k < mid; k++) layers.get(1).add(component(brand, MID, 1));
      for (int k = 0; k < core; k++) layers.get(2).add(component(brand, CORE, 2));
      for (int k = 0; k < deep; k++) layers.get(3).add(component(brand, DEEP, 3));
      for (List<Component> layer : layers) for (Component c : layer) placeMultiSite(c, random.nextInt(4) > 0, c.layer == 0 ? 3 : 2);

      // Hard wiring, layer by layer: every service needs something one layer (or two) below.
      for (int l = 0; l < 3; l++) {
        for (Component c : layers.get(l)) {
          List<Component> below = nextNonEmpty(l);
          if (below.isEmpty()) continue;
          int k = Math.min(below.size(), n.between(1, 2));
          for (Component d : pickDistinct(below, k)) deps.add(new Dep(c.name, d.name, true));
        }
      }
      // A few soft links (features that degrade gracefully).
      for (Component c : layers.get(0)) {
        if (random.nextInt(3) == 0) {
          List<Component> below = layers.get(1);
          Component d = n.pick(below);
          if (!hasDep(c.name, d.name)) deps.add(new Dep(c.name, d.name, false));
        }
      }

      if (hard() && random.nextInt(3) == 0) hardCycle();
      if (scenario == Scenario.POSITIVE) placeCulprit();
      if (scenario == Scenario.CAPACITY_ONLY) capacityVictim();
      if (scenario == Scenario.FAILS_OVER || scenario == Scenario.CAPACITY_ONLY) replicatedLookAlike();
      boolean herringSoft = scenario == Scenario.SOFT_ONLY || (hard() && scenario == Scenario.POSITIVE && random.nextInt(3) > 0)
          || (scenario != Scenario.POSITIVE && random.nextInt(3) == 0);
      boolean herringTenant = hard() && (!herringSoft || random.nextBoolean()) || (difficulty == Difficulty.MEDIUM && random.nextInt(4) == 0);
      if (herringSoft) softOnlyComponent();
      if (herringTenant || scenario == Scenario.FAILS_OVER) otherTenant();
      if (difficulty != Difficulty.EASY || random.nextBoolean()) controlDecoy();
      internalTools();
    }

    /** Two mid-tier services that need each other (a hard cycle, as real dependency graphs have). */
    private void hardCycle() {
      List<Component> mids = new ArrayList<>(layers.get(1));
      mids.addAll(layers.get(2));
      if (mids.size() < 2) return;
      List<Component> pair = pickDistinct(mids, 2);
      for (int k = 0; k < 2; k++) {
        Component a = pair.get(k);
        Component b = pair.get(1 - k);
        if (!hasDep(a.name, b.name)) deps.add(new Dep(a.name, b.name, true));
      }
    }

    private List<Component> nextNonEmpty(int layer) {
      for (int l = layer + 1; l < 4; l++) if (!layers.get(l).isEmpty()) return layers.get(l);
      return List.of();
    }

    private boolean hasDep(String service, String dependsOn) {
      return deps.stream().anyMatch(d -> d.service().equals(service) && d.dependsOn().equals(dependsOn));
    }

    private boolean hasHardDep(String service, String dependsOn) {
      return deps.stream().anyMatch(d -> d.hard() && d.service().equals(service) && d.dependsOn().equals(dependsOn));
    }

    private <T> List<T> pickDistinct(List<T> from, int k) {
      List<T> pool = new ArrayList<>(from);
      List<T> out = new ArrayList<>();
      while (out.size() < k && !pool.isEmpty()) out.add(pool.remove(random.nextInt(pool.size())));
      return out;
    }

    /** The single-site component and the services that hard-depend on it. */
    private void placeCulprit() {
      int count = n.between(1, 3);
      switch (variant) {
        case CONTROL_ENTITY -> {
          // A failover/orchestration controller named directly by its inventory entity.
          String name = lost.code() + "-" + n.pick(CONTROL_ENTITY) + "-" + String.format(Locale.ROOT, "%02d", n.between(1, 3));
          usedEntities.add(name);
          Component c = new Component(name, "", 3);
          c.listed = false;
          c.hosts.add(new Host(name, "component", lost.id(), "", "control", n.pick(lost.locations())));
          components.put(name, c);
          culprit = name;
          if (random.nextBoolean()) { // its cold spare in the same building, which nothing names
            String spare = name.substring(0, name.length() - 2) + String.format(Locale.ROOT, "%02d", Integer.parseInt(name.substring(name.length() - 2)) + 1);
            if (usedEntities.add(spare)) components.get(name).hosts.add(new Host(spare, "component", lost.id(), "", "standby", n.pick(lost.locations())));
          }
          wireControlPlane(c);
        }
        case CONTROL_SERVICE -> {
          Component c = component(brand, CONTROL_SERVICE, 3);
          for (int k = 0; k < Math.max(2, count); k++) {
            c.hosts.add(new Host(entity(lost, c.abbr), "component", lost.id(), c.name, "control", n.pick(lost.locations())));
          }
          c.listed = random.nextBoolean();
          culprit = c.name;
          wireControlPlane(c);
        }
        default -> {
          Component c = component(brand, DEEP, 3);
          placeSingleSite(c, variant == Variant.HALLS ? n.between(2, Math.min(3, lost.locations().size())) : count,
              variant == Variant.HALLS);
          culprit = c.name;
          c.listed = difficulty == Difficulty.EASY || random.nextInt(3) > 0;
          int dependentsLayer = switch (variant) {
            case ONE_HOP, HALLS -> variant == Variant.HALLS ? n.between(0, 1) : 0;
            case TWO_HOPS -> 1;
            default -> layers.get(2).isEmpty() ? 1 : 2;
          };
          List<Component> users = layers.get(dependentsLayer);
          int k = Math.min(users.size(), n.between(1, dependentsLayer == 0 ? 2 : Math.min(2, users.size())));
          List<Component> chosen = pickDistinct(users, k);
          for (Component u : chosen) deps.add(new Dep(u.name, c.name, true));
          // Two or more hops: make sure a user-facing service reaches it through the chain.
          ensureReachedFromAbove(chosen);
          if (variant == Variant.HALLS && random.nextBoolean()) {
            // Its backup sits in another hall of the same campus (one power domain).
            List<String> halls = new ArrayList<>(lost.locations());
            c.hosts.add(new Host(entity(lost, "bkp"), "storage", lost.id(), c.name, "backup", n.pick(halls)));
          } else if (random.nextBoolean()) {
            Site s = n.pick(others());
            c.hosts.add(new Host(entity(s, "bkp"), "storage", s.id(), c.name, "backup", n.pick(s.locations())));
          }
        }
      }
    }

    /** Services at several layers need the control plane: it is what makes failover work. */
    private void wireControlPlane(Component ctl) {
      List<Component> candidates = new ArrayList<>();
      candidates.addAll(layers.get(0));
      candidates.addAll(layers.get(1));
      candidates.addAll(layers.get(2));
      int k = Math.min(candidates.size(), n.between(2, 4));
      for (Component u : pickDistinct(candidates, k)) deps.add(new Dep(u.name, ctl.name, true));
      // Not everyone needs it for failover: a soft link elsewhere looks the same at a glance.
      for (Component u : candidates) {
        if (!hasDep(u.name, ctl.name) && random.nextInt(4) == 0) deps.add(new Dep(u.name, ctl.name, false));
      }
    }

    private void ensureReachedFromAbove(List<Component> chosen) {
      for (Component c : chosen) {
        Component cur = c;
        while (cur.layer > 0) {
          final String name = cur.name;
          Component above = null;
          for (int l = cur.layer - 1; l >= 0 && above == null; l--) {
            List<Component> up = layers.get(l).stream().filter(u -> hasHardDep(u.name, name)).toList();
            if (!up.isEmpty()) above = up.get(0);
          }
          if (above == null) {
            above = n.pick(layers.get(cur.layer - 1 >= 0 && !layers.get(cur.layer - 1).isEmpty() ? cur.layer - 1 : 0));
            deps.add(new Dep(above.name, cur.name, true));
          }
          cur = above;
        }
      }
    }

    /** Near miss: a multi-site service with too little capacity outside the site; its dependents fall with it. */
    private void capacityVictim() {
      List<Component> candidates = new ArrayList<>(layers.get(1));
      candidates.addAll(layers.get(3));
      Component c = n.pick(candidates);
      c.hosts.removeIf(h -> h.site().equals(lost.id()));
      int inLost = n.between(2, 4);
      for (int k = 0; k < inLost; k++) {
        c.hosts.add(new Host(entity(lost, c.abbr), type(c.layer), lost.id(), c.name, "primary", n.pick(lost.locations())));
      }
      c.minHosts = (int) c.liveOutside(lost.id()) + n.between(1, inLost);
      c.listed = true;
      capacityVictim = c.name;
    }

    /** A data component that looks single-sited at a glance (primaries in the lost site) but has a replica elsewhere. */
    private void replicatedLookAlike() {
      Component c = component(brand, DEEP, 3);
      for (int k = 0; k < n.between(1, 3); k++) {
        c.hosts.add(new Host(entity(lost, c.abbr), type(3), lost.id(), c.name, "primary", n.pick(lost.locations())));
      }
      Site s = n.pick(others());
      c.hosts.add(new Host(entity(s, c.abbr), type(3), s.id(), c.name, n.pick(List.of("standby", "replica")), n.pick(s.locations())));
      c.minHosts = 1;
      List<Component> users = new ArrayList<>(layers.get(0));
      users.addAll(layers.get(1));
      for (Component u : pickDistinct(users, Math.min(users.size(), n.between(1, 2)))) deps.add(new Dep(u.name, c.name, true));
    }

    /** A component every replica of which is in the lost site, needed only by soft dependencies. */
    private void softOnlyComponent() {
      Component c = component(brand, SOFT_ONLY, 3);
      placeSingleSite(c, n.between(1, 3), false);
      c.listed = random.nextBoolean();
      softOnly = c.name;
      List<Component> users = new ArrayList<>(layers.get(0));
      users.addAll(layers.get(1));
      for (Component u : pickDistinct(users, Math.min(users.size(), n.between(1, 2)))) deps.add(new Dep(u.name, c.name, false));
    }

    /** Another tenant in the same building, really multi-site: it loses capacity and only degrades. */
    private void otherTenant() {
      Component web = component(tenant, FRONT, 0);
      Component data = component(tenant, DEEP, 3);
      for (Component c : List.of(web, data)) {
        c.hosts.clear();
        int inLost = n.between(2, 4);
        for (int k = 0; k < inLost; k++) {
          c.hosts.add(new Host(entity(lost, c.abbr), type(c.layer), lost.id(), c.name, "primary", n.pick(lost.locations())));
        }
        Site s = n.pick(others());
        int outside = n.between(1, 2);
        for (int k = 0; k < outside; k++) {
          c.hosts.add(new Host(entity(s, c.abbr), type(c.layer), s.id(), c.name, n.pick(List.of("primary", "standby")), n.pick(s.locations())));
        }
        c.minHosts = n.between(1, outside);
      }
      deps.add(new Dep(web.name, data.name, true));
      degrader = web.name;
    }

    /** A control plane that is replicated across sites, so a role of "control" is no giveaway. */
    private void controlDecoy() {
      Component c = component(brand, CONTROL_DECOY, 3);
      List<Site> chosen = new ArrayList<>(List.of(lost, n.pick(others())));
      for (Site s : chosen) {
        for (int k = 0; k < n.between(1, 2); k++) {
          c.hosts.add(new Host(entity(s, c.abbr), "component", s.id(), c.name, "control", n.pick(s.locations())));
        }
      }
      c.minHosts = 1;
      c.listed = random.nextBoolean();
      List<Component> users = new ArrayList<>(layers.get(0));
      users.addAll(layers.get(1));
      for (Component u : pickDistinct(users, Math.min(users.size(), n.between(1, 3)))) {
        deps.add(new Dep(u.name, c.name, random.nextBoolean()));
      }
    }

    /** Internal tools in other sites, some single-sited there: harmless, since that site stays up. */
    private void internalTools() {
      int count = switch (difficulty) { case EASY -> n.between(0, 1); case MEDIUM -> n.between(1, 2); case HARD -> n.between(1, 3); };
      List<Component> made = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        Component c = component(brand, INTERNAL, 3);
        Site s = n.pick(others());
        for (int h = 0; h < n.between(1, 2); h++) {
          c.hosts.add(new Host(entity(s, c.abbr), n.pick(List.of("vm", "server")), s.id(), c.name, "primary", n.pick(s.locations())));
        }
        c.critical = false;
        if (!made.isEmpty()) deps.add(new Dep(c.name, n.pick(made).name, true));
        made.add(c);
      }
    }

    // -------------------------------------------------------------------------------------------
    // Events.

    /** Services that go down: the hard-dependency closure above the failed component, with hop counts. */
    private Map<String, Integer> downWithHops(String root) {
      Map<String, Integer> hops = new LinkedHashMap<>();
      Deque<String> queue = new ArrayDeque<>();
      hops.put(root, 0);
      queue.add(root);
      while (!queue.isEmpty()) {
        String cur = queue.poll();
        for (Dep d : deps) {
          if (d.hard() && d.dependsOn().equals(cur) && !hops.containsKey(d.service())) {
            hops.put(d.service(), hops.get(cur) + 1);
            queue.add(d.service());
          }
        }
      }
      return hops;
    }

    private String siteReference(boolean forTrigger) {
      boolean useLocation = switch (difficulty) {
        case EASY -> false;
        case MEDIUM -> random.nextInt(3) == 0;
        case HARD -> variant == Variant.HALLS || random.nextBoolean();
      };
      if (!forTrigger) useLocation = useLocation && random.nextBoolean();
      if (!useLocation) return lost.id();
      String hall = n.pick(knownHalls());
      return facilityRows && random.nextBoolean() ? facilityEntity(hall) : hall;
    }

    /**
     * Halls or buildings of the lost site a site event can name: those the inventory shows (a hall
     * no row sits in could not be told apart from a typo).
     */
    private List<String> knownHalls() {
      if (facilityRows) return lost.locations();
      List<String> out = new ArrayList<>();
      for (Component c : components.values()) {
        for (Host h : c.hosts) if (h.site().equals(lost.id()) && !out.contains(h.location())) out.add(h.location());
      }
      out.sort(Comparator.naturalOrder());
      return out;
    }

    /** The inventory entity of a hall or building: "Accra DC2" becomes "accra-dc2" (never a site id). */
    private String facilityEntity(String location) {
      String slug = location.toLowerCase(Locale.ROOT).replace(' ', '-');
      return sites.stream().anyMatch(x -> x.id().equals(slug)) ? slug + "-bldg" : slug;
    }

    private void ev(ZonedDateTime t, String source, String type, String entity, String message, String severity) {
      events.add(new Event(t, source, type, entity, message, severity));
    }

    private void makeEvents() {
      ZonedDateTime t0 = n.time(zone);
      String monitor = n.pick(List.of("apm", "synthetics", "prometheus", "nagios", "datadog"));
      facility = n.pick(List.of("bms", "dcim", "facilities", "noc"));
      backgroundBefore(t0, monitor);

      boolean fire = random.nextInt(4) > 0;
      String ref = siteReference(true);
      if (fire && random.nextBoolean()) {
        ev(t0.minusMinutes(n.between(3, 20)).minusSeconds(n.between(0, 59)), facility,
            n.pick(List.of("alarm.temperature", "alarm.smoke", "ups.alarm")), n.pick(knownHalls()),
            n.pick(List.of("battery room temperature high", "smoke detector pre-alarm", "UPS string fault")), "warning");
      }
      ZonedDateTime lossAt = t0;
      if (fire) {
        ev(t0, facility, "site.fire", ref, n.pick(List.of("smoke detected in battery room", "fire in UPS room; suppression released",
            "lithium battery fire reported by site security", "fire alarm in electrical room; hall evacuated")), "critical");
        if (random.nextInt(5) > 0) {
          lossAt = t0.plusMinutes(n.between(3, 35)).plusSeconds(n.between(0, 59));
          ev(lossAt, facility, "site.power_loss", siteReference(false), n.pick(List.of("building power cut for firefighting",
              "power isolated at main switchgear", "fire brigade cut supply to the campus", "UPS exhausted; racks dark")), "critical");
        }
      } else {
        ev(t0, facility, "site.power_loss", ref, n.pick(List.of("utility feed lost; generators failed to start",
            "main switchgear tripped; UPS exhausted", "grid outage; transfer switch failed")), "critical");
      }

      Map<String, java.time.ZonedDateTime> down = new LinkedHashMap<>();
      Map<String, Integer> hopsOf = new LinkedHashMap<>();
      if (culprit != null) hopsOf.putAll(downWithHops(culprit));
      if (capacityVictim != null) hopsOf.putAll(downWithHops(capacityVictim));
      if (softOnly != null) hopsOf.putIfAbsent(softOnly, 0);
      for (var e : hopsOf.entrySet()) {
        Component c = components.get(e.getKey());
        boolean monitored = c.listed || c.layer < 3 || c.name.equals(softOnly);
        if (!monitored) continue;
        int hops = e.getValue();
        ZonedDateTime t = lossAt.plusSeconds(20 + hops * n.between(50, 180) + n.between(0, 60));
        down.put(c.name, t);
        ev(t, monitor, "service.down", c.name, n.pick(List.of("health checks failing", "5xx 100%", "no healthy backends",
            "requests timing out", "error rate above 90 %", "", "")), hops == 0 ? "critical" : n.pick(List.of("critical", "error")));
      }
      ZonedDateTime declared = lossAt.plusMinutes(n.between(6, 20));
      if (!down.isEmpty()) ev(declared, "pager", "incident.declared", "", "major incident: " + down.size() + " services unavailable", "critical");

      // Soft dependents of the soft-only component degrade.
      if (softOnly != null) {
        for (Dep d : deps) {
          if (d.dependsOn().equals(softOnly) && !d.hard() && !down.containsKey(d.service())) {
            ev(lossAt.plusMinutes(n.between(1, 6)).plusSeconds(n.between(0, 59)), monitor, "service.degraded", d.service(),
                n.pick(List.of("feature unavailable; serving without it", "partial responses", "fallback content served")), "warning");
          }
        }
      }
      // Multi-site services with hosts in the lost site shift their traffic.
      List<Site> others = others();
      for (Component c : components.values()) {
        if (hopsOf.containsKey(c.name) || c.name.equals(degrader)) continue;
        boolean hadHostsThere = c.hosts.stream().anyMatch(h -> h.site().equals(lost.id()) && !h.role().equals("backup"));
        if (!hadHostsThere || c.liveOutside(lost.id()) == 0) continue;
        int roll = random.nextInt(5);
        String elsewhere = c.hosts.stream().filter(h -> !h.site().equals(lost.id())).findFirst().map(Host::site).orElse(n.pick(others).id());
        if (roll == 0) {
          ev(lossAt.plusMinutes(n.between(1, 8)).plusSeconds(n.between(0, 59)), "failover", "traffic.shift", c.name,
              "traffic moved to " + elsewhere, "info");
        } else if (roll == 1 && difficulty != Difficulty.EASY) {
          ZonedDateTime t = lossAt.plusMinutes(n.between(1, 6)).plusSeconds(n.between(0, 59));
          ev(t, monitor, "service.degraded", c.name, "latency up; capacity reduced", "warning");
          ev(t.plusMinutes(n.between(8, 40)), monitor, "service.up", c.name, "recovered in " + elsewhere, "info");
        }
      }
      if (degrader != null) {
        ZonedDateTime t = lossAt.plusMinutes(n.between(1, 5)).plusSeconds(n.between(0, 59));
        Site s = sites.stream().filter(x -> components.get(degrader).hosts.stream().anyMatch(h -> h.site().equals(x.id()) && x != lost))
            .findFirst().orElse(others.get(0));
        ev(t, monitor, "service.degraded", degrader, n.pick(List.of("latency up; capacity halved", "p99 above SLO", "error rate 4 %")), "warning");
        ev(t.plusMinutes(n.between(4, 20)), "failover", "traffic.shift", degrader, "all traffic to " + s.id(), "info");
        ev(t.plusMinutes(n.between(25, 90)), monitor, "service.up", degrader, "", "info");
      }

      // Recovery: the site comes back, then cold restarts along the chain.
      if (!down.isEmpty() || random.nextBoolean()) {
        if (random.nextInt(7) > 0) {
          ZonedDateTime restored = lossAt.plusMinutes(n.between(110, 840));
          ev(restored, facility, "site.restored", random.nextBoolean() ? lost.id() : n.pick(knownHalls()),
              n.pick(List.of("power restored", "utility power back; racks powering on", "")), "info");
          Map<String, ZonedDateTime> up = new LinkedHashMap<>();
          hopsOf.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
            Component c = components.get(e.getKey());
            ZonedDateTime base = restored.plusMinutes(c.restartMinutes);
            for (Dep d : deps) {
              if (d.service().equals(c.name) && d.hard() && up.containsKey(d.dependsOn())) {
                ZonedDateTime after = up.get(d.dependsOn()).plusMinutes(n.between(1, 5));
                if (after.isAfter(base)) base = after;
              }
            }
            base = base.plusMinutes(n.between(0, 25)).plusSeconds(n.between(0, 59));
            up.put(c.name, base);
            if (down.containsKey(c.name)) ev(base, monitor, "service.up", c.name, "", "info");
          });
        }
      }
      backgroundAround(t0, lossAt, monitor);
      events.sort(Comparator.comparing(Event::time));
    }

    /** Routine operations before the incident: deploys, flapping checks, disk warnings. */
    private void backgroundBefore(ZonedDateTime t0, String monitor) {
      int count = switch (difficulty) { case EASY -> n.between(3, 6); case MEDIUM -> n.between(6, 12); case HARD -> n.between(10, 20); };
      List<Component> all = new ArrayList<>(components.values());
      for (int k = 0; k < count; k++) {
        ZonedDateTime t = t0.minusMinutes(n.between(15, 240)).minusSeconds(n.between(0, 59));
        Component c = n.pick(all);
        if (c.hosts.isEmpty()) continue;
        Host h = n.pick(c.hosts);
        switch (random.nextInt(5)) {
          case 0 -> ev(t, "deploy", "deploy.finished", c.name, "release " + n.between(100, 999) + " rolled out", "info");
          case 1 -> ev(t, monitor, "healthcheck.flap", h.entity(), "check recovered after 1 retry", "warning");
          case 2 -> ev(t, monitor, "disk.usage", h.entity(), "disk " + n.between(80, 92) + "% full", "warning");
          case 3 -> ev(t, monitor, "replication.lag", c.name, "replica lag " + n.between(2, 40) + " s", "warning");
          default -> ev(t, "cron", "job.finished", h.entity(), n.pick(List.of("nightly compaction", "log shipping", "snapshot")), "info");
        }
      }
    }

    /** Unrelated alerts in the other sites during the incident. */
    private void backgroundAround(ZonedDateTime t0, ZonedDateTime lossAt, String monitor) {
      int count = switch (difficulty) { case EASY -> n.between(1, 3); case MEDIUM -> n.between(3, 6); case HARD -> n.between(5, 10); };
      List<Host> outside = components.values().stream().flatMap(c -> c.hosts.stream()).filter(h -> !h.site().equals(lost.id())).toList();
      if (outside.isEmpty()) return;
      for (int k = 0; k < count; k++) {
        ZonedDateTime t = lossAt.plusMinutes(n.between(-30, 180)).plusSeconds(n.between(0, 59));
        Host h = n.pick(outside);
        switch (random.nextInt(4)) {
          case 0 -> ev(t, monitor, "cpu.high", h.entity(), "cpu " + n.between(75, 88) + "% after traffic moved", "warning");
          case 1 -> ev(t, monitor, "healthcheck.flap", h.entity(), "check recovered after 2 retries", "warning");
          case 2 -> ev(t, monitor, "connections.high", h.entity(), "connection pool " + n.between(70, 90) + "% used", "warning");
          default -> ev(t, "ops", "ticket.updated", h.entity(), "capacity review", "info");
        }
      }
    }

    // -------------------------------------------------------------------------------------------
    // Files.

    DrillAnswer write(Path dir) throws IOException {
      List<Host> inventory = new ArrayList<>();
      for (Component c : components.values()) inventory.addAll(c.hosts);
      if (facilityRows) {
        for (Site s : sites) {
          for (String hall : s.locations()) {
            inventory.add(new Host(facilityEntity(hall), n.pick(List.of("datacenter", "building", "hall")), s.id(), "", "", hall));
          }
        }
      }
      inventory.sort(Comparator.comparing(Host::entity));
      Csv inv = facilityRows ? new Csv("entity", "type", "site", "service", "role", "location", "parent")
          : new Csv("entity", "type", "site", "service", "role", "location");
      int causeLine = 0;
      for (Host h : inventory) {
        boolean building = h.role().isEmpty();
        int line = facilityRows
            ? inv.row(h.entity(), h.type(), h.site(), h.service(), h.role(), h.location(), building ? "" : facilityEntity(h.location()))
            : inv.row(h.entity(), h.type(), h.site(), h.service(), h.role(), h.location());
        boolean live = !h.role().equals("backup");
        if (culprit != null && causeLine == 0 && live && (h.service().equals(culprit) || h.service().isEmpty() && h.entity().equals(culprit))) {
          causeLine = line;
        }
      }
      inv.write(dir.resolve("inventory.csv"));

      Csv svc = new Csv("service", "min_hosts", "critical", "restart_minutes");
      List<Component> listed = components.values().stream().filter(c -> c.listed && !c.hosts.isEmpty() && !c.hosts.get(0).service().isEmpty())
          .sorted(Comparator.comparing(c -> c.name)).toList();
      for (Component c : listed) svc.row(c.name, String.valueOf(c.minHosts), String.valueOf(c.critical), String.valueOf(c.restartMinutes));
      svc.write(dir.resolve("services.csv"));

      Csv dep = new Csv("service", "depends_on", "kind");
      List<Dep> sorted = new ArrayList<>(deps);
      sorted.sort(Comparator.comparing(Dep::service).thenComparing(Dep::dependsOn));
      for (Dep d : sorted) dep.row(d.service(), d.dependsOn(), d.hard() ? "hard" : "soft");
      dep.write(dir.resolve("dependencies.csv"));

      Csv evs = new Csv("timestamp", "source", "type", "entity", "message", "severity");
      for (Event e : events) {
        ZonedDateTime t = facilityUtc && e.source().equals(facility) ? e.time().withZoneSameInstant(ZoneId.of("UTC")) : e.time();
        evs.row(Csv.time(t), e.source(), e.type(), e.entity(), e.message(), e.severity());
      }
      evs.write(dir.resolve("events.csv"));

      if (scenario != Scenario.POSITIVE) return DrillAnswer.none();
      if (causeLine == 0) throw new IllegalStateException("no inventory row for " + culprit);
      return new DrillAnswer(PATTERN, culprit, "inventory.csv", causeLine, lost.id());
    }
  }
}
