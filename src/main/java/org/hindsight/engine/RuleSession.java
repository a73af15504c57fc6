package org.hindsight.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hindsight.facts.Fact;
import org.hindsight.facts.Finding;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.TimedFact;
import org.kie.api.KieServices;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.time.SessionPseudoClock;

/**
 * Runs the rules over one incident: the world's structure first, then every timed fact in time
 * order under a pseudo clock that follows event time, so CEP operators and expiry behave as they
 * would have live. The session runs on a worker thread under a {@link Budget}; past it, the rules
 * are halted (or abandoned, if an action never returns) and the busiest rule is named.
 */
public final class RuleSession {
  /** After the last event the clock keeps ticking this long, a minute at a time, for timers. */
  private static final int TAIL_MINUTES = 60;
  /**
   * Diagnostics ({@code -Dhindsight.sessionStats=true}): every 100,000 timeline facts, the session's
   * fact count, the events released, the heap in use and the busiest rules, on stderr; and each
   * deriver's facts, time and the heap in use after it (Analyzer).
   */
  public static final boolean STATS = Boolean.getBoolean("hindsight.sessionStats");

  private final RuleBase rules;
  private final Budget budget;

  public RuleSession(RuleBase rules, Budget budget) {
    this.rules = rules;
    this.budget = budget;
  }

  /**
   * @param structure facts without time (inventory, links, …)
   * @param timeline timed facts; need not be sorted (sorted here, stably)
   */
  public SessionOutcome run(List<? extends Fact> structure, List<? extends TimedFact> timeline) throws RuleException {
    return run(structure, timeline, Release.NONE);
  }

  /**
   * Events that may leave the session once matched: those of {@code types}, deleted after the rules
   * have fired on them, while no rule inserts, modifies or deletes a fact of one of {@code partners}
   * (the classes the rules reading them join them with; see {@link RuleEventReads.Reads}). Should a
   * rule touch a partner after an event has left, the session is run again keeping every event: the
   * results never depend on the release. With {@code leaveOutUnmatchable}, facts of a class no rule
   * or query can match ({@link RuleBase#matchable}) are not inserted at all.
   */
  public record Release(java.util.Set<String> types, java.util.Set<Class<?>> partners, boolean leaveOutUnmatchable) {
    /** No event leaves; facts of a class no pattern can match ({@link RuleBase#matchable}) are not inserted. */
    public static final Release NONE = new Release(java.util.Set.of(), java.util.Set.of(), true);
    /** Every fact inserted and kept: what the others are checked against. */
    public static final Release KEEP_ALL = new Release(java.util.Set.of(), java.util.Set.of(), false);

    public static Release of(RuleEventReads.Reads reads) {
      return new Release(java.util.Set.copyOf(reads.matchedOnce()), java.util.Set.copyOf(reads.partners()), true);
    }

    boolean inserts(RuleBase rules, Fact f) {
      return !leaveOutUnmatchable || rules.matchable(f.getClass());
    }

    boolean touches(Object fact) {
      for (Class<?> c : partners) if (c.isInstance(fact)) return true;
      return false;
    }
  }

  /** A rule touched a partner class after events had left the session: the run is void. */
  private static final class ReleaseVoid extends RuntimeException {
    ReleaseVoid() {
      super(null, null, false, false);
    }
  }

