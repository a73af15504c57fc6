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
import org.kie.api.KieBase;
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
    return reads(roots, types).read();
  }

  /**
   * What the rules do with events: the types they may match ({@code read}), and of those the types
   * an event of which may leave the rule session once the rules have fired after its insertion
   * ({@code matchedOnce}), because every pattern that can match it is a plain positive pattern of a
   * rule whose other patterns are plain positive patterns on {@code partners}: facts without time,
   * inserted before the timeline. While no rule inserts, modifies or deletes a partner, such an event
   * can take part in no later match, and deleting it undoes nothing (no logical insertion, no
   * timer, agenda group or window in those rules). {@link RuleSession} checks the proviso as it runs.
   * {@code inSession}: the types a pattern on the session's facts may match; a type read only by
   * patterns {@code from} an expression (such as {@link org.hindsight.facts.EventWindows}) is read,
   * so a reduction keeps it, but its events need no place in the session.
   */
  public record Reads(Set<String> read, Set<String> matchedOnce, Set<Class<?>> partners, Set<String> inSession) {}

  public static Reads reads(List<Path> roots, Collection<String> types) throws RuleException, IOException {
    return reads(probes(roots), types);
  }

  /** {@link #reads(List, Collection)} with the probes already made (compiled now, or at build time). */
  static Reads reads(Probes probes, Collection<String> types) {
    Set<String> all = new LinkedHashSet<>(types);
    if (probes.everyType()) return new Reads(all, Set.of(), Set.of(), all);
    if (probes.base() == null || all.isEmpty()) return new Reads(Set.of(), Set.of(), Set.of(), Set.of());
    Set<String> hits = new LinkedHashSet<>(); // "probe index<TAB>type"
    KieSession session = probes.base().newKieSession();
    try {
      session.setGlobal(GLOBAL, hits);
      int i = 0;
      for (String t : all) session.insert(new Event(Instant.EPOCH, "probe", t, "probe", "", "", Attributes.NONE, new SourceRef("probe", ++i)));
      session.fireAllRules();
    } finally {
      session.dispose();
    }
    Set<String> read = new LinkedHashSet<>();
    Set<String> inSession = new LinkedHashSet<>();
    Set<String> held = new java.util.HashSet<>(); // types some pattern matches that keeps its events
    Set<Class<?>> partners = new LinkedHashSet<>();
    for (String hit : hits) {
      int tab = hit.indexOf('\t');
      Use use = probes.uses().get(Integer.parseInt(hit.substring(0, tab)));
      String type = hit.substring(tab + 1);
      read.add(type);
      if (use.fromSource()) continue; // matches the expression's objects, never the session's
      inSession.add(type);
      if (use.partners() == null) held.add(type);
    }
    Set<String> once = new LinkedHashSet<>(inSession);
    once.removeAll(held);
    for (String hit : hits) {
      int tab = hit.indexOf('\t');
      Use use = probes.uses().get(Integer.parseInt(hit.substring(0, tab)));
      // a pattern `from` an expression joins no session fact (and has no partners): a type read both that way and
      // by a session pattern (a change event whose type says network: `azure.network.change`) took the first's null
      if (use.fromSource()) continue;
      if (once.contains(hit.substring(tab + 1))) partners.addAll(use.partners());
    }
    return new Reads(read, once, partners, inSession);
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

  /** The compiled probes of a rule base (null: no Event pattern), or "every type"; one use per probe. */
  record Probes(KieBase base, boolean everyType, List<Use> uses) {}

  /**
   * The probes of a rules folder as the build keeps them beside its pre-compiled rules
   * ({@link PrecompiledRules}): whether they read every type, and each probe's use with its partner
   * classes by name; the probe rule base itself is serialized with the rules. A run then knows which
   * types the built-in rules read without compiling DRL, so it leaves out unread events at any size.
   *
   * @param probes the probe rule base, at build time (null once read back: it is loaded apart)
   */
  record Stored(boolean everyType, List<StoredUse> uses, KieBase probes) {
    /** A {@link Use} by name: {@code partners} null when its events must stay. */
    record StoredUse(List<String> partners, boolean fromSource) {}

    /** What the probes of these rule folders are, compiled now (the build step). */
    static Stored of(List<Path> roots) throws RuleException, IOException {
      Probes p = RuleEventReads.probes(roots);
      List<StoredUse> uses = new ArrayList<>();
      for (Use u : p.uses()) {
        uses.add(new StoredUse(u.partners() == null ? null : u.partners().stream().map(Class::getName).toList(), u.fromSource()));
      }
      return new Stored(p.everyType(), uses, p.base());
    }

    void write(java.io.DataOutputStream d) throws IOException {
      d.writeBoolean(everyType);
      d.writeInt(uses.size());
      for (StoredUse u : uses) {
        d.writeBoolean(u.fromSource());
        d.writeInt(u.partners() == null ? -1 : u.partners().size());
        if (u.partners() != null) for (String c : u.partners()) d.writeUTF(c);
      }
    }

    static Stored read(java.io.DataInputStream d) throws IOException {
      boolean every = d.readBoolean();
      List<StoredUse> uses = new ArrayList<>();
      for (int i = d.readInt(); i > 0; i--) {
        boolean from = d.readBoolean();
        int n = d.readInt();
        List<String> partners = null;
        if (n >= 0) {
          partners = new ArrayList<>();
          for (int k = 0; k < n; k++) partners.add(d.readUTF());
        }
        uses.add(new StoredUse(partners, from));
      }
      return new Stored(every, List.copyOf(uses), null);
    }

    /**
     * The probes again, on {@code base} (the probe rule base, loaded), partner classes resolved with
     * {@code loader}; a partner that no longer resolves keeps its events in the session, as an unknown
     * class does when the probes are compiled at run time.
     */
    Probes probes(KieBase base, ClassLoader loader) {
      List<Use> out = new ArrayList<>();
      for (StoredUse u : uses) {
        Set<Class<?>> partners = null;
        if (u.partners() != null) {
          partners = new LinkedHashSet<>();
          for (String name : u.partners()) {
            try {
              partners.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
              partners = null;
              break;
            }
          }
        }
        out.add(new Use(partners, u.fromSource()));
      }
      return new Probes(base, everyType, List.copyOf(out));
    }
  }

  /**
   * One Event pattern of a rule: the fact classes of its rule's other patterns when it is a plain
   * positive pattern whose events can leave once matched (see {@link Reads}), else null; whether it
   * matches the objects of a {@code from} expression rather than the session's facts.
   */
  record Use(Set<Class<?>> partners, boolean fromSource) {}

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
    List<Use> uses = new ArrayList<>();
    ClassLoader loader = org.hindsight.plugin.Plugins.current();
    try {
      int probes = 0;
      for (Path f : files) {
        ParsedDrl parsed = ParsedDrl.read(f);
        if (parsed == null) return new Probes(null, true, List.of());
        String text = parsed.text();
        PackageDescr pkg = parsed.pkg();
        List<String> constraints = new ArrayList<>();
        for (RuleDescr r : pkg.getRules()) {
          for (BaseDescr d : r.getLhs().getDescrs()) {
            String condition = slice(text, d);
            if (SUPERTYPE_PATTERN.matcher(condition).find()) return new Probes(null, true, List.of());
            List<EventPattern> patterns = eventPatterns(condition);
            for (EventPattern pattern : patterns) {
              String onType = typeOnly(pattern.constraints());
              if (onType.isEmpty()) return new Probes(null, true, List.of()); // this pattern reads events of any type
              constraints.add(uses.size() + "\t" + onType);
              uses.add(new Use(patterns.size() == 1 && !pattern.fromSource() ? partners(parsed, r, d, loader) : null,
                  pattern.fromSource()));
            }
          }
        }
        if (constraints.isEmpty()) continue;
        Files.writeString(dir.resolve("probe-" + probes + ".drl"), probeFile(pkg, text, constraints, probes), StandardCharsets.UTF_8);
        probes++;
      }
      if (probes == 0) return new Probes(null, false, List.of());
      return new Probes(new RuleCompiler(List.of(Event.class), Duration.ofDays(365)).usePrecompiled(false).compile(List.of(dir)).kieBase(),
          false, List.copyOf(uses));
    } finally {
      try (var s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Rule attributes under which a match may fire later than the batch it was made in, or not as matched. */
  private static final Set<String> DEFERRING = Set.of("timer", "duration", "calendars", "agenda-group", "ruleflow-group",
      "date-effective", "date-expires", "enabled");
  /** Actions that make a match's deletion matter (truth maintenance) or touch facts other than by inserting. */
  private static final Pattern TOUCHING = Pattern.compile("\\b(insertLogical|modify|update|delete|retract|drools|kcontext)\\b");

  /**
   * The partner classes of an Event pattern that is condition {@code d} of rule {@code r}, or null
   * when its events must stay: it is not a plain positive pattern (negated, collected, accumulated,
   * in an or, from a source, windowed), its rule is a query or extends one, defers or undoes firings,
   * or another condition is not a plain positive pattern on a class of facts without time.
   */
  private static Set<Class<?>> partners(ParsedDrl parsed, RuleDescr r, BaseDescr d, ClassLoader loader) {
    if (r instanceof org.drools.drl.ast.descr.QueryDescr || r.getParentName() != null) return null;
    for (String a : r.getAttributes().keySet()) if (DEFERRING.contains(a)) return null;
    if (!(r.getConsequence() instanceof String rhs) || TOUCHING.matcher(rhs).find()) return null;
    if (!plain(d)) return null;
    Set<Class<?>> partners = new LinkedHashSet<>();
    for (BaseDescr other : r.getLhs().getDescrs()) {
      if (other == d || other instanceof org.drools.drl.ast.descr.EvalDescr) continue;
      if (!plain(other)) return null;
      Class<?> c = factClass(parsed.pkg(), ((org.drools.drl.ast.descr.PatternDescr) other).getObjectType(), loader);
      if (c == null) return null;
      partners.add(c);
    }
    return partners;
  }

  private static boolean plain(BaseDescr d) {
    return d instanceof org.drools.drl.ast.descr.PatternDescr p && p.getSource() == null
        && (p.getBehaviors() == null || p.getBehaviors().isEmpty()) && !p.isQuery();
  }

  /**
   * The class a pattern names, when its facts are never on the timeline: a final class (a record)
   * that is no {@link org.hindsight.facts.TimedFact}. Null otherwise, or when it does not resolve
   * (a declared type: only rules make those).
   */
  private static Class<?> factClass(PackageDescr pkg, String name, ClassLoader loader) {
    List<String> candidates = new ArrayList<>();
    if (name.contains(".")) candidates.add(name);
    for (ImportDescr i : pkg.getImports()) {
      String t = i.getTarget();
      if (t.endsWith(".*")) candidates.add(t.substring(0, t.length() - 1) + name);
      else if (t.endsWith("." + name)) candidates.add(t);
    }
    for (org.drools.drl.ast.descr.TypeDeclarationDescr t : pkg.getTypeDeclarations()) if (t.getTypeName().equals(name)) return null;
    for (String c : candidates) {
      try {
        Class<?> k = Class.forName(c, false, loader);
        boolean timeless = !k.isInterface() && java.lang.reflect.Modifier.isFinal(k.getModifiers())
            && !org.hindsight.facts.TimedFact.class.isAssignableFrom(k);
        return timeless ? k : null;
      } catch (ClassNotFoundException | LinkageError e) {
        // not this import
      }
    }
    return null;
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
      String c = constraints.get(i);
      int tab = c.indexOf('\t');
      sb.append("\nrule \"").append(PROBE).append(file).append('/').append(i).append("\"\nwhen\n  $__e : Event( ").append(c.substring(tab + 1))
          .append(" )\nthen\n  ").append(GLOBAL).append(".add(\"").append(c, 0, tab).append("\\t\" + $__e.type());\nend\n");
    }
    return sb.toString();
  }

  /** A declaration as written (the parser's span leaves out its keyword, and may leave out its end). */
  private static String declaration(String slice, String keyword) {
    String d = slice.startsWith("declare") ? slice : keyword + slice;
    return d.matches("(?s).*\\bend\\s*$") ? d : d + "\nend";
  }

  /** An Event pattern's constraint list, and whether it reads {@code from} an expression (not the session). */
  record EventPattern(String constraints, boolean fromSource) {}

  private static final Pattern FROM = Pattern.compile("(?s)\\s*from\\b.*");

  /** The Event patterns in one condition's text. */
  static List<EventPattern> eventPatterns(String condition) {
    List<EventPattern> out = new ArrayList<>();
    Matcher m = EVENT_PATTERN.matcher(condition);
    while (m.find()) {
      if (NEW.matcher(condition.substring(0, m.start())).find()) continue;
      int end = closing(condition, m.end() - 1);
      if (end < 0) {
        out.add(new EventPattern("", false)); // unbalanced: read as "any type"
        break;
      }
      // `from collect(`/`accumulate(` follow the List or Number pattern, never the Event pattern they hold
      boolean from = FROM.matcher(condition.substring(end + 1)).matches();
      out.add(new EventPattern(condition.substring(m.end(), end), from));
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
