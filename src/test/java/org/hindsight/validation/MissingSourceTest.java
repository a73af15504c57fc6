package org.hindsight.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.simulate.Verdict;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sample with one of its files missing, as hidden evaluations drop them: the evidence left still
 * says what it says, and what the missing file would have said is said to be unknown, not invented.
 */
class MissingSourceTest {
  private static Path sampleWithout(String name, String file, Path dir) throws Exception {
    CsvTable.copyBundle(TestAnalysis.home().resolve("sample-logs").resolve(name), dir);
    Files.delete(dir.resolve(file));
    return dir;
  }

  @Test
  void edgeIncidentWithoutEventsStillBlamesTheCycleAndSaysTheDeployTimeIsUnknown(@TempDir Path tmp) throws Exception {
    Path dir = sampleWithout("cloudflare-2024-06-20", "events.csv", tmp);
    CsvTable kg = CsvTable.read(dir.resolve("key-generators.csv"));
    String selfParent = kg.get(kg.where(r -> kg.get(r, "generator").equals(kg.get(r, "parent"))).get(0), "generator");
    List<Assessment> live = TestAnalysis.live(TestAnalysis.analyze(dir), "recursive-key-generator");
    assertEquals(1, live.size(), live.toString());
    Assessment a = live.get(0);
    assertEquals(selfParent, a.hypothesis().subject());
    // the rule's liveness cites a request, and says the deploy time is not in the logs
    assertTrue(a.hypothesis().evidence().stream().anyMatch(e -> e.ref().file().endsWith("requests.csv")
        && e.note().contains("no deploy is logged")), a.hypothesis().evidence().toString());
    assertTrue(a.hypothesis().evidence().stream().anyMatch(e -> e.note().contains("no restart is logged")),
        a.hypothesis().evidence().toString());
  }

  @Test
  void edgeIncidentWithoutEventsAndWithoutTheTriggerHasNoHypothesis(@TempDir Path tmp) throws Exception {
    Path dir = sampleWithout("cloudflare-2024-06-20", "events.csv", tmp);
    CsvTable req = CsvTable.read(dir.resolve("requests.csv"));
    List<String[]> mixed = req.where(r -> !req.get(r, "cookies_valid").equals("0") && !req.get(r, "cookies_invalid").equals("0"));
    assertFalse(mixed.isEmpty());
    for (String[] r : mixed) req.set(r, "cookies_invalid", "0");
    req.write();
    Analysis a = TestAnalysis.analyze(dir);
    assertTrue(TestAnalysis.live(a, "recursive-key-generator").isEmpty(), a.assessments().toString());
    assertTrue(a.findings().stream().anyMatch(f -> f.finding().kind().equals("latent") && f.finding().pattern().equals("recursive-key-generator")),
        a.findings().toString());
  }

  /** Without any event, a predicted outage could not have been logged: unchecked, not false. */
  @Test
  void removalWithoutEventsIsJudgedOnItsMetricsWithLessConfidence(@TempDir Path tmp) throws Exception {
    Path full = TestAnalysis.home().resolve("sample-logs").resolve("aws-s3-2017-02-28");
    Assessment truth = TestAnalysis.analyze(full).assessments().get(0);
    Path dir = sampleWithout("aws-s3-2017-02-28", "events.csv", tmp);
    Assessment without = TestAnalysis.analyze(dir).assessments().get(0);
    assertEquals(truth.hypothesis().pattern(), without.hypothesis().pattern());
    assertEquals(truth.hypothesis().subject(), without.hypothesis().subject());
    assertEquals(Verdict.CONFIRMED, without.validation().verdict(), without.validation().summary());
    assertTrue(without.validation().confidence() < truth.validation().confidence(),
        without.validation().confidence() + " vs " + truth.validation().confidence());
    assertTrue(without.validation().reasons().stream().anyMatch(r -> r.contains("could not be checked: the logs hold no events")),
        without.validation().reasons().toString());
  }

  /**
   * Without the CLI's typed lines only the session's login is left: the change of that session took effect at a
   * moment the logs do not give, between the login and its end, and the replay says so instead of failing the
   * router at the login, half an hour before the trouble.
   */
  @Test
  void sessionWithoutItsLinesActsWithinTheSession(@TempDir Path tmp) throws Exception {
    Assessment truth = TestAnalysis.analyze(TestAnalysis.home().resolve("sample-logs").resolve("kt-2021-10-25")).assessments().get(0);
    Path dir = sampleWithout("kt-2021-10-25", "config-commands.csv", tmp);
    Assessment a = onTheSubject(TestAnalysis.analyze(dir), truth.hypothesis().subject());
    assertTrue(a != null && a.validation().verdict() != Verdict.REFUTED, a == null ? "no claim" : a.validation().summary());
    assertTrue(a.hypothesis().cause().file().endsWith("events.csv"), a.hypothesis().toString());
    assertTrue(a.replay().narrative().stream().anyMatch(n -> n.contains("at a moment the logs do not give")), a.replay().narrative().toString());
  }

