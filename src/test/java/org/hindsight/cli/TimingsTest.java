package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -Dhindsight.timings=true}: each phase on stderr with its time and thread, and the report unchanged. */
class TimingsTest {
  private static final Pattern LINE = Pattern.compile("hindsight: timing (\\d+) ms \\[([^\\]]+)\\] (.+)");

  @TempDir Path dir;

  @Test
  void phasesArePrintedInOrderOnStderrAndTheReportIsTheSame() throws Exception {
    Path sample = Path.of("sample-logs/cert-expiry-example");
    Path timed = dir.resolve("timed.json");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dhindsight.timings=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "analyze", sample.toString(), "-f", "json", "-o", timed.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);

    List<String> mainPhases = new ArrayList<>();
    long last = -1;
    for (String line : err.lines().toList()) {
      Matcher m = LINE.matcher(line);
      assertTrue(m.matches(), "not a timing line: " + line);
      if (!m.group(2).equals("main")) continue;
      long ms = Long.parseLong(m.group(1));
      assertTrue(ms >= last, "time went back at " + line);
      last = ms;
      mainPhases.add(m.group(3));
    }
    List<String> expected = List.of("starting", "waiting for the rules", "running the rules",
        "validating hypotheses by replay", "writing the report", "exiting");
    int at = -1;
    for (String phase : expected) {
      int i = mainPhases.indexOf(phase);
      assertTrue(i > at, phase + " missing or out of order in " + mainPhases);
      at = i;
    }
    assertTrue(err.contains("] rule base: built"), err);

    // without the switch (this JVM): the same report, byte for byte
    Path plain = dir.resolve("plain.json");
    assertEquals(0, Main.run("analyze", sample.toString(), "-f", "json", "-o", plain.toString()));
    assertEquals(Files.readString(plain), Files.readString(timed));
  }
}
