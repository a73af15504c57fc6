package org.hindsight.util;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The one place to run a regular expression that comes from the logs (a selector in an ops
 * command, a pattern in a config line) against text: {@code java.util.regex} backtracks, so
 * {@code (a+)+$} over forty {@code a}s and a {@code b} takes longer than the incident lasted. Here
 * every match runs under a budget of steps and time and ends with {@link Outcome#EXHAUSTED} instead of
 * hanging; a pattern that does not compile, or is longer than {@link #MAX_PATTERN_CHARS}, is
 * {@link Outcome#INVALID}. Callers report those as "the selector was not resolved" findings.
 *
 * <p>How: the subject is handed to the matcher as a {@link CharSequence} that counts every
 * character the engine reads (each backtracking step reads at least one) and checks the clock every
 * few thousand reads, throwing once the budget is spent. Java's engine has no other way to be stopped.
 *
 * <pre>
 * SafeRegex.Budget budget = SafeRegex.Budget.perLine();           // shared by all matches of one log line
 * SafeRegex.Compiled re = SafeRegex.compile(selectorText);
 * for (String host : hosts) {
 *   switch (re.matches(host, budget)) {
 *     case MATCH -&gt; hit(host);
 *     case NO_MATCH -&gt; {}
 *     case EXHAUSTED, INVALID -&gt; { unresolved(line, re.problem()); return; }
 *   }
 * }
 * </pre>
 */
public final class SafeRegex {
  /** Longer patterns are refused outright: nobody types them, and they cost to compile. */
  public static final int MAX_PATTERN_CHARS = 1000;

  /** What a match came to. */
  public enum Outcome { MATCH, NO_MATCH, EXHAUSTED, INVALID }

  private SafeRegex() {}

  /**
   * Steps (characters read by the engine) and wall time allowed, shared by the matches that use it:
   * give one budget to all matches of one input line, so a pattern tried against a million hosts is
   * bounded as a whole.
   */
  public static final class Budget {
    private final long maxSteps;
    private final long deadlineNanos;
    private long steps;

    public Budget(long maxSteps, Duration maxTime) {
      this.maxSteps = maxSteps;
      this.deadlineNanos = System.nanoTime() + maxTime.toNanos();
    }

    /** 50 million steps and 2 seconds: ample for a linear scan of a million host names. */
    public static Budget perLine() {
      return new Budget(50_000_000L, Duration.ofSeconds(2));
    }

    public long steps() {
      return steps;
    }

    public boolean exhausted() {
      return steps > maxSteps || System.nanoTime() > deadlineNanos;
    }

    void step() {
      if (++steps > maxSteps || ((steps & 0xFFF) == 0 && System.nanoTime() > deadlineNanos)) throw Spent.INSTANCE;
    }
  }

  /** Thrown from inside the engine to stop it; carries no stack, it is never shown. */
  private static final class Spent extends RuntimeException {
    static final Spent INSTANCE = new Spent();

    private Spent() {
      super("regex budget spent", null, false, false);
    }
  }

  /** A compiled pattern, or why it could not be compiled. */
  public static final class Compiled {
    private final Pattern pattern;
    private final String problem;

    private Compiled(Pattern pattern, String problem) {
      this.pattern = pattern;
      this.problem = problem;
    }

    /** Null when the pattern compiled; else a one-line reason fit for a finding. */
    public String problem() {
      return problem;
    }

    /** Whether the whole of {@code text} matches. */
    public Outcome matches(CharSequence text, Budget budget) {
      return run(text, budget, true);
    }

    /** Whether some part of {@code text} matches. */
    public Outcome find(CharSequence text, Budget budget) {
      return run(text, budget, false);
    }

    private Outcome run(CharSequence text, Budget budget, boolean whole) {
      if (pattern == null) return Outcome.INVALID;
      if (budget.exhausted()) return Outcome.EXHAUSTED;
      Matcher m = pattern.matcher(new Counted(text, budget));
      try {
        return (whole ? m.matches() : m.find()) ? Outcome.MATCH : Outcome.NO_MATCH;
      } catch (Spent | StackOverflowError e) {
        // The engine recurses per group repetition: a long subject can overflow the stack too.
        return Outcome.EXHAUSTED;
      }
    }
  }

  public static Compiled compile(String regex) {
    return compile(regex, 0);
  }

  public static Compiled compile(String regex, int flags) {
    if (regex.length() > MAX_PATTERN_CHARS) {
      return new Compiled(null, "regular expression longer than " + MAX_PATTERN_CHARS + " characters");
    }
    try {
      return new Compiled(Pattern.compile(regex, flags), null);
    } catch (PatternSyntaxException e) {
      return new Compiled(null, "not a regular expression: " + e.getDescription() + " near index " + e.getIndex());
    } catch (StackOverflowError e) {
      return new Compiled(null, "regular expression nested too deep");
    }
  }

  /** The subject as the engine sees it: every character read is a step. */
  private static final class Counted implements CharSequence {
    private final CharSequence text;
    private final Budget budget;

    Counted(CharSequence text, Budget budget) {
      this.text = text;
      this.budget = budget;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      budget.step();
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Counted(text.subSequence(start, end), budget);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
