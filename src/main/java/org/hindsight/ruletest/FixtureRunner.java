package org.hindsight.ruletest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.analysis.Assessment;
import org.hindsight.engine.Detection;
import org.hindsight.engine.RuleBase;
import org.hindsight.engine.RuleException;
import org.hindsight.engine.RuleInfo;
import org.hindsight.engine.RuleProblem;
import org.hindsight.facts.Finding;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.SourceRef;
import org.hindsight.ingest.Bundle;
import org.hindsight.ingest.InputException;
import org.hindsight.ingest.InputProblem;

/**
 * Runs rule fixtures: every folder holding an {@code expect.json} is an incident in miniature; it is
 * analysed with the rules of its root and the result compared with the expectations. A failure
 * says precisely which expectation broke, the hypothesis that came closest (field by field), what
 * appeared that must not, and which rules fired.
 */
public final class FixtureRunner {
  public static final String EXPECT_FILE = "expect.json";

  private final Analyzer analyzer;

  public FixtureRunner(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** The rules of one root and the results of its fixtures; {@code compileErrors} non-empty when its rules do not compile. */
  public record RootRun(Path root, List<RuleProblem> compileErrors, List<FixtureResult> results) {
    public long passed() {
      return results.stream().filter(FixtureResult::passed).count();
    }

    public long failed() {
      return results.size() - passed();
    }
  }

  /** Every folder at or below {@code root} that holds an {@code expect.json}, sorted. */
  public static List<Path> fixtures(Path root) throws IOException {
    if (!Files.isDirectory(root)) return List.of();
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName() != null && p.getFileName().toString().equals(EXPECT_FILE) && Files.isRegularFile(p))
          .map(Path::getParent).sorted().toList();
    }
  }

  /** Hears about a root's run as it goes, so a long run can print as it proceeds. */
  @FunctionalInterface
  public interface Listener {
    default void compileFailed(List<RuleProblem> problems) {}

    void fixtureDone(FixtureResult result);
  }

  /** Compiles the rules below {@code root} once, then runs each of its fixtures against them. */
  public RootRun runRoot(Path root, Listener listener) throws IOException {
    Consumer<FixtureResult> each = listener::fixtureDone;
    List<Path> fixtures = fixtures(root);
    RuleBase rules;
    try {
      rules = analyzer.compileRules(AnalysisOptions.builder().rules(root).build());
    } catch (RuleException e) {
      listener.compileFailed(e.problems());
      List<FixtureResult> results = new ArrayList<>();
      for (Path f : fixtures) {
        FixtureResult r = new FixtureResult(display(f),
            List.of("not run: the rules below " + display(root) + " do not compile (" + e.problems().size() + " problem(s), listed above)"),
            List.of());
        results.add(r);
        each.accept(r);
      }
      return new RootRun(root, e.problems(), results);
    }
    List<FixtureResult> results = new ArrayList<>();
    for (Path f : fixtures) {
      FixtureResult r = run(f, rules);
      results.add(r);
      each.accept(r);
    }
    return new RootRun(root, List.of(), results);
  }

  /** Runs one fixture folder against compiled rules. Never throws: every problem is a failure. */
  public FixtureResult run(Path fixtureDir, RuleBase rules) {
    String name = display(fixtureDir);
    FixtureSpec spec;
    try {
      spec = ExpectationParser.parse(fixtureDir.resolve(EXPECT_FILE));
    } catch (ExpectationException e) {
      return new FixtureResult(name, List.of(e.getMessage()), List.of());
    }
    Analysis analysis;
    try {
      AnalysisOptions.Builder b = AnalysisOptions.builder().input(fixtureDir.toString());
      if (spec.timezone() != null) b.timezone(ZoneId.of(spec.timezone()));
      AnalysisOptions options = b.build();
      Bundle bundle = analyzer.read(options);
      analysis = analyzer.analyze(bundle, rules, options);
    } catch (InputException e) {
      List<String> lines = new ArrayList<>();
      for (InputProblem p : e.problems()) lines.add("input: " + p);
      return new FixtureResult(name, lines, List.of());
    } catch (RuleException e) {
      List<String> lines = new ArrayList<>();
      for (RuleProblem p : e.problems()) lines.add("rule error: " + p);
      return new FixtureResult(name, lines, List.of());
    } catch (RuntimeException e) {
      return new FixtureResult(name, List.of("internal error while analysing: " + e), List.of());
    }
    return compare(name, fixtureDir, spec, analysis);
  }

  static FixtureResult compare(String name, Path dir, FixtureSpec spec, Analysis analysis) {
    List<String> failures = new ArrayList<>();
    List<Assessment> all = analysis.assessments();
    for (Expectation e : spec.expect()) {
      if (all.stream().anyMatch(a -> mismatches(e, a, dir).isEmpty())) continue;
      StringBuilder sb = new StringBuilder("missing: ").append(e.describe()).append(" matched no hypothesis");
      Assessment closest = null;
      int best = Integer.MAX_VALUE;
      for (Assessment a : all) {
        int n = mismatches(e, a, dir).size();
        if (n < best) {
          best = n;
          closest = a;
        }
      }
      if (closest == null) {
        sb.append("\n  no hypothesis at all");
      } else {
        sb.append("\n  closest: ").append(describe(closest, dir));
        for (String m : mismatches(e, closest, dir)) sb.append("\n    ").append(m);
      }
      failures.add(sb.toString());
    }
    for (Expectation e : spec.forbid()) {
      for (Assessment a : analysis.live()) {
        if (mismatches(e, a, dir).isEmpty()) {
          failures.add("unexpected: " + describe(a, dir) + "\n  matches " + e.describe());
        }
      }
    }
    if (spec.none()) {
      for (Assessment a : analysis.live()) {
        failures.add("unexpected: " + describe(a, dir) + "\n  the fixture says none: true (expect.json:" + spec.noneLine()
            + "): no live hypothesis may appear");
      }
    }
    for (Expectation e : spec.findings()) {
      List<Detection.OfFinding> found = analysis.findings();
      if (found.stream().anyMatch(f -> findingMismatches(e, f.finding()).isEmpty())) continue;
      StringBuilder sb = new StringBuilder("missing: ").append(e.describe()).append(" matched no finding");
      Detection.OfFinding closest = null;
      int best = Integer.MAX_VALUE;
      for (Detection.OfFinding f : found) {
        int n = findingMismatches(e, f.finding()).size();
        if (n < best) {
          best = n;
          closest = f;
        }
      }
      if (closest == null) {
        sb.append("\n  no finding at all");
      } else {
        sb.append("\n  closest: ").append(describe(closest.finding()));
        for (String m : findingMismatches(e, closest.finding())) sb.append("\n    ").append(m);
      }
      failures.add(sb.toString());
    }
    if (failures.isEmpty()) return new FixtureResult(name, List.of(), List.of());
    return new FixtureResult(name, failures, context(analysis, dir));
  }

  /** What the analysis concluded and which rules fired, so a failure can be understood without rerunning. */
  private static List<String> context(Analysis analysis, Path dir) {
    List<String> out = new ArrayList<>();
    if (analysis.assessments().isEmpty()) {
      out.add("hypotheses: none");
    } else {
      StringBuilder sb = new StringBuilder("hypotheses (" + analysis.assessments().size() + "):");
      for (Assessment a : analysis.assessments()) sb.append("\n  ").append(describe(a, dir));
      out.add(sb.toString());
    }
    if (!analysis.findings().isEmpty()) {
      StringBuilder sb = new StringBuilder("findings (" + analysis.findings().size() + "):");
      for (Detection.OfFinding f : analysis.findings()) sb.append("\n  ").append(describe(f.finding()));
      out.add(sb.toString());
    }
    StringBuilder fired = new StringBuilder("rules fired:");
    Map<String, Long> counts = analysis.firings().counts();
    List<String> silent = new ArrayList<>();
    for (RuleInfo r : analysis.rules().rules()) {
      long n = counts.getOrDefault(r.name(), 0L);
      if (n > 0) fired.append("\n  ").append(label(r)).append(" x").append(n).append(" (").append(r.where()).append(')');
      else silent.add(label(r));
    }
    if (counts.isEmpty()) fired.append(" none");
    out.add(fired.toString());
    if (!silent.isEmpty()) {
      out.add("rules that did not fire: " + String.join(", ", silent)
          + "\n  (./hindsight explain " + display(dir) + " --rules DIR --rule ID shows the first condition that failed)");
    }
    return out;
  }

  private static String label(RuleInfo r) {
    return r.id().equals(r.name()) ? "\"" + r.name() + "\"" : r.id() + " \"" + r.name() + "\"";
  }

  /** {@code pattern(subject) verdict confidence, site, cause, trigger [rule]}, refs relative to the fixture. */
  static String describe(Assessment a, Path dir) {
    Hypothesis h = a.hypothesis();
    StringBuilder sb = new StringBuilder(h.pattern()).append('(').append(h.subject()).append(") ")
        .append(a.validation().verdict().word()).append(' ').append(a.confidence());
    if (!h.site().isEmpty()) sb.append(", site ").append(h.site());
    sb.append(", cause ").append(Objects.requireNonNullElse(relative(h.cause(), dir), "none"));
    if (h.trigger() != null) sb.append(", trigger ").append(relative(h.trigger(), dir));
    if (a.rule() != null) sb.append(" [").append(a.rule().id()).append(']');
    return sb.toString();
  }

  private static String describe(Finding f) {
    return f.kind() + " " + f.pattern() + "(" + f.subject() + "): " + f.summary();
  }

  /** One line per field of {@code e} the assessment does not satisfy: {@code subject: expected "r9", found "r1"}. */
  static List<String> mismatches(Expectation e, Assessment a, Path dir) {
    List<String> out = new ArrayList<>();
    Hypothesis h = a.hypothesis();
    for (Map.Entry<String, String> f : e.fields().entrySet()) {
      String want = f.getValue();
      String field = f.getKey();
      String found;
      boolean ok;
      switch (field) {
        case "pattern" -> {
          found = h.pattern();
          ok = found.equals(want);
        }
        case "subject" -> {
          found = h.subject();
          ok = found.equals(want);
        }
        case "site" -> {
          found = h.site().isEmpty() ? null : h.site();
          ok = Objects.equals(want == null || want.isEmpty() ? null : want, found);
        }
        case "verdict" -> {
          found = a.validation().verdict().word();
          ok = want.equals("live") ? a.validation().verdict().live() : found.equals(want);
        }
        case "cause" -> {
          found = relative(h.cause(), dir);
          ok = Objects.equals(want, found);
        }
        case "trigger" -> {
          found = relative(h.trigger(), dir);
          ok = Objects.equals(want, found);
        }
        case "rule" -> {
          found = a.rule() == null ? null : a.rule().id();
          ok = a.rule() != null && (a.rule().id().equals(want) || a.rule().name().equals(want));
        }
        default -> throw new IllegalStateException("unknown field " + field);
      }
      if (!ok) out.add(field + ": expected " + quote(want) + ", found " + quote(found));
    }
    return out;
  }

  static List<String> findingMismatches(Expectation e, Finding finding) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> f : e.fields().entrySet()) {
      String found = switch (f.getKey()) {
        case "kind" -> finding.kind();
        case "pattern" -> finding.pattern();
        case "subject" -> finding.subject();
        default -> throw new IllegalStateException("unknown field " + f.getKey());
      };
      if (!found.equals(f.getValue())) out.add(f.getKey() + ": expected " + quote(f.getValue()) + ", found " + quote(found));
    }
    return out;
  }

  private static String quote(String s) {
    return s == null ? "none" : "\"" + s + "\"";
  }

  /** {@code events.csv:4} for a record of a file inside the fixture folder; other files keep their path. */
  static String relative(SourceRef ref, Path dir) {
    if (ref == null) return null;
    Path file = Path.of(ref.file()).normalize();
    Path base = dir.normalize();
    String shown = file.startsWith(base) ? base.relativize(file).toString() : ref.file();
    return shown.replace('\\', '/') + ":" + ref.line();
  }

  static String display(Path p) {
    return p.normalize().toString().replace('\\', '/');
  }
}
