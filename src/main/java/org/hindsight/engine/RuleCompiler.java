package org.hindsight.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.facts.TimedFact;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles the DRL files of one or more folders at run time. Drools's messages are cleaned into
 * {@code path/x.drl:LINE: message}: the real line is dug out of the text (its column field is
 * always 0), the duplicate "Parser returned a null Package" is dropped, stack traces are cut.
 */
public final class RuleCompiler {
  private static final Pattern RULE_DECL = Pattern.compile("^\\s*rule\\s+(\"([^\"]+)\"|'([^']+)'|(\\S+))");
  private static final Pattern LINE_IN_TEXT =
      Pattern.compile("(?:\\[Line: (\\d+), Column: \\d+\\]|\\bLine (\\d+):\\d+|\\bline (\\d+)\\b|\\[(\\d+),\\d+\\])");

  private final List<Class<? extends TimedFact>> eventTypes;
  private final Duration retention;
  private final ClassLoader classLoader;

  /**
   * Sees the classes of the plugins loaded on this thread ({@link org.hindsight.plugin.Plugins}).
   *
   * @param eventTypes the timed fact classes: CEP events where the rules relate them in time ({@link EventRoles}), else plain facts
   * @param retention how long an event stays in the session after its timestamp
   */
  public RuleCompiler(List<Class<? extends TimedFact>> eventTypes, Duration retention) {
    this(eventTypes, retention, org.hindsight.plugin.Plugins.current());
  }

  /** @param classLoader where the rules' imports are resolved (Hindsight's classes plus any plugin jars) */
  public RuleCompiler(List<Class<? extends TimedFact>> eventTypes, Duration retention, ClassLoader classLoader) {
    this.classLoader = classLoader;
    this.eventTypes = List.copyOf(eventTypes);
    this.retention = retention;
  }

  /** The DRL text a parsed element was read from (its own text when the parser kept no position). */
  public static String source(String text, org.drools.drl.ast.descr.BaseDescr d) {
    int start = d.getStartCharacter();
    int end = d.getEndCharacter();
    if (start < 0 || end <= start || end > text.length()) return d.getText() != null ? d.getText() : d.toString();
    return text.substring(start, end).trim();
  }

  /** Every {@code .drl} file below the folders (or the files themselves), sorted. */
  public static List<Path> drlFiles(List<Path> roots) throws RuleException {
    List<Path> out = new ArrayList<>();
    for (Path root : roots) {
      if (Files.isRegularFile(root)) {
        out.add(root);
        continue;
      }
      if (!Files.isDirectory(root)) throw new RuleException(new RuleProblem(display(root), 0, "no such rules folder"));
      List<Path> below = new ArrayList<>();
      addDrlFiles(root.toFile(), below, root);
      below.sort(null);
      out.addAll(below);
    }
    return out;
  }

  /**
   * The {@code .drl} files below one folder, as {@code Files.walk} finds them (a linked folder is not
   * entered, a linked file counts), but listed by name: every run walks the built-in folder, whose
   * fixtures are thousands of files, and the stream walk's attribute objects and paths per entry cost
   * twice the time on a cold start.
   */
  private static void addDrlFiles(java.io.File dir, List<Path> out, Path root) throws RuleException {
    String[] names = dir.list();
    if (names == null) throw new RuleException(new RuleProblem(display(root), 0, "cannot read: " + dir));
    for (String name : names) {
      java.io.File f = new java.io.File(dir, name);
      if (name.endsWith(".drl") && f.isFile()) {
        out.add(f.toPath());
      } else if (f.isDirectory() && !Files.isSymbolicLink(f.toPath())) {
        addDrlFiles(f, out, root);
      }
    }
  }

  static String display(Path p) {
    return p.normalize().toString().replace('\\', '/');
  }

