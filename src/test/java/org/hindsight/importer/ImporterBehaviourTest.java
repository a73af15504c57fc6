package org.hindsight.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the golden files cannot show: choices made by options, by paths, and across formats of one run. */
class ImporterBehaviourTest {
  static final Path IMPORT = Path.of("src/test/resources/import");
  @TempDir Path tmp;

  @Test
  void aNetboxExportImportedInTheSameRunNamesTheNasAddressesOfTacacs() throws Exception {
    // netbox-csv is listed second but runs first: its primary IPs fill the device map tacacs uses
    Import.Result r = Import.run(List.of(
        new Import.Job("tacacs", List.of(IMPORT.resolve("tacacs/tac_plus.acct").toString())),
        new Import.Job("netbox-csv", List.of(IMPORT.resolve("netbox-csv/devices.csv").toString()))),
        ImportSettings.builder().year(2021).timezone(java.time.ZoneOffset.UTC).build(), tmp);
    assertEquals(List.of(), r.unmappedAddresses());
    List<String> rows = Files.readAllLines(tmp.resolve("config-commands-tacacs.csv"));
    assertTrue(rows.get(1).startsWith("2021-10-25T02:01:31Z,lon-pe1,"), rows.get(1));
    // without the inventory the address stays, and is said to be unmapped
    Import.Result alone = Import.run(List.of(new Import.Job("tacacs", List.of(IMPORT.resolve("tacacs/tac_plus.acct").toString()))),
        ImportSettings.builder().year(2021).timezone(java.time.ZoneOffset.UTC).build(), tmp.resolve("alone"));
    assertEquals(List.of("192.0.2.11", "192.0.2.12"), alone.unmappedAddresses());
  }

  @Test
  void anUnattendedUpgradeInSyslogIsAPackageUpgradeOfItsHost() throws Exception {
    // Ubuntu keeps only systemd's line for the apt-daily-upgrade unit in syslog unless unattended-upgrades logs there too
    Path log = tmp.resolve("syslog");
    Files.writeString(log, "Jun 10 06:00:00 ip-10-0-1-11 systemd[1]: Starting Daily apt upgrade and clean activities...\n"
        + "Jun 10 06:00:05 ip-10-0-1-12 unattended-upgrade[812]: Packages that will be upgraded: libsystemd0 systemd udev\n"
        + "Jun 10 06:00:41 ip-10-0-1-11 systemd[1]: Stopped Network Configuration.\n");
    Import.run(List.of(new Import.Job("syslog", List.of(log.toString()))),
        ImportSettings.builder().year(2025).timezone(java.time.ZoneOffset.UTC).build(), tmp.resolve("out"));
    List<String> rows = Files.readAllLines(tmp.resolve("out/events-syslog.csv"));
    assertTrue(rows.get(1).startsWith("2025-06-10T06:00:00Z,systemd,package.upgrade,ip-10-0-1-11,"), rows.get(1));
    assertTrue(rows.get(2).startsWith("2025-06-10T06:00:05Z,unattended-upgrade,package.upgrade,ip-10-0-1-12,"), rows.get(2));
    assertTrue(rows.get(3).contains(",service.down,"), rows.get(3));
  }

  @Test
  void aDatabasesLogOfAStatementThatEmptiedATableIsADataDeletionOfItsHostAndAnErrorsContextIsNot() throws Exception {
    // PostgreSQL's log_statement line (with or without its duration), MySQL's general log and pgaudit say the statement
    // ran; an error's STATEMENT: context and a read-only refusal say it did not; a DELETE with a WHERE is routine
    Path log = tmp.resolve("syslog");
    Files.writeString(log, "Mar 13 12:04:02 db-primary postgres[31337]: [4-1] admin@app LOG:  statement: TRUNCATE TABLE \"users\", \"jobs\" CASCADE;\n"
        + "Mar 13 12:04:03 db-primary postgres[31338]: [5-1] admin@app LOG:  duration: 3.2 ms  statement: drop table sessions;\n"
        + "Mar 13 12:04:04 db-primary postgres[31339]: [6-1] admin@app LOG:  statement: DELETE FROM audit_trail;\n"
        + "Mar 13 12:04:05 db-primary postgres[31340]: [7-1] admin@app LOG:  statement: DELETE FROM jobs WHERE id = 4;\n"
        + "Mar 13 12:04:06 db-follower postgres[4101]: [8-1] admin@app ERROR:  cannot execute TRUNCATE TABLE in a read-only transaction\n"
        + "Mar 13 12:04:06 db-follower postgres[4101]: [8-2] admin@app STATEMENT:  TRUNCATE TABLE \"users\";\n"
        + "Mar 13 12:04:07 db-mysql mysqld[900]: 2018-03-13T12:04:07.000000Z\t   12 Query\tTRUNCATE TABLE orders\n"
        + "Mar 13 12:04:08 db-primary postgres[31341]: [9-1] LOG:  AUDIT: SESSION,1,1,DDL,DROP TABLE,,,DROP TABLE builds,<not logged>\n"
        + "Mar 13 12:04:09 db-primary postgres[31342]: [10-1] admin@app LOG:  statement: SELECT count(*) FROM users\n");
    Import.run(List.of(new Import.Job("syslog", List.of(log.toString()))),
        ImportSettings.builder().year(2018).timezone(java.time.ZoneOffset.UTC).build(), tmp.resolve("out"));
    List<String> types = Files.readAllLines(tmp.resolve("out/events-syslog.csv")).stream().skip(1)
        .map(r -> r.split(",")[2] + "@" + r.split(",")[3]).toList();
    assertEquals(List.of("db.data.deleted@db-primary", "db.data.deleted@db-primary", "db.data.deleted@db-primary", "log@db-primary",
        "log@db-follower", "log@db-follower", "db.data.deleted@db-mysql", "db.data.deleted@db-primary", "log@db-primary"), types);
  }

