package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.hindsight.facts.ChangeTicket;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Dependency;
import org.hindsight.facts.Event;
import org.hindsight.facts.MetricSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleReaderTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private Bundle read(String... args) throws InputException {
    return BundleReader.builder().build().readArgs(List.of(args));
  }

  private List<String> problems(BundleReader reader, String... args) {
    InputException e = assertThrows(InputException.class, () -> reader.readArgs(List.of(args)));
    return e.problems().stream().map(InputProblem::toString).toList();
  }

  private List<String> problems(String... args) {
    return problems(BundleReader.builder().build(), args);
  }

  @Test
  void folderFilesGetTheirKindFromTheirNames() throws Exception {
    write("events-core.csv", "timestamp,source,type,entity\n2021-10-25T11:16:05+09:00,noc,site.fire,dc1\n");
    write("config-commands-x.csv", "timestamp,device,session,user,command\n2021-10-25T11:16:00+09:00,r1,s1,op,router isis 1\n");
    write("README.txt", "not a log");
    Bundle b = read(dir.toString());
    assertEquals(1, b.events().size());
    assertEquals(1, b.configCommands().size());
    assertEquals("router isis 1", b.configCommands().get(0).command());
  }

  @Test
  void aSubfolderNamedAsAKindHoldsThatKindsPartitionedFiles() throws Exception {
    // Spark/Hive write metrics/part-00000.csv: the folder names the kind; a file's own kind name still wins
    write("events.csv", "timestamp,source,type,entity\n2021-10-25T11:16:05Z,noc,site.fire,dc1\n");
    Files.createDirectories(dir.resolve("metrics"));
    write("metrics/part-00001.csv", "timestamp,entity,metric,value\n2021-10-25T11:16:06Z,r1,cpu.util,41\n");
    write("metrics/part-00000.csv", "timestamp,entity,metric,value\n2021-10-25T11:16:05Z,r1,cpu.util,40\n");
    write("metrics/events-late.csv", "timestamp,source,type,entity\n2021-10-25T11:17:00Z,noc,site.fire,dc2\n");
    write("metrics/README.txt", "not a log");
    Files.createDirectories(dir.resolve("notes"));
    write("notes/draft.csv", "a,b\n1,2\n"); // near miss: a folder not named as a kind is not read
    Bundle b = read(dir.toString());
    MetricSeries m = b.metrics().get(0);
    assertEquals(List.of(40.0, 41.0), List.of(m.valueAt(0), m.valueAt(1)));
    assertEquals(List.of("dc1", "dc2"), b.events().stream().map(Event::entity).toList());
    assertTrue(b.events().get(1).origin().file().endsWith("metrics/events-late.csv"), b.events().get(1).origin().file());
  }

  @Test
  void aFolderWithoutCsvFilesNamesItsSubfoldersThatHoldSome() throws Exception {
    // an unpacked archive: incident/logs/*.csv, incident/inventory/*.csv — neither folder named as a kind
    Files.createDirectories(dir.resolve("logs"));
    Files.createDirectories(dir.resolve("empty"));
    write("logs/events.csv", "timestamp,source,type,entity\n2021-10-25T11:16:05Z,noc,site.fire,dc1\n");
    List<String> p = problems(dir.toString());
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).contains("folder has no .csv (or .tsv) files (its subfolder ") && p.get(0).contains("/logs holds some: name it"),
        p.get(0));
    assertTrue(!p.get(0).contains("empty"), p.get(0));
    assertEquals(1, read(dir.resolve("logs").toString()).events().size());
  }

  @Test
  void anArchiveOfLogsIsSaidForWhatItHoldsAndHowToReadIt() throws Exception {
    Path zip = dir.resolve("incident-4711.zip");
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      for (String n : List.of("incident/events.csv", "incident/metrics.csv", "incident/README.md")) {
        out.putNextEntry(new java.util.zip.ZipEntry(n));
        out.write("timestamp,source,type,entity\n".getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    List<String> p = problems(zip.toString());
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).contains("a ZIP archive of 2 CSV files (incident/events.csv, incident/metrics.csv): unpack it (unzip "
        + "incident-4711.zip)"), p.get(0));
    // in a folder of no CSV files, the archive is named as where they are
    List<String> inFolder = problems(dir.toString());
    assertTrue(inFolder.get(0).contains("incident-4711.zip is a ZIP archive of 2 CSV files"), inFolder.toString());

    byte[] tar = new byte[1024];
    byte[] name = "incident/events.csv".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, tar, 0, name.length);
    System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, tar, 257, 5);
    Path tgz = dir.resolve("incident.tgz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(tgz))) {
      out.write(tar);
    }
    assertTrue(problems(tgz.toString()).get(0).contains("a tar archive: unpack it (tar xf incident.tgz)"), problems(tgz.toString()).toString());
    // near miss: a text file with no kind in its name is no archive: the usual advice
    Path notes = write("notes.log", "timestamp,source,type,entity\n");
    assertTrue(problems(notes.toString()).get(0).contains("cannot tell the kind from the file name"), problems(notes.toString()).toString());
  }

  @Test
  void levelWordsAsLogsWriteThemAreTheContractsSeverities() throws Exception {
    // syslog's keywords, log libraries' levels, Windows' Information; a word of the user's own is kept as written
    String[] levels = {"ERR", "Crit", "WARN", "SEVERE", "Information", "emerg", "TRACE", "error", "Page-Oncall", ""};
    StringBuilder csv = new StringBuilder("timestamp,source,type,entity,severity\n");
    for (String l : levels) csv.append("2021-10-25T11:16:05Z,app,app.log,svc,").append(l).append('\n');
    write("events.csv", csv.toString());
    assertEquals(List.of("error", "critical", "warning", "error", "info", "critical", "info", "error", "page-oncall", ""),
        read(dir.toString()).events().stream().map(Event::severity).toList());
  }

  @Test
  void kindEqualsPathNamesTheKindOfAnOddlyNamedFile() throws Exception {
    Path p = write("tacacs-dump.csv", "timestamp,device,session,user,command\n2021-10-25T11:16:00Z,r1,s1,op,exit\n");
    Bundle b = read("config-commands=" + p);
    assertEquals(1, b.configCommands().size());
    assertTrue(problems(p.toString()).get(0).contains("cannot tell the kind"), "unnamed kind must be an error");
    assertTrue(problems("logs=" + p).get(0).contains("unknown kind 'logs'"));
  }

  @Test
  void aLeadingBomIsIgnored() throws Exception {
    write("events.csv", "\uFEFFtimestamp,source,type,entity\n2021-10-25T11:16:05Z,noc,site.fire,dc1\n");
    Event e = read(dir.toString()).events().get(0);
    assertEquals("site.fire", e.type());
    assertEquals(2, e.origin().line());
  }

  @Test
  void headerNamesSpelledWithSpacesHyphensOrCamelCaseAreTheContractsColumns() throws Exception {
    write("dependencies.csv", "Service,Depends On,Kind\nbilling,auth-db,soft\n");
    write("dependencies-b.csv", "service,dependsOn\nbilling,queue\n"); // read first: files go by name
    write("changes.csv", "Ticket,Summary,Max-Hosts,windowStart,WINDOW END\nCHG-1,swap,2,2021-10-25T01:00:00Z,2021-10-25T06:00:00Z\n");
    Bundle b = read(dir.toString());
    assertEquals(List.of("queue:hard", "auth-db:soft"), b.dependencies().stream().map(d -> d.dependsOn() + ":" + d.kind()).toList());
    ChangeTicket t = b.changes().get(0);
    assertEquals(List.of(2, Instant.parse("2021-10-25T01:00:00Z"), Instant.parse("2021-10-25T06:00:00Z")),
        List.of(t.maxHosts(), t.windowStart(), t.windowEnd()));
  }

  @Test
  void aDependencysKindMayBeWrittenRequiredOrOptional() throws Exception {
    write("dependencies.csv", "service,depends_on,kind\nweb,db,Required\nweb,cache,optional\nweb,cdn,hard\n");
    assertEquals(List.of("hard", "soft", "hard"), read(dir.toString()).dependencies().stream().map(Dependency::kind).toList());
    write("dependencies.csv", "service,depends_on,kind\nweb,db,sometimes\n");
    assertTrue(problems(dir.toString()).get(0).endsWith("dependencies.csv:2: kind: 'sometimes' is not hard or soft (required or optional)"),
        problems(dir.toString()).toString());
  }

  @Test
  void aHeaderThatAlsoHasTheContractsOwnSpellingKeepsTheOtherAsAnAttribute() throws Exception {
    // near miss: "depends_on" is written, so "Depends On" is some other column, not a second depends_on
    write("dependencies.csv", "service,depends_on,Depends On\nbilling,auth-db,legacy note\n");
    Dependency d = read(dir.toString()).dependencies().get(0);
    assertEquals("auth-db", d.dependsOn());
    assertEquals("legacy note", d.attributes().get("depends on"));
  }

  @Test
  void headersAreCaseInsensitiveAndInAnyOrderAndExtrasBecomeAttributes() throws Exception {
    write("events.csv", "Entity,TYPE,Host,timestamp,Source,Message\ndc1,site.fire,combo-7,2021-10-25T11:16:05Z,noc,smoke\n");
    Event e = read(dir.toString()).events().get(0);
    assertEquals("dc1", e.entity());
    assertEquals("site.fire", e.type());
    assertEquals("noc", e.source());
    assertEquals("smoke", e.message());
    assertEquals("combo-7", e.attr("host"));
    assertEquals("combo-7", e.attr("HOST"));
    assertEquals("", e.attr("absent"));
  }

  @Test
  void rowsWithTheSameExtrasShareOneAttributesAndKeepTheirOwnValues() throws Exception {
    write("events.csv", String.join("\n", "timestamp,source,type,entity,host,zone",
        "2021-10-25T11:16:05Z,noc,a,e1,h1,z1", "2021-10-25T11:16:06Z,noc,a,e2,h2,z1",
        "2021-10-25T11:16:07Z,noc,a,e3,h1,z1", "2021-10-25T11:16:08Z,noc,a,e4,h1,", "2021-10-25T11:16:09Z,noc,a,e5,h1,z1") + "\n");
    List<Event> e = read(dir.toString()).events();
    assertTrue(e.get(0).attributes() == e.get(2).attributes() && e.get(2).attributes() == e.get(4).attributes(), "h1/z1 shared");
    assertFalse(e.get(0).attributes() == e.get(1).attributes());
    assertEquals(List.of("h1", "h2", "h1", "h1", "h1"), e.stream().map(x -> x.attr("host")).toList());
    assertEquals(List.of("z1", "z1", "z1", "", "z1"), e.stream().map(x -> x.attr("zone")).toList());
    assertTrue(e.get(3).attributes().has("zone"), "an empty extra is still a column of the row");
  }

  @Test
  void quotedFieldsKeepCommasQuotesAndNewlinesAndLinesCountFromTheRecordStart() throws Exception {
    write("events.csv", String.join("\n",
        "timestamp,source,type,entity,message",
        "2021-10-25T11:16:05Z,noc,a,e1,\"one, two\"",
        "2021-10-25T11:16:06Z,noc,b,e2,\"she said \"\"stop\"\"\"",
        "2021-10-25T11:16:07Z,noc,c,e3,\"line one",
        "line two",
        "line three\"",
        "2021-10-25T11:16:08Z,noc,d,e4,plain",
        ""));
    List<Event> ev = read(dir.toString()).events();
    assertEquals("one, two", ev.get(0).message());
    assertEquals("she said \"stop\"", ev.get(1).message());
    assertEquals("line one\nline two\nline three", ev.get(2).message());
    assertEquals(List.of(2, 3, 4, 7), ev.stream().map(e -> e.origin().line()).toList());
  }

  @Test
  void aBadRowAfterAMultiLineRecordIsCitedAtItsOwnLine() throws Exception {
    write("events.csv", String.join("\n",
        "timestamp,source,type,entity,message",
        "2021-10-25T11:16:07Z,noc,c,e3,\"a\nb\nc\"",
        "yesterday,noc,d,e4,plain",
        ""));
    List<String> p = problems(dir.toString());
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).startsWith(dir.resolve("events.csv").normalize() + ":5: timestamp: unparsable"), p.get(0));
  }

  @Test
  void mixedOffsetsAreComparedAsInstantsAndTheDisplayZoneIsTheEarliestOffset() throws Exception {
    write("events.csv", String.join("\n",
        "timestamp,source,type,entity",
        "2021-10-25T11:16:05+09:00,noc,a,e1",
        "2021-10-25T02:16:04Z,noc,b,e2",
        "2021-10-24T22:16:06-04:00,noc,c,e3",
        ""));
    Bundle b = read(dir.toString());
    assertEquals(List.of("b", "a", "c"), b.timeline().stream().map(f -> ((Event) f).type()).toList());
    assertEquals(Instant.parse("2021-10-25T02:16:05Z"), b.events().get(0).time());
    assertEquals(ZoneOffset.UTC, b.displayZone());
  }

  @Test
  void localTimesNeedATimezone() throws Exception {
    write("events.csv", "timestamp,source,type,entity\n2021-10-25 11:16:05,noc,a,e1\n2021-10-25T11:16:06,noc,b,e2\n");
    List<String> p = problems(dir.toString());
    assertEquals(2, p.size(), p.toString());
    assertTrue(p.get(0).contains(":2: timestamp: timestamp '2021-10-25 11:16:05' has no offset"), p.get(0));
    assertTrue(p.get(0).contains("--timezone"), p.get(0));

    Bundle b = BundleReader.builder().timezone(ZoneId.of("Asia/Seoul")).build().readArgs(List.of(dir.toString()));
    assertEquals(Instant.parse("2021-10-25T02:16:05Z"), b.events().get(0).time());
    assertEquals(Instant.parse("2021-10-25T02:16:06Z"), b.events().get(1).time());
    assertEquals(ZoneId.of("Asia/Seoul"), b.displayZone());
  }

  @Test
  void everyProblemOfEveryFileIsListedWithFileAndLine() throws Exception {
    write("events.csv", String.join("\n",
        "timestamp,source,type,entity",
        "2021-10-25T11:16:05Z,noc,a,e1",
        "2021-13-25T11:16:05Z,noc,b,e2",
        "2021-10-25T11:16:05Z,,,e3",
        "2021-10-25T11:16:05Z,noc,c",
        ""));
    write("metrics.csv", String.join("\n",
        "timestamp,entity,metric,value",
        "2021-10-25T11:16:05Z,r1,cpu.util,12",
        "2021-10-25T11:16:06Z,r1,cpu.util,twelve",
        "2021-10-25T11:16:07Z,r1,cpu.util,NaN",
        ""));
    write("inventory.csv", "entity,type\nr1,router\n");
    write("services.csv", "service,min_hosts,critical\nbilling,-3,maybe\n");
    List<String> p = problems(dir.toString());
    String ev = dir.resolve("events.csv").normalize().toString();
    String mx = dir.resolve("metrics.csv").normalize().toString();
    assertTrue(p.contains(ev + ":3: timestamp: invalid timestamp '2021-13-25T11:16:05Z': Invalid value for MonthOfYear (valid values 1 - 12): 13"), p.toString());
    assertTrue(p.contains(ev + ":4: empty source; empty type"), p.toString());
    assertTrue(p.contains(ev + ":5: expected 4 fields as in the header, found 3 (required entity left out)"), p.toString());
    assertTrue(p.contains(mx + ":3: value: 'twelve' is not a number"), p.toString());
    assertTrue(p.contains(mx + ":4: value: 'NaN' is not a number"), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith(dir.resolve("inventory.csv").normalize() + ":1: missing required column(s) site")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("services.csv:2: min_hosts: '-3' is not a whole number ≥ 0; critical: 'maybe' is not true/false")), p.toString());
    assertEquals(7, p.size(), p.toString());
    assertFalse(p.stream().anyMatch(s -> s.contains("Exception")), p.toString());
  }

  @Test
  void lenientModeSkipsBadRowsAndCountsThem() throws Exception {
    write("events.csv", String.join("\n",
        "timestamp,source,type,entity",
        "2021-10-25T11:16:05Z,noc,a,e1",
        "garbage,noc,b,e2",
        "2021-10-25T11:16:07Z,noc,c,e3",
        ""));
    Bundle b = BundleReader.builder().lenient(true).build().readArgs(List.of(dir.toString()));
    assertEquals(List.of("a", "c"), b.events().stream().map(Event::type).toList());
    assertEquals(2, b.stats().rows());
    assertEquals(1, b.stats().skipped());
    assertEquals(1, b.stats().skippedProblems().size());
    assertEquals(3, b.stats().skippedProblems().get(0).line());
  }

  @Test
  void lenientModeStillRefusesAFileItCannotReadAtAll() throws Exception {
    write("inventory.csv", "entity,type\nr1,router\n");
    List<String> p = problems(BundleReader.builder().lenient(true).build(), dir.toString());
    assertTrue(p.get(0).contains("missing required column(s) site"), p.toString());
  }

  @Test
  void bytesThatAreNotUtf8AreReportedAtTheirLine() throws Exception {
    byte[] latin1 = ("timestamp,source,type,entity,message\n"
        + "2021-10-25T11:16:05Z,noc,a,e1,fine\n"
        + "2021-10-25T11:16:06Z,noc,b,e2,caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
    Files.write(dir.resolve("events.csv"), latin1);
    List<String> p = problems(dir.toString());
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).endsWith("events.csv:3: byte 0xE9 is not valid UTF-8 (try --encoding ISO-8859-1 or windows-1252)"), p.get(0));
  }

  @Test
  void aNamedEncodingReadsLatin1AndABomStillWins() throws Exception {
    Files.write(dir.resolve("events.csv"), ("timestamp,source,type,entity,message\r\n"
        + "2021-10-25T11:16:06Z,noc,b,e2,caf\u00e9 cr\u00e8me\n").getBytes(StandardCharsets.ISO_8859_1));
    Bundle b = BundleReader.builder().encoding(java.nio.charset.Charset.forName("windows-1252")).build().readArgs(List.of(dir.toString()));
    assertEquals("caf\u00e9 cr\u00e8me", b.events().get(0).message());
    // A UTF-8 file with its byte-order mark is UTF-8 whatever the option says.
    byte[] utf8 = ("\uFEFFtimestamp,source,type,entity,message\n2021-10-25T11:16:06Z,noc,b,e2,\u00fcber\n").getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("events.csv"), utf8);
    b = BundleReader.builder().encoding(StandardCharsets.ISO_8859_1).build().readArgs(List.of(dir.toString()));
    assertEquals("\u00fcber", b.events().get(0).message());
  }

  @Test
  void aBadByteFarIntoAFileIsCitedAtItsLineEvenWithLenient() throws Exception {
    // Past the decoder's 64 KiB chunk, with CRLF and CR-only line ends counted as the CSV reader counts them.
    StringBuilder csv = new StringBuilder("timestamp,source,type,entity,message\r\n");
    for (int i = 0; i < 3000; i++) csv.append("2021-10-25T11:16:05Z,noc,a,e1,padding padding padding padding\r\n");
    Files.write(dir.resolve("events.csv"), (csv + "2021-10-25T11:16:06Z,noc,b,e2,na\u00efve\n").getBytes(StandardCharsets.ISO_8859_1));
    List<String> p = problems(BundleReader.builder().lenient(true).lenientAll(true).build(), dir.toString());
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).endsWith("events.csv:3002: byte 0xEF is not valid UTF-8 (try --encoding ISO-8859-1 or windows-1252)"), p.get(0));
  }

  @Test
  void utf16WithAByteOrderMarkIsReadAsText() throws Exception {
    // Excel's "Unicode text" export: UTF-16LE with a BOM, tab-separated; and the big-endian twin.
    String tsv = "timestamp\tdevice\tsession\tuser\tcommand\n2021-10-25T11:16:00+09:00\tr1\ts1\top\trouter isis 1\n";
    byte[] le = tsv.getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[le.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(le, 0, withBom, 2, le.length);
    Files.write(dir.resolve("config-commands.csv"), withBom);
    Files.write(dir.resolve("events.csv"), ("timestamp,source,type,entity\n2021-10-25T11:16:05+09:00,noc,caf\u00e9.fire,dc1\n")
        .getBytes(StandardCharsets.UTF_16)); // Java's UTF-16 writes a big-endian BOM
    Bundle b = read(dir.toString());
    assertEquals("router isis 1", b.configCommands().get(0).command());
    assertEquals("caf\u00e9.fire", b.events().get(0).type());
  }

  @Test
  void aHeaderRepeatedMidFileIsNoRecordButAReorderedOneIsAProblem() throws Exception {
    String header = "timestamp,source,type,entity";
    write("events.csv", String.join("\n", header,
        "2021-10-25T11:16:05Z,noc,a,e1",
        " Timestamp ,SOURCE,type,entity", // a second export appended with cat
        "2021-10-25T11:16:06Z,noc,b,e2", ""));
    Bundle b = read(dir.toString());
    assertEquals(2, b.events().size());
    assertEquals(0, b.stats().files().get(0).skipped());
    write("events.csv", String.join("\n", header,
        "2021-10-25T11:16:05Z,noc,a,e1",
        "entity,timestamp,source,type",
        "e2,2021-10-25T11:16:06Z,noc,b", ""));
    List<String> p = problems(dir.toString());
    assertTrue(p.get(0).contains("events.csv:3: the header again, its columns in another order"), p.toString());
  }

  @Test
  void trailingOptionalFieldsLeftOutOrTrailingSeparatorsReadAsEmpty() throws Exception {
    // Some exporters stop a row at its last value, others end every row with separators.
    write("events.csv", String.join("\n",
        "timestamp,source,type,entity,message,severity",
        "2021-10-25T11:16:05Z,noc,a,e1",
        "2021-10-25T11:16:06Z,noc,b,e2,half",
        "2021-10-25T11:16:07Z,noc,c,e3,full,error,,",
        "2021-10-25T11:16:08Z,noc,d,e4"));
    Bundle b = read(dir.toString());
    assertEquals(List.of("a", "b", "c", "d"), b.events().stream().map(Event::type).toList());
    assertEquals(List.of("", "half", "full", ""), b.events().stream().map(Event::message).toList());
    assertEquals("error", b.events().get(2).severity());
    // the last line lacks its final newline, but earlier rows were short too: the exporter's habit, not a cut
    assertEquals(0, b.stats().skipped());
    // near misses: a required column left out, a value beyond the header
    write("events.csv", String.join("\n",
        "timestamp,source,type,entity,message",
        "2021-10-25T11:16:05Z,noc,a",
        "2021-10-25T11:16:06Z,noc,b,e2,msg,surplus", ""));
    List<String> p = problems(dir.toString());
    assertTrue(p.get(0).endsWith("events.csv:2: expected 5 fields as in the header, found 3 (required entity left out)"), p.toString());
    assertTrue(p.get(1).endsWith("events.csv:3: expected 5 fields as in the header, found 6"), p.toString());
  }

  @Test
  void aNulInsideARecordOfTheRightWidthIsSaid() throws Exception {
    write("events.csv", "timestamp,source,type,entity\n2021-10-25T11:16:05Z,noc,a,e\u00001\n2021-10-25T11:16:06Z,noc,b,e2\n");
    List<String> p = problems(dir.toString());
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).endsWith("events.csv:2: field 4 (entity) holds a NUL byte (binary data in a text log?)"), p.toString());
    // --lenient skips the row and counts it
    Bundle b = BundleReader.builder().lenient(true).build().readArgs(List.of(dir.toString()));
    assertEquals(List.of("b"), b.events().stream().map(Event::type).toList());
    assertEquals(1, b.stats().skipped());
  }

  @Test
  void utf16WithoutAByteOrderMarkIsSaidAsSuch() throws Exception {
    Files.write(dir.resolve("events.csv"), "timestamp,source,type,entity\n2021-10-25T11:16:05Z,noc,a,e1\n"
        .getBytes(StandardCharsets.UTF_16LE));
    List<String> p = problems(dir.toString());
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).endsWith("events.csv:1: the header holds NUL bytes: UTF-16 without a byte-order mark (save as UTF-8),"
        + " or not a text file?"), p.toString());
  }

  @Test
  void anExcelSeparatorLineNamesTheSeparatorAndIsNoHeader() throws Exception {
    // Excel's `sep=;` first line (after a BOM, as it saves "CSV UTF-8"); the lines keep their numbers.
    write("events.csv", "\uFEFFsep=;\r\ntimestamp;source;type;entity;message\r\n"
        + "2021-10-25T11:16:05Z;noc;a;e1;\"x, y\"\r\n2021-10-25T11:16:06Z;noc;b\r\n");
    List<String> p = problems(dir.toString());
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).endsWith("events.csv:4: expected 5 fields as in the header, found 3 (required entity left out)"), p.toString());
    write("events.csv", "sep=,\ntimestamp,source,type,entity\n2021-10-25T11:16:05Z,noc,a,e1\n");
    Event e = read(dir.toString()).events().get(0);
    assertEquals("e1", e.entity());
    assertEquals(3, e.origin().line());
  }

  @Test
  void aNamedTimeFormatAppliesWhereItReadsSoMixedBundlesRead() throws Exception {
    // One tool writes epoch milliseconds, another ISO-8601: --time-format epoch-ms is for the first.
    write("events.csv", "timestamp,source,type,entity\n1635128165250,agent,service.down,web\n");
    write("metrics.csv", "timestamp,entity,metric,value\n2021-10-25T11:16:05+09:00,web,cpu.util,99\n");
    Bundle b = BundleReader.builder().timeFormat("epoch-ms").build().readArgs(List.of(dir.toString()));
    assertEquals(Instant.parse("2021-10-25T02:16:05.250Z"), b.events().get(0).time());
    assertEquals(1, b.stats().rows() - 1);
    // still strict where nothing reads it
    write("metrics.csv", "timestamp,entity,metric,value\nyesterday,web,cpu.util,99\n");
    List<String> p = problems(BundleReader.builder().timeFormat("epoch-ms").build(), dir.toString());
    assertTrue(p.get(0).endsWith("metrics.csv:2: timestamp: 'yesterday' is neither an epoch time (epoch-ms) nor ISO-8601"), p.toString());
  }

  @Test
  void aLastLineCutShortSaysTheFileEndsInsideIt() throws Exception {
    write("events.csv", "timestamp,source,type,entity,message\n2021-10-25T11:16:05Z,noc,a,e1,ok\n2021-10-25T11:16:06Z,noc");
    List<String> p = problems(dir.toString());
    assertTrue(p.get(0).contains("events.csv:3: expected 5 fields as in the header, found 2 (the file ends inside this line"), p.toString());
    // zeros a crash left after the last record are said as such
    Files.write(dir.resolve("events.csv"), ("timestamp,source,type,entity,message\n2021-10-25T11:16:05Z,noc,a,e1,ok\n"
        + "\0".repeat(512)).getBytes(StandardCharsets.UTF_8));
    assertTrue(problems(dir.toString()).get(0).contains("events.csv:3: NUL bytes where a record should be"));
    // a complete last line without a final newline is fine
    write("events.csv", "timestamp,source,type,entity,message\n2021-10-25T11:16:05Z,noc,a,e1,ok");
    assertEquals(1, read(dir.toString()).events().size());
  }

  @Test
  void rawLogsAndTraceExportsGivenAsEventsPointAtTheirImport() throws Exception {
    // The golden inputs of each format, as a user might hand them over: named like a CSV of the contract.
    java.util.Map<String, String> formats = new java.util.LinkedHashMap<>();
    formats.put("syslog/messages", "syslog");
    formats.put("syslog/rfc5424.log", "syslog");
    formats.put("journald/journal.json", "journald");
    formats.put("gcp-logging/entries.json", "gcp-logging");
    formats.put("jaeger/trace.json", "jaeger");
    formats.put("zipkin/traces.json", "zipkin");
    formats.put("otlp-json/traces.jsonl", "otlp-json");
    formats.put("otlp-json/request.json", "otlp-json");
    formats.put("otlp-logs/logs.jsonl", "otlp-logs");
    formats.put("k8s-events/events.json", "k8s-events");
    formats.put("k8s-events/events.yaml", "k8s-events");
    formats.put("k8s-events/events-v1.jsonl", "k8s-events");
    formats.put("k8s-events/events.txt", "k8s-events");
    formats.put("k8s-events/events-wide.txt", "k8s-events");
    formats.put("azure-activity/activity.json", "azure-activity");
    formats.put("azure-activity/PT1H.json", "azure-activity");
    formats.put("loki/logcli.jsonl", "loki");
    formats.put("loki/query_range.json", "loki");
    formats.put("helm-history/checkout.json", "helm-history");
    formats.put("helm-history/ledger-api.txt", "helm-history");
    formats.put("helm-history/redis.yaml", "helm-history");
    formats.put("argocd-history/application.json", "argocd-history");
    formats.put("argocd-history/applications.yaml", "argocd-history");
    formats.put("elasticsearch/search.json", "elasticsearch");
    formats.put("elasticsearch/elasticdump.ndjson", "elasticsearch");
    formats.put("cloudwatch-logs/filter-log-events.json", "cloudwatch-logs");
    formats.put("cloudwatch-logs/insights.json", "cloudwatch-logs");
    formats.put("datadog-metrics/query.json", "datadog-metrics");
    formats.put("datadog-metrics/pods.json", "datadog-metrics");
    for (var e : formats.entrySet()) {
      Path f = dir.resolve("events-" + e.getValue() + ".csv");
      Files.copy(Path.of("src/test/resources/import", e.getKey()), f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      String p = problems(f.toString()).get(0);
      assertTrue(p.contains(", not CSV: analyze --from " + e.getValue() + ":" + f), e.getKey() + ": " + p);
      assertTrue(p.contains(f + ":1: "), "refused at its first line: " + p);
      Files.delete(f);
    }
  }

  @Test
  void aRawLogGivenAsAKindPointsAtTheImportThatReadsIt() throws Exception {
    Path tac = write("tac_plus.acct", "Oct 25 02:01:44\t192.0.2.11\tnoc-kim\ttty1\t198.51.100.7\tstop\ttask_id=213\t"
        + "timezone=UTC\tservice=shell\tpriv-lvl=15\tcmd=router isis CORE <cr>\n");
    assertTrue(problems("config-commands=" + tac).get(0).endsWith(
        "it looks like a tac_plus accounting log, not CSV: analyze --from tacacs:" + tac + " (or hindsight import tacacs " + tac + " --out DIR)"));
    Path junos = write("config-commands.csv", "Oct 25 11:14:40 ams-cr7 sshd[48190]: Accepted publickey for pvdb\n"
        + "Oct 25 11:14:52 ams-cr7 mgd[48211]: UI_CMDLINE_READ_LINE: User 'pvdb', command 'set export BGP-TO-ISIS '\n");
    assertTrue(problems(junos.toString()).get(0).contains("Junos mgd syslog, not CSV: analyze --from junos-syslog:"));
    Path vrp = write("config-commands-vrp.csv", "Oct 25 2021 11:14:10+09:00 PE1 %%01SHELL/5/CMDRECORD(s)[1]:Recorded command "
        + "information. (Task=VT0, Ip=198.51.100.7, VpnName=, User=kim, Command=\"isis 1\")\n");
    assertTrue(problems(vrp.toString()).get(0).contains("Huawei VRP command-record syslog, not CSV: analyze --from huawei-syslog:"));
    // a CSV that merely lacks columns still gets the --map suggestion, not an importer
    Path csv = write("ops-commands.csv", "ts,user,cmd\n2021-10-25T11:16:00Z,alice,ls\n");
    String p = problems(csv.toString()).get(0);
    assertTrue(p.contains("--map ops-commands:timestamp=ts") && !p.contains("not CSV"), p);
  }

  @Test
  void malformedQuotesAreAProblemNotAStackTrace() throws Exception {
    write("events.csv", String.join("\n",
        "timestamp,source,type,entity,message",
        "2021-10-25T11:16:05Z,noc,a,e1,ok",
        "2021-10-25T11:16:06Z,noc,b,e2,\"quoted\"tail",
        ""));
    write("links.csv", "a,b\nr1,r2\n");
    List<String> p = problems(dir.toString());
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).endsWith("events.csv:3: malformed CSV: text after the closing quote of a field (a quote inside a quoted field is written \"\")"), p.get(0));
  }

  @Test
  void anUnclosedQuoteIsReportedAtTheLineItOpens() throws Exception {
    write("events.csv", String.join("\n",
        "timestamp,source,type,entity,message",
        "2021-10-25T11:16:05Z,noc,a,e1,ok",
        "2021-10-25T11:16:06Z,noc,b,e2,\"never closed",
        "2021-10-25T11:16:07Z,noc,c,e3,x",
        ""));
    List<String> p = problems(dir.toString());
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).endsWith("events.csv:3: malformed CSV: a quoted field opened on this line is never closed"), p.get(0));
  }

  @Test
  void emptyFilesAndBlankLinesAndMissingInputs() throws Exception {
    write("events.csv", "");
    write("links.csv", "a,b\n\nr1,r2\n\n");
    List<String> p = problems(dir.toString(), dir.resolve("nope").toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("events.csv:1: empty file")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("nope: no such file or folder")), p.toString());
    assertEquals(2, p.size(), p.toString());
    Files.delete(dir.resolve("events.csv"));
    assertEquals(1, read(dir.toString()).links().size());
  }

  @Test
  void metricsBecomeOneSortedSeriesPerEntityAndMetricRememberingEachLine() throws Exception {
    write("metrics.csv", String.join("\n",
        "timestamp,entity,metric,value",
        "2021-10-25T11:16:07Z,r1,cpu.util,30",
        "2021-10-25T11:16:05Z,r1,cpu.util,10",
        "2021-10-25T11:16:06Z,r2,cpu.util,99",
        "2021-10-25T11:16:06Z,r1,cpu.util,20",
        ""));
    List<MetricSeries> s = read(dir.toString()).metrics();
    assertEquals(2, s.size());
    MetricSeries r1 = s.get(0);
    assertEquals("r1", r1.entity());
    assertEquals(3, r1.count());
    assertEquals(List.of(10.0, 20.0, 30.0), List.of(r1.valueAt(0), r1.valueAt(1), r1.valueAt(2)));
    assertEquals(List.of(3, 5, 2), List.of(r1.ref(0).line(), r1.ref(1).line(), r1.ref(2).line()));
  }

  @Test
  void tsvFilesInAFolderAreReadAndCitedByLine() throws Exception {
    // a database client's or warehouse's export is named .tsv; a gzipped one too; other names stay ignored
    write("events.tsv", "timestamp\tsource\ttype\tentity\n2021-10-25T11:16:05Z\tnoc\tsite.fire\tdc1\n"
        + "2021-10-25T11:16:09Z\tnoc\tsite.fire\tdc2\n");
    write("notes.txt", "timestamp\tsource\n");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("config-commands-r1.tsv.gz")))) {
      out.write("timestamp\tdevice\tsession\tuser\tcommand\n2021-10-25T11:16:00Z\tr1\ts1\top\trouter isis 1\n"
          .getBytes(StandardCharsets.UTF_8));
    }
    Bundle b = read(dir.toString());
    assertEquals(List.of("dc1", "dc2"), b.events().stream().map(Event::entity).toList());
    assertEquals(3, b.events().get(1).origin().line());
    assertTrue(b.events().get(1).origin().file().endsWith("events.tsv"), b.events().get(1).origin().file());
    assertEquals("router isis 1", b.configCommands().get(0).command());
  }

  @Test
  void spreadsheetExportsSeparatedBySemicolonsOrTabsAreRead() throws Exception {
    // a locale with a decimal comma exports with semicolons; TSV with tabs; a comma inside quotes stays text
    write("metrics.csv", "timestamp;entity;metric;value\n2021-10-25T11:16:05Z;r1;cpu.util;0,25\n"
        + "2021-10-25T11:16:06Z;r1;cpu.util;1e2\n");
    write("events-export.csv", "timestamp\tsource\ttype\tentity\tmessage\n"
        + "2021-10-25T11:16:05Z\tnoc\tsite.fire\tdc1\t\"smoke, hall 2\"\n");
    Bundle b = read(dir.toString());
    MetricSeries m = b.metrics().get(0);
    assertEquals(List.of(0.25, 100.0), List.of(m.valueAt(0), m.valueAt(1)));
    Event e = b.events().get(0);
    assertEquals("site.fire", e.type());
    assertEquals("smoke, hall 2", e.message());
  }

  @Test
  void aCommaSeparatedFileKeepsSemicolonsAndDecimalCommasAsText() throws Exception {
    write("events.csv", "timestamp,source,type,entity,message\n2021-10-25T11:16:05Z,noc,site.fire,dc1,a;b\n");
    assertEquals("a;b", read(dir.toString()).events().get(0).message());
    write("metrics.csv", "timestamp,entity,metric,value\n2021-10-25T11:16:05Z,r1,cpu.util,\"0,25\"\n");
    assertTrue(problems(dir.toString()).get(0).contains("'0,25' is not a number"), problems(dir.toString()).toString());
  }

  @Test
  void equalTimestampsKeepFileOrder() throws Exception {
    write("config-commands.csv", String.join("\n",
        "timestamp,device,session,user,command",
        "2021-10-25T11:16:05Z,r1,s1,op,configure terminal",
        "2021-10-25T11:16:05Z,r1,s1,op,router isis 1",
        "2021-10-25T11:16:05Z,r1,s1,op,exit",
        ""));
    List<String> typed = read(dir.toString()).timeline().stream().map(f -> ((ConfigCommand) f).command()).toList();
    assertEquals(List.of("configure terminal", "router isis 1", "exit"), typed);
  }

  @Test
  void requestsAreReplayedInTimeOrder() throws Exception {
    write("requests.csv", String.join("\n",
        "timestamp,datacenter,server,process,status,cookies_valid,cookies_invalid",
        "2024-06-20T17:47:02Z,fra,s1,fl,503,1,1",
        "2024-06-20T17:47:00Z,fra,s1,fl,200,1,0",
        "2024-06-20T17:47:01Z,ams,s2,fl,200,,",
        ""));
    RequestLog log = read(dir.toString()).requests();
    assertEquals(3, log.size());
    assertEquals(List.of(3, 4, 2), List.of(log.inOrder(0).origin().line(), log.inOrder(1).origin().line(), log.inOrder(2).origin().line()));
    assertTrue(log.inOrder(2).mixedCookies());
    assertEquals(-1, log.inOrder(1).cookiesValid());
  }
}
