package org.hindsight.observe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.hindsight.facts.Event;
import org.hindsight.facts.MetricSeries;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.Span;

/**
 * The observation model: every symptom the logs show, per entity, with onset, end and the records
 * that show them, read once per incident by one extractor whatever the hypotheses are (kinds:
 * {@link SymptomKinds}). Validation scores every replay against it; reports list it.
 *
 * <p>Built in one pass over the events (in time order) and one over each metric series; indexed
 * by kind and by kind and entity, so a lookup is a hash probe or a binary search, never a scan.
 */
public final class Observations {
  private static final Comparator<Symptom> ORDER = Comparator.comparing(Symptom::onset)
      .thenComparing(Symptom::kind).thenComparing(Symptom::entity)
      .thenComparing(s -> s.evidence() == null ? new SourceRef("", 0) : s.evidence());

  private final List<Symptom> all;
  private final List<Symptom> listed;
  /** Rows of {@link #table} by kind, by kind and entity, by entity: each list by onset. */
  private final Map<String, List<Symptom>> byKind = new HashMap<>();
  private final Map<String, List<Symptom>> byKindAndEntity = new HashMap<>();
  private final Map<String, List<Symptom>> byEntity = new HashMap<>();
  private final Instant logsStart;
  private final Instant logsEnd;
  /** Kind and entity ({@link #key}) of every metric series the logs hold: what a metric-read kind can be seen on. */
  private final java.util.Set<String> measured;
  /** Whether the logs hold any event at all: with none (no events file), no event-read kind could be seen. */
  private final boolean eventsLogged;
  /** The spells of failed requests read with it (set once by {@link #of}). */
  private List<org.hindsight.facts.FailedRequests> failedRequests = List.of();

  /** Every symptom, then every anomaly, each by {@link #ORDER}: the lists above are views of its rows. */
  private Observations(List<Symptom> symptoms, List<Symptom> anomalies, Instant logsStart, Instant logsEnd,
      java.util.Set<String> measured, boolean eventsLogged) {
    this.measured = measured;
    this.eventsLogged = eventsLogged;
    symptoms.sort(ORDER);
    anomalies.sort(ORDER);
    List<Symptom> indexed = new ArrayList<>(symptoms.size() + anomalies.size());
    indexed.addAll(symptoms);
    indexed.addAll(anomalies); // by kind only: see SymptomKinds.ANOMALY
    SymptomTable table = SymptomTable.of(indexed);
    this.all = Collections.unmodifiableList(table.subList(0, symptoms.size()));
    int[] listedRows = listed(symptoms, anomalies);
    this.listed = listedRows == null ? all : Collections.unmodifiableList(new SymptomTable.Rows(table, listedRows));
    Map<String, IntList> kinds = new HashMap<>();
    Map<String, IntList> kindsAndEntities = new HashMap<>();
    Map<String, IntList> entities = new HashMap<>();
    for (int i = 0; i < indexed.size(); i++) {
      Symptom s = indexed.get(i);
      kinds.computeIfAbsent(s.kind(), k -> new IntList()).add(i);
      kindsAndEntities.computeIfAbsent(key(s.kind(), s.entity()), k -> new IntList()).add(i);
      entities.computeIfAbsent(s.entity(), k -> new IntList()).add(i);
    }
    kinds.forEach((k, rows) -> byKind.put(k, rows.over(table)));
    kindsAndEntities.forEach((k, rows) -> byKindAndEntity.put(k, rows.over(table)));
    entities.forEach((k, rows) -> byEntity.put(k, rows.over(table)));
    this.logsStart = logsStart;
    this.logsEnd = logsEnd;
  }

  /** A growable list of rows, for the indexes while they are built. */
  private static final class IntList {
    private int[] rows = new int[2];
    private int n;

    void add(int row) {
      if (n == rows.length) rows = java.util.Arrays.copyOf(rows, n * 2);
      rows[n++] = row;
    }

    List<Symptom> over(SymptomTable table) {
      return Collections.unmodifiableList(new SymptomTable.Rows(table, java.util.Arrays.copyOf(rows, n)));
    }
  }