  /**
   * Starts loading the rules pre-compiled at build time now, on a thread of their own, for a run that
   * is about to compile its built-in rules folder with {@code classLoader}: building their network is
   * the longest step of a short run. Nothing changes but when that work starts: {@link #compile}
   * checks the folder's hash as always and takes this rule base only when it matches (else it is
   * dropped and the folder compiled from DRL).
   */
  public static void loadPrecompiledAhead(ClassLoader classLoader) {
    PrecompiledRules.buildAhead(classLoader, RuleCompiler::kieBaseConfiguration);
  }

  /** Where to say that rules meant to be pre-compiled are compiled now, and why; silent unless set. */
  public RuleCompiler notices(java.util.function.Consumer<String> notices) {
    this.notices = notices;
    return this;
  }

  private java.util.function.Consumer<String> notices = s -> {};
  private boolean usePrecompiled = true;

  /** Whether a folder pre-compiled at build time may be loaded instead of compiled (default: yes). */
  public RuleCompiler usePrecompiled(boolean use) {
    this.usePrecompiled = use;
    return this;
  }

  /**
   * The DRL sources of one compilation, read once: text, lines, rule locations and queries per
   * file. Read at run time on every path, pre-compiled or not, so both give the same locations and queries.
   */
  private static final class Sources {
    final List<Path> files = new ArrayList<>();
    final Map<Path, String> text = new LinkedHashMap<>();
    /** The files' bytes as read, which the pre-compiled rules' key hashes: the text as UTF-8, not encoded again. */
    final Map<Path, byte[]> bytes = new LinkedHashMap<>();
    final Map<String, String[]> sourceLines = new LinkedHashMap<>();
    final Map<String, RuleLocation> locations = new LinkedHashMap<>();
    final Map<String, QueryInfo> queries = new LinkedHashMap<>();
  }

  public RuleBase compile(List<Path> roots) throws RuleException {
    Sources sources = read(drlFiles(roots));
    if (usePrecompiled && !roots.isEmpty() && Files.isDirectory(roots.get(0))) {
      RuleBase fast = fromPrecompiled(roots.get(0), sources);
      if (fast != null) return fast;
    }
    String declarations = declarations(EventRoles.needed(sources.text.values(), eventTypes).classes());
    return ruleBase(build(sources, sources.files, declarations), List.of(), sources, sources.files.size() + " file(s) compiled now");
  }

  /**
   * Compiles one folder from DRL and writes it, pre-compiled, to {@code out} (a build step; see
   * {@link PrecompiledRules}).
   */
  public void precompile(Path root, Path out) throws RuleException, IOException {
    Sources sources = read(drlFiles(List.of(root)));
    Set<Class<?>> events = EventRoles.needed(sources.text.values(), eventTypes).classes();
    Built built = build(sources, sources.files, declarations(events));
    Map<String, byte[]> byRelativePath = new TreeMap<>();
    for (Path f : sources.files) byRelativePath.put(PrecompiledRules.relative(root, f), sources.bytes.get(f));
    String rootDisplay = display(root) + "/";
    List<PrecompiledRules.Warning> warnings = new ArrayList<>();
    for (RuleProblem w : built.warnings()) {
      String file = w.file().startsWith(rootDisplay) ? w.file().substring(rootDisplay.length()) : w.file();
      warnings.add(new PrecompiledRules.Warning(file, w.line(), w.message()));
    }
    RuleEventReads.Stored eventReads;
    try {
      eventReads = RuleEventReads.Stored.of(List.of(root));
    } catch (RuleException | IOException | RuntimeException e) {
      eventReads = null; // a run finds out at run time, as for a user's folder
    }
    PrecompiledRules.write(out, PrecompiledRules.key(byRelativePath, declarations(events)), byRelativePath.keySet(), warnings,
        events.stream().map(Class::getName).toList(), built.kieBase(), eventReads);
  }

