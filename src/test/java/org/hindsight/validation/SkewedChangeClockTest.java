package org.hindsight.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.ingest.InputStats;
import org.hindsight.observe.Symptom;
import org.hindsight.testing.CauseTimes;
import org.hindsight.testing.Claims;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.Perturbations;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A source of changes whose clock is minutes off the observations' (a command-accounting server, a bastion's audit
 * log): every positive reconstruction whose cause is a CLI line or an ops command, and the KT sample, with its
 * change file skewed by −3, −1, +1 and +3 minutes. With the same commands also logged by the observations (a device's
 * own syslog of each line, an event quoting each ops command) the offset is estimated and the claim is the
 * unperturbed one; without them nothing is estimated. A cause truly after its first symptom (on both sources) stays
 * short of confirmed whichever way its source's clock is skewed, also when the skew logs it before the symptom.
 */
class SkewedChangeClockTest {
  private static final int[] SKEWS = {-3, -1, 1, 3};

  /** The reconstructions whose cause is a line of a change source with a clock (CLI lines, ops commands), and the KT sample. */
  static List<Path> bundles() throws Exception {
    List<Path> out = new ArrayList<>();
    out.add(TestAnalysis.home().resolve("sample-logs/kt-2021-10-25"));
    for (Path f : FixturePerturbationsTest.positiveFixtures()) {
      // what the fixture expects is cited from such a file (its expect.json, read before any analysis)
      String expect = Files.readString(f.resolve("expect.json"));
      if (expect.contains("\"config-commands") || expect.contains("\"ops-commands")) out.add(f);
    }
    return out;
  }

  private static String name(Path bundle) {
    return bundle.getParent().getFileName() + "/" + bundle.getFileName();
  }

  private static final java.util.Map<Path, Analysis> SAMPLES = new java.util.HashMap<>();

  /** The unperturbed analysis (once per bundle). */
  private static synchronized Analysis truth(Path bundle) throws Exception {
    if (!bundle.toString().contains("sample-logs")) return FixturePerturbationsTest.truth(bundle);
    Analysis a = SAMPLES.get(bundle);
    if (a == null) SAMPLES.put(bundle, a = TestAnalysis.analyze(bundle));
    return a;
  }

  /**
   * The observations' own log of every row of the change file, at its time: a device's syslog line of each CLI
   * line, an audit event quoting each ops command (on the host it was typed on, when the row says).
   */
  static void logCommandsAsEvents(Path dir, String changeFile) throws Exception {
    Path events = dir.resolve("events.csv");
    if (!Files.exists(events)) Files.writeString(events, "timestamp,source,type,entity,message,severity\n");
    CsvTable e = CsvTable.read(events);
    CsvTable c = CsvTable.read(dir.resolve(changeFile));
    for (String[] r : c.rows()) {
      String text = c.get(r, "command").trim();
      String entity = c.hasColumn("device") ? c.get(r, "device") : c.hasColumn("host") && !c.get(r, "host").isBlank() ? c.get(r, "host") : "audit";
      e.append("timestamp=" + c.get(r, "timestamp"), "source=syslog", "type=log", "entity=" + entity,
          "message=" + (c.hasColumn("device") ? "%PARSER-5-CFGLOG_LOGGEDCMD: User:" + c.get(r, "user") + " logged command:" : "audit: exec ") + text,
          "severity=info");
    }
    e.write();
  }

  /** Every row of the file {@code minutes} off: its source's clock skewed. */
  static void skew(Path dir, String file, int minutes) throws Exception {
    CsvTable t = CsvTable.read(dir.resolve(file));
    for (String[] r : t.rows()) t.shift(r, Duration.ofMinutes(minutes));
    t.write();
  }

  /** A change file of one record: the estimate needs two logged by both sources. */
  private static boolean loneRecord(Path dir, String file) throws Exception {
    return CsvTable.read(dir.resolve(file)).rows().size() < 2;
  }

