package org.hindsight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.analysis.Analysis;
import org.hindsight.bench.BundleGenerator;
import org.hindsight.facts.SourceRef;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a generated incident big enough to need the caps (thousands of symptoms, more than 20
 * hypotheses), the JSON and HTML list up to their caps and count the rest: nothing is cut silently.
 */
class LongListsCappedTest {
  @TempDir static Path dir;
  static Analysis analysis;
  static JsonNode json;

  @BeforeAll
  static void analyse() throws Exception {
    new BundleGenerator(150_000, 5).writeTo(dir);
    analysis = TestAnalysis.analyze(dir);
    json = JsonReport.toJson(analysis);
  }

  @Test
  void symptomsAreListedUpToTheCapAndCountedInFullByKind() {
    int n = analysis.symptoms().size();
    assertTrue(n > JsonReport.LISTED_SYMPTOMS, n + " symptoms: the bundle must need the cap");
    assertEquals(JsonReport.LISTED_SYMPTOMS, json.get("symptoms").size());
    assertEquals(n, json.get("symptomCount").asInt());
    int perKind = 0;
    for (JsonNode c : json.get("symptomKinds")) perKind += c.asInt();
    assertEquals(n, perKind, "the kinds account for every symptom");
    assertEquals(analysis.symptoms().get(0).entity(), json.get("symptoms").get(0).get("entity").asText(), "first by onset");
  }

  @Test
  void everyHypothesisCountsWhatItListsAndSetAsideOnesAfterTheTwentiethListNoSymptoms() {
    for (JsonNode h : json.get("hypotheses")) {
      JsonNode v = h.get("validation");
      assertEquals(v.get("explainedCount").asInt(), JsonReportSizeTest.expand(v.get("explainedIds")).size(), h.get("id").asText());
      assertEquals(v.get("persistingWithoutCauseCount").asInt(), JsonReportSizeTest.expand(v.get("persistingWithoutCauseIds")).size(), h.get("id").asText());
      if (!v.has("terms")) continue;
      assertTrue(v.get("termCount").asInt() >= v.get("terms").size());
      int number = Integer.parseInt(h.get("id").asText().substring(1));
      boolean live = Set.of("confirmed", "plausible").contains(h.get("verdict").asText());
      if (number > JsonReport.DETAILED && !live) {
        assertEquals(0, v.get("explained").size());
        assertEquals(0, v.get("persistingWithoutCause").size());
        assertTrue(v.get("terms").size() <= 3);
      } else {
        assertEquals(v.get("explainedCount").asInt(), v.get("explained").size());
        assertEquals(v.get("termCount").asInt(), v.get("terms").size());
      }
    }
    // (whether this bundle has set-aside hypotheses after the 20th depends on its size; the
    // invariants above hold for every hypothesis either way)
  }

  @Test
  void noReplayNarrativeNamesMoreThanTheCapInARow() {
    Pattern run = Pattern.compile("([A-Za-z0-9_.-]+, ){" + org.hindsight.simulate.Replay.NAMED + "}[A-Za-z0-9_.-]+");
    for (JsonNode h : json.get("hypotheses")) {
      if (h.get("replay").isNull()) continue;
      for (JsonNode line : h.get("replay").get("narrative"))
        assertFalse(run.matcher(line.asText()).find(), h.get("id").asText() + ": " + line.asText());
    }
  }

  @Test
  void htmlRowsOpenToAtMostTheCapAndSayHowManyMore() {
    String html = HtmlReport.render(analysis);
    Matcher more = Pattern.compile("… and (\\d+) more").matcher(html);
    assertTrue(more.find(), "some collapsed row is longer than the cap and says so");
    // No members list holds more items than the cap.
    for (String list : html.split("<ul class=\"members\">")) {
      int end = list.indexOf("</ul>");
      if (end < 0) continue;
      int items = list.substring(0, end).split("<li>", -1).length - 1;
      assertTrue(items <= HtmlReport.MEMBERS, items + " members listed");
    }
  }

