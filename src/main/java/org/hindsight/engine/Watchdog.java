package org.hindsight.engine;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a piece of work that must not hold the analysis past its budget (a deriver, the rules) on a
 * daemon thread and waits at most the time left. Past it the work is interrupted and, if it still
 * runs, stopped: code that never returns would otherwise burn a core until the JVM exits.
 */
public final class Watchdog {
  private Watchdog() {}

  /** The work's result; {@link TimeoutException} once it has been stopped for running past {@code limit}. */
  public static <T> T call(String threadName, Callable<T> work, Duration limit)
      throws TimeoutException, ExecutionException, InterruptedException {
    FutureTask<T> task = new FutureTask<>(work);
    Thread thread = new Thread(task, threadName);
    thread.setDaemon(true); // work that never returns must not keep the JVM alive
    thread.start();
    try {
      return task.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      abandon(thread);
      throw e;
    }
  }

  /**
   * Work that never returns ignores everything but an interrupt. Interrupt it, and if it still runs,
   * stop the thread. Thread.stop is the only way to end such code; on JDKs where it is gone the
   * thread stays a daemon and dies with the JVM.
   */
  @SuppressWarnings({"deprecation", "removal"})
  static void abandon(Thread thread) {
    thread.interrupt();
    try {
      thread.join(500);
      if (thread.isAlive()) thread.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (UnsupportedOperationException e) {
      // JDK 20+: cannot be stopped; it is a daemon and dies with the JVM
    }
  }
}
