package org.hindsight.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.ingest.LogKind;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in pack's drills, every template: the same file kinds whatever the pattern (so the
 * file set gives nothing away), and no name from {@code sample-logs/}.
 */
class PackDrillsTest {
  static Generators generators;
  static DrillMaker maker;
  @TempDir Path tmp;

  @BeforeAll
  static void setUp() throws Exception {
    generators = DrillEnvironment.standard().generators();
    Path rules = TestAnalysis.home().resolve("rules");
    Analyzer analyzer = new Analyzer();
    maker = new DrillMaker(generators.patterns(), List.of(rules), analyzer,
        analyzer.compileRules(AnalysisOptions.builder().rules(rules).build()));
  }

  /** Name-like identifiers of the sample incidents (with a digit, hyphen or underscore). */
  static Set<String> sampleNames() throws Exception {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> s = Files.walk(TestAnalysis.home().resolve("sample-logs"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".csv")).toList()) {
        DrillCsv t = DrillCsv.read(f);
        for (DrillCsv.Row r : t.rows) {
          for (String col : Template.NAME_COLUMNS) {
            String v = t.get(r, col).toLowerCase(Locale.ROOT);
            if (v.length() >= 4 && v.matches(".*[-_0-9].*") && !v.matches("[0-9.:-]+")) names.add(v);
          }
        }
      }
    }
    return names;
  }

  @Test
  void everyDrillHoldsTheSameFileKindsAndNoSampleName() throws Exception {
    assumeTrue(!generators.isEmpty(), "no generator registered");
    List<String> kinds = Arrays.stream(LogKind.values()).map(k -> k.fileName() + ".csv").sorted().toList();
    Set<String> samples = sampleNames();
    assertTrue(samples.size() > 50, "sample names found: " + samples.size());
    List<String> problems = new ArrayList<>();
    int made = 0;
    for (IncidentGenerator g : generators.all()) {
      for (int seed = 0; seed < 12; seed++) {
        Path dir = tmp.resolve(g.pattern() + "-" + seed);
        boolean nearMiss = seed % 3 == 0;
        maker.make(g, Difficulty.values()[seed % 3], seed, nearMiss, dir);
        made++;
        try (Stream<Path> s = Files.list(dir)) {
          List<String> files = s.map(p -> p.getFileName().toString()).sorted().toList();
          if (!files.equals(kinds)) problems.add(dir.getFileName() + ": files " + files);
        }
        for (String kind : kinds) {
          // Whole tokens only: a name inside a longer name is another name.
          for (String token : Files.readString(dir.resolve(kind)).toLowerCase(Locale.ROOT).split("[^\\w.-]+")) {
            if (samples.contains(token.replaceAll("\\.+$", ""))) problems.add(dir.getFileName() + "/" + kind + ": sample name " + token);
          }
        }
      }
    }
    assertEquals(12 * generators.all().size(), made);
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }
}
