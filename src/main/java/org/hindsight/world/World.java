package org.hindsight.world;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.hindsight.facts.ChangeTicket;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Dependency;
import org.hindsight.facts.Event;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.KeyGenerator;
import org.hindsight.facts.Link;
import org.hindsight.facts.MetricExcursion;
import org.hindsight.facts.MetricSeries;
import org.hindsight.facts.OpsCommand;
import org.hindsight.facts.Placement;
import org.hindsight.facts.ServiceSpec;
import org.hindsight.facts.Fact;
import org.hindsight.facts.TimedFact;
import org.hindsight.facts.Topology;
import org.hindsight.ingest.Bundle;
import org.hindsight.ingest.RequestLog;
import org.hindsight.observe.Observations;

/**
 * The vendor-independent model of the incident's world, built once from a {@link Bundle}: the same
 * facts, indexed the way derivers and simulators look them up (by entity, site, service,
 * neighbour), and the pattern-neutral questions rules and simulators share ({@link Topology}:
 * failure domains, hard-dependency closure). Read-only once the pipeline has {@link #recordDerived
 * recorded} what the derivers made of it; shared by derivers, rules (as the {@code Topology} fact)
 * and every simulator. Everything a pack needs from the logs is asked here, never of the bundle.
 */
public final class World implements Topology {
  private final Bundle bundle;
  private final Map<String, InventoryItem> itemByEntity = new LinkedHashMap<>();
  private final Map<String, List<InventoryItem>> rowsByEntity = new LinkedHashMap<>();
  private final Map<String, List<InventoryItem>> itemsBySite = new LinkedHashMap<>();
  private final Map<String, List<InventoryItem>> itemsByService = new LinkedHashMap<>();
  private final Map<String, List<Link>> linksByNode = new LinkedHashMap<>();
  private final Map<String, ServiceSpec> serviceByName = new LinkedHashMap<>();
  private final Map<String, List<Dependency>> dependenciesOf = new LinkedHashMap<>();
  private final Map<String, List<Dependency>> dependentsOf = new LinkedHashMap<>();
  private final Map<String, KeyGenerator> generatorByName = new LinkedHashMap<>();
  private final Map<String, ChangeTicket> changeByTicket = new LinkedHashMap<>();
  private final Map<String, List<ConfigCommand>> sessions = new LinkedHashMap<>();
  private final Map<String, MetricSeries> seriesByKey = new LinkedHashMap<>();
  private final int[] eventOrder;
  private final List<Event> eventsInTimeOrder;
  private final Map<String, List<Event>> eventsByEntity = new LinkedHashMap<>();
  private final Map<String, List<Event>> eventsByType = new LinkedHashMap<>();
  private volatile Map<String, Placement> placements;
  private final Map<String, List<String>> hardClosure = new ConcurrentHashMap<>();
  private final Map<String, List<String>> hardDependents = new ConcurrentHashMap<>();
  private volatile List<Fact> derived = List.of();
  /** derived facts by type, filtered once: simulators ask per hypothesis, and hypotheses grow with the logs */
  private final java.util.concurrent.ConcurrentHashMap<Class<?>, List<?>> derivedByType = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<java.util.Set<String>, List<Event>> eventsOfTypes = new ConcurrentHashMap<>();
  private Observations observations;
  /** What simulators compute once per world and share between hypotheses ({@link #shared}). */
  private final Map<Object, Object> shared = new java.util.HashMap<>();
  private OriginIndex timeByOrigin;
  /** lower-case name -> the entities in trouble whose failing records name it ({@link #namedInTroubleBy}) */
  private final Map<String, java.util.Set<String>> namedInTrouble = new java.util.HashMap<>();
  /** the entities with a symptom, in the order they first showed one */
  private List<String> inTrouble;

  public World(Bundle bundle) {
    this.bundle = bundle;
    for (InventoryItem i : bundle.inventory()) {
      itemByEntity.putIfAbsent(i.entity(), i);
      rowsByEntity.computeIfAbsent(i.entity(), k -> new ArrayList<>(1)).add(i);
      itemsBySite.computeIfAbsent(i.site(), k -> new ArrayList<>()).add(i);
      if (!i.service().isEmpty()) itemsByService.computeIfAbsent(i.service(), k -> new ArrayList<>()).add(i);
    }
    for (Link l : bundle.links()) {
      linksByNode.computeIfAbsent(l.a(), k -> new ArrayList<>()).add(l);
      linksByNode.computeIfAbsent(l.b(), k -> new ArrayList<>()).add(l);
    }
    for (ServiceSpec s : bundle.services()) serviceByName.putIfAbsent(s.service(), s);
    for (Dependency d : bundle.dependencies()) {
      dependenciesOf.computeIfAbsent(d.service(), k -> new ArrayList<>()).add(d);
      dependentsOf.computeIfAbsent(d.dependsOn(), k -> new ArrayList<>()).add(d);
    }
    for (KeyGenerator g : bundle.keyGenerators()) generatorByName.putIfAbsent(g.generator(), g);
    for (ChangeTicket c : bundle.changes()) changeByTicket.putIfAbsent(c.ticket(), c);
    groupSessions(bundle.configLog(), sessions);
    for (MetricSeries m : bundle.metrics()) seriesByKey.put(m.entity() + '\u0000' + m.metric(), m);
    // Events are indexed by row number (4 bytes a row per index), not held as objects: see EventLog.
    org.hindsight.ingest.EventLog log = bundle.eventLog();
    eventOrder = org.hindsight.util.IndexOrder.sorted(log.size(), log::compareTime); // stable: file order on ties
    eventsInTimeOrder = new org.hindsight.util.IndexedList<>(eventOrder, log::get);
    group(log, eventOrder, log::entityCode, eventsByEntity);
    group(log, eventOrder, log::typeCode, eventsByType);
    eventTypeList = List.copyOf(eventsByType.keySet());
  }

