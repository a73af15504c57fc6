package org.hindsight.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hindsight.derive.Derivation;
import org.hindsight.derive.FactDeriver;
import org.hindsight.engine.RuleException;
import org.hindsight.engine.RuleProblem;
import org.hindsight.facts.Fact;
import org.hindsight.simulate.Simulators;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Derivers run under the rules' time budget; a stop names the deriver and the line it was on (issue 19). */
class DeriverBudgetTest {
  @TempDir Path dir;

  /** Interprets each event and never gets past the second: a matcher that backtracks forever. */
  static final class StuckDeriver implements FactDeriver {
    @Override
    public String name() {
      return "stuck";
    }

    @Override
    public List<Class<? extends Fact>> factTypes() {
      return List.of();
    }

    @Override
    public List<? extends Fact> derive(World world) {
      long spin = 0;
      for (var e : world.events()) {
        Derivation.at(e.origin());
        if (e.type().equals("hostile")) while (spin >= 0) spin++; // ignores interrupts, like a regex engine
      }
      return List.of();
    }
  }

  @Test
  void aDeriverStuckOnALineIsStoppedAtTheBudgetAndNamedAtThatLine() throws Exception {
    Files.writeString(dir.resolve("events.csv"), "timestamp,source,type,entity\n"
        + "2024-01-01T00:00:00Z,a,fine,x\n2024-01-01T00:00:01Z,a,hostile,y\n2024-01-01T00:00:02Z,a,fine,z\n");
    Analyzer analyzer = new Analyzer(Simulators.load(), List.of(new StuckDeriver()));
    AnalysisOptions options = AnalysisOptions.builder().inputs(List.of(dir.toString()))
        .rules(Path.of("src/test/resources/rules/custom-hypothesis")).maxRuleTime(Duration.ofSeconds(2)).build();
    long t0 = System.nanoTime();
    RuleException e = assertThrows(RuleException.class, () -> analyzer.analyze(options));
    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos(), "stopped near its budget");
    RuleProblem p = e.problems().get(0);
    assertEquals(dir.resolve("events.csv").toString(), p.file());
    assertEquals(3, p.line());
    assertTrue(p.message().startsWith("deriver \"stuck\" was stopped by the time budget of 2 s"), p.message());
  }
}
