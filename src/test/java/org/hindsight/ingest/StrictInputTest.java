package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values and inputs that used to be changed or dropped without a word are now errors (issue 19). */
class StrictInputTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private static List<String> problems(BundleReader reader, String... args) {
    InputException e = assertThrows(InputException.class, () -> reader.readArgs(List.of(args)));
    return e.problems().stream().map(InputProblem::toString).toList();
  }

  private static List<String> problems(String... args) {
    return problems(BundleReader.builder().build(), args);
  }

  private static boolean has(List<String> problems, String text) {
    return problems.stream().anyMatch(p -> p.contains(text));
  }

  @Test
  void aDateThatDoesNotExistIsAnErrorNotTheNearestDay() throws Exception {
    // both the fast path (T, Z) and the general parser (space, no seconds)
    write("events.csv", "timestamp,source,type,entity\n2024-02-30T10:00:00Z,a,b,c\n2024-02-30 10:00+01:00,a,b,c\n"
        + "2023-02-29T10:00:00Z,a,b,c\n2024-02-29T10:00:00Z,a,b,c\n");
    List<String> p = problems(dir.toString());
    assertEquals(3, p.size(), p.toString());
    assertTrue(p.get(0).endsWith("events.csv:2: timestamp: invalid timestamp '2024-02-30T10:00:00Z': Invalid date 'FEBRUARY 30'"), p.toString());
    assertTrue(p.get(1).contains("events.csv:3: timestamp: invalid timestamp '2024-02-30 10:00+01:00'"), p.toString());
    assertTrue(p.get(2).contains("events.csv:4:") && p.get(2).contains("not a leap year"), p.toString());
  }

  @Test
  void numbersFollowTheContractGrammarNotJavas() throws Exception {
    write("metrics.csv", "timestamp,entity,metric,value\n"
        + "2024-01-01T00:00:00Z,a,m,31d\n" // Java: 31.0 (double suffix)
        + "2024-01-01T00:00:01Z,a,m,0x1Fp0\n" // Java: 31.0 (hex float)
        + "2024-01-01T00:00:02Z,a,m,1f\n"
        + "2024-01-01T00:00:03Z,a,m,Infinity\n"
        + "2024-01-01T00:00:04Z,a,m,1e999\n" // out of range
        + "2024-01-01T00:00:05Z,a,m,1_000\n"
        + "2024-01-01T00:00:06Z,a,m,-1.5e3\n" // fine
        + "2024-01-01T00:00:07Z,a,m,.5\n" // fine
        + "2024-01-01T00:00:08Z,a,m,+5.\n"); // fine
    write("services.csv", "service,min_hosts\nweb,\u0663\nmail,+2\ndns,3\n"); // Arabic-Indic three: Integer.parseInt reads 3
    List<String> p = problems(dir.toString());
    assertTrue(has(p, "metrics.csv:2: value: '31d' is not a number"), p.toString());
    assertTrue(has(p, "metrics.csv:3: value: '0x1Fp0' is not a number"), p.toString());
    assertTrue(has(p, "metrics.csv:4: value: '1f' is not a number"), p.toString());
    assertTrue(has(p, "metrics.csv:5: value: 'Infinity' is not a number"), p.toString());
    assertTrue(has(p, "metrics.csv:6: value: '1e999' is out of range"), p.toString());
    assertTrue(has(p, "metrics.csv:7: value: '1_000' is not a number"), p.toString());
    assertTrue(has(p, "services.csv:2: min_hosts: '\u0663' is not a whole number"), p.toString());
    assertTrue(has(p, "services.csv:3: min_hosts: '+2' is not a whole number"), p.toString());
    assertEquals(8, p.size(), p.toString());
  }

  @Test
  void theNumberGrammar() {
    for (String ok : List.of("0", "-1", "+1", "1.", ".5", "1.5e3", "1E-3", "007")) assertTrue(Numbers.isDecimal(ok), ok);
    for (String bad : List.of("", "-", ".", "e3", "1e", "1e+", "1.2.3", "1d", "1F", "0x10", "NaN", "1 2", " 1", "\u0661"))
      assertFalse(Numbers.isDecimal(bad), bad);
    assertEquals(-1, Numbers.parseCount("2147483648"));
    assertEquals(Integer.MAX_VALUE, Numbers.parseCount("2147483647"));
  }

  @Test
  void conflictingDuplicatesAreErrorsCitingTheFirstRow() throws Exception {
    write("inventory.csv", "entity,type,site,service,role\n"
        + "db1,host,pangyo,billing,\n"
        + "db1,host,pangyo,auth,\n" // one host, two services: fine
        + "db1,host,ansan,billing,\n" // in two sites
        + "db1,router,pangyo,dns,\n" // two types
        + "db1,host,pangyo,auth,primary\n" // listed twice, differently
        + "db1,host,pangyo,auth,\n"); // the row of line 3 word for word: the same record, read once
    write("services.csv", "service,min_hosts\nbilling,3\nbilling,5\n");
    write("key-generators.csv", "generator,kind,parent\nk1,cookie,ip\nip,ip,\nk1,cookie,k1\n");
    List<String> p = problems(dir.toString());
    assertTrue(has(p, "inventory.csv:4: entity 'db1' is in site 'pangyo' at "), p.toString());
    assertTrue(has(p, "inventory.csv:2 and in site 'ansan' here; an entity has one site"), p.toString());
    assertTrue(has(p, "inventory.csv:5: entity 'db1' is a host at "), p.toString());
    assertTrue(has(p, "inventory.csv:6: entity 'db1' of service 'auth' is listed already at "), p.toString());
    assertTrue(has(p, "services.csv:3: service 'billing' has a spec already at "), p.toString());
    assertTrue(has(p, "key-generators.csv:4: key generator 'k1' is defined already at "), p.toString());
    assertEquals(5, p.size(), p.toString());
  }

  @Test
  void underLenientTheSecondDefinitionIsSkippedAndListed() throws Exception {
    write("services.csv", "service,min_hosts\nbilling,3\nbilling,5\n");
    Bundle b = BundleReader.builder().lenient(true).build().readArgs(List.of(dir.toString()));
    assertEquals(1, b.services().size());
    assertEquals(3, b.services().get(0).minHosts());
    assertEquals(1, b.stats().skipped());
    assertTrue(b.stats().skippedProblems().get(0).toString().contains("services.csv:3: service 'billing' has a spec already"));
  }

  @Test
  void theSameInputGivenTwiceIsRejectedSayingSo() throws Exception {
    Path ev = write("events.csv", "timestamp,source,type,entity\n2024-01-01T00:00:00Z,a,b,c\n");
    List<String> twice = problems(dir.toString(), dir.toString());
    assertEquals(1, twice.size(), twice.toString());
    assertTrue(twice.get(0).endsWith("events.csv: given twice; give each input once"), twice.toString());
    List<String> asFileToo = problems(dir.toString(), "events=" + ev);
    assertTrue(has(asFileToo, "events.csv: given twice"), asFileToo.toString());
    Path link = dir.getParent().resolve(dir.getFileName() + "-link.csv");
    Files.createSymbolicLink(link, ev);
    try {
      List<String> viaLink = problems(ev.toString(), "events=" + link);
      assertTrue(has(viaLink, "-link.csv: the same file as " + BundleReader.display(ev) + ", given twice"), viaLink.toString());
    } finally {
      Files.delete(link);
    }
  }

  @Test
  void pathsNamedLikeLogsButNotReadableFilesAreSaidNotSkipped() throws Exception {
    write("events.csv", "timestamp,source,type,entity\n2024-01-01T00:00:00Z,a,b,c\n");
    Files.createSymbolicLink(dir.resolve("loop-a.csv"), dir.resolve("loop-b.csv"));
    Files.createSymbolicLink(dir.resolve("loop-b.csv"), dir.resolve("loop-a.csv"));
    Files.createSymbolicLink(dir.resolve("metrics.csv"), dir.resolve("gone.csv"));
    Files.createDirectory(dir.resolve("links.csv"));
    Path fifo = dir.resolve("requests.csv");
    boolean haveFifo = mkfifo(fifo);
    List<String> p = problems(dir.toString());
    assertTrue(has(p, "loop-a.csv: symbolic link that points nowhere or loops; not read"), p.toString());
    assertTrue(has(p, "loop-b.csv: symbolic link that points nowhere or loops; not read"), p.toString());
    assertTrue(has(p, "metrics.csv: symbolic link that points nowhere or loops; not read"), p.toString());
    assertTrue(has(p, "links.csv: a folder named like a CSV file"), p.toString());
    if (haveFifo) {
      // never opened: reading a FIFO nobody writes to would hang
      assertTrue(has(p, "requests.csv: not a regular file (a FIFO, socket or device); not read"), p.toString());
      List<String> given = problems(fifo.toString());
      assertTrue(has(given, "requests.csv: not a regular file"), given.toString());
    }
  }

  private static boolean mkfifo(Path p) throws InterruptedException {
    try {
      return new ProcessBuilder("mkfifo", p.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      return false; // no mkfifo here: the other cases still run
    }
  }

  @Test
  void aFieldOrRecordPastTheLimitIsAnErrorAtItsLineAndCostsLittleMemory() throws Exception {
    BundleReader small = BundleReader.builder().limits(4096, 1024).build();
    String longMessage = "x".repeat(2000);
    write("events.csv", "timestamp,source,type,entity,message\n2024-01-01T00:00:00Z,a,b,c,short\n"
        + "2024-01-01T00:00:01Z,a,b,c," + longMessage + "\n2024-01-01T00:00:02Z,a,b,c,ok\n");
    List<String> p = problems(small, dir.toString());
    assertEquals(List.of(BundleReader.display(dir.resolve("events.csv")) + ":3: field 5 is 2,000 characters long; the limit is 1,024"), p);

    // an unclosed quote swallows the rest of the file into one field: stopped at the record limit
    write("events.csv", "timestamp,source,type,entity,message\n2024-01-01T00:00:00Z,a,b,c,\"never closed\n"
        + ("2024-01-01T00:00:01Z,a,b,c,more\n").repeat(2000));
    p = problems(small, dir.toString());
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).contains("events.csv:2: record longer than 4,096 characters (the limit; is a quote left open?)"), p.toString());
  }

  @Test
  void theDefaultLimitsHoldAFiftyMegabyteField() throws Exception {
    Path f = dir.resolve("events.csv");
    try (var w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
      w.write("timestamp,source,type,entity,message\n2024-01-01T00:00:00Z,a,b,c,");
      char[] chunk = new char[1 << 20];
      java.util.Arrays.fill(chunk, 'y');
      for (int i = 0; i < 50; i++) w.write(chunk);
      w.write("\n");
    }
    List<String> p = problems(dir.toString());
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).contains("events.csv:2: record longer than 4,194,304 characters"), p.toString());
  }

  @Test
  void aSeriesKeepsWhoMeasuredItAndOneSeriesHasOneMeasurer() throws Exception {
    write("metrics.csv", "timestamp,entity,metric,value,measured_by\n"
        + "2024-01-01T00:00:00Z,db,calls.latency,3,api\n"
        + "2024-01-01T00:00:00Z,db,cpu,0.5,\n"
        + "2024-01-01T00:01:00Z,db,calls.latency,4,api\n");
    Bundle b = BundleReader.builder().build().readArgs(List.of(dir.toString()));
    var byMetric = new java.util.HashMap<String, org.hindsight.facts.MetricSeries>();
    for (var m : b.metrics()) byMetric.put(m.metric(), m);
    assertEquals("api", byMetric.get("calls.latency").measuredBy());
    assertTrue(byMetric.get("calls.latency").viewed());
    assertEquals("", byMetric.get("cpu").measuredBy());
    assertFalse(byMetric.get("cpu").viewed());

    // a second measurer of the same series would mix two views into one baseline
    write("metrics.csv", "timestamp,entity,metric,value,measured_by\n"
        + "2024-01-01T00:00:00Z,db,calls.latency,3,api\n"
        + "2024-01-01T00:01:00Z,db,calls.latency,4,web\n"
        + "2024-01-01T00:02:00Z,db,calls.latency,4,\n");
    List<String> p = problems(dir.toString());
    assertEquals(2, p.size(), p.toString());
    assertTrue(p.get(0).contains("metrics.csv:3: measured_by: 'web' differs from 'api'") && p.get(0).contains("metrics.csv:2"), p.toString());
    assertTrue(p.get(1).contains("metrics.csv:4: measured_by: '' differs from 'api'"), p.toString());
  }
}