  private Sources read(List<Path> files) throws RuleException {
    Sources s = new Sources();
    List<RuleProblem> problems = new ArrayList<>();
    for (Path f : files) {
      String text;
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(f);
        text = new String(bytes, StandardCharsets.UTF_8);
        // a replacement character: malformed UTF-8 (readString says so, as before) or one the file holds
        if (text.indexOf('\uFFFD') >= 0) text = Files.readString(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        problems.add(new RuleProblem(display(f), 0, "cannot read: " + e.getMessage()));
        continue;
      }
      s.files.add(f);
      s.text.put(f, text);
      s.bytes.put(f, bytes);
      s.sourceLines.put(display(f), text.split("\\R", -1));
      scanRuleNames(display(f), text, s.locations, problems);
      scanQueries(display(f), text, s.queries);
    }
    if (!problems.isEmpty()) throw new RuleException(problems);
    return s;
  }

  /** A compiled rule base and the compiler's warnings about it. */
  private record Built(KieBase kieBase, List<RuleProblem> warnings) {}

  /** Compiles DRL files (with the event declarations, {@link #declarations}) into a rule base of their own. */
  private Built build(Sources sources, List<Path> files, String declarations) throws RuleException {
    KieServices ks = KieServices.Factory.get();
    KieFileSystem kfs = ks.newKieFileSystem();
    Map<String, String> displayByResource = new LinkedHashMap<>();
    int n = 0;
    for (Path f : files) {
      String resource = "src/main/resources/hindsight/r" + (n++) + "/" + f.getFileName();
      displayByResource.put(resource, display(f));
      displayByResource.put(resource.substring("src/main/resources/".length()), display(f)); // as messages name it
      kfs.write(resource, sources.text.get(f));
    }
    kfs.write("src/main/resources/hindsight/declarations.drl", declarations);

    KieBuilder builder = ks.newKieBuilder(kfs, classLoader).buildAll();
    List<RuleProblem> problems = new ArrayList<>();
    List<RuleProblem> warnings = new ArrayList<>();
    java.util.Set<String> unparsable = new java.util.HashSet<>();
    for (Message m : builder.getResults().getMessages()) {
      String text = m.getText() == null ? "" : m.getText();
      if (text.contains("Parser returned a null Package")) continue;
      RuleProblem p = clean(m, displayByResource, sources.sourceLines);
      if (m.getLevel() == Message.Level.ERROR && PARSER_ERROR.matcher(text).find()) unparsable.add(p.file());
      // The commonest mistakes (unknown field or fact type) get a did-you-mean instead of the tidied text.
      String raw = m.getText() == null ? "" : m.getText();
      String friendly = CompileMessages.rewrite(raw, knownFactTypes());
      if (!friendly.equals(raw)) p = new RuleProblem(p.file(), p.line(), friendly);
      if (m.getLevel() == Message.Level.ERROR) problems.add(p);
      else warnings.add(p);
    }
    if (!unparsable.isEmpty()) {
      // A file Drools cannot parse stops it from processing any type declaration, so every other
      // file reports its declared types as unknown. Their real errors are those of a build without it.
      problems.removeIf(p -> !unparsable.contains(p.file()));
      List<Path> parsable = files.stream().filter(f -> !unparsable.contains(display(f))).toList();
      if (!parsable.isEmpty() && parsable.size() < files.size()) {
        try {
          build(sources, parsable, declarations);
        } catch (RuleException e) {
          problems.addAll(e.problems());
        }
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(null);
      throw new RuleException(dedupe(problems));
    }
    KieContainer container = ks.newKieContainer(ks.getRepository().getDefaultReleaseId(), classLoader);
    try {
      return new Built(container.newKieBase(kieBaseConfiguration(null)), warnings);
    } catch (RuntimeException e) {
      throw new RuleException(new RuleProblem("(rules)", 0, "cannot build the rule base: " + firstLine(e)));
    }
  }

  /** The configuration every rule base gets: STREAM mode for CEP. */
  static org.kie.api.KieBaseConfiguration kieBaseConfiguration(ClassLoader loader) {
    KieServices ks = KieServices.Factory.get();
    var conf = loader == null ? ks.newKieBaseConfiguration() : ks.newKieBaseConfiguration(null, loader);
    conf.setOption(EventProcessingOption.STREAM);
    // Constraint JIT stays on (Drools's default) except where Drools 10.2 breaks it: see ConstraintJit.
    // -Dhindsight.jit=false switches it off everywhere (to compare, or should a constraint misbehave).
    if (!ConstraintJit.canNarrow() || "false".equals(System.getProperty(PrecompiledRules.JIT_PROPERTY))) {
      conf.setOption(org.kie.internal.conf.ConstraintJittingThresholdOption.get(-1));
    }
    return conf;
  }

  /**
   * The rules of {@code root} as compiled at build time, plus the other files compiled now, or
   * null when the pre-compiled copy is missing, stale (a file was edited, added or removed since
   * the build) or unusable; the caller then compiles everything from DRL.
   */
  private RuleBase fromPrecompiled(Path root, Sources sources) {
    PrecompiledRules pre = PrecompiledRules.bundled();
    if (pre == null) return null;
    List<Path> own = new ArrayList<>();
    List<Path> rest = new ArrayList<>();
    Path normalRoot = root.toAbsolutePath().normalize();
    for (Path f : sources.files) {
      (f.toAbsolutePath().normalize().startsWith(normalRoot) ? own : rest).add(f);
    }
    Map<String, byte[]> byRelativePath = new TreeMap<>();
    for (Path f : own) byRelativePath.put(PrecompiledRules.relative(root, f), sources.bytes.get(f));
    // The event roles the build found for the folder, with those the other folders' rules need: the
    // key (and so the pre-compiled copy) holds only while the other folders need no more.
    Set<Class<?>> events = new java.util.LinkedHashSet<>();
    boolean rolesKnown = true;
    if (!rest.isEmpty()) {
      List<String> restTexts = rest.stream().map(sources.text::get).toList();
      EventRoles.Needed more = EventRoles.needed(restTexts, eventTypes);
      events.addAll(more.classes());
      rolesKnown = !more.extendsOthers(); // a rule extending one of the folder's: read all together, from DRL
    }
    for (Class<? extends TimedFact> c : eventTypes) if (pre.eventRoles().contains(c.getName())) events.add(c);
    String declarations = declarations(events);
    String key = PrecompiledRules.key(byRelativePath, declarations);
    if (!rolesKnown || !key.equals(pre.key())) {
      PrecompiledRules.dropAhead();
      if (pre.describes(byRelativePath.keySet())) {
        notices.accept(display(root) + " differs from the rules pre-compiled at build time (a rule file edited, added or removed, "
            + "event types added by --plugins, or another folder's rules relating in time a type these rules hold as a plain fact); "
            + "compiling its rules now (mvn package pre-compiles them again)");
      }
      return null;
    }
    // The other folders compile from DRL while the pre-compiled packages load: on two cores a user
    // folder then adds the longer of the two to the start, not their sum.
    java.util.concurrent.FutureTask<Built> compiling = null;
    if (!rest.isEmpty()) {
      compiling = new java.util.concurrent.FutureTask<>(() -> build(sources, rest, declarations));
      Thread t = new Thread(compiling, "hindsight-rules-compile");
      t.setDaemon(true);
      t.start();
    }
    try {
      KieBase kieBase = pre.kieBase(classLoader, RuleCompiler::kieBaseConfiguration);
      List<RuleProblem> warnings = new ArrayList<>();
      for (PrecompiledRules.Warning w : pre.warnings()) {
        warnings.add(new RuleProblem(display(root.resolve(w.file())), w.line(), w.message()));
      }
      if (compiling != null) {
        Built more = result(compiling);
        ((org.drools.kiesession.rulebase.InternalKnowledgeBase) kieBase).addPackages(more.kieBase().getKiePackages());
        warnings.addAll(more.warnings());
      }
      String origin = display(root) + " pre-compiled at build time" + (rest.isEmpty() ? "" : ", " + rest.size() + " more file(s) compiled now");
      RuleBase base = ruleBase(new Built(kieBase, List.of()), warnings, sources, origin);
      // the event types these rules read were found at build time; another folder's are found at run time
      if (rest.isEmpty()) base.eventReads = () -> pre.eventReadsProbes(classLoader);
      return base;
    } catch (RuleException | IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
      // An error in the other files is reported by the full compilation, in the usual words.
      if (!(e instanceof RuleException)) notices.accept("pre-compiled rules unusable (" + firstLine(e) + "); compiling them now");
      // That compilation uses Drools's one KieRepository, as the other folders' does: never both at once.
      if (compiling != null) {
        try {
          result(compiling);
        } catch (RuleException | RuntimeException | LinkageError ignored) {
          // reported by the full compilation
        }
      }
      return null;
    }
  }

  /** What a compilation on another thread returned or threw, as if it ran on this one. */
  private static Built result(java.util.concurrent.FutureTask<Built> compiling) throws RuleException {
    try {
      return compiling.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuleException(new RuleProblem("(rules)", 0, "interrupted"));
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuleException re) throw re;
      if (e.getCause() instanceof RuntimeException re) throw re;
      if (e.getCause() instanceof Error err) throw err; // out of memory or stack: Main says so in one line
      throw new IllegalStateException(e.getCause());
    }
  }

