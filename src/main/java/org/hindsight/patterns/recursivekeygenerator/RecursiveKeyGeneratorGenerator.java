package org.hindsight.patterns.recursivekeygenerator;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.hindsight.drill.Csv;
import org.hindsight.drill.Difficulty;
import org.hindsight.drill.DrillAnswer;
import org.hindsight.drill.IncidentGenerator;
import org.hindsight.drill.Names;
import org.hindsight.patterns.recursivekeygenerator.KeyGeneratorConfig.Row;

/**
 * Drills of the recursive key generator (Cloudflare, 2024-06-20): a deployed rate-limit rule whose
 * key-generator chain falls back into a cycle; requests carrying valid and invalid cookies together
 * pin the HTTP process that receives them at 100 % CPU until it is restarted, and load balancing
 * and traffic shifts spread the poison across servers and data centres.
 *
 * <ul>
 *   <li>easy: the rule's generator falls back to itself;
 *   <li>medium: a 2- or 3-cycle (sometimes behind one link of chain);
 *   <li>hard: a 3- or 4-cycle behind a tail, a cycle reachable only because the generator's
 *       validator disagrees with the rule's (next to an agreeing twin), or a cycle across two rules'
 *       generators; plus a red herring: an independent backbone-congestion error episode in another
 *       data centre before the first poisoning, or a latent cycle no live rule reaches;
 *   <li>near miss: the same traffic and a genuine traffic surge with high but recovering CPU, over
 *       a chain that terminates for requests with mixed cookies (deep chain, depth-capped self
 *       reference, cycle no live rule reaches, validators that agree), or over a live rule that
 *       can enter a cycle but no request of which carried the trigger (armed, never fired).
 * </ul>
 * The edge is replayed forward with {@link EdgeFleetModel} (the replay's own placement rules), one
 * request at a time, so placement, failures, CPU and shifts in the logs are mutually consistent.
 */
@AutoService(org.hindsight.drill.IncidentGenerator.class)
public final class RecursiveKeyGeneratorGenerator implements IncidentGenerator {
  static final String PATTERN = "recursive-key-generator";
  private static final long MINUTE = 60_000L;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private enum Shape { SELF, CYCLE, VALIDATORS, CROSS_RULE }

  private enum LookAlike { DEEP_CHAIN, GUARDED_SELF, UNREACHABLE_CYCLE, VALIDATORS_AGREE, ARMED_NOT_TRIGGERED }

  private enum Herring { NONE, CONGESTION, LATENT_CYCLE }

  @Override
  public String pattern() {
    return PATTERN;
  }

  /** A request to make: normal traffic, a trigger (valid + invalid cookies for the rule) or a restart wave. */
  private record Item(long millis, int seq, int originDc, boolean trigger, boolean restart) {}

  /** A row of a time-ordered file: its time, a tie-break, the fields after the timestamp. */
  private record Line(long millis, int seq, String rest) {}

  private static final class Lines {
    final List<Line> rows = new ArrayList<>();
    int seq;

    void add(long millis, String... fields) {
      StringBuilder b = new StringBuilder();
      for (String f : fields) {
        if (b.length() > 0) b.append(',');
        b.append(Csv.quote(f));
      }
      rows.add(new Line(millis, seq++, b.toString()));
    }
  }

