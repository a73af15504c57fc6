package org.hindsight.ruletest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.analysis.Analyzer;
import org.hindsight.lint.LintProblem;
import org.hindsight.lint.RuleLinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tutorial must work exactly as written: its code blocks marked {@code file=PATH} are written to
 * an empty folder, linted and run as fixtures; and each is the file the repository ships.
 */
class TutorialTest {
  private static final Pattern BLOCK = Pattern.compile("(?ms)^```\\w+ file=(\\S+)\\n(.*?)^```$");

  static Map<String, String> blocks() throws Exception {
    Path home = Path.of(System.getProperty("hindsight.home", "."));
    String md = Files.readString(home.resolve("docs/tutorial-custom-rule.md"), StandardCharsets.UTF_8);
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = BLOCK.matcher(md);
    while (m.find()) out.put(m.group(1), m.group(2));
    return out;
  }

  @Test
  void everyFileOfTheTutorialIsTheShippedOne() throws Exception {
    Path home = Path.of(System.getProperty("hindsight.home", "."));
    Map<String, String> blocks = blocks();
    assertTrue(blocks.keySet().stream().anyMatch(p -> p.endsWith(".drl")), "the tutorial has no DRL block");
    for (Map.Entry<String, String> b : blocks.entrySet()) {
      assertEquals(Files.readString(home.resolve(b.getKey()), StandardCharsets.UTF_8), b.getValue(),
          b.getKey() + " in docs/tutorial-custom-rule.md differs from the shipped file");
    }
  }

  @Test
  void theTutorialsRuleAndFixturesCheckAndPassOnTheirOwn(@TempDir Path tmp) throws Exception {
    for (Map.Entry<String, String> b : blocks().entrySet()) {
      Path f = tmp.resolve(b.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, b.getValue(), StandardCharsets.UTF_8);
    }
    Path ruleDir = tmp.resolve("rules/certificate-expiry");
    RuleLinter.Report lint = new RuleLinter(new Analyzer()).check(List.of(ruleDir));
    assertEquals(List.of(), lint.problems().stream().map(LintProblem::toString).toList());

    List<FixtureResult> results = new ArrayList<>();
    FixtureRunner.RootRun run = new FixtureRunner(new Analyzer()).runRoot(ruleDir, results::add);
    assertEquals(List.of(), run.compileErrors());
    assertEquals(3, results.size());
    for (FixtureResult r : results) assertTrue(r.passed(), r.render());
  }
}
