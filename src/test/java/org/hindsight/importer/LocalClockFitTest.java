package org.hindsight.importer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syslog times carry no zone: read at the other logs' offset, a collector's local time beside metrics exported in
 * UTC lands hours after every symptom. When that offset puts most of its times outside the other logs and another
 * puts most within, the other is taken, for every such source together, and the summary says it was a guess.
 */
class LocalClockFitTest {
  private static final DateTimeFormatter RFC3164 = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
  /** When the metrics begin: two hours of one-minute samples. */
  private static final Instant METRICS_FROM = Instant.parse("2023-03-14T06:00:00Z");

  @TempDir Path dir;

  /** Two hours of a gauge per host as a Prometheus range answer (epoch seconds: no zone to read). */
  private Path metrics() throws Exception {
    StringBuilder values = new StringBuilder();
    for (int m = 0; m <= 120; m++) {
      values.append(m == 0 ? "" : ",").append("[").append(METRICS_FROM.plus(Duration.ofMinutes(m)).getEpochSecond()).append(",\"41\"]");
    }
    Path f = dir.resolve("range.json");
    Files.writeString(f, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
        + "{\"metric\":{\"__name__\":\"node_load1\",\"instance\":\"cache-3\"},\"values\":[" + values + "]}]}}");
    return f;
  }

  /** Syslog lines every {@code everyMinutes} for {@code minutes} from {@code from}, written in the local time of {@code zone}. */
  private Path syslog(String name, Instant from, int minutes, int everyMinutes, ZoneOffset zone) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int m = 0; m < minutes; m += everyMinutes) {
      lines.add(RFC3164.format(from.plus(Duration.ofMinutes(m)).atOffset(zone)) + " cache-3 kernel: eth0: link flap " + m);
    }
    Path f = dir.resolve(name);
    Files.write(f, lines);
    return f;
  }

  private Import.Result run(Path... syslogs) throws Exception {
    List<Import.Job> jobs = new ArrayList<>();
    jobs.add(new Import.Job("prometheus-json", List.of(metrics().toString())));
    for (Path s : syslogs) jobs.add(new Import.Job("syslog", List.of(s.toString())));
    return Import.run(jobs, ImportSettings.builder().build(), dir.resolve("out"));
  }

  private List<String> rows() throws Exception {
    return Files.readAllLines(dir.resolve("out").resolve("events-syslog.csv"));
  }

  private static String said(Import.Result r) {
    return r.sources().stream().filter(s -> s.format().equals("syslog")).map(Object::toString).toList().toString();
  }

  @Test
  void aCollectorsLocalTimeBesideUtcMetricsIsReadAtTheOffsetThatPutsItAmongThem() throws Exception {
    // a collector in +05:30 logging through the metrics' two hours: at Z its lines would be 5.5 h late
    Import.Result r = run(syslog("messages", METRICS_FROM.plus(Duration.ofMinutes(10)), 100, 5, ZoneOffset.ofHoursMinutes(5, 30)));
    assertTrue(rows().get(1).startsWith("2023-03-14T11:40:00+05:30,"), rows().toString());
    assertTrue(said(r).contains("at offset +05:30") && said(r).contains("a guess"), said(r));
  }

  @Test
  void aFewCommandsAloneFollowTheCollectorsOtherLogInOneOffset() throws Exception {
    // the commands were typed before the trouble, partly before the metrics began: alone they could not tell the hour
    ZoneOffset seoul = ZoneOffset.ofHours(9);
    List<String> commands = new ArrayList<>();
    for (int m = 0; m < 60; m += 10) {
      commands.add(RFC3164.format(METRICS_FROM.minus(Duration.ofMinutes(40 - m)).atOffset(seoul))
          + " edge-7 " + (100 + m) + ": %PARSER-5-CFGLOG_LOGGEDCMD: User:ops  logged command:interface Gi0/" + m);
    }
    Path typed = dir.resolve("commands.log");
    Files.write(typed, commands);
    Import.Result r = run(syslog("messages", METRICS_FROM, 120, 2, seoul));
    assertTrue(rows().get(1).startsWith("2023-03-14T15:00:00+09:00,"), rows().toString());
    Import.run(List.of(new Import.Job("prometheus-json", List.of(metrics().toString())), new Import.Job("ios-syslog", List.of(typed.toString())),
        new Import.Job("syslog", List.of(dir.resolve("messages").toString()))), ImportSettings.builder().build(), dir.resolve("both"));
    List<String> lines = Files.readAllLines(dir.resolve("both").resolve("config-commands-ios-syslog.csv"));
    assertTrue(lines.get(1).startsWith("2023-03-14T14:20:00+09:00,"), lines.toString());
    assertTrue(said(r).contains("at offset +09:00"), said(r));
  }

  @Test
  void betweenOffsetsThatFitAsWellTheLeastCorrectionIsTaken() throws Exception {
    // lines late in the metrics' two hours: +02:00 and +03:00 both put them within (+03:00 nearer their middle);
    // +02:00 is the nearer to Z
    Import.Result r = run(syslog("messages", METRICS_FROM.plus(Duration.ofMinutes(90)), 25, 5, ZoneOffset.ofHours(2)));
    assertTrue(rows().get(1).startsWith("2023-03-14T09:30:00+02:00,"), rows().toString());
    assertTrue(said(r).contains("a guess"), said(r));
  }

  @Test
  void aSyslogInTheMetricsOwnZoneStaysThere() throws Exception {
    Import.Result r = run(syslog("messages", METRICS_FROM.plus(Duration.ofMinutes(10)), 100, 5, ZoneOffset.UTC));
    assertTrue(rows().get(1).startsWith("2023-03-14T06:10:00Z,"), rows().toString());
    assertTrue(said(r).contains("the other logs' offset Z") && !said(r).contains("a guess"), said(r));
  }

  @Test
  void aSyslogOfDaysBesideTwoHoursOfMetricsIsNotMovedForWantOfAFit() throws Exception {
    // three days of lines: no offset puts half of them within two hours, so none is better than the other logs'
    Import.Result r = run(syslog("messages", METRICS_FROM.minus(Duration.ofDays(2)), 3 * 24 * 60, 30, ZoneOffset.ofHours(-7)));
    assertFalse(said(r).contains("a guess"), said(r));
    assertTrue(said(r).contains("the other logs' offset Z"), said(r));
  }

  @Test
  void aSyslogHalfWithinTheMetricsAtTheirOffsetIsLeftThere() throws Exception {
    // at Z, half of its lines fall within the metrics (an hour before them, an hour within): read as it is
    Import.Result r = run(syslog("messages", METRICS_FROM.minus(Duration.ofMinutes(60)), 120, 5, ZoneOffset.UTC));
    assertFalse(said(r).contains("a guess"), said(r));
  }
}