  private static InputStats.ClockOffset offsetOf(Analysis a, String file) {
    return a.input().clockOffsets().stream().filter(o -> Path.of(o.file()).getFileName().toString().equals(file)).findFirst().orElse(null);
  }

  private static Stream<DynamicTest> each(String what, Check check) throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path b : bundles()) {
      for (int skew : SKEWS) {
        tests.add(DynamicTest.dynamicTest(name(b) + ": " + what + " " + (skew > 0 ? "+" : "") + skew + " min", () -> {
          Analysis unperturbed = truth(b);
          Assessment truth = unperturbed.assessments().get(0);
          String file = Claims.fileName(truth.hypothesis().cause());
          if (!file.startsWith("config-commands") && !file.startsWith("ops-commands")) {
            System.out.println(name(b) + ": " + what + ": not done: its top cause is in " + file + ", a source this test does not skew");
            return;
          }
          CsvTable.onACopy(b, dir -> check.run(name(b), unperturbed, truth, file, dir, skew));
        }));
      }
    }
    return tests.stream();
  }

  interface Check {
    void run(String name, Analysis unperturbed, Assessment truth, String file, Path dir, int skew) throws Exception;
  }

  @TestFactory
  Stream<DynamicTest> aSkewedSourceReadAgainstTheDevicesOwnLogKeepsTheClaim() throws Exception {
    return each("skewed, its commands logged by the observations too", (name, unperturbed, truth, file, dir, skew) -> {
      logCommandsAsEvents(dir, file);
      skew(dir, file, skew);
      Analysis a = TestAnalysis.analyze(dir);
      InputStats.ClockOffset o = offsetOf(a, file);
      if (loneRecord(dir, file)) {
        // one record logged by both sources could as well be a line quoting the command when it ended: no estimate
        assertEquals(null, o, "one record logged by both is no estimate");
        return;
      }
      assertTrue(o != null && o.offsetMillis() == skew * 60_000L, file + "'s offset: " + a.input().clockOffsets());
      Perturbations.sameVerdict(file + " skewed " + skew + " min", truth, a, s -> s);
    });
  }

  @TestFactory
  Stream<DynamicTest> aSkewedSourceNoOtherSourceLoggedIsLeftAsLogged() throws Exception {
    return each("skewed, nothing else logged its commands", (name, unperturbed, truth, file, dir, skew) -> {
      skew(dir, file, skew);
      Analysis a = TestAnalysis.analyze(dir);
      assertEquals(List.of(), a.input().clockOffsets(), "no record logged by two sources: no offset");
    });
  }

  @TestFactory
  Stream<DynamicTest> aCauseTrulyAfterItsFirstSymptomStaysShortOfConfirmedWhateverItsSourcesClock() throws Exception {
    return each("logged after its first symptom by both sources, then skewed", (name, unperturbed, truth, file, dir, skew) -> {
      // as FixturePerturbationsTest moves a cause: half a minute after the first symptom it explained, a session by its line that took effect
      Instant first = truth.validation().explained().stream().filter(s -> !truth.hypothesis().cause().equals(s.evidence()))
          .map(Symptom::onset).min(Instant::compareTo).orElseThrow();
      Instant target = first.plusSeconds(30);
      Instant causeAt = truth.validation().scorecard().causeAt();
      Instant cited = unperturbed.world().timeOf(truth.hypothesis().cause());
      CauseTimes.move(truth, dir, cited != null && cited.isBefore(causeAt) ? target.plus(Duration.between(cited, causeAt)) : target);
      logCommandsAsEvents(dir, file);
      if (loneRecord(dir, file)) {
        System.out.println(name + ": " + file + " holds one record: no estimate, so its skew is read as logged (as without the other log)");
        return;
      }
      // a clock behind logs the late cause before its symptom: only the estimate puts it back after
      skew(dir, file, skew);
      Perturbations.notConfirmed("the cause half a minute after its first symptom, its source " + skew + " min off", truth, dir,
          TestAnalysis.analyze(dir), Claims.claim(truth.hypothesis()), true);
    });
  }
}
