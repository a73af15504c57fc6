package org.hindsight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every sample in every format, produced by two separate JVMs ({@link SampleReports}): the second
 * with identity hash codes computed another way, so any output that follows hash order differs.
 * The same reports are then checked against the published JSON Schema, the SARIF shape and the
 * length budget of the Markdown report.
 */
class SampleReportsTest {
  static final Path OUT = Path.of("target/sample-reports");
  static final ObjectMapper JSON = new ObjectMapper();
  static Path runA;
  static Path runB;

  @BeforeAll
  static void renderTwiceInSeparateJvms() throws Exception {
    // Both at once: CI has two cores, and this is the slowest part of the check.
    Process a = start("a", List.of());
    Process b = start("b", List.of("-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2"));
    runA = finish("a", a);
    runB = finish("b", b);
  }

  static Process start(String name, List<String> jvmFlags) throws Exception {
    Path dir = OUT.resolve(name).toAbsolutePath();
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
      }
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SampleReports.class.getName());
    cmd.add(dir.toString());
    Path log = OUT.toAbsolutePath().resolve(name + ".log");
    Files.createDirectories(OUT);
    return new ProcessBuilder(cmd).directory(TestAnalysis.home().toAbsolutePath().toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  static Path finish(String name, Process p) throws Exception {
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("sample rendering " + name + " did not finish in 5 min");
    }
    assertEquals(0, p.exitValue(), Files.readString(OUT.toAbsolutePath().resolve(name + ".log")));
    return OUT.resolve(name).toAbsolutePath();
  }

  static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void twoJvmsWriteByteIdenticalReportsInEveryFormat() throws Exception {
    List<String> a = files(runA).stream().map(p -> p.getFileName().toString()).toList();
    List<String> b = files(runB).stream().map(p -> p.getFileName().toString()).toList();
    assertEquals(a, b);
    int samples = SampleReports.samples(TestAnalysis.home()).size();
    assertEquals(samples * (Reports.Format.values().length + 1), a.size(), a.toString());
    for (String f : a) {
      byte[] x = Files.readAllBytes(runA.resolve(f));
      byte[] y = Files.readAllBytes(runB.resolve(f));
      if (!java.util.Arrays.equals(x, y)) {
        List<String> la = Files.readAllLines(runA.resolve(f));
        List<String> lb = Files.readAllLines(runB.resolve(f));
        int i = 0;
        while (i < Math.min(la.size(), lb.size()) && la.get(i).equals(lb.get(i))) i++;
        throw new AssertionError(f + " differs between two JVMs at line " + (i + 1) + ":\n  " + (i < la.size() ? la.get(i) : "(end)")
            + "\n  " + (i < lb.size() ? lb.get(i) : "(end)"));
      }
    }
  }

  static Schema schema() throws Exception {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(Files.readString(TestAnalysis.home().resolve("docs/report.schema.json")));
  }

  @Test
  void everySampleJsonReportMatchesThePublishedSchema() throws Exception {
    Schema schema = schema();
    for (Path f : files(runA)) {
      if (!f.toString().endsWith(".json")) continue;
      JsonNode report = JSON.readTree(f.toFile());
      List<Error> errors = schema.validate(report);
      assertTrue(errors.isEmpty(), f.getFileName() + ": " + errors);
      assertEquals(JsonReport.SCHEMA_VERSION, report.get("schemaVersion").asText());
    }
  }

  @Test
  void theSchemaRejectsWhatItDoesNotDescribe() throws Exception {
    Schema schema = schema();
    ObjectNode report = (ObjectNode) JSON.readTree(runA.resolve("kt-2021-10-25.json").toFile());
    assertTrue(schema.validate(report).isEmpty());
    ObjectNode extra = report.deepCopy();
    extra.put("undocumented", 1);
    assertFalse(schema.validate(extra).isEmpty(), "a field the schema does not name must fail: document it first");
    ObjectNode missing = report.deepCopy();
    missing.remove("hypotheses");
    assertFalse(schema.validate(missing).isEmpty());
    ObjectNode badVerdict = report.deepCopy();
    ((ObjectNode) badVerdict.get("hypotheses").get(0)).put("verdict", "maybe");
    assertFalse(schema.validate(badVerdict).isEmpty());
    ObjectNode badTime = report.deepCopy();
    ((ObjectNode) badTime.get("impact")).put("onset", "yesterday");
    assertFalse(schema.validate(badTime).isEmpty());
  }

  @Test
  void sarifResultsCarryRuleIdsAndTheCauseAsFileAndLine() throws Exception {
    for (Path f : files(runA)) {
      if (!f.toString().endsWith(".sarif")) continue;
      JsonNode sarif = JSON.readTree(f.toFile());
      JsonNode json = JSON.readTree(runA.resolve(f.getFileName().toString().replace(".sarif", ".json")).toFile());
      assertEquals("2.1.0", sarif.get("version").asText());
      JsonNode run = sarif.get("runs").get(0);
      Set<String> ruleIds = new HashSet<>();
      run.get("tool").get("driver").get("rules").forEach(r -> ruleIds.add(r.get("id").asText()));
      JsonNode results = run.get("results");
      assertEquals(json.get("hypotheses").size() + json.get("findings").size(), results.size(), f.toString());
      for (int i = 0; i < json.get("hypotheses").size(); i++) {
        JsonNode h = json.get("hypotheses").get(i);
        JsonNode res = results.get(i);
        if (!h.get("rule").isNull()) {
          assertEquals(h.get("rule").get("id").asText(), res.get("ruleId").asText());
          assertTrue(ruleIds.contains(res.get("ruleId").asText()));
          assertEquals(h.get("rule").get("id").asText(), run.get("tool").get("driver").get("rules")
              .get(res.get("ruleIndex").asInt()).get("id").asText());
        }
        assertEquals(h.get("verdict").asText().equals("confirmed") ? "error" : h.get("verdict").asText().equals("refuted")
            ? "note" : "warning", res.get("level").asText());
        JsonNode where = h.get("cause").isNull() ? h.get("trigger") : h.get("cause");
        if (where.isNull()) continue;
        JsonNode loc = res.get("locations").get(0).get("physicalLocation");
        assertEquals(where.get("file").asText(), loc.get("artifactLocation").get("uri").asText());
        assertEquals(where.get("line").asInt(), loc.get("region").get("startLine").asInt());
        assertFalse(loc.get("region").get("snippet").get("text").asText().isEmpty());
      }
    }
  }

  /**
   * Each sample's README states its public timeline (figures, the report field each must match,
   * sources); the report's times, computed from what the top hypothesis explains, must agree: times
   * within 2 min, durations within 5 % (at least 2 min), "none" where the record has no time.
   */
  @Test
  void reportTimesMatchEachSamplesPublicTimeline() throws Exception {
    int checked = 0;
    List<String> wrong = new ArrayList<>();
    for (Path sample : SampleReports.samples(TestAnalysis.home())) {
      Path readme = TestAnalysis.home().resolve(sample).resolve("README.md");
      if (!Files.exists(readme)) continue;
      List<PublicTimeline.Row> rows = PublicTimeline.read(readme);
      assertFalse(rows.isEmpty(), readme + " states no public timeline (" + PublicTimeline.HEADING + " table)");
      JsonNode json = JSON.readTree(runA.resolve(sample.getFileName() + ".json").toFile());
      for (PublicTimeline.Row row : rows) {
        JsonNode value = json;
        for (String part : row.field().split("\\.")) value = value == null ? null : value.get(part);
        assertTrue(value != null, readme + ": no report field " + row.field());
        String got = value.isNull() ? "none" : value.asText();
        boolean ok;
        if (row.none()) {
          ok = value.isNull();
        } else if (row.time() != null) {
          ok = !value.isNull() && java.time.Duration.between(row.time(), java.time.OffsetDateTime.parse(value.asText())).abs()
              .compareTo(java.time.Duration.ofMinutes(2)) <= 0;
        } else {
          double expected = row.duration().toSeconds();
          ok = !value.isNull() && Math.abs(value.asDouble() - expected) <= Math.max(120, 0.05 * expected);
          got = value.isNull() ? "none" : value.asDouble() / 60 + " min";
        }
        if (!ok) wrong.add(sample.getFileName() + " " + row.figure() + ": public " + row.publicValue() + ", report " + got);
        checked++;
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    assertTrue(checked >= 10, "the samples' READMEs state " + checked + " figures");
  }

  /** The human formats say where the times come from, what they leave out, and where replay and record part. */
  @Test
  void impactSaysWhatTheTimesCountAndWhereReplayAndRecordDisagree() throws Exception {
    String kt = Files.readString(runA.resolve("kt-2021-10-25.md"));
    assertTrue(kt.contains("— the first symptom H1 (missing-exit on busan-ent-r2) explains"), kt);
    assertTrue(kt.contains("**duration 1 h 29 min**: the last outage (down) over"), kt);
    assertTrue(kt.contains("**Not counted (before the incident / unrelated):** 1 before the incident: adjacency.down mokpo-agg-r1"), kt);
    assertFalse(kt.contains("**Replay vs record:**"), "KT's replay recovers within minutes of the record");
    String kakao = Files.readString(runA.resolve("kakao-2022-10-15.md"));
    assertTrue(kakao.lines().anyMatch(l -> l.startsWith("- **Replay vs record:**") && l.contains("restart")
        && l.contains("ops-console (recovery tooling")), kakao);
    assertTrue(kakao.contains("- **Recovery:** The replay predicts the last recovery"), "and the lessons say it too");
    String s3 = Files.readString(runA.resolve("aws-s3-2017-02-28.md"));
    assertTrue(s3.contains("- **All clear:** 2017-02-28T14:50:00-08:00"), s3);
    String cf = Files.readString(runA.resolve("cloudflare-2024-06-20.html"));
    assertTrue(cf.contains("independent cause (a finding names it): errors ord01"), "the backbone congestion is listed apart");
    // Every recovery the impact cites is on the timeline, a metric back at baseline (Cloudflare's 19:27) too.
    for (Path f : files(runA)) {
      if (!f.toString().endsWith(".json")) continue;
      JsonNode json = JSON.readTree(f.toFile());
      JsonNode recovered = json.get("impact").get("recovered");
      if (recovered.isNull()) continue;
      assertTrue(json.get("timeline").findValuesAsText("time").contains(recovered.asText()), f + ": " + recovered);
    }
  }

  @Test
  void theKtReportFitsTwoHundredLinesWithoutLosingAnything() throws Exception {
    List<String> md = Files.readAllLines(runA.resolve("kt-2021-10-25.md"));
    // The limit: 200 lines, nothing lost (the JSON keeps everything).
    assertTrue(md.size() <= 200, md.size() + " lines");
    // Every symptom of the observation model is in the JSON, and the Markdown says how many its rows hold.
    JsonNode symptoms = JSON.readTree(runA.resolve("kt-2021-10-25.json").toFile()).get("symptoms");
    assertTrue(String.join("\n", md).contains("_" + symptoms.size() + " symptoms in "), "symptom count said");
    String text = String.join("\n", md);
    JsonNode json = JSON.readTree(runA.resolve("kt-2021-10-25.json").toFile());
    // Every affected entity, timeline moment and cited record is in the JSON, and the Markdown says how many it summarised.
    int affected = json.get("impact").get("affected").size();
    assertTrue(text.contains("_" + affected + " affected entities in "), text);
    assertTrue(text.contains("_" + json.get("timeline").size() + " key moments"), text);
    assertTrue(text.contains("_" + json.get("citedRecords").size() + " cited records"), text);
    assertEquals(0, json.get("timelineOmitted").asInt());
    // Nothing silently cut: the timeline reaches the recovery the impact section cites.
    String recovered = json.get("impact").get("recovered").asText();
    assertTrue(json.get("timeline").findValuesAsText("time").contains(recovered), recovered);
    assertTrue(text.contains("incident.resolved kt-backbone"), "the last recovery is on the timeline");
    // Some forty recovered adjacencies are one row, not forty.
    assertTrue(text.lines().anyMatch(l -> l.matches("\\| \\d+ \\| [0-9T:+-]+–[0-9:]+ \\| [3-9]\\d × adjacency.up on .*\\(\\+\\d+ more\\).*")), text);
    assertTrue(text.lines().noneMatch(l -> l.length() > 2000), "no line of thousands of characters");
  }

  @Test
  void theBriefSummaryFitsFortyLinesAndNamesCauseVerdictAndCounterfactual() throws Exception {
    for (Path f : files(runA)) {
      if (!f.toString().endsWith(".brief")) continue;
      List<String> lines = Files.readAllLines(f);
      assertTrue(lines.size() <= BriefReport.MAX_LINES, f.getFileName() + ": " + lines.size() + " lines");
      JsonNode json = JSON.readTree(runA.resolve(f.getFileName().toString().replace(".brief", ".json")).toFile());
      boolean live = json.get("hypotheses").size() > 0 && List.of("confirmed", "plausible")
          .contains(json.get("hypotheses").get(0).get("verdict").asText());
      if (live) {
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Cause:    ")), f.getFileName().toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Verdict:  " + json.get("hypotheses").get(0).get("verdict").asText())),
            f.getFileName().toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Without:  ")), f.getFileName() + ": the counterfactual");
      }
      if (json.get("actionItems").size() > 0) assertTrue(lines.stream().anyMatch(l -> l.startsWith("Top actions (")));
      assertTrue(lines.get(lines.size() - 1).startsWith("Full report: "));
      assertTrue(lines.stream().noneMatch(l -> l.chars().anyMatch(c -> c < 0x20)), "no control characters on a terminal");
    }
  }

  @Test
  void theHtmlShowsCodeAsCodeAndSendsNobodyToTheJson() throws Exception {
    for (Path f : files(runA)) {
      if (!f.toString().endsWith(".html")) continue;
      String html = Files.readString(f);
      // Log text may hold backticks; everything Hindsight wrote renders `code` as <code>.
      String ours = html.replaceAll("(?s)<code class=\"log\">.*?</code>|<pre class=\"log\">.*?</pre>|<style>.*?</style>", "");
      assertFalse(ours.contains("`"), f.getFileName() + ": a literal backtick outside log text");
      assertFalse(html.contains("JSON report"), f.getFileName() + ": the HTML shows everything itself");
      assertEquals(1, html.split("<h2>Contributing factors</h2>", -1).length - 1);
      assertFalse(html.contains("<h3>Contributing factors</h3>"), f.getFileName() + ": a doubled heading");
      String md = Files.readString(runA.resolve(f.getFileName().toString().replace(".html", ".md")));
      assertFalse(md.contains("### Contributing factors"), f.getFileName() + ": a doubled heading in Markdown");
    }
  }

  @Test
  void everyEntityPictureDrawsEdges() throws Exception {
    Pattern svg = Pattern.compile("<svg class=\"chart topology\"(.*?)</svg>", Pattern.DOTALL);
    for (Path f : files(runA)) {
      if (!f.toString().endsWith(".html")) continue;
      Matcher m = svg.matcher(Files.readString(f));
      while (m.find()) {
        String body = m.group(1);
        int nodes = body.split("<g class=\"node ", -1).length - 1;
        int edges = body.split("<g class=\"edge ", -1).length - 1;
        assertTrue(edges >= 1, f.getFileName() + ": a picture without edges");
        assertTrue(nodes <= 2 * edges + 1, f.getFileName() + ": " + nodes + " boxes for " + edges + " edges");
      }
    }
  }

}