  /** Config commands by device and session (in time order, file order on ties), as views over one index of row numbers. */
  private static void groupSessions(org.hindsight.ingest.ConfigLog log, Map<String, List<ConfigCommand>> into) {
    Map<Long, Integer> idOf = new java.util.HashMap<>();
    List<Long> keys = new ArrayList<>();
    int[] sessionOf = new int[log.size()];
    // Lines in the order they were typed: by time, file order on ties (reversed for a session listed newest first).
    int[] order = org.hindsight.util.IndexOrder.sorted(log.size(), log::compareTime);
    for (int row : order) {
      long key = (long) log.deviceCode(row) << 32 | log.sessionCode(row);
      Integer id = idOf.get(key);
      if (id == null) {
        id = keys.size();
        idOf.put(key, id);
        keys.add(key);
      }
      sessionOf[row] = id;
    }
    int[] start = new int[keys.size() + 1];
    for (int id : sessionOf) start[id + 1]++;
    for (int k = 0; k < keys.size(); k++) start[k + 1] += start[k];
    int[] grouped = new int[sessionOf.length];
    int[] next = start.clone();
    for (int row : order) grouped[next[sessionOf[row]]++] = row;
    for (int k = 0; k < keys.size(); k++) if (newestFirst(log, grouped, start[k], start[k + 1])) reverseTies(log, grouped, start[k], start[k + 1]);
    java.util.function.IntFunction<ConfigCommand> row = log::get;
    for (int k = 0; k < keys.size(); k++) {
      long key = keys.get(k);
      String name = log.decode((int) (key >>> 32)) + '\u0000' + log.decode((int) key);
      int[] once = loggedTwice(log, grouped, start[k], start[k + 1]);
      into.put(name, once != null ? new org.hindsight.util.IndexedList<>(once, row)
          : new org.hindsight.util.IndexedList<>(grouped, start[k], start[k + 1], row));
    }
  }

  /**
   * Whether a session's lines (rows {@code from..to} of {@code rows}, in time order) were listed newest first: in file
   * order their times never rise and fall at least once. Lines of one second are then in reverse typed order too (an
   * export sorted newest first reverses a pasted block's lines); a session all in one second tells nothing.
   */
  static boolean newestFirst(org.hindsight.ingest.ConfigLog log, int[] rows, int from, int to) {
    if (to - from < 2) return false;
    int[] inFile = java.util.Arrays.copyOfRange(rows, from, to);
    java.util.Arrays.sort(inFile); // row numbers are read order: file order within one file
    boolean fell = false;
    for (int i = 1; i < inFile.length; i++) {
      int c = log.compareTime(inFile[i], inFile[i - 1]);
      if (c > 0) return false;
      if (c < 0) fell = true;
    }
    return fell;
  }

  /** Each run of lines of one moment in {@code rows[from..to)} in reverse order. */
  private static void reverseTies(org.hindsight.ingest.ConfigLog log, int[] rows, int from, int to) {
    for (int g = from; g < to; ) {
      int end = g + 1;
      while (end < to && log.compareTime(rows[end], rows[g]) == 0) end++;
      for (int i = g, j = end - 1; i < j; i++, j--) {
        int t = rows[i];
        rows[i] = rows[j];
        rows[j] = t;
      }
      g = end;
    }
  }

  /**
   * The rows of a session logged twice (a CSV concatenated twice, both accounting servers' copies
   * merged), every line once; null when it was not. A pasted block repeats some lines (two closing
   * braces in one second), so only a session whose every line, in typed order, comes in two
   * identical rows, and that has two different lines at least, is read as logged twice.
   */
  static int[] loggedTwice(org.hindsight.ingest.ConfigLog log, int[] rows, int from, int to) {
    int n = to - from;
    if (n < 4 || n % 2 != 0) return null;
    boolean varied = false;
    for (int i = from + 1; i < to && !varied; i++) varied = !log.get(rows[i]).command().equals(log.get(rows[from]).command());
    if (!varied) return null;
    // Sorted by time, file order on ties: each second's lines come as its first copy, then its second
    // (a line alone in its second: its two rows next to each other).
    int[] once = new int[n / 2];
    int k = 0;
    for (int g = from; g < to; ) {
      int end = g + 1;
      while (end < to && log.compareTime(rows[end], rows[g]) == 0) end++;
      int half = (end - g) / 2;
      if ((end - g) % 2 != 0) return null;
      for (int i = g; i < g + half; i++) {
        if (!sameLine(log.get(rows[i]), log.get(rows[i + half]))) return null;
        once[k++] = rows[i];
      }
      g = end;
    }
    return once;
  }

  /** Two rows of one line: everything but the row they were read from. */
  private static boolean sameLine(ConfigCommand a, ConfigCommand b) {
    return a.time().equals(b.time()) && a.device().equals(b.device()) && a.session().equals(b.session()) && a.user().equals(b.user())
        && a.command().equals(b.command()) && a.result().equals(b.result()) && a.attributes().equals(b.attributes());
  }

