package org.hindsight.importer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An import run's alerts per entity as intervals, from firing to end, for the importers whose every record gives an
 * alert's start and, once it is over, its end (Alertmanager, PagerDuty). The observation model ends an entity's episode at
 * any recovery of it, and a down episode at any degraded event; so the recoveries are written once every file is read
 * ({@link #finish}, from {@link Importer#finish}), each among the entity's alerts still firing then
 * ({@link AlertRows#recoveryAmong}), and a lesser alert that fires while another of its entity says down is context
 * ({@code alert.info}): the entity stays down. The same alert read again (another file, a later notification of it) is
 * one alert, whose end any of its records may give.
 */
final class AlertEpisodes {
  /** One alert: its firing row (already written) and, once known, its end. */
  static final class Alert {
    final String entity;
    final String name;
    final Instant start;
    final ImportRun.Row firing;
    String type;
    String endTime;
    Source endSource;
    int endLine;
    String endMessage;

    Alert(String entity, String name, String type, Instant start, ImportRun.Row firing) {
      this.entity = entity;
      this.name = name;
      this.type = type;
      this.start = start;
      this.firing = firing;
    }

    Instant end() {
      return endTime == null ? null : instant(endTime);
    }

    /** Whether it fires at {@code at}: begun by then and not ended. */
    boolean firesAt(Instant at) {
      Instant end = end();
      return !start.isAfter(at) && (end == null || end.isAfter(at));
    }
  }

  private final Map<String, Alert> byIdentity = new HashMap<>();
  private final Map<String, List<Alert>> byEntity = new HashMap<>();
  private final List<Alert> inOrder = new ArrayList<>();

  /**
   * Whether the alert of {@code identity} was read before; if so this record of it is counted: kept when it is the first
   * to give the alert's end ({@code endTime}, null while it fires), else ignored as a repeat.
   */
  boolean readAgain(ImportRun run, String identity, String endTime, Source source, int line, String endMessage) {
    Alert known = byIdentity.get(identity);
    if (known == null) return false;
    if (endTime != null && ended(known, endTime, source, line, endMessage)) run.kept(source);
    else run.ignored(source);
    return true;
  }

  /** A new alert, its firing row written by the caller; one of {@code alert.info} (context) is only known, it has no episode. */
  Alert fired(String identity, String entity, String name, String type, String startTime, ImportRun.Row firing) {
    Alert a = new Alert(entity, name, type, instant(startTime), firing);
    byIdentity.put(identity, a);
    if (type.equals(AlertRows.INFO)) return a;
    byEntity.computeIfAbsent(entity, k -> new ArrayList<>()).add(a);
    inOrder.add(a);
    return a;
  }

  /** The alert ended at {@code time}, said by the record at {@code source:line}; the first end read is kept. Returns whether it was new. */
  boolean ended(Alert a, String time, Source source, int line, String message) {
    if (a.endTime != null) return false;
    a.endTime = time;
    a.endSource = source;
    a.endLine = line;
    a.endMessage = message;
    return true;
  }

  /** Writes every recovery, and makes a lesser alert firing while another of its entity says down context. */
  void finish(ImportRun run, String stillWord) {
    for (Alert a : inOrder) {
      if (!a.type.equals(AlertRows.DEGRADED)) continue;
      Alert down = firingBeside(a, a.start, AlertRows.DOWN);
      if (down != null) {
        a.type = AlertRows.INFO;
        a.firing.set("type", AlertRows.INFO).set("message", a.firing.value("message") + " (already down: " + down.name + ")");
      }
    }
    for (Alert a : inOrder) {
      if (a.endTime == null) continue;
      Instant at = a.end();
      TreeSet<String> still = new TreeSet<>();
      boolean stillDown = false;
      for (Alert o : byEntity.get(a.entity)) {
        if (o != a && o.firesAt(at)) {
          still.add(o.name);
          stillDown |= o.type.equals(AlertRows.DOWN);
        }
      }
      AlertRows.recoveryAmong(run, a.endSource, a.endLine, a.endTime, a.entity, a.endMessage, a.name, still, stillDown, stillWord);
    }
    inOrder.clear();
    byEntity.clear();
    byIdentity.clear();
  }

  /** Another alert of {@code a}'s entity of {@code type} firing at {@code at}, or null. */
  private Alert firingBeside(Alert a, Instant at, String type) {
    for (Alert o : byEntity.get(a.entity)) if (o != a && o.type.equals(type) && o.firesAt(at)) return o;
    return null;
  }

  private static Instant instant(String iso) {
    return OffsetDateTime.parse(iso).toInstant();
  }
}