  private RuleBase ruleBase(Built built, List<RuleProblem> moreWarnings, Sources sources, String origin) {
    KieBase kieBase = built.kieBase();
    Map<String, RuleInfo> rules = new TreeMap<>();
    for (KiePackage pkg : kieBase.getKiePackages()) {
      java.util.Set<String> queries = new java.util.HashSet<>();
      pkg.getQueries().forEach(q -> queries.add(q.getName()));
      for (Rule r : pkg.getRules()) {
        if (queries.contains(r.getName())) continue; // queries are helpers, not detectors
        RuleLocation loc = sources.locations.getOrDefault(r.getName(), new RuleLocation("(unknown)", 0));
        Map<String, String> meta = new TreeMap<>();
        r.getMetaData().forEach((k, v) -> meta.put(k, MetadataValues.single(v)));
        rules.put(r.getName(), new RuleInfo(r.getName(), pkg.getName(), loc.file(), loc.line(), meta));
      }
    }
    ConstraintJit.keepOperatorConstraintsInterpreted(kieBase);
    List<RuleProblem> warnings = new ArrayList<>(built.warnings());
    warnings.addAll(moreWarnings);
    return new RuleBase(kieBase, rules, warnings, retention, sources.sourceLines, sources.queries, origin);
  }

  private static final Pattern QUERY_DECL = Pattern.compile("(?m)^[ \\t]*query[ \\t]+(\"([^\"]+)\"|'([^']+)'|([\\w$]+))");

