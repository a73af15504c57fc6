package org.hindsight.drill;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.hindsight.ingest.LogKind;

/**
 * Background rows every real incident bundle has and no root-cause rule should care about: logins
 * and sessions, backups, certificate renewals, cron jobs, tickets, disk warnings on unrelated hosts,
 * failed backups and full disks (error, critical) on unrelated hosts, steady healthy metrics of
 * unrelated machines, and a few rows of every other kind ({@link #everyKind}). Event types are outside the contract's list of
 * types the built-in rules understand and metrics stay far below every excursion threshold, so
 * noise can hide the cause from a skimming eye (and severity alone tells nothing) but cannot create
 * a hypothesis. More noise at higher difficulty.
 */
final class BenignNoise {
  private static final List<String> USERS = List.of("amara", "bo", "chen", "dana", "eli", "farah", "gus", "hana",
      "ivan", "jo", "kiri", "lena", "mo", "nia", "omar", "pia", "raj", "sana", "tom", "uma", "vik", "wen", "yuki", "zoe");
  private static final List<String> HOST_ROLES = List.of("ci", "build", "mon", "log", "wiki", "vpn", "jump", "mail", "ldap");
  private static final List<String> JOBS = List.of("logrotate", "db vacuum", "report export", "index rebuild",
      "tmp cleanup", "package mirror sync", "usage rollup");
  private static final List<String> CHECKS = List.of("http-probe", "disk-io", "swap", "ntp-drift", "tls-expiry");

  private final RandomGenerator random;
  private final Names names;
  private final Difficulty difficulty;
  private final ZoneId zone;
  private final List<String> hosts = new ArrayList<>();
  private final List<String> knownEntities;
  private final DateTimeFormatter format = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  BenignNoise(RandomGenerator random, Difficulty difficulty, ZoneId zone, List<String> knownEntities) {
    this.random = random;
    this.names = new Names(random);
    this.difficulty = difficulty;
    this.zone = zone;
    this.knownEntities = List.copyOf(knownEntities);
    int n = 4 + random.nextInt(5);
    // No word of the incident's names in a bystander's name: build-lyon-07 must not look related to lyon-db-1.
    String known = "-" + String.join("-", knownEntities).toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-") + "-";
    for (int tries = 0; hosts.size() < n; tries++) {
      String city = names.city();
      String h = names.pick(HOST_ROLES) + "-" + city + "-" + String.format(Locale.ROOT, "%02d", names.between(1, 12));
      if (!hosts.contains(h) && (tries > 500 || !known.contains("-" + city + "-"))) hosts.add(h);
    }
  }

  List<Map<String, String>> events(Instant from, Instant to) {
    int count = switch (difficulty) {
      case EASY -> names.between(25, 40);
      case MEDIUM -> names.between(80, 120);
      case HARD -> names.between(180, 260);
    };
    List<Map<String, String>> out = new ArrayList<>();
    long span = Math.max(1, Duration.between(from, to).getSeconds());
    for (int i = 0; i < count; i++) {
      Instant t = from.plusSeconds(random.nextLong(span));
      out.add(event(t));
    }
    return out;
  }

  private Map<String, String> event(Instant t) {
    String user = names.pick(USERS);
    String host = names.pick(hosts);
    // Logins land on real machines of the incident too: on-call engineers look around everywhere.
    String anyEntity = !knownEntities.isEmpty() && random.nextInt(3) > 0 ? names.pick(knownEntities) : host;
    return switch (random.nextInt(15)) {
      case 0 -> ev(t, "sso", "user.login", anyEntity, "login ok for " + user + " via vpn", "info");
      case 1 -> ev(t, "bastion", "session.open", anyEntity, "ssh session opened by " + user, "info");
      case 2 -> ev(t, "bastion", "session.close", anyEntity, "ssh session closed by " + user, "info");
      case 3 -> ev(t, "backup", "backup.completed", host, "snapshot finished in " + names.between(40, 900) + " s", "info");
      case 4 -> ev(t, "acme", "cert.renewed", host, "certificate renewed, valid 90 days", "info");
      case 5 -> ev(t, "cron", "job.completed", host, names.pick(JOBS) + " finished", "info");
      case 6 -> ev(t, "monitoring", "disk.usage", host, "/var is " + names.between(70, 86) + "% full", "warning");
      case 7 -> ev(t, "tracker", "ticket.updated", "", "HELP-" + names.between(1000, 9999) + " comment added by " + user, "info");
      case 8 -> ev(t, "dns", "dns.zone_reload", host, "zone " + names.city() + ".example reloaded", "info");
      case 9 -> ev(t, "monitoring", "ntp.offset", host, "clock offset " + names.between(1, 40) + " ms", "info");
      case 10 -> ev(t, "ci", "deploy.finished", names.word() + "-web-staging",
          "build #" + names.between(100, 9999) + " deployed to staging by " + user, "info");
      case 11 -> ev(t, "backup", "backup.failed", host, "snapshot failed: target unreachable, retry in 1 h", "error");
      case 12 -> ev(t, "monitoring", "disk.full", host, "/var/log is 100% full, rotation forced", "critical");
      case 13 -> ev(t, "mail", "queue.stuck", host, names.between(200, 900) + " messages deferred for 10 min", "error");
      default -> ev(t, "monitoring", "check.flap", host, names.pick(CHECKS) + " flapped once, recovered", "warning");
    };
  }

