package org.hindsight.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLinterTest {
  private static final String HEADER = "package lint.test;\nimport org.hindsight.facts.*;\n\n";

  private static List<String> messages(RuleLinter.Report r) {
    return r.problems().stream().map(LintProblem::toString).toList();
  }

  @Test
  void metadataProblemsAreNamedAtTheirLines(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("meta"));
    Files.writeString(dir.resolve("a.drl"), HEADER + """
        rule "no metadata"
        when
          $e : Event( type == "a.b" )
          Event( type == "c.d", this after[0s, 5m] $e )
        then
          insert(Hypothesis.builder("test", $e.entity()).cause($e).build());
        end

        rule "bad values"
          @id("X-1") @title("Bad values")
          @severity("major")
          @references("ftp://example.org/x", "https://example.org/ok", "see the wiki")
        when
          Event( type == "x" ) over window:time(10m)
        then
        end
        """);
    Files.writeString(dir.resolve("b.drl"), HEADER + """
        rule "same id elsewhere"
          @id("X-1") @title("Again") @severity("info") @references("https://example.org/again")
        when
          InventoryItem( type == "router" )
        then
        end
        """);
    String d = dir.toString().replace('\\', '/');
    RuleLinter.Report r = new RuleLinter(new Analyzer()).check(List.of(dir));
    assertEquals(List.of(
        d + ": warning: no negative fixture: add fixtures/<case>/ with CSV files and an expect.json with \"forbid\" or \"none\": true (a near miss that must stay silent)",
        d + ": warning: no positive fixture: add fixtures/<case>/ with CSV files and an expect.json listing hypotheses under \"expect\"",
        d + "/a.drl:4: error: rule \"no metadata\" lacks @id, @title, @severity, @references (required metadata: @id, @title, @severity, @references)",
        d + "/a.drl:14: error: rule \"bad values\": @severity 'major' is not one of info, warning, error, critical",
        d + "/a.drl:15: error: rule \"bad values\": @references 'ftp://example.org/x' is not an http(s) URL",
        d + "/a.drl:15: error: rule \"bad values\": @references 'see the wiki' is not an http(s) URL",
        d + "/b.drl:5: error: rule \"same id elsewhere\": @id \"X-1\" is already used at " + d + "/a.drl:12 (rule \"bad values\")"),
        messages(r));
    assertEquals(3, r.rules());
    assertEquals(2, r.files());
  }

  @Test
  void helperRulesThatConcludeNothingNeedNoMetadata(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("helper"));
    Files.writeString(dir.resolve("h.drl"), HEADER + """
        declare Marker name : String end

        rule "mark routers"
        when
          InventoryItem( type == "router", $n : entity )
        then
          insert(new Marker($n));
        end
        """);
    RuleLinter.Report r = new RuleLinter(new Analyzer()).check(List.of(dir));
    assertTrue(messages(r).stream().noneMatch(m -> m.contains("lacks")), messages(r).toString());
    assertEquals(1, r.rules());
  }

  @Test
  void eventPatternsWithoutATimeBoundAreWarnedStructureIsNot(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("t.drl"), HEADER + """
        rule "unbounded"
          @id("T-1") @title("t") @severity("info") @references("https://example.org/t")
        when
          $item : InventoryItem( )
          $a : Event( type == "a", entity == $item.entity() )
          $b : Event( type == "b" )
          Event( type == "c", this after[0s, 1m] $a )
          not Event( type == "d" )
        then
        end
        """);
    RuleLinter.Report r = new RuleLinter(new Analyzer()).check(List.of(tmp));
    List<String> warned = messages(r).stream().filter(m -> m.contains("has no time bound")).toList();
    assertEquals(2, warned.size(), warned.toString());
    assertTrue(warned.get(0).contains("t.drl:9: warning: rule \"unbounded\": event pattern $b : Event( type == \"b\" ) has no time bound"), warned.get(0));
    assertTrue(warned.get(1).contains("t.drl:11: warning: rule \"unbounded\": event pattern Event( type == \"d\" )"), warned.get(1));
  }

  @Test
  void compileErrorsAreCleanWithDidYouMean(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("e.drl"), HEADER + """
        rule "typos"
          @id("E-1") @title("t") @severity("info") @references("https://example.org/t")
        when
          InventoryItem( sit == "dc-1" )
          Evnt( type == "x" )
        then
        end
        """);
    List<String> errors = messages(new RuleLinter(new Analyzer()).check(List.of(tmp))).stream()
        .filter(m -> m.contains(": error: ")).toList();
    String d = tmp.toString().replace('\\', '/');
    assertTrue(errors.contains(d + "/e.drl:7: error: InventoryItem has no field 'sit' (in: sit == \"dc-1\"); did you mean 'site'? "
        + "Fields of InventoryItem: entity, type, site, service, role, platform, location, parent, attributes, origin, live"), errors.toString());
    assertTrue(errors.stream().anyMatch(m -> m.startsWith(d + "/e.drl:8: error: unknown fact type 'Evnt'; did you mean 'Event'? Fact types: ")),
        errors.toString());
  }

  @Test
  void shippedRulesHaveNoErrorsAndEveryFolderHasPositiveAndNegativeFixtures() {
    RuleLinter.Report r = new RuleLinter(new Analyzer()).check(List.of(AnalysisOptions.builtInRules()));
    List<String> bad = r.problems().stream()
        .filter(p -> p.level() == LintProblem.Level.ERROR || p.message().contains("fixture")).map(LintProblem::toString).toList();
    assertEquals(List.of(), bad);
    assertTrue(r.rules() > 0);
  }
}