  @Override
  public DrillAnswer generate(Path dir, RandomGenerator random, Difficulty difficulty, boolean nearMiss) throws IOException {
    Names n = new Names(random);
    ZoneId zone = n.zone();
    long start = n.time(zone).toInstant().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
    boolean hard = difficulty == Difficulty.HARD && !nearMiss;

    // --- topology: data centres of servers of processes, names in sorted order (as the replay sorts)
    int dcCount = switch (difficulty) {
      case EASY -> 2;
      case MEDIUM -> n.between(2, 3);
      case HARD -> n.between(3, 4);
    };
    List<String> dcs = new ArrayList<>();
    while (dcs.size() < dcCount) {
      String d = n.city() + String.format(Locale.ROOT, "%02d", n.between(1, 9));
      if (dcs.stream().noneMatch(x -> x.startsWith(d.substring(0, d.length() - 2)))) dcs.add(d);
    }
    dcs.sort(null);
    List<List<String>> servers = new ArrayList<>();
    List<List<List<String>>> procs = new ArrayList<>();
    String serverLetter = n.pick(List.of("n", "e", "m", "x"));
    String procLetter = n.pick(List.of("w", "h", "p"));
    int procsPerServer = n.between(2, 3);
    for (String d : dcs) {
      int count = n.between(2, 3);
      int first = n.between(1, 20);
      List<String> ss = new ArrayList<>();
      List<List<String>> ps = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String s = d + "-" + serverLetter + String.format(Locale.ROOT, "%02d", first + i);
        ss.add(s);
        List<String> mine = new ArrayList<>();
        for (int j = 1; j <= procsPerServer; j++) mine.add(s + "-" + procLetter + j);
        ps.add(mine);
      }
      servers.add(ss);
      procs.add(ps);
    }
    EdgeFleetModel edge = new EdgeFleetModel(dcs, servers, procs);

    // --- rules and key generators
    KeyGeneratorConfig keys = new KeyGeneratorConfig(n);
    List<String> ruleNames = new ArrayList<>();
    String rule = ruleName(n, ruleNames, List.of("ddos-l7", "bot", "shield", "abuse", "l7-guard", "flood"));
    List<String> ipRoots = new ArrayList<>();
    for (int i = 0; i < n.between(1, 2); i++) ipRoots.add(keys.add(Row.of(keys.name("ip"), "ip", "")).generator());

    Shape shape = nearMiss ? null : switch (difficulty) {
      case EASY -> Shape.SELF;
      case MEDIUM -> Shape.CYCLE;
      case HARD -> n.pick(List.of(Shape.CYCLE, Shape.VALIDATORS, Shape.CROSS_RULE));
    };
    LookAlike look = nearMiss ? n.pick(List.of(LookAlike.values())) : null;
    Herring herring = hard ? n.pick(List.of(Herring.CONGESTION, Herring.LATENT_CYCLE)) : Herring.NONE;

