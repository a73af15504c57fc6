package org.hindsight.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 3164 syslog times carry neither year nor zone: without {@code --year}/{@code --timezone} they take them from the
 * other logs of the incident, else the year from the file's last write (and UTC), and the summary says which.
 */
class TimesWithoutYearTest {
  @TempDir Path dir;

  private Path syslog(String... lines) throws Exception {
    Path f = dir.resolve("messages");
    Files.write(f, List.of(lines));
    return f;
  }

  private Import.Result run(ImportSettings settings, Import.Job... jobs) throws Exception {
    return Import.run(List.of(jobs), settings, dir.resolve("out"));
  }

  private List<String> rows(String file) throws Exception {
    return Files.readAllLines(dir.resolve("out").resolve(file));
  }

  private static Import.SourceSummary summaryOf(Import.Result r, String format) {
    return r.sources().stream().filter(s -> s.format().equals(format)).findFirst().orElseThrow();
  }

  @Test
  void aSyslogTakesTheYearAndOffsetOfTheDatedSourcesImportedWithItWhateverTheOrderGiven() throws Exception {
    Path messages = syslog("Oct 25 11:02:14 db-2 yum[30211]: Updated: openssl-libs-1.0.2k");
    Path dated = dir.resolve("deploys.csv");
    Files.writeString(dated, "timestamp,source,type,entity\n2021-10-25T10:40:00+09:00,ci,deploy,db-2\n");
    Import.Result r = run(ImportSettings.builder().csvKind(LogKind.EVENTS).build(),
        new Import.Job("syslog", List.of(messages.toString())), new Import.Job("csv", List.of(dated.toString())));
    assertTrue(rows("events-syslog.csv").get(1).startsWith("2021-10-25T11:02:14+09:00,"), rows("events-syslog.csv").toString());
    String said = summaryOf(r, "syslog").toString();
    assertTrue(said.contains("in 2021, nearest the other logs' times") && said.contains("offset +09:00"), said);
  }

  @Test
  void aSourceDatedInEpochSecondsDatesTheAccountingFileReadWithIt() throws Exception {
    Path dir = Path.of("src/test/resources/import/round-trip");
    Import.Result r = run(ImportSettings.builder().build(),
        new Import.Job("tacacs", List.of(dir.resolve("tac_plus.acct").toString())),
        new Import.Job("prometheus-json", List.of(dir.resolve("isis-routes.json.gz").toString())));
    List<String> rows = rows("config-commands-tacacs.csv");
    assertTrue(rows.size() > 1 && rows.subList(1, rows.size()).stream().allMatch(l -> l.startsWith("2021-")), rows.toString());
    assertTrue(summaryOf(r, "tacacs").toString().contains("in 2021, nearest the other logs' times"), summaryOf(r, "tacacs").toString());
  }

  @Test
  void theYearIsTheOneNearestTheOtherLogsAcrossNewYear() throws Exception {
    Path messages = syslog("Jan  1 00:05:00 web-1 app[7]: started");
    run(ImportSettings.builder().near(new Timestamps.Parsed(Instant.parse("2021-12-31T23:50:00Z"), ZoneOffset.UTC)).build(),
        new Import.Job("syslog", List.of(messages.toString())));
    assertTrue(rows("events-syslog.csv").get(1).startsWith("2022-01-01T00:05:00Z,"), rows("events-syslog.csv").toString());

    Files.writeString(messages, "Dec 31 23:55:00 web-1 app[7]: stopping\n");
    run(ImportSettings.builder().near(new Timestamps.Parsed(Instant.parse("2022-01-01T00:10:00Z"), ZoneOffset.UTC)).build(),
        new Import.Job("syslog", List.of(messages.toString())));
    assertTrue(rows("events-syslog.csv").get(1).startsWith("2021-12-31T23:55:00Z,"), rows("events-syslog.csv").toString());
  }

  @Test
  void withNothingElseDatedTheYearIsTheLastNotAfterTheFilesLastWrite() throws Exception {
    Path messages = syslog("Oct 25 11:02:14 db-2 yum[30211]: Updated: openssl-libs-1.0.2k");
    Files.setLastModifiedTime(messages, FileTime.from(Instant.parse("2021-03-01T00:00:00Z")));
    Import.Result r = run(ImportSettings.builder().build(), new Import.Job("syslog", List.of(messages.toString())));
    assertTrue(rows("events-syslog.csv").get(1).startsWith("2020-10-25T11:02:14Z,"), rows("events-syslog.csv").toString());
    String said = summaryOf(r, "syslog").toString();
    assertTrue(said.contains("in 2020, the file being last written on 2021-03-01") && said.contains("at UTC"), said);
  }

  @Test
  void theOptionsWinOverEveryGuessAndNothingIsSaid() throws Exception {
    Path messages = syslog("Oct 25 11:02:14 db-2 yum[30211]: Updated: openssl-libs-1.0.2k");
    Timestamps.Parsed near = new Timestamps.Parsed(Instant.parse("2021-10-25T01:00:00Z"), ZoneOffset.ofHours(9));
    Import.Result r = run(ImportSettings.builder().near(near).year(2019).timezone(ZoneId.of("Europe/Paris")).build(),
        new Import.Job("syslog", List.of(messages.toString())));
    assertTrue(rows("events-syslog.csv").get(1).startsWith("2019-10-25T11:02:14+02:00,"), rows("events-syslog.csv").toString());
    assertNull(summaryOf(r, "syslog").yearRead());
  }

  @Test
  void aGivenYearWithoutAZoneTakesOnlyTheZone() throws Exception {
    Path messages = syslog("Oct 25 11:02:14 db-2 yum[30211]: Updated: openssl-libs-1.0.2k");
    Timestamps.Parsed near = new Timestamps.Parsed(Instant.parse("2018-10-25T01:00:00Z"), ZoneOffset.ofHours(9));
    Import.Result r = run(ImportSettings.builder().near(near).year(2021).build(), new Import.Job("syslog", List.of(messages.toString())));
    assertTrue(rows("events-syslog.csv").get(1).startsWith("2021-10-25T11:02:14+09:00,"), rows("events-syslog.csv").toString());
    String said = summaryOf(r, "syslog").toString();
    assertTrue(said.contains("offset +09:00") && !said.contains("in 2018"), said);
  }
}
