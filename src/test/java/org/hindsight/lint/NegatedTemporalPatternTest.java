package org.hindsight.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.engine.FiringLog;
import org.hindsight.facts.SourceRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule that keeps the first sighting of a burst with {@code not X( same key, this before[1ms, 30m] $seen )}
 * fires on the same records in {@code analyze} and in {@code explain} (whose prefix probes, such as a lone
 * {@code $seen : X()}, change what Drools may expire on its own). Reported as firing twice in analyze
 * (recon12); these pin what both commands do, for the idiom and for the two ways it can go wrong.
 */
class NegatedTemporalPatternTest {
  private static final String ALERT = ",Schannel,schannel.36887,auth-01,A fatal alert was received from the remote endpoint. "
      + "The TLS protocol defined fatal alert code is 45.,error";

  /** The first of each burst of sightings of one holder: looks back only. */
  private static final String FIRST_OF_BURST = """
      package t;
      import org.hindsight.facts.*;
      rule "first sighting of a burst"
        @id("T-NB-001")
      when
        $seen : ExpiredCertificate( $s : subject )
        not ExpiredCertificate( subject == $s, this before[1ms, 30m] $seen )
      then
        insert(Finding.of("first-sighting", "", $s, "first at " + $seen.time(), $seen));
      end
      """;

  /** The last of each burst: the negation is over facts later than the match. */
  private static final String LAST_OF_BURST = """
      package t;
      import org.hindsight.facts.*;
      rule "last sighting of a burst"
        @id("T-NA-001")
      when
        $seen : ExpiredCertificate( $s : subject )
        not ExpiredCertificate( subject == $s, this after[1ms, 30m] $seen )
      then
        insert(Finding.of("last-sighting", "", $s, "last at " + $seen.time(), $seen));
      end
      """;

  private record Fired(long analyze, List<FiringLog.Match> analyzeOn, long explain, List<FiringLog.Match> explainOn) {}

  private static Fired both(Path dir, String drl, String rule, String id, Duration retention, String... rows) throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("rule.drl"), drl);
    return both(dir, rules, rule, id, retention, rows);
  }

  private static Fired both(Path dir, Path rules, String rule, String id, Duration retention, String... rows) throws Exception {
    Path bundle = Files.createDirectories(dir.resolve("bundle"));
    Files.writeString(bundle.resolve("inventory.csv"), "entity,type,site,service,role\nauth-01,host,dc1,auth,server\n");
    Files.writeString(bundle.resolve("events.csv"), "timestamp,source,type,entity,message,severity\n" + String.join("\n", rows) + "\n");
    AnalysisOptions options = AnalysisOptions.builder().input(bundle.toString()).rules(rules).retention(retention).simulate(false).build();
    Analysis analysis = new Analyzer().analyze(options);
    RuleExplainer.RuleExplanation explained = new RuleExplainer(new Analyzer()).explain(options, id).rules().get(0);
    return new Fired(analysis.firings().count(rule), analysis.firings().matches(rule), explained.fired(), explained.firings());
  }

  private static List<Integer> lines(List<FiringLog.Match> matches) {
    return matches.stream().flatMap(m -> m.records().stream()).map(SourceRef::line).sorted().toList();
  }

  @Test
  void theFirstSightingOfEachBurstFiresOnceInBothCommandsWhateverTheRowOrder(@TempDir Path dir) throws Exception {
    // the later sighting's row first, as a concatenation of two exports leaves it; a third after a 45-minute
    // pause starts a new burst (the near miss: the rule must be able to fire again)
    Fired f = both(dir, FIRST_OF_BURST, "first sighting of a burst", "T-NB-001", Duration.ofHours(48),
        "2020-02-03T14:10:00Z" + ALERT, "2020-02-03T14:00:00Z" + ALERT, "2020-02-03T14:55:00Z" + ALERT);
    assertEquals(2, f.analyze());
    assertEquals(List.of(3, 4), lines(f.analyzeOn()), "14:00 and 14:55, not 14:10");
    assertEquals(f.analyze(), f.explain());
    assertEquals(lines(f.analyzeOn()), lines(f.explainOn()));
  }

  @Test
  void aRetentionShorterThanTheLookBackForgetsTheEarlierSightingInBothCommands(@TempDir Path dir) throws Exception {
    // --retention 5m: the 14:00 sighting has left the session when the 14:10 one arrives, so that one is
    // "first" too; the look-back is only as long as the retention
    Fired f = both(dir, FIRST_OF_BURST, "first sighting of a burst", "T-NB-001", Duration.ofMinutes(5),
        "2020-02-03T14:00:00Z" + ALERT, "2020-02-03T14:10:00Z" + ALERT);
    assertEquals(List.of(2, 3), lines(f.analyzeOn()));
    assertEquals(lines(f.analyzeOn()), lines(f.explainOn()));
  }

  @Test
  void aNegationOverLaterFactsWaitsForItsWindowInBothCommands(@TempDir Path dir) throws Exception {
    // Drools holds a match whose negated pattern may still be met by a later event until the window has
    // passed: the 14:00 sighting is not the last (14:10 follows), the 14:10 one is
    Fired f = both(dir, LAST_OF_BURST, "last sighting of a burst", "T-NA-001", Duration.ofHours(48),
        "2020-02-03T14:00:00Z" + ALERT, "2020-02-03T14:10:00Z" + ALERT);
    assertEquals(List.of(3), lines(f.analyzeOn()));
    assertEquals(lines(f.analyzeOn()), lines(f.explainOn()));
  }

  @Test
  void theBuiltInFirstHandshakeFailureRuleFiresOnTheSameRecordsPreCompiledAndProbed(@TempDir Path dir) throws Exception {
    // analyze serves the unchanged built-in rules pre-compiled, with events of types matched once leaving the
    // session; explain compiles them with its probes and keeps every event: HS-CE-002 uses the idiom on events
    String failure = ",gateway,tls.handshake_failure,auth-01,handshake failed: certificate has expired,error";
    Fired f = both(dir, org.hindsight.testing.TestAnalysis.home().resolve("rules"),
        "certificate-expiry: TLS handshakes failed on an expired certificate before an outage", "HS-CE-002", Duration.ofHours(48),
        "2020-02-03T14:10:00Z" + failure, "2020-02-03T14:00:00Z" + failure, "2020-02-03T14:15:00Z,mon,service.down,auth-01,down,critical");
    assertEquals(1, f.analyze());
    assertEquals(List.of(3, 4), lines(f.analyzeOn()), "the 14:00 failure and the outage, not the 14:10 failure");
    assertEquals(lines(f.analyzeOn()), lines(f.explainOn()));
  }
}
