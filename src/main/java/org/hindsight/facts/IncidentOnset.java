package org.hindsight.facts;

import java.time.Instant;
import java.util.Map;

/**
 * The first symptom of the incident (the earliest of the observation model), the anchor of look-back
 * windows; with the entities downstream of it, along dependencies, services and parents (never
 * links, which run both ways), so a rule can tell a change that came after the trouble in
 * propagation order. Absent when the logs show no symptom.
 *
 * <p>An incident may have several independent causes: a change is weighed against the first symptom
 * of the trouble it reaches ({@link #anchor}), not the incident's, and ruled out only when it lies
 * downstream of trouble that had begun by then ({@link #isDownstream(String, long)}).
 *
 * <pre>
 * $onset : IncidentOnset( $t0 : millis )
 * $c : Change( millis &lt;= $onset.anchor(entity), $onset.isDownstream(entity, $onset.anchor(entity)) == false )
 * </pre>
 *
 * @param time the onset of the first symptom
 * @param entity the entity it was seen on
 * @param kind its symptom kind ({@code service.down}, {@code errors}, …)
 * @param downstream the entities trouble at {@code entity} reaches along dependencies, services and parents
 * @param estate how many entities and services the inputs know (inventory, services, dependencies, links)
 * @param origin file:line of the record that shows it
 * @param partOf the service {@code entity} is an item of (empty when none): a change to it acts on its items
 * @param reaches per entity within {@link TroubleProximity#MAX_HOPS} steps of a symptom, the earliest symptom on it
 *     or on what its failure would reach (the first symptom a change of it could explain)
 * @param downstreamOf per entity downstream of a symptomatic one, the earliest symptom upstream of it (on an
 *     entity whose trouble flows to it; the service of a symptomatic item is not downstream of that item)
 * @param anchors every end of a look-back window, sorted (epoch milliseconds): {@code time} and the onset of each
 *     trouble in {@code reaches}; always computed from those two, whatever is passed ({@link #anchoredWithin})
 * @param reached per entity, the first symptom of every entity its failure would reach (itself included), by onset:
 *     the later anchors of a change made after the first symptom ({@link #troubleAfter}); none when null
 */