  /**
   * Where each query is declared and whether it calls itself: when the rules' time budget runs out
   * inside query evaluation, the recursive queries are what the message names (Drools tells no
   * more: no rule fires while a query runs).
   */
  static void scanQueries(String file, String text, Map<String, QueryInfo> out) {
    // the declaration spells "query": a file without the word (most) is not searched line by line
    if (!text.contains("query")) return;
    Matcher m = QUERY_DECL.matcher(text);
    while (m.find()) {
      String name = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
      int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
      Matcher end = QUERY_END.matcher(text);
      String body = end.find(m.end()) ? text.substring(m.end(), end.start()) : text.substring(m.end());
      boolean recursive = Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "\\s*\\(").matcher(body).find();
      out.putIfAbsent(name, new QueryInfo(name, new org.hindsight.facts.SourceRef(file, line), recursive));
    }
  }

  private static final Pattern QUERY_END = Pattern.compile("(?m)^[ \\t]*end\\b");

  private record RuleLocation(String file, int line) {}

  /** The fact types rules can match, for "did you mean" in compile errors. */
  private List<Class<?>> knownFactTypes() {
    List<Class<?>> types = new ArrayList<>(org.hindsight.facts.FactCatalog.STRUCTURE_TYPES);
    types.addAll(eventTypes);
    return types;
  }

  private static void scanRuleNames(String file, String text, Map<String, RuleLocation> out, List<RuleProblem> problems) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = RULE_DECL.matcher(lines[i]);
      if (m.find()) {
        String name = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
        RuleLocation prior = out.putIfAbsent(name, new RuleLocation(file, i + 1));
        if (prior != null) {
          problems.add(new RuleProblem(file, i + 1, "rule \"" + name + "\" is already defined at " + prior.file() + ":" + prior.line()));
        }
      }
    }
  }

  /**
   * CEP declarations for the timed fact types the rules relate in time ({@link EventRoles}): event
   * role and timestamp field; the other timed types stay plain facts. Expiry after the retention is
   * done by {@link RuleSession}, which retracts timeline facts as its clock passes them:
   * {@code @expires} would schedule a timer job per event, a third of the session's memory at
   * millions of events. Drools may still expire earlier when every rule's window allows it.
   */
  String declarations(Set<Class<?>> events) {
    StringBuilder sb = new StringBuilder("package hindsight.generated;\n");
    for (Class<?> c : eventTypes) {
      if (!events.contains(c)) continue;
      sb.append("declare ").append(c.getName()).append(" @role(event) @timestamp(millis) end\n");
    }
    return sb.toString();
  }

  /** Drools's DRL parser numbers its errors [ERR 1xx]. */
  private static final Pattern PARSER_ERROR = Pattern.compile("\\[ERR 1\\d\\d\\]");
  private static final Pattern MVEL_EXPRESSION = Pattern.compile("Unable to Analyse Expression (.+?):\\s*\\R", Pattern.DOTALL);
  private static final Pattern MVEL_ERROR = Pattern.compile("\\[Error: (.*?)\\]\\s*(?:\\R|$)");
  private static final Pattern MVEL_UNRESOLVED =
      Pattern.compile("unable to resolve method using strict-mode: (?:[\\w$]+\\.)*?([A-Z][\\w$]*)\\.(\\w+)\\(\\)");
  private static final Pattern UNDEFINED_METHOD = Pattern.compile("The method (\\w+)\\(");
  private static final Pattern CANNOT_RESOLVE = Pattern.compile("\\b(\\w+) cannot be resolved");

  static RuleProblem clean(Message m, Map<String, String> displayByResource, Map<String, String[]> sourceLines) {
    String file = displayByResource.getOrDefault(m.getPath(), m.getPath() == null ? "(rules)" : m.getPath());
    String text = m.getText() == null ? "" : m.getText();
    String[] source = sourceLines.getOrDefault(file, new String[0]);
    if (text.contains("<eof>") || text.contains("mismatched input ''")) {
      // Drools reports an unclosed string at the end of the file, or with a parser stack trace.
      int open = unclosedQuoteLine(source);
      if (open > 0) return new RuleProblem(file, open, "unterminated string: a \" opened on this line is never closed");
    }
    int line = m.getLine();
    Matcher lm = LINE_IN_TEXT.matcher(text);
    if (lm.find()) {
      for (int g = 1; g <= lm.groupCount(); g++) {
        if (lm.group(g) != null) {
          line = Integer.parseInt(lm.group(g));
          break;
        }
      }
    }
    return new RuleProblem(file, refineLine(text, source, Math.max(line, 0)), tidy(text));
  }

  /**
   * Drools places an error inside an action at the rule's first line; the line that holds the
   * offending expression or name (searched within the rule) is the one a rule author needs.
   */
  static int refineLine(String text, String[] source, int reported) {
    String needle = null;
    Matcher m;
    if ((m = MVEL_EXPRESSION.matcher(text)).find()) {
      needle = m.group(1).split("\\R")[0].trim();
      if (needle.endsWith(";")) needle = needle.substring(0, needle.length() - 1);
    } else if ((m = UNDEFINED_METHOD.matcher(text)).find()) {
      needle = m.group(1) + "(";
    } else if ((m = CANNOT_RESOLVE.matcher(text)).find()) {
      needle = m.group(1);
    }
    if (needle == null || needle.isEmpty() || reported < 1 || reported > source.length) return reported;
    for (int i = reported - 1; i < source.length; i++) {
      if (i > reported - 1 && source[i].trim().matches("(rule|end)\\b.*")) break;
      if (source[i].contains(needle)) return i + 1;
    }
    return reported;
  }

  /** The first line with an odd number of unescaped double quotes outside a // comment, or 0. */
  static int unclosedQuoteLine(String[] source) {
    for (int i = 0; i < source.length; i++) {
      String l = source[i];
      boolean inString = false;
      for (int k = 0; k < l.length(); k++) {
        char c = l.charAt(k);
        if (c == '\\' && inString) k++;
        else if (c == '"') inString = !inString;
        else if (!inString && c == '/' && k + 1 < l.length() && l.charAt(k + 1) == '/') break;
      }
      if (inString) return i + 1;
    }
    return 0;
  }

  /** One readable sentence: no stack trace, no repeated location prefix, no internal noise. */
  static String tidy(String text) {
    Matcher expr = MVEL_EXPRESSION.matcher(text);
    Matcher err = MVEL_ERROR.matcher(text);
    if (expr.find() && err.find()) {
      // MVEL: "Unable to Analyse Expression X: [Error: Y] [Near : {... X ....}] ^ [Line: …]"
      String expression = expr.group(1).replaceAll("\\s+", " ").trim();
      Matcher unresolved = MVEL_UNRESOLVED.matcher(err.group(1));
      String why = unresolved.find()
          ? "no field or method '" + unresolved.group(2) + "' on " + unresolved.group(1)
          : err.group(1).trim();
      return shorten(why + " in: " + expression);
    }
    StringBuilder out = new StringBuilder();
    for (String l : text.split("\\R")) {
      String t = l.trim();
      if (t.isEmpty() || t.startsWith("at ") || t.startsWith("...") || t.startsWith("Caused by") || t.equals("^")) continue;
      if (t.startsWith("[Near :") || t.matches("\\[Line: \\d+, Column: \\d+\\]")) continue;
      if (t.contains("Exception") && t.contains("\tat ")) continue;
      if (out.length() > 0) out.append(out.charAt(out.length() - 1) == ':' ? " " : "; ");
      out.append(t);
    }
    String s = out.toString()
        .replaceAll("\\[ERR \\d+\\] ", "")
        .replaceAll("\\[Line: \\d+, Column: \\d+\\]\\s*", "")
        .replaceAll("^Line \\d+:\\d+ ", "")
        .replaceAll("^Rule Compilation error:? ?", "rule compilation error: ")
        .replace("mismatched input '<eof>'", "unexpected end of file (is an `end` missing?)")
        .replaceAll("\\. Exception: java\\.lang\\.\\w+: .*?(; |$)", "$1")
        .replaceAll("Stack trace:.*$", "")
        .replaceAll("java\\.lang\\.\\w*Exception:? ?", "")
        .replaceAll("\\s+", " ")
        .trim();
    return shorten(s);
  }

  private static String shorten(String s) {
    return s.length() > 400 ? s.substring(0, 400) + "…" : s;
  }

  private static List<RuleProblem> dedupe(List<RuleProblem> problems) {
    return problems.stream().distinct().toList();
  }

  static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
