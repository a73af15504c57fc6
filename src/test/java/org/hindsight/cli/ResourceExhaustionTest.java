package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Out of heap or stack: one line naming what ran out, what was being read and how to give more; never JVM text. */
class ResourceExhaustionTest {
  @TempDir Path dir;

  @Test
  void runningOutOfHeapWhileReadingGivesOneLineNamingTheInputAndExitOne() throws Exception {
    Path events = dir.resolve("events.csv");
    try (Writer w = Files.newBufferedWriter(events, StandardCharsets.UTF_8)) {
      w.write("timestamp,source,type,entity,message\n");
      for (int i = 0; i < 300_000; i++) {
        w.write("2024-01-01T00:00:00." + String.format("%03d", i % 1000) + "Z,src" + (i % 97) + ",type" + (i % 13)
            + ",entity-" + i + ",message " + i + "\n");
      }
    }
    // whatif reads the bundle without compiling rules, so the heap runs out while reading
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx40m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "whatif", dir.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(1, p.exitValue(), err);
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("hindsight: ran out of memory (Java heap, "), err);
    assertTrue(err.contains(" while reading " + dir + "/events.csv:"), err);
    assertTrue(err.contains("HINDSIGHT_JAVA_OPTS=-Xmx"), err);
    assertNoJvmText(err);
  }

  @Test
  void aStackOverflowInAWorkerThreadIsOneLineToo() {
    StringWriter out = new StringWriter();
    int code = Main.handle(new ExecutionException(new StackOverflowError()), new PrintWriter(out));
    assertEquals(ExitCode.INTERNAL, code);
    String err = out.toString();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("hindsight: ran out of stack (input nested or chained too deep) while "), err);
    assertTrue(err.contains("HINDSIGHT_JAVA_OPTS=-Xss"), err);
    assertNoJvmText(err);
  }

  @Test
  void otherInternalErrorsNameTheClassNotItsPackage() {
    StringWriter out = new StringWriter();
    int code = Main.handle(new IllegalStateException("broken invariant"), new PrintWriter(out));
    assertEquals(ExitCode.INTERNAL, code);
    assertTrue(out.toString().startsWith("hindsight: internal error: IllegalStateException: broken invariant while "), out.toString());
    assertNoJvmText(out.toString());
  }

  static void assertNoJvmText(String err) {
    assertFalse(err.contains("java.lang"), err);
    assertFalse(err.contains("Exception in thread"), err);
    assertFalse(err.contains("\tat "), err);
    assertFalse(err.contains("OutOfMemoryError") || err.contains("StackOverflowError"), err);
  }
}
