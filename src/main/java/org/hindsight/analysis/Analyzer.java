package org.hindsight.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.hindsight.derive.Derivers;
import org.hindsight.derive.FactDeriver;
import org.hindsight.engine.Budget;
import org.hindsight.engine.Detection;
import org.hindsight.engine.RuleBase;
import org.hindsight.engine.RuleCompiler;
import org.hindsight.engine.RuleEventReads;
import org.hindsight.engine.RuleException;
import org.hindsight.engine.RuleSession;
import org.hindsight.engine.SessionOutcome;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Event;
import org.hindsight.facts.Fact;
import org.hindsight.facts.OpsCommand;
import org.hindsight.facts.TimedFact;
import org.hindsight.ingest.Bundle;
import org.hindsight.ingest.BundleReader;
import org.hindsight.ingest.InputException;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.Simulator;
import org.hindsight.simulate.Simulators;
import org.hindsight.observe.Symptom;
import org.hindsight.simulate.Validation;
import org.hindsight.simulate.Validator;
import org.hindsight.simulate.Verdict;
import org.hindsight.world.World;
import org.hindsight.util.Activity;
import org.hindsight.derive.Derivation;
import org.hindsight.engine.RuleProblem;
import org.hindsight.engine.Watchdog;
import org.hindsight.facts.SourceRef;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The pipeline in one place: CSV logs → typed facts → derived facts → DRL rules → hypotheses →
 * validation by replay → a ranked {@link Analysis}.
 */
public final class Analyzer {
  private final Simulators simulators;
  private final List<FactDeriver> derivers;
  /** Where rules resolve their imports: captured here because rules compile on another thread. */
  private final ClassLoader classLoader = org.hindsight.plugin.Plugins.current();

  /** With the derivers and simulators on the class path and in any plugins loaded on this thread. */
  public Analyzer() {
    this(Simulators.load(), Derivers.all());
  }

  public Analyzer(Simulators simulators, List<FactDeriver> derivers) {
    this.simulators = simulators;
    this.derivers = List.copyOf(org.hindsight.derive.Derivers.inReadOrder(derivers));
  }

  /** The timed fact classes the rules may treat as CEP events. */
  public List<Class<? extends TimedFact>> eventTypes() {
    List<Class<? extends TimedFact>> types = new ArrayList<>(List.of(Event.class, ConfigCommand.class, OpsCommand.class));
    for (FactDeriver d : derivers) {
      for (Class<? extends Fact> c : d.factTypes()) {
        if (TimedFact.class.isAssignableFrom(c) && !types.contains(c)) types.add(c.asSubclass(TimedFact.class));
      }
    }
    return types;
  }

  public RuleBase compileRules(AnalysisOptions options) throws RuleException {
    return new RuleCompiler(eventTypes(), options.retention, classLoader).notices(options.notices).compile(options.ruleDirs);
  }

  public Bundle read(AnalysisOptions options) throws InputException {
    return BundleReader.builder().timezone(options.timezone).displayZone(options.displayZone)
        .lenient(options.lenient).lenientAll(options.lenientAll).timeFormat(options.timeFormat).year(options.year).encoding(options.encoding)
        .columnMap(options.columnMap).progress(options.progress).build()
        .readArgs(options.inputs);
  }

  public Analysis analyze(AnalysisOptions options) throws InputException, RuleException {
    // Compiling DRL and reading CSV are independent and each takes about a second: overlap them.
    CompletableFuture<Object> compiling = CompletableFuture.supplyAsync(() -> {
      try {
        return compileRules(options);
      } catch (RuleException e) {
        return e;
      }
    });
    Bundle bundle;
    try {
      bundle = read(options);
    } catch (InputException e) {
      compiling.cancel(true);
      throw e;
    }
    // The derivers need no rules: they run while the rules finish loading (the longer of the two).
    // A rule error is still said first, and the wait for the rules is not charged to the time budget.
    if (compiling.isDone() && rules(compiling) instanceof RuleException re) throw re;
    long started = System.nanoTime();
    World world;
    try {
      world = prepare(bundle, options);
    } catch (RuleException | RuntimeException e) {
      if (rules(compiling) instanceof RuleException re) throw re;
      throw e;
    }
    long deriving = System.nanoTime() - started;
    Activity.phase("waiting for the rules");
    Object compiled = rules(compiling);
    if (compiled instanceof RuleException re) throw re;
    return analyze(world, bundle, (RuleBase) compiled, options, System.nanoTime() - deriving);
  }