  /** Groups rows (in the given order) by a dictionary code into views, keyed in order of first appearance. */
  private static void group(org.hindsight.ingest.EventLog log, int[] order, java.util.function.IntUnaryOperator code,
      Map<String, List<Event>> into) {
    int[] count = new int[log.codes()];
    int[] firstSeen = new int[log.codes()];
    int distinct = 0;
    for (int row : order) {
      int c = code.applyAsInt(row);
      if (count[c]++ == 0) firstSeen[distinct++] = c;
    }
    int[] start = new int[log.codes()];
    int at = 0;
    for (int k = 0; k < distinct; k++) {
      start[firstSeen[k]] = at;
      at += count[firstSeen[k]];
    }
    int[] grouped = new int[order.length];
    int[] next = start.clone();
    for (int row : order) grouped[next[code.applyAsInt(row)]++] = row;
    java.util.function.IntFunction<Event> row = log::get; // one for every view
    for (int k = 0; k < distinct; k++) {
      int c = firstSeen[k];
      into.put(log.decode(c), new org.hindsight.util.IndexedList<>(grouped, start[c], start[c] + count[c], row));
    }
  }

  /** The bundle as read; packs ask the world instead (its lists below are the same). */
  public Bundle bundle() { return bundle; }

  /**
   * What the logs show going wrong, per entity: the one observation model validation scores
   * every replay against. Read on first use, once per incident.
   */
  public synchronized Observations observations() {
    if (observations == null) {
      observations = Observations.of(eventsInTimeOrder, eventsInTimeOrderWhereType(Observations::readsEventType), errorLogsInTimeOrder(),
          bundle.metrics(), bundle.spans(), org.hindsight.observe.RequestOutcomes.read(bundle.requests()), name -> itemByEntity.containsKey(name) || linksByNode.containsKey(name));
    }
    return observations;
  }
  public ZoneId displayZone() { return bundle.displayZone(); }
  public List<Event> events() { return bundle.events(); }
  public List<InventoryItem> inventory() { return bundle.inventory(); }
  public List<Link> links() { return bundle.links(); }
  public List<ServiceSpec> services() { return bundle.services(); }
  public List<Dependency> dependencies() { return bundle.dependencies(); }
  public List<ChangeTicket> changes() { return bundle.changes(); }
  public List<OpsCommand> opsCommands() { return bundle.opsCommands(); }
  public List<KeyGenerator> keyGenerators() { return bundle.keyGenerators(); }
  public List<org.hindsight.facts.Span> spans() { return bundle.spans(); }
  public List<MetricSeries> metrics() { return bundle.metrics(); }
  public RequestLog requests() { return bundle.requests(); }
  /** Every timed raw fact (events, commands) in time order; file order on ties. */
  public List<TimedFact> timeline() { return bundle.timeline(); }

  /**
   * Keeps what the derivers made of this world, so simulators replay from the same derived facts
   * the rules matched instead of deriving again. Called by the pipeline before any rule runs (and before a
   * deriver that reads other derivers' facts, with those made so far).
   */
  public void recordDerived(List<? extends Fact> facts) {
    derived = List.copyOf(facts);
    derivedByType.clear();
    synchronized (this) {
      shared.clear();
    }
    // Dependencies derived from traces stand in for a dependencies file only when there is none:
    // a user's own graph is never second-guessed.
    if (bundle.dependencies().isEmpty()) {
      dependenciesOf.clear(); // recorded again with more facts (a deriver reading others' facts ran between)
      dependentsOf.clear();
      for (Fact f : facts) {
        if (f instanceof Dependency d) {
          dependenciesOf.computeIfAbsent(d.service(), k -> new ArrayList<>()).add(d);
          dependentsOf.computeIfAbsent(d.dependsOn(), k -> new ArrayList<>()).add(d);
        }
      }
    }
  }

  /**
   * A value computed once per world from its facts and shared by every replay that asks with the
   * same key (a simulator's own class or record): replays run once per hypothesis, and hypotheses
   * grow with the logs, so what does not depend on the hypothesis is not recomputed for each.
   * Forgotten when derived facts are recorded.
   */
  @SuppressWarnings("unchecked")
  public synchronized <T> T shared(Object key, java.util.function.Supplier<T> compute) {
    Object value = shared.get(key);
    if (value == null) {
      value = compute.get();
      shared.put(key, value);
    }
    return (T) value;
  }

  /** The derived facts of one type (empty before the derivers ran), in the order derived. */
  @SuppressWarnings("unchecked")
  public <T> List<T> derived(Class<T> type) {
    return (List<T>) derivedByType.computeIfAbsent(type, t -> {
      List<T> out = new ArrayList<>();
      for (Fact f : derived) if (type.isInstance(f)) out.add(type.cast(f));
      return Collections.unmodifiableList(out);
    });
  }

  /** Every event in time order (file order on ties). */
  public List<Event> eventsInTimeOrder() {
    return eventsInTimeOrder;
  }

  /**
   * The entities the events name (none empty), each once, in the input order of the first event naming it:
   * read from the event log's entity column, no event made.
   */
  public List<String> eventEntities() {
    org.hindsight.ingest.EventLog log = bundle.eventLog();
    java.util.BitSet seen = new java.util.BitSet(log.codes());
    List<String> out = new ArrayList<>();
    for (int row = 0; row < log.size(); row++) {
      int code = log.entityCode(row);
      if (seen.get(code)) continue;
      seen.set(code);
      String entity = log.decode(code);
      if (!entity.isEmpty()) out.add(entity);
    }
    return out;
  }

