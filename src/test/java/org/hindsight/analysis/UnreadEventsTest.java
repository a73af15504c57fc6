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

  /**
   * The built-in rules, loaded as the build pre-compiled them, know which event types they read: log
   * noise stays out of the session in a bundle of any size (here four events, far below the threshold
   * at which a probe is compiled). A user's rule reading that noise brings it back, from a folder of its
   * own or as an edit of the built-in folder, and fires on every such event.
   */
  @Test
  void theBuiltInRulesLeaveOutLogNoiseAtAnySizeAndAUserRuleReadingItBringsItBack() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(in.resolve("events.csv"), "timestamp,source,type,entity,message,severity\n"
        + "2024-01-01T10:00:00Z,app,app.log,db1,GET /a 200,info\n"
        + "2024-01-01T10:01:00Z,app,app.log,db1,GET /b 200,info\n"
        + "2024-01-01T10:02:00Z,mon,service.down,db1,db1 down,critical\n"
        + "2024-01-01T10:03:00Z,app,app.log,db1,GET /c 500,error\n");
    Analyzer analyzer = new Analyzer();
    AnalysisOptions builtIn = AnalysisOptions.builder().input(in.toString()).rules(RULES).build();
    RuleBase pre = analyzer.compileRules(builtIn);
    assertTrue(pre.origin().contains("pre-compiled at build time"), pre.origin());
    assertEquals(List.of("service.down"), sessionTypes(analyzer, builtIn, pre));

    Path user = Files.createDirectories(tmp.resolve("user"));
    String rule = "package t;\nimport org.hindsight.facts.*;\nrule \"user reads app.log\" when\n  Event( type == \"app.log\" )\nthen end\n";
    Files.writeString(user.resolve("user.drl"), rule);
    AnalysisOptions withUser = AnalysisOptions.builder().input(in.toString()).rules(RULES).rules(user).build();
    RuleBase mixed = analyzer.compileRules(withUser);
    assertEquals(List.of("app.log", "app.log", "service.down", "app.log"), sessionTypes(analyzer, withUser, mixed));
    assertEquals(3, analyzer.analyze(analyzer.read(withUser), mixed, withUser).firings().count("user reads app.log"));

    Path edited = tmp.resolve("rules");
    try (Stream<Path> s = Files.walk(RULES)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".drl")).toList()) {
        Path to = edited.resolve(RULES.relativize(p).toString());
        Files.createDirectories(to.getParent());
        Files.copy(p, to);
      }
    }
    Files.writeString(edited.resolve("user.drl"), rule);
    AnalysisOptions editedBuiltIn = AnalysisOptions.builder().input(in.toString()).rules(edited).build();
    RuleBase compiledNow = analyzer.compileRules(editedBuiltIn);
    assertTrue(compiledNow.origin().contains("compiled now"), compiledNow.origin());
    assertEquals(List.of("app.log", "app.log", "service.down", "app.log"), sessionTypes(analyzer, editedBuiltIn, compiledNow));
    assertEquals(3, analyzer.analyze(analyzer.read(editedBuiltIn), compiledNow, editedBuiltIn).firings().count("user reads app.log"));
  }

  /** The types of the events the rule session is given, in time order, at the analysis's own threshold. */
  private static List<String> sessionTypes(Analyzer analyzer, AnalysisOptions options, RuleBase rules) throws Exception {
    Bundle bundle = analyzer.read(options);
    Analyzer.SessionFacts facts = Analyzer.sessionFacts(analyzer.prepare(bundle, options), bundle);
    List<TimedFact> read = Analyzer.sessionEvents(facts, rules, options.ruleDirs, Analyzer.EVENTS_WORTH_A_PROBE).timeline();
    return read.stream().filter(f -> f instanceof Event).map(f -> ((Event) f).type()).toList();
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
