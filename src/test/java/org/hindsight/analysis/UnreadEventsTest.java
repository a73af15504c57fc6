package org.hindsight.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hindsight.engine.Budget;
import org.hindsight.engine.RuleBase;
import org.hindsight.engine.RuleSession;
import org.hindsight.engine.SessionOutcome;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.Event;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.TimedFact;
import org.hindsight.ingest.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events of a type no rule can match stay out of the rule session, and nothing the rules conclude changes. */
class UnreadEventsTest {
  private static final Path RULES = Path.of("rules");
  @TempDir Path tmp;

  private static Event event(String type, int line) {
    return new Event(Instant.ofEpochSecond(line), "app", type, "db1", "", "error", Attributes.NONE, new SourceRef("events.csv", line));
  }

  private static List<String> types(List<TimedFact> timeline) {
    return timeline.stream().map(f -> ((Event) f).type()).toList();
  }

  @Test
  void theBuiltInRulesLeaveOutLogNoiseAndKeepWhatTheyRead() {
    List<TimedFact> timeline = List.of(event("app.log", 1), event("service.down", 2), event("gc.pause", 3), event("host.down", 4),
        event("rule.deploy", 5));
    // host.down: single-site-dependency asks Observations.saysDown(type) of every event, so it stays a session fact
    assertEquals(List.of("service.down", "host.down", "rule.deploy"), types(Analyzer.readByRules(timeline, List.of(RULES), 1)));
    assertSame(timeline, Analyzer.readByRules(timeline, List.of(RULES), 6), "below the threshold nothing is asked");
  }

  @Test
  void aRuleOnAnySupertypeOfEventKeepsEveryEvent() throws Exception {
    List<TimedFact> timeline = List.of(event("app.log", 1), event("gc.pause", 2));
    for (String supertype : List.of("TimedFact", "org.hindsight.facts.Fact", "Record", "java.lang.Record", "Object")) {
      Path dir = Files.createDirectories(tmp.resolve(supertype));
      Files.writeString(dir.resolve("r.drl"), "package t;\nimport org.hindsight.facts.*;\nrule \"any\" when\n  $x : "
          + supertype + "( )\nthen end\n");
      assertEquals(List.of("app.log", "gc.pause"), types(Analyzer.readByRules(timeline, List.of(RULES, dir), 1)), supertype);
    }
  }

  @Test
  void aRuleFileThatDoesNotParseKeepsEveryEvent() throws Exception {
    Files.writeString(tmp.resolve("broken.drl"), "package t;\nrule \"x\" when\n  Event( type == \nthen end\n");
    List<TimedFact> timeline = List.of(event("app.log", 1));
    assertEquals(List.of("app.log"), types(Analyzer.readByRules(timeline, List.of(RULES, tmp), 1)));
  }

  /**
   * On every sample: the same firings, with the same matched records, and the same hypotheses, with and
   * without the unread events, and with the events matched once leaving the session once matched.
   */
  @Test
  void leavingThemOutChangesNoFiringOnTheSamples() throws Exception {
    Analyzer analyzer = new Analyzer();
    int left = 0;
    long released = 0;
    List<Path> samples;
    try (Stream<Path> s = Files.list(Path.of("sample-logs"))) {
      samples = s.filter(Files::isDirectory).sorted().toList();
    }
    assertTrue(samples.size() >= 5, "the samples are there");
    for (Path sample : samples) {
      AnalysisOptions options = AnalysisOptions.builder().input(sample.toString()).rules(RULES).build();
      Bundle bundle = analyzer.read(options);
      Analyzer.SessionFacts facts = Analyzer.sessionFacts(analyzer.prepare(bundle, options), bundle);
      RuleBase rules = analyzer.compileRules(options);
      Analyzer.SessionEvents events = Analyzer.sessionEvents(facts.timeline(), List.of(RULES), 1);
      List<TimedFact> read = events.timeline();
      left += facts.timeline().size() - read.size();
      SessionOutcome all = run(rules, facts.structure(), facts.timeline(), RuleSession.Release.KEEP_ALL);
      SessionOutcome some = run(rules, facts.structure(), read, RuleSession.Release.NONE);
      // and with the events matched once leaving the session as soon as the rules have fired on them
      // (each but the first run leaves out facts of classes no pattern matches)
      SessionOutcome once = run(rules, facts.structure(), read, events.release());
      released += once.eventsReleased();
      for (SessionOutcome o : List.of(some, once)) {
        assertEquals(all.firings().counts(), o.firings().counts(), sample.toString());
        for (String rule : all.firings().counts().keySet()) {
          assertEquals(all.firings().matches(rule), o.firings().matches(rule), sample + ": " + rule);
        }
        assertEquals(keys(all), keys(o), sample.toString());
      }
    }
    assertTrue(left > 100, "the samples' log noise was left out: " + left);
    assertTrue(released > 10, "events matched once left the session: " + released);
  }

  private static SessionOutcome run(RuleBase rules, List<org.hindsight.facts.Fact> structure, List<TimedFact> timeline,
      RuleSession.Release release) throws Exception {
    return new RuleSession(rules, new Budget(5_000_000L, Duration.ofSeconds(120))).run(structure, timeline, release);
  }

  private static List<String> keys(SessionOutcome o) {
    List<String> out = new ArrayList<>();
    o.hypotheses().forEach(h -> out.add(h.hypothesis().key() + " " + h.hypothesis().evidence()));
    o.findings().forEach(f -> out.add(f.finding().key()));
    return out;
  }
}