  /** The compiled rule base, or the {@link RuleException} compiling threw. */
  private static Object rules(CompletableFuture<Object> compiling) {
    try {
      return compiling.join();
    } catch (CompletionException e) {
      Activity.phase("compiling rules");
      if (e.getCause() instanceof Error err) throw err; // out of memory or stack: Main says so in one line
      throw new IllegalStateException("rule compilation crashed", e.getCause());
    }
  }

  /**
   * The world of a bundle with what the derivers made of it recorded: what rules and simulators see.
   * Derivers run within the analysis's time budget (they share it with the rules).
   */
  public World prepare(Bundle bundle, AnalysisOptions options) throws RuleException {
    World world = new World(bundle);
    List<Fact> derived = new ArrayList<>();
    // Derivers and rules share one time budget: a deriver stuck on one input line holds the analysis
    // as surely as a runaway rule.
    long started = System.nanoTime();
    for (FactDeriver d : derivers) {
      if (!d.reads().isEmpty()) world.recordDerived(derived); // what it reads, made by the derivers before it
      derived.addAll(derive(d, world, options.maxRuleTime.minusNanos(System.nanoTime() - started), options.maxRuleTime));
    }
    world.recordDerived(derived);
    return world;
  }

  public Analysis analyze(Bundle bundle, RuleBase rules, AnalysisOptions options) throws RuleException {
    long started = System.nanoTime();
    return analyze(prepare(bundle, options), bundle, rules, options, started);
  }

  /** The rules and validation over a prepared world; {@code started} is when deriving began (one time budget). */
  private Analysis analyze(World world, Bundle bundle, RuleBase rules, AnalysisOptions options, long started) throws RuleException {
    SessionFacts all = sessionFacts(world, bundle);
    List<Fact> structure = all.structure();
    long facts = structure.size() + all.timeline().size(); // the firing budget counts every fact, inserted or not
    SessionEvents events = sessionEvents(all, rules, options.ruleDirs, EVENTS_WORTH_A_PROBE);
    List<TimedFact> timeline = events.timeline();
    java.time.Duration spent = java.time.Duration.ofNanos(System.nanoTime() - started);
    java.time.Duration left = options.maxRuleTime.minus(spent);
    Budget budget = new Budget(options.maxFirings > 0 ? options.maxFirings : Budget.defaults(facts).maxFirings(),
        left.compareTo(java.time.Duration.ofSeconds(1)) < 0 ? java.time.Duration.ofSeconds(1) : left, options.maxRuleTime);
    Activity.phase("running the rules");
    if (options.whileRulesRun != null) aside(options.whileRulesRun);
    SessionOutcome outcome = new RuleSession(rules, budget).run(structure, timeline, events.release());
    Activity.phase("validating hypotheses by replay");

    List<Assessment> assessments = new ArrayList<>();
    long validating = System.nanoTime();
    for (Detection.OfHypothesis d : outcome.hypotheses()) {
      assessments.add(assess(world, d, options));
    }
    validating = System.nanoTime() - validating;
    assessments = Ties.demote(assessments); // claims the evidence cannot tell apart: neither confirmed
    assessments.sort(RANKING);
    return new Analysis(assessments, sortedFindings(outcome.findings()), unexplained(assessments), world, rules,
        outcome.firings(), bundle.stats(), java.time.Duration.ofNanos(validating));
  }

  /**
   * What the rule session is given: facts without time, and timed facts (the derived ones included),
   * with the event type at each timeline position (null for a fact that is no event), read from the
   * event log's type column where it can be: no event is made to be asked its type.
   */
  record SessionFacts(List<Fact> structure, List<TimedFact> timeline, java.util.function.IntFunction<String> eventTypeAt) {
    SessionFacts(List<Fact> structure, List<TimedFact> timeline) {
      this(structure, timeline, i -> timeline.get(i) instanceof Event e ? e.type() : null);
    }
  }

