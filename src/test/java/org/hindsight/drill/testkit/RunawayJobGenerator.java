package org.hindsight.drill.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.hindsight.drill.Difficulty;
import org.hindsight.drill.DrillAnswer;
import org.hindsight.drill.IncidentGenerator;
import org.hindsight.drill.Names;

/**
 * Test-only generator for the test-only pattern {@value #PATTERN}: an operator starts a batch job
 * with a huge thread count on a serving host, which degrades minutes later. Hard: the
 * {@code --threads=N --host=H} spelling plus a red herring (an earlier, unrelated degradation and
 * restart elsewhere). Near miss: the big job is started only after the host had already degraded.
 */
public final class RunawayJobGenerator implements IncidentGenerator {
  public static final String PATTERN = "test-runaway-job";
  private static final List<String> OPERATORS = List.of("ana", "ben", "chloe", "dev", "erin", "femi");

  @Override
  public String pattern() {
    return PATTERN;
  }

  @Override
  public String version() {
    return "test-1";
  }

  private record Row(ZonedDateTime time, String text) {}

  @Override
  public DrillAnswer generate(Path dir, RandomGenerator random, Difficulty difficulty, boolean nearMiss) throws IOException {
    Names n = new Names(random);
    ZoneId zone = n.zone();
    ZonedDateTime t0 = n.time(zone);
    String city = n.city();
    List<String> sites = List.of(city + "-a", city + "-b");
    List<String> services = List.of(n.word() + "-api", n.word() + "-web");
    int hostCount = n.between(4, 7) + (difficulty == Difficulty.HARD ? 3 : 0);
    List<String> hosts = new ArrayList<>();
    while (hosts.size() < hostCount) {
      String h = n.word() + "-" + String.format(Locale.ROOT, "%02d", n.between(1, 40));
      if (!hosts.contains(h)) hosts.add(h);
    }
    String subject = n.pick(hosts);
    String herring = hosts.stream().filter(h -> !h.equals(subject)).findFirst().orElseThrow();
    StringBuilder inventory = new StringBuilder("entity,type,site,service,role\n");
    String subjectSite = "";
    for (int i = 0; i < hosts.size(); i++) {
      String site = sites.get(i % 2);
      if (hosts.get(i).equals(subject)) subjectSite = site;
      inventory.append(hosts.get(i)).append(",host,").append(site).append(',').append(services.get(i % 2)).append(",primary\n");
    }

    List<Row> ops = new ArrayList<>();
    List<Row> events = new ArrayList<>();
    String operator = n.pick(OPERATORS);
    for (int i = 0; i < n.between(6, 12); i++) {
      ZonedDateTime t = t0.minusMinutes(n.between(5, 90));
      String h = n.pick(hosts);
      ops.add(new Row(t, n.pick(OPERATORS) + ",\"" + n.pick(List.of("jobctl status --host " + h, "uptime --host " + h,
          "jobctl start --host " + h + " --job cleanup --threads " + n.between(2, 16))) + "\""));
    }
    int threads = n.between(256, 2048);
    String job = n.word() + "-reindex";
    String big = difficulty == Difficulty.HARD
        ? "jobctl start --threads=" + threads + " --job " + job + " --host=" + subject
        : "jobctl start --host " + subject + " --job " + job + " --threads " + threads;
    ZonedDateTime degraded = t0.plusMinutes(n.between(2, 8));
    ZonedDateTime start = nearMiss ? degraded.plusMinutes(n.between(3, 10)) : t0;
    // The operator looks before starting the job: a neighbouring record of the same group.
    ops.add(new Row(start.minusSeconds(40), operator + ",\"jobctl status --host " + subject + "\""));
    Row cause = new Row(start, operator + ",\"" + big + "\"");
    ops.add(cause);
    events.add(new Row(degraded, "monitoring,service.degraded," + subject + ",p99 latency above 2 s,error"));
    events.add(new Row(degraded.plusMinutes(4), "pager,incident.declared,,users report slow pages,critical"));
    if (difficulty == Difficulty.HARD) {
      ZonedDateTime early = t0.minusMinutes(n.between(20, 40));
      events.add(new Row(early, "monitoring,service.degraded," + herring + ",p99 latency above 2 s,error"));
      events.add(new Row(early.plusMinutes(2), "supervisor,process.restart," + herring + ",worker restarted,warning"));
    }
    ops.sort(Comparator.comparing(Row::time));
    events.sort(Comparator.comparing(Row::time));
    int causeLine = write(dir.resolve("ops-commands.csv"), "timestamp,operator,command", ops, cause);
    write(dir.resolve("events.csv"), "timestamp,source,type,entity,message,severity", events, null);
    Files.writeString(dir.resolve("inventory.csv"), inventory, StandardCharsets.UTF_8);
    return nearMiss ? DrillAnswer.none() : new DrillAnswer(PATTERN, subject, "ops-commands.csv", causeLine, subjectSite);
  }

  /** Writes rows in time order and returns the line of {@code mark} (0 if absent). */
  private static int write(Path file, String header, List<Row> rows, Row mark) throws IOException {
    StringBuilder b = new StringBuilder(header).append('\n');
    int line = 1;
    int marked = 0;
    for (Row r : rows) {
      line++;
      if (r == mark) marked = line;
      b.append(r.time().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(',').append(r.text()).append('\n');
    }
    Files.writeString(file, b, StandardCharsets.UTF_8);
    return marked;
  }
}
