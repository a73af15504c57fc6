package org.hindsight.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A change to the estate, whichever log recorded it: a CLI session ({@code config-session}), an ops
 * command ({@code ops-command}), a {@code changes} row with a time ({@code change-ticket}), or an
 * event whose type says a change ({@code event}, made by the change-correlation rules), or a
 * rolling change ({@code rolling}): changes of one kind made to several items of one service one
 * after another ({@link #rollOuts}), a change of the service whose steps keep their own items and
 * times. Neutral: when, where, how much of the estate it named, and its records; whether it caused
 * anything is for the rules and the replay.
 *
 * <pre>
 * $c : Change( entity != "", millis &lt;= $onset.millis, millis &gt;= $onset.millis - 7200000 )
 * </pre>
 *
 * @param time when it took effect (a session's first accepted line, the command, the row's time; a
 *     rolling change's first step)
 * @param source {@code config-session}, {@code ops-command}, {@code change-ticket}, {@code event} or
 *     {@code rolling}
 * @param entity the entity it changed (the device, the service named, the event's entity, a rolling
 *     change's service); "" when the record names no known entity
 * @param touched every known entity or service it names, {@code entity} first
 * @param scope the share of the estate it touched: touched ÷ every known entity and service (0–1)
 * @param ticket the change ticket it cites ("" when none)
 * @param what the change in a few words, for reports
 * @param records every record it consists of (a session's lines), {@code origin} first
 * @param origin file:line of the record it comes from (cite it: .cause($fact) does)
 * @param kind what was done with its target taken out, to tell one change made host by host: the
 *     event type, the command or ticket summary with the names of the items it touched replaced by
 *     {@code *}, a session's lines
 * @param steps a rolling change's steps, each a change of one item, in time order (empty otherwise)
 */
public record Change(
    Instant time,
    String source,
    String entity,
    List<String> touched,
    double scope,
    String ticket,
    String what,
    List<SourceRef> records,
    SourceRef origin,
    String kind,
    List<Change> steps)
    implements TimedFact {

  public Change {
    touched = List.copyOf(touched);
    records = SourceRef.isCompact(records) ? records : List.copyOf(records);
    kind = kind == null ? "" : kind;
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /**
   * Equal in every component, as a record's equals is; the record cited is compared first. Drools's
   * {@code collect} removes a deleted change from its list with {@code List.remove}, one equals per
   * element before it: a roll-out's steps deleted from a list of thousands of changes made at the same
   * second, of the same kind, compared kind and texts first (the generated order, from the last
   * component) before their lines told them apart.
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    return o instanceof Change c && java.util.Objects.equals(origin, c.origin) && java.util.Objects.equals(time, c.time)
        && java.util.Objects.equals(source, c.source) && java.util.Objects.equals(entity, c.entity)
        && java.util.Objects.equals(touched, c.touched) && Double.compare(scope, c.scope) == 0
        && java.util.Objects.equals(ticket, c.ticket) && java.util.Objects.equals(what, c.what)
        && java.util.Objects.equals(records, c.records) && java.util.Objects.equals(kind, c.kind)
        && java.util.Objects.equals(steps, c.steps);
  }

  /** A single change (no steps). */
  public Change(Instant time, String source, String entity, List<String> touched, double scope, String ticket, String what,
      List<SourceRef> records, SourceRef origin, String kind) {
    this(time, source, entity, touched, scope, ticket, what, records, origin, kind, List.of());
  }

  /** The change an event records, on its entity, touching that one entity of an estate of {@code estate}. */
  /** Words of an event's type that say it is a session (a login to make changes), not the change itself. */
  private static final java.util.regex.Pattern SESSION_TYPE = java.util.regex.Pattern.compile("(?i)\\b(session|login|logon)\\b");

  /** Words of an event's message that say a session was opened. */
  private static final java.util.regex.Pattern OPENS_SESSION =
      java.util.regex.Pattern.compile("(?i)\\b(logged (in|on)|log(ged)?[ -]?on|login|session (opened|started|began|established))\\b");

  /** Words of an event that say a session ended. */
  private static final java.util.regex.Pattern CLOSES_SESSION =
      java.util.regex.Pattern.compile("(?i)\\b(logged (out|off)|log(ged)?[ -]?(out|off)|logout|session (closed|ended|terminated)|disconnected)\\b");

  /**
   * Whether an event of this type and message opens a session (a login to make changes: {@code config.session}
   * "… logged in on vty0"): it says where a change may be made, not what. Two such events alike in text on two
   * items are two sessions, whose changes may differ, never the steps of one roll-out.
   */
  public static boolean opensSession(String type, String message) {
    boolean opens = (mentions(type, "session", "log") && SESSION_TYPE.matcher(type.replace('.', ' ').replace('_', ' ')).find())
        || (mentions(message, "session", "log") && OPENS_SESSION.matcher(message).find());
    return opens && !closesSession(type, message);
  }

  /** Whether an event of this type and message says a session ended (logged out, disconnected). */
  public static boolean closesSession(String type, String message) {
    return (mentions(type, "session", "log", "disconnected") && CLOSES_SESSION.matcher(type.replace('.', ' ').replace('_', ' ')).find())
        || (mentions(message, "session", "log", "disconnected") && CLOSES_SESSION.matcher(message).find());
  }

  /**
   * Whether {@code text} holds one of {@code words} in any case: every alternative of the session patterns holds one
   * of theirs, so text without any cannot match, and the regex (run for every change event a roll-out is grouped
   * from, its message and type) is spared. Java's case folding here is wider than the patterns' ASCII-only {@code (?i)}:
   * it may let a text through to the regex, never keep one from it.
   */
  private static boolean mentions(String text, String... words) {
    for (String w : words) {
      for (int i = 0; i + w.length() <= text.length(); i++) {
        if (text.regionMatches(true, i, w, 0, w.length())) return true;
      }
    }
    return false;
  }

  public static Change ofEvent(Event e, int estate) {
    return new Change(e.time(), "event", e.entity(), e.entity().isEmpty() ? List.of() : List.of(e.entity()),
        estate <= 0 ? 0 : 1.0 / estate, e.attr("ticket"), e.type() + (e.entity().isEmpty() ? "" : " " + e.entity()),
        List.of(e.origin()), e.origin(), e.type());
  }

  /**
   * This roll-out as a change of {@code service}, one of the services it touched (a roll-out over several services is
   * weighed where it reaches the trouble, not where its first step happened to be); itself when it touched no such
   * service.
   */
  public Change asChangeOf(String service) {
    if (service.equals(entity) || !touched.contains(service)) return this;
    return new Change(time, source, service, touched, scope, ticket, what, records, origin, kind, steps);
  }

  /**
   * This change as a change of {@code service}, the service of the item it changed: what a database's primary is told
   * to do with its data, replication does on every replica, so the whole service is changed, not the one host.
   */
  public Change ofItsService(String service) {
    if (service.equals(entity)) return this;
    List<String> reached = new java.util.ArrayList<>();
    reached.add(service);
    for (String t : touched) if (!t.equals(service)) reached.add(t);
    return new Change(time, source, service, reached, scope, ticket, what, records, origin, kind, steps);
  }

  /** Whether it is a rolling change of a service (it has steps). */
  public boolean rolling() {
    return !steps.isEmpty();
  }

  /** A rolling change's items, each at its first step's time (empty for a single change). */
  public Map<String, Instant> stepTimes() {
    Map<String, Instant> out = new LinkedHashMap<>();
    for (Change s : steps) out.merge(s.entity(), s.time(), (a, b) -> a.isBefore(b) ? a : b);
    return out;
  }

  /**
   * The rolling changes among {@code changes}: single changes of one {@link #kind} on items of one
   * service (its inventory rows), at least two items, each step at most {@code maxGapMillis} after
   * the one before. A roll-out logged host by host is one change of the service: judged one at a
   * time, each step only takes one host out and capacity never falls. Changes of no item, of an
   * item without a service, or already part of a roll-out stay as they are.
   *
   * @param inventory the inventory rows (an item's first row with a service names its service)
   * @param estate every known entity and service, for the scope
   */
  public static List<Change> rollOuts(Collection<?> changes, Collection<?> inventory, long maxGapMillis, int estate) {
    Map<String, String> serviceOf = new HashMap<>();
    for (Object o : inventory) {
      if (o instanceof InventoryItem i && !i.service().isEmpty()) serviceOf.putIfAbsent(i.entity(), i.service());
    }
    Map<List<String>, List<Change>> groups = new LinkedHashMap<>();
    for (Object o : changes) {
      if (!(o instanceof Change c) || c.rolling() || c.kind().isEmpty()) continue;
      String service = serviceOf.get(c.entity());
      if (service == null || service.equals(c.entity())) continue;
      groups.computeIfAbsent(List.of(service, c.kind()), k -> new ArrayList<>()).add(c);
    }
    List<Change> out = new ArrayList<>();
    groups.forEach((key, group) -> {
      group.sort(Comparator.comparing(Change::time));
      List<Change> run = new ArrayList<>();
      for (Change c : group) {
        if (!run.isEmpty() && c.millis() - run.get(run.size() - 1).millis() > maxGapMillis) {
          addRollOut(out, key.get(0), run, estate);
          run = new ArrayList<>();
        }
        run.add(c);
      }
      addRollOut(out, key.get(0), run, estate);
    });
    out.sort(Comparator.comparing(Change::time));
    return out;
  }

  /**
   * {@link #rollOuts}, then the roll-outs of one kind over several services whose records say the same thing
   * ({@code content}: each step's record text, e.g. an event's message) and overlap in time, joined into one:
   * one content pushed to the hosts of every service at once (an agent's channel file, CrowdStrike 2024-07-19)
   * is one change, not one per service. Two services' deploys share an event type but not their text, so they
   * stay apart. The joined roll-out is a change of the service of its first step.
   *
   * @param content each change's record text by its origin (absent: the change joins nothing)
   */
  public static List<Change> rollOuts(Collection<?> changes, Collection<?> inventory, long maxGapMillis, int estate,
      Map<SourceRef, String> content) {
    List<Change> out = rollOuts(changes, inventory, maxGapMillis, estate);
    Map<List<String>, List<Change>> alike = new LinkedHashMap<>();
    for (Change r : out) {
      String said = saying(r, content);
      if (said != null) alike.computeIfAbsent(List.of(r.kind(), said), k -> new ArrayList<>()).add(r);
    }
    List<Change> joined = new ArrayList<>(out);
    for (List<Change> group : alike.values()) {
      if (group.size() < 2) continue;
      // at the same time: each roll-out overlaps another's span (within the gap)
      boolean together = true;
      for (Change r : group) together &= startsWithin(r, group, maxGapMillis);
      if (!together) continue;
      List<Change> steps = new ArrayList<>();
      List<String> services = new ArrayList<>();
      for (Change r : group) {
        steps.addAll(r.steps());
        services.add(r.entity());
      }
      steps.sort(Comparator.comparing(Change::time));
      joined.removeAll(group);
      addRollOut(joined, String.join(", ", services), steps, estate, services);
    }
    joined.sort(Comparator.comparing(Change::time));
    return joined;
  }

  /** Whether roll-out {@code r}'s span and another's of {@code group} overlap, give or take {@code gap}. */
  private static boolean startsWithin(Change r, List<Change> group, long gap) {
    for (Change o : group) {
      if (o == r) continue;
      long oEnd = o.steps().get(o.steps().size() - 1).millis();
      if (r.millis() <= oEnd + gap && o.millis() <= r.steps().get(r.steps().size() - 1).millis() + gap) return true;
    }
    return false;
  }

  /** What every step of roll-out {@code r} says, its item's name and long identifiers taken out; null unless all agree. */
  private static String saying(Change r, Map<SourceRef, String> content) {
    String said = null;
    for (Change step : r.steps()) {
      String text = content.get(step.origin());
      if (text == null || text.isBlank()) return null;
      String s = text.replace(step.entity(), "*").replaceAll("\\b(?:0x)?[0-9a-fA-F]{12,}\\b", "#").replaceAll("\\s+", " ").trim();
      if (said == null) said = s;
      else if (!said.equals(s)) return null;
    }
    return said;
  }

  private static void addRollOut(List<Change> out, String service, List<Change> run, int estate) {
    addRollOut(out, service, run, estate, List.of(service));
  }

  private static void addRollOut(List<Change> out, String label, List<Change> run, int estate, List<String> services) {
    Set<String> items = new LinkedHashSet<>();
    for (Change c : run) items.add(c.entity());
    if (items.size() < 2) return;
    Change first = run.get(0);
    Change last = run.get(run.size() - 1);
    List<String> touched = new ArrayList<>(services);
    touched.addAll(items);
    String service = services.get(0);
    List<SourceRef> records = new ArrayList<>();
    String ticket = "";
    for (Change c : run) {
      for (SourceRef r : c.records()) if (!records.contains(r)) records.add(r);
      if (ticket.isEmpty()) ticket = c.ticket();
    }
    String what = "rolling " + first.kind() + " of " + label + ": " + items.size() + " items, " + first.time() + " to "
        + last.time();
    out.add(new Change(first.time(), "rolling", service, touched, estate <= 0 ? 0 : Math.min(1.0, (double) touched.size() / estate),
        ticket, what, records, first.origin(), first.kind(), run));
  }

  /** Whether {@code ref} is one of its records (a pattern rule may already blame one of them). */
  public boolean covers(SourceRef ref) {
    return ref != null && records.contains(ref);
  }
}