  private Map<String, String> ev(Instant t, String source, String type, String entity, String message, String severity) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("timestamp", time(t));
    v.put("source", source);
    v.put("type", type);
    v.put("entity", entity);
    v.put("message", message);
    v.put("severity", severity);
    return v;
  }

  /**
   * A few harmless rows of every other kind, so no file is empty because of the pattern: routine
   * tickets, read-only shell and switch sessions on unrelated hosts, their links, services,
   * a header key generator no rule uses, healthy requests at an unrelated edge and healthy traces.
   */
  Map<LogKind, List<Map<String, String>>> everyKind(Instant from, Instant to) {
    Map<LogKind, List<Map<String, String>>> out = new EnumMap<>(LogKind.class);
    long span = Math.max(1, Duration.between(from, to).getSeconds());
    String a = hosts.get(0);
    String b = hosts.get(1);
    String pop = "pop-" + names.city() + "-" + names.between(1, 9);
    for (int i = names.between(1, 3); i > 0; i--) {
      add(out, LogKind.CHANGES, "ticket", "CHG-" + names.between(10000, 99999), "summary", names.pick(JOBS) + " on " + names.pick(hosts));
      Instant t = from.plusSeconds(random.nextLong(span));
      add(out, LogKind.OPS_COMMANDS, "timestamp", time(t), "operator", names.pick(USERS), "command",
          names.pick(List.of("uptime", "df -h /var", "systemctl status cron", "journalctl -u backup -n 50")), "result", "ok");
      String user = names.pick(USERS);
      for (String c : List.of("show clock", "show interfaces status", "show logging | last 20")) {
        add(out, LogKind.CONFIG_COMMANDS, "timestamp", time(t = t.plusSeconds(5)), "device", b, "session", "vty" + i,
            "user", user, "command", c, "result", "ok");
      }
      add(out, LogKind.REQUESTS, "timestamp", time(t), "datacenter", pop, "server", pop + "-s01", "process", pop + "-s01-w" + i,
          "status", "200", "cookies_valid", "0", "cookies_invalid", "0", "duration_ms", Integer.toString(names.between(20, 90)));
      // a healthy trace between the unrelated hosts' services (no draw: the noise stays as it was for a seed)
      String caller = a.substring(0, a.lastIndexOf('-'));
      String callee = b.substring(0, b.lastIndexOf('-'));
      String trace = String.format("%016x%016x", t.getEpochSecond(), i);
      add(out, LogKind.SPANS, "timestamp", time(t), "trace_id", trace, "span_id", "r" + i, "parent_span_id", "", "service", caller,
          "operation", "GET /status", "duration_ms", "12", "status", "ok");
      add(out, LogKind.SPANS, "timestamp", time(t), "trace_id", trace, "span_id", "c" + i, "parent_span_id", "r" + i, "service", callee,
          "operation", "status", "duration_ms", "3", "status", "ok");
    }
    add(out, LogKind.LINKS, "a", a, "b", b, "protocol", "lldp");
    add(out, LogKind.SERVICES, "service", a.substring(0, a.lastIndexOf('-')));
    add(out, LogKind.DEPENDENCIES, "service", a.substring(0, a.lastIndexOf('-')), "depends_on", b.substring(0, b.lastIndexOf('-')),
        "kind", "soft");
    add(out, LogKind.KEY_GENERATORS, "generator", "hdr_" + names.word(), "kind", "header");
    return out;
  }

  private static void add(Map<LogKind, List<Map<String, String>>> out, LogKind kind, String... pairs) {
    Map<String, String> v = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) v.put(pairs[i], pairs[i + 1]);
    out.computeIfAbsent(kind, k -> new ArrayList<>()).add(v);
  }

  /** Steady, healthy samples of a few unrelated machines (never near an excursion threshold). */
  List<Map<String, String>> metrics(Instant from, Instant to) {
    int machines = switch (difficulty) {
      case EASY -> 2;
      case MEDIUM -> 3;
      case HARD -> 5;
    };
    long span = Math.max(60, Duration.between(from, to).getSeconds());
    long step = Math.max(60, span / 240);
    List<Map<String, String>> out = new ArrayList<>();
    for (int m = 0; m < machines && m < hosts.size(); m++) {
      String host = hosts.get(m);
      double cpu = 10 + random.nextInt(30);
      double mem = 35 + random.nextInt(30);
      Instant start = from.truncatedTo(ChronoUnit.MINUTES);
      for (long s = 0; s <= span; s += step) {
        Instant t = start.plusSeconds(s);
        out.add(metric(t, host, "cpu.util", cpu + random.nextDouble() * 8 - 4));
        out.add(metric(t, host, "mem.used_pct", mem + random.nextDouble() * 2 - 1));
      }
    }
    return out;
  }

  private Map<String, String> metric(Instant t, String entity, String metric, double value) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("timestamp", time(t));
    v.put("entity", entity);
    v.put("metric", metric);
    v.put("value", String.format(Locale.ROOT, "%.1f", value));
    return v;
  }

  private String time(Instant t) {
    return OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), zone).format(format);
  }
}
