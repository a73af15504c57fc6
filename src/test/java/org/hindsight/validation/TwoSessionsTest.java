package org.hindsight.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.Change;
import org.hindsight.simulate.Verdict;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two config sessions opened on two routers of one service minutes apart, alike in text: two changes, each acting
 * somewhere in its own span, never one roll-out of the service (a login says where a change may be made, not what).
 * Built on the KT sample's leaking session; the second router is any other router of its service.
 */
class TwoSessionsTest {
  private static final String SAMPLE = "kt-2021-10-25";

  private record Copy(Path dir, String subject, String other, String service) {}

  /** The sample (without its CLI lines unless {@code keepLines}) with the subject's session login copied onto another router 4 min later. */
  private static Copy secondLogin(Path tmp, boolean keepLines) throws Exception {
    Assessment truth = TestAnalysis.analyze(TestAnalysis.home().resolve("sample-logs").resolve(SAMPLE)).assessments().get(0);
    String subject = truth.hypothesis().subject();
    CsvTable.copyBundle(TestAnalysis.home().resolve("sample-logs").resolve(SAMPLE), tmp);
    if (!keepLines) Files.delete(tmp.resolve("config-commands.csv"));
    CsvTable inv = CsvTable.read(tmp.resolve("inventory.csv"));
    String[] subjectRow = inv.where(r -> inv.get(r, "entity").equals(subject)).get(0);
    String service = inv.get(subjectRow, "service");
    String other = inv.where(r -> inv.get(r, "type").equals(inv.get(subjectRow, "type")) && inv.get(r, "service").equals(service)
            && !inv.get(r, "site").equals(inv.get(subjectRow, "site")))
        .stream().map(r -> inv.get(r, "entity")).max(Comparator.naturalOrder()).orElseThrow();
    CsvTable ev = CsvTable.read(tmp.resolve("events.csv"));
    String[] copy = ev.atLine(ev.appendCopy(loginOf(ev, subject, truth)));
    ev.set(copy, "entity", other);
    ev.shift(copy, Duration.ofMinutes(4));
    ev.write();
    return new Copy(tmp, subject, other, service);
  }

  /** The login that opened the leaking session: the subject's session opened nearest the session's first line. */
  private static String[] loginOf(CsvTable ev, String entity, Assessment truth) throws Exception {
    CsvTable cli = CsvTable.read(TestAnalysis.home().resolve("sample-logs").resolve(SAMPLE).resolve("config-commands.csv"));
    String[] leak = cli.atLine(truth.hypothesis().cause().line());
    java.time.Instant first = cli.where(r -> cli.get(r, "device").equals(cli.get(leak, "device")) && cli.get(r, "session").equals(cli.get(leak, "session")))
        .stream().map(cli::time).min(Comparator.naturalOrder()).orElseThrow();
    return ev.where(r -> ev.get(r, "entity").equals(entity) && Change.opensSession(ev.get(r, "type"), ev.get(r, "message")))
        .stream().min(Comparator.comparing(r -> Duration.between(first, ev.time(r)).abs())).orElseThrow();
  }

  private static Assessment changeOn(Analysis a, String entity) {
    return a.assessments().stream().filter(x -> x.hypothesis().pattern().equals("change-correlation")
        && x.hypothesis().subject().equals(entity)).findFirst().orElse(null);
  }

  @Test
  void twoLoginsWithoutTheirLinesAreTwoChangesEachInItsOwnSpanAndNeitherConfirmed(@TempDir Path tmp) throws Exception {
    Copy c = secondLogin(tmp, false);
    Analysis a = TestAnalysis.analyze(c.dir());
    assertTrue(changeOn(a, c.service()) == null, "no roll-out of " + c.service() + ": " + a.assessments());
    for (String router : List.of(c.subject(), c.other())) {
      Assessment x = changeOn(a, router);
      assertNotNull(x, router + " " + a.assessments());
      assertTrue(x.replay().narrative().stream().anyMatch(n -> n.contains("at a moment the logs do not give")), x.replay().narrative().toString());
      assertTrue(x.validation().verdict() != Verdict.CONFIRMED, router + ": " + x.validation().reasons());
    }
  }

  /** Near miss: the second session logged out five minutes after its login, long before the trouble: only the first stands. */
  @Test
  void aSecondLoginClosedLongBeforeTheTroubleLeavesTheFirstConfirmed(@TempDir Path tmp) throws Exception {
    Copy c = secondLogin(tmp, false);
    CsvTable ev = CsvTable.read(c.dir().resolve("events.csv"));
    String[] login = ev.rows().get(ev.rows().size() - 1); // the second login, appended last
    String[] logout = ev.atLine(ev.appendCopy(login));
    ev.shift(logout, Duration.ofMinutes(5));
    ev.set(logout, "type", "auth.logout");
    ev.set(logout, "message", "operator logged out");
    ev.write();
    Analysis a = TestAnalysis.analyze(c.dir());
    assertEquals(Verdict.CONFIRMED, changeOn(a, c.subject()).validation().verdict(), changeOn(a, c.subject()).validation().reasons().toString());
    Assessment other = changeOn(a, c.other());
    assertTrue(other == null || other.validation().verdict() == Verdict.REFUTED, other == null ? "" : other.validation().reasons().toString());
  }

  /** With the lines: a missing exit in the first session, a clean one in the second; only the first is claimed. */
  @Test
  void aMissingExitInOneSessionAndACleanSessionOnTheOtherRouter(@TempDir Path tmp) throws Exception {
    Assessment truth = TestAnalysis.analyze(TestAnalysis.home().resolve("sample-logs").resolve(SAMPLE)).assessments().get(0);
    Copy c = secondLogin(tmp, true);
    CsvTable cli = CsvTable.read(c.dir().resolve("config-commands.csv"));
    String[] leaking = cli.atLine(truth.hypothesis().cause().line());
    // the shortest session of another device: a clean one, typed on the second router right after its login
    String clean = cli.rows().stream().filter(r -> !cli.get(r, "device").equals(c.subject())).map(r -> cli.get(r, "session"))
        .min(Comparator.comparingLong((String s) -> cli.where(r -> cli.get(r, "session").equals(s)).size()).thenComparing(s -> s)).orElseThrow();
    List<String[]> lines = cli.where(r -> cli.get(r, "session").equals(clean));
    Duration by = Duration.between(cli.time(lines.get(0)), cli.time(leaking)).plus(Duration.ofMinutes(4));
    for (String[] l : lines) {
      String[] copy = cli.atLine(cli.appendCopy(l));
      cli.set(copy, "device", c.other());
      cli.set(copy, "session", clean + "-b");
      cli.shift(copy, by);
    }
    cli.write();
    Analysis a = TestAnalysis.analyze(c.dir());
    Assessment top = a.assessments().get(0);
    assertEquals(truth.hypothesis().pattern(), top.hypothesis().pattern());
    assertEquals(c.subject(), top.hypothesis().subject());
    assertEquals(Verdict.CONFIRMED, top.validation().verdict(), top.validation().reasons().toString());
    for (Assessment x : a.assessments()) {
      boolean live = x.validation().verdict() == Verdict.CONFIRMED || x.validation().verdict() == Verdict.PLAUSIBLE;
      assertFalse(live && (x.hypothesis().subject().equals(c.other()) || x.hypothesis().subject().equals(c.service())), x.toString());
    }
  }
}
