package org.hindsight.lint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.engine.FiringLog;
import org.hindsight.engine.ParsedDrl;
import org.hindsight.engine.RuleBase;
import org.hindsight.engine.RuleCompiler;
import org.hindsight.engine.RuleException;
import org.hindsight.engine.RuleInfo;
import org.hindsight.ingest.Bundle;
import org.hindsight.ingest.InputException;

/**
 * Answers "why didn't my rule match?". For every rule it derives probe rules from the DRL — one per
 * prefix of its top-level conditions (conditions 1..k, same package and imports, empty action) —
 * and runs them in the same session as the real rules. The firing log then says how many partial
 * matches each prefix had; the first prefix with none names the condition that failed.
 */
public final class RuleExplainer {
  /** Probe rules are named with this prefix, so reports can hide them. */
  public static final String PROBE_PREFIX = "__explain__/";

  private final Analyzer analyzer;

  public RuleExplainer(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** One top-level condition of a rule and how many partial matches conditions 1..index had. */
  public record Condition(int index, String file, int line, String text, long matches, List<FiringLog.Match> samples) {}

  /**
   * A rule, how often it fired and on which records, and its conditions' partial match counts.
   *
   * @param conditions empty when the rule could not be parsed into conditions
   */
  public record RuleExplanation(RuleInfo rule, long fired, List<FiringLog.Match> firings, List<Condition> conditions) {
    /** The first condition whose prefix matched nothing, if any. */
    public Optional<Condition> firstFailed() {
      return conditions.stream().filter(c -> c.matches() == 0).findFirst();
    }
  }

  /** The explanation of every rule (or only of the rule whose id or name is {@code only}). */
  public record Explanation(Analysis analysis, List<RuleExplanation> rules) {}

  private record ParsedRule(String name, String id, String file, String packageName, List<String> imports,
      List<BaseDescr> conditions, String text) {}

  public Explanation explain(AnalysisOptions options, String only)
      throws InputException, RuleException, IOException, UnknownRuleException {
    List<ParsedRule> parsed = parse(RuleCompiler.drlFiles(options.ruleDirs()));
    if (only != null) {
      List<ParsedRule> all = parsed;
      parsed = parsed.stream().filter(r -> r.name().equals(only) || only.equals(r.id())).toList();
      if (parsed.isEmpty()) {
        throw new UnknownRuleException(only, all.stream().map(r -> r.id() != null ? r.id() : r.name()).distinct().sorted().toList());
      }
    }
    Path probes = Files.createTempDirectory("hindsight-explain");
    try {
      writeProbes(parsed, probes);
      AnalysisOptions withProbes = options.toBuilder().rules(probes).simulate(false).build();
      RuleBase rules = analyzer.compileRules(withProbes);
      Bundle bundle = analyzer.read(withProbes);
      Analysis analysis = analyzer.analyze(bundle, rules, withProbes);
      List<RuleExplanation> out = new ArrayList<>();
      for (int i = 0; i < parsed.size(); i++) {
        ParsedRule p = parsed.get(i);
        RuleInfo info = rules.rule(p.name()).orElse(null);
        if (info == null) continue;
        List<Condition> conditions = new ArrayList<>();
        for (int k = 1; k <= p.conditions().size(); k++) {
          BaseDescr d = p.conditions().get(k - 1);
          String probe = k == p.conditions().size() ? p.name() : probeName(i, k);
          conditions.add(new Condition(k, p.file(), d.getLine(), slice(p.text(), d),
              analysis.firings().count(probe), analysis.firings().matches(probe)));
        }
        out.add(new RuleExplanation(info, analysis.firings().count(p.name()), analysis.firings().matches(p.name()), conditions));
      }
      return new Explanation(analysis, out);
    } finally {
      deleteTree(probes);
    }
  }

  private static String probeName(int rule, int k) {
    return PROBE_PREFIX + rule + "/" + k;
  }

  private static List<ParsedRule> parse(List<Path> files) throws IOException {
    List<ParsedRule> out = new ArrayList<>();
    for (Path f : files) {
      ParsedDrl parsed = ParsedDrl.read(f);
      if (parsed == null) continue; // the compiler reports syntax errors with their lines
      String text = parsed.text();
      PackageDescr pkg = parsed.pkg();
      List<String> imports = new ArrayList<>();
      for (ImportDescr i : pkg.getImports()) imports.add(i.getTarget());
      for (RuleDescr r : pkg.getRules()) {
        AnnotationDescr id = r.getAnnotation("id");
        String idValue = id == null ? null : RuleLinter.values(id.getSingleValueAsString()).stream().findFirst().orElse(null);
        List<BaseDescr> conditions = new ArrayList<>(r.getLhs().getDescrs());
        out.add(new ParsedRule(r.getName(), idValue, RuleLinter.display(f), pkg.getName(), imports, conditions, text));
      }
    }
    return out;
  }

  /** One probe file per rule: its package (for functions, globals, declared types) and imports, conditions 1..k. */
  private static void writeProbes(List<ParsedRule> rules, Path dir) throws IOException {
    for (int i = 0; i < rules.size(); i++) {
      ParsedRule r = rules.get(i);
      if (r.conditions().size() < 2) continue;
      StringBuilder sb = new StringBuilder();
      if (r.packageName() != null && !r.packageName().isEmpty()) sb.append("package ").append(r.packageName()).append(";\n");
      for (String imp : r.imports()) sb.append("import ").append(imp).append(";\n");
      for (int k = 1; k < r.conditions().size(); k++) {
        sb.append("\nrule \"").append(probeName(i, k)).append("\"\nwhen\n");
        for (int c = 0; c < k; c++) sb.append("  ").append(slice(r.text(), r.conditions().get(c))).append('\n');
        sb.append("then\nend\n");
      }
      Files.writeString(dir.resolve("probe-" + i + ".drl"), sb.toString(), StandardCharsets.UTF_8);
    }
  }

  static String slice(String text, BaseDescr d) {
    return RuleCompiler.source(text, d);
  }

  private static void deleteTree(Path dir) {
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp folder is harmless
    }
  }
}
