package org.hindsight.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.hindsight.analysis.Analysis;
import org.hindsight.ingest.BundleReader;
import org.hindsight.ingest.InputException;
import org.hindsight.ingest.InputProblem;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad rows at scale read as analyze says them; JSON lines and Parquet inputs; what reduce keeps. */
class ReduceInputTest {
  @TempDir Path tmp;

  private static final String METRICS = """
      timestamp,entity,metric,value
      2024-06-20T12:00:00Z,r1,cpu.util,12
      2024-06-20T12:01:00Z,,cpu.util,13
      2024-02-30T12:02:00Z,r1,cpu.util,14
      2024-06-20T12:03:00Z,r1,cpu.util,31d
      2024-06-20T12:04:00Z,r1,cpu.util
      2024-06-20T12:05:00Z,r1,cpu.util,15,extra

      2024-06-20T12:06:00Z,r1,cpu.util,16
      """;
  private static final String REQUESTS = """
      timestamp,datacenter,server,process,status,rule,cookies_valid,cookies_invalid
      2024-06-20T12:00:00Z,dc1,s1,p1,200,,1,0
      2024-06-20T12:00:01Z,dc1,s1,p1,,,1,0
      2024-06-20T12:00:02Z,dc1,s1,p1,abc,,1,0
      2024-06-20T12:00:03Z,dc1,s1,p1,200,,-1,0
      2024-06-20T12:00:04Z,dc1,s1,p1,200,,1,0
      """;
  private static final String EVENTS = """
      timestamp,source,type,entity,message
      2024-06-20T12:00:00Z,syslog,,r1,"no type, quoted"
      2024-06-20T12:00:05Z,syslog,service.down,r1,"a ""quoted"" word"
      12:00,syslog,service.up,r1,local time
      """;

  private Path badBundle() throws Exception {
    Path b = tmp.resolve("bad");
    Files.createDirectories(b);
    Files.writeString(b.resolve("metrics.csv"), METRICS);
    Files.writeString(b.resolve("requests.csv"), REQUESTS);
    Files.writeString(b.resolve("events.csv"), EVENTS);
    return b;
  }

  private static SparkSession spark() {
    return SparkTestSession.get();
  }

  @Test
  void badRowsAreReportedAsAnalyzeReportsThem() throws Exception {
    Path b = badBundle();
    List<InputProblem> analyze = assertThrows(InputException.class,
        () -> BundleReader.builder().build().readArgs(List.of(b.toString()))).problems();
    InputException reduce = assertThrows(InputException.class,
        () -> new Reducer(spark(), Reducer.Options.defaults()).reduce(List.of(b.toString()), tmp.resolve("out").toString()));
    assertEquals(sorted(analyze), sorted(reduce.problems()));
    assertTrue(reduce.lenientWouldHelp());
    assertTrue(analyze.stream().anyMatch(p -> p.toString().equals(b + "/metrics.csv:5: value: '31d' is not a number")), analyze::toString);
    assertFalse(Files.exists(tmp.resolve("out").resolve("metrics.csv")), "nothing written on a refused read");
  }

  @Test
  void lenientSkipsTheSameRowsAnalyzeSkips() throws Exception {
    Path b = badBundle();
    Files.writeString(b.resolve("events.csv"), EVENTS.replace("12:00,syslog", "2024-06-20T12:10:00Z,syslog"));
    StringBuilder more = new StringBuilder(METRICS);
    for (int i = 10; i < 14; i++) more.append("2024-06-20T12:").append(i).append(":00Z,r1,cpu.util,17\n");
    Files.writeString(b.resolve("metrics.csv"), more);
    Files.writeString(b.resolve("requests.csv"), REQUESTS + "2024-06-20T12:00:05Z,dc1,s1,p1,200,,1,0\n2024-06-20T12:00:06Z,dc1,s1,p1,503,,1,1\n");
    var lenient = new Reducer.Options(null, null, 0, true, false, Reducer.DEFAULT_REQUESTS_PER_MINUTE);
    Path out = tmp.resolve("out");
    Reducer.Result r = new Reducer(spark(), lenient).reduce(List.of(b.toString()), out.toString());
    var stats = BundleReader.builder().lenient(true).build().readArgs(List.of(b.toString())).stats();
    assertEquals(sorted(stats.skippedProblems()), sorted(r.skipped()));
    assertEquals(6, rowsStoodFor(out.resolve("metrics.csv")), "the good metric rows, kept or summarised");
    assertEquals(4, Files.readAllLines(out.resolve("requests.csv")).size() - 1, "the good request rows");
    assertTrue(Files.readString(out.resolve("events.csv")).contains("\"a \"\"quoted\"\" word\""), "free text quoted back");
    // The reduced bundle reads cleanly and cites the raw rows.
    var reduced = BundleReader.builder().build().readArgs(List.of(out.toString()));
    assertEquals(b + "/events.csv", reduced.events().get(0).origin().file());
    assertEquals(3, reduced.events().get(0).origin().line());
  }