  /**
   * Reads the symptoms of an incident.
   *
   * @param eventsInTimeOrder every event, in time order (file order on ties)
   * @param metrics every metric series
   * @param knownNode whether a name is an entity of the world (inventory or link end); an
   *     adjacency event naming a link ("r1--r2") is about the first known node it names
   */
  public static Observations of(List<Event> eventsInTimeOrder, Collection<MetricSeries> metrics, Predicate<String> knownNode) {
    return of(eventsInTimeOrder, metrics, List.of(), knownNode);
  }

  /** As above, with trace spans (they feed the {@link SymptomKinds#ANOMALY learned-baseline} kind). */
  public static Observations of(List<Event> eventsInTimeOrder, Collection<MetricSeries> metrics, List<Span> spans,
      Predicate<String> knownNode) {
    return of(eventsInTimeOrder, eventsInTimeOrder, metrics, spans, knownNode);
  }

  /**
   * As above, given also the events of the types the model reads ({@link #readsEventType}), in time order:
   * a world has them from its type column, without making every event of the bundle to read its type.
   */
  public static Observations of(List<Event> eventsInTimeOrder, List<Event> readEventsInTimeOrder, Collection<MetricSeries> metrics,
      List<Span> spans, Predicate<String> knownNode) {
    return of(eventsInTimeOrder, readEventsInTimeOrder, eventsInTimeOrder, metrics, spans, knownNode);
  }

  /**
   * As above, given also the error logs in time order (at least every event with an entity and an
   * {@link LearnedBaselines#errorSeverity error severity}: the learned baselines count those only): a world
   * has them from its severity column, without making every event to read its severity.
   */
  public static Observations of(List<Event> eventsInTimeOrder, List<Event> readEventsInTimeOrder, List<Event> errorLogsInTimeOrder,
      Collection<MetricSeries> metrics, List<Span> spans, Predicate<String> knownNode) {
    return of(eventsInTimeOrder, readEventsInTimeOrder, errorLogsInTimeOrder, metrics, spans, RequestOutcomes.Reading.NONE, knownNode);
  }

  /**
   * As above, given also what the sampled requests show ({@link RequestOutcomes#read}): a process no metric
   * series measures shows its trouble there (its requests failing, {@link SymptomKinds#ERRORS errors}).
   */
  public static Observations of(List<Event> eventsInTimeOrder, List<Event> readEventsInTimeOrder, List<Event> errorLogsInTimeOrder,
      Collection<MetricSeries> metrics, List<Span> spans, RequestOutcomes.Reading requests, Predicate<String> knownNode) {
    List<Symptom> out = new ArrayList<>();
    Instant start = null;
    Instant end = null;
    if (!eventsInTimeOrder.isEmpty()) {
      start = eventsInTimeOrder.get(0).time();
      end = eventsInTimeOrder.get(eventsInTimeOrder.size() - 1).time();
    }
    readEvents(readEventsInTimeOrder, knownNode, out); // a type it does not read makes no symptom
    java.util.Set<String> measured = new java.util.HashSet<>();
    for (MetricSeries s : metrics) {
      measured.add(key(SymptomKinds.ofMetric(s.metric()), s.entity()));
      // a series whose fall is trouble (work served, a liveness gauge) shows its entity's outage even with no event
      if (SymptomKinds.fallIsTrouble(s.metric())) measured.add(key(SymptomKinds.ofFall(s.metric()), s.entity()));
      readSeries(s, out);
      if (start == null || s.firstTime().isBefore(start)) start = s.firstTime();
      if (end == null || s.lastTime().isAfter(end)) end = s.lastTime();
    }
    for (Span s : spans) {
      if (start == null || s.time().isBefore(start)) start = s.time();
      if (end == null || s.time().isAfter(end)) end = s.time();
    }
    if (!requests.processes().isEmpty()) {
      java.util.Set<String> seriesEntities = new java.util.HashSet<>();
      for (MetricSeries s : metrics) seriesEntities.add(s.entity());
      java.util.Set<String> byRequests = new java.util.HashSet<>();
      RequestOutcomes.readSymptoms(requests, seriesEntities::contains, out, byRequests);
      for (String p : byRequests) measured.add(key(SymptomKinds.ERRORS, p));
    }
    Observations o = new Observations(out, LearnedBaselines.of(errorLogsInTimeOrder, metrics, spans, start, end), start, end, measured,
        !eventsInTimeOrder.isEmpty());
    o.failedRequests = requests.spells();
    return o;
  }

