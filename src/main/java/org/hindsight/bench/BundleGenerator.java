package org.hindsight.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a synthetic incident bundle of about {@code rows} CSV rows across every kind, shaped like a
 * real one: mostly metric samples and sampled requests, some events, a few operator and device
 * commands, and a small world (inventory, links, services, dependencies, changes, key generators)
 * that grows with the bundle. The incident lasts six hours; a site loses power half way, so rules
 * and derivers have real work. Deterministic for a given size and seed.
 */
public final class BundleGenerator {
  /** Share of the rows per bulk kind; the world's kinds take what is left. */
  static final double METRICS = 0.60, REQUESTS = 0.33, EVENTS = 0.055, CONFIG = 0.01, OPS = 0.002;

  private static final long START = Instant.parse("2024-06-20T12:00:00Z").getEpochSecond();
  private static final long SPAN_SECONDS = 6 * 3600;
  private static final String[] METRIC_NAMES = {"cpu.util", "requests.rate", "http.error_ratio", "igp.routes"};
  private static final String[] EVENT_TYPES = {"process.restart", "app.log", "app.log", "app.log", "adjacency.up",
      "adjacency.down", "service.degraded", "traffic.shift", "rule.deploy"};
  private static final String[] SEVERITIES = {"info", "info", "info", "warning", "error"};
  private static final String[] CLI = {"configure terminal", "interface Ethernet%d", "description uplink %d",
      "router isis %d", "net 49.0001.%04d.00", "exit", "show running-config", "end"};

  private final long rows;
  private final long seed;

  public BundleGenerator(long rows, long seed) {
    if (rows < 1000) throw new IllegalArgumentException("at least 1000 rows");
    this.rows = rows;
    this.seed = seed;
  }

  /** What was written. */
  public record Written(long rows, long bytes, List<Path> files) {}