    String silentRule = ""; // a live rule whose chain is part of the cycle but whose traffic never carries the trigger
    List<String> triggerFreeRules = new ArrayList<>();
    String intendedClosing = null;
    if (shape != null) {
      switch (shape) {
        case SELF -> {
          String e = keys.name("cookie");
          Row r = Row.of(e, "cookie", e).rule(rule);
          if (random.nextBoolean()) {
            String vr = keys.validatorOtherThan();
            r = r.validators(keys.validatorOtherThan(vr), vr);
          }
          keys.add(r);
          intendedClosing = e;
        }
        case CYCLE -> {
          int k = hard ? n.between(3, 4) : n.between(2, 3);
          int tail = hard ? n.between(1, 2) : (k == 2 ? n.between(0, 1) : 0);
          intendedClosing = chain(keys, rule, tail, k, n);
        }
        case VALIDATORS -> {
          String vr = keys.validatorOtherThan();
          String e = keys.name("cookie");
          boolean self = random.nextBoolean();
          String x = self ? e : keys.name("cookie");
          keys.add(Row.of(e, "cookie", x).rule(rule).validators(keys.validatorOtherThan(vr), vr));
          if (!self) keys.add(Row.of(x, "cookie", e).validators(keys.validatorOtherThan(vr), ""));
          intendedClosing = x;
          // its twin: the same loop, but the generators check what the rule checked
          String twinRule = ruleName(n, ruleNames, List.of("bot", "shield", "login-guard", "api-guard"));
          String v2 = keys.validatorOtherThan();
          String e2 = keys.name("cookie");
          String x2 = keys.name("cookie");
          keys.add(Row.of(e2, "cookie", x2).rule(twinRule).validators(v2, v2));
          keys.add(Row.of(x2, "cookie", e2).validators(v2, ""));
          triggerFreeRules.add(twinRule); // listed so it gets deployed; its triggers are harmless (below)
        }
        case CROSS_RULE -> {
          silentRule = ruleName(n, ruleNames, List.of("waf", "api-guard", "login-guard"));
          String e1 = keys.name("cookie");
          String kind2 = n.pick(List.of("jwt", "header"));
          String e2 = keys.name(kind2);
          boolean middle = random.nextBoolean();
          String m = middle ? keys.name("header") : e2;
          keys.add(Row.of(e1, "cookie", e2).rule(rule));
          keys.add(Row.of(e2, kind2, middle ? m : e1).rule(silentRule));
          if (middle) keys.add(Row.of(m, "header", e1));
          intendedClosing = m;
        }
      }
    } else {
      switch (look) {
        case DEEP_CHAIN -> {
          int len = n.between(4, 7);
          List<String> kinds = new ArrayList<>(List.of("cookie"));
          List<String> walk = new ArrayList<>(List.of(keys.name("cookie")));
          for (int i = 1; i < len; i++) {
            kinds.add(keys.chainKind());
            walk.add(keys.name(kinds.get(i)));
          }
          for (int i = 0; i < len; i++) {
            Row r = Row.of(walk.get(i), kinds.get(i), i + 1 < len ? walk.get(i + 1) : n.pick(ipRoots));
            keys.add(i == 0 ? r.rule(rule) : r);
          }
        }
        case GUARDED_SELF -> {
          String e = keys.name("cookie");
          String vr = keys.validatorOtherThan();
          keys.add(Row.of(e, "cookie", e).rule(rule).validators(keys.validatorOtherThan(vr), vr).guard(n.between(1, 5)));
        }
        case UNREACHABLE_CYCLE -> {
          String e = keys.name("cookie");
          keys.add(Row.of(e, "cookie", n.pick(ipRoots)).rule(rule));
          latentCycle(keys, n, ruleNames, random.nextBoolean());
        }
        case ARMED_NOT_TRIGGERED -> chain(keys, rule, n.between(0, 1), n.between(1, 2), n);
        case VALIDATORS_AGREE -> {
          String v = keys.validatorOtherThan();
          String e = keys.name("cookie");
          String x = keys.name("cookie");
          keys.add(Row.of(e, "cookie", x).rule(rule).validators(v, v));
          keys.add(Row.of(x, "cookie", e).validators(v, ""));
        }
      }
    }
    if (herring == Herring.LATENT_CYCLE) latentCycle(keys, n, ruleNames, random.nextBoolean());

    // rules whose chains end at an ip key: the everyday traffic
    List<String> otherRules = new ArrayList<>(triggerFreeRules);
    int decor = difficulty == Difficulty.EASY ? n.between(1, 2) : n.between(2, 3);
    for (int i = 0; i < decor; i++) {
      String r = ruleName(n, ruleNames, List.of("waf", "ratelimit", "api-guard", "login-guard", "geo", "scraper"));
      otherRules.add(r);
      String kind = keys.chainKind();
      String e = keys.name(kind);
      boolean viaHeader = random.nextBoolean();
      String h = viaHeader ? keys.name("header") : null;
      Row entry = Row.of(e, kind, viaHeader ? h : n.pick(ipRoots)).rule(r);
      if (random.nextInt(3) == 0) {
        String v = keys.validatorOtherThan();
        entry = entry.validators(v, random.nextBoolean() ? v : keys.validatorOtherThan(v));
      }
      if (random.nextInt(4) == 0) entry = entry.guard(n.between(2, 6));
      keys.add(entry);
      if (viaHeader) keys.add(Row.of(h, "header", n.pick(ipRoots)));
    }
    if (!silentRule.isEmpty()) otherRules.add(silentRule);
    for (int i = 0; i < n.between(0, 2); i++) keys.add(Row.of(keys.name("header"), "header", n.pick(ipRoots)));
    shuffle(keys.rows, random);

