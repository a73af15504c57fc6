package org.hindsight.drill.testkit;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.hindsight.analysis.Analyzer;
import org.hindsight.derive.Derivers;
import org.hindsight.drill.DrillEnvironment;
import org.hindsight.simulate.Simulators;
import org.hindsight.testing.TestAnalysis;

/**
 * A drill environment for tests: the test-only pattern (generator, rule, simulator) registered
 * programmatically, a temporary home (key file, attempt log), a clock the test moves, given stdin.
 */
public final class TestKit {
  private TestKit() {}

  public static Path rules() {
    return TestAnalysis.home().resolve("src/test/resources/drill-testkit/rules");
  }

  public static Analyzer analyzer() {
    return new Analyzer(Simulators.load().register(new RunawayJobSimulator()), Derivers.all());
  }

  public static DrillEnvironment.Builder builder(Path home, Clock clock) {
    return DrillEnvironment.builder().generator(new RunawayJobGenerator()).analyzer(TestKit::analyzer)
        .rules(rules()).home(home).env(Map.of("USER", "alice")).clock(clock);
  }

  public static DrillEnvironment env(Path home, Clock clock, String stdin) {
    return builder(home, clock).in(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))).build();
  }

  /** A clock that stands still until moved. */
  public static final class MovableClock extends Clock {
    private Instant now;

    public MovableClock(Instant start) {
      this.now = start;
    }

    public void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
