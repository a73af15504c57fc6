package org.hindsight.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.hindsight.engine.FiringLog;
import org.hindsight.engine.RuleInfo;
import org.hindsight.lint.RuleExplainer;
import org.hindsight.lint.RuleExplainer.Condition;
import org.hindsight.lint.RuleExplainer.RuleExplanation;
import org.hindsight.lint.UnknownRuleException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = ExplainCommand.NAME, mixinStandardHelpOptions = true,
    description = {"Which rules fired on which records (file:line), and for a rule that did not fire, how far its "
        + "conditions got: the partial matches of conditions 1..k and the first condition that matched nothing."},
    footer = ExitCode.HELP)
final class ExplainCommand implements Callable<Integer> {
  /** A constant, so that {@link Main} can recognise the command before picocli or any annotation is read. */
  static final String NAME = "explain";
  static final int SAMPLES = 5;

  @Spec CommandSpec spec;
  @Mixin InputOptions input;
  @Mixin PluginOptions plugins;

  @Option(names = "--rule", paramLabel = "ID", description = "Explain only this rule (its @id or its name).")
  String rule;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    RuleExplainer.Explanation e;
    try {
      e = new RuleExplainer(new org.hindsight.analysis.Analyzer()).explain(input.toOptions().build(), rule);
    } catch (UnknownRuleException u) {
      throw new UsageException(u.getMessage() + CliValues.closest(u.wanted(), u.known()).map(s -> "; did you mean '" + s + "'?")
          .orElse(".") + " Rules: " + String.join(", ", u.known()));
    } finally {
      input.close();
    }
    Progress.done();
    List<RuleExplanation> fired = e.rules().stream().filter(r -> r.fired() > 0).toList();
    List<RuleExplanation> silent = e.rules().stream().filter(r -> r.fired() == 0).toList();
    out.println("Rules that fired: " + fired.size());
    for (RuleExplanation r : fired) {
      out.println("  " + label(r.rule()) + " fired " + r.fired() + " time(s)");
      for (FiringLog.Match m : r.firings().stream().limit(SAMPLES).toList()) out.println("    on " + records(m));
      if (r.firings().size() > SAMPLES || r.fired() > SAMPLES) out.println("    …");
    }
    out.println("Rules that did not fire: " + silent.size());
    for (RuleExplanation r : silent) {
      out.println("  " + label(r.rule()));
      Condition failed = r.firstFailed().orElse(null);
      Condition lastMatched = null;
      for (Condition c : r.conditions()) {
        String mark = c == failed ? "   <- first condition that matched nothing" : "";
        out.println(String.format("    %d. %s:%d  %s  -> %d partial match(es)%s", c.index(), c.file(), c.line(),
            oneLine(c.text()), c.matches(), mark));
        if (c == failed) break;
        lastMatched = c;
      }
      if (failed == null) {
        out.println("    every condition matched together, yet the rule did not fire: check its attributes "
            + "(enabled, agenda-group, activation-group, timer, date-effective)");
      } else if (lastMatched != null) {
        out.println("    partial matches of conditions 1.." + lastMatched.index() + " (first " + SAMPLES + "):");
        for (FiringLog.Match m : lastMatched.samples().stream().limit(SAMPLES).toList()) out.println("      " + records(m));
      } else {
        out.println("    no fact matches its first condition");
      }
    }
    out.flush();
    return ExitCode.OK;
  }

  private static String label(RuleInfo r) {
    return (r.id().equals(r.name()) ? "" : r.id() + " ") + "\"" + r.name() + "\" (" + r.where() + ")";
  }

  private static String records(FiringLog.Match m) {
    return m.records().isEmpty() ? String.join(", ", m.facts())
        : m.records().stream().map(Object::toString).collect(Collectors.joining(", "));
  }

  private static String oneLine(String s) {
    String t = s.replaceAll("\\s+", " ");
    return t.length() > 120 ? t.substring(0, 120) + "…" : t;
  }
}