  public Written writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    SplittableRandom rnd = new SplittableRandom(seed);
    World w = new World(rows, rnd);
    List<Path> files = new ArrayList<>();
    long written = 0;
    written += w.inventory(open(dir, "inventory.csv", files));
    written += w.links(open(dir, "links.csv", files));
    written += w.services(open(dir, "services.csv", files));
    written += w.dependencies(open(dir, "dependencies.csv", files));
    written += w.changes(open(dir, "changes.csv", files));
    written += w.keyGenerators(open(dir, "key-generators.csv", files));
    long bulk = rows - written;
    // Two metric files in different offsets, as when two collectors feed one bundle.
    long metrics = (long) (bulk * METRICS / (METRICS + REQUESTS + EVENTS + CONFIG + OPS));
    written += w.metrics(open(dir, "metrics-routers.csv", files), metrics / 2, 0, rnd, ZoneOffset.UTC);
    written += w.metrics(open(dir, "metrics-servers.csv", files), metrics - metrics / 2, 1, rnd, ZoneOffset.ofHours(9));
    written += w.events(open(dir, "events.csv", files), (long) (bulk * EVENTS), rnd);
    written += w.configCommands(open(dir, "config-commands.csv", files), (long) (bulk * CONFIG), rnd);
    written += w.opsCommands(open(dir, "ops-commands.csv", files), Math.max(1, (long) (bulk * OPS)), rnd);
    written += w.requests(open(dir, "requests.csv", files), Math.max(1, rows - written), rnd);
    long bytes = 0;
    for (Path f : files) bytes += Files.size(f);
    return new Written(written, bytes, files);
  }

  private static BufferedWriter open(Path dir, String name, List<Path> files) throws IOException {
    Path p = dir.resolve(name);
    files.add(p);
    return Files.newBufferedWriter(p, StandardCharsets.UTF_8);
  }

  /** The generated world: names scale with the bundle so joins stay realistic. */
  private static final class World {
    final int sites;
    final int routers;
    final int servers;
    final int services;
    final String[] serviceNames;
    final int outageSite;

    World(long rows, SplittableRandom rnd) {
      this.sites = (int) Math.max(3, Math.min(40, rows / 250_000));
      this.routers = (int) Math.max(8, Math.min(400, rows / 25_000));
      this.servers = (int) Math.max(20, Math.min(4000, rows / 2_500));
      this.services = (int) Math.max(5, Math.min(200, rows / 50_000));
      this.serviceNames = new String[services];
      for (int i = 0; i < services; i++) serviceNames[i] = "svc" + i;
      this.outageSite = rnd.nextInt(sites);
    }

    String site(int i) {
      return "site" + i;
    }

    String router(int i) {
      return "rt" + i;
    }

    String server(int i) {
      return "srv" + i;
    }

    int siteOfServer(int i) {
      return i % sites;
    }

    long inventory(BufferedWriter out) throws IOException {
      try (out) {
        out.write("entity,type,site,service,role,platform,location,parent,rack\n");
        long n = 0;
        String[] platforms = {"ios", "iosxr", "junos", "sros"};
        for (int i = 0; i < routers; i++, n++) {
          out.write(router(i) + ",router," + site(i % sites) + ",,," + platforms[i % 4] + ",hall " + (i % 3) + ",,r" + i + "\n");
        }
        for (int i = 0; i < servers; i++, n++) {
          String role = i % 3 == 0 ? "primary" : i % 3 == 1 ? "replica" : "standby";
          out.write(server(i) + ",server," + site(siteOfServer(i)) + "," + serviceNames[i % services] + "," + role
              + ",,,dc" + siteOfServer(i) + ",s" + i + "\n");
        }
        return n;
      }
    }

    long links(BufferedWriter out) throws IOException {
      try (out) {
        out.write("a,b,protocol,latency_ms\n");
        long n = 0;
        for (int i = 0; i < routers; i++) {
          out.write(router(i) + "," + router((i + 1) % routers) + ",isis," + (1 + i % 7) + "\n");
          n++;
          if (i % 4 == 0) {
            out.write(router(i) + "," + router((i + routers / 2) % routers) + ",bgp,12.5\n");
            n++;
          }
        }
        return n;
      }
    }

    long services(BufferedWriter out) throws IOException {
      try (out) {
        out.write("service,min_hosts,critical,restart_minutes\n");
        for (String s : serviceNames) out.write(s + "," + Math.max(1, servers / services / 3) + ",true,15\n");
        return services;
      }
    }

    long dependencies(BufferedWriter out) throws IOException {
      try (out) {
        out.write("service,depends_on,kind\n");
        long n = 0;
        for (int i = 1; i < services; i++) {
          out.write(serviceNames[i] + "," + serviceNames[i / 2] + ",hard\n");
          n++;
          if (i % 3 == 0) {
            out.write(serviceNames[i] + "," + serviceNames[(i + 1) % services] + ",soft\n");
            n++;
          }
        }
        return n;
      }
    }

    long changes(BufferedWriter out) throws IOException {
      try (out) {
        out.write("ticket,summary,service,scope,max_hosts,window_start,window_end,approved_by\n");
        int n = Math.max(2, services / 4);
        for (int i = 0; i < n; i++) {
          out.write("CHG-" + (1000 + i) + ",\"Resize " + serviceNames[i % services] + ", step " + i + "\","
              + serviceNames[i % services] + "," + serviceNames[i % services] + "-*,2,"
              + Stamp.format(START + 3600L * i % SPAN_SECONDS, ZoneOffset.UTC) + ","
              + Stamp.format(START + 3600L * i % SPAN_SECONDS + 1800, ZoneOffset.UTC) + ",cab\n");
        }
        return n;
      }
    }

    long keyGenerators(BufferedWriter out) throws IOException {
      try (out) {
        out.write("generator,kind,parent,rule\n");
        int n = Math.max(4, services / 2);
        String[] kinds = {"ip", "cookie", "header", "jwt"};
        for (int i = 0; i < n; i++) {
          out.write("gen" + i + "," + kinds[i % 4] + "," + (i == 0 ? "" : "gen" + (i - 1)) + ",rl" + i + "\n");
        }
        return n;
      }
    }

    /** Round-robin over series, one sample per series per step, in time order. */
    long metrics(BufferedWriter out, long count, int half, SplittableRandom rnd, ZoneOffset offset) throws IOException {
      try (out) {
        out.write("timestamp,entity,metric,value\n");
        int entities = half == 0 ? routers : servers;
        int seriesCount = entities * METRIC_NAMES.length;
        long steps = Math.max(1, count / seriesCount);
        if (steps < 30) {
          // few rows: fewer series, each long enough to have a baseline
          seriesCount = (int) Math.max(1, count / 30);
          steps = Math.max(1, count / seriesCount);
        }
        double stepSeconds = (double) SPAN_SECONDS / steps;
        long n = 0;
        double[] base = new double[seriesCount];
        for (int s = 0; s < seriesCount; s++) base[s] = baseline(METRIC_NAMES[s % METRIC_NAMES.length], rnd);
        StringBuilder line = new StringBuilder(96);
        for (long k = 0; n < count; k++) {
          long t = START + (long) (k * stepSeconds);
          boolean outage = t >= START + SPAN_SECONDS / 2 && t < START + SPAN_SECONDS / 2 + 1800;
          String stamp = Stamp.format(t, offset);
          for (int s = 0; s < seriesCount && n < count; s++, n++) {
            int entity = s / METRIC_NAMES.length;
            String metric = METRIC_NAMES[s % METRIC_NAMES.length];
            boolean hit = outage && (half == 0 ? entity % sites == outageSite : siteOfServer(entity) == outageSite);
            double v = base[s] * (0.95 + 0.1 * rnd.nextDouble());
            if (hit) v = spike(metric, base[s]);
            line.setLength(0);
            line.append(stamp).append(',').append(half == 0 ? router(entity) : server(entity)).append(',').append(metric).append(',');
            appendValue(line, v);
            out.append(line).append('\n');
          }
        }
        return n;
      }
    }

    private static double baseline(String metric, SplittableRandom rnd) {
      return switch (metric) {
        case "cpu.util" -> 20 + 30 * rnd.nextDouble();
        case "http.error_ratio" -> 0.001 + 0.005 * rnd.nextDouble();
        case "igp.routes" -> 800 + rnd.nextInt(400);
        default -> 100 + rnd.nextInt(900);
      };
    }

    private static double spike(String metric, double base) {
      return switch (metric) {
        case "cpu.util" -> 99;
        case "http.error_ratio" -> 0.4;
        case "igp.routes" -> base * 12;
        default -> base * 0.1;
      };
    }

    private static void appendValue(StringBuilder sb, double v) {
      // three decimals without String.format: the generator should not be the slow part
      long milli = Math.round(v * 1000);
      sb.append(milli / 1000).append('.');
      long frac = milli % 1000;
      if (frac < 100) sb.append('0');
      if (frac < 10) sb.append('0');
      sb.append(frac);
    }

    long events(BufferedWriter out, long count, SplittableRandom rnd) throws IOException {
      try (out) {
        out.write("timestamp,source,type,entity,message,severity,host\n");
        long n = 0;
        long power = START + SPAN_SECONDS / 2;
        out.write(Stamp.format(power, ZoneOffset.UTC) + ",bms,site.power_loss," + site(outageSite)
            + ",\"utility feed lost, generators failed to start\",critical,bms1\n");
        n++;
        for (int s = 0; s < services && n < count; s++) {
          out.write(Stamp.format(power + 60 + s, ZoneOffset.UTC) + ",monitor,service.degraded," + serviceNames[s]
              + ",\"error ratio above 5 %\",error,mon1\n");
          n++;
        }
        long rest = Math.max(1, count - n - 1);
        for (long k = 0; n < count - 1; k++, n++) {
          long t = START + k * SPAN_SECONDS / rest;
          String type = EVENT_TYPES[rnd.nextInt(EVENT_TYPES.length)];
          int srv = rnd.nextInt(servers);
          out.write(Stamp.format(t, ZoneOffset.UTC) + ",syslog," + type + "," + server(srv) + ",\"pid " + rnd.nextInt(65536)
              + " " + type + " on " + server(srv) + "\"," + SEVERITIES[rnd.nextInt(SEVERITIES.length)] + ",h" + (srv % 50) + "\n");
        }
        out.write(Stamp.format(power + 3 * 3600, ZoneOffset.UTC) + ",bms,site.restored," + site(outageSite) + ",,info,bms1\n");
        return n + 1;
      }
    }

    long configCommands(BufferedWriter out, long count, SplittableRandom rnd) throws IOException {
      try (out) {
        out.write("timestamp,device,session,user,command,result\n");
        long n = 0;
        int session = 0;
        long t = START;
        long step = Math.max(1, SPAN_SECONDS / Math.max(1, count));
        while (n < count) {
          int dev = rnd.nextInt(routers);
          session++;
          for (int i = 0; i < CLI.length && n < count; i++, n++) {
            String cmd = String.format(Locale.ROOT, CLI[i], rnd.nextInt(48));
            String result = rnd.nextInt(50) == 0 ? "\"% Invalid input detected at '^' marker.\"" : "ok";
            out.write(Stamp.format(t, ZoneOffset.UTC) + "," + router(dev) + ",tty" + session + ",op" + (session % 7) + ","
                + cmd + "," + result + "\n");
            t = Math.min(START + SPAN_SECONDS, t + step);
          }
        }
        return n;
      }
    }

    long opsCommands(BufferedWriter out, long count, SplittableRandom rnd) throws IOException {
      try (out) {
        out.write("timestamp,operator,command,ticket,result\n");
        for (long k = 0; k < count; k++) {
          long t = START + k * SPAN_SECONDS / count;
          String svc = serviceNames[rnd.nextInt(services)];
          String cmd = switch ((int) (k % 3)) {
            case 0 -> "capacity remove-capacity --service " + svc + " --count 2";
            case 1 -> "kubectl scale deployment/" + svc + " --replicas=3";
            default -> "fleet drain " + svc + "-[01-02]";
          };
          out.write(Stamp.format(t, ZoneOffset.UTC) + ",oncall" + (k % 5) + "," + cmd + ",CHG-" + (1000 + k % 4) + ",ok\n");
        }
        return count;
      }
    }

    long requests(BufferedWriter out, long count, SplittableRandom rnd) throws IOException {
      try (out) {
        out.write("timestamp,datacenter,server,process,status,rule,cookies_valid,cookies_invalid,duration_ms,client\n");
        StringBuilder line = new StringBuilder(128);
        for (long k = 0; k < count; k++) {
          long t = START + k * SPAN_SECONDS / count;
          int srv = rnd.nextInt(servers);
          boolean down = siteOfServer(srv) == outageSite && t >= START + SPAN_SECONDS / 2 && t < START + SPAN_SECONDS / 2 + 1800;
          int status = down ? 503 : rnd.nextInt(100) == 0 ? 404 : 200;
          line.setLength(0);
          line.append(Stamp.format(t, ZoneOffset.UTC)).append(",dc").append(siteOfServer(srv)).append(',')
              .append(server(srv)).append(",edge").append(srv % 4).append(',').append(status).append(",rl")
              .append(rnd.nextInt(8)).append(',').append(rnd.nextInt(3)).append(',').append(rnd.nextInt(40) == 0 ? 1 : 0)
              .append(',').append(5 + rnd.nextInt(200)).append(",c").append(rnd.nextInt(10_000)).append('\n');
          out.append(line);
        }
        return count;
      }
    }
  }

  /** ISO-8601 with offset, cached per second: rows of one second share a prefix. */
  static final class Stamp {
    private static long lastSecond = Long.MIN_VALUE;
    private static ZoneOffset lastOffset;
    private static String last;

    static synchronized String format(long epochSecond, ZoneOffset offset) {
      if (epochSecond != lastSecond || offset != lastOffset) {
        LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
        last = String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d%s", local.getYear(), local.getMonthValue(),
            local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond(),
            offset.getTotalSeconds() == 0 ? "Z" : offset.getId());
        lastSecond = epochSecond;
        lastOffset = offset;
      }
      return last;
    }
  }
}