  @Test
  void systemdsUnitDescriptionIsTheUnitItNamedJustBeforeOrTheHostNeverAnEntityOfItsOwn() throws Exception {
    Path log = tmp.resolve("syslog");
    Files.writeString(log, "Jun 10 06:00:41 ip-10-0-1-11 systemd[1]: Stopping Network Configuration...\n"
        + "Jun 10 06:00:41 ip-10-0-1-11 systemd[1]: systemd-networkd.service: Deactivated successfully.\n"
        + "Jun 10 06:00:41 ip-10-0-1-11 systemd[1]: Stopped Network Configuration.\n"
        + "Jun 10 06:00:43 ip-10-0-1-11 systemd[1]: Started Network Configuration.\n"
        + "Jun 10 06:00:44 ip-10-0-1-12 systemd[1]: Started Network Configuration.\n"
        + "Jun 10 06:00:45 web-1 systemd[1]: Stopped nginx.service - A high performance web server and a reverse proxy server.\n"
        + "Jun 10 06:00:46 web-1 systemd[1]: Stopped PostgreSQL 13 database server.\n"
        + "Jun 10 06:00:47 web-1 systemd[1]: Stopped target Multi-User System.\n");
    Import.run(List.of(new Import.Job("syslog", List.of(log.toString()))),
        ImportSettings.builder().year(2025).timezone(java.time.ZoneOffset.UTC).build(), tmp.resolve("out"));
    List<String> rows = Files.readAllLines(tmp.resolve("out/events-syslog.csv"));
    // the unit systemd named on the host's line before; the pairing holds for that description on that host
    assertTrue(rows.get(3).startsWith("2025-06-10T06:00:41Z,systemd,service.down,systemd-networkd,"), rows.get(3));
    assertTrue(rows.get(3).contains(",systemd-networkd.service,"), rows.get(3));
    assertTrue(rows.get(4).startsWith("2025-06-10T06:00:43Z,systemd,service.up,systemd-networkd,"), rows.get(4));
    // another host never said which unit it is: the host
    assertTrue(rows.get(5).startsWith("2025-06-10T06:00:44Z,systemd,service.up,ip-10-0-1-12,"), rows.get(5));
    // newer systemd names the unit in the line
    assertTrue(rows.get(6).startsWith("2025-06-10T06:00:45Z,systemd,service.down,nginx,"), rows.get(6));
    // a description nothing pairs with a unit: the host it ran on, not "PostgreSQL 13 database server"
    assertTrue(rows.get(7).startsWith("2025-06-10T06:00:46Z,systemd,service.down,web-1,"), rows.get(7));
    // a target is no service going down
    assertTrue(rows.get(8).startsWith("2025-06-10T06:00:47Z,systemd,log,web-1,"), rows.get(8));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void systemdsDescriptionPairsWithTheUnitNamedJustBeforeInTimeAlsoInANewestFirstExport(boolean newestFirst) throws Exception {
    // Kibana's Discover (like Splunk, Cloud Logging and Loki) lists newest first: "just before" is in time, not in the file
    List<String> lines = new java.util.ArrayList<>(List.of(
        "\"Jun 10, 2025 @ 06:00:41.000\",\"db-2\",\"Stopping PostgreSQL 13 database server...\"",
        "\"Jun 10, 2025 @ 06:00:41.000\",\"db-2\",\"postgresql-13.service: Failed with result 'exit-code'.\"",
        "\"Jun 10, 2025 @ 06:00:41.000\",\"db-2\",\"Stopped PostgreSQL 13 database server.\"",
        "\"Jun 10, 2025 @ 06:00:42.000\",\"db-2\",\"audit: session opened\"",
        "\"Jun 10, 2025 @ 06:00:44.000\",\"db-3\",\"Stopped PostgreSQL 13 database server.\"",
        "\"Jun 10, 2025 @ 06:00:45.000\",\"db-3\",\"postgresql-13.service: Failed with result 'exit-code'.\""));
    if (newestFirst) java.util.Collections.reverse(lines);
    Path export = tmp.resolve("discover.csv");
    Files.writeString(export, "\"@timestamp\",\"host.name\",message\n" + String.join("\n", lines) + "\n");
    Import.run(List.of(new Import.Job("kibana-csv", List.of(export.toString()))),
        ImportSettings.builder().timeFormat("MMM d, yyyy @ HH:mm:ss.SSS").timezone(java.time.ZoneOffset.UTC).build(), tmp.resolve("out"));
    List<String> rows = Files.readAllLines(tmp.resolve("out/events-kibana-csv.csv"));
    String db2 = rows.stream().filter(r -> r.contains("Stopped PostgreSQL") && r.contains(",db-2,")).findFirst().orElseThrow();
    assertTrue(db2.startsWith("2025-06-10T06:00:41Z,kibana-csv,service.down,postgresql-13,"), db2);
    // on db-3 the unit's line comes after the description in time: nothing pairs them, whatever the file's order
    String db3 = rows.stream().filter(r -> r.contains("Stopped PostgreSQL") && r.contains(",db-3,")).findFirst().orElseThrow();
    assertTrue(db3.startsWith("2025-06-10T06:00:44Z,kibana-csv,service.down,db-3,"), db3);
  }

  @Test
  void anElasticsearchAnswerCutAtItsPageIsSaidNotTakenForTheWholeSearch() throws Exception {
    String hit = "{\"_index\":\"logs\",\"_source\":{\"@timestamp\":\"2021-10-25T02:06:4%dZ\",\"host\":{\"name\":\"db-2\"},"
        + "\"message\":\"checkpoint %d\"}}";
    String page = "{\"timed_out\":false,\"_shards\":{\"total\":2,\"successful\":2,\"failed\":0},\"hits\":{\"total\":{\"value\":4211,"
        + "\"relation\":\"eq\"},\"hits\":[" + String.format(hit, 1, 1) + "," + String.format(hit, 2, 2) + "]}}\n";
    Path cut = tmp.resolve("search.json");
    Files.writeString(cut, page);
    var refused = PrometheusLiveTest.cli("import", "elasticsearch", cut.toString(), "--out", tmp.resolve("no").toString());
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains(cut + ":1: the answer holds 2 of the 4,211 hits the search matched"), refused.err());
    var lenient = PrometheusLiveTest.cli("import", "elasticsearch", cut.toString(), "--lenient", "--out", tmp.resolve("page").toString());
    assertEquals(0, lenient.code(), lenient.err());
    assertEquals(3, Files.readAllLines(tmp.resolve("page/events-elasticsearch.csv")).size());
    // the whole search in one answer, and a search whose shards failed or timed out
    Files.writeString(cut, page.replace("4211", "2"));
    assertEquals(0, PrometheusLiveTest.cli("import", "elasticsearch", cut.toString(), "--out", tmp.resolve("all").toString()).code());
    Files.writeString(cut, page.replace("4211", "2").replace("\"timed_out\":false", "\"timed_out\":true").replace("\"failed\":0", "\"failed\":1"));
    var partial = PrometheusLiveTest.cli("import", "elasticsearch", cut.toString(), "--out", tmp.resolve("partial").toString());
    assertEquals(2, partial.code(), partial.err());
    assertTrue(partial.err().contains("the search timed out") && partial.err().contains("1 of 2 shards failed"), partial.err());
  }