  /**
   * The events whose type passes {@code test}, in input order: the test is asked once per type and only
   * those events are made from their rows (a report looking for the few alerts and recoveries made every
   * event of the bundle to read its type).
   */
  public List<Event> eventsWhereType(java.util.function.Predicate<String> test) {
    org.hindsight.ingest.EventLog log = bundle.eventLog();
    TypeCodeTest passes = new TypeCodeTest(log, test);
    List<Event> out = new ArrayList<>();
    for (int row = 0; row < log.size(); row++) if (passes.test(row)) out.add(log.get(row));
    return out;
  }

  /**
   * The events whose severity passes {@code test}, in input order: the test is asked once per severity and only
   * those events are made from their rows (a reader of failures need not make every routine event).
   */
  public List<Event> eventsWhereSeverity(java.util.function.Predicate<String> test) {
    org.hindsight.ingest.EventLog log = bundle.eventLog();
    Map<String, Boolean> passes = new java.util.HashMap<>();
    List<Event> out = new ArrayList<>();
    for (int row = 0; row < log.size(); row++) if (passes.computeIfAbsent(log.severity(row), test::test)) out.add(log.get(row));
    return out;
  }

  /** {@link #eventsWhereType}, in time order (file order on ties). */
  private List<Event> eventsInTimeOrderWhereType(java.util.function.Predicate<String> test) {
    org.hindsight.ingest.EventLog log = bundle.eventLog();
    TypeCodeTest passes = new TypeCodeTest(log, test);
    int[] rows = new int[eventOrder.length];
    int n = 0;
    for (int row : eventOrder) if (passes.test(row)) rows[n++] = row;
    return new org.hindsight.util.IndexedList<>(java.util.Arrays.copyOf(rows, n), log::get);
  }

  /** A test of an event's type, asked once per type of the event log, not once per row. */
  private static final class TypeCodeTest {
    private final org.hindsight.ingest.EventLog log;
    private final java.util.function.Predicate<String> test;
    private final byte[] answers; // per type code: 0 not asked yet, 1 passes, 2 does not

    TypeCodeTest(org.hindsight.ingest.EventLog log, java.util.function.Predicate<String> test) {
      this.log = log;
      this.test = test;
      this.answers = new byte[log.codes()];
    }

    boolean test(int row) {
      int code = log.typeCode(row);
      if (answers[code] == 0) answers[code] = test.test(log.decode(code)) ? (byte) 1 : (byte) 2;
      return answers[code] == 1;
    }
  }

  /**
   * The events the learned baselines count as error logs ({@link org.hindsight.observe.LearnedBaselines#errorSeverity}, with
   * an entity), in time order: read from the severity and entity columns, only those events made.
   */
  List<Event> errorLogsInTimeOrder() {
    org.hindsight.ingest.EventLog log = bundle.eventLog();
    Map<String, Boolean> severe = new java.util.HashMap<>(); // per severity: asked once
    int[] rows = new int[eventOrder.length];
    int n = 0;
    for (int row : eventOrder) {
      if (log.entity(row).isEmpty()) continue;
      if (severe.computeIfAbsent(log.severity(row), org.hindsight.observe.LearnedBaselines::errorSeverity)) rows[n++] = row;
    }
    return new org.hindsight.util.IndexedList<>(java.util.Arrays.copyOf(rows, n), log::get);
  }

  /** When the timed record at {@code ref} happened (event, command, …), or null: indexed on first use. */
  public java.time.Instant timeOf(org.hindsight.facts.SourceRef ref) {
    if (ref == null) return null;
    int at = originIndex().positionOf(ref);
    return at < 0 ? null : bundle.timeline().get(at).time();
  }

  /**
   * The position in {@link #timeline()} of the first timed record at {@code ref} (event, command, …), or -1: a
   * record found by the index {@link #timeOf} uses, instead of a pass over the timeline making every fact.
   */
  public int timelinePosition(org.hindsight.facts.SourceRef ref) {
    return ref == null ? -1 : originIndex().positionOf(ref);
  }

  private synchronized OriginIndex originIndex() {
    if (timeByOrigin == null) {
      // the citations read from the logs' file and line columns: no event or CLI line made to be asked its origin
      org.hindsight.ingest.EventLog events = bundle.eventLog();
      org.hindsight.ingest.ConfigLog config = bundle.configLog();
      List<org.hindsight.facts.OpsCommand> ops = bundle.opsCommands();
      int[] order = bundle.timelineOrder();
      int e = events.size();
      int c = e + config.size();
      timeByOrigin = new OriginIndex(bundle.timeline(), i -> {
        int row = order[i];
        if (row < e) return events.file(row);
        if (row < c) return config.file(row - e);
        org.hindsight.facts.SourceRef r = ops.get(row - c).origin();
        return r == null ? null : r.file();
      }, i -> {
        int row = order[i];
        return row < e ? events.line(row) : row < c ? config.line(row - e) : ops.get(row - c).origin().line();
      });
    }
    return timeByOrigin;
  }

  /**
   * The entities in trouble whose own failing records (symptom events, error logs) name {@code name}
   * as a word of their message (a crash
   * dump naming the faulting module, an error naming the library or file a change replaced), in
   * the order they first showed a symptom. How a thing the inventory does not list (an agent, a
   * content file, a library) is tied to what failed: by the failing records themselves. Names
   * shorter than three characters tie nothing (too many words would match).
   */
  public java.util.Set<String> namedInTroubleBy(String name) {
    return namedInTroubleBy(List.of(name)).getOrDefault(name, java.util.Set.of());
  }

