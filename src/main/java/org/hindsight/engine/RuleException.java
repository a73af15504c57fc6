package org.hindsight.engine;

import java.util.List;

/** The rules cannot be used: they do not compile, fail while running, or ran past their budget. */
public final class RuleException extends Exception {
  private final List<RuleProblem> problems;

  public RuleException(List<RuleProblem> problems) {
    super(problems.isEmpty() ? "rule problem" : problems.get(0).toString());
    this.problems = List.copyOf(problems);
  }

  public RuleException(RuleProblem problem) {
    this(List.of(problem));
  }

  public List<RuleProblem> problems() {
    return problems;
  }
}