  /**
   * Past the cap, scoredSymptoms holds only what the report names one by one and the rest is said
   * once per kind and service: its size follows the hypotheses' lists and the world's services, not
   * the number of symptoms. The bundle has a hundred-odd scored symptoms, so the cap is set to 0
   * here; at 10M rows the default (1000) is what applies.
   */
  @Test
  void pastTheCapScoredSymptomsListWhatTheReportNamesAndGroupTheRestWithEveryIdResolvingOnce() throws Exception {
    assertEquals(0, json.get("scoredSymptomGroups").size(), "under the default cap every scored symptom is listed");
    JsonNode capped = JsonReport.mapper().readTree(JsonReport.render(analysis, 0));
    assertTrue(SampleReportsTest.schema().validate(capped).isEmpty(), SampleReportsTest.schema().validate(capped).toString());
    JsonNode groups = capped.get("scoredSymptomGroups");
    assertFalse(groups.isEmpty(), "some scored symptom is neither explained, kept nor listed");

    // Every id any list refers to resolves exactly once: in scoredSymptoms or in one group.
    Map<String, Integer> resolved = new HashMap<>();
    for (JsonNode s : capped.get("scoredSymptoms")) resolved.merge(s.get("id").asText(), 1, Integer::sum);
    Set<String> kinds = new HashSet<>();
    int grouped = 0;
    for (JsonNode g : groups) {
      Set<String> ids = JsonReportSizeTest.expand(g.get("ids"));
      assertEquals(g.get("count").asInt(), ids.size(), g.toString());
      ids.forEach(id -> resolved.merge(id, 1, Integer::sum));
      grouped += ids.size();
      assertTrue(kinds.add(g.get("kind").asText() + "/" + g.get("service").asText()), "one group per kind and service: " + g);
      assertTrue(g.get("entities").size() <= JsonReport.LISTED_ENTITIES);
      assertTrue(g.get("entityCount").asInt() >= g.get("entities").size() && g.get("entityCount").asInt() <= g.get("count").asInt());
      assertTrue(g.get("firstOnset").asText().compareTo(g.get("lastOnset").asText()) <= 0, g.toString());
      for (JsonNode entity : g.get("entities")) {
        String e = entity.asText();
        String service = analysis.world().serviceOf(e).orElse(analysis.world().service(e).isPresent() ? e : "");
        assertEquals(g.get("service").asText(), service, e + " belongs to its group's service");
      }
    }
    resolved.forEach((id, n) -> assertEquals(1, n, id + " resolves once"));
    Set<String> referred = new HashSet<>(JsonReportSizeTest.expand(capped.get("unexplainedIds")));
    Set<String> kept = new HashSet<>();
    Set<String> named = new HashSet<>();
    collectIds(capped.get("unexplained"), named);
    for (JsonNode h : capped.get("hypotheses")) {
      JsonNode v = h.get("validation");
      referred.addAll(JsonReportSizeTest.expand(v.get("explainedIds")));
      referred.addAll(JsonReportSizeTest.expand(v.get("unexplainedIds")));
      referred.addAll(JsonReportSizeTest.expand(v.get("persistingWithoutCauseIds")));
      kept.addAll(JsonReportSizeTest.expand(v.get("persistingWithoutCauseIds")));
      collectIds(h, named);
    }
    for (String id : referred) assertTrue(resolved.containsKey(id), id + " resolves");
    assertEquals(resolved.keySet(), referred, "nothing listed that no list refers to, nothing referred to that is not listed");

    // What scoredSymptoms still lists one by one is what the report says something about one by one.
    for (JsonNode s : capped.get("scoredSymptoms")) {
      String id = s.get("id").asText();
      assertTrue(!s.get("explainedBy").isEmpty() || kept.contains(id) || named.contains(id), id + " is listed for a reason");
    }
    // Grouped ones are explained by nobody: the groups hold nothing a hypothesis claims.
    assertTrue(grouped > 0 && capped.get("scoredSymptoms").size() + grouped == referred.size());
  }

  @Test
  void citedRecordsQuoteOnlyTheUnexplainedSymptomsTheReportsShow() {
    int unexplained = json.get("unexplainedCount").asInt();
    assertTrue(unexplained > JsonReport.LISTED_TOP, unexplained + " unexplained: the bundle must need the cap");
    Set<String> cited = new HashSet<>();
    for (JsonNode c : json.get("citedRecords")) cited.add(c.get("file").asText() + ":" + c.get("line").asInt());
    long onlyUnexplained = Postmortem.of(analysis).evidence.stream()
        .filter(c -> c.citedBy().stream().allMatch(by -> by.startsWith("unexplained "))).count();
    for (JsonNode s : json.get("unexplained")) {
      JsonNode r = s.get("record");
      if (!r.isNull()) assertTrue(cited.contains(r.get("file").asText() + ":" + r.get("line").asInt()), "listed " + s + " is cited");
    }
    Set<String> kinds = new HashSet<>();
    analysis.unexplained().forEach(s -> kinds.add(s.kind()));
    assertTrue(onlyUnexplained <= JsonReport.LISTED_TOP + 2 * kinds.size(),
        onlyUnexplained + " records cited only as unexplained symptoms: the listed ones and each kind's first and last");
  }