  @Test
  void aProgramsOwnStoppedLineIsNoUnitGoingDown() throws Exception {
    Path log = tmp.resolve("syslog");
    Files.writeString(log, "Jun 10 06:00:41 web-1 orders-worker[912]: Stopped polling queue orders\n"
        + "Jun 10 06:00:42 web-1 systemd[1]: Stopped Orders worker.\n");
    Import.run(List.of(new Import.Job("syslog", List.of(log.toString()))),
        ImportSettings.builder().year(2025).timezone(java.time.ZoneOffset.UTC).build(), tmp.resolve("out"));
    List<String> rows = Files.readAllLines(tmp.resolve("out/events-syslog.csv"));
    assertFalse(rows.get(1).contains(",service.down,"), rows.get(1));
    // systemd's own line, with its full stop, still is
    assertTrue(rows.get(2).startsWith("2025-06-10T06:00:42Z,systemd,service.down,web-1,"), rows.get(2));
  }

  @Test
  void anApplicationsOwnStartedInSecondsLineIsNoUnitComingUp() throws Exception {
    Path log = tmp.resolve("syslog");
    Files.writeString(log, "Jun 10 06:00:41 web-1 orders-api[912]: Started OrdersApplication in 4.213 seconds (process running for 5.02)\n"
        + "Jun 10 06:00:42 web-1 billing[913]: Started BillingMain in 812ms\n"
        + "Jun 10 06:00:43 web-1 systemd[1]: Started Orders worker.\n");
    Import.run(List.of(new Import.Job("syslog", List.of(log.toString()))),
        ImportSettings.builder().year(2025).timezone(java.time.ZoneOffset.UTC).build(), tmp.resolve("out"));
    List<String> rows = Files.readAllLines(tmp.resolve("out/events-syslog.csv"));
    assertFalse(rows.get(1).contains(",service.up,"), rows.get(1));
    assertFalse(rows.get(2).contains(",service.up,"), rows.get(2));
    // systemd's own line still is a unit coming up
    assertTrue(rows.get(3).startsWith("2025-06-10T06:00:43Z,systemd,service.up,web-1,"), rows.get(3));
  }