    boolean armed = look == LookAlike.ARMED_NOT_TRIGGERED;
    boolean loops = keys.loops(rule);
    if (loops != (!nearMiss || armed)) throw new IllegalStateException("key chain of " + rule + " loops=" + loops + ": " + keys.walk(rule));
    for (String r : otherRules) {
      if (!r.equals(silentRule) && keys.loops(r)) throw new IllegalStateException("everyday rule " + r + " loops");
    }
    String closing = loops && !nearMiss ? keys.closing(rule) : null;
    if (closing != null && !closing.equals(intendedClosing)) {
      throw new IllegalStateException("closing row " + closing + " is not the intended " + intendedClosing);
    }

    // --- timeline
    Lines events = new Lines();
    long deployed = start - n.between(20, 120) * MINUTE - n.between(0, 59) * 1000L;
    int stages = n.between(1, 4);
    long stageAt = deployed;
    for (int i = 0; i < stages; i++) {
      String msg = stages == 1 ? "rule rollout: all data centres"
          : "rule rollout stage " + (i + 1) + "/" + stages + (i + 1 == stages ? ": all data centres" : "");
      events.add(stageAt, "rules-deploy", "rule.deploy", rule, msg, "info", "");
      stageAt += n.between(6, 15) * MINUTE + n.between(0, 59) * 1000L;
    }
    for (String r : otherRules) {
      if (random.nextBoolean() || r.equals(silentRule) || triggerFreeRules.contains(r)) {
        events.add(start - n.between(30, 600) * MINUTE - n.between(0, 59) * 1000L, "rules-deploy", "rule.deploy", r,
            n.pick(List.of("managed ruleset update", "rule update", "threshold tuning", "new rule")), "info", "");
      }
    }
    long firstTrigger;
    long congestionFrom = -1;
    long congestionTo = -1;
    int congestedDc = -1;
    int firstDc = random.nextInt(dcs.size());
    if (herring == Herring.CONGESTION) {
      congestionFrom = start + n.between(5, 9) * MINUTE + n.between(0, 59) * 1000L;
      congestionTo = congestionFrom + n.between(8, 14) * MINUTE;
      firstTrigger = congestionTo + n.between(2, 8) * MINUTE + n.between(0, 59_999);
      congestedDc = (firstDc + 1 + random.nextInt(dcs.size() - 1)) % dcs.size();
      String link = "bb-" + dcs.get(congestedDc) + "-" + n.city();
      events.add(congestionFrom - n.between(1, 3) * MINUTE, "netmon", "link.congestion", link,
          "automated re-route moved traffic onto backbone link " + link + "; link saturated", "warning", "");
      events.add(congestionTo, "netmon", "link.restored", link, "backbone link congestion cleared", "info", "");
    } else {
      firstTrigger = start + n.between(12, 22) * MINUTE + n.between(0, 59_999);
    }