  /** Every spell of failed sampled requests ({@link RequestOutcomes}), also of processes whose metrics are their symptoms. */
  public List<org.hindsight.facts.FailedRequests> failedRequests() {
    return failedRequests;
  }

  /**
   * Whether the logs could show a symptom of this kind on this entity at all. Kinds read from events could
   * whenever the logs hold events (an event may be logged any time), and could not when they hold none (the
   * events file missing: a predicted outage nobody could have logged is no evidence against the cause) unless
   * a series of the entity whose fall is trouble (work served, a liveness gauge) could show it; a kind
   * read from a metric only where the entity has a series of a metric of that kind; learned-baseline anomalies
   * always. A replay's prediction nothing measures is unseen for want of data, not shown false.
   */
  public boolean measures(String kind, String entity) {
    if (kind.equals(SymptomKinds.ANOMALY)) return true;
    if (!SymptomKinds.FROM_METRICS.contains(kind)) return eventsLogged || measured.contains(key(kind, entity));
    return measured.contains(key(kind, entity));
  }

  /** Every symptom, by onset (then kind, entity). */
  public List<Symptom> all() {
    return all;
  }

  /**
   * What reports list as the symptoms: {@link #all()}, plus the trouble of an entity that only its
   * learned baselines show ({@link #troubleOnlyLearned}); by onset. Validation scores against the
   * indexes, not this list.
   */
  public List<Symptom> listed() {
    return listed;
  }