  /** As {@link #run(List, List)}, events of {@code release}'s types leaving once matched. */
  public SessionOutcome run(List<? extends Fact> structure, List<? extends TimedFact> timeline, Release release) throws RuleException {
    // Sorted as row numbers, not copied: the timeline may be a view over column-wise logs, and a copy
    // would hold every fact as an object for the whole session, inserted or not (CLI lines no rule
    // matches, events that left once matched, millions on a reduced fleet-scale bundle).
    int n = timeline.size();
    long[] millis = new long[n];
    for (int i = 0; i < n; i++) millis[i] = timeline.get(i).millis();
    int[] order = org.hindsight.util.IndexOrder.sorted(n, (a, b) -> Long.compare(millis[a], millis[b]));
    long[] ordered = new long[n];
    for (int i = 0; i < n; i++) ordered[i] = millis[order[i]];
    Worker worker = new Worker(structure, new org.hindsight.util.IndexedList<TimedFact>(order, timeline::get), ordered, release);
    FutureTask<SessionOutcome> task = new FutureTask<>(worker);
    Thread thread = new Thread(task, "hindsight-rules");
    thread.setDaemon(true); // an action that never returns must not keep the JVM alive
    thread.start();
    long graceMillis = budget.maxTime().toMillis() + 2000;
    try {
      return task.get(graceMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      String rule = worker.currentRule;
      StackTraceElement[] stack = thread.getStackTrace(); // before stopping it: where it was
      worker.halt();
      abandon(thread);
      String limit = budget.describeTime();
      if (rule != null) {
        throw new RuleException(problemFor(rule, "did not return within " + limit + " (stopped; is there an endless loop in its action?)"));
      }
      // No rule was firing: the time went on matching conditions. Never blame the busiest rule for it.
      String at = worker.inserting != null ? " while matching " + worker.inserting : "";
      if (inQuery(stack) && !rules.queries().isEmpty()) throw new RuleException(queryProblem("did not finish within " + limit + at));
      throw new RuleException(new RuleProblem("(rules)", 0, "the rules' conditions did not finish within " + limit + at
          + " (stopped; look for a condition that backtracks over long text or joins facts without a shared key)"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuleException(new RuleProblem("(rules)", 0, "interrupted"));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuleException re) throw re;
      if (cause instanceof StackOverflowError so && inQuery(so.getStackTrace()) && !rules.queries().isEmpty()) {
        throw new RuleException(queryProblem("recursed too deep (stack overflow)"));
      }
      if (cause instanceof VirtualMachineError vm) throw vm; // out of memory: Main says so in one line
      throw new RuleException(runtimeProblem(cause, worker));
    }
  }

  /**
   * Whether a stack is inside the evaluation of a DRL query. Phreak runs a recursive query as a loop
   * over stack entries, not as Java recursion, so the entry loop is the sign (it also serves nested
   * conditions; the message says "queries" only when the rules have some).
   */
  static boolean inQuery(StackTraceElement[] stack) {
    for (StackTraceElement f : stack) {
      String c = f.getClassName();
      if (!c.startsWith("org.drools.")) continue;
      if (c.contains("QueryElementNode") || c.contains("PhreakQuery") || f.getMethodName().equals("evalStackEntry")) return true;
    }
    return false;
  }

  /**
   * A stop inside query evaluation. Drools does not tell which query was running, so the message
   * points at the recursive ones (the usual suspects), the first at its line.
   */
  private RuleProblem queryProblem(String what) {
    List<QueryInfo> all = rules.queries();
    List<QueryInfo> suspects = all.stream().filter(QueryInfo::recursive).toList();
    if (suspects.isEmpty()) suspects = all;
    if (suspects.isEmpty()) return new RuleProblem("(rules)", 0, "a query " + what);
    QueryInfo first = suspects.get(0);
    String names = String.join(", ", suspects.stream().map(q -> "\"" + q.name() + "\" (" + q.at() + ")").toList());
    return new RuleProblem(first.at().file(), first.at().line(), "query evaluation " + what + "; "
        + (suspects.get(0).recursive() ? "recursive queries: " : "queries: ") + names
        + ". Does one recurse over deep or cyclic data? Bound it (a visited set or a depth) or walk with inference rules.");
  }

  /** An action that never returns ignores halt(): see {@link Watchdog#abandon}. */
  private static void abandon(Thread thread) {
    Watchdog.abandon(thread);
  }

  private RuleProblem problemFor(String ruleName, String what) {
    RuleInfo info = rules.rule(ruleName).orElse(null);
    String file = info != null ? info.file() : "(rules)";
    int line = info != null ? info.line() : 0;
    return new RuleProblem(file, line, "rule \"" + ruleName + "\" " + what);
  }

  private RuleProblem runtimeProblem(Throwable t, Worker worker) {
    if (Boolean.getBoolean("hindsight.debug")) t.printStackTrace();
    if (t instanceof ConsequenceException ce && ce.getMatch() != null) {
      return problemFor(ce.getMatch().getRule().getName(), "failed in its action: " + rootMessage(ce));
    }
    String at = worker.inserting != null ? " while matching " + worker.inserting : "";
    String rule = worker.currentRule;
    if (rule != null) return problemFor(rule, "failed" + at + ": " + rootMessage(t));
    String condition = failedCondition(t);
    RuleBase.Place place = condition == null ? null : rules.locate(condition);
    if (place != null) {
      return new RuleProblem(place.rule().file(), place.line(), "rule \"" + place.rule().name() + "\" failed in its condition "
          + condition + at + ": " + rootMessage(t));
    }
    return new RuleProblem("(rules)", 0, "a rule condition failed" + at + ": " + rootMessage(t));
  }

  private static final java.util.regex.Pattern NEAR = java.util.regex.Pattern.compile("\\[Near : \\{\\.\\.\\. (.+?) \\.\\.\\.\\.\\}\\]");

  /** The constraint text MVEL quotes in its error ("[Near : {... x == "a" ....}]"), or null. */
  static String failedCondition(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      java.util.regex.Matcher m = NEAR.matcher(String.valueOf(c.getMessage()));
      if (m.find()) return m.group(1).trim();
    }
    return null;
  }

  private static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) r = r.getCause();
    String m = r.getMessage() == null ? r.getClass().getSimpleName() : r.getClass().getSimpleName() + ": " + r.getMessage();
    return RuleCompiler.tidy(m);
  }

  private final class Worker implements java.util.concurrent.Callable<SessionOutcome> {
    final List<? extends Fact> structure;
    final List<TimedFact> timeline; // in time order; each element made when read
    final long[] millis; // the timeline's times, in the same order
    final java.util.BitSet releasable = new java.util.BitSet(); // timeline facts of the release's types
    FiringLog firings = new FiringLog();
    final Map<String, Detection.OfHypothesis> hypotheses = new LinkedHashMap<>();
    final Map<String, Detection.OfFinding> findings = new LinkedHashMap<>();
    volatile String currentRule;
    volatile SourceRef inserting;
    volatile KieSession session;
    volatile boolean overBudget;
    long started;
    long inserted;
    final Map<String, Integer> insertedKinds = new java.util.TreeMap<>(); // diagnostics only (STATS)
    int oldest; // the first timeline fact not yet expired
    final long retentionMillis = rules.retention().toMillis();
    Release release;
    int unreleased; // the first timeline fact not yet looked at for release
    long released;
    volatile boolean partnerTouched;

    Worker(List<? extends Fact> structure, List<TimedFact> timeline, long[] millis, Release release) {
      this.structure = structure;
      this.timeline = timeline;
      this.millis = millis;
      this.release = release;
    }

    void halt() {
      KieSession s = session;
      if (s != null) s.halt();
    }

    @Override
    public SessionOutcome call() throws RuleException {
      try {
        return session();
      } catch (ReleaseVoid e) {
        firings = new FiringLog();
        hypotheses.clear();
        findings.clear();
        inserted = 0;
        oldest = 0;
        unreleased = 0;
        released = 0;
        partnerTouched = false;
        releasable.clear();
        release = release.leaveOutUnmatchable() ? Release.NONE : Release.KEEP_ALL;
        return session();
      }
    }

    private SessionOutcome session() throws RuleException {
      KieServices ks = KieServices.Factory.get();
      KieSessionConfiguration conf = ks.newKieSessionConfiguration();
      conf.setOption(ClockTypeOption.PSEUDO);
      KieSession s = rules.kieBase().newKieSession(conf, null);
      session = s;
      try {
        s.addEventListener(new DefaultRuleRuntimeEventListener() {
          @Override
          public void objectInserted(ObjectInsertedEvent event) {
            Object o = event.getObject();
            if (o instanceof Hypothesis h) recordHypothesis(h, event);
            else if (o instanceof Finding f) recordFinding(f, event);
            if (event.getRule() != null && release.touches(o)) partnerTouched = true;
            if (STATS && event.getRule() != null) insertedKinds.merge("by rules: " + o.getClass().getSimpleName(), 1, Integer::sum);
          }

          @Override
          public void objectUpdated(org.kie.api.event.rule.ObjectUpdatedEvent event) {
            if (event.getRule() != null && release.touches(event.getObject())) partnerTouched = true;
          }

          @Override
          public void objectDeleted(org.kie.api.event.rule.ObjectDeletedEvent event) {
            if (event.getRule() != null && release.touches(event.getOldObject())) partnerTouched = true;
          }
        });
        s.addEventListener(new DefaultAgendaEventListener() {
          @Override
          public void beforeMatchFired(BeforeMatchFiredEvent event) {
            currentRule = event.getMatch().getRule().getName();
          }

          @Override
          public void afterMatchFired(AfterMatchFiredEvent event) {
            firings.fired(event.getMatch().getRule().getName(), () -> {
              List<SourceRef> refs = new ArrayList<>();
              List<String> names = new ArrayList<>();
              for (Object o : event.getMatch().getObjects()) {
                names.add(o.getClass().getSimpleName());
                if (o instanceof Fact f && f.origin() != null) refs.add(f.origin());
              }
              return new FiringLog.Match(refs, names);
            });
            currentRule = null;
            if (firings.total() >= budget.maxFirings()
                || System.nanoTime() - started > budget.maxTime().toNanos()) {
              overBudget = true;
              event.getKieRuntime().halt();
            }
          }
        });
        if (started == 0) started = System.nanoTime(); // a voided run's time counts against the budget too
        if (STATS) System.err.println("[session] new session: the session thread's CPU " + threadCpuMillis() + " ms");
        for (Fact f : structure) if (release.inserts(rules, f)) insert(s, f);
        fire(s);
        if (STATS) System.err.println("[session] structure in and fired: the session thread's CPU " + threadCpuMillis() + " ms");
        SessionPseudoClock clock = s.getSessionClock();
        long now = timeline.isEmpty() ? 0 : millis[0];
        clock.advanceTime(now, TimeUnit.MILLISECONDS);
        FactHandle[] handles = new FactHandle[timeline.size()];
        int count = 0;
        for (int k = 0; k < millis.length; k++) {
          if (millis[k] > now) {
            fire(s);
            release(s, handles, count);
            clock.advanceTime(millis[k] - now, TimeUnit.MILLISECONDS);
            now = millis[k];
            expire(s, handles, count, now);
          }
          TimedFact f = timeline.get(k);
          if (release.inserts(rules, f)) {
            if (f instanceof org.hindsight.facts.Event e && release.types().contains(e.type())) releasable.set(count);
            handles[count] = insert(s, f);
          }
          count++;
          if (STATS && count % 100_000 == 0) stats(s, count);
        }
        if (STATS) stats(s, count);
        fire(s);
        release(s, handles, count);
        for (int i = 0; i < TAIL_MINUTES; i++) {
          clock.advanceTime(1, TimeUnit.MINUTES);
          now += 60_000;
          expire(s, handles, count, now);
          fire(s);
        }
        if (STATS) System.err.println("[session] done: " + firings.total() + " firings, the session thread's CPU "
            + threadCpuMillis() + " ms");
        return new SessionOutcome(List.copyOf(hypotheses.values()), List.copyOf(findings.values()), firings, inserted, released);
      } finally {
        s.dispose();
      }
    }

    private FactHandle insert(KieSession s, Fact f) {
      inserting = f.origin();
      FactHandle h = s.insert(f);
      inserted++;
      if (STATS) insertedKinds.merge(f instanceof org.hindsight.facts.Event e ? "Event " + e.type() : f.getClass().getSimpleName(), 1, Integer::sum);
      inserting = null;
      return h;
    }

    private static long threadCpuMillis() {
      return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
    }

    private void stats(KieSession s, int count) {
      StringBuilder sb = new StringBuilder("[session] timeline " + count + "/" + timeline.size() + " facts " + s.getFactCount() + " released " + released
          + " cpu " + threadCpuMillis() + " ms"
          + " firings " + firings.total() + " heap " + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576 + "M:");
      firings.counts().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
          .forEach(e -> sb.append("\n    ").append(e.getValue()).append(' ').append(e.getKey()));
      sb.append("\n  inserted by kind:");
      insertedKinds.forEach((k, v) -> sb.append("\n    ").append(v).append(' ').append(k));
      System.err.println(sb);
    }

    /**
     * Deletes the events of the release's types among the timeline facts inserted since the last
     * call, all of which the rules have just fired on. Once a rule has touched a partner class no
     * event leaves any more, and if one already has, the run is void.
     */
    private void release(KieSession s, FactHandle[] handles, int count) {
      if (release.types().isEmpty()) return;
      if (partnerTouched) {
        if (released > 0) throw new ReleaseVoid();
        release = release.leaveOutUnmatchable() ? Release.NONE : Release.KEEP_ALL;
        return;
      }
      for (; unreleased < count; unreleased++) {
        if (releasable.get(unreleased)) {
          FactHandle h = handles[unreleased];
          if (h == null) continue;
          handles[unreleased] = null;
          if (s.getObject(h) != null) s.delete(h);
          released++;
        }
      }
    }

    /** Retracts the events (inserted in time order) whose retention ended before {@code now}. */
    private void expire(KieSession s, FactHandle[] handles, int count, long now) {
      long cutoff = now - retentionMillis;
      while (oldest < count && millis[oldest] < cutoff) {
        FactHandle h = handles[oldest];
        handles[oldest++] = null;
        if (h != null && s.getObject(h) != null) s.delete(h); // a rule may have deleted it already, or it left once matched
      }
    }

    private void fire(KieSession s) throws RuleException {
      s.fireAllRules();
      if (overBudget) {
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        String rule = firings.busiest();
        throw new RuleException(problemFor(rule, "was stopped by the firing budget: "
            + firings.total() + " firings in " + elapsedMs + " ms (limit " + budget.maxFirings() + " firings, "
            + budget.maxTime().toSeconds() + " s); it fired " + firings.count(rule)
            + " times — does it modify or insert facts that make it match again?"));
      }
    }

    private RuleInfo ruleOf(ObjectInsertedEvent e) {
      if (e.getRule() == null) return null;
      return rules.rule(e.getRule().getName()).orElse(null);
    }

    private void recordHypothesis(Hypothesis h, ObjectInsertedEvent e) {
      hypotheses.merge(h.key(), new Detection.OfHypothesis(h, ruleOf(e)),
          (old, neu) -> new Detection.OfHypothesis(old.hypothesis().mergedWith(neu.hypothesis()),
              // the rule of the claim kept, whichever fired first
              Hypothesis.ORDER.compare(neu.hypothesis(), old.hypothesis()) < 0 && neu.rule() != null || old.rule() == null
                  ? neu.rule() : old.rule()));
    }

    private void recordFinding(Finding f, ObjectInsertedEvent e) {
      findings.merge(f.key(), new Detection.OfFinding(f, ruleOf(e)),
          (old, neu) -> Finding.ORDER.compare(neu.finding(), old.finding()) < 0 ? neu : old);
    }
  }

  /** The budget in force. */
  public Budget budget() {
    return budget;
  }
}
