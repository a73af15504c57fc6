package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hindsight.testing.CliRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A syslog (RFC 3164: no zone) analysed beside a folder's contract CSV files written in UTC: when the CSV files'
 * offset reads it outside their span, it is read at the offset that puts it within (as beside other imports), and
 * the import says it guessed. The span is the CSV files' first and last rows: a metrics file's first rows cover a
 * minute of a two-hour incident.
 */
class SyslogBesideCsvFilesTest {
  private static final DateTimeFormatter RFC3164 = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
  private static final Instant FROM = Instant.parse("2023-03-14T06:00:00Z");
  /** When the host's memcached failed, as the syslog says it in its own local time. */
  private static final Instant FAILED = FROM.plus(Duration.ofMinutes(70));

  @TempDir Path dir;

  /** Two hours of one-minute samples of 30 hosts (150 KB: its last rows are far past its first 50). */
  private Path bundle() throws Exception {
    Path b = Files.createDirectories(dir.resolve("bundle"));
    StringBuilder metrics = new StringBuilder("timestamp,entity,metric,value\n");
    for (int m = 0; m <= 120; m++) {
      for (int h = 0; h < 30; h++) metrics.append(FROM.plus(Duration.ofMinutes(m))).append(",node-").append(h).append(",cpu.util,40\n");
    }
    Files.writeString(b.resolve("metrics.csv"), metrics);
    StringBuilder inventory = new StringBuilder("entity,type,site,service\n");
    for (int h = 0; h < 30; h++) inventory.append("node-").append(h).append(",host,dc1,cache\n");
    Files.writeString(b.resolve("inventory.csv"), inventory);
    return b;
  }

  /** A syslog of node-7 every 5 min from {@code from} for {@code minutes}, in {@code zone}'s local time, memcached failing at {@link #FAILED}. */
  private Path syslog(Instant from, int minutes, ZoneOffset zone) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int m = 0; m < minutes; m += 5) {
      Instant t = from.plus(Duration.ofMinutes(m));
      String text = t.equals(FAILED) ? "systemd[1]: memcached.service: Failed with result 'exit-code'." : "sshd[" + (4000 + m) + "]: Accepted publickey for ops";
      lines.add(RFC3164.format(t.atOffset(zone)) + " node-7 " + text);
    }
    Path f = dir.resolve("messages");
    Files.write(f, lines);
    return f;
  }

  private static CliRun analyze(Path bundle, Path syslog) {
    return CliRun.of("analyze", bundle.toString(), "--from", "syslog:" + syslog, "-f", "json");
  }

  /** The onset of memcached's down symptom, from the syslog's line. */
  private static Instant failureOnset(CliRun run) throws Exception {
    for (JsonNode s : new ObjectMapper().readTree(run.out()).path("symptoms")) {
      if (s.path("entity").asText().equals("memcached")) return OffsetDateTime.parse(s.path("onset").asText()).toInstant();
    }
    return null;
  }

  @ParameterizedTest
  @ValueSource(strings = {"+09:00", "-05:00", "+05:30"})
  void aSyslogInLocalTimeBesideUtcCsvFilesIsReadAtTheOffsetThatPutsItAmongThem(String zone) throws Exception {
    CliRun run = analyze(bundle(), syslog(FROM.plus(Duration.ofMinutes(10)), 100, ZoneOffset.of(zone)));
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("at offset " + zone) && run.err().contains("a guess"), run.err());
    assertEquals(FAILED, failureOnset(run), run.out());
  }

  @Test
  void aSyslogInTheCsvFilesZoneIsReadThereAndNothingIsGuessed() throws Exception {
    CliRun run = analyze(bundle(), syslog(FROM.plus(Duration.ofMinutes(10)), 100, ZoneOffset.UTC));
    assertEquals(0, run.code(), run.err());
    assertFalse(run.err().contains("a guess"), run.err());
    assertEquals(FAILED, failureOnset(run), run.out());
  }

  @Test
  void aSyslogOfDaysBesideTwoHoursOfCsvIsNotMovedForWantOfAFit() throws Exception {
    // three days of lines in +09:00: no offset puts half of them within two hours, so none is guessed
    CliRun run = analyze(bundle(), syslog(FROM.minus(Duration.ofDays(2)), 3 * 24 * 60, ZoneOffset.ofHours(9)));
    assertEquals(0, run.code(), run.err());
    assertFalse(run.err().contains("a guess"), run.err());
  }

  @Test
  void aSyslogHalfWithinTheCsvFilesAtTheirOffsetIsLeftThere() throws Exception {
    // in UTC, an hour before the metrics and an hour within: as it is
    CliRun run = analyze(bundle(), syslog(FROM.minus(Duration.ofMinutes(50)), 125, ZoneOffset.UTC));
    assertEquals(0, run.code(), run.err());
    assertFalse(run.err().contains("a guess"), run.err());
    assertEquals(FAILED, failureOnset(run), run.out());
  }
}