  public List<Symptom> ofKind(String kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  /** The episodes of one kind on one entity, by onset. */
  public List<Symptom> of(String kind, String entity) {
    return byKindAndEntity.getOrDefault(key(kind, entity), List.of());
  }

  /** Every episode of one entity, of any kind, by onset. */
  public List<Symptom> ofEntity(String entity) {
    return byEntity.getOrDefault(entity, List.of());
  }

  /** The episodes of one kind on one entity with onset within [from, to], by onset. */
  public List<Symptom> of(String kind, String entity, Instant from, Instant to) {
    List<Symptom> list = of(kind, entity);
    int i = firstAtOrAfter(list, from);
    int j = i;
    while (j < list.size() && !list.get(j).onset().isAfter(to)) j++;
    return list.subList(i, j);
  }

  /** Symptoms of the given kinds whose onset is within [from, to], by onset. */
  public List<Symptom> between(Collection<String> kinds, Instant from, Instant to) {
    List<Symptom> out = new ArrayList<>();
    for (String k : kinds) {
      List<Symptom> list = ofKind(k);
      for (int i = firstAtOrAfter(list, from); i < list.size() && !list.get(i).onset().isAfter(to); i++) out.add(list.get(i));
    }
    if (kinds.size() > 1) out.sort(ORDER);
    return out;
  }

  /** The first episode of {@code kind} on {@code entity} with onset at or after {@code from}, or null. */
  public Symptom firstAtOrAfter(String kind, String entity, Instant from) {
    List<Symptom> list = of(kind, entity);
    int i = firstAtOrAfter(list, from);
    return i < list.size() ? list.get(i) : null;
  }

  /** The first timestamped record of the logs (null when none). */
  public Instant logsStart() {
    return logsStart;
  }

  /** The last timestamped record of the logs: a symptom still open then never showed its end. */
  public Instant logsEnd() {
    return logsEnd;
  }

  /**
   * {@link #all()} plus each {@link #troubleOnlyLearned trouble anomaly} of an entity with no symptom
   * already listed under way at its onset: no threshold symptom of any kind, nor an earlier anomaly
   * listed in the same class (latency; errors: failed spans and error-log templates, so a burst of many
   * templates on one host is one row; call shapes). A bundle of traces only (no events, no metrics) otherwise lists
   * nothing, however slow and failing a service is.
   */
  /** The rows listed ({@code all}'s, then {@code anomaliesByOnset}'s after them), by onset; null when that is {@code all}. */
  private static int[] listed(List<Symptom> all, List<Symptom> anomaliesByOnset) {
    Map<String, List<Symptom>> shown = new HashMap<>();
    for (Symptom s : all) shown.computeIfAbsent(s.entity(), k -> new ArrayList<>()).add(s);
    List<Integer> added = new ArrayList<>();
    Map<String, List<Symptom>> addedByClass = new HashMap<>();
    for (int j = 0; j < anomaliesByOnset.size(); j++) {
      Symptom a = anomaliesByOnset.get(j);
      String trouble = troubleOnlyLearned(a);
      if (trouble == null || a.onset() == null) continue;
      if (underWay(shown.getOrDefault(a.entity(), List.of()), a.onset())) continue;
      List<Symptom> same = addedByClass.computeIfAbsent(key(trouble, a.entity()), k -> new ArrayList<>());
      if (underWay(same, a.onset())) continue;
      same.add(a);
      added.add(all.size() + j);
    }
    if (added.isEmpty()) return null;
    List<Integer> out = new ArrayList<>(all.size() + added.size());
    for (int i = 0; i < all.size(); i++) out.add(i);
    out.addAll(added);
    java.util.function.IntFunction<Symptom> row = r -> r < all.size() ? all.get(r) : anomaliesByOnset.get(r - all.size());
    out.sort((x, y) -> ORDER.compare(row.apply(x), row.apply(y))); // stable: as the list of symptoms was sorted
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The class of trouble an anomaly episode is when no threshold kind reads its series ("latency",
   * "errors" or "calls"), else null: a service's span latency rising, its failed spans, an error-log
   * template's count, requests it serves in a shape they did not have (code that throws or returns early,
   * seen even when no span is slow or failed). Metric series are left out (their threshold kinds already
   * list what went wrong), and so are falls (a faster service, or one sent less work, is not in trouble itself).
   */
  static String troubleOnlyLearned(Symptom anomaly) {
    if (!SymptomKinds.ANOMALY.equals(anomaly.kind()) || LearnedBaselines.below(anomaly)) return null;
    String d = anomaly.detail();
    if (d.equals(LearnedBaselines.SPANS_P90)) return SymptomKinds.LATENCY;
    if (d.equals(LearnedBaselines.SPANS_FAILED) || d.startsWith(LearnedBaselines.ERROR_LOG)) return SymptomKinds.ERRORS;
    if (d.startsWith(LearnedBaselines.SPANS_SHAPE)) return "calls";
    return null;
  }

  /** Whether one of the episodes was under way at {@code t}: begun at or before it, not over before it. */
  private static boolean underWay(List<Symptom> episodes, Instant t) {
    for (Symptom s : episodes) {
      if (s.onset() != null && !s.onset().isAfter(t) && (s.end() == null || !s.end().isBefore(t))) return true;
    }
    return false;
  }

  private static int firstAtOrAfter(List<Symptom> byOnset, Instant from) {
    int lo = 0;
    int hi = byOnset.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (byOnset.get(mid).onset().isBefore(from)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private static String key(String kind, String entity) {
    return kind + '\u0000' + entity;
  }

  /** An episode being read: open until the event that ends it. */
  private static final class Open {
    final String kind;
    final String entity;
    final Event start;

    Open(String kind, String entity, Event start) {
      this.kind = kind;
      this.entity = entity;
      this.start = start;
    }

    Symptom close(Event end) {
      return new Symptom(kind, entity, start.time(), start.time(), end == null ? null : end.time(), end == null ? null : end.time(),
          Double.NaN, start.type(), start.origin(), end == null ? null : end.origin());
    }
  }

  /**
   * Down, degraded and adjacency episodes (a repeated down while down is the same episode);
   * restarts and data loss as moments.
   */
  private static void readEvents(List<Event> events, Predicate<String> knownNode, List<Symptom> out) {
    Map<String, Open> down = new LinkedHashMap<>();
    Map<String, Open> degraded = new LinkedHashMap<>();
    Map<String, Open> adjacency = new LinkedHashMap<>();
    for (Event e : events) {
      String entity = e.entity();
      if (entity.isEmpty()) continue;
      String state = state(e.type());
      switch (state) {
        case "down" -> {
          close(degraded, entity, e, out);
          down.computeIfAbsent(entity, k -> new Open(SymptomKinds.SERVICE_DOWN, entity, e));
        }
        case "degraded" -> {
          close(down, entity, e, out);
          degraded.computeIfAbsent(entity, k -> new Open(SymptomKinds.SERVICE_DEGRADED, entity, e));
        }
        case "up" -> {
          close(down, entity, e, out);
          close(degraded, entity, e, out);
        }
        case "adjacency.down" -> {
          String node = node(entity, knownNode);
          adjacency.computeIfAbsent(node, k -> new Open(SymptomKinds.ADJACENCY_DOWN, node, e));
        }
        case "adjacency.up" -> close(adjacency, node(entity, knownNode), e, out);
        default -> {
          String kind = SymptomKinds.ofEvent(e.type());
          if (kind != null && (kind.equals(SymptomKinds.RESTART) || kind.equals(SymptomKinds.DATA_LOSS))) {
            out.add(new Symptom(kind, entity, e.time(), e.time(), e.time(), e.time(), Double.NaN, e.type(), e.origin(), e.origin()));
          }
        }
      }
    }
    for (Map<String, Open> open : List.of(down, degraded, adjacency)) {
      for (Open o : open.values()) out.add(o.close(null));
    }
  }

  /**
   * Whether an event of this type says its entity went down, as the observation model reads it
   * ({@code service.down}, {@code service.unavailable}, {@code probe.failed} …; not an action's outcome).
   * Usable from DRL: {@code Event( Observations.saysDown(type) )}.
   */
  public static boolean saysDown(String type) {
    return state(type).equals("down");
  }

  /** Whether the observation model reads events of this type (a state or a symptom kind); see {@link SymptomKinds}. */
  public static boolean readsEventType(String type) {
    return !state(type).isEmpty() || SymptomKinds.ofEvent(type) != null;
  }

  /**
   * What an event type says about its entity's state, read from its last word (camelCase, {@code .},
   * {@code _} and {@code -} split words: {@code NodeNotReady}, {@code dns.healthcheck.failed},
   * {@code service-unreachable}): down ({@link #DOWN_WORDS}, or "not" before ready, reachable,
   * available or healthy), degraded, serving again ({@link #UP_WORDS}); adjacency events keep their
   * own kind; link and site events are not a state (""), nor is the outcome of an action ({@link #ACTIONS}:
   * a failed login, a deploy that succeeded, a session timed out), which says nothing of the entity's health
   * ({@code *.down} always says down).
   */
  static String state(String type) {
    return type == null ? readState(null) : STATES.apply(type);
  }

  /** Read once per type: rules, derivers and this model ask it of every event. */
  private static final org.hindsight.util.BoundedMemo<String, String> STATES =
      new org.hindsight.util.BoundedMemo<>(Observations::readState, 4096);

  private static String readState(String type) {
    String t = type.toLowerCase(java.util.Locale.ROOT);
    if (t.equals("adjacency.down") || t.equals("adjacency.up")) return t;
    if (t.startsWith("adjacency.") || t.startsWith("link.") || t.startsWith("site.")) return "";
    List<String> words = org.hindsight.facts.EventTypeWords.camelCase(type);
    if (words.isEmpty()) return "";
    String last = words.get(words.size() - 1);
    boolean not = words.size() > 1 && (words.get(words.size() - 2).equals("not") || words.get(words.size() - 2).equals("no"));
    if (last.equals("degraded")) return "degraded";
    if (last.equals("down")) return "down";
    // one word in CamelCase: Kubernetes' CrashLoopBackOff
    if (t.replaceAll("[._:/ -]", "").endsWith("crashloopbackoff")) return "down";
    // a health check's own states (Consul, Nagios, Icinga, Sensu): critical is failing, warning degraded, passing serving
    boolean check = words.stream().anyMatch(CHECK_WORDS::contains);
    if (check && last.equals("warning")) return "degraded";
    boolean downWord = DOWN_WORDS.contains(last) || (not && UP_WORDS.contains(last)) || (check && last.equals("critical"));
    if (check && last.equals("passing")) return "up";
    if (!downWord && !UP_WORDS.contains(last)) return "";
    for (String w : words) if (ACTIONS.contains(w)) return "";
    return downWord ? "down" : "up";
  }

  /**
   * Last words saying the entity stopped serving: down, failed, unreachable, unavailable, timed out, not ready, shut down
   * (thermal_shutdown)…, or taken off its machines by its scheduler: a job descheduled (Borg, Google Cloud 2019-06-02),
   * a pod evicted, a VM preempted.
   */
  static final java.util.Set<String> DOWN_WORDS = java.util.Set.of("down", "failed", "failure", "unreachable", "unavailable",
      "unhealthy", "timeout", "timedout", "outage", "offline", "notready", "crashloop", "shutdown", "descheduled", "evicted",
      "preempted");
  /**
   * Words saying an event is a health check's: its states critical, warning and passing are the entity's
   * (Consul's {@code Check is now critical}, a Nagios service alert); elsewhere {@code critical} is a severity.
   */
  static final java.util.Set<String> CHECK_WORDS = java.util.Set.of("check", "checks", "healthcheck", "health");
  /** Last words saying it serves again. */
  static final java.util.Set<String> UP_WORDS = java.util.Set.of("up", "recovered", "reachable", "available", "healthy", "ready",
      "passed", "succeeded", "online");
  /**
   * Words naming an action whose failure says nothing about the entity's health: a refused login, a
   * deploy or backup that did not complete (a change that failed is the change pack's business).
   */
  static final java.util.Set<String> ACTIONS = java.util.Set.of("login", "logon", "auth", "authentication", "password",
      "deploy", "deployment", "rollout", "release", "upgrade", "update", "install", "patch", "migration", "backup",
      "snapshot", "build", "test", "cron", "lint", "validation", "commit", "session", "idle");

  private static void close(Map<String, Open> open, String entity, Event end, List<Symptom> out) {
    Open o = open.remove(entity);
    if (o != null) out.add(o.close(end));
  }

  /** The entity an adjacency event is about: its own name, else the first known node it names. */
  private static String node(String entity, Predicate<String> knownNode) {
    if (knownNode.test(entity)) return entity;
    for (String part : entity.split("[\\s,;|<>=]+|--|->")) if (!part.isEmpty() && knownNode.test(part)) return part;
    return entity;
  }

  /** The threshold episodes of one metric series (what {@link #of} reads from it, learned baselines apart). */
  public static List<Symptom> ofSeries(MetricSeries s) {
    List<Symptom> out = new ArrayList<>();
    readSeries(s, out);
    return out;
  }

  /**
   * Episodes of one series: from the first sample at or beyond its threshold to the first sample
   * back near the baseline (at or below half-way between baseline and threshold), so a value
   * hovering just under the threshold is still the same episode. "Baseline" for the end is the
   * series' level before this episode began (the median of the normal samples before the onset, at most
   * {@link MetricThresholds#BASELINE_SAMPLES}; the series baseline when fewer than three precede
   * it), and the value must stay below the threshold for {@link MetricThresholds#RECOVERY_HOLD}
   * (or to the end of the series): a single good sample inside a flood is not a recovery.
   */
  static void readSeries(MetricSeries s, List<Symptom> out) {
    if (SymptomKinds.fallIsTrouble(s.metric())) readCollapses(s, out);
    double threshold = MetricThresholds.threshold(s);
    if (Double.isNaN(threshold)) return;
    String kind = SymptomKinds.ofMetric(s.metric());
    long hold = MetricThresholds.RECOVERY_HOLD.toMillis();
    int start = -1;
    double peak = 0;
    double base = s.baseline();
    double recovered = 0;
    for (int i = 0; i < s.count(); i++) {
      double v = s.valueAt(i);
      if (start < 0) {
        if (v >= threshold) {
          start = i;
          peak = v;
          base = baselineBefore(s, i, threshold);
          recovered = base < threshold ? (base + threshold) / 2 : threshold;
        }
      } else if (v < threshold && v <= recovered && holds(s, i, hold, x -> x < threshold)) {
        out.add(episode(s, kind, start, i, peak, base));
        start = -1;
      } else {
        peak = Math.max(peak, v);
      }
    }
    if (start >= 0) out.add(episode(s, kind, start, -1, peak, base));
  }

  /**
   * Collapses of a series of work served: the traffic of a service that stopped answering (its callers
   * give up, the balancer takes it out) falls to at most {@link MetricThresholds#COLLAPSE_SHARE} of its level
   * before in one step from at least {@link MetricThresholds#SERVING_SHARE} of it — a cliff, not a night's
   * slope — and is over once back at half its level for {@link MetricThresholds#RECOVERY_HOLD}. The level is
   * the median of the samples before (at most {@link MetricThresholds#BASELINE_SAMPLES}, at least five).
   * Read as {@code service.degraded} of the series' entity ({@code service.down} for a liveness gauge: {@code up},
   * {@code probe_success}), with trough ÷ level as its magnitude.
   */
  static void readCollapses(MetricSeries s, List<Symptom> out) {
    long hold = MetricThresholds.RECOVERY_HOLD.toMillis();
    int start = -1;
    double level = 0;
    double trough = 0;
    for (int i = 1; i < s.count(); i++) {
      double v = s.valueAt(i);
      if (start < 0) {
        // cheap necessary condition first (v ≤ 0.1 level and prev ≥ 0.5 level imply v ≤ 0.2 prev): most samples stop here
        double prev = s.valueAt(i - 1);
        if (!(prev > 0 && v <= prev * MetricThresholds.COLLAPSE_SHARE / MetricThresholds.SERVING_SHARE)) continue;
        double before = levelBefore(s, i);
        if (before > 0 && v <= before * MetricThresholds.COLLAPSE_SHARE && prev >= before * MetricThresholds.SERVING_SHARE
            && !climbing(s, i)) {
          start = i;
          level = before;
          trough = v;
        }
      } else {
        double serving = level * MetricThresholds.SERVING_SHARE;
        if (v >= serving && holds(s, i, hold, x -> x >= serving)) {
          out.add(collapse(s, start, i, trough, level));
          start = -1;
        } else {
          trough = Math.min(trough, v);
        }
      }
    }
    if (start >= 0) out.add(collapse(s, start, -1, trough, level));
  }

  /**
   * Whether the samples before {@code i} only ever rose: a cumulative counter whatever its name, whose fall to zero is
   * its process restarting (a reset), not its traffic stopping. A steady gauge (an {@code up} at 1) does not climb.
   */
  private static boolean climbing(MetricSeries s, int i) {
    int from = Math.max(0, i - MetricThresholds.BASELINE_SAMPLES);
    for (int k = from + 1; k < i; k++) if (s.valueAt(k) < s.valueAt(k - 1)) return false;
    return s.valueAt(i - 1) > s.valueAt(from);
  }

  /** The median of the (at most {@link MetricThresholds#BASELINE_SAMPLES}) samples before {@code i}; NaN with fewer than five. */
  private static double levelBefore(MetricSeries s, int i) {
    int n = Math.min(i, MetricThresholds.BASELINE_SAMPLES);
    if (n < 5) return Double.NaN;
    double[] before = new double[n];
    for (int k = 0; k < n; k++) before[k] = s.valueAt(i - 1 - k);
    return org.hindsight.util.Median.of(before);
  }

  private static Symptom collapse(MetricSeries s, int start, int end, double trough, double level) {
    Instant endAt = end < 0 ? null : s.timeAt(end);
    return new Symptom(SymptomKinds.ofFall(s.metric()), s.entity(), s.timeAt(start), s.timeAt(start - 1), endAt,
        end < 0 ? null : s.timeAt(end - 1), trough / level, s.metric(), s.ref(start), end < 0 ? null : s.ref(end));
  }

  /**
   * The level before sample {@code onset}: the median of the last normal samples before it (below
   * the threshold, so an earlier episode does not raise it), else the series baseline.
   */
  static double baselineBefore(MetricSeries s, int onset, double threshold) {
    double[] before = new double[MetricThresholds.BASELINE_SAMPLES];
    int n = 0;
    for (int k = onset - 1; k >= 0 && n < before.length; k--) {
      double v = s.valueAt(k);
      if (v < threshold) before[n++] = v;
    }
    if (n < 3) return s.baseline();
    return org.hindsight.util.Median.of(java.util.Arrays.copyOf(before, n));
  }

  /** True when every sample after {@code i} within {@code holdMillis} of it is {@code ok}: a return that lasts. */
  private static boolean holds(MetricSeries s, int i, long holdMillis, java.util.function.DoublePredicate ok) {
    long until = s.millisAt(i) + holdMillis;
    for (int k = i + 1; k < s.count() && s.millisAt(k) <= until; k++) {
      if (!ok.test(s.valueAt(k))) return false;
    }
    return true;
  }

  private static Symptom episode(MetricSeries s, String kind, int start, int end, double peak, double base) {
    Instant onset = s.timeAt(start);
    Instant earliest = start > 0 ? s.timeAt(start - 1) : onset;
    Instant endAt = end < 0 ? null : s.timeAt(end);
    Instant endEarliest = end < 0 ? null : s.timeAt(end - 1);
    return new Symptom(kind, s.entity(), onset, earliest, endAt, endEarliest, base > 0 ? peak / base : Double.NaN,
        s.metric(), s.ref(start), end < 0 ? null : s.ref(end));
  }
}