  static SessionFacts sessionFacts(World world, Bundle bundle) {
    List<Fact> structure = new ArrayList<>(bundle.structure());
    List<TimedFact> derivedTimed = new ArrayList<>();
    for (Fact f : world.derived(Fact.class)) {
      if (f instanceof TimedFact t) derivedTimed.add(t);
      else structure.add(f);
    }
    // the bundle's timeline is a view (events are made when read): copied, it would hold every event as an object
    List<TimedFact> rows = bundle.timeline();
    int[] order = bundle.timelineOrder();
    org.hindsight.ingest.EventLog log = bundle.eventLog();
    int events = log.size();
    java.util.function.IntFunction<String> typeAt = i -> {
      if (i >= order.length) return derivedTimed.get(i - order.length) instanceof Event e ? e.type() : null;
      int row = order[i];
      return row < events ? log.type(row) : null; // the timeline's rows: the events first, then config and ops commands
    };
    return new SessionFacts(structure, new Concatenation<>(rows, derivedTimed), typeAt);
  }

  /** Two lists read as one, neither copied. */
  private static final class Concatenation<T> extends java.util.AbstractList<T> implements java.util.RandomAccess {
    private final List<? extends T> first;
    private final List<? extends T> second;

    Concatenation(List<? extends T> first, List<? extends T> second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public T get(int index) {
      return index < first.size() ? first.get(index) : second.get(index - first.size());
    }

    @Override
    public int size() {
      return first.size() + second.size();
    }
  }

  /**
   * From this many events on, an event of a type no rule can match stays out of the rule session when
   * the rules include a folder the build did not pre-compile (a user's, or an edited built-in folder).
   * Below it, finding which types such rules read (compiling a probe of their Event patterns, 1.3–1.5 s
   * of CPU) costs more than the session's ~216 bytes a fact handle it saves; above it the handles of log
   * noise fill the heap (a 10M-row bundle: 245k of its 550k events). The built-in rules' probe is
   * compiled at build time ({@link RuleBase#knownEventReads}), so for them the events are left out at
   * any size. Either way the results are the same.
   */
  static final int EVENTS_WORTH_A_PROBE = 100_000;

  /**
   * The timeline without the events of types no rule matches in the session ({@link RuleEventReads}: from
   * the rules' own Event patterns; a pattern that may match any type keeps every event; a pattern
   * {@code from} an expression such as {@link org.hindsight.facts.EventWindows} matches no session fact). Such an event can take
   * part in no match, so leaving it out changes no result; the observation model, the replays and the
   * report still see every event in the bundle.
   */
  static List<TimedFact> readByRules(List<TimedFact> timeline, List<java.nio.file.Path> ruleDirs, int minEvents) {
    return sessionEvents(timeline, ruleDirs, minEvents).timeline();
  }

  /** The timeline the rule session is given, and which of its events may leave it once matched. */
  record SessionEvents(List<TimedFact> timeline, RuleSession.Release release) {}

  /** {@link #sessionEvents(SessionFacts, RuleBase, List, int)} for rules compiled at run time. */
  static SessionEvents sessionEvents(List<TimedFact> timeline, List<java.nio.file.Path> ruleDirs, int minEvents) {
    return sessionEvents(new SessionFacts(List.of(), timeline), null, ruleDirs, minEvents);
  }

  /**
   * {@link #readByRules}, and the events that may leave the session once the rules have fired on
   * them ({@link RuleEventReads.Reads#matchedOnce}): no later fact can join them, so holding their
   * handles and tuples to the end changes no result. {@code rules} answers without a compile when it
   * was loaded as pre-compiled ({@link RuleBase#knownEventReads}); else, from {@code minEvents} events
   * on, the probe of {@code ruleDirs} is compiled.
   */
  static SessionEvents sessionEvents(SessionFacts facts, RuleBase rules, List<java.nio.file.Path> ruleDirs, int minEvents) {
    List<TimedFact> timeline = facts.timeline();
    boolean mayKnow = rules != null && rules.mayKnowEventReads();
    // fewer timed facts than that, so fewer events: nothing to count
    if (!mayKnow && (timeline.size() < minEvents || ruleDirs.isEmpty())) return new SessionEvents(timeline, RuleSession.Release.NONE);
    java.util.Set<String> types = new java.util.HashSet<>();
    int events = 0;
    String[] typeAt = new String[timeline.size()]; // read once: the filter below asks again
    for (int i = 0; i < typeAt.length; i++) {
      String type = typeAt[i] = facts.eventTypeAt().apply(i);
      if (type != null) {
        events++;
        types.add(type);
      }
    }
    RuleEventReads.Reads reads = mayKnow ? rules.knownEventReads(types) : null;
    if (reads == null) {
      if (events < minEvents || ruleDirs.isEmpty()) return new SessionEvents(timeline, RuleSession.Release.NONE);
      try {
        reads = RuleEventReads.reads(ruleDirs, types);
      } catch (RuleException | java.io.IOException | RuntimeException e) {
        // the rules are the compiler's to report; here, nothing is left out
        return new SessionEvents(timeline, RuleSession.Release.NONE);
      }
    }
    RuleSession.Release release = RuleSession.Release.of(reads);
    java.util.Set<String> read = reads.inSession(); // a type read only `from` EventWindows needs no place in the session
    if (read.size() == types.size()) return new SessionEvents(timeline, release);
    // positions, not the facts: a list of the facts would hold every one kept as an object (the timeline is a view)
    int[] kept = new int[timeline.size()];
    int n = 0;
    for (int i = 0; i < typeAt.length; i++) {
      String type = typeAt[i];
      if (type == null || read.contains(type)) kept[n++] = i;
    }
    return new SessionEvents(new org.hindsight.util.IndexedList<>(java.util.Arrays.copyOf(kept, n), timeline::get), release);
  }