  @Test
  void backstageHardKindsDecideWhichDependenciesAreHard() throws Exception {
    Import.run(List.of(new Import.Job("backstage", List.of(IMPORT.resolve("backstage/catalog-info.yaml").toString()))),
        ImportSettings.builder().hardKinds(Set.of("resource", "api")).build(), tmp);
    List<String> deps = Files.readAllLines(tmp.resolve("dependencies-backstage.csv"));
    assertTrue(deps.stream().anyMatch(l -> l.startsWith("checkout,billing,soft,component,")), deps.toString());
    assertTrue(deps.stream().anyMatch(l -> l.startsWith("checkout,checkout-db,hard,resource,")), deps.toString());
    assertTrue(deps.stream().anyMatch(l -> l.startsWith("checkout,ledger,hard,api:ledger-api,")), deps.toString());
  }

  @Test
  void aShellHistoryInAHomeFolderNamesItsOperator() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home/dana"));
    Files.copy(IMPORT.resolve("shell-history/alice.bash_history"), home.resolve(".bash_history"));
    Path out = tmp.resolve("out");
    Import.run(List.of(new Import.Job("shell-history", List.of(home.resolve(".bash_history").toString()))),
        ImportSettings.builder().build(), out);
    List<String> rows = Files.readAllLines(out.resolve("ops-commands-shell-history.csv"));
    assertTrue(rows.get(1).startsWith("2021-10-25T01:59:00Z,dana,kubectl config use-context prod-seoul,"), rows.get(1));
    // elsewhere, and without --operator, nobody is guessed
    Path loose = tmp.resolve("history.txt");
    Files.copy(IMPORT.resolve("shell-history/alice.bash_history"), loose);
    org.hindsight.ingest.InputException e = org.junit.jupiter.api.Assertions.assertThrows(org.hindsight.ingest.InputException.class,
        () -> Import.run(List.of(new Import.Job("shell-history", List.of(loose.toString()))), ImportSettings.builder().build(), tmp.resolve("x")));
    assertTrue(e.problems().get(0).message().contains("--operator"), e.problems().toString());
  }

  @Test
  void aLatin1ExportIsRefusedAtItsLineAndReadWithEncoding() throws Exception {
    Path export = tmp.resolve("splunk-latin1.csv");
    Files.write(export, ("_time,host,_raw\n2021-10-25T11:16:10+09:00,web-1,started\n"
        + "2021-10-25T11:16:20+09:00,r\u00e9seau-2,systemd[1]: billing.service: Failed with result 'exit-code'.\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    for (String lenient : List.of("--verbose", "--lenient=all")) {
      var r = PrometheusLiveTest.cli("import", "splunk-csv", export.toString(), "--out", tmp.resolve("bad").toString(),
          lenient.equals("--verbose") ? "--year=2021" : lenient);
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains(export + ":3: byte 0xE9 is not valid UTF-8 (try --encoding ISO-8859-1 or windows-1252)"), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
      assertFalse(Files.exists(tmp.resolve("bad/events-splunk-csv.csv")), "nothing is written");
    }
    var ok = PrometheusLiveTest.cli("import", "splunk-csv", export.toString(), "--encoding", "windows-1252", "--out", tmp.resolve("ok").toString());
    assertEquals(0, ok.code(), ok.err());
    assertTrue(Files.readString(tmp.resolve("ok/events-splunk-csv.csv")).contains("r\u00e9seau-2"));
    // analyze --from: the user's file in windows-1252, the bundle the import wrote still read as UTF-8, the evidence quoted as read
    var report = PrometheusLiveTest.cli("analyze", "--from", "splunk-csv:" + export, "--encoding", "windows-1252", "-f", "json");
    assertEquals(0, report.code(), report.err());
    assertFalse(report.out().contains("\uFFFD"), report.out());
    assertTrue(report.out().contains("2021-10-25T11:16:20+09:00,r\u00e9seau-2,systemd[1]"), report.out());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"syslog", "journald", "gcp-logging", "jaeger", "zipkin", "elasticsearch",
      "cloudwatch-logs", "datadog-metrics"})
  void lenientSkipsTheBadRecordsOfTheLogAndTracingFormatsAndKeepsTheRest(String format) throws Exception {
    Path dir = IMPORT.resolve(format);
    Path bad;
    try (var s = Files.list(dir)) {
      bad = s.filter(p -> p.getFileName().toString().startsWith("bad.")).findFirst().orElseThrow();
    }
    List<String> expected = Files.readAllLines(dir.resolve("expected-problems.txt"));
    List<String> args = new java.util.ArrayList<>(List.of("import", format, bad.toString(), "--lenient=all", "--out", tmp.toString()));
    args.addAll(List.of(Files.readString(dir.resolve("args.txt")).trim().split("\\s+")));
    var r = PrometheusLiveTest.cli(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    for (String problem : expected) assertTrue(r.err().contains("skipped " + problem), r.err());
    Path written;
    try (var s = Files.list(tmp)) {
      written = s.filter(p -> p.getFileName().toString().endsWith("-" + format + ".csv")).findFirst().orElseThrow();
    }
    List<String> rows = Files.readAllLines(written);
    // the good records are rows (each bad file starts with one)
    assertTrue(rows.stream().anyMatch(l -> l.endsWith(bad.getFileName() + ":1") || l.endsWith(bad.getFileName() + ":2")), rows.toString());
    assertTrue(rows.stream().skip(1).noneMatch(l -> expected.stream().anyMatch(p -> p.startsWith(l.substring(l.lastIndexOf(',') + 1) + ":"))),
        "no row from a line listed as bad: " + rows);
    // plain --lenient refuses a file that would lose more than half of its records
    args.set(3, "--lenient");
    args.set(5, tmp.resolve("half").toString());
    var half = PrometheusLiveTest.cli(args.toArray(String[]::new));
    assertEquals(2, half.code(), half.err());
    assertTrue(half.err().contains("would be skipped; fix them, or pass --lenient=all"), half.err());
  }

  @Test
  void aBrokenJsonDocumentIsNotImportedEvenLenientlyButABrokenFirstJsonLineIsSkipped() throws Exception {
    Path doc = tmp.resolve("traces.json");
    Files.writeString(doc, "[\n  {\"traceId\": \"a1\", \"id\": \"01\", \"timestamp\": 1718892241473862, \"duration\": 5,"
        + " \"localEndpoint\": {\"serviceName\": \"web\"}},\n  {\"traceId\": \"a1\", \"id\": \n]\n");
    var r = PrometheusLiveTest.cli("import", "zipkin", doc.toString(), "--lenient=all", "--out", tmp.resolve("z").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(doc + ":4: not valid JSON: ") && r.err().contains("the rest of the file was not read"), r.err());
    Path lines = tmp.resolve("journal.json");
    Files.writeString(lines, "{\"__REALTIME_TIMESTAMP\": \"1635152520101376\", \"MESSAGE\": }\n"
        + "{\"__REALTIME_TIMESTAMP\": \"1635152520101376\", \"_HOSTNAME\": \"web-3\", \"MESSAGE\": \"Started nginx.service.\"}\n"
        + "{\"__REALTIME_TIMESTAMP\": \"1635152521101376\", \"_HOSTNAME\": \"web-3\", \"MESSAGE\": \"Stopped nginx.service.\"}\n");
    var j = PrometheusLiveTest.cli("import", "journald", lines.toString(), "--lenient", "--out", tmp.resolve("j").toString());
    assertEquals(0, j.code(), j.err());
    assertTrue(j.err().contains(lines + ":1: not valid JSON"), j.err());
    assertEquals(3, Files.readAllLines(tmp.resolve("j/events-journald.csv")).size(), "the header and the two good entries");
  }

  @Test
  void aBadCellInAWideGrafanaRowDropsTheWholeRowInLenientMode() throws Exception {
    Path csv = tmp.resolve("cpu.util.csv");
    Files.writeString(csv, "\"Time\",\"lon-pe1\",\"lon-pe2\"\n1635127200000,21.5,22.0\n1635127260000,23.0,high\n1635127320000,24.5,25.0\n");
    Path out = tmp.resolve("out");
    Import.Result r = Import.run(List.of(new Import.Job("grafana-csv", List.of(csv.toString()))),
        ImportSettings.builder().lenient(true).build(), out);
    List<String> rows = Files.readAllLines(out.resolve("metrics-grafana-csv.csv"));
    assertEquals(5, rows.size(), rows.toString()); // header and two samples of each good row
    assertFalse(rows.stream().anyMatch(l -> l.endsWith("cpu.util.csv:3")), rows.toString());
    assertEquals(1, r.skipped().size());
  }

  @Test
  void k8sControllersAndReadsAreNotOperatorActions() throws Exception {
    Import.Result r = Import.run(List.of(new Import.Job("k8s-audit", List.of(IMPORT.resolve("k8s-audit/audit.log").toString()))),
        ImportSettings.builder().build(), tmp);
    List<String> ops = Files.readAllLines(tmp.resolve("ops-commands-k8s-audit.csv"));
    assertFalse(ops.stream().anyMatch(l -> l.contains("system:")), ops.toString());
    assertFalse(ops.stream().anyMatch(l -> l.contains(" list ") || l.contains("leases")), ops.toString());
    // the RequestReceived stage of the scale, the list, the controller's delete and the lease update
    assertEquals(4, r.sources().get(0).ignored());
  }

  @Test
  void aRunawayEventRuleGivesUpOnTheMessageInsteadOfHanging() throws Exception {
    Path rules = tmp.resolve("rules.csv");
    Files.writeString(rules, "type,severity,pattern\nweird,warning,\"(.*a){20}c\"\n");
    Path export = tmp.resolve("export.csv");
    Files.writeString(export, "_time,host,_raw\n2021-10-25T11:16:10+09:00,web1," + "a".repeat(40) + "b\n"
        + "2021-10-25T11:16:11+09:00,web1,Out of memory: Killed process 4242 (java)\n");
    long start = System.nanoTime();
    org.hindsight.testing.CliRun r = org.hindsight.testing.CliRun.of("import", "splunk-csv", export.toString(),
        "--event-rules", rules.toString(), "--out", tmp.resolve("out").toString());
    assertTrue(System.nanoTime() - start < java.time.Duration.ofSeconds(30).toNanos(), "took too long");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("export.csv:2: the event rule at " + rules + ":2 ran out of its regex budget"), r.err());
    assertFalse(r.err().contains("export.csv:3"), r.err());
  }

  @Test
  void anEmptyExportIsSaidToBeEmpty() throws Exception {
    Path empty = Files.writeString(tmp.resolve("traces.json"), "");
    org.hindsight.testing.CliRun r = org.hindsight.testing.CliRun.of("import", "jaeger", empty.toString(), "--out", tmp.resolve("out").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("traces.json (jaeger): empty, nothing imported"), r.err());
  }

  @Test
  void aSourceNameThatIsNoPathIsAProblemNotACrash() {
    org.hindsight.testing.CliRun r = org.hindsight.testing.CliRun.of("import", "tacacs", "bad\0name.acct", "--out", tmp.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("bad?name.acct: not a file name"), r.err());
  }

  @Test
  void aKubectlEventsTableIsPlacedOnlyWhenItSaysWhenItWasTaken() throws Exception {
    // LAST SEEN is an age: without --taken-at the file is refused at its header, with the way out named
    String table = IMPORT.resolve("k8s-events/events.txt").toString();
    PrometheusLiveTest.Result r = PrometheusLiveTest.cli("import", "k8s-events", table, "--out", tmp.resolve("no").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(table + ":1: LAST SEEN is an age, not a time: say when kubectl listed the events with --taken-at TIME"), r.err());
    assertFalse(Files.exists(tmp.resolve("no/events-k8s-events.csv")));
    // the ages count back from it: 12m before 16:00, rounded as kubectl rounds them
    r = PrometheusLiveTest.cli("import", "k8s-events", table, "--taken-at", "2024-06-20T18:00:00+02:00", "--out", tmp.resolve("yes").toString());
    assertEquals(0, r.code(), r.err());
    List<String> rows = Files.readAllLines(tmp.resolve("yes/events-k8s-events.csv"));
    assertTrue(rows.get(2).startsWith("2024-06-20T15:48:00Z,kubernetes,deployment.rollout,cart,"), rows.get(2));
  }

  @Test
  void aScaleUpOfTheServingReplicaSetIsNoRollOutButOneFromZeroIs() throws Exception {
    String scale = "{\"kind\":\"Event\",\"involvedObject\":{\"kind\":\"Deployment\",\"namespace\":\"shop\",\"name\":\"web\"},"
        + "\"reason\":\"ScalingReplicaSet\",\"type\":\"Normal\",\"source\":{\"component\":\"deployment-controller\"},";
    Path log = tmp.resolve("events.jsonl");
    Files.writeString(log, scale + "\"message\":\"Scaled up replica set web-5f7b9c8d4 to 5 from 3\",\"firstTimestamp\":\"2024-06-20T10:00:00Z\"}\n"
        + scale + "\"message\":\"Scaled up replica set web-5f7b9c8d4 to 6\",\"firstTimestamp\":\"2024-06-20T10:05:00Z\"}\n"
        + scale + "\"message\":\"Scaled up replica set web-7c8d9e6f5 to 1 from 0\",\"firstTimestamp\":\"2024-06-20T11:00:00Z\"}\n"
        + scale + "\"message\":\"Scaled up replica set web-7c8d9e6f5 to 2 from 1\",\"firstTimestamp\":\"2024-06-20T11:01:00Z\"}\n");
    Import.run(List.of(new Import.Job("k8s-events", List.of(log.toString()))), ImportSettings.builder().build(), tmp.resolve("out"));
    List<String> types = Files.readAllLines(tmp.resolve("out/events-k8s-events.csv")).stream().skip(1).map(l -> l.split(",")[2]).toList();
    assertEquals(List.of("k8s.event", "k8s.event", "deployment.rollout", "k8s.event"), types);
  }

  @Test
  void helmsTableIsPlacedOnlyInTheZoneItWasPrintedInWhileItsJsonKeepsItsOffset() throws Exception {
    String table = IMPORT.resolve("helm-history/ledger-api.txt").toString();
    PrometheusLiveTest.Result r = PrometheusLiveTest.cli("import", "helm-history", table, "--out", tmp.resolve("no").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(table + ":1: UPDATED is the local time of the machine helm ran on: name its zone with --timezone"), r.err());
    assertFalse(Files.exists(tmp.resolve("no/changes-helm-history.csv")));
    r = PrometheusLiveTest.cli("import", "helm-history", table, "--timezone", "Asia/Seoul", "--out", tmp.resolve("seoul").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readAllLines(tmp.resolve("seoul/changes-helm-history.csv")).get(2).contains(",2024-06-20T15:40:57+09:00,2,deployed,"));
    // near miss: the JSON says its own offset, and no --timezone is needed or applied
    r = PrometheusLiveTest.cli("import", "helm-history", IMPORT.resolve("helm-history/checkout.json").toString(), "--timezone", "Asia/Seoul",
        "--out", tmp.resolve("json").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readAllLines(tmp.resolve("json/changes-helm-history.csv")).get(2).contains(",2024-06-20T15:58:40.112048227+02:00,6,"));
  }

  @Test
  void anAzureOperationWithoutItsOutcomeStaysAChangeWhileOneThatFailedIsRejected() throws Exception {
    String started = "{\"authorization\":{\"action\":\"Microsoft.Sql/servers/firewallRules/write\",\"scope\":\"/subscriptions/s/resourceGroups/rg/"
        + "providers/Microsoft.Sql/servers/orders-sql/firewallRules/office\"},\"caller\":\"eve@contoso.com\",\"category\":{\"value\":\"Administrative\"},"
        + "\"resourceId\":\"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/orders-sql/firewallRules/office\",";
    Path log = tmp.resolve("activity.jsonl");
    Files.writeString(log, started + "\"operationId\":\"a\",\"eventTimestamp\":\"2025-03-04T09:00:00Z\",\"status\":{\"value\":\"Started\"}}\n"
        + started + "\"operationId\":\"b\",\"eventTimestamp\":\"2025-03-04T09:05:00Z\",\"status\":{\"value\":\"Started\"}}\n"
        + started + "\"operationId\":\"b\",\"eventTimestamp\":\"2025-03-04T09:05:02Z\",\"status\":{\"value\":\"Failed\"},\"subStatus\":{\"value\":\"BadRequest\"}}\n");
    Import.run(List.of(new Import.Job("azure-activity", List.of(log.toString()))), ImportSettings.builder().build(), tmp.resolve("out"));
    List<String> rows = Files.readAllLines(tmp.resolve("out/events-azure-activity.csv"));
    assertEquals(3, rows.size(), rows.toString());
    // the server, not its firewall rule: what an inventory lists
    assertTrue(rows.get(1).startsWith("2025-03-04T09:00:00Z,azure-activity,azure.sql.change,orders-sql,"), rows.get(1));
    assertTrue(rows.get(2).startsWith("2025-03-04T09:05:00Z,azure-activity,azure.sql.rejected,orders-sql,")
        && rows.get(2).contains("→ Failed: BadRequest,warning,"), rows.get(2));
    assertFalse(Files.exists(tmp.resolve("out/ops-commands-azure-activity.csv")), "a firewall rule takes no capacity away");
  }

  @Test
  void theAzurePortalsCsvNamesOperationsByTheirLocalizedNamesAndMayWriteTheBrowsersTime() throws Exception {
    Path csv = tmp.resolve("ActivityLog.csv");
    String vm = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/";
    Files.writeString(csv, "Operation name,Status,Time stamp,Event initiated by,Resource type,Resource group,Resource,Correlation id,Event category\n"
        + "Power Off Virtual Machine,Succeeded,Tue Mar 04 2025 10:12:41 GMT+0100 (Central European Standard Time),ann@contoso.com,"
        + "Microsoft.Compute/virtualMachines,rg," + vm + "vm1,c-1,Administrative\n"
        + "Power Off Virtual Machine,Started,Tue Mar 04 2025 10:12:09 GMT+0100 (Central European Standard Time),ann@contoso.com,"
        + "Microsoft.Compute/virtualMachines,rg," + vm + "vm1,c-1,Administrative\n"
        // a write the portal names by its action (no localized name), and a read, which is no change
        + "Microsoft.Compute/virtualMachines/extensions/write,Succeeded,2025-03-04T09:20:00Z,ann@contoso.com,"
        + "Microsoft.Compute/virtualMachines/extensions,rg," + vm + "vm2/extensions/agent,c-2,Administrative\n"
        + "List Storage Account Keys,Succeeded,2025-03-04T09:21:00Z,ann@contoso.com,Microsoft.Storage/storageAccounts,rg,"
        + "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1,c-3,Administrative\n");
    Import.run(List.of(new Import.Job("azure-activity", List.of(csv.toString()))), ImportSettings.builder().build(), tmp.resolve("out"));
    List<String> ops = Files.readAllLines(tmp.resolve("out/ops-commands-azure-activity.csv"));
    assertEquals(2, ops.size(), ops.toString());
    // the operation at its first event, in the browser's offset, with its last event's outcome
    assertTrue(ops.get(1).startsWith("2025-03-04T10:12:09+01:00,ann@contoso.com,az vm stop --resource-group rg --name vm1,,ok,c-1,"), ops.get(1));
    List<String> events = Files.readAllLines(tmp.resolve("out/events-azure-activity.csv"));
    assertEquals(3, events.size(), events.toString());
    // 10:12:09+01:00 is 09:12:09Z: before the extension's write
    assertTrue(events.get(2).startsWith("2025-03-04T09:20:00Z,azure-activity,azure.compute.change,vm2,"), events.get(2));
  }

  @Test
  void datadogSeriesNameTheirEntityByTheTagAskedFor() throws Exception {
    String export = IMPORT.resolve("datadog-metrics/pods.json").toString();
    Import.run(List.of(new Import.Job("datadog-metrics", List.of(export))), ImportSettings.builder().build(), tmp.resolve("pods"));
    assertTrue(Files.readAllLines(tmp.resolve("pods/metrics-datadog-metrics.csv")).get(1).contains(",checkout-5d8f7c9b6-tq4wz,"));
    // the deployment asked for instead of the pod (narrowest by default)
    Import.run(List.of(new Import.Job("datadog-metrics", List.of(export))), ImportSettings.builder().entityLabel("kube_deployment").build(),
        tmp.resolve("deployments"));
    List<String> rows = Files.readAllLines(tmp.resolve("deployments/metrics-datadog-metrics.csv"));
    assertTrue(rows.get(1).startsWith("2024-06-20T14:04:00Z,checkout,trace.http.request.errors,"), rows.get(1));
    // near miss: a tag the series lacks names nothing, a problem at its line
    org.hindsight.ingest.InputException e = org.junit.jupiter.api.Assertions.assertThrows(org.hindsight.ingest.InputException.class,
        () -> Import.run(List.of(new Import.Job("datadog-metrics", List.of(export))), ImportSettings.builder().entityLabel("availability-zone").build(),
            tmp.resolve("none")));
    assertTrue(e.problems().get(0).toString().startsWith(export + ":1: series trace.http.request.errors {"), e.problems().toString());
  }

  @Test
  void aCloudWatchEventNamesTheHostItsSyslogLineNamesElseItsStream() throws Exception {
    Path export = tmp.resolve("events.json");
    Files.writeString(export, "{\"events\":[{\"logStreamName\":\"i-0a1b2c3d4e5f60718\",\"timestamp\":1635127361000,"
        + "\"message\":\"Oct 25 02:02:41 db-2 systemd[1]: postgresql-13.service: Failed with result 'exit-code'.\"},"
        + "{\"logStreamName\":\"i-0a1b2c3d4e5f60718\",\"timestamp\":1635127362000,\"message\":\"postgresql-13.service: Failed with result 'exit-code'.\"}]}\n");
    Import.run(List.of(new Import.Job("cloudwatch-logs", List.of(export.toString()))), ImportSettings.builder().build(), tmp.resolve("out"));
    List<String> rows = Files.readAllLines(tmp.resolve("out/events-cloudwatch-logs.csv"));
    // the line after the syslog header is what the event rules read: the unit on the host the line names
    assertTrue(rows.get(1).startsWith("2021-10-25T02:02:41Z,systemd,service.down,postgresql-13,postgresql-13.service: Failed"), rows.get(1));
    assertTrue(rows.get(1).contains(",db-2,"), rows.get(1));
    // near miss: the same message without a syslog header names no host: the stream is what logged it
    assertTrue(rows.get(2).startsWith("2021-10-25T02:02:42Z,cloudwatch,service.down,postgresql-13,"), rows.get(2));
    assertTrue(!rows.get(2).contains(",db-2,") && rows.get(2).contains(",i-0a1b2c3d4e5f60718,"), rows.get(2));
  }

  @Test
  void lokiStreamsNameTheirEntityByTheLabelAskedFor() throws Exception {
    String export = IMPORT.resolve("loki/query_range.json").toString();
    Import.run(List.of(new Import.Job("loki", List.of(export))), ImportSettings.builder().build(), tmp.resolve("pods"));
    assertTrue(Files.readAllLines(tmp.resolve("pods/events-loki.csv")).get(2).contains(",checkout-5d8f7c9b6-tq4wz,"));
    // --entity-label replaces the defaults, as for Prometheus: a stream without the label names nothing, a problem at its line
    PrometheusLiveTest.Result r = PrometheusLiveTest.cli("import", "loki", export, "--entity-label", "app", "--out", tmp.resolve("no").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(export + ":41: a line whose stream names no pod, host or service"), r.err());
    r = PrometheusLiveTest.cli("import", "loki", export, "--entity-label", "app", "--lenient", "--out", tmp.resolve("apps").toString());
    assertEquals(0, r.code(), r.err());
    List<String> rows = Files.readAllLines(tmp.resolve("apps/events-loki.csv"));
    assertEquals(4, rows.size(), rows.toString());
    assertTrue(rows.get(1).contains(",log,checkout,") && rows.get(1).contains(",ip-10-0-2-14,"), rows.get(1));
  }
}