  /** Rows of a reduced metrics file plus the steady samples its rows say were left out. */
  static long rowsStoodFor(Path metrics) throws IOException {
    List<String> lines = Files.readAllLines(metrics);
    int elided = List.of(lines.get(0).split(",")).indexOf("elided");
    long n = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] v = line.split(",", -1);
      n += 1 + (v[elided].isEmpty() ? 0 : Long.parseLong(v[elided]));
    }
    return n;
  }

  @Test
  void lenientStillRefusesAFileThatWouldLoseMostOfItsRows() throws Exception {
    Path b = badBundle();
    var lenient = new Reducer.Options(null, null, 0, true, false, Reducer.DEFAULT_REQUESTS_PER_MINUTE);
    InputException e = assertThrows(InputException.class,
        () -> new Reducer(spark(), lenient).reduce(List.of(b.toString()), tmp.resolve("out").toString()));
    assertTrue(e.problems().stream().anyMatch(p -> p.message().contains("would be skipped; fix them, or pass --lenient=all")),
        e.problems()::toString);
    var all = new Reducer.Options(null, null, 0, true, true, Reducer.DEFAULT_REQUESTS_PER_MINUTE);
    Reducer.Result r = new Reducer(spark(), all).reduce(List.of(b.toString()), tmp.resolve("out2").toString());
    assertEquals(10, r.skipped().size(), r.skipped()::toString);
  }

  @Test
  void aSpreadsheetExportAnalyzeReadsIsRefusedAtItsFirstLineNotMisread() throws Exception {
    var conf = new org.apache.hadoop.conf.Configuration();
    Path semicolons = tmp.resolve("events.csv");
    Files.writeString(semicolons, "timestamp;source;type;entity\n2024-06-20T12:00:00Z;syslog;service.down;r1\n");
    Path utf16 = tmp.resolve("metrics.csv");
    Files.write(utf16, "timestamp,entity,metric,value\n".getBytes(java.nio.charset.StandardCharsets.UTF_16));
    Path commas = tmp.resolve("links.csv");
    Files.writeString(commas, "a,b,note\nr1,r2,\"x;y\"\n");
    for (Path p : List.of(semicolons, utf16)) {
      List<InputProblem> problems = new java.util.ArrayList<>();
      var f = new ReduceInputs.Found(p.toString(), p.getFileName().toString(), "events", InputLayout.Format.CSV);
      assertEquals(null, ReduceInputs.csvHeader(f, conf, problems));
      assertTrue(problems.get(0).toString().matches(".*\\.csv:1: .*(reduce reads comma-separated CSV only|reduce reads UTF-8 only).*"),
          problems.toString());
    }
    assertEquals(1, BundleReader.builder().build().readArgs(List.of(semicolons.toString())).events().size(), "analyze reads it");
    List<InputProblem> none = new java.util.ArrayList<>();
    var f = new ReduceInputs.Found(commas.toString(), "links.csv", "links", InputLayout.Format.CSV);
    assertEquals(List.of("a", "b", "note"), List.of(ReduceInputs.csvHeader(f, conf, none)));
    assertTrue(none.isEmpty(), none.toString());
  }

  @Test
  void rowsThatLeaveOutOptionalFieldsReadAsInAnalyzeAndANulIsSaidAlike() throws Exception {
    Path b = tmp.resolve("ragged");
    Files.createDirectories(b);
    Files.writeString(b.resolve("requests.csv"), REQUESTS.lines().limit(2).map(l -> l + "\n").reduce("", String::concat)
        + "2024-06-20T12:00:05Z,dc1,s1,p1,503\n2024-06-20T12:00:06Z,dc1,s1,p1,200,,1,0,,\n");
    Files.writeString(b.resolve("events.csv"), "timestamp,source,type,entity,message\n"
        + "2024-06-20T12:00:00Z,syslog,service.down,r1\n2024-06-20T12:00:01Z,syslog,service.up,r\u00001,x\n");
    List<InputProblem> analyze = assertThrows(InputException.class,
        () -> BundleReader.builder().build().readArgs(List.of(b.toString()))).problems();
    InputException reduce = assertThrows(InputException.class,
        () -> new Reducer(spark(), Reducer.Options.defaults()).reduce(List.of(b.toString()), tmp.resolve("out").toString()));
    assertEquals(sorted(analyze), sorted(reduce.problems()));
    assertEquals(1, analyze.size(), analyze::toString);
    assertTrue(analyze.get(0).toString().endsWith("events.csv:3: field 4 (entity) holds a NUL byte (binary data in a text log?)"),
        analyze::toString);
    // without the NUL row both read, and the reduced bundle's rows are as wide as its header
    Files.writeString(b.resolve("events.csv"), "timestamp,source,type,entity,message\n2024-06-20T12:00:00Z,syslog,service.down,r1\n");
    Path out = tmp.resolve("out");
    new Reducer(spark(), Reducer.Options.defaults()).reduce(List.of(b.toString()), out.toString());
    var reduced = BundleReader.builder().build().readArgs(List.of(out.toString()));
    assertEquals(1, reduced.events().size());
    assertEquals("", reduced.events().get(0).message());
    List<String> requests = Files.readAllLines(out.resolve("requests.csv"));
    int width = requests.get(0).split(",", -1).length;
    assertTrue(requests.size() > 1 && requests.stream().allMatch(l -> l.split(",", -1).length == width), requests::toString);
  }

  @Test
  void aQuotedFieldAcrossLinesIsSaidAtItsLine() throws Exception {
    Path b = tmp.resolve("multi");
    Files.createDirectories(b);
    Files.writeString(b.resolve("events.csv"), "timestamp,source,type,entity,message\n"
        + "2024-06-20T12:00:00Z,syslog,service.down,r1,\"two\nlines\"\n");
    InputException e = assertThrows(InputException.class,
        () -> new Reducer(spark(), Reducer.Options.defaults()).reduce(List.of(b.toString()), tmp.resolve("out").toString()));
    assertTrue(e.problems().get(0).toString().startsWith(b + "/events.csv:2: a quoted field opened on this line is not closed"),
        e.problems()::toString);
  }

  @Test
  void jsonLinesAndParquetInputsCiteTheirRecords() throws Exception {
    Path fixture = Path.of("rules/missing-exit/fixtures/two-levels-deep");
    Path lake = tmp.resolve("lake");
    Files.createDirectories(lake);
    try (var s = Files.list(fixture)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".csv")).toList()) {
        if (!f.getFileName().toString().startsWith("metrics") && !f.getFileName().toString().startsWith("events")) {
          Files.copy(f, lake.resolve(f.getFileName()));
        }
      }
    }
    var csv = spark().read().option("header", "true").csv(fixture.resolve("metrics.csv").toString());
    csv.coalesce(1).write().parquet(lake.resolve("metrics.parquet").toString());
    var events = spark().read().option("header", "true").csv(fixture.resolve("events.csv").toString());
    List<String> json = events.coalesce(1).toJSON().collectAsList();
    Files.write(lake.resolve("events.jsonl"), json);
    Path out = tmp.resolve("out");
    new Reducer(spark(), Reducer.Options.defaults()).reduce(List.of(lake.toString()), out.toString());
    Analysis raw = TestAnalysis.analyze(fixture);
    Analysis reduced = TestAnalysis.analyze(out);
    assertEquals(claims(raw).toString().replace(fixture.toString(), lake.toString()), claims(reduced).toString());
    String metrics = Files.readString(out.resolve("metrics.csv"));
    assertTrue(metrics.contains(lake + "/metrics.parquet#row:1,"), "Parquet rows cited by row number");
    assertTrue(Files.readString(out.resolve("events.csv")).contains(lake + "/events.jsonl:1"), "JSON lines cited by line");
  }

  @Test
  void steadySamplesAreSummarisedAndExcursionsKeptWithTheirSurroundings() throws Exception {
    Path b = tmp.resolve("steady");
    Files.createDirectories(b);
    StringBuilder sb = new StringBuilder("timestamp,entity,metric,value\n");
    long t0 = java.time.Instant.parse("2024-06-20T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 5000; i++) {
      double v = i >= 3000 && i < 3010 ? 97 : 20 + (i % 7);
      sb.append(java.time.Instant.ofEpochSecond(t0 + 10L * i)).append(",h1,cpu.util,").append(v).append('\n');
    }
    Files.writeString(b.resolve("metrics.csv"), sb);
    Path out = tmp.resolve("out");
    new Reducer(spark(), Reducer.Options.defaults()).reduce(List.of(b.toString()), out.toString());
    var raw = BundleReader.builder().build().readArgs(List.of(b.toString())).metrics().get(0);
    var reduced = BundleReader.builder().build().readArgs(List.of(out.toString())).metrics().get(0);
    assertTrue(reduced.count() < raw.count() / 3, "steady samples summarised: " + reduced.count());
    assertEquals(raw.baseline(), reduced.baseline());
    assertEquals(raw.peak(), reduced.peak());
    assertEquals(raw.peakRef(), reduced.peakRef());
    assertEquals(raw.min(), reduced.min());
    assertEquals(raw.lastTime(), reduced.lastTime());
    var ex = org.hindsight.derive.MetricExcursionDeriver.excursions(raw);
    var exReduced = org.hindsight.derive.MetricExcursionDeriver.excursions(reduced);
    assertEquals(ex.toString(), exReduced.toString());
    List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
    long elided = lines.stream().skip(1).map(l -> l.split(",", -1)[5]).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).sum();
    assertEquals(raw.count() - reduced.count(), elided, "every summarised sample counted once");
  }

  private static List<String> claims(Analysis a) {
    List<String> out = new ArrayList<>();
    for (var x : a.assessments()) {
      out.add(x.hypothesis().pattern() + " " + x.hypothesis().subject() + " " + x.validation().verdict() + " " + x.hypothesis().cause());
    }
    return out;
  }

  private static List<String> sorted(List<InputProblem> problems) {
    return problems.stream().map(InputProblem::toString).sorted().toList();
  }
}
