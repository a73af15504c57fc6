package org.hindsight.engine;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.drools.wiring.api.classloader.ProjectClassLoader;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.definition.KiePackage;

/**
 * A rules folder compiled at build time, so that a run need not compile DRL: the compiled Drools
 * packages, serialized, with the classes the compiler generated for declared types and functions.
 * It is used only for a folder whose DRL files (paths and text) and event declarations hash to
 * {@link #key()}: an edited, added or removed file makes the key differ and the folder is compiled
 * from DRL at run time as before.
 *
 * <p>Why not Drools's executable model: in Drools 10.2 it rejects three of the five built-in rule
 * files (negative temporal bounds such as {@code after[-30s, 15m]}, typed {@code collect} results,
 * query variables). The compiled packages are what run-time compilation produces, so every rule
 * the DRL compiler accepts can be pre-compiled. A {@link KieBase} itself is not serializable, and
 * its packages load only once the generated classes are defined (hence {@code classes}).
 */
final class PrecompiledRules {
  /** Where the build puts the pre-compiled built-in rules (a class-path resource). */
  static final String RESOURCE = "hindsight/precompiled-rules.bin";
  private static final String MAGIC = "hindsight-precompiled-rules/3";

  /** A compiler warning about a pre-compiled file, its path relative to the folder. */
  record Warning(String file, int line, String message) {}

  /** A compiled rule base, serialized: the classes Drools generated and the packages. */
  private record Serialized(Map<String, byte[]> classes, byte[] packages) {}

  private final String key;
  private final Set<String> files;
  private final List<Warning> warnings;
  /** The timed classes these rules hold as CEP events ({@link EventRoles}), by name: what the key's declarations say. */
  private final Set<String> eventRoles;
  private final Serialized rules;
  /** Which event types the rules read ({@link RuleEventReads}), as the build found it; null when it could not. */
  private final RuleEventReads.Stored eventReads;
  /** Its probe rule base, serialized (null when the rules have no Event pattern or read every type). */
  private final Serialized eventReadsProbes;

  private PrecompiledRules(String key, Set<String> files, List<Warning> warnings, Set<String> eventRoles, Serialized rules,
      RuleEventReads.Stored eventReads, Serialized eventReadsProbes) {
    this.key = key;
    this.files = files;
    this.warnings = warnings;
    this.eventRoles = eventRoles;
    this.rules = rules;
    this.eventReads = eventReads;
    this.eventReadsProbes = eventReadsProbes;
  }

  private static volatile Object bundled;

  /** The pre-compiled rules shipped in the jar, or null when the build made none. Read once. */
  static PrecompiledRules bundled() {
    Object b = bundled;
    if (b == null) {
      try (InputStream in = PrecompiledRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        b = in == null ? Boolean.FALSE : read(in.readAllBytes());
      } catch (IOException | RuntimeException e) {
        b = Boolean.FALSE;
      }
      bundled = b;
    }
    return b instanceof PrecompiledRules p ? p : null;
  }

