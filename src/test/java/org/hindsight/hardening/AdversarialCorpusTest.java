package org.hindsight.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hindsight.testing.CliRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every adversarial bundle through the real command line: the exit code, the {@code file:line}
 * message, no exception or JVM text, and a time bound per case (issue 19).
 */
class AdversarialCorpusTest {
  @TempDir static Path root;

  @TestFactory
  Stream<DynamicTest> everyAdversarialBundleGetsAClearAnswerInTime() {
    return AdversarialBundles.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Path in = Files.createDirectories(root.resolve(c.name()));
      Path tmp = Files.createDirectories(root.resolve(c.name() + ".tmp"));
      Assumptions.assumeTrue(c.setup().write(in, tmp), "cannot make this bundle on this machine");
      String[] args = c.args().stream().map(a -> a.replace("@IN", in.toString()).replace("@TMP", tmp.toString()))
          .toArray(String[]::new);
      long t0 = System.nanoTime();
      CliRun r = CliRun.of(args);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertEquals(c.exit(), r.code(), c.name() + ": " + r.err());
      assertTrue(Pattern.compile(c.errMatches(), Pattern.MULTILINE).matcher(r.err()).find(),
          c.name() + ": expected /" + c.errMatches() + "/ in: " + r.err());
      if (c.outContains() != null) assertTrue(r.out().contains(c.outContains()), c.name() + ": " + head(r.out()));
      for (String jvm : List.of("Exception", "\tat ", "java.lang.", "Error:")) {
        assertFalse(r.err().contains(jvm), c.name() + ": JVM text '" + jvm + "' in " + r.err());
      }
      assertTrue(took.toSeconds() < c.seconds(), c.name() + " took " + took.toMillis() + " ms (bound " + c.seconds() + " s)");
    }));
  }

  private static String head(String s) {
    return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
  }
}
