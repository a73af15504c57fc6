package org.hindsight.ingest;

import java.util.List;

/** The input cannot be analysed as it is; carries every problem found, not only the first. */
public final class InputException extends Exception {
  private final List<InputProblem> problems;

  public InputException(List<InputProblem> problems) {
    super(problems.size() + " problem(s) in the input; first: " + (problems.isEmpty() ? "?" : problems.get(0)));
    this.problems = List.copyOf(problems);
  }

  public InputException(String file, String message) {
    this(List.of(new InputProblem(file, 0, message)));
  }

  public List<InputProblem> problems() {
    return problems;
  }
}