    List<Item> items = new ArrayList<>();
    int seq = 0;
    long end;
    long disable = Long.MAX_VALUE;
    List<Long> waves = new ArrayList<>();
    long surgeFrom = -1;
    long surgeTo = -1;
    boolean[] surging = new boolean[dcs.size()];
    double surgeExtra = 0;
    if (!nearMiss) {
      long declared = firstTrigger + n.between(5, 12) * MINUTE + n.between(0, 59) * 1000L;
      events.add(declared, "incident", "incident.declared", "http-proxy",
          "Incident declared: HTTP processes at high CPU, rising 5xx", "critical", "");
      long w = declared + n.between(6, 12) * MINUTE;
      w = w - Math.floorMod(w, MINUTE) + 30_000;
      int waveCount = n.between(1, 3);
      for (int i = 0; i < waveCount; i++) {
        waves.add(w);
        w += n.between(5, 9) * MINUTE;
      }
      // disabled well before the last wave, so every process still stuck then shows on the CPU dashboard
      disable = w - n.between(2, 4) * MINUTE + n.between(0, 29) * 1000L;
      events.add(disable, "rules-deploy", "rule.disable", rule, "rule disabled globally", "warning", "");
      waves.add(w); // the last wave restarts everything still stuck
      long resolved = w + n.between(3, 8) * MINUTE;
      events.add(resolved, "statuspage", "service.up", "http-proxy", "error rates back to baseline", "info", "");
      events.add(resolved + n.between(1, 5) * MINUTE, "incident", "incident.resolved", "http-proxy", "Incident resolved", "info", "");
      end = w + n.between(10, 18) * MINUTE;
      for (long t : waves) items.add(new Item(t, seq++, -1, false, true));
    } else {
      surgeFrom = start + n.between(15, 35) * MINUTE;
      surgeTo = surgeFrom + n.between(8, 15) * MINUTE;
      surgeExtra = 58 + random.nextDouble() * 10;
      surging[random.nextInt(dcs.size())] = true;
      if (random.nextBoolean()) surging[random.nextInt(dcs.size())] = true;
      for (int d = 0; d < dcs.size(); d++) {
        if (surging[d]) {
          events.add(surgeFrom + n.between(0, 90) * 1000L, "netmon", "traffic.surge", dcs.get(d),
              "request rate " + (2 + random.nextInt(3)) + "x baseline in " + dcs.get(d), "warning", "");
        }
      }
      if (random.nextBoolean()) {
        events.add(surgeFrom + n.between(3, 6) * MINUTE, "incident", "incident.declared", "http-proxy",
            "Incident declared: HTTP processes at high CPU", "critical", "");
        long resolved = surgeTo + n.between(4, 9) * MINUTE;
        events.add(resolved, "statuspage", "service.up", "http-proxy", "latency back to baseline", "info", "");
        events.add(resolved + n.between(1, 5) * MINUTE, "incident", "incident.resolved", "http-proxy", "Incident resolved", "info", "");
      }
      end = Math.max(surgeTo, firstTrigger) + n.between(25, 40) * MINUTE;
    }
    // a routine restart of a healthy worker, long before anything happens
    if (random.nextBoolean()) {
      int p = random.nextInt(edge.processNames.length);
      events.add(start + n.between(1, 8) * MINUTE + n.between(0, 59) * 1000L, "deployer", "process.restart",
          edge.processNames[p], "rolling restart after config push", "info", "");
    }

    // triggers: the first one, then a few per data centre per hour while the rule is live
    long lastTrigger = armed ? firstTrigger : Math.min(disable, end - 10 * MINUTE);
    if (!armed) items.add(new Item(firstTrigger, seq++, firstDc, true, false));
    double perMinute = 0.05 + random.nextDouble() * 0.07;
    for (long m = firstTrigger / MINUTE + 1; (m + 1) * MINUTE < lastTrigger; m++) {
      for (int d = 0; d < dcs.size(); d++) {
        if (random.nextDouble() < perMinute) items.add(new Item(m * MINUTE + random.nextInt(60_000), seq++, d, true, false));
      }
    }

