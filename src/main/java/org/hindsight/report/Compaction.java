package org.hindsight.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.facts.SourceRef;
import org.hindsight.observe.Symptom;

/**
 * How the human reports stay short without losing anything: rows that say the same thing about
 * different entities collapse into one ("60 × adjacency.up on r1, r2, r3 … (+57 more)"), long
 * lists show a few names and a count. Every group keeps all its members, so a renderer can show
 * them in full (the HTML in a collapsed block, the JSON always), and every count is printed: nothing
 * is dropped without saying so.
 */
final class Compaction {
  /** Names shown before "(+N more)". */
  static final int NAMES = 3;
  /** Fewer alike rows than this are shown one by one: a summary of two says no less than the two. */
  static final int MIN_GROUP = 3;
  /** Moments of one kind further apart than this start a new group. */
  static final Duration BURST = Duration.ofMinutes(15);
  /** Categories whose moments are each worth a row of their own. */
  private static final Set<String> SINGULAR = Set.of("cause", "trigger", "declared", "change");

  private Compaction() {}

  /** "a, b, c … (+7 more)". */
  static String names(List<String> names, int shown) {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
    if (distinct.size() <= shown + 1) return String.join(", ", distinct);
    return String.join(", ", distinct.subList(0, shown)) + " … (+" + (distinct.size() - shown) + " more)";
  }

  static String names(List<String> names) {
    return names(names, NAMES);
  }

  /** The lowest and highest record: "events.csv:350", "events.csv:350 … 401" (same file), "events.csv:350 … links.csv:2". */
  static String range(List<SourceRef> refs, java.util.function.Function<SourceRef, String> cite) {
    if (refs.isEmpty()) return "";
    List<SourceRef> sorted = refs.stream().sorted().toList();
    return range(sorted.get(0), sorted.get(sorted.size() - 1), cite);
  }

  static String range(SourceRef first, SourceRef last, java.util.function.Function<SourceRef, String> cite) {
    if (first.equals(last)) return cite.apply(first);
    return cite.apply(first) + " … " + (first.file().equals(last.file()) ? Integer.toString(last.line()) : cite.apply(last));
  }

  /** The non-empty values, each once, in first-seen order. */
  static List<String> distinct(java.util.stream.Stream<String> values) {
    return values.filter(v -> !v.isEmpty()).distinct().toList();
  }

  static Instant earliest(java.util.stream.Stream<Instant> times) {
    return times.filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
  }

  static Instant latest(java.util.stream.Stream<Instant> times) {
    return times.filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
  }

  // ---- timeline and resolution -----------------------------------------------------------------

  /**
   * Timeline rows: a moment alone, or a burst of moments of one kind and category.
   *
   * @param moments the group's moments in time order, the first {@link Grouper}'s limit of them (a
   *     fleet-scale incident has bursts of 100,000 recoveries); {@code count} says how many there are
   * @param lowest the lowest record of all its moments, {@code highest} the highest
   * @param entities every moment's entity, each once, in first-seen order
   * @param message the message every moment shares ("" when they differ)
   */
  record MomentGroup(String category, String kind, List<Postmortem.Moment> moments, int count, Postmortem.Moment last,
      SourceRef lowest, SourceRef highest, List<String> entities, String message) {
    Postmortem.Moment first() {
      return moments.get(0);
    }

    boolean single() {
      return count == 1;
    }

    /** The records of the listed moments (all of them when the group lists all). */
    List<SourceRef> refs() {
      return moments.stream().map(Postmortem.Moment::ref).toList();
    }

    /** The lowest and highest record of all its moments, as {@link Compaction#range} words them. */
    String range(java.util.function.Function<SourceRef, String> cite) {
      return Compaction.range(lowest, highest, cite);
    }

    /** The row's text: the moment's own, or "60 × adjacency.up on r1, r2, r3 … (+57 more)". */
    String what() {
      if (single()) return first().what();
      String on = entities.isEmpty() ? "" : entities.size() == count ? " on " + names(entities)
          : " on " + entities.size() + " entities: " + names(entities);
      return count + " × " + kind + on + (message.isEmpty() ? "" : ": " + message);
    }
  }

