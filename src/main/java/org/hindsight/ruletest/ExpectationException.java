package org.hindsight.ruletest;

/** An {@code expect.json} that cannot be used: bad JSON, an unknown key, a bad value, at a line. */
public final class ExpectationException extends Exception {
  private final String file;
  private final int line;
  private final String problem;

  public ExpectationException(String file, int line, String problem) {
    super(line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String problem() {
    return problem;
  }
}
