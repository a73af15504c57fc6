package org.hindsight.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.hindsight.engine.RuleCompiler;
import org.hindsight.engine.RuleException;

/**
 * Build step ({@code mvn package} runs it after compiling): pre-compiles the built-in rules
 * folder into the jar so that a run need not compile them. It never fails the build: rules that
 * do not compile are left out (a run compiles them and reports their errors as usual).
 */
public final class BuiltInRulesPrecompiler {
  private BuiltInRulesPrecompiler() {}

  /** Arguments: the rules folder, the file to write. */
  public static void main(String[] args) throws Exception {
    Path rules = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Files.deleteIfExists(out); // never leave a copy of older rules behind
    if (!Files.isDirectory(rules)) {
      System.err.println("hindsight build: no " + rules + "; no rules pre-compiled");
      return;
    }
    long start = System.nanoTime();
    try {
      new RuleCompiler(new Analyzer().eventTypes(), Duration.ofHours(48)).precompile(rules, out);
      System.err.printf("hindsight build: pre-compiled %s in %.1f s (%,d bytes)%n", rules, (System.nanoTime() - start) / 1e9,
          Files.size(out));
    } catch (RuleException e) {
      Files.deleteIfExists(out);
      System.err.println("hindsight build: " + rules + " not pre-compiled, a run compiles it: " + e.problems().get(0));
    } catch (Exception | LinkageError e) {
      Files.deleteIfExists(out);
      System.err.println("hindsight build: " + rules + " not pre-compiled, a run compiles it: " + e);
    }
    System.exit(0); // Drools may leave non-daemon threads behind
  }
}