  /**
   * Groups moments (in time order) of the same category and kind that follow each other within
   * {@link #BURST}; causes, triggers, declarations and changes stay rows of their own.
   */
  static List<MomentGroup> moments(List<Postmortem.Moment> moments) {
    Grouper g = new Grouper(Integer.MAX_VALUE);
    moments.forEach(g::add);
    return g.groups();
  }

  /**
   * {@link #moments} fed one moment at a time, each group keeping its first {@code listed} moments and
   * a summary of the rest (count, last, record range, entities, shared message): memory bounded by the
   * groups, not the moments.
   */
  static final class Grouper {
    private final int listed;
    private final List<Open> out = new ArrayList<>();
    private final Map<String, Open> open = new java.util.HashMap<>();

    Grouper(int listed) {
      this.listed = Math.max(listed, MIN_GROUP); // a group below MIN_GROUP becomes its moments, so they are kept
    }

    void add(Postmortem.Moment m) {
      if (SINGULAR.contains(m.category()) || m.kind().isEmpty()) {
        out.add(new Open(m));
        return;
      }
      String key = m.category() + "\u0000" + m.kind();
      Open g = open.get(key);
      if (g != null && Duration.between(g.last.time(), m.time()).compareTo(BURST) <= 0) {
        g.add(m, listed);
      } else {
        g = new Open(m);
        open.put(key, g);
        out.add(g);
      }
    }

    List<MomentGroup> groups() {
      List<MomentGroup> frozen = new ArrayList<>();
      for (Open g : out) {
        if (g.count >= MIN_GROUP) {
          frozen.add(new MomentGroup(g.category, g.kind, List.copyOf(g.moments), g.count, g.last, g.lowest, g.highest,
              List.copyOf(g.entities), g.message == null ? "" : g.message));
        } else {
          for (Postmortem.Moment m : g.moments) frozen.add(single(m));
        }
      }
      frozen.sort(Comparator.comparing((MomentGroup g) -> g.first().time()).thenComparing(g -> g.first().ref()));
      return List.copyOf(frozen);
    }

    private static MomentGroup single(Postmortem.Moment m) {
      return new MomentGroup(m.category(), m.kind(), List.of(m), 1, m, m.ref(), m.ref(),
          m.entity().isEmpty() ? List.of() : List.of(m.entity()), message(m));
    }

    private static String message(Postmortem.Moment m) {
      int colon = m.what().indexOf(": ");
      return colon < 0 ? "" : m.what().substring(colon + 2);
    }

    /** A group being gathered. */
    private static final class Open {
      final String category;
      final String kind;
      final List<Postmortem.Moment> moments = new ArrayList<>();
      final Set<String> entities = new LinkedHashSet<>();
      int count;
      Postmortem.Moment last;
      SourceRef lowest;
      SourceRef highest;
      /** The message shared so far; "" once two differ. */
      String message;

      Open(Postmortem.Moment m) {
        category = m.category();
        kind = m.kind();
        add(m, 1);
      }

      void add(Postmortem.Moment m, int listed) {
        if (moments.size() < listed) moments.add(m);
        count++;
        last = m;
        if (lowest == null || m.ref().compareTo(lowest) < 0) lowest = m.ref();
        if (highest == null || m.ref().compareTo(highest) > 0) highest = m.ref();
        if (!m.entity().isEmpty()) entities.add(m.entity());
        String msg = message(m);
        if (message == null) message = msg;
        else if (!message.equals(msg)) message = "";
      }
    }
  }

  // ---- impact ----------------------------------------------------------------------------------

  /** Affected entities of one type with the same symptoms and the same recovery state. */
  record AffectedGroup(String type, List<String> symptoms, boolean recovered, List<Postmortem.Affected> members) {
    boolean single() {
      return members.size() == 1;
    }

    List<String> entities() {
      return members.stream().map(Postmortem.Affected::entity).toList();
    }

    List<String> sites() {
      return distinct(members.stream().map(Postmortem.Affected::site));
    }

