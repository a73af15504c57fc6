package org.hindsight.drill.testkit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the test tool's {@code jobctl start} command lines (both option spellings), for the test rule. */
public final class JobCommands {
  private static final Pattern THREADS = Pattern.compile("(?:--threads[= ]|-t )(\\d+)");
  private static final Pattern HOST = Pattern.compile("--host[= ](\\S+)");

  private JobCommands() {}

  /** Threads asked for by a {@code jobctl start}, or 0. */
  public static int threads(String command) {
    if (!command.startsWith("jobctl start")) return 0;
    Matcher m = THREADS.matcher(command);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** The target host, or "". */
  public static String host(String command) {
    Matcher m = HOST.matcher(command);
    return m.find() ? m.group(1) : "";
  }
}
