package org.hindsight.patterns.changecorrelation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change whose dependency's trouble followed within ten minutes (HS-CC-006) is asked of the trouble's onset
 * interval, not of its first bad sample: a dependency's series sampled every two minutes shows the trouble up to two
 * minutes later than a series sampled every minute would, though it may have begun right after its last normal
 * sample. Near miss: a dependency whose last normal sample is itself past the ten minutes.
 */
class SampledDependencyOnsetTest {
  private static final Instant CHANGE = Instant.parse("2024-03-05T10:00:00Z");

  @TempDir Path dir;

  /**
   * A deploy of the payments tier at {@link #CHANGE}; the queue it sends to (hard dependency) sampled every
   * {@code step} minutes, last normal {@code lastNormal} minutes after the deploy; payments' own errors follow.
   */
  private Path bundle(String name, int step, int lastNormal) throws Exception {
    Path b = Files.createDirectories(dir.resolve(name));
    Files.writeString(b.resolve("services.csv"), "service,min_hosts,critical,restart_minutes\npayments,1,true,5\nqueue,2,true,5\n");
    Files.writeString(b.resolve("dependencies.csv"), "service,depends_on,kind\npayments,queue,hard\n");
    Files.writeString(b.resolve("inventory.csv"), "entity,type,site,service\npay-1,host,fra2,payments\npay-2,host,fra2,payments\n"
        + "mq-1,host,fra2,queue\nmq-2,host,fra2,queue\nmq-3,host,fra2,queue\n");
    Files.writeString(b.resolve("events.csv"), "timestamp,source,type,entity,message,severity\n"
        + CHANGE + ",ci,deploy.finished,payments,payments 7.3 deployed (new producer per request),info\n");
    StringBuilder m = new StringBuilder("timestamp,entity,metric,value\n");
    Instant firstBad = CHANGE.plus(Duration.ofMinutes(lastNormal + step));
    for (Instant t = CHANGE.minus(Duration.ofMinutes(60)); t.isBefore(CHANGE.plus(Duration.ofMinutes(60)));
        t = t.plus(Duration.ofMinutes(step))) {
      boolean queueBad = !t.isBefore(firstBad);
      // the callers fail a sampling round after the queue: downstream of it
      boolean payBad = !t.isBefore(firstBad.plus(Duration.ofMinutes(step)));
      for (String mq : new String[] {"mq-1", "mq-2", "mq-3"}) m.append(t).append(',').append(mq).append(",http.error_ratio,").append(queueBad ? "0.45" : "0.001").append('\n');
      for (String pay : new String[] {"pay-1", "pay-2"}) m.append(t).append(',').append(pay).append(",http.error_ratio,").append(payBad ? "0.3" : "0.002").append('\n');
    }
    Files.writeString(b.resolve("metrics.csv"), m);
    return b;
  }

  /** The claim that the deploy acted through what it sends its dependency, or null. */
  private static Assessment actingThroughItsDependency(Analysis a) {
    for (Assessment x : a.assessments()) {
      if (x.hypothesis().pattern().equals("change-correlation") && x.hypothesis().subject().equals("payments")
          && x.hypothesis().detail("latent").contains("it may act through what it sends")) return x;
    }
    return null;
  }

  @Test
  void aDependencySampledEveryTwoMinutesWhoseTroubleMayHaveBegunWithinTenMinutesIsNearEnough() throws Exception {
    // first bad sample 11 min after the deploy, the last normal one at 9 min
    Assessment claim = actingThroughItsDependency(TestAnalysis.analyze(bundle("two-minutes", 2, 9)));
    assertTrue(claim != null, "the deploy acting through the queue");
    assertTrue(claim.hypothesis().detail("failed").equals("queue"), claim.hypothesis().toString());
  }

  @Test
  void theSameTroubleSampledEveryMinuteIsNearEnoughToo() throws Exception {
    assertTrue(actingThroughItsDependency(TestAnalysis.analyze(bundle("one-minute", 1, 8))) != null);
  }

  @Test
  void aDependencyStillNormalElevenMinutesAfterTheChangeIsNotNearEnough() throws Exception {
    Analysis a = TestAnalysis.analyze(bundle("late", 2, 11));
    assertFalse(actingThroughItsDependency(a) != null, a.assessments().toString());
  }
}