    Instant firstFrom() {
      return earliest(members.stream().map(Postmortem.Affected::from));
    }

    Instant lastFrom() {
      return latest(members.stream().map(Postmortem.Affected::from));
    }

    Instant firstUntil() {
      return earliest(members.stream().map(Postmortem.Affected::until));
    }

    Instant lastUntil() {
      return latest(members.stream().map(Postmortem.Affected::until));
    }
  }

  /** Groups affected entities (in onset order) by type, symptoms and whether they recovered; first onset first. */
  static List<AffectedGroup> affected(List<Postmortem.Affected> affected) {
    Map<String, List<Postmortem.Affected>> byKey = new LinkedHashMap<>();
    for (Postmortem.Affected a : affected) {
      String key = a.type() + "\u0000" + String.join(",", a.symptoms()) + "\u0000" + (a.until() != null);
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
    }
    List<AffectedGroup> out = new ArrayList<>();
    for (List<Postmortem.Affected> members : byKey.values()) {
      Postmortem.Affected f = members.get(0);
      if (members.size() >= MIN_GROUP) {
        out.add(new AffectedGroup(f.type(), f.symptoms(), f.until() != null, List.copyOf(members)));
      } else {
        for (Postmortem.Affected a : members) out.add(new AffectedGroup(a.type(), a.symptoms(), a.until() != null, List.of(a)));
      }
    }
    out.sort(Comparator.comparing((AffectedGroup g) -> g.firstFrom() == null ? Instant.MAX : g.firstFrom())
        .thenComparing(g -> g.members().get(0).entity()));
    return List.copyOf(out);
  }

  // ---- symptoms --------------------------------------------------------------------------------

  /**
   * The symptoms of one kind (on the members of one service, when grouped by service; else
   * {@code service} is ""): on which entities, when, from which records.
   */
  record SymptomGroup(String kind, String service, List<Symptom> symptoms) {
    List<String> entities() {
      return distinct(symptoms.stream().map(Symptom::entity));
    }

    Instant first() {
      return earliest(symptoms.stream().map(Symptom::onset));
    }

    Instant last() {
      return latest(symptoms.stream().map(Symptom::onset));
    }

    List<SourceRef> refs() {
      return symptoms.stream().map(Symptom::evidence).filter(java.util.Objects::nonNull).sorted().toList();
    }

    /** How many of them ended within the logs. */
    long ended() {
      return symptoms.stream().filter(s -> s.end() != null).count();
    }

    Instant firstEnd() {
      return earliest(symptoms.stream().map(Symptom::end).filter(java.util.Objects::nonNull));
    }

    Instant lastEnd() {
      return latest(symptoms.stream().map(Symptom::end).filter(java.util.Objects::nonNull));
    }

    /** The metrics or event types they were read from. */
    List<String> details() {
      return distinct(symptoms.stream().map(Symptom::detail).filter(d -> !d.isEmpty()));
    }
  }

  /** Symptoms by kind, in order of the kind's first onset. */
  static List<SymptomGroup> symptoms(List<Symptom> symptoms) {
    return symptoms(symptoms, entity -> "");
  }

  /**
   * Symptoms by kind and by the service ({@code serviceOf} the entity, "" for none) whose members
   * show them, in order of the group's first onset: a fleet's alike symptoms said once.
   */
  static List<SymptomGroup> symptoms(List<Symptom> symptoms, java.util.function.Function<String, String> serviceOf) {
    Map<List<String>, List<Symptom>> byKind = new LinkedHashMap<>();
    List<Symptom> sorted = new ArrayList<>(symptoms);
    sorted.sort(Comparator.comparing((Symptom s) -> s.onset() == null ? Instant.MAX : s.onset()).thenComparing(Symptom::key));
    for (Symptom s : sorted) byKind.computeIfAbsent(List.of(s.kind(), serviceOf.apply(s.entity())), k -> new ArrayList<>()).add(s);
    List<SymptomGroup> out = new ArrayList<>();
    byKind.forEach((k, v) -> out.add(new SymptomGroup(k.get(0), k.get(1), List.copyOf(v))));
    return List.copyOf(out);
  }

