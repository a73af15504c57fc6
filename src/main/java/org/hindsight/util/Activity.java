package org.hindsight.util;

/**
 * What Hindsight is doing right now, for the one line {@code Main} prints when the JVM runs out of
 * memory or stack: "while reading metrics.csv:1200345" tells the user which input to look at.
 *
 * <p>Plain static fields, written by the thread doing the work and read by the same thread once the
 * error has unwound to {@code Main} (errors of worker threads are re-thrown on the main thread), so
 * the per-row update is a plain store, cheap enough for the CSV reader's inner loop.
 */
public final class Activity {
  private static volatile String phase = "starting";
  /**
   * {@code -Dhindsight.timings=true}: each phase is also printed to stderr with the milliseconds since
   * the process started and the thread, to see where a short run's wall time goes without a profiler.
   */
  private static final boolean TIMINGS = Boolean.getBoolean("hindsight.timings");
  private static String file;
  private static long line;

  private Activity() {}

  /** A step of the pipeline ("compiling rules", "running the rules", "writing the report"). */
  public static void phase(String what) {
    phase = what;
    file = null;
    if (TIMINGS) time(what);
  }

  /** A step on a thread other than the pipeline's (building the rule base ahead): timed, never described. */
  public static void step(String what) {
    if (TIMINGS) time(what);
  }

  private static void time(String what) {
    long since = System.currentTimeMillis()
        - ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    System.err.println("hindsight: timing " + since + " ms [" + Thread.currentThread().getName() + "] " + what);
  }

  /** Reading {@code file}; {@link #line} follows the rows. */
  public static void reading(String displayName) {
    if (TIMINGS) time("reading " + displayName);
    phase = "reading";
    file = displayName;
    line = 0;
  }

  public static void line(long n) {
    line = n;
  }

  /** "reading metrics.csv:120" or the phase. */
  public static String describe() {
    String f = file;
    if (f != null) return "reading " + f + (line > 0 ? ":" + line : "");
    return phase;
  }
}
