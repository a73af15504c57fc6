package org.hindsight.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.hindsight.report.Reports;
import org.junit.jupiter.api.Test;

/** Work handed to an analysis to do while its rules run: done aside, and never a change to the result. */
class WhileRulesRunTest {
  private static final String INPUT = "src/test/resources/bundles/fire";
  private static final Path RULES = Path.of("src/test/resources/rules/cep");

  private static String report(Runnable aside) throws Exception {
    AnalysisOptions.Builder b = AnalysisOptions.builder().input(INPUT).rules(RULES);
    if (aside != null) b.whileRulesRun(aside);
    return Reports.render(new Analyzer().analyze(b.build()), Reports.Format.json);
  }

  @Test
  void theWorkRunsOnAnotherThreadAndTheReportIsTheSame() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    AtomicReference<Thread> on = new AtomicReference<>();
    String with = report(() -> {
      on.set(Thread.currentThread());
      ran.countDown();
    });
    assertTrue(ran.await(30, TimeUnit.SECONDS), "the work ran");
    assertNotEquals(Thread.currentThread(), on.get());
    assertEquals(report(null), with);
  }

  @Test
  void failingWorkIsNoFailureOfTheAnalysis() throws Exception {
    assertEquals(report(null), report(() -> {
      throw new IllegalStateException("aside work failed");
    }));
  }

  @Test
  void readyingTheJsonWriterChangesNothingWritten() throws Exception {
    assertEquals(report(null), report(() -> Reports.prepare(Reports.Format.json)));
  }
}
