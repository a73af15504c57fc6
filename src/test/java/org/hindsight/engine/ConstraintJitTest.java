package org.hindsight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Event;
import org.hindsight.facts.OpsCommand;
import org.junit.jupiter.api.Test;
import org.kie.internal.conf.ConstraintJittingThresholdOption;

/** Constraint JIT is on, and only constraints with an operator are kept interpreted. */
class ConstraintJitTest {
  private static RuleBase compile(String folder) throws RuleException {
    return new RuleCompiler(List.of(Event.class, ConfigCommand.class, OpsCommand.class), Duration.ofHours(48))
        .compile(List.of(RuleCompilerTest.RULES.resolve(folder)));
  }

  @Test
  void theJitIsOnForTheRuleBase() throws Exception {
    RuleBase rules = compile("cep-jit");
    assertTrue(ConstraintJit.canNarrow(), "this Drools has the flag the narrowing relies on");
    int threshold = ((org.drools.kiesession.rulebase.InternalKnowledgeBase) rules.kieBase()).getConfiguration()
        .getOption(ConstraintJittingThresholdOption.KEY).getThreshold();
    assertTrue(threshold > 0, "threshold " + threshold);
  }

  @Test
  void onlyConstraintsWithAnOperatorAreKeptInterpreted() throws Exception {
    // cep-jit: Drools turns `command str[startsWith] "net "` into an MVEL expression that keeps the
    // str operator (the one whose jitted code broke); `this after[0s,10m] $exit` is a separate
    // evaluator constraint, never jitted; the joins on device and session and command == "exit" are.
    List<String> marked = ConstraintJit.keepOperatorConstraintsInterpreted(compile("cep-jit").kieBase());
    assertEquals(List.of("command.startsWith(\"net \")"), marked);
    // runaway: Counter( n >= 0 ), no operator: jitted.
    assertEquals(List.of(), ConstraintJit.keepOperatorConstraintsInterpreted(compile("runaway").kieBase()));
  }
}
