package org.hindsight.cli;

/** Process exit codes, documented in {@code --help}. */
public final class ExitCode {
  private ExitCode() {}

  /** Analysed (whatever was found). */
  public static final int OK = 0;
  /** Internal error: a bug in Hindsight. */
  public static final int INTERNAL = 1;
  /** Bad input or usage. */
  public static final int BAD_INPUT = 2;
  /** Rule errors: a rule does not compile, fails, or ran past its budget. */
  public static final int RULE_ERROR = 3;
  /** Checks found failures ({@code rules test}, {@code drill check} wrong answers are not failures). */
  public static final int TEST_FAILED = 4;

  public static final String HELP = "%nExit codes: 0 analysed (whatever was found), 1 internal error, "
      + "2 bad input or usage, 3 rule errors (compile, runtime or budget), 4 tests failed.";
}
