package org.hindsight.patterns.typoscopedshutdown;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * Drills for {@code typo-scoped-shutdown}: a capacity-removal command reaches beyond its change
 * ticket (or the earlier runs of the same playbook step) and takes a service below its
 * {@code min_hosts}; that service and its hard dependents fail and cold-restart.
 *
 * <p>Easy: a count slip ({@code --count 40} for a 4-host ticket) or a range that lost a digit in a
 * shared host pool ({@code pool-[14-144]} for {@code pool-[141-144]}). Medium: also a glob that lost
 * its role segment, a range bracket slipped one digit ({@code pool-1[41-144]}), a
 * {@code kubectl scale --replicas} slip, a count slip judged against the operator's earlier runs. Hard: hosts that also carry a second service's role, one small removal
 * too many under a ticket, or a range slip that breaks two chained services (the upstream one is the
 * subject); plus a red herring (an unrelated degradation after a deploy, a large ticketed removal
 * that stays above minimum). Near misses: a batched decommission above minimum, a slip that stays
 * above minimum, a removal matching its ticket followed by an unrelated outage, a ticketed removal
 * planned below minimum (a finding, not this pattern), a slip the tool aborted.
 */
@AutoService(org.hindsight.drill.IncidentGenerator.class)
public final class TypoScopedShutdownGenerator implements IncidentGenerator {
  static final String PATTERN = "typo-scoped-shutdown";

  @Override
  public String pattern() {
    return PATTERN;
  }

  @Override
  public DrillAnswer generate(Path dir, RandomGenerator random, Difficulty difficulty, boolean nearMiss) throws IOException {
    Fleet f = new Fleet(random, difficulty);
    if (nearMiss) f.nearMiss();
    else f.incident();
    f.background();
    if (difficulty == Difficulty.HARD) f.redHerrings();
    int causeLine = f.write(dir);
    return nearMiss ? DrillAnswer.none() : new DrillAnswer(PATTERN, f.focus.name, "ops-commands.csv", causeLine, "");
  }

  // ---------------------------------------------------------------------------------------------
  // Vocabulary. Abbreviations are host-name prefixes: unique, and none is a prefix of another.

  static final String[][] BACKEND = {{"ledger", "ldgr"}, {"meta", "meta"}, {"kv", "kvs"}, {"catalog", "ctlg"},
      {"quota", "qta"}, {"lookup", "lkp"}, {"tokens", "tok"}, {"profile", "prof"}, {"ranking", "rank"},
      {"shard", "shrd"}, {"blob", "blob"}, {"pricing", "prc"}, {"geo", "geo"}, {"graph", "grph"},
      {"journal", "jrnl"}, {"registry", "reg"}, {"locator", "loc"}, {"vault", "vlt"}};
  static final String[][] FRONT = {{"api", "api"}, {"gateway", "gw"}, {"checkout", "chk"}, {"edge", "edge"},
      {"portal", "prtl"}, {"graphql", "gql"}, {"uploads", "upl"}, {"notify", "ntf"}, {"console", "cons"},
      {"webhooks", "whk"}, {"partner-api", "papi"}, {"mobile-api", "mapi"}};
  static final String[][] AUX = {{"batch", "bat"}, {"export", "exp"}, {"canary", "cnry"}, {"metering", "mtr"},
      {"audit", "aud"}, {"reindex", "rix"}, {"archive", "arc"}, {"crawler", "crw"}, {"mailer", "mlr"},
      {"backfill", "bkf"}, {"analytics", "anl"}};
  static final List<String> OPERATORS = List.of("alma", "bruno", "cato", "dara", "enzo", "freya", "goran", "hedy",
      "ines", "jules", "kofi", "lior", "maren", "nils", "odile", "paz", "quinn", "rhea", "soren", "tariq", "ugo",
      "vera", "wim", "xiu", "yara", "zeno");
  static final List<String> MONITORS = List.of("prometheus", "zabbix", "datadog", "healthd", "nagios", "synthetics");
  static final List<String> REASONS = List.of("cost review", "hardware refresh", "rebalance after migration",
      "playbook step 3", "quarterly right-sizing", "rack retirement", "lease ending", "capacity review");

  /** One service: its hosts (in name order), how they are named, and what it needs. */
  static final class Svc {
    final String name;
    final String abbr;
    final List<String> hosts = new ArrayList<>();
    String prefix = "";
    int width = 2;
    int first = 1;
    int min = -1;
    int restart = -1;
    String critical = "";
    String type = "host";
    boolean api;

    Svc(String name, String abbr) {
      this.name = name;
      this.abbr = abbr;
    }

    int size() {
      return hosts.size();
    }

    String range(int lo, int hi) {
      return prefix + "[" + pad(lo, width) + "-" + pad(hi, width) + "]";
    }
  }

  record Dep(String service, String dependsOn, String kind) {}

  record Ticket(String id, String summary, String service, String scope, String max, ZonedDateTime from,
      ZonedDateTime to, String approver) {}

  /** One CSV row of a timed file: the time and the cells after the timestamp. */
  static final class Row {
    final ZonedDateTime time;
    final String rest;

    Row(ZonedDateTime time, String rest) {
      this.time = time;
      this.rest = rest;
    }
  }

  record Inv(String entity, String type, String site, String service, String parent) {}

  /** A metric series to write: healthy level, and an optional bad stretch. */
  static final class Series {
    final String entity;
    final String metric;
    final double base;
    double bad = Double.NaN;
    ZonedDateTime badFrom;
    ZonedDateTime badTo;

    Series(String entity, String metric, double base) {
      this.entity = entity;
      this.metric = metric;
      this.base = base;
    }
  }

  static String pad(int v, int width) {
    return String.format(Locale.ROOT, "%0" + width + "d", v);
  }

