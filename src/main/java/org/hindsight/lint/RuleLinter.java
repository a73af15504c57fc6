package org.hindsight.lint;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.engine.RuleBase;
import org.hindsight.engine.RuleCompiler;
import org.hindsight.engine.RuleException;
import org.hindsight.engine.RuleInfo;
import org.hindsight.engine.RuleProblem;
import org.hindsight.facts.TimedFact;
import org.hindsight.lint.LintProblem.Level;
import org.hindsight.ruletest.ExpectationException;
import org.hindsight.ruletest.ExpectationParser;
import org.hindsight.ruletest.FixtureRunner;
import org.hindsight.ruletest.FixtureSpec;

/**
 * {@code rules check}: compiles rule folders and lints what the compiler does not look at —
 * metadata (PMD-style: id, title, severity, references, priority, notes short enough for reports
 * with the story on the rule's page), duplicate ids, event patterns that rely on expiry, and rule
 * folders without positive and negative fixtures.
 */
public final class RuleLinter {
  public static final Set<String> SEVERITIES = Set.of("info", "warning", "error", "critical");
  /**
   * Longest {@code @notes}: a summary reports can show; the incident's story, how to spot and
   * prevent it belong on the rule's page ({@code <id>.md} beside the DRL, Error Prone style).
   */
  public static final int MAX_NOTES = 300;
  private static final Pattern TEMPORAL = Pattern.compile(
      "\\b(after|before|coincides|during|finishes|finishedby|includes|meets|metby|overlaps|overlappedby|starts|startedby)\\b\\s*(\\[|\\$|this\\b)");

  private final Analyzer analyzer;