  /**
   * The hash of a folder's DRL files (relative path → the file's bytes, its text as UTF-8) and the event
   * declarations. The bytes as read: encoding the decoded text again was a third of the hashing, cold.
   */
  static String key(Map<String, byte[]> bytesByRelativePath, String declarations) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, MAGIC);
      update(sha, declarations);
      for (Map.Entry<String, byte[]> e : new TreeMap<>(bytesByRelativePath).entrySet()) {
        update(sha, e.getKey());
        update(sha, e.getValue());
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest sha, String s) {
    update(sha, s.getBytes(StandardCharsets.UTF_8));
  }

  private static void update(MessageDigest sha, byte[] b) {
    sha.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) ':');
    sha.update(b);
  }

  static String relative(Path root, Path file) {
    return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  String key() {
    return key;
  }

  /** True when a folder holding these files is (an edited copy of) the pre-compiled one. */
  boolean describes(Collection<String> relativePaths) {
    return relativePaths.stream().anyMatch(files::contains);
  }

  List<Warning> warnings() {
    return warnings;
  }

  /** The timed classes (by name) the build declared CEP events for these rules; the others are plain facts. */
  Set<String> eventRoles() {
    return eventRoles;
  }

  /**
   * A rule base of the bundled packages being built ahead of need, for one parent class loader and
   * one setting of the constraint JIT switch (what {@code configuration} reads).
   */
  private record Ahead(ClassLoader parent, String jit, FutureTask<KieBase> task) {}

  private static final AtomicReference<Ahead> ahead = new AtomicReference<>();

  /**
   * Starts building a rule base of the bundled packages now, on a thread of its own: the longest
   * step of a short run, it then overlaps JVM start-up and the reading of the command line instead
   * of following them. {@link #kieBase} takes it only when the same parent loader is asked for and
   * the caller has checked, as always, that the rules folder still hashes to {@link #key()}.
   */
  static void buildAhead(ClassLoader parent, Function<ClassLoader, KieBaseConfiguration> configuration) {
    java.util.concurrent.CountDownLatch operators = new java.util.concurrent.CountDownLatch(1);
    FutureTask<KieBase> task = new FutureTask<>(() -> {
      PrecompiledRules pre = bundled(); // reading the resource needs no Drools class: it overlaps the initialisation
      operators.await();
      return pre == null ? null : pre.build(parent, configuration);
    });
    Ahead previous = ahead.getAndSet(new Ahead(parent, System.getProperty(JIT_PROPERTY), task));
    if (previous != null) previous.task().cancel(true);
    Thread t = new Thread(task, "hindsight-rules-ahead");
    t.setDaemon(true);
    t.start();
    try {
      initialiseOperators();
    } finally {
      operators.countDown();
    }
  }

  /**
   * Drools' {@code Operator} and {@code Operator.BuiltInOperator} initialise each other: the thread
   * building ahead (deserialising evaluators reaches {@code Operator} first) and a thread compiling a
   * user's rules at the same time (its constraint builder reaches {@code BuiltInOperator} first) took
   * one class each and waited for the other forever. Initialised here, on one thread, while the thread
   * building ahead reads the resource only, and before any thread compiling a user's rules starts.
   */
  private static void initialiseOperators() {
    try {
      Class.forName("org.drools.drl.parser.impl.Operator", true, PrecompiledRules.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      // no DRL parser on the class path: nothing to race on
    }
  }

  /** Drops a rule base built ahead that will not be used (the rules folder no longer matches). */
  static void dropAhead() {
    Ahead a = ahead.getAndSet(null);
    if (a != null) a.task().cancel(true);
  }

  /** Whether a rule base built ahead waits to be taken. */
  static boolean buildingAhead() {
    return ahead.get() != null;
  }

  /** The switch {@code RuleCompiler.kieBaseConfiguration} reads: a rule base built ahead must have seen the same value. */
  static final String JIT_PROPERTY = "hindsight.jit";

  /**
   * A new rule base from the pre-compiled packages: the one {@link #buildAhead built ahead} for this
   * loader if there is one (taken: a package belongs to one rule base), else built now.
   */
  KieBase kieBase(ClassLoader parent, Function<ClassLoader, KieBaseConfiguration> configuration)
      throws IOException, ClassNotFoundException {
    Ahead a = this == bundled() ? ahead.getAndSet(null) : null;
    if (a != null && a.parent() == parent && java.util.Objects.equals(a.jit(), System.getProperty(JIT_PROPERTY))) {
      try {
        KieBase built = a.task().get();
        if (built != null) return built;
      } catch (ExecutionException | CancellationException e) {
        // built again below, where a failure is reported as usual
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while loading the pre-compiled rules", e);
      }
    } else if (a != null) {
      a.task().cancel(true);
    }
    return build(parent, configuration);
  }

  /**
   * Deserializes the packages anew into a class loader of its own holding the generated classes,
   * and builds the rule network.
   */
  private KieBase build(ClassLoader parent, Function<ClassLoader, KieBaseConfiguration> configuration)
      throws IOException, ClassNotFoundException {
    return build(rules, parent, configuration);
  }

  private static KieBase build(Serialized rules, ClassLoader parent, Function<ClassLoader, KieBaseConfiguration> configuration)
      throws IOException, ClassNotFoundException {
    org.hindsight.util.Activity.step("rule base: deserialising");
    // the parent answers a class it lacks once: MVEL asks for thousands of such names while the network is built
    ProjectClassLoader loader = ProjectClassLoader.createProjectClassLoader(parent == null ? null : new MissingClassCache(parent));
    for (Map.Entry<String, byte[]> c : rules.classes().entrySet()) {
      String resource = c.getKey();
      loader.storeClass(resource.substring(0, resource.length() - ".class".length()).replace('/', '.'), resource, c.getValue());
    }
    List<KiePackage> pkgs = new ArrayList<>();
    try (DroolsObjectInputStream in = new DroolsObjectInputStream(new ByteArrayInputStream(rules.packages()), loader)) {
      int n = in.readInt();
      for (int i = 0; i < n; i++) pkgs.add((KiePackage) in.readObject());
    }
    InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(configuration.apply(loader));
    org.hindsight.util.Activity.step("rule base: building the network");
    kieBase.addPackages(pkgs);
    org.hindsight.util.Activity.step("rule base: built");
    return kieBase;
  }

  /**
   * Serializes a freshly compiled rule base of one folder, with which event types its rules read
   * ({@code eventReads}, null when that could not be found: a run then asks at run time as before).
   */
  static void write(Path out, String key, Set<String> files, List<Warning> warnings, List<String> eventRoles, KieBase kieBase,
      RuleEventReads.Stored eventReads) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (DataOutputStream d = new DataOutputStream(all)) {
      d.writeUTF(MAGIC);
      d.writeUTF(key);
      d.writeInt(files.size());
      for (String f : files) d.writeUTF(f);
      d.writeInt(warnings.size());
      for (Warning w : warnings) {
        d.writeUTF(w.file());
        d.writeInt(w.line());
        d.writeUTF(w.message());
      }
      d.writeInt(eventRoles.size());
      for (String c : eventRoles) d.writeUTF(c);
      write(d, serialize(kieBase));
      d.writeBoolean(eventReads != null);
      if (eventReads != null) {
        eventReads.write(d);
        d.writeBoolean(eventReads.probes() != null);
        if (eventReads.probes() != null) write(d, serialize(eventReads.probes()));
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, all.toByteArray());
  }

  private static Serialized serialize(KieBase kieBase) throws IOException {
    InternalKnowledgeBase kb = (InternalKnowledgeBase) kieBase;
    Map<String, byte[]> classes = new TreeMap<>();
    if (kb.getRootClassLoader() instanceof ProjectClassLoader pcl && pcl.getStore() != null) classes.putAll(pcl.getStore());
    ByteArrayOutputStream pkgBytes = new ByteArrayOutputStream();
    try (DroolsObjectOutputStream o = new DroolsObjectOutputStream(pkgBytes)) {
      Collection<KiePackage> pkgs = kb.getKiePackages();
      o.writeInt(pkgs.size());
      for (KiePackage p : pkgs) o.writeObject(p);
    }
    return new Serialized(classes, pkgBytes.toByteArray());
  }

  private static void write(DataOutputStream d, Serialized rules) throws IOException {
    d.writeInt(rules.classes().size());
    for (Map.Entry<String, byte[]> c : rules.classes().entrySet()) {
      d.writeUTF(c.getKey());
      d.writeInt(c.getValue().length);
      d.write(c.getValue());
    }
    d.writeInt(rules.packages().length);
    d.write(rules.packages());
  }

  private static Serialized readSerialized(DataInputStream d) throws IOException {
    Map<String, byte[]> classes = new TreeMap<>();
    for (int i = d.readInt(); i > 0; i--) {
      String name = d.readUTF();
      byte[] b = new byte[d.readInt()];
      d.readFully(b);
      classes.put(name, b);
    }
    byte[] packages = new byte[d.readInt()];
    d.readFully(packages);
    return new Serialized(classes, packages);
  }

  /** The probes built for one parent class loader, kept: a process asks once per analysis. */
  private record BuiltProbes(ClassLoader parent, RuleEventReads.Probes probes) {}

  private final AtomicReference<BuiltProbes> builtProbes = new AtomicReference<>();

  /**
   * Which event types these rules read, as the build found it, with its probe rule base loaded for
   * {@code parent} (a fraction of a DRL compile: the probes are a few constraints on the type); null
   * when the build could not say.
   */
  RuleEventReads.Probes eventReadsProbes(ClassLoader parent) throws IOException, ClassNotFoundException {
    if (eventReads == null) return null;
    BuiltProbes known = builtProbes.get();
    if (known != null && known.parent() == parent) return known.probes();
    KieBase base = eventReadsProbes == null ? null : build(eventReadsProbes, parent, RuleCompiler::kieBaseConfiguration);
    if (base != null) ConstraintJit.keepOperatorConstraintsInterpreted(base); // as a probe compiled at run time is
    RuleEventReads.Probes probes = eventReads.probes(base, parent);
    builtProbes.set(new BuiltProbes(parent, probes));
    return probes;
  }

  static PrecompiledRules read(byte[] bytes) throws IOException {
    try (DataInputStream d = new DataInputStream(new BufferedInputStream(new ByteArrayInputStream(bytes)))) {
      if (!MAGIC.equals(d.readUTF())) throw new IOException("not a pre-compiled rules file of this version");
      String key = d.readUTF();
      Set<String> files = new TreeSet<>();
      for (int i = d.readInt(); i > 0; i--) files.add(d.readUTF());
      List<Warning> warnings = new ArrayList<>();
      for (int i = d.readInt(); i > 0; i--) warnings.add(new Warning(d.readUTF(), d.readInt(), d.readUTF()));
      Set<String> eventRoles = new TreeSet<>();
      for (int i = d.readInt(); i > 0; i--) eventRoles.add(d.readUTF());
      Serialized rules = readSerialized(d);
      RuleEventReads.Stored eventReads = null;
      Serialized probes = null;
      if (d.readBoolean()) {
        eventReads = RuleEventReads.Stored.read(d);
        if (d.readBoolean()) probes = readSerialized(d);
      }
      return new PrecompiledRules(key, files, List.copyOf(warnings), Set.copyOf(eventRoles), rules, eventReads, probes);
    }
  }
}