  /**
   * {@link #namedInTroubleBy(String)} for many names at once, in one pass over the failing records: ask
   * this way when the names are known up front. No index of every word is kept (log messages carry
   * pids, ids and counters: millions of words on a fleet-scale bundle); answers are remembered.
   *
   * @return the names some entity in trouble names, each with those entities
   */
  public synchronized Map<String, java.util.Set<String>> namedInTroubleBy(java.util.Collection<String> names) {
    Map<String, java.util.Set<String>> out = new java.util.HashMap<>();
    java.util.Set<String> asked = new java.util.HashSet<>();
    for (String name : names) {
      String key = name.toLowerCase(java.util.Locale.ROOT);
      if (key.length() < 3) continue;
      java.util.Set<String> known = namedInTrouble.get(key);
      if (known == null) asked.add(key);
      else if (!known.isEmpty()) out.put(name, known);
    }
    if (!asked.isEmpty()) {
      if (inTrouble == null) {
        java.util.Set<String> entities = new java.util.LinkedHashSet<>();
        for (org.hindsight.observe.Symptom s : observations().all()) entities.add(s.entity());
        inTrouble = List.copyOf(entities); // in the order they first showed a symptom
      }
      Map<String, java.util.Set<String>> found = new java.util.HashMap<>();
      long lengths = 0;
      for (String key : asked) lengths |= lengthBit(key.length());
      org.hindsight.ingest.EventLog log = bundle.eventLog();
      // which rows are failing records, from the type and severity columns: only those events are made
      TypeCodeTest symptomType = new TypeCodeTest(log, org.hindsight.observe.Observations::readsEventType);
      Map<String, Boolean> severityFails = new java.util.HashMap<>();
      for (String entity : inTrouble) {
        List<Event> events = eventsOf(entity);
        for (int k = 0; k < events.size(); k++) {
          String message;
          if (events instanceof org.hindsight.util.IndexedList<Event> rows) {
            int row = rows.row(k);
            if (!symptomType.test(row)
                && !severityFails.computeIfAbsent(log.severity(row), org.hindsight.observe.LearnedBaselines::errorSeverity)) continue;
            message = log.message(row); // from its column: the event was made only to read it
          } else {
            Event e = events.get(k);
            if (!failingRecord(e)) continue;
            message = e.message();
          }
          // names under three characters are never asked; a word repeated adds the entity once
          forEachMessageWord(message, 3, lengths, word -> {
            if (asked.contains(word)) found.computeIfAbsent(word, w -> new java.util.LinkedHashSet<>()).add(entity);
          });
        }
      }
      for (String key : asked) {
        java.util.Set<String> entities = found.get(key);
        namedInTrouble.put(key, entities == null ? java.util.Set.of() : java.util.Collections.unmodifiableSet(entities));
      }
      for (String name : names) {
        java.util.Set<String> e = namedInTrouble.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), java.util.Set.of());
        if (!e.isEmpty()) out.put(name, e);
      }
    }
    return out;
  }

  /** A failing record: a symptom event or an error log (what reduce keeps whole). */
  private static boolean failingRecord(Event e) {
    return org.hindsight.observe.Observations.readsEventType(e.type())
        || org.hindsight.observe.LearnedBaselines.errorSeverity(e.severity());
  }

  /** The words of a message, lower case: each token, and a dotted or pathed token's parts ({@code csagent.sys}, {@code /opt/x}). */
  static java.util.Set<String> messageWords(String message) {
    java.util.Set<String> out = new java.util.HashSet<>();
    forEachMessageWord(message, 1, out::add);
    return out;
  }

  /**
   * Hands each word of {@link #messageWords} of at least {@code minLength} characters to {@code each}, a word
   * as often as the message holds it: asked per failing record, a set of its words was most of what the change
   * deriver allocated.
   */
  static void forEachMessageWord(String message, int minLength, java.util.function.Consumer<String> each) {
    forEachMessageWord(message, minLength, -1L, each);
  }

  /** Bit {@code min(length, 63)} of a mask of word lengths ({@link #forEachMessageWord(String, int, long, java.util.function.Consumer)}). */
  static long lengthBit(int length) {
    return 1L << Math.min(length, 63);
  }

  /**
   * {@link #forEachMessageWord(String, int, java.util.function.Consumer)}, handing on only the words whose
   * {@link #lengthBit} is in {@code lengths}: a word of another length cannot be one asked, and is not made.
   */
  static void forEachMessageWord(String message, int minLength, long lengths, java.util.function.Consumer<String> each) {
    if (message == null || message.isEmpty()) return;
    // Read by hand, once per failing record of the incident: a token is a run of ASCII letters, digits and
    // . _ / - (what [^\p{Alnum}._/-]+ splits at), without the . _ / - at its ends; the regular expressions
    // doing this were most of the change deriver's time on a big bundle.
    String m = message.toLowerCase(java.util.Locale.ROOT);
    int n = m.length();
    int i = 0;
    while (i < n) {
      while (i < n && !wordChar(m.charAt(i))) i++;
      int from = i;
      while (i < n && wordChar(m.charAt(i))) i++;
      int to = i;
      while (from < to && edgePunctuation(m.charAt(from))) from++;
      while (to > from && edgePunctuation(m.charAt(to - 1))) to--;
      if (to - from < Math.max(1, minLength)) continue; // its parts are shorter still
      if ((lengths & lengthBit(to - from)) != 0) each.accept(m.substring(from, to));
      int cut = from;
      while (cut < to && m.charAt(cut) != '.' && m.charAt(cut) != '/') cut++;
      if (cut < to) { // a dotted or pathed token: its parts too
        int p = from;
        while (p < to) {
          int q = p;
          while (q < to && m.charAt(q) != '.' && m.charAt(q) != '/') q++;
          if (q > p && q - p >= minLength && (lengths & lengthBit(q - p)) != 0) each.accept(m.substring(p, q));
          p = q + 1;
        }
      }
    }
  }

  private static boolean wordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || edgePunctuation(c);
  }

  private static boolean edgePunctuation(char c) {
    return c == '.' || c == '_' || c == '/' || c == '-';
  }

  /** The events about one entity, in time order: simulators ask this per service, so it is indexed. */
  public List<Event> eventsOf(String entity) {
    return eventsByEntity.getOrDefault(entity, List.of());
  }

  /**
   * The events of any of these types, in time order (file order on ties, as in
   * {@link #eventsInTimeOrder}): filtered once per set of types, for replays that run per hypothesis.
   */
  public List<Event> eventsOfTypes(java.util.Set<String> types) {
    return eventsOfTypes.computeIfAbsent(java.util.Set.copyOf(types),
        t -> {
          org.hindsight.ingest.EventLog log = bundle.eventLog();
          java.util.BitSet wanted = new java.util.BitSet();
          for (int c = 0; c < log.codes(); c++) if (t.contains(log.decode(c))) wanted.set(c);
          int[] rows = java.util.Arrays.stream(eventOrder).filter(r -> wanted.get(log.typeCode(r))).toArray();
          return new org.hindsight.util.IndexedList<>(rows, log::get);
        });
  }

  /** Every event type the logs contain. */
  public java.util.Set<String> eventTypes() {
    return java.util.Collections.unmodifiableSet(eventsByType.keySet());
  }

  /** The events of one type (e.g. {@code service.down}), in time order. */
  public List<Event> eventsOfType(String type) {
    return eventsByType.getOrDefault(type, List.of());
  }

  /** The events of one type from {@code fromMillis} to {@code toMillis} (inclusive), in time order (file order on ties). */
  public List<Event> eventsOfType(String type, long fromMillis, long toMillis) {
    return window(eventsOfType(type), fromMillis, toMillis);
  }

  /** Every event from {@code fromMillis} to {@code toMillis} (inclusive), in time order (file order on ties). */
  public List<Event> eventsBetween(long fromMillis, long toMillis) {
    return window(eventsInTimeOrder, fromMillis, toMillis);
  }

  /** The world's events by time window, as the fact rules read them with {@code from}. */
  public org.hindsight.facts.EventWindows eventWindows() {
    return eventWindows;
  }

  private final org.hindsight.facts.EventWindows eventWindows = new org.hindsight.facts.EventWindows() {
    @Override
    public List<Event> ofType(String type, long fromMillis, long toMillis) {
      return eventsOfType(type, fromMillis, toMillis);
    }

    @Override
    public List<Event> between(long fromMillis, long toMillis) {
      return eventsBetween(fromMillis, toMillis);
    }

    @Override
    public List<String> types() {
      return eventTypeList;
    }

    @Override
    public List<Event> firstOf(java.util.Collection<?> entities, java.util.Collection<?> types, long fromMillis, long toMillis) {
      return firstEvents(entities, types, fromMillis, toMillis);
    }

    @Override
    public List<Event> firstOfItems(java.util.Collection<?> services, java.util.Collection<?> types, long fromMillis, long toMillis) {
      java.util.Set<String> items = new java.util.LinkedHashSet<>();
      for (Object s : services) {
        for (InventoryItem i : itemsByService.getOrDefault(String.valueOf(s), List.of())) items.add(i.entity());
      }
      return firstEvents(items, types, fromMillis, toMillis);
    }

    @Override
    public List<MetricExcursion> excursions(String metric, long fromMillis, long toMillis) {
      List<MetricExcursion> out = new ArrayList<>();
      for (MetricExcursion x : derived(MetricExcursion.class)) {
        if (x.metric().equals(metric) && x.millis() >= fromMillis && x.millis() <= toMillis) out.add(x);
      }
      out.sort(java.util.Comparator.comparingLong(MetricExcursion::millis)); // stable: derived order on ties
      return out;
    }

    @Override
    public String toString() {
      return "EventWindows";
    }
  };

  /** {@link #eventTypes()} as a list (EventWindows.types), in order of first appearance. */
  private final List<String> eventTypeList;

  /**
   * The events of the first moment at which any of {@code entities} has an event of one of {@code types} in
   * [from, to]: per entity, a binary search to the window's start, then a scan that stops at its first such
   * event (or at a moment later than the best found so far). File order on ties.
   */
  private List<Event> firstEvents(java.util.Collection<?> entities, java.util.Collection<?> types, long fromMillis, long toMillis) {
    if (fromMillis > toMillis || entities.isEmpty() || types.isEmpty()) return List.of();
    org.hindsight.ingest.EventLog log = bundle.eventLog();
    java.util.BitSet wanted = new java.util.BitSet();
    for (Object t : types) {
      List<Event> ofType = eventsByType.get(String.valueOf(t));
      if (ofType != null && !ofType.isEmpty()) wanted.set(log.typeCode(((org.hindsight.util.IndexedList<Event>) ofType).row(0)));
    }
    if (wanted.isEmpty()) return List.of();
    long best = Long.MAX_VALUE;
    List<Integer> rows = new ArrayList<>();
    for (Object e : entities) {
      List<Event> of = eventsByEntity.get(String.valueOf(e));
      if (of == null) continue;
      org.hindsight.util.IndexedList<Event> events = (org.hindsight.util.IndexedList<Event>) of;
      for (int i = firstAtOrAfter(events, log, fromMillis); i < events.size(); i++) {
        int row = events.row(i);
        long at = log.millis(row);
        if (at > toMillis || at > best) break;
        if (!wanted.get(log.typeCode(row))) continue;
        if (at < best) {
          best = at;
          rows.clear();
        }
        rows.add(row);
      }
    }
    int[] found = rows.stream().mapToInt(Integer::intValue).sorted().toArray(); // one moment: file order
    List<Event> out = new ArrayList<>(found.length);
    for (int row : found) out.add(log.get(row));
    return out;
  }

  /** The part of a time-ordered view of event rows within [from, to], found by binary search on the rows' times. */
  private List<Event> window(List<Event> events, long fromMillis, long toMillis) {
    if (fromMillis > toMillis || events.isEmpty()) return List.of();
    org.hindsight.util.IndexedList<Event> rows = (org.hindsight.util.IndexedList<Event>) events;
    org.hindsight.ingest.EventLog log = bundle.eventLog();
    int lo = firstAtOrAfter(rows, log, fromMillis);
    int hi = toMillis == Long.MAX_VALUE ? rows.size() : firstAtOrAfter(rows, log, toMillis + 1); // open-ended: to the last
    return lo >= hi ? List.of() : Collections.unmodifiableList(rows.subList(lo, hi));
  }

  private static int firstAtOrAfter(org.hindsight.util.IndexedList<Event> rows, org.hindsight.ingest.EventLog log, long millis) {
    int lo = 0;
    int hi = rows.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (log.millis(rows.row(mid)) < millis) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  public Optional<InventoryItem> item(String entity) {
    return Optional.ofNullable(itemByEntity.get(entity));
  }

  /** The service an entity serves: its first inventory row naming one, if any. */
  public Optional<String> serviceOf(String entity) {
    for (InventoryItem i : itemRows(entity)) if (!i.service().isEmpty()) return Optional.of(i.service());
    return Optional.empty();
  }

  /** Every inventory row of an entity: a host serving two services is listed once per service. */
  public List<InventoryItem> itemRows(String entity) {
    return rowsByEntity.getOrDefault(entity, List.of());
  }

  public List<InventoryItem> itemsAtSite(String site) {
    return itemsBySite.getOrDefault(site, List.of());
  }

  public List<String> sites() {
    return List.copyOf(itemsBySite.keySet());
  }

  public List<InventoryItem> itemsOfService(String service) {
    return itemsByService.getOrDefault(service, List.of());
  }

  public List<Link> linksOf(String node) {
    return linksByNode.getOrDefault(node, List.of());
  }

  public Optional<ServiceSpec> service(String name) {
    return Optional.ofNullable(serviceByName.get(name));
  }

  /** What {@code service} depends on (hard and soft). */
  public List<Dependency> dependenciesOf(String service) {
    return dependenciesOf.getOrDefault(service, List.of());
  }

  /** Who depends on {@code service}. */
  public List<Dependency> dependentsOf(String service) {
    return dependentsOf.getOrDefault(service, List.of());
  }

  public Optional<KeyGenerator> generator(String name) {
    return Optional.ofNullable(generatorByName.get(name));
  }

  public Optional<ChangeTicket> change(String ticket) {
    return Optional.ofNullable(changeByTicket.get(ticket));
  }

  /** Config-command sessions, each in typed order (time, then file order), keyed by device and session id in order of their first line. */
  public Map<String, List<ConfigCommand>> configSessions() {
    return Collections.unmodifiableMap(sessions);
  }

  public Optional<MetricSeries> series(String entity, String metric) {
    return Optional.ofNullable(seriesByKey.get(entity + '\u0000' + metric));
  }

  public List<MetricSeries> seriesOf(String metric) {
    return bundle.metrics().stream().filter(m -> m.metric().equals(metric)).toList();
  }

  // ---- Topology: failure domains and the hard-dependency graph, one definition for everyone ----

  @Override
  public String siteOf(String name) {
    if (name == null || name.isEmpty()) return "";
    if (itemsBySite.containsKey(name)) return name;
    InventoryItem byEntity = itemByEntity.get(name);
    if (byEntity != null) return byEntity.site();
    for (InventoryItem i : bundle.inventory()) {
      if (i.location().equals(name)) return i.site();
    }
    // A facility's own notices spell names their way (PDX-04 for the inventory's pdx-04): case is no
    // difference between two failure domains.
    for (String site : itemsBySite.keySet()) if (site.equalsIgnoreCase(name)) return site;
    for (InventoryItem i : bundle.inventory()) {
      if (i.entity().equalsIgnoreCase(name) || i.location().equalsIgnoreCase(name)) return i.site();
    }
    return "";
  }

  @Override
  public List<String> sitesOf(String name) {
    String one = siteOf(name);
    if (one.isEmpty() || itemsBySite.containsKey(name) || itemByEntity.containsKey(name)) return one.isEmpty() ? List.of() : List.of(one);
    // a location: every site with an item there (in inventory order), not only the first row's
    java.util.LinkedHashSet<String> sites = new java.util.LinkedHashSet<>();
    for (InventoryItem i : bundle.inventory()) if (i.location().equalsIgnoreCase(name)) sites.add(i.site());
    if (sites.isEmpty()) sites.add(one);
    return List.copyOf(sites);
  }

  @Override
  public Placement placement(String component) {
    Placement p = placementIndex().get(component);
    return p != null ? p : new Placement(component, List.of(), List.of(), null, null);
  }

  @Override
  public List<Placement> placements() {
    return List.copyOf(placementIndex().values());
  }

  /** Components whose live replicas all sit in {@code site}, sorted by name. */
  public List<String> singleSiteComponents(String site) {
    List<String> out = new ArrayList<>();
    for (Placement p : placementIndex().values()) if (p.singleSite() && p.site().equals(site)) out.add(p.component());
    return out;
  }

  private Map<String, Placement> placementIndex() {
    Map<String, Placement> p = placements;
    if (p == null) {
      synchronized (this) {
        if (placements == null) placements = computePlacements();
        p = placements;
      }
    }
    return p;
  }

  /**
   * Of two rows standing equally for one component (its replicas), the one a claim cites: the first by entity name
   * ({@link org.hindsight.util.NaturalOrder}), by file line only between rows of one name, so the citation does not
   * follow the order an export happened to list them in (newest first, merged).
   */
  private static InventoryItem citedFirst(InventoryItem a, InventoryItem b) {
    int byName = org.hindsight.util.NaturalOrder.INSTANCE.compare(a.entity(), b.entity());
    if (byName != 0) return byName < 0 ? a : b;
    return a.origin().compareTo(b.origin()) <= 0 ? a : b;
  }

  private Map<String, Placement> computePlacements() {
    Map<String, TreeSet<String>> live = new java.util.TreeMap<>();
    Map<String, TreeSet<String>> backups = new java.util.HashMap<>();
    Map<String, InventoryItem> firstLive = new java.util.HashMap<>();
    Map<String, InventoryItem> firstBackup = new java.util.HashMap<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (InventoryItem i : bundle.inventory()) {
      if (i.live()) {
        if (i.service().isEmpty()) continue;
        names.add(i.service());
        live.computeIfAbsent(i.service(), k -> new TreeSet<>()).add(i.site());
        firstLive.merge(i.service(), i, World::citedFirst);
      } else {
        String data = !i.service().isEmpty() ? i.service() : i.parent();
        if (data.isEmpty()) continue;
        names.add(data);
        backups.computeIfAbsent(data, k -> new TreeSet<>()).add(i.site());
        firstBackup.merge(data, i, World::citedFirst);
      }
    }
    for (Dependency d : bundle.dependencies()) names.add(d.dependsOn());
    Map<String, Placement> out = new java.util.TreeMap<>();
    for (String name : new TreeSet<>(names)) {
      TreeSet<String> sites = live.getOrDefault(name, new TreeSet<>());
      // A dependency (or a backup) may name an inventory entity directly: its row is a replica too.
      InventoryItem entity = itemByEntity.get(name);
      if (entity != null && entity.live()) sites.add(entity.site());
      InventoryItem first = firstLive.get(name);
      if (first == null && entity != null && entity.live()) first = entity;
      if (sites.isEmpty() && !backups.containsKey(name)) continue; // the inventory does not place it
      out.put(name, new Placement(name, List.copyOf(sites), List.copyOf(backups.getOrDefault(name, new TreeSet<>())),
          first, firstBackup.get(name)));
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public List<String> hardClosure(String service) {
    return hardClosure.computeIfAbsent(service, s -> walk(s, true));
  }

  @Override
  public List<String> hardDependents(String component) {
    return hardDependents.computeIfAbsent(component, c -> walk(c, false));
  }

  @Override
  public boolean needsHard(String service, String component) {
    return hardClosure(service).contains(component);
  }

  /** Breadth-first over hard dependencies, down ({@code down}) or up; the start only when on a cycle (down). */
  private List<String> walk(String start, boolean down) {
    java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>();
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
    todo.add(start);
    while (!todo.isEmpty()) {
      String s = todo.poll();
      for (Dependency d : down ? dependenciesOf(s) : dependentsOf(s)) {
        String next = down ? d.dependsOn() : d.service();
        if (!d.hard() || (!down && next.equals(start))) continue;
        if (seen.add(next)) todo.add(next);
      }
    }
    return List.copyOf(seen);
  }

  @Override
  public List<Dependency> hardChain(String service, String component) {
    if (service.equals(component)) return List.of();
    Map<String, Dependency> via = new java.util.HashMap<>();
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
    todo.add(service);
    via.put(service, null);
    while (!todo.isEmpty() && !via.containsKey(component)) {
      String s = todo.poll();
      for (Dependency d : dependenciesOf(s)) {
        if (d.hard() && !via.containsKey(d.dependsOn())) {
          via.put(d.dependsOn(), d);
          todo.add(d.dependsOn());
        }
      }
    }
    if (!via.containsKey(component)) return List.of();
    List<Dependency> chain = new ArrayList<>();
    for (Dependency d = via.get(component); d != null; d = via.get(d.service())) chain.add(0, d);
    return List.copyOf(chain);
  }
}