    // --- replay forward, minute by minute
    int rate = difficulty == Difficulty.HARD ? n.between(4, 6) : n.between(3, 5);
    double[] ttfbBase = new double[dcs.size()];
    for (int d = 0; d < dcs.size(); d++) ttfbBase[d] = 80 + random.nextInt(80);
    Lines requests = new Lines();
    Lines metrics = new Lines();
    items.sort(Comparator.comparingLong(Item::millis).thenComparing(Item::restart, Comparator.reverseOrder())
        .thenComparingInt(Item::seq));
    int next = 0;
    int minutes = (int) ((end - start) / MINUTE);
    for (int m = 0; m < minutes; m++) {
      long from = start + m * MINUTE;
      long to = from + MINUTE;
      List<Item> batch = new ArrayList<>();
      while (next < items.size() && items.get(next).millis() < to) batch.add(items.get(next++));
      if (m == 0) { // every process answers something early, so the replay sees the whole fleet
        for (int p = 0; p < edge.processNames.length; p++) batch.add(new Item(from + random.nextInt(60_000), seq++, -2 - p, false, false));
      } else {
        for (int d = 0; d < dcs.size(); d++) {
          boolean surge = surging[d] && from >= surgeFrom && from < surgeTo;
          int k = rate + random.nextInt(3) - 1 + (surge ? rate : 0);
          for (int i = 0; i < k; i++) batch.add(new Item(from + random.nextInt(60_000), seq++, d, false, false));
        }
      }
      batch.sort(Comparator.comparingLong(Item::millis).thenComparing(Item::restart, Comparator.reverseOrder())
          .thenComparingInt(Item::seq));
      for (Item it : batch) {
        if (it.restart()) {
          restartWave(edge, it.millis(), it.millis() == waves.get(waves.size() - 1), from, random, events);
          continue;
        }
        EdgeFleetModel.Placement at;
        if (it.originDc() <= -2) {
          int p = -2 - it.originDc();
          at = new EdgeFleetModel.Placement(edge.dcOf(p), edge.serverOfProcess[p], p);
        } else {
          at = edge.place(it.originDc(), random);
        }
        boolean live = it.millis() >= deployed && it.millis() < disable;
        String r;
        int valid;
        int invalid;
        int status;
        int duration = 15 + random.nextInt(390);
        boolean congested = at.dc() == congestedDc && it.millis() >= congestionFrom && it.millis() < congestionTo;
        if (it.trigger()) {
          r = rule;
          valid = 1 + random.nextInt(2);
          invalid = 1 + random.nextInt(3);
          if (edge.poisoned(at.process())) {
            status = 502;
            duration = 30_000;
          } else if (live && loops) {
            edge.poison(at.process(), it.millis());
            status = 504;
            duration = 30_000;
          } else {
            status = random.nextInt(3) == 0 ? 200 : 429;
            duration = 20 + random.nextInt(180);
          }
        } else {
          double u = random.nextDouble();
          if (u < 0.62) {
            r = "";
            valid = random.nextInt(3) == 0 ? 1 : 0;
            invalid = 0;
            if (random.nextInt(40) == 0) { // clients do send stale cookies next to fresh ones
              valid = 1;
              invalid = 1;
            }
            status = 200;
          } else if (u < 0.80 && !otherRules.isEmpty()) {
            r = n.pick(otherRules);
            valid = random.nextInt(2);
            invalid = valid == 0 ? random.nextInt(2) : 0;
            status = valid == 0 && invalid > 0 ? 403 : 200;
            if (!r.equals(silentRule) && random.nextInt(12) == 0) {
              valid = 1;
              invalid = 1 + random.nextInt(2);
              status = 429;
            }
          } else if (live) {
            r = rule;
            if (random.nextDouble() < 0.8) {
              valid = 1;
              invalid = 0;
              status = 200;
            } else {
              valid = 0;
              invalid = 1 + random.nextInt(2);
              status = 403;
            }
          } else {
            r = "";
            valid = 1;
            invalid = 0;
            status = 200;
          }
          if (edge.poisoned(at.process())) {
            status = 502;
            duration = 30_000;
          } else if (congested && random.nextInt(8) == 0) {
            status = random.nextBoolean() ? 503 : 504;
            duration = 2_000 + random.nextInt(9_000);
          }
        }
        String client = (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        requests.add(it.millis(), edge.dcNames[at.dc()], edge.serverNames[at.server()], edge.processNames[at.process()],
            Integer.toString(status), r, Integer.toString(valid), Integer.toString(invalid), Integer.toString(duration), client);
      }
      // samples at the end of the minute
      for (int d = 0; d < dcs.size(); d++) {
        boolean surge = surging[d] && to > surgeFrom && to <= surgeTo;
        double load = 1 + edge.carried(d);
        for (int s : edge.serversOfDc[d]) {
          for (int p : edge.processesOfServer[s]) {
            double v;
            if (edge.poisoned(p)) {
              v = 99 + random.nextDouble();
            } else {
              v = Math.min(78, 20 + 13 * load + random.nextGaussian() * 3);
              if (surge) v = Math.min(97, v + surgeExtra + random.nextDouble() * 3);
            }
            metrics.add(to, edge.processNames[p], "cpu.util", fmt1(Math.max(1, v)));
          }
        }
        double er = edge.errorShare(d) + 0.001 + random.nextDouble() * 0.002;
        double ttfb = ttfbBase[d] * (1 + 3 * edge.dcShare(d)) + random.nextGaussian() * 5;
        if (d == congestedDc && to > congestionFrom && to <= congestionTo) {
          er += 0.06 + random.nextDouble() * 0.05;
          ttfb *= 3.5 + random.nextDouble() * 1.5;
        }
        if (surge) {
          er += random.nextDouble() * 0.01;
          ttfb *= 1.3 + random.nextDouble() * 0.4;
        }
        metrics.add(to, dcs.get(d), "http.error_ratio", String.format(Locale.ROOT, "%.4f", er));
        metrics.add(to, dcs.get(d), "ttfb.p99_ms", String.format(Locale.ROOT, "%.0f", Math.max(5, ttfb)));
      }
    }
    for (EdgeFleetModel.Shift s : edge.shifts) {
      String from = dcs.get(s.from());
      if (s.from() == s.to()) {
        events.add(s.millis(), "traffic-manager", "traffic.shift", from, "traffic returned to " + from, "info", from);
      } else {
        String to = dcs.get(s.to());
        events.add(s.millis(), "traffic-manager", "traffic.shift", from, "CPU high in " + from + ": new traffic moved to " + to,
            "warning", to);
      }
    }

    // --- files
    // events and metrics at whole seconds, like the other rows of those files; sampled requests carry milliseconds
    write(dir.resolve("events.csv"), "timestamp,source,type,entity,message,severity,to", events, zone, SECONDS);
    write(dir.resolve("requests.csv"), "timestamp,datacenter,server,process,status,rule,cookies_valid,cookies_invalid,duration_ms,client",
        requests, zone, TIME);
    write(dir.resolve("metrics.csv"), "timestamp,entity,metric,value", metrics, zone, SECONDS);
    StringBuilder inv = new StringBuilder("entity,type,site,service,role,location,parent\n");
    for (int d = 0; d < dcs.size(); d++) {
      String dc = dcs.get(d);
      String loc = dc.toUpperCase(Locale.ROOT);
      inv.append(dc).append(",datacenter,").append(dc).append(",edge,,").append(loc).append(",\n");
      for (int s : edge.serversOfDc[d]) {
        inv.append(edge.serverNames[s]).append(",server,").append(dc).append(",edge,,").append(loc).append(',').append(dc).append('\n');
        for (int p : edge.processesOfServer[s]) {
          inv.append(edge.processNames[p]).append(",process,").append(dc).append(",http-proxy,,").append(loc).append(',')
              .append(edge.serverNames[s]).append('\n');
        }
      }
    }
    Files.writeString(dir.resolve("inventory.csv"), inv, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("key-generators.csv"), keys.csv(), StandardCharsets.UTF_8);
    if (nearMiss) return DrillAnswer.none();
    return new DrillAnswer(PATTERN, closing, "key-generators.csv", keys.line(closing), "");
  }