  // ---- cited records ---------------------------------------------------------------------------

  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]*[A-Za-z0-9]|[A-Za-z0-9]");

  /**
   * A note with the entity names taken out ("isis routes surge on {}") and the names it held, so
   * notes that differ only in the entity they name can share a row.
   */
  record Template(String text, List<String> names) {}

  /** A record reference inside a note ("sample-logs/x/requests.csv:5390"): it varies like a name. */
  private static final Pattern RECORD = Pattern.compile("[^\\s:()]+\\.[A-Za-z]+:\\d+");

  static Template template(String note, Predicate<String> isEntity) {
    Matcher m = WORD.matcher(note);
    StringBuilder b = new StringBuilder();
    List<String> names = new ArrayList<>();
    int at = 0;
    while (m.find()) {
      if (!isEntity.test(m.group()) && !RECORD.matcher(m.group()).matches()) continue;
      b.append(note, at, m.start()).append("{}");
      names.add(m.group());
      at = m.end();
    }
    b.append(note.substring(at));
    return new Template(b.toString(), names);
  }

  /** Consecutive items (already in order) whose templates are equal, with the names each held. */
  record Run<T>(String template, List<T> items, List<List<String>> names) {
    boolean single() {
      return items.size() == 1;
    }

    /**
     * The template with its blanks filled: a name all items share stays; the first name that
     * varies becomes the list of its values ("r1, r2, r3 … (+7 more)"), later varying ones "…".
     */
    String describe() {
      StringBuilder b = new StringBuilder();
      int at = 0;
      int hole = 0;
      boolean listed = false;
      for (int i = template.indexOf("{}"); i >= 0; i = template.indexOf("{}", at)) {
        b.append(template, at, i);
        List<String> values = new ArrayList<>();
        for (List<String> n : names) if (hole < n.size()) values.add(n.get(hole));
        List<String> distinct = List.copyOf(new LinkedHashSet<>(values));
        if (distinct.size() == 1) {
          b.append(distinct.get(0));
        } else if (!listed) {
          b.append(Compaction.names(distinct));
          listed = true;
        } else {
          b.append('…');
        }
        at = i + 2;
        hole++;
      }
      b.append(template.substring(at));
      return b.toString();
    }

    /** The names that vary from item to item (the first varying blank's values). */
    List<String> varying() {
      int holes = names.isEmpty() ? 0 : names.get(0).size();
      for (int h = 0; h < holes; h++) {
        List<String> values = new ArrayList<>();
        for (List<String> n : names) if (h < n.size()) values.add(n.get(h));
        if (new LinkedHashSet<>(values).size() > 1) return values;
      }
      return List.of();
    }
  }

  /**
   * Items grouped by template, each group where its first item was; groups smaller than
   * {@code minRun} go back to rows of their own.
   */
  static <T> List<Run<T>> runs(List<T> items, java.util.function.Function<T, Template> templateOf, int minRun) {
    Map<String, Run<T>> byTemplate = new LinkedHashMap<>();
    List<Run<T>> raw = new ArrayList<>();
    for (T item : items) {
      Template t = templateOf.apply(item);
      Run<T> cur = byTemplate.get(t.text());
      if (cur != null) {
        cur.items().add(item);
        cur.names().add(t.names());
      } else {
        cur = new Run<>(t.text(), new ArrayList<>(List.of(item)), new ArrayList<>(List.of(t.names())));
        byTemplate.put(t.text(), cur);
        raw.add(cur);
      }
    }
    List<Run<T>> out = new ArrayList<>();
    for (Run<T> r : raw) {
      if (r.items().size() >= minRun) {
        out.add(new Run<>(r.template(), List.copyOf(r.items()), List.copyOf(r.names())));
      } else {
        for (int i = 0; i < r.items().size(); i++) {
          out.add(new Run<>(r.template(), List.of(r.items().get(i)), List.of(r.names().get(i))));
        }
      }
    }
    return List.copyOf(out);
  }
}