public record IncidentOnset(Instant time, String entity, String kind, java.util.Set<String> downstream, int estate,
    SourceRef origin, java.util.Set<String> partOf, Map<String, Trouble> reaches, Map<String, Trouble> downstreamOf,
    long[] anchors, Reached reached) implements Fact {
  /** The first symptoms of the entities a failure of an entity would reach, by onset (several anchors per entity). */
  public interface Reached {
    /** The first symptom of every entity a failure of {@code entity} would reach (itself included), by onset. */
    java.util.List<Trouble> by(String entity);

    /**
     * Whether {@code fresh} may be the spread of trouble already under way when a change was made at {@code changeMillis}:
     * an entity whose trouble reaches {@code fresh}'s (upstream of it) was in trouble then, begun at most {@code
     * withinMillis} before {@code fresh} began.
     */
    boolean mayBeSpread(Trouble fresh, long changeMillis, long withinMillis);

    Reached NONE = new Reached() {
      @Override
      public java.util.List<Trouble> by(String entity) {
        return java.util.List.of();
      }

      @Override
      public boolean mayBeSpread(Trouble fresh, long changeMillis, long withinMillis) {
        return false;
      }
    };
  }

  public IncidentOnset {
    if (reached == null) reached = Reached.NONE;
    downstream = java.util.Set.copyOf(downstream);
    partOf = java.util.Set.copyOf(partOf);
    reaches = Map.copyOf(reaches);
    downstreamOf = Map.copyOf(downstreamOf);
    anchors = java.util.stream.LongStream.concat(java.util.stream.LongStream.of(time.toEpochMilli()),
        reaches.values().stream().mapToLong(Trouble::millis)).distinct().sorted().toArray();
  }

  public IncidentOnset(Instant time, String entity, String kind, java.util.Set<String> downstream, int estate,
      SourceRef origin, java.util.Set<String> partOf, Map<String, Trouble> reaches, Map<String, Trouble> downstreamOf) {
    this(time, entity, kind, downstream, estate, origin, partOf, reaches, downstreamOf, null, null);
  }

  public IncidentOnset(Instant time, String entity, String kind, java.util.Set<String> downstream, int estate, SourceRef origin) {
    this(time, entity, kind, downstream, estate, origin, java.util.Set.of(), Map.of(), Map.of());
  }

  /**
   * A symptom's start, where a look-back is anchored.
   *
   * @param time its onset
   * @param entity the entity it was seen on
   * @param kind its symptom kind
   * @param origin file:line of the record that shows it
   * @param earliest the earliest moment it may have begun (a sampled symptom's last normal sample; {@code time} for
   *     a timestamped record): a symptom seen at a sample began somewhere after the sample before
   */
  public record Trouble(Instant time, String entity, String kind, SourceRef origin, Instant earliest) {
    public Trouble {
      if (earliest == null || earliest.isAfter(time)) earliest = time;
    }

    public Trouble(Instant time, String entity, String kind, SourceRef origin) {
      this(time, entity, kind, origin, time);
    }

    public long millis() {
      return time.toEpochMilli();
    }

    /** {@link #earliest} in epoch milliseconds. */
    public long earliestMillis() {
      return earliest.toEpochMilli();
    }

    /** The one that began first ({@code a} on a tie): how troubles met on the way are merged. */
    public static Trouble earlier(Trouble a, Trouble b) {
      return b.time.isBefore(a.time) ? b : a;
    }
  }

  /** Whether {@code other} is what failed first: the entity of the first symptom or the service it is an item of. */
  public boolean failedFirst(String other) {
    return other.equals(entity) || partOf.contains(other);
  }

  public long millis() {
    return time.toEpochMilli();
  }

  /**
   * The first symptom a change of {@code other} could explain: the earliest on it or on what its failure
   * reaches; the incident's first symptom when it reaches none.
   */
  public Trouble troubleOf(String other) {
    Trouble t = reaches.get(other);
    return t != null ? t : firstTrouble();
  }

  /** {@link #troubleOf}'s onset in milliseconds: the end of {@code other}'s look-back window. */
  public long anchor(String other) {
    return troubleOf(other).millis();
  }

  /**
   * Whether a change at {@code millis} lies in some look-back window of {@code lookBackMillis}: at most that long
   * before an {@link #anchor} of some entity (the incident's first symptom or a trouble's). Only such a change
   * can be a candidate or a rival; one outside every window can be weighed only as a step of a roll-out.
   */
  public boolean anchoredWithin(long millis, long lookBackMillis) {
    int i = java.util.Arrays.binarySearch(anchors, millis);
    int next = i >= 0 ? i : -i - 1; // the first anchor at or after millis
    return next < anchors.length && anchors[next] - lookBackMillis <= millis;
  }

  /**
   * The trouble a change of {@code other} made at {@code millis} may have started though the incident was under way: the
   * earliest first symptom, on an entity its failure would reach, that began after the change (the middle of its onset
   * interval at or after it: a sampled onset that may as well have come before is not fresh) and at most {@code withinMillis}
   * after it. Only an entity with no symptom before counts: trouble already begun there is the first period's, whatever
   * came after; and not one whose trouble may be the spread of trouble still under way upstream of it when the change was
   * made, begun at most {@code withinMillis} before it (a cascade under way reaching further, not a new episode). Null
   * when there is none.
   */
  public Trouble troubleAfter(String other, long millis, long withinMillis) {
    for (Trouble t : reached.by(other)) {
      if (t.millis() <= millis) continue;
      if (t.millis() > millis + withinMillis) return null;
      long middle = t.earliestMillis() + (t.millis() - t.earliestMillis()) / 2;
      if (middle >= millis && !reached.mayBeSpread(t, millis, withinMillis)) return t;
    }
    return null;
  }

  /** Whether {@code other} lies downstream of the first symptomatic entity (never itself). */
  public boolean isDownstream(String other) {
    return !other.equals(entity) && downstream.contains(other);
  }

  /**
   * Whether {@code other} lies downstream of an entity whose trouble had begun by {@code atMillis}: trouble could
   * reach it from there, so a change of it explains nothing that began by then.
   */
  public boolean isDownstream(String other, long atMillis) {
    if (isDownstream(other)) return true;
    Trouble upstream = downstreamOf.get(other);
    return upstream != null && upstream.millis() <= atMillis;
  }

  /** The earliest symptom upstream of {@code other} (what {@link #isDownstream(String, long)} found); null when none. */
  public Trouble upstreamTroubleOf(String other) {
    Trouble t = downstreamOf.get(other);
    return t != null ? t : isDownstream(other) ? firstTrouble() : null;
  }

  /** The incident's first symptom as a trouble: its own entry where {@code reaches} holds it (with its earliest). */
  private Trouble firstTrouble() {
    Trouble t = reaches.get(entity);
    return t != null && t.time().equals(time) && t.kind().equals(kind) ? t : new Trouble(time, entity, kind, origin);
  }
}
