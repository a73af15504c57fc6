package org.hindsight.importer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which systemd unit a message naming only its <em>description</em> is about. systemd's
 * {@code Stopped PostgreSQL 13 database server.} and {@code Failed to start Network Configuration.} name the
 * unit's description, not the unit; taken as an entity it is a name no inventory holds. systemd names the
 * unit itself on the line it writes just before, on the same host ({@code postgresql-13.service: Failed with
 * result 'exit-code'.}, {@code systemd-networkd.service: Deactivated successfully.}); newer releases put it
 * in the line ({@code Stopped nginx.service - A high performance web server…}). A description once paired
 * with its unit on a host keeps that unit there ({@code Started Network Configuration.} later). One per
 * import run. "Just before" is in time, not in the file: Splunk, Kibana, Cloud Logging and Loki export
 * newest first, so a source's messages are paired once it is read ({@link #settle}), oldest first.
 */
final class SystemdUnits {
  /** A unit file's name: systemd's own name for what it starts and stops. */
  private static final Pattern UNIT = Pattern.compile(
      "([\\w@.:\\\\-]+?\\.(?:service|socket|mount|automount|timer|path|scope|slice|swap|device))");
  /** A message about a named unit ({@code nginx.service: Failed with result …}). */
  private static final Pattern UNIT_LINE = Pattern.compile("^" + UNIT.pattern() + ": ");
  /** A description that is, or begins with, the unit's name ({@code nginx.service - A high performance…}). */
  private static final Pattern NAMED = Pattern.compile("^" + UNIT.pattern() + "(?: - .*)?$");

  /** One message of the source being read; {@code described} is the description it names, null when none. */
  private record Note(String host, String text, String isoTime, String described, ImportRun.Row row) {}

  /** A note with its time read (null: a time the contract writes without an offset). */
  private record Timed(Note note, Instant time) {}

  private final List<Note> notes = new ArrayList<>();
  private boolean describedSeen;
  private final Map<String, String> byDescription = new HashMap<>();

  /**
   * Notes a message of the source being read and the row made of it; a row whose message names a unit's
   * description gets its unit (and the unit as entity) when the source is settled.
   */
  void note(String host, String text, String isoTime, String described, ImportRun.Row row) {
    notes.add(new Note(host, text, isoTime, described, row));
    describedSeen |= described != null;
  }

  /** Pairs the noted messages of the source just read with their units, oldest first, and forgets them. */
  void settle() {
    // most sources name no unit's description: nothing to pair, so no time need be read
    if (!describedSeen) {
      notes.clear();
      return;
    }
    describedSeen = false;
    List<Timed> inOrder = new ArrayList<>(notes.size());
    boolean timed = true;
    for (Note n : notes) {
      Instant time = time(n.isoTime());
      timed &= time != null; // one without an offset: all kept in the file's order
      inOrder.add(new Timed(n, time));
    }
    notes.clear();
    if (timed && inOrder.size() > 1 && inOrder.get(0).time().isAfter(inOrder.get(inOrder.size() - 1).time())) {
      Collections.reverse(inOrder); // newest first: turned round, so ties keep the order they were written in
    }
    if (timed) inOrder.sort(Comparator.comparing(Timed::time));
    Map<String, String> lastUnitLine = new HashMap<>();
    for (Timed t : inOrder) {
      Note n = t.note();
      if (n.described() != null) {
        String unit = unit(lastUnitLine, n.host(), n.described());
        if (unit != null) n.row().set("entity", entity(unit)).set("unit", unit);
      }
      Matcher m = UNIT_LINE.matcher(n.text());
      if (m.find()) lastUnitLine.put(n.host(), m.group(1));
      else lastUnitLine.remove(n.host());
    }
  }

  private static Instant time(String iso) {
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The unit a description on this host names ({@code nginx.service}), or null when nothing says which. */
  private String unit(Map<String, String> lastUnitLine, String host, String description) {
    Matcher named = NAMED.matcher(description);
    if (named.matches()) return named.group(1);
    String key = host + "\n" + description;
    String just = lastUnitLine.get(host);
    if (just != null) {
      byDescription.put(key, just);
      return just;
    }
    return byDescription.get(key);
  }

  /** The unit as an entity: a service's unit is named without {@code .service}, as journald's rows name it. */
  static String entity(String unit) {
    return unit.endsWith(".service") ? unit.substring(0, unit.length() - ".service".length()) : unit;
  }
}