  /** Runs work on a daemon thread of its own; a failure there is no failure of the analysis. */
  private static void aside(Runnable work) {
    Thread t = new Thread(() -> {
      try {
        work.run();
      } catch (RuntimeException | LinkageError ignored) {
        // only a head start: the same work is done again when needed, and fails there if it must
      }
    }, "hindsight-aside");
    t.setDaemon(true);
    t.start();
  }

  /** One deriver's facts, within what is left of the budget; past it, a problem at the record it was on. */
  private static List<? extends Fact> derive(FactDeriver d, World world, java.time.Duration left, java.time.Duration total)
      throws RuleException {
    Activity.phase("deriving facts (" + d.name() + ")");
    Derivation.reset();
    try {
      long t0 = System.nanoTime();
      long[] cpu = new long[1]; // the deriver thread's own CPU: wall time on a shared machine says little
      List<? extends Fact> out = Watchdog.call("hindsight-deriver-" + d.name(), () -> {
        try {
          return d.derive(world);
        } finally {
          if (RuleSession.STATS) cpu[0] = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }
      }, left);
      if (RuleSession.STATS) { // where a big run spends its heap before the session (-Dhindsight.sessionStats=true)
        Runtime rt = Runtime.getRuntime();
        System.err.println("[derive] " + d.name() + ": " + out.size() + " facts, " + (System.nanoTime() - t0) / 1_000_000 + " ms, CPU "
            + cpu[0] / 1_000_000 + " ms, heap " + (rt.totalMemory() - rt.freeMemory()) / 1048576 + "M");
      }
      return out;
    } catch (TimeoutException e) {
      SourceRef at = Derivation.current();
      String what = "deriver \"" + d.name() + "\" was stopped by the time budget of " + total.toSeconds()
          + " s (derivers and rules share it, --max-rule-seconds)";
      throw new RuleException(at != null
          ? new RuleProblem(at.file(), at.line(), what + " while interpreting this line")
          : new RuleProblem("(deriver " + d.name() + ")", 0, what));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error err) throw err; // out of memory or stack: Main says so in one line
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException("deriver " + d.name() + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuleException(new RuleProblem("(deriver " + d.name() + ")", 0, "interrupted"));
    }
  }

  private Assessment assess(World world, Detection.OfHypothesis d, AnalysisOptions options) {
    var h = d.hypothesis();
    if (!options.simulate) {
      return new Assessment(h, d.rule(), Validator.notSimulated(h, "validation by replay was switched off"), null);
    }
    return validate(world, h, d.rule());
  }

  /**
   * Validates one hypothesis in a {@link #prepare prepared} world: its pattern's simulator (or the
   * one it asks for) replays it and the validator judges the replay against the world's
   * observations. Also how tests put a claim to a perturbed incident when no rule would make it.
   */
  public Assessment validate(World world, org.hindsight.facts.Hypothesis h, org.hindsight.engine.RuleInfo rule) {
    Detection.OfHypothesis d = new Detection.OfHypothesis(h, rule);
    // A custom pattern may ask for a generic simulator by name: detail simulate=<simulator pattern>.
    String asked = h.detail("simulate");
    Simulator sim = simulators.forPattern(h.pattern())
        .or(() -> asked.isEmpty() ? java.util.Optional.empty() : simulators.forPattern(asked)).orElse(null);
    if (sim == null) {
      String why = "no simulator serves pattern " + h.pattern()
          + (asked.isEmpty() ? "" : " nor simulate=" + asked + " (simulators: " + String.join(", ", simulators.patterns()) + ")");
      return new Assessment(h, d.rule(), Validator.notSimulated(h, why), null);
    }
    Replay replay = sim.replay(world, h, SimulationBudget.defaults());
    java.time.Instant causeTime = world.timeOf(h.cause());
    if (causeTime == null) causeTime = world.timeOf(h.trigger());
    Validation v = Validator.judge(h, replay, world.observations(), sim, causeTime);
    return new Assessment(h, d.rule(), v, replay.withObserved(scored(v)));
  }