  /**
   * A fleet's incident has hundreds of thousands of recoveries: the postmortem holds the listed ones
   * as objects and counts the rest, and its bursts account for every one.
   */
  @Test
  void recoveriesAreCountedInFullAndHeldOnlyAsFarAsListed() {
    Postmortem pm = Postmortem.of(analysis);
    assertTrue(pm.resolutionCount > Postmortem.LISTED_RESOLUTION, pm.resolutionCount + " recoveries: the bundle must need the cap");
    assertEquals(Postmortem.LISTED_RESOLUTION, pm.resolution.size());
    int counted = 0;
    boolean summarised = false;
    for (Compaction.MomentGroup g : pm.resolutionRows()) {
      counted += g.count();
      assertTrue(g.moments().size() <= Math.max(Postmortem.LISTED_RESOLUTION, HtmlReport.MEMBERS), g.count() + " moments");
      summarised |= g.count() > g.moments().size();
    }
    assertEquals(pm.resolutionCount, counted, "the bursts account for every recovery and mitigation");
    assertTrue(summarised, "some burst holds more recoveries than it lists");
    assertEquals(pm.resolutionCount, json.get("resolutionCount").asInt());
  }

  /** A burst fed one moment at a time and keeping a few says what the whole burst says: count, span, records, names, message. */
  @Test
  void aBurstKeepingFewMomentsSaysWhatTheWholeBurstSays() {
    Random random = new Random(7);
    List<Postmortem.Moment> moments = new ArrayList<>();
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 3000; i++) {
      t = t.plusSeconds(random.nextInt(i % 700 == 699 ? 3000 : 60)); // now and then a gap that ends a burst
      String kind = random.nextInt(4) == 0 ? "service.up" : "adjacency.up";
      String message = i < 2000 || random.nextBoolean() ? "back" : "restored by hand";
      moments.add(new Postmortem.Moment(t, new SourceRef(random.nextBoolean() ? "a.csv" : "b.csv", 1 + random.nextInt(100_000)),
          kind + " r" + random.nextInt(50) + ": " + message, "recovery", "r" + random.nextInt(50), kind));
    }
    List<Compaction.MomentGroup> whole = Compaction.moments(moments);
    Compaction.Grouper grouper = new Compaction.Grouper(5);
    moments.forEach(grouper::add);
    List<Compaction.MomentGroup> kept = grouper.groups();
    assertEquals(whole.size(), kept.size());
    for (int i = 0; i < whole.size(); i++) {
      Compaction.MomentGroup w = whole.get(i);
      Compaction.MomentGroup k = kept.get(i);
      assertEquals(w.count(), k.count());
      assertEquals(w.moments().size(), w.count(), "without a limit a group lists all its moments");
      assertEquals(Math.min(w.count(), 5), k.moments().size());
      assertEquals(w.moments().subList(0, k.moments().size()), k.moments());
      assertEquals(w.last(), k.last());
      assertEquals(w.what(), k.what());
      assertEquals(Compaction.range(w.refs(), SourceRef::toString), k.range(SourceRef::toString));
    }
  }

  /** The timeline's heap keeps what sorting every moment by importance and cutting would keep. */
  @Test
  void theMostImportantMomentsKeptAreThoseAFullSortKeeps() {
    Random random = new Random(11);
    List<String> categories = List.of("cause", "trigger", "evidence", "change", "trouble", "recovery", "mitigation", "event", "symptom");
    List<Postmortem.Moment> moments = new ArrayList<>();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 20_000; i++) {
      moments.add(new Postmortem.Moment(t0.plusSeconds(random.nextInt(500)), new SourceRef("e.csv", i + 2), "m" + i,
          categories.get(random.nextInt(categories.size())), "", "k"));
    }
    List<String> order = List.of("cause", "trigger", "declared", "evidence", "change", "trouble", "recovery", "mitigation");
    List<Postmortem.Moment> sorted = new ArrayList<>(moments);
    sorted.sort(Comparator.comparingInt((Postmortem.Moment m) -> order.contains(m.category()) ? order.indexOf(m.category()) : order.size())
        .thenComparing(Postmortem.Moment::time).thenComparing(Postmortem.Moment::ref));
    List<Postmortem.Moment> expected = new ArrayList<>(sorted.subList(0, 1234));
    expected.sort(Comparator.comparing(Postmortem.Moment::time).thenComparing(Postmortem.Moment::ref));
    assertEquals(expected, Postmortem.keep(moments, 1234));
  }

  /** The ids of every symptom object under {@code node}. */
  private static void collectIds(JsonNode node, Set<String> out) {
    if (node.isObject() && node.has("id") && node.get("id").asText().matches("S[0-9]+")) out.add(node.get("id").asText());
    node.forEach(child -> collectIds(child, out));
  }
}