  public RuleLinter(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** What the check found, and how much it looked at. */
  public record Report(List<LintProblem> problems, int files, int rules) {
    public long errors() {
      return problems.stream().filter(p -> p.level() == Level.ERROR).count();
    }

    public long warnings() {
      return problems.size() - errors();
    }
  }

  public Report check(List<Path> roots) {
    List<LintProblem> out = new ArrayList<>();
    List<Path> files;
    try {
      files = RuleCompiler.drlFiles(roots);
    } catch (RuleException e) {
      for (RuleProblem p : e.problems()) out.add(new LintProblem(Level.ERROR, p.file(), p.line(), p.message()));
      return new Report(sorted(out), 0, 0);
    }
    if (files.isEmpty()) {
      for (Path r : roots) out.add(new LintProblem(Level.ERROR, display(r), 0, "no .drl files"));
      return new Report(sorted(out), 0, 0);
    }
    AnalysisOptions.Builder options = AnalysisOptions.builder();
    roots.forEach(options::rules);
    try {
      RuleBase base = analyzer.compileRules(options.build());
      for (RuleProblem w : base.warnings()) out.add(new LintProblem(Level.WARNING, w.file(), w.line(), w.message()));
    } catch (RuleException e) {
      for (RuleProblem p : e.problems()) out.add(new LintProblem(Level.ERROR, p.file(), p.line(), p.message()));
    }
    Set<String> eventTypeNames = eventTypeNames();
    Map<String, String> idsSeen = new LinkedHashMap<>();
    int rules = 0;
    for (Path f : files) {
      String text;
      try {
        text = Files.readString(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        continue; // the compiler reported it
      }
      PackageDescr pkg = parse(text);
      if (pkg == null) continue; // syntax errors: the compiler reported them
      String file = display(f);
      String[] lines = text.split("\n", -1);
      for (RuleDescr r : pkg.getRules()) {
        if (r.isQuery()) continue; // queries are helpers of rules, not detectors: no metadata needed
        rules++;
        checkMetadata(file, lines, r, idsSeen, out);
        checkEventBounds(file, text, r, eventTypeNames, out);
      }
    }
    checkFixtures(files, out);
    return new Report(sorted(out), files.size(), rules);
  }

  private static PackageDescr parse(String text) {
    DrlParser parser = new DrlParser();
    try {
      PackageDescr pkg = parser.parse(false, text);
      return parser.hasErrors() || pkg == null ? null : pkg;
    } catch (DroolsParserException | RuntimeException e) {
      return null;
    }
  }

  private void checkMetadata(String file, String[] lines, RuleDescr r, Map<String, String> idsSeen, List<LintProblem> out) {
    int ruleLine = r.getLine();
    String name = "rule \"" + r.getName() + "\"";
    Map<String, String> meta = new TreeMap<>();
    for (String key : r.getAnnotationNames()) {
      AnnotationDescr a = r.getAnnotation(key);
      meta.put(key, a.getSingleValueAsString() == null ? "" : a.getSingleValueAsString());
    }
    List<String> missing = RuleInfo.REQUIRED_METADATA.stream().filter(k -> values(meta.get(k)).isEmpty()).map(k -> "@" + k).toList();
    if (!missing.isEmpty() && concludes(r)) {
      out.add(new LintProblem(Level.ERROR, file, ruleLine, name + " lacks " + String.join(", ", missing)
          + " (required metadata: " + String.join(", ", RuleInfo.REQUIRED_METADATA.stream().map(k -> "@" + k).toList()) + ")"));
    }
    List<String> severity = values(meta.get("severity"));
    if (!severity.isEmpty() && !(severity.size() == 1 && SEVERITIES.contains(severity.get(0)))) {
      out.add(new LintProblem(Level.ERROR, file, lineOf(lines, ruleLine, "@severity"), name + ": @severity '"
          + String.join(", ", severity) + "' is not one of info, warning, error, critical"));
    }
    for (String ref : values(meta.get("references"))) {
      if (!httpUrl(ref)) {
        out.add(new LintProblem(Level.ERROR, file, lineOf(lines, ruleLine, "@references"), name + ": @references '" + ref
            + "' is not an http(s) URL"));
      }
    }
    String notes = unquoted(meta.get("notes"));
    List<String> id = values(meta.get("id"));
    if (notes.length() > MAX_NOTES) {
      String page = id.size() == 1 ? org.hindsight.report.RulePages.pathOf(file, id.get(0)).toString().replace('\\', '/')
          : "<id>.md beside the rule";
      boolean exists = id.size() == 1 && Files.isRegularFile(Path.of(page));
      out.add(new LintProblem(Level.WARNING, file, lineOf(lines, ruleLine, "@notes"), name + ": @notes is " + notes.length()
          + " characters; keep it a summary of at most " + MAX_NOTES + " and " + (exists ? "let the rule's page " + page
              + " tell the story" : "move the story to the rule's page " + page) + " (reports cite the page)"));
    }
    List<String> priority = values(meta.get("priority"));
    if (!priority.isEmpty() && !(priority.size() == 1 && RuleInfo.PRIORITIES.contains(priority.get(0)))) {
      out.add(new LintProblem(Level.ERROR, file, lineOf(lines, ruleLine, "@priority"), name + ": @priority '"
          + String.join(", ", priority) + "' is not one of P0, P1, P2, P3"));
    }
    if (id.size() == 1) {
      String where = file + ":" + ruleLine;
      String prior = idsSeen.putIfAbsent(id.get(0), where + " (" + name + ")");
      if (prior != null) {
        out.add(new LintProblem(Level.ERROR, file, lineOf(lines, ruleLine, "@id"), name + ": @id \"" + id.get(0)
            + "\" is already used at " + prior));
      }
    }
  }

  /**
   * Detectors (rules that insert a Hypothesis or Finding) carry the full metadata, since it flows
   * into reports; helper rules that only derive intermediate facts need none.
   */
  private static boolean concludes(RuleDescr r) {
    Object rhs = r.getConsequence();
    String text = rhs == null ? "" : rhs.toString();
    return text.contains("Hypothesis") || text.contains("Finding");
  }

  /** One quoted metadata value as text ("" when absent). */
  private static String unquoted(String raw) {
    if (raw == null) return "";
    String t = raw.trim();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }

  /** Metadata values as the engine reads them: {@code "a", "b"} is two values, a bare word one. */
  static List<String> values(String raw) {
    if (raw == null || raw.isBlank()) return List.of();
    return new RuleInfo("", "", "", 0, Map.of("references", raw)).references();
  }

  static boolean httpUrl(String s) {
    try {
      URI u = new URI(s);
      return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
          && u.getHost() != null && !u.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The line of {@code token} in the rule's header (from its {@code rule} line up to {@code when}), else the rule line. */
  private static int lineOf(String[] lines, int ruleLine, String token) {
    for (int i = Math.max(0, ruleLine - 1); i < lines.length; i++) {
      if (lines[i].contains(token)) return i + 1;
      if (lines[i].trim().startsWith("when")) break;
    }
    return ruleLine;
  }

  private Set<String> eventTypeNames() {
    Set<String> names = new java.util.HashSet<>();
    for (Class<? extends TimedFact> c : analyzer.eventTypes()) {
      names.add(c.getSimpleName());
      names.add(c.getName());
    }
    return names;
  }

  /**
   * An event pattern is bounded when it has a window, uses a temporal operator, or another pattern
   * of the rule relates to it with one. Unbounded ones keep their events for the whole retention.
   */
  private static void checkEventBounds(String file, String text, RuleDescr r, Set<String> eventTypes, List<LintProblem> out) {
    List<PatternDescr> patterns = new ArrayList<>();
    collect(r.getLhs(), patterns);
    List<String> temporalTexts = new ArrayList<>();
    for (PatternDescr p : patterns) temporalTexts.add(slice(text, p));
    for (PatternDescr p : patterns) {
      if (!eventTypes.contains(p.getObjectType())) continue;
      if (p.getSource() instanceof FromDescr) continue; // not from working memory
      if (!p.getBehaviors().isEmpty()) continue;
      if (TEMPORAL.matcher(constraintText(text, p)).find()) continue;
      String id = p.getIdentifier();
      if (id != null && temporalTexts.stream().anyMatch(t -> referencesTemporally(t, id))) continue;
      out.add(new LintProblem(Level.WARNING, file, p.getLine(), "rule \"" + r.getName() + "\": event pattern "
          + oneLine(slice(text, p)) + " has no time bound (no temporal operator such as after/before relates it to another "
          + "event, no 'over window:'): its events stay in the session for the whole retention (--retention, 48 h by default)"));
    }
  }

  private static final String OPERATORS =
      "(after|before|coincides|during|finishes|finishedby|includes|meets|metby|overlaps|overlappedby|starts|startedby)";

  /** {@code this after[0s,5m] $id} or {@code $id before $x} in another pattern's text. */
  private static boolean referencesTemporally(String patternText, String id) {
    String quoted = Pattern.quote(id);
    return Pattern.compile("\\b" + OPERATORS + "\\s*(\\[[^\\]]*\\])?\\s*" + quoted + "\\b").matcher(patternText).find()
        || Pattern.compile(quoted + "\\s+(not\\s+)?" + OPERATORS + "\\b").matcher(patternText).find();
  }

  private static void collect(BaseDescr d, List<PatternDescr> out) {
    if (d instanceof PatternDescr p) {
      out.add(p);
      if (p.getSource() instanceof AccumulateDescr a) {
        if (a.getInput() != null) collect(a.getInput(), out);
      }
    } else if (d instanceof ConditionalElementDescr ce) {
      for (Object c : ce.getDescrs()) if (c instanceof BaseDescr b) collect(b, out);
    }
  }

  private static String constraintText(String text, PatternDescr p) {
    StringBuilder sb = new StringBuilder();
    for (BaseDescr c : p.getDescrs()) sb.append(c.getText() == null ? c.toString() : c.getText()).append(' ');
    return sb.toString();
  }

  private static String slice(String text, BaseDescr d) {
    int start = d.getStartCharacter();
    int end = d.getEndCharacter();
    if (start < 0 || end <= start || end > text.length()) return d.toString();
    return text.substring(start, end).trim();
  }

  private static String oneLine(String s) {
    String t = s.replaceAll("\\s+", " ");
    return t.length() > 100 ? t.substring(0, 100) + "…" : t;
  }

  /** Every folder holding .drl files needs a positive and a negative fixture below it. */
  private static void checkFixtures(List<Path> files, List<LintProblem> out) {
    Set<Path> ruleFolders = new java.util.TreeSet<>();
    for (Path f : files) if (f.getParent() != null) ruleFolders.add(f.getParent());
    for (Path folder : ruleFolders) {
      boolean positive = false;
      boolean negative = false;
      List<Path> fixtures;
      try {
        fixtures = FixtureRunner.fixtures(folder);
      } catch (IOException e) {
        fixtures = List.of();
      }
      for (Path fx : fixtures) {
        try {
          FixtureSpec spec = ExpectationParser.parse(fx.resolve(FixtureRunner.EXPECT_FILE));
          positive |= spec.positive();
          negative |= spec.negative();
        } catch (ExpectationException e) {
          out.add(new LintProblem(Level.ERROR, e.file(), e.line(), e.problem()));
        }
      }
      String where = display(folder);
      if (!positive) {
        out.add(new LintProblem(Level.WARNING, where, 0, "no positive fixture: add fixtures/<case>/ with CSV files and an "
            + "expect.json listing hypotheses under \"expect\""));
      }
      if (!negative) {
        out.add(new LintProblem(Level.WARNING, where, 0, "no negative fixture: add fixtures/<case>/ with CSV files and an "
            + "expect.json with \"forbid\" or \"none\": true (a near miss that must stay silent)"));
      }
    }
  }

  private static List<LintProblem> sorted(List<LintProblem> problems) {
    return problems.stream().distinct().sorted().toList();
  }

  static String display(Path p) {
    return p.normalize().toString().replace('\\', '/');
  }
}