  /** The near miss: the same session logged out five minutes after the login, long before the trouble. */
  @Test
  void sessionClosedLongBeforeTheTroubleIsNoCause(@TempDir Path tmp) throws Exception {
    Assessment truth = TestAnalysis.analyze(TestAnalysis.home().resolve("sample-logs").resolve("kt-2021-10-25")).assessments().get(0);
    String subject = truth.hypothesis().subject();
    Path dir = sampleWithout("kt-2021-10-25", "config-commands.csv", tmp);
    CsvTable ev = CsvTable.read(dir.resolve("events.csv"));
    List<String[]> logins = ev.where(r -> ev.get(r, "entity").equals(subject) && ev.get(r, "type").contains("session"));
    assertEquals(1, logins.size());
    int line = ev.appendCopy(logins.get(0));
    String[] logout = ev.atLine(line);
    ev.setTime(logout, ev.time(logins.get(0)).plus(Duration.ofMinutes(5)));
    ev.set(logout, "type", "auth.logout");
    ev.set(logout, "message", "operator logged out");
    ev.write();
    Assessment a = onTheSubject(TestAnalysis.analyze(dir), subject);
    assertTrue(a == null || a.validation().verdict() == Verdict.REFUTED, a == null ? "" : a.validation().summary());
  }

  /** The change-correlation claim on {@code subject}, or null. */
  private static Assessment onTheSubject(Analysis a, String subject) {
    for (Assessment x : a.assessments()) {
      if (x.hypothesis().pattern().equals("change-correlation") && x.hypothesis().subject().equals(subject)) return x;
    }
    return null;
  }

  @Test
  void removalWithoutEventsHoursBeforeTheErrorsIsStillRefuted(@TempDir Path tmp) throws Exception {
    Path dir = sampleWithout("aws-s3-2017-02-28", "events.csv", tmp);
    Assessment truth = TestAnalysis.analyze(dir).assessments().get(0);
    CsvTable ops = CsvTable.read(dir.resolve("ops-commands.csv"));
    ops.shift(ops.atLine(truth.hypothesis().cause().line()), Duration.ofHours(-3));
    ops.write();
    Analysis a = TestAnalysis.analyze(dir);
    assertFalse(a.assessments().isEmpty(), "the rule still suspects the command");
    for (Assessment x : TestAnalysis.live(a, truth.hypothesis().pattern())) {
      assertFalse(x.hypothesis().subject().equals(truth.hypothesis().subject()), x.validation().summary());
    }
  }

  /**
   * Without metrics no process's CPU is measured: the looping rule's processes still stop answering their
   * requests from the trigger until restarted, and the claim stands on that, saying what was not measured.
   */
  @Test
  void edgeIncidentWithoutMetricsStandsOnTheFailingRequestsAndSaysTheCpuIsNotMeasured(@TempDir Path tmp) throws Exception {
    Path full = TestAnalysis.home().resolve("sample-logs").resolve("cloudflare-2024-06-20");
    Assessment truth = TestAnalysis.analyze(full).assessments().get(0);
    Path dir = sampleWithout("cloudflare-2024-06-20", "metrics.csv", tmp);
    List<Assessment> live = TestAnalysis.live(TestAnalysis.analyze(dir), "recursive-key-generator");
    assertEquals(1, live.size(), live.toString());
    Assessment a = live.get(0);
    assertEquals(truth.hypothesis().subject(), a.hypothesis().subject());
    assertEquals(truth.hypothesis().cause().line(), a.hypothesis().cause().line());
    assertTrue(a.validation().confidence() < truth.validation().confidence(),
        a.validation().confidence() + " vs " + truth.validation().confidence());
    assertTrue(a.hypothesis().evidence().stream().anyMatch(e -> e.ref().file().endsWith("requests.csv")
        && e.note().contains("CPU is not measured")), a.hypothesis().evidence().toString());
    var terms = a.validation().scorecard().terms();
    assertTrue(terms.stream().anyMatch(t -> t.predicted().kind().equals("cpu.pinned") && t.outcome().equals("not-measured")), terms.toString());
    assertTrue(terms.stream().anyMatch(t -> t.predicted().kind().equals("errors") && t.outcome().equals("explained")
        && t.observed().evidence().file().endsWith("requests.csv")), terms.toString());
  }

  /** Near miss: the same self-referencing generator and trigger requests, but every request answered: nothing to claim. */
  @Test
  void edgeIncidentWithoutMetricsWhoseRequestsAllSucceedHasNoClaim(@TempDir Path tmp) throws Exception {
    Path dir = sampleWithout("cloudflare-2024-06-20", "metrics.csv", tmp);
    CsvTable req = CsvTable.read(dir.resolve("requests.csv"));
    List<String[]> failed = req.where(r -> req.get(r, "status").startsWith("5"));
    assertFalse(failed.isEmpty());
    for (String[] r : failed) {
      req.set(r, "status", "200");
      req.set(r, "duration_ms", "180");
    }
    req.write();
    Analysis a = TestAnalysis.analyze(dir);
    assertTrue(TestAnalysis.live(a, "recursive-key-generator").isEmpty(), a.assessments().toString());
  }
}