  /** The observed symptoms a validation looked at: explained, unexplained and those that came before the cause. */
  private static List<Symptom> scored(Validation v) {
    java.util.Set<Symptom> out = new java.util.LinkedHashSet<>(v.explained());
    out.addAll(v.unexplained());
    if (v.scorecard() != null) {
      for (var t : v.scorecard().terms()) if (t.observed() != null) out.add(t.observed());
    }
    List<Symptom> sorted = new ArrayList<>(out);
    sorted.sort(Comparator.comparing(Symptom::onset).thenComparing(Symptom::key));
    return sorted;
  }

  /**
   * Verdict first; within a verdict, a pattern's hypothesis before a {@link
   * org.hindsight.facts.Hypothesis#generic() generic} one (e.g. change correlation), so a generic
   * pack never outranks a confirmed pattern hypothesis; then confidence. A live fallback (fault
   * localisation) ranks among the plausible whatever its verdict: its candidates are alternatives
   * for one root, each replayed against the others as rivals, so which of them clears the
   * confirmation margin says how close its rivals came, not which is best supported; confidence
   * (the strength of its own rise, reproduction, support) orders them. The one place the order is
   * decided.
   */
  public static final Comparator<Assessment> RANKING = Comparator
      .comparingInt((Assessment a) -> rank(a.validation().verdict() == Verdict.CONFIRMED && a.hypothesis().fallback()
          ? Verdict.PLAUSIBLE : a.validation().verdict()))
      // a second-period claim (a change that made the incident worse) after the claims of its verdict that are not; the
      // reports never take it for the root whatever its rank (Postmortem.best)
      .thenComparingInt(a -> a.hypothesis().worsens() ? 1 : 0)
      .thenComparingInt(a -> a.hypothesis().generic() ? 1 : 0)
      .thenComparing(Comparator.comparingDouble(Assessment::confidence).reversed())
      .thenComparing(a -> a.hypothesis().pattern())
      .thenComparing(a -> a.hypothesis().subject());

  private static int rank(Verdict v) {
    return switch (v) {
      case CONFIRMED -> 0;
      case PLAUSIBLE -> 1;
      case NOT_SIMULATED -> 2;
      case REFUTED -> 3;
    };
  }

  private static List<Detection.OfFinding> sortedFindings(List<Detection.OfFinding> findings) {
    List<Detection.OfFinding> out = new ArrayList<>(findings);
    out.sort(Comparator.comparing((Detection.OfFinding f) -> f.finding().kind())
        .thenComparing(f -> f.finding().pattern()).thenComparing(f -> f.finding().subject())
        .thenComparing(f -> f.finding().summary()));
    return out;
  }

  /**
   * Observed symptoms that some replay looked at but no live hypothesis explains, neither as a term
   * of its score nor as the explained trouble of an entity seen another way.
   */
  private static List<Symptom> unexplained(List<Assessment> assessments) {
    // By symptom, not by key: one entity can have two episodes (errors from a backbone fault, later
    // from the cause), and explaining the second must not hide the first.
    Map<Symptom, Symptom> seen = new LinkedHashMap<>();
    java.util.Set<Symptom> explained = new java.util.HashSet<>();
    for (Assessment a : assessments) {
      if (a.replay() == null) continue;
      for (Symptom s : a.replay().observed()) seen.putIfAbsent(s, s);
      if (a.validation().verdict().live()) {
        explained.addAll(a.validation().explained());
        explained.addAll(a.validation().accompanying());
      }
    }
    return seen.values().stream().filter(s -> !explained.contains(s))
        .sorted(Comparator.comparing((Symptom s) -> s.onset() == null ? java.time.Instant.MIN : s.onset())
            .thenComparing(Symptom::key))
        .toList();
  }
}