  /** entry → tail… → c1 → … → ck → c1; returns ck, the row that closes the cycle. */
  private static String chain(KeyGeneratorConfig keys, String rule, int tail, int k, Names n) {
    List<String> walk = new ArrayList<>();
    List<String> kinds = new ArrayList<>(List.of("cookie"));
    walk.add(keys.name("cookie"));
    for (int i = 1; i < tail + k; i++) {
      kinds.add(keys.chainKind());
      walk.add(keys.name(kinds.get(i)));
    }
    String c1 = walk.get(tail);
    for (int i = 0; i < walk.size(); i++) {
      String parent = i + 1 < walk.size() ? walk.get(i + 1) : c1;
      Row r = Row.of(walk.get(i), kinds.get(i), parent);
      keys.add(i == 0 ? r.rule(rule) : r);
    }
    return walk.get(walk.size() - 1);
  }

  /** A cycle no live rule reaches: nobody's chain, or the chain of a rule that was never deployed. */
  private static void latentCycle(KeyGeneratorConfig keys, Names n, List<String> ruleNames, boolean ofUndeployedRule) {
    if (ofUndeployedRule) {
      String r = ruleName(n, ruleNames, List.of("ddos-l7", "bot", "shield", "abuse"));
      String e = keys.name("cookie");
      keys.add(Row.of(e, "cookie", e).rule(r));
      return;
    }
    int k = n.between(2, 3);
    List<String> kinds = new ArrayList<>();
    List<String> cycle = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      kinds.add(keys.chainKind());
      cycle.add(keys.name(kinds.get(i)));
    }
    for (int i = 0; i < k; i++) keys.add(Row.of(cycle.get(i), kinds.get(i), cycle.get((i + 1) % k)));
  }

  private static String ruleName(Names n, List<String> taken, List<String> prefixes) {
    while (true) {
      String r = n.pick(prefixes) + "-" + n.word() + (n.between(0, 1) == 0 ? "" : "-" + n.between(2, 9));
      if (!taken.contains(r)) {
        taken.add(r);
        return r;
      }
    }
  }

  /**
   * Restarts the stuck processes of one data centre, or (last wave) of every data centre: those the
   * CPU dashboard showed pinned at its last sample ({@code sampledAt}), as on-call would see them.
   */
  private static void restartWave(EdgeFleetModel edge, long millis, boolean all, long sampledAt, RandomGenerator random,
      Lines events) {
    List<Integer> stuckDcs = new ArrayList<>();
    for (int p = 0; p < edge.processNames.length; p++) {
      if (edge.poisoned(p) && !stuckDcs.contains(edge.dcOf(p))) stuckDcs.add(edge.dcOf(p));
    }
    if (stuckDcs.isEmpty()) return;
    int only = all ? -1 : stuckDcs.get(random.nextInt(stuckDcs.size()));
    for (int p = 0; p < edge.processNames.length; p++) {
      boolean shown = edge.poisoned(p) && edge.poisonedAt(p) < sampledAt;
      if ((only < 0 || edge.dcOf(p) == only) && shown && edge.restart(p, millis)) {
        events.add(millis, "oncall", "process.restart", edge.processNames[p], "restarted stuck HTTP process", "info", "");
      }
    }
  }

  private static <T> void shuffle(List<T> list, RandomGenerator random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  private static String fmt1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static void write(Path file, String header, Lines lines, ZoneId zone, DateTimeFormatter format) throws IOException {
    List<Line> rows = new ArrayList<>(lines.rows);
    rows.sort(Comparator.comparingLong(Line::millis).thenComparingInt(Line::seq));
    StringBuilder b = new StringBuilder(header).append('\n');
    for (Line l : rows) b.append(format.format(Instant.ofEpochMilli(format == SECONDS ? l.millis() - Math.floorMod(l.millis(), 1000L) : l.millis()).atZone(zone))).append(',').append(l.rest()).append('\n');
    Files.writeString(file, b, StandardCharsets.UTF_8);
  }
}
