package org.hindsight.ruletest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.engine.RuleProblem;
import org.hindsight.report.Html;
import org.hindsight.report.JsonReport;
import org.hindsight.report.SarifReport;

/**
 * {@code rules test} results in the formats CI systems read: JUnit XML (one {@code testsuite} per
 * rule folder, one {@code testcase} per fixture) and SARIF 2.1.0 (one result per fixture, failed
 * ones located at the {@code expect.json} entry, input row or DRL line that broke).
 */
public final class FixtureReports {
  /** SARIF rule ids: what kind of thing broke. */
  static final String EXPECTATION = "fixture-expectation";
  static final String INPUT = "fixture-input";
  static final String RULE_ERROR = "rule-error";
  static final String ERROR = "fixture-error";

  private static final Pattern EXPECT_LINE = Pattern.compile("\\(expect\\.json:(\\d+)\\)");
  private static final Pattern PREFIXED_LOCATION = Pattern.compile("^(?:input: |rule error: )?([^\\s:]+):(\\d+): ");

  private FixtureReports() {}

  // ---- JUnit XML ---------------------------------------------------------------------------------

  public static String junit(List<FixtureRunner.RootRun> runs) {
    long tests = 0;
    long failures = 0;
    long errors = 0;
    for (FixtureRunner.RootRun r : runs) {
      tests += r.results().size() + (r.compileErrors().isEmpty() ? 0 : 1);
      failures += r.failed();
      errors += r.compileErrors().isEmpty() ? 0 : 1;
    }
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuites name=\"hindsight rules test\" tests=\"").append(tests).append("\" failures=\"").append(failures)
        .append("\" errors=\"").append(errors).append("\">\n");
    for (FixtureRunner.RootRun r : runs) {
      String suite = display(r.root());
      boolean compileFailed = !r.compileErrors().isEmpty();
      b.append("  <testsuite name=\"").append(xml(suite)).append("\" tests=\"").append(r.results().size() + (compileFailed ? 1 : 0))
          .append("\" failures=\"").append(r.failed()).append("\" errors=\"").append(compileFailed ? 1 : 0).append("\">\n");
      if (compileFailed) {
        StringBuilder text = new StringBuilder();
        for (RuleProblem p : r.compileErrors()) text.append(p).append('\n');
        b.append("    <testcase classname=\"").append(xml(suite.replace('/', '.'))).append("\" name=\"compile\">\n")
            .append("      <error message=\"").append(xml(r.compileErrors().size() + " rule problem(s)"))
            .append("\" type=\"rule-error\">").append(xml(text.toString())).append("</error>\n    </testcase>\n");
      }
      for (FixtureResult f : r.results()) {
        b.append("    <testcase classname=\"").append(xml(className(f.fixture()))).append("\" name=\"").append(xml(caseName(f)))
            .append("\" file=\"").append(xml(f.fixture() + "/" + FixtureRunner.EXPECT_FILE)).append('"');
        if (f.passed()) {
          b.append("/>\n");
          continue;
        }
        String detail = f.render();
        b.append(">\n      <failure message=\"").append(xml(firstLine(f.failures().get(0)))).append("\" type=\"")
            .append(ruleId(f.failures().get(0))).append("\">").append(xml(detail)).append("</failure>\n    </testcase>\n");
      }
      b.append("  </testsuite>\n");
    }
    b.append("</testsuites>\n");
    return b.toString();
  }

  /** JUnit tools group by class: the rule folder a fixture belongs to, dotted ({@code rules.missing-exit}). */
  private static String className(String path) {
    String folder = path.contains("/fixtures/") ? path.substring(0, path.lastIndexOf("/fixtures/"))
        : path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : path;
    return folder.replace('/', '.');
  }

  /** The fixture's folder name (its case). */
  private static String caseName(FixtureResult f) {
    return f.fixture().substring(f.fixture().lastIndexOf('/') + 1);
  }

  /** Text for XML attributes and content: HTML's escaping is valid XML 1.0 too. */
  static String xml(String s) {
    return Html.esc(s);
  }

  // ---- SARIF -------------------------------------------------------------------------------------

  public static String sarif(List<FixtureRunner.RootRun> runs) {
    var mapper = JsonReport.mapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "Hindsight rules test");
    driver.put("version", "0.1.0");
    ArrayNode rules = driver.putArray("rules");
    List<String[]> kinds = List.of(
        new String[] {EXPECTATION, "A fixture's expect.json was not met: a hypothesis or finding missing, or one that must not appear"},
        new String[] {INPUT, "A fixture's CSV files could not be read"},
        new String[] {RULE_ERROR, "The rules do not compile or failed while running"},
        new String[] {ERROR, "The fixture could not be run"});
    for (String[] k : kinds) {
      ObjectNode r = rules.addObject();
      r.put("id", k[0]);
      r.putObject("shortDescription").put("text", k[1]);
      r.putObject("defaultConfiguration").put("level", "error");
    }
    ArrayNode results = run.putArray("results");
    for (FixtureRunner.RootRun r : runs) {
      for (RuleProblem p : r.compileErrors()) {
        ObjectNode res = results.addObject();
        res.put("ruleId", RULE_ERROR);
        res.put("ruleIndex", 2);
        res.put("kind", "fail");
        res.put("level", "error");
        res.putObject("message").put("text", p.message());
        res.putArray("locations").add(location(p.file(), p.line()));
      }
      for (FixtureResult f : r.results()) {
        String expect = f.fixture() + "/" + FixtureRunner.EXPECT_FILE;
        if (f.passed()) {
          ObjectNode res = results.addObject();
          res.put("ruleId", EXPECTATION);
          res.put("ruleIndex", 0);
          res.put("kind", "pass");
          res.put("level", "none");
          res.putObject("message").put("text", "PASS " + f.fixture());
          res.putArray("locations").add(location(expect, 1));
          continue;
        }
        for (String failure : f.failures()) {
          String id = ruleId(failure);
          ObjectNode res = results.addObject();
          res.put("ruleId", id);
          res.put("ruleIndex", kinds.stream().map(k -> k[0]).toList().indexOf(id));
          res.put("kind", "fail");
          res.put("level", "error");
          res.putObject("message").put("text", f.fixture() + ": " + failure);
          Matcher prefixed = PREFIXED_LOCATION.matcher(failure);
          Matcher expectLine = EXPECT_LINE.matcher(failure);
          if (prefixed.find()) res.putArray("locations").add(location(prefixed.group(1), Integer.parseInt(prefixed.group(2))));
          else res.putArray("locations").add(location(expect, expectLine.find() ? Integer.parseInt(expectLine.group(1)) : 1));
        }
      }
    }
    return JsonReport.write(root);
  }

  private static ObjectNode location(String file, int line) {
    ObjectNode loc = JsonReport.mapper().createObjectNode();
    ObjectNode phys = loc.putObject("physicalLocation");
    phys.putObject("artifactLocation").put("uri", SarifReport.uri(file));
    if (line > 0) phys.putObject("region").put("startLine", line);
    return loc;
  }

  static String ruleId(String failure) {
    if (failure.startsWith("missing:") || failure.startsWith("unexpected:")) return EXPECTATION;
    if (failure.startsWith("input:")) return INPUT;
    if (failure.startsWith("rule error:")) return RULE_ERROR;
    return ERROR;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String display(Path p) {
    return p.normalize().toString().replace('\\', '/');
  }
}
