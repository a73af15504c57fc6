package org.hindsight.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.Event;
import org.hindsight.facts.SourceRef;
import org.kie.api.runtime.KieSession;

/**
 * Which event types the rules read, found from the rules themselves: every {@code Event(…)} pattern
 * of every rule and query (positive, negated, in {@code collect}/{@code accumulate}) becomes a probe
 * rule that keeps only the pattern's constraints on {@code type} alone ({@code type == "x"},
 * {@code type matches …}, {@code saysChange(type)}, …) and drops every other constraint, so the
 * probe matches at least every type the pattern can match. Drools itself then runs the probes on one
 * event of each type asked about. A pattern that constrains no type, or a pattern on a supertype of
 * Event ({@code TimedFact}, {@code Fact}, {@code Record}, {@code Object}), reads every type.
 *
 * <pre>
 * Set&lt;String&gt; read = RuleEventReads.of(List.of(Path.of("rules")), List.of("app.log", "service.down"));
 * </pre>
 */
public final class RuleEventReads {
  private RuleEventReads() {}

  private static final String PROBE = "__hindsight_event_reads__/";
  private static final String GLOBAL = "__hindsightEventReads";
  /** An Event pattern (optionally qualified); not {@code new Event(} nor a method ending in Event. */
  private static final Pattern EVENT_PATTERN = Pattern.compile("(?<![\\w$.])(?:org\\.hindsight\\.facts\\.)?Event\\s*\\(");
  /** A pattern on a supertype of Event (an interface it implements, Record, Object), simple or qualified. */
  private static final Pattern SUPERTYPE_PATTERN = supertypePattern(Event.class);
  private static final Pattern NEW = Pattern.compile("\\bnew\\s+$");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_$][\\w$]*");
  /** Words a constraint on the type alone may use beside {@code type}: operators and literals. */
  private static final Set<String> OPERATORS = Set.of("matches", "not", "memberOf", "contains", "in", "str", "startsWith",
      "endsWith", "length", "soundslike", "null", "true", "false", "excludes");

  /**
   * The types among {@code types} that some rule below {@code roots} may match, or every one of
   * them when a rule reads events regardless of type (or a rule file cannot be parsed).
   */
  public static Set<String> of(List<Path> roots, Collection<String> types) throws RuleException, IOException {
    Set<String> all = new LinkedHashSet<>(types);
    Probes probes = probes(roots);
    if (probes.everyType()) return all;
    if (probes.base() == null || all.isEmpty()) return Set.of();
    Set<String> read = new LinkedHashSet<>();
    KieSession session = probes.base().kieBase().newKieSession();
    try {
      session.setGlobal(GLOBAL, read);
      int i = 0;
      for (String t : all) session.insert(new Event(Instant.EPOCH, "probe", t, "probe", "", "", Attributes.NONE, new SourceRef("probe", ++i)));
      session.fireAllRules();
    } finally {
      session.dispose();
    }
    return read;
  }

  static Pattern supertypePattern(Class<?> type) {
    Set<Class<?>> supers = new LinkedHashSet<>();
    java.util.ArrayDeque<Class<?>> todo = new java.util.ArrayDeque<>(List.of(type));
    while (!todo.isEmpty()) {
      Class<?> c = todo.pop();
      if (c != type && !supers.add(c)) continue;
      if (c.getSuperclass() != null) todo.push(c.getSuperclass());
      for (Class<?> i : c.getInterfaces()) todo.push(i);
    }
    List<String> names = new ArrayList<>();
    for (Class<?> c : supers) names.add("(?:" + Pattern.quote(c.getPackageName() + ".") + ")?" + Pattern.quote(c.getSimpleName()));
    return Pattern.compile("(?<![\\w$.])(?:" + String.join("|", names) + ")\\s*\\(");
  }

  /** The compiled probes of a rule base (null: no Event pattern), or "every type". */
  private record Probes(RuleBase base, boolean everyType) {}

  /** Probes by rule files (path, size, modification time): compiled once per process, not once per reduce. */
  private static final java.util.Map<List<String>, Probes> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

  private static Probes probes(List<Path> roots) throws RuleException, IOException {
    List<Path> files = RuleCompiler.drlFiles(roots);
    List<String> key = new ArrayList<>();
    for (Path f : files) key.add(f.toAbsolutePath() + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis());
    Probes known = COMPILED.get(key);
    if (known != null) return known;
    Probes made = compile(files);
    COMPILED.put(key, made);
    return made;
  }

  private static Probes compile(List<Path> files) throws RuleException, IOException {
    Path dir = Files.createTempDirectory("hindsight-event-reads");
    try {
      int probes = 0;
      for (Path f : files) {
        ParsedDrl parsed = ParsedDrl.read(f);
        if (parsed == null) return new Probes(null, true);
        String text = parsed.text();
        PackageDescr pkg = parsed.pkg();
        List<String> constraints = new ArrayList<>();
        for (RuleDescr r : pkg.getRules()) {
          for (BaseDescr d : r.getLhs().getDescrs()) {
            String condition = slice(text, d);
            if (SUPERTYPE_PATTERN.matcher(condition).find()) return new Probes(null, true);
            for (String pattern : eventPatterns(condition)) {
              String onType = typeOnly(pattern);
              if (onType.isEmpty()) return new Probes(null, true); // this pattern reads events of any type
              constraints.add(onType);
            }
          }
        }
        if (constraints.isEmpty()) continue;
        Files.writeString(dir.resolve("probe-" + probes + ".drl"), probeFile(pkg, text, constraints, probes), StandardCharsets.UTF_8);
        probes++;
      }
      if (probes == 0) return new Probes(null, false);
      return new Probes(new RuleCompiler(List.of(Event.class), Duration.ofDays(365)).usePrecompiled(false).compile(List.of(dir)), false);
    } finally {
      try (var s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The probe rules of one file: its package, imports and functions, one rule per Event pattern. */
  private static String probeFile(PackageDescr pkg, String text, List<String> constraints, int file) {
    StringBuilder sb = new StringBuilder();
    if (pkg.getName() != null && !pkg.getName().isEmpty()) sb.append("package ").append(pkg.getName()).append(";\n");
    for (ImportDescr i : pkg.getImports()) sb.append("import ").append(i.getTarget()).append(";\n");
    Set<String> own = new java.util.HashSet<>();
    for (FunctionDescr f : pkg.getFunctions()) own.add(f.getName());
    for (FunctionImportDescr i : pkg.getFunctionImports()) {
      String target = i.getTarget();
      // the parser lists the file's own functions as imports too: they are copied below instead
      if (!own.contains(target.substring(target.lastIndexOf('.') + 1))) sb.append("import function ").append(target).append(";\n");
    }
    sb.append("import ").append(Event.class.getName()).append(";\n");
    sb.append("global java.util.Set ").append(GLOBAL).append(";\n");
    // declared types and functions, as written: a type constraint may call a function, a function may use a declared type
    for (BaseDescr d : pkg.getTypeDeclarations()) sb.append(declaration(slice(text, d), "declare ")).append('\n');
    for (BaseDescr d : pkg.getEnumDeclarations()) sb.append(declaration(slice(text, d), "declare enum ")).append('\n');
    for (FunctionDescr f : pkg.getFunctions()) sb.append(slice(text, f)).append('\n');
    for (int i = 0; i < constraints.size(); i++) {
      sb.append("\nrule \"").append(PROBE).append(file).append('/').append(i).append("\"\nwhen\n  $__e : Event( ").append(constraints.get(i))
          .append(" )\nthen\n  ").append(GLOBAL).append(".add($__e.type());\nend\n");
    }
    return sb.toString();
  }

  /** A declaration as written (the parser's span leaves out its keyword, and may leave out its end). */
  private static String declaration(String slice, String keyword) {
    String d = slice.startsWith("declare") ? slice : keyword + slice;
    return d.matches("(?s).*\\bend\\s*$") ? d : d + "\nend";
  }

  /** The constraint lists of the Event patterns in one condition's text. */
  static List<String> eventPatterns(String condition) {
    List<String> out = new ArrayList<>();
    Matcher m = EVENT_PATTERN.matcher(condition);
    while (m.find()) {
      if (NEW.matcher(condition.substring(0, m.start())).find()) continue;
      int end = closing(condition, m.end() - 1);
      if (end < 0) {
        out.add(""); // unbalanced: read as "any type"
        break;
      }
      out.add(condition.substring(m.end(), end));
    }
    return out;
  }

  /**
   * The conjuncts of a pattern's constraints that read its type and nothing else (no other field,
   * no binding), joined with commas; "" when none (the pattern matches every type).
   */
  static String typeOnly(String constraints) {
    List<String> kept = new ArrayList<>();
    for (String c : splitTopLevel(constraints)) {
      String code = c.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''");
      if (code.contains(":") || code.contains("$")) continue; // a binding, or another pattern's value
      boolean type = false;
      boolean other = false;
      Matcher w = WORD.matcher(code);
      while (w.find()) {
        String word = w.group();
        boolean member = w.start() > 0 && code.charAt(w.start() - 1) == '.';
        boolean call = code.substring(w.end()).matches("(?s)\\s*\\(.*");
        if (word.equals("type") && !member && !call) type = true;
        else if (member || call || OPERATORS.contains(word) || Character.isUpperCase(word.charAt(0))) continue;
        else other = true;
      }
      if (type && !other) kept.add(c.trim());
    }
    return String.join(", ", kept);
  }

  /** Splits at commas and {@code &&} outside parentheses, brackets and string literals. */
  private static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipString(s, i);
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (depth == 0 && (c == ',' || (c == '&' && i + 1 < s.length() && s.charAt(i + 1) == '&'))) {
        out.add(s.substring(start, i));
        if (c == '&') i++;
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  /** The index of the parenthesis closing the one at {@code open}, or -1. */
  private static int closing(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') i = skipString(s, i);
      else if (c == '(') depth++;
      else if (c == ')' && --depth == 0) return i;
    }
    return -1;
  }

  private static int skipString(String s, int quote) {
    char q = s.charAt(quote);
    for (int i = quote + 1; i < s.length(); i++) {
      if (s.charAt(i) == '\\') i++;
      else if (s.charAt(i) == q) return i;
    }
    return s.length();
  }

  private static String slice(String text, BaseDescr d) {
    return RuleCompiler.source(text, d);
  }
}
