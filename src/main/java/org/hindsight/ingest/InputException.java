package org.hindsight.ingest;

import java.util.List;

/** The input cannot be analysed as it is; carries every problem found, not only the first. */
public final class InputException extends Exception {
  private final List<InputProblem> problems;
  private final boolean lenientWouldHelp;

  public InputException(List<InputProblem> problems) {
    this(problems, false);
  }

  /** {@code lenientWouldHelp}: every problem is a bad row, so {@code --lenient} could analyse the rest. */
  public InputException(List<InputProblem> problems, boolean lenientWouldHelp) {
    super(problems.size() + " problem(s) in the input; first: " + (problems.isEmpty() ? "?" : problems.get(0)));
    this.problems = List.copyOf(problems);
    this.lenientWouldHelp = lenientWouldHelp;
  }

  public InputException(String file, String message) {
    this(List.of(new InputProblem(file, 0, message)));
  }

  public List<InputProblem> problems() {
    return problems;
  }

  /** True when skipping bad rows ({@code --lenient}) would let the analysis run; false for missing files, bad headers, …. */
  public boolean lenientWouldHelp() {
    return lenientWouldHelp;
  }
}