  static String csv(Object... cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) b.append(',');
      b.append(Csv.quote(cells[i] == null ? "" : cells[i].toString()));
    }
    return b.toString();
  }

  /** The incident's world, built by one variant and then surrounded by background. */
  static final class Fleet {
    final RandomGenerator r;
    final Names n;
    final Difficulty d;
    final ZoneId zone;
    final ZonedDateTime t0;
    final String city3;
    final List<String> sites = new ArrayList<>();
    final String tool;
    final String product;
    final String ticketPrefix;
    final List<String> operators = new ArrayList<>();
    final Map<String, Svc> services = new LinkedHashMap<>();
    final Set<String> usedFuncs = new HashSet<>();
    final Set<String> usedWords = new HashSet<>();
    /** Services the variant built: background must not remove their hosts or make them fail. */
    final Set<String> incidentServices = new HashSet<>();
    final Map<String, String> hostType = new LinkedHashMap<>();
    final Map<String, String> hostParent = new LinkedHashMap<>();
    final Map<String, String> hostSite = new LinkedHashMap<>();
    final List<String> nodes = new ArrayList<>();
    final Map<String, Integer> removed = new LinkedHashMap<>();
    final List<Dep> deps = new ArrayList<>();
    final List<Ticket> tickets = new ArrayList<>();
    final Set<String> ticketIds = new HashSet<>();
    final List<Row> commands = new ArrayList<>();
    final List<Row> events = new ArrayList<>();
    final Map<String, Series> series = new LinkedHashMap<>();
    final ZonedDateTime windowFrom;
    /** The service the story is about: the subject of a real incident, the look-alike's service of a near miss. */
    Svc focus;
    Row cause;
    String namespace = "";

    Fleet(RandomGenerator r, Difficulty d) {
      this.r = r;
      this.n = new Names(r);
      this.d = d;
      zone = n.zone();
      t0 = n.time(zone);
      String city = n.city();
      city3 = city.substring(0, 3);
      int siteCount = n.between(2, 3);
      while (sites.size() < siteCount) {
        String site = city + "-" + n.between(1, 4) + (char) ('a' + r.nextInt(3));
        if (!sites.contains(site)) sites.add(site);
      }
      product = word();
      tool = word() + n.pick(List.of("ctl", "-cap", "-fleet", "adm"));
      ticketPrefix = n.pick(List.of("CHG", "CR", "OPS", "RFC", "INFRA"));
      List<String> pool = new ArrayList<>(OPERATORS);
      for (int i = 0; i < 5; i++) operators.add(pool.remove(r.nextInt(pool.size())));
      windowFrom = t0.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minusMinutes(n.between(30, 50));
    }

    // ---- the incident (one variant per difficulty) ----

    void incident() {
      switch (d) {
        case EASY -> {
          if (r.nextBoolean()) countSlip(false);
          else rangeSlip(false);
        }
        case MEDIUM -> {
          switch (r.nextInt(5)) {
            case 0 -> countSlip(true);
            case 1 -> globSlip();
            case 2 -> kubectlSlip();
            case 3 -> bracketSlip();
            default -> rangeSlip(false);
          }
        }
        case HARD -> {
          switch (r.nextInt(3)) {
            case 0 -> secondRole();
            case 1 -> cumulative();
            default -> rangeSlip(true);
          }
        }
      }
    }

    /** {@code --count 40} where the ticket (or the operator's earlier runs) said 4. */
    void countSlip(boolean history) {
      int per = n.between(2, 6);
      int typed = countSlipOf(per);
      int runs = history ? n.between(1, 2) : 0;
      Svc s = fleet(product, func(BACKEND), n.between(Math.max(16, 2 * per + runs * per + 4), 48));
      focus = s;
      String op = operators.get(0);
      String verb = n.pick(List.of("remove-capacity", "drain", "scale-in", "retire"));
      String flags = r.nextBoolean() ? " --reason '" + n.pick(REASONS) + "'" : "";
      String base = tool + " " + verb + " --service " + s.name + " --count ";
      String ticket = "";
      if (history) {
        ZonedDateTime t = t0;
        for (int i = 0; i < runs; i++) {
          t = t.minusMinutes(n.between(180, 600)).plusSeconds(n.between(0, 59));
          command(t, op, base + per + flags, "", ok());
          removed.merge(s.name, per, Integer::sum);
        }
      } else {
        ticket = ticket("Remove " + per + " " + s.name + " hosts (" + n.pick(REASONS) + ")", s.name, "", per, t0).id();
      }
      int live = s.size() - runs * per;
      s.min = minBetween(live - typed + 1, live - per, live);
      s.restart = restart();
      cause = command(t0, op, base + typed + flags, ticket, ok());
      dependents(s, n.between(1, 3), false);
      outage(t0, List.of(s));
      recovery(s, ticket);
    }

    /** A shared host pool split into per-service ranges; the intended range lost a digit of its lower bound. */
    void rangeSlip(boolean chain) {
      int w = chain || r.nextBoolean() ? 3 : 2;
      int a = w == 3 ? n.between(100, 260) : n.between(12, 60);
      int k = n.between(2, 5);
      int nx = k + n.between(0, 8);
      String aText = pad(a, w);
      int cut = r.nextInt(w);
      String loText = aText.substring(0, cut) + aText.substring(cut + 1);
      int lo = Integer.parseInt(loText);
      String prefix = city3 + n.between(1, 4) + "-" + n.pick(List.of("pool", "core", "grid", "fleet", "node")) + "-";
      String type = n.pick(List.of("host", "server"));
      // The hit services end just below the intended range and start at or below where the slip begins.
      int start = lo >= 1 ? n.between(Math.max(1, lo - 25), lo) : 1;
      if (start > 4) {
        Svc before = pooled(word(), func(BACKEND), prefix, w, Math.max(1, start - n.between(4, 30)), start - 1, type);
        before.min = minBetween(1, before.size() - 1, before.size());
      }
      List<Svc> victims = new ArrayList<>();
      if (chain) {
        int split = lo + 2 + (int) ((a - lo - 4) * (n.between(45, 70) / 100.0));
        Svc upstream = pooled(product, func(BACKEND), prefix, w, start, split - 1, type);
        Svc downstream = pooled(product, func(BACKEND), prefix, w, split, a - 1, type);
        deps.add(new Dep(downstream.name, upstream.name, "hard"));
        upstream.min = minBetween(Math.max(0, lo - start) + 1, upstream.size(), upstream.size());
        downstream.min = minBetween(1, downstream.size(), downstream.size());
        downstream.restart = restart();
        victims.add(upstream);
        victims.add(downstream);
      } else {
        Svc s = pooled(product, func(BACKEND), prefix, w, start, a - 1, type);
        s.min = minBetween(Math.max(0, lo - start) + 1, s.size(), s.size());
        victims.add(s);
      }
      focus = victims.get(0);
      focus.restart = restart();
      Svc x = pooled(product, func(AUX), prefix, w, a, a + nx - 1, type);
      x.min = nx - k >= 1 && r.nextBoolean() ? n.between(1, nx - k) : -1;
      int after = n.between(0, 12);
      if (after > 1 && a + nx + after - 1 < Math.pow(10, w)) {
        Svc next = pooled(word(), func(BACKEND), prefix, w, a + nx, a + nx + after - 1, type);
        next.min = minBetween(1, next.size() - 1, next.size());
      }
      String typed = prefix + "[" + loText + "-" + pad(a + k - 1, w) + "]";
      String ticket = ticket("Remove " + k + " " + x.name + " hosts (" + n.pick(REASONS) + ")", x.name,
          x.range(a, a + k - 1), k, t0).id();
      String op = operators.get(0);
      command(t0.minusMinutes(n.between(3, 25)).plusSeconds(n.between(0, 59)), op,
          tool + " status --service " + x.name, "", ok());
      String cmd = switch (r.nextInt(3)) {
        case 0 -> tool + " remove-capacity --service " + x.name + " --hosts " + typed;
        case 1 -> tool + " remove-capacity --service " + x.name + " --hosts " + typed + " --reason '" + n.pick(REASONS) + "'";
        default -> tool + " drain '" + typed + "'";
      };
      cause = command(t0, op, cmd, ticket, ok());
      for (Svc v : victims) dependents(v, n.between(1, 2), false);
      outage(t0, victims);
      recovery(focus, ticket);
    }

    /**
     * A shared pool; the range's opening bracket slipped one digit right: {@code pool-1[41-144]} for
     * {@code pool-[141-144]} reads as "pool-1" then 41..144, so it takes every host from 141 to 199 and
     * with them the service numbered above the ticket's range.
     */
    void bracketSlip() {
      int hundreds = n.between(1, 2);
      int k = n.between(2, 5);
      int a = hundreds * 100 + n.between(10, 60);
      int top = hundreds * 100 + 99;
      String prefix = city3 + n.between(1, 4) + "-" + n.pick(List.of("pool", "core", "grid", "fleet", "node")) + "-";
      String type = n.pick(List.of("host", "server"));
      int xStart = a - n.between(0, 12);
      if (xStart > 4 && r.nextBoolean()) {
        Svc before = pooled(word(), func(BACKEND), prefix, 3, Math.max(1, xStart - n.between(4, 30)), xStart - 1, type);
        before.min = minBetween(1, before.size() - 1, before.size());
      }
      Svc x = pooled(product, func(AUX), prefix, 3, xStart, a + k - 1, type);
      x.min = x.size() - k >= 1 && r.nextBoolean() ? n.between(1, x.size() - k) : -1;
      Svc s = pooled(product, func(BACKEND), prefix, 3, a + k, n.between(Math.min(top, a + k + 6), top), type);
      s.min = minBetween(1, s.size(), s.size());
      s.restart = restart();
      focus = s;
      if (r.nextBoolean()) {
        Svc next = pooled(word(), func(BACKEND), prefix, 3, top + 1, top + n.between(3, 20), type);
        next.min = minBetween(1, next.size() - 1, next.size());
      }
      String typed = prefix + hundreds + "[" + pad(a % 100, 2) + "-" + pad(a + k - 1, 3) + "]";
      String ticket = ticket("Remove " + k + " " + x.name + " hosts (" + n.pick(REASONS) + ")", x.name,
          x.range(a, a + k - 1), k, t0).id();
      String op = operators.get(0);
      command(t0.minusMinutes(n.between(3, 25)).plusSeconds(n.between(0, 59)), op, tool + " list --service " + x.name, "", ok());
      String cmd = r.nextBoolean() ? tool + " remove-capacity --service " + x.name + " --hosts " + typed
          : tool + " drain '" + typed + "' --reason '" + n.pick(REASONS) + "'";
      cause = command(t0, op, cmd, ticket, ok());
      dependents(s, n.between(1, 3), r.nextBoolean());
      outage(t0, List.of(s));
      recovery(s, ticket);
    }

    /** Hosts named product-role-NN; the glob lost the role segment and took every role of the product. */
    void globSlip() {
      Svc x = grouped(func(AUX), n.between(3, 8));
      Svc s = grouped(func(BACKEND), n.between(6, 24));
      x.min = -1; // a tier drained whole on purpose
      s.min = minBetween(1, s.size(), s.size());
      s.restart = restart();
      focus = s;
      String scope = r.nextBoolean() ? product + "-" + x.abbr + "-*" : "";
      String ticket = ticket("Re-image the " + x.name + " tier", x.name, scope, x.size(), t0).id();
      String op = operators.get(0);
      String glob = "'" + product + "-*'";
      String cmd = r.nextBoolean() ? tool + " drain " + glob + " --reason re-image" : tool + " drain --hosts " + glob;
      command(t0.minusMinutes(n.between(2, 20)).plusSeconds(n.between(0, 59)), op, tool + " status --all", "", ok());
      cause = command(t0, op, cmd, ticket, ok());
      if (r.nextBoolean()) deps.add(new Dep(x.name, s.name, "soft"));
      dependents(s, n.between(1, 3), false);
      outage(t0, List.of(s));
      recovery(s, ticket);
    }

    /** {@code kubectl scale --replicas=2} where the ticket said 24. */
    void kubectlSlip() {
      namespace = n.pick(List.of("prod", "apps", "core", "shop", "platform", product));
      Svc dpl = service(product, func(BACKEND));
      dpl.type = "pod";
      int nodeCount = n.between(3, 8);
      for (int i = 1; i <= nodeCount; i++) {
        String node = city3 + "-k8s-" + pad(i, 2);
        nodes.add(node);
        hostType.put(node, "node");
      }
      int pods = n.between(14, 48);
      String hash = randomText("bcdfghjklmnpqrstvwxz2456789", n.between(9, 10));
      while (dpl.size() < pods) {
        String pod = dpl.name + "-" + hash + "-" + randomText("bcdfghjklmnpqrstvwxz2456789", 5);
        if (dpl.hosts.contains(pod)) continue;
        dpl.hosts.add(pod);
        hostType.put(pod, "pod");
        hostParent.put(pod, n.pick(nodes));
      }
      dpl.hosts.sort(null);
      int keep = n.between(Math.max(10, (int) Math.ceil(pods * 0.4)), pods - 2);
      int typed = replicaSlipOf(keep);
      dpl.min = minBetween(typed + 1, keep, keep);
      dpl.restart = restart();
      focus = dpl;
      String kube = "kubectl -n " + namespace + " ";
      String scope = r.nextBoolean() ? "deployment/" + dpl.name + " --replicas=" + keep
          : kube + "scale deployment/" + dpl.name + " --replicas=" + keep;
      String ticket = ticket("Scale " + dpl.name + " down to " + keep + " replicas after "
          + n.pick(List.of("the sale", "the campaign", "the load test", "the launch")), dpl.name, scope, -1, t0).id();
      String op = operators.get(0);
      command(t0.minusSeconds(n.between(40, 400)), op, kube + "get deploy " + dpl.name, "", ok());
      cause = command(t0, op, kube + "scale deployment/" + dpl.name + " --replicas=" + typed, ticket, ok());
      command(t0.plusSeconds(n.between(60, 300)), op, kube + "get pods -l app=" + dpl.name, "", ok());
      dependents(dpl, n.between(1, 3), false);
      outage(t0, List.of(dpl));
      command(t0.plusMinutes(n.between(6, 25)), operators.get(1), kube + "scale deployment/" + dpl.name + " --replicas=" + pods,
          ticket, ok());
    }

    /** The first hosts of the ticket's service also serve a second service, which falls below its minimum. */
    void secondRole() {
      Svc x = fleet(product, func(AUX), n.between(8, 20));
      Svc y = fleet(product, func(BACKEND), n.between(2, 8));
      int k = n.between(2, 4);
      int shared = n.between(1, Math.min(3, k));
      int own = y.size();
      List<String> firstK = new ArrayList<>(x.hosts.subList(0, k));
      for (int i = 0; i < shared; i++) y.hosts.add(firstK.remove(r.nextInt(firstK.size())));
      y.min = minBetween(own + 1, own + shared, own + shared);
      y.restart = restart();
      x.min = minBetween(1, x.size() - k, x.size());
      focus = y;
      String ticket = ticket("Remove " + k + " " + x.name + " hosts (" + n.pick(REASONS) + ")", x.name, "", k, t0).id();
      String verb = n.pick(List.of("drain", "remove-capacity", "retire"));
      String cmd = r.nextBoolean() ? tool + " " + verb + " --service " + x.name + " --count " + k
          : tool + " " + verb + " --service " + x.name + " --hosts " + x.range(x.first, x.first + k - 1);
      String op = operators.get(0);
      command(t0.minusMinutes(n.between(2, 30)).plusSeconds(n.between(0, 59)), op, tool + " list --service " + x.name, "", ok());
      cause = command(t0, op, cmd, ticket, ok());
      dependents(y, n.between(1, 3), r.nextBoolean());
      outage(t0, List.of(y));
      recovery(y, ticket);
    }

    /** Small removals under one ticket; the last one goes past the ticket's total and below minimum. */
    void cumulative() {
      int per = n.between(1, 3);
      int runs = n.between(2, 4);
      int total = per * runs;
      Svc s = fleet(product, func(BACKEND), n.between(total + per + 6, total + per + 30));
      s.min = n.between(s.size() - total - per + 1, s.size() - total);
      s.restart = restart();
      focus = s;
      int gap = n.between(6, 35);
      String ticket = ticket("Retire " + total + " " + s.name + " hosts in steps of " + per, s.name, "", total,
          t0.minusMinutes((long) runs * gap)).id();
      String verb = n.pick(List.of("remove-capacity", "drain", "retire"));
      String cmd = tool + " " + verb + " --service " + s.name + " --count " + per;
      String op = operators.get(0);
      for (int i = runs; i >= 1; i--) {
        command(t0.minusMinutes((long) i * gap).plusSeconds(n.between(0, 50)), op, cmd, ticket, ok());
      }
      cause = command(t0, op, cmd, ticket, ok());
      dependents(s, n.between(1, 3), r.nextBoolean());
      outage(t0, List.of(s));
      recovery(s, ticket);
    }

    // ---- near misses: look-alikes that must stay silent ----

    void nearMiss() {
      switch (r.nextInt(5)) {
        case 0 -> batchedDecommission();
        case 1 -> slipAboveMinimum();
        case 2 -> exactTicketThenOtherOutage();
        case 3 -> plannedBelowMinimum();
        default -> abortedSlip();
      }
    }

    /** A decommission in batches, every batch inside the ticket, the service stays above its minimum. */
    void batchedDecommission() {
      Svc u = fleet(product, func(r.nextBoolean() ? AUX : BACKEND), n.between(24, 80));
      focus = u;
      int total = n.between((int) Math.ceil(u.size() * 0.25), (int) Math.ceil(u.size() * 0.5));
      int lo = u.first + u.size() - total;
      u.min = minBetween((int) Math.ceil((u.size() - total) * 0.6), u.size() - total, u.size() - total);
      String ticket = ticket("Decommission " + total + " " + u.name + " hosts (" + n.pick(REASONS) + ")", u.name,
          u.range(lo, lo + total - 1), total, t0).id();
      int batches = n.between(2, 4);
      String op = operators.get(0);
      int gap = n.between(10, 40);
      int from = lo;
      boolean option = r.nextBoolean();
      for (int b = 0; b < batches; b++) {
        int to = b == batches - 1 ? lo + total - 1 : from + total / batches - 1;
        String sel = u.range(from, to);
        String cmd = option ? tool + " decommission --service " + u.name + " --hosts " + sel : tool + " decommission '" + sel + "'";
        command(t0.plusMinutes((long) b * gap).plusSeconds(n.between(0, 40)), op, cmd, ticket, ok());
        from = to + 1;
      }
      removed.merge(u.name, total, Integer::sum);
      dependents(u, n.between(1, 2), false);
      ZonedDateTime slow = t0.plusMinutes(gap + n.between(2, 8));
      event(slow, monitor(), "service.degraded", u.name, "p99 latency above SLO", "warning");
      event(slow.plusMinutes(n.between(12, 35)), monitor(), "service.up", u.name, "latency back to normal", "info");
    }

    /** A count slip, but the fleet is large enough that the service stays above its minimum. */
    void slipAboveMinimum() {
      int per = n.between(3, 6);
      int typed = per * 10 + n.between(0, 9);
      boolean history = r.nextBoolean();
      int prior = history ? per : 0;
      Svc s = fleet(product, func(r.nextBoolean() ? FRONT : BACKEND), n.between(typed + prior + 12, typed + prior + 80));
      s.api = true;
      focus = s;
      int live = s.size() - prior;
      s.min = n.between(Math.max(1, (int) Math.ceil(live * 0.15)), live - typed);
      String op = operators.get(0);
      String base = tool + " remove-capacity --service " + s.name + " --count ";
      String ticket = "";
      if (history) {
        command(t0.minusMinutes(n.between(200, 900)), op, base + per, "", ok());
      } else {
        ticket = ticket("Remove " + per + " " + s.name + " hosts (" + n.pick(REASONS) + ")", s.name, "", per, t0).id();
      }
      command(t0, op, base + typed, ticket, ok());
      removed.merge(s.name, prior + typed, Integer::sum);
      dependents(s, n.between(1, 2), false);
      ZonedDateTime slow = t0.plusMinutes(n.between(2, 8));
      event(slow, monitor(), "service.degraded", s.name, "p99 latency above SLO", "warning");
      event(slow.plusMinutes(n.between(15, 40)), monitor(), "service.up", s.name, "latency back to normal", "info");
    }

    /** A removal exactly as ticketed (above minimum); the service fails later for another reason. */
    void exactTicketThenOtherOutage() {
      Svc s = fleet(product, func(BACKEND), n.between(8, 30));
      focus = s;
      int k = n.between(2, Math.max(2, s.size() / 3));
      int lo = s.first + n.between(0, s.size() - k);
      s.min = minBetween(1, s.size() - k, s.size() - k);
      s.restart = restart();
      String scope = s.range(lo, lo + k - 1);
      String ticket = ticket("Retire " + s.name + " hosts " + pad(lo, s.width) + " to " + pad(lo + k - 1, s.width), s.name,
          scope, k, t0).id();
      String cmd = r.nextBoolean() ? tool + " remove-capacity --service " + s.name + " --hosts " + scope : tool + " retire '" + scope + "'";
      command(t0, operators.get(0), cmd, ticket, ok());
      removed.merge(s.name, k, Integer::sum);
      dependents(s, n.between(1, 2), false);
      ZonedDateTime later = t0.plusMinutes(n.between(25, 120));
      event(later.minusMinutes(n.between(2, 6)), "deployer", "deploy.finished", s.name,
          s.name + " v" + n.between(2, 9) + "." + n.between(0, 20) + "." + n.between(0, 9) + " rolled out", "info");
      outage(later, List.of(s));
    }

    /** The ticket itself takes the service below its minimum: a planning finding, not a slip. */
    void plannedBelowMinimum() {
      Svc s = fleet(product, func(BACKEND), n.between(8, 24));
      focus = s;
      int k = n.between((int) Math.ceil(s.size() * 0.4), s.size() - 2);
      s.min = n.between(s.size() - k + 1, s.size() - 1);
      s.restart = restart();
      int lo = s.first + s.size() - k;
      String scope = s.range(lo, lo + k - 1);
      String ticket = ticket("Shrink " + s.name + " to " + (s.size() - k) + " hosts", s.name, scope, k, t0).id();
      command(t0, operators.get(0), tool + " shutdown '" + scope + "'", ticket, ok());
      dependents(s, n.between(1, 2), false);
      outage(t0, List.of(s));
    }

    /** The slipped count was aborted at the tool's prompt; the corrected command stays within the ticket. */
    void abortedSlip() {
      int per = n.between(2, 6);
      int typed = countSlipOf(per);
      Svc s = fleet(product, func(BACKEND), n.between(Math.max(16, 2 * per + 4), 48));
      focus = s;
      s.min = minBetween(s.size() - typed + 1, s.size() - per, s.size());
      String ticket = ticket("Remove " + per + " " + s.name + " hosts (" + n.pick(REASONS) + ")", s.name, "", per, t0).id();
      String base = tool + " " + n.pick(List.of("remove-capacity", "drain", "retire")) + " --service " + s.name + " --count ";
      String op = operators.get(0);
      command(t0, op, base + typed, ticket, n.pick(List.of("aborted", "error: confirmation declined", "cancelled at prompt")));
      command(t0.plusSeconds(n.between(40, 180)), op, base + per, ticket, ok());
      removed.merge(s.name, per, Integer::sum);
      dependents(s, n.between(1, 2), false);
      if (r.nextBoolean()) {
        ZonedDateTime slow = t0.plusMinutes(n.between(4, 15));
        event(slow, monitor(), "service.degraded", s.name, "p99 latency above SLO", "warning");
        event(slow.plusMinutes(n.between(10, 30)), monitor(), "service.up", s.name, "latency back to normal", "info");
      }
    }

    // ---- background: unrelated services, routine commands, healthy metrics ----

    void background() {
      int unrelated = switch (d) {
        case EASY -> 2;
        case MEDIUM -> n.between(3, 4);
        case HARD -> n.between(4, 5);
      };
      List<Svc> others = new ArrayList<>();
      for (int i = 0; i < unrelated; i++) {
        String[][] table = switch (r.nextInt(3)) {
          case 0 -> BACKEND;
          case 1 -> FRONT;
          default -> AUX;
        };
        Svc u = fleet(word(), func(table), n.between(4, 30));
        u.min = minBetween((int) Math.ceil(u.size() * 0.4), u.size() - 2, u.size());
        u.restart = r.nextBoolean() ? restart() : -1;
        u.api = table == FRONT || r.nextInt(3) == 0;
        others.add(u);
      }
      for (int i = 1; i < others.size(); i++) {
        if (r.nextBoolean()) deps.add(new Dep(others.get(i).name, others.get(i - 1).name, r.nextInt(3) == 0 ? "soft" : "hard"));
      }
      if (r.nextBoolean()) deps.add(new Dep(n.pick(others).name, focus.name, "soft"));

      List<Svc> all = new ArrayList<>(services.values());
      int count = switch (d) {
        case EASY -> n.between(4, 6);
        case MEDIUM -> n.between(8, 12);
        case HARD -> n.between(12, 18);
      };
      for (int i = 0; i < count; i++) {
        ZonedDateTime t = t0.plusMinutes(n.between(-150, 90)).plusSeconds(n.between(0, 59));
        if (Math.abs(java.time.Duration.between(t0, t).getSeconds()) < 30) continue;
        Svc s = n.pick(all);
        String host = s.hosts.isEmpty() ? null : n.pick(s.hosts);
        String kube = "kubectl -n " + namespace + " ";
        String cmd = s.type.equals("pod") ? switch (r.nextInt(3)) {
          case 0 -> kube + "get deploy " + s.name;
          case 1 -> kube + "describe pod " + host;
          default -> kube + "top pods -l app=" + s.name;
        } : switch (r.nextInt(7)) {
          case 0 -> tool + " status --service " + s.name;
          case 1 -> tool + " list --service " + s.name;
          case 2 -> host == null ? tool + " list" : tool + " show " + host;
          case 3 -> tool + " history --service " + s.name;
          case 4 -> {
            Svc u = n.pick(others);
            yield tool + " remove-capacity --service " + u.name + " --count " + n.between(1, 3) + " --dry-run";
          }
          case 5 -> !namespace.isEmpty() ? kube + "get pods -o wide"
              : host == null ? tool + " status --all" : "ssh " + host + " 'uptime'";
          default -> tool + " status --all";
        };
        command(t, n.pick(operators), cmd, "", ok());
      }
      if (d != Difficulty.EASY && r.nextInt(5) < 3) {
        Svc u = n.pick(others);
        String host = n.pick(u.hosts);
        ZonedDateTime t = t0.minusMinutes(n.between(40, 170));
        String ticket = ticket("Replace failed disk on " + host, u.name, host, 1, t).id();
        String op = n.pick(operators.subList(1, operators.size()));
        command(t, op, tool + " drain " + host + " --reason 'disk replacement'", ticket, ok());
        command(t.plusMinutes(n.between(25, 70)), op, tool + " undrain " + host, ticket, ok());
        removed.merge(u.name, 1, Integer::sum);
      }
      for (Svc s : services.values()) {
        if (!incidentServices.contains(s.name) && s.min > 0) s.min = Math.min(s.min, s.size() - removed.getOrDefault(s.name, 0));
        if (s.api) {
          errorSeries(s);
          if (r.nextBoolean()) rateSeries(s);
        }
      }
    }

    /** Something suspicious that is not the cause: an unrelated degradation, a large removal within its ticket. */
    void redHerrings() {
      List<Svc> others = services.values().stream().filter(s -> !incidentServices.contains(s.name)).toList();
      boolean degradation = r.nextBoolean();
      boolean decommission = !degradation || r.nextBoolean();
      if (degradation) {
        Svc u = n.pick(others);
        int offset = n.between(4, 60) * (r.nextBoolean() ? 1 : -1);
        ZonedDateTime t = t0.plusMinutes(offset).plusSeconds(n.between(0, 59));
        event(t.minusMinutes(n.between(2, 6)), "deployer", "deploy.finished", u.name,
            u.name + " v" + n.between(2, 9) + "." + n.between(0, 20) + "." + n.between(0, 9) + " rolled out", "info");
        event(t, monitor(), "service.degraded", u.name, "p99 latency above SLO", "warning");
        event(t.plusMinutes(n.between(10, 30)), monitor(), "service.up", u.name, "latency back to normal", "info");
      }
      List<Svc> big = others.stream().filter(s -> s.size() >= 8 && !s.prefix.isEmpty()
          && removed.getOrDefault(s.name, 0) == 0).toList();
      if (decommission && !big.isEmpty()) {
        Svc u = n.pick(big);
        int total = n.between((int) Math.ceil(u.size() * 0.3), (int) Math.ceil(u.size() * 0.45));
        int lo = u.first + u.size() - total;
        u.min = Math.min(u.min, u.size() - total);
        String scope = u.range(lo, lo + total - 1);
        ZonedDateTime t = t0.minusMinutes(n.between(20, 150)).plusSeconds(n.between(0, 59));
        String ticket = ticket("Decommission " + total + " " + u.name + " hosts (" + n.pick(REASONS) + ")", u.name,
            scope, total, t).id();
        command(t, n.pick(operators.subList(1, operators.size())), tool + " decommission '" + scope + "'", ticket, ok());
        removed.merge(u.name, total, Integer::sum);
      }
    }

    // ---- building blocks ----

    String word() {
      String w;
      do {
        w = n.word();
      } while (!usedWords.add(w));
      return w;
    }

    String[] func(String[][] table) {
      String[] f;
      do {
        f = table[r.nextInt(table.length)];
      } while (!usedFuncs.add(f[0]));
      return f;
    }

    Svc service(String word, String[] func) {
      Svc s = new Svc(word + "-" + func[0], func[1]);
      services.put(s.name, s);
      if (word.equals(product)) incidentServices.add(s.name);
      return s;
    }

    /** A service with hosts of its own, named prefix + zero-padded number. */
    Svc fleet(String word, String[] func, int count) {
      Svc s = service(word, func);
      s.prefix = switch (r.nextInt(4)) {
        case 0 -> city3 + "-" + s.abbr + "-";
        case 1 -> s.abbr + "-";
        case 2 -> s.abbr;
        default -> city3 + n.between(1, 4) + "-" + s.abbr + "-";
      };
      s.width = count > 90 ? 3 : n.between(2, 3);
      s.first = r.nextInt(4) == 0 ? n.between(1, 9) : 1;
      s.type = n.pick(List.of("host", "server", "vm"));
      for (int i = 0; i < count; i++) addHost(s, s.prefix + pad(s.first + i, s.width));
      return s;
    }

    /** A service owning the numbers {@code from..to} of a shared pool. */
    Svc pooled(String word, String[] func, String prefix, int width, int from, int to, String type) {
      Svc s = service(word, func);
      s.prefix = prefix;
      s.width = width;
      s.first = from;
      s.type = type;
      for (int i = from; i <= to; i++) addHost(s, prefix + pad(i, width));
      return s;
    }

    /** A role of the product: hosts named product-role-NN. */
    Svc grouped(String[] func, int count) {
      Svc s = service(product, func);
      s.prefix = product + "-" + s.abbr + "-";
      s.width = 2;
      s.type = n.pick(List.of("host", "server", "vm"));
      for (int i = 1; i <= count; i++) addHost(s, s.prefix + pad(i, 2));
      return s;
    }

    void addHost(Svc s, String host) {
      s.hosts.add(host);
      hostType.putIfAbsent(host, s.type);
    }

    /** Hard dependents of {@code root}, API tiers that report error ratios; {@code chain}: the second depends on the first. */
    List<Svc> dependents(Svc root, int count, boolean chain) {
      List<Svc> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String[] f = func(FRONT);
        Svc s = r.nextBoolean() ? fleet(product, f, n.between(2, 8)) : service(product, f);
        if (s.size() > 0) s.min = n.between(1, Math.max(1, s.size() / 2));
        s.api = true;
        deps.add(new Dep(s.name, chain && i > 0 ? out.get(i - 1).name : root.name, "hard"));
        if (r.nextInt(3) == 0 && !services.isEmpty()) {
          // Another, healthy dependency: not everything a dependent needs is in the story.
          List<Svc> backends = services.values().stream().filter(o -> o != s && o != root && o.size() > 0 && !o.api).toList();
          if (!backends.isEmpty()) deps.add(new Dep(s.name, n.pick(backends).name, "soft"));
        }
        out.add(s);
      }
      return out;
    }

    /**
     * Observed failures from {@code start}: {@code victims} (upstream first) lose their capacity and
     * cold-restart, each once the one before is back; every hard dependent fails with them and returns
     * once all it needs is back. Each failure shows as a down event, an error-ratio excursion, or both.
     */
    void outage(ZonedDateTime start, List<Svc> victims) {
      Map<String, ZonedDateTime[]> times = new LinkedHashMap<>();
      ZonedDateTime previousUp = null;
      for (Svc v : victims) {
        ZonedDateTime down = start.plusSeconds(n.between(15, 240));
        ZonedDateTime from = previousUp == null ? start : previousUp;
        ZonedDateTime up = from.plusMinutes(restartMinutes(v)).plusSeconds(n.between(0, 200));
        times.put(v.name, new ZonedDateTime[] {down, up});
        previousUp = up;
        event(down, monitor(), "service.down", v.name, n.pick(List.of("health checks failing on " + v.name,
            v.name + " lost quorum", "no healthy " + v.name + " backends", v.name + " requests timing out")), "critical");
        event(up, monitor(), "service.up", v.name, n.pick(List.of(v.name + " health checks passing", v.name + " recovered")), "info");
      }
      // Hard dependents, breadth first, then their recovery: after every failed dependency is back.
      List<String> order = new ArrayList<>(times.keySet());
      for (int i = 0; i < order.size(); i++) {
        for (Dep dep : deps) {
          if (!dep.kind().equals("hard") || !dep.dependsOn().equals(order.get(i)) || times.containsKey(dep.service())) continue;
          ZonedDateTime down = times.get(order.get(i))[0].plusSeconds(n.between(20, 360));
          if (down.isAfter(start.plusMinutes(11))) down = start.plusMinutes(11).minusSeconds(n.between(0, 60));
          times.put(dep.service(), new ZonedDateTime[] {down, null});
          order.add(dep.service());
        }
      }
      for (String name : order.subList(victims.size(), order.size())) {
        ZonedDateTime up = null;
        for (Dep dep : deps) {
          if (dep.kind().equals("hard") && dep.service().equals(name) && times.containsKey(dep.dependsOn())) {
            ZonedDateTime u = times.get(dep.dependsOn())[1];
            if (u != null && (up == null || u.isAfter(up))) up = u;
          }
        }
        up = up.plusSeconds(n.between(40, 360));
        times.get(name)[1] = up;
        Svc s = services.get(name);
        ZonedDateTime down = times.get(name)[0];
        int how = r.nextInt(10);
        if (how < 8 || !s.api) {
          event(down, monitor(), "service.down", name, n.pick(List.of(name + " 5xx above SLO", name + " upstream unavailable",
              name + " error budget burning", "synthetic checks failing for " + name)), "critical");
          event(up, monitor(), "service.up", name, name + " " + n.pick(List.of("recovered", "checks passing")), "info");
        }
        if (how >= 5 && s.api) {
          Series e = errorSeries(s);
          e.bad = n.between(15, 85) / 100.0;
          e.badFrom = down;
          e.badTo = up;
        }
      }
      if (d != Difficulty.EASY || r.nextBoolean()) {
        event(start.plusMinutes(n.between(5, 14)), "pager", "incident.declared", "", "customers report errors", "critical");
      }
    }

    /** After the outage: capacity put back under the same ticket (not replayed: it adds hosts). */
    void recovery(Svc s, String ticket) {
      ZonedDateTime t = t0.plusMinutes(n.between(8, 30)).plusSeconds(n.between(0, 59));
      command(t, operators.get(1), tool + " add-capacity --service " + s.name + " --count " + n.between(2, Math.max(2, s.size() / 2)),
          ticket, ok());
    }

    Series errorSeries(Svc s) {
      return series.computeIfAbsent(s.name + "|http.error_ratio", k -> new Series(s.name, "http.error_ratio", n.between(5, 100) / 10000.0));
    }

    void rateSeries(Svc s) {
      series.computeIfAbsent(s.name + "|requests.rate", k -> new Series(s.name, "requests.rate", n.between(40, 9000)));
    }

    Row command(ZonedDateTime t, String operator, String command, String ticket, String result) {
      Row row = new Row(t, csv(operator, command, ticket, result));
      commands.add(row);
      return row;
    }

    void event(ZonedDateTime t, String source, String type, String entity, String message, String severity) {
      events.add(new Row(t, csv(source, type, entity, message, severity)));
    }

    Ticket ticket(String summary, String service, String scope, int max, ZonedDateTime around) {
      String id;
      do {
        id = ticketPrefix + "-" + n.between(1000, 99999);
      } while (!ticketIds.add(id));
      ZonedDateTime from = around.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minusHours(n.between(0, 2));
      Ticket t = new Ticket(id, summary, service, scope, max < 0 ? "" : String.valueOf(max), from,
          from.plusHours(n.between(3, 8)), n.pick(operators.subList(2, operators.size())));
      tickets.add(t);
      return t;
    }

    String ok() {
      return n.pick(List.of("ok", "ok", "done", "completed", "success"));
    }

    String monitor() {
      return n.pick(MONITORS);
    }

    int restart() {
      return r.nextInt(4) == 0 ? -1 : n.between(10, 120);
    }

    long restartMinutes(Svc s) {
      return s.restart > 0 ? s.restart : Math.max(5, Math.round(5 * Math.log(1 + Math.max(1, s.size())) / Math.log(2)));
    }

    /** A minimum in {@code lo..hi}, preferably at least half of {@code of} (services rarely run with most hosts spare). */
    int minBetween(int lo, int hi, int of) {
      lo = Math.max(1, lo);
      if (lo > hi) throw new IllegalStateException("no minimum fits between " + lo + " and " + hi);
      int preferred = Math.max(lo, (int) Math.ceil(of * 0.5));
      return n.between(preferred <= hi ? preferred : lo, hi);
    }

    /** A count with one keystroke too many: 4 → 40…49, 14 or 44. */
    int countSlipOf(int per) {
      return switch (r.nextInt(3)) {
        case 0 -> per * 10 + n.between(0, 9);
        case 1 -> 10 + per;
        default -> per * 11;
      };
    }

    /** A replica count with a digit lost or two digits swapped, always lower: 24 → 2 or 4, 31 → 13. */
    int replicaSlipOf(int keep) {
      String k = String.valueOf(keep);
      List<Integer> options = new ArrayList<>();
      for (int i = 0; i < k.length(); i++) options.add(Integer.parseInt(k.substring(0, i) + k.substring(i + 1)));
      int swapped = Integer.parseInt(new StringBuilder(k).reverse().toString());
      if (k.length() == 2 && swapped < keep) options.add(swapped);
      options.removeIf(o -> o >= keep);
      return n.pick(options);
    }

    String randomText(String alphabet, int length) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < length; i++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      return b.toString();
    }

    // ---- files ----

    /** Writes the bundle; returns the line of the cause in ops-commands.csv (0 when there is none). */
    int write(Path dir) throws IOException {
      java.time.format.DateTimeFormatter iso = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;
      List<Svc> order = new ArrayList<>(services.values());
      shuffle(order);
      boolean pods = !nodes.isEmpty();
      StringBuilder inv = new StringBuilder("entity,type,site,service" + (pods ? ",parent" : "") + "\n");
      for (String node : nodes) inv.append(csv(node, "node", site(node), "")).append(pods ? ",\n" : "\n");
      for (Svc s : order) {
        List<String> hosts = new ArrayList<>(s.hosts);
        hosts.sort(null);
        for (String h : hosts) {
          // A pod runs in its node's site.
          inv.append(csv(h, hostType.get(h), site(hostParent.getOrDefault(h, h)), s.name));
          if (pods) inv.append(',').append(hostParent.getOrDefault(h, ""));
          inv.append('\n');
        }
      }
      java.nio.file.Files.writeString(dir.resolve("inventory.csv"), inv);

      StringBuilder svc = new StringBuilder("service,min_hosts,critical,restart_minutes\n");
      for (Svc s : order) {
        String critical = switch (r.nextInt(3)) {
          case 0 -> "false";
          case 1 -> "";
          default -> "true";
        };
        svc.append(csv(s.name, s.min > 0 ? s.min : "", critical, s.restart > 0 ? s.restart : "")).append('\n');
      }
      java.nio.file.Files.writeString(dir.resolve("services.csv"), svc);

      List<Dep> depOrder = new ArrayList<>(deps);
      shuffle(depOrder);
      StringBuilder dep = new StringBuilder("service,depends_on,kind\n");
      for (Dep x : depOrder) dep.append(csv(x.service(), x.dependsOn(), x.kind())).append('\n');
      java.nio.file.Files.writeString(dir.resolve("dependencies.csv"), dep);

      if (!tickets.isEmpty()) {
        List<Ticket> sorted = new ArrayList<>(tickets);
        sorted.sort(Comparator.comparing(Ticket::from).thenComparing(Ticket::id));
        StringBuilder ch = new StringBuilder("ticket,summary,service,scope,max_hosts,window_start,window_end,approved_by\n");
        for (Ticket t : sorted) {
          ch.append(csv(t.id(), t.summary(), t.service(), t.scope(), t.max(), t.from().format(iso), t.to().format(iso),
              t.approver())).append('\n');
        }
        java.nio.file.Files.writeString(dir.resolve("changes.csv"), ch);
      }

      commands.sort(Comparator.comparing(x -> x.time.toInstant()));
      StringBuilder ops = new StringBuilder("timestamp,operator,command,ticket,result\n");
      int causeLine = 0;
      for (int i = 0; i < commands.size(); i++) {
        Row row = commands.get(i);
        if (row == cause) causeLine = i + 2;
        ops.append(row.time.format(iso)).append(',').append(row.rest).append('\n');
      }
      java.nio.file.Files.writeString(dir.resolve("ops-commands.csv"), ops);

      events.sort(Comparator.comparing(x -> x.time.toInstant()));
      StringBuilder ev = new StringBuilder("timestamp,source,type,entity,message,severity\n");
      for (Row row : events) ev.append(row.time.format(iso)).append(',').append(row.rest).append('\n');
      java.nio.file.Files.writeString(dir.resolve("events.csv"), ev);

      if (!series.isEmpty()) java.nio.file.Files.writeString(dir.resolve("metrics.csv"), metrics(iso));
      return causeLine;
    }

    private String metrics(java.time.format.DateTimeFormatter iso) {
      ZonedDateTime to = t0.plusMinutes(60);
      for (Series s : series.values()) if (s.badTo != null && s.badTo.plusMinutes(15).isAfter(to)) to = s.badTo.plusMinutes(15);
      if (to.isAfter(windowFrom.plusHours(6))) to = windowFrom.plusHours(6);
      long span = java.time.Duration.between(windowFrom, to).toMinutes();
      int step = span <= 120 ? 1 : 2;
      StringBuilder b = new StringBuilder("timestamp,entity,metric,value\n");
      for (ZonedDateTime t = windowFrom; !t.isAfter(to); t = t.plusMinutes(step)) {
        for (Series s : series.values()) {
          // Requests drop while the same service's error ratio is bad (clients give up); they never surge.
          Series errors = series.get(s.entity + "|http.error_ratio");
          boolean bad = errors != null && errors.badFrom != null && !t.isBefore(errors.badFrom) && t.isBefore(errors.badTo);
          double jitter = 0.85 + r.nextDouble() * 0.3;
          String value = s.metric.equals("http.error_ratio")
              ? String.format(Locale.ROOT, "%.4f", (bad ? s.bad : s.base) * (bad ? jitter : 0.6 + r.nextDouble() * 0.8))
              : String.format(Locale.ROOT, "%.0f", s.base * jitter * (bad ? 0.45 : 1));
          b.append(t.format(iso)).append(',').append(csv(s.entity, s.metric, value)).append('\n');
        }
      }
      return b.toString();
    }

    private String site(String entity) {
      return hostSite.computeIfAbsent(entity, e -> n.pick(sites));
    }

    private <T> void shuffle(List<T> list) {
      for (int i = list.size() - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        T t = list.get(i);
        list.set(i, list.get(j));
        list.set(j, t);
      }
    }
  }
}
