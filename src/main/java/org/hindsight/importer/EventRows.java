package org.hindsight.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hindsight.ingest.LogKind;

/**
 * A log message as an {@code events} row, the one way every log importer (Splunk, Kibana, syslog,
 * journald, Cloud Logging) types it: the event rules give the type (unmatched: {@code log}) and may
 * name the entity (a systemd unit) and more columns; else the entity is the host that logged it.
 */
final class EventRows {
  private EventRows() {}

  /**
   * The event-rule group holding a systemd unit's description ({@code Stopped <description>}): the entity is
   * the unit it stands for ({@link SystemdUnits}) or the host, never the description.
   */
  static final String DESCRIBED = "described";

  /** Severity names of the contract, least severe first. */
  private static final List<String> LEVELS = List.of("info", "warning", "error", "critical");

  /** One message of a log. */
  record Message(String time, String source, String host, String text, String severity) {}

  /**
   * Adds the row (and counts the record kept), or reports the record at {@code line} when an event
   * rule ran out of its regex budget on it. {@code severity} is the log's own ("" when it has none);
   * with a rule's, the more severe of the two is kept, so a rule never plays down what the log said.
   */
  static ImportRun.Row add(ImportRun run, Source source, int line, Message m) {
    List<String> gaveUp = new ArrayList<>();
    EventRules.Match match = run.settings().eventRules.match(m.text(), gaveUp);
    if (!gaveUp.isEmpty()) {
      run.problem(source, line, "the event rule at " + String.join(", ", gaveUp)
          + " ran out of its regex budget on this message; simplify its pattern");
      return null;
    }
    String own = m.severity().isEmpty() ? "info" : m.severity();
    String entity = match == null ? m.host() : match.entity(m.host());
    String described = match == null ? null : match.groups().get(DESCRIBED);
    // a unit's description is no entity: the unit systemd named for it (set once the source is read), else the host
    if (described != null) entity = m.host();
    ImportRun.Row row = run.row(LogKind.EVENTS, source, line).set("timestamp", m.time()).set("source", m.source())
        .set("type", match == null ? "log" : match.type()).set("entity", entity)
        .set("message", m.text())
        .set("severity", match == null ? own : m.severity().isEmpty() ? match.severity() : moreSevere(match.severity(), own))
        .set("host", m.host());
    if (match != null) match.groups().forEach((k, v) -> {
      if (!k.equals("entity") && !k.equals(DESCRIBED)) row.set(k, v);
    });
    if (described != null) row.reserve("unit");
    run.units().note(m.host(), m.text(), m.time(), described, row);
    run.kept(source);
    return row;
  }

  private static String moreSevere(String a, String b) {
    return LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;
  }

  /** A level word as logs write it ({@code warn}, {@code err}, {@code crit}, {@code NOTICE}) → the contract's severity; "" when none. */
  static String severity(String word) {
    String known = org.hindsight.ingest.Severity.of(word);
    return known == null ? "" : known;
  }

  /**
   * A level word in capitals among a line's first few words, as application log layouts put it after the time (Spring
   * Boot's {@code 2024-05-01 10:00:00.123 ERROR 1 --- [main] c.e.Foo : …}, Logback's {@code 10:00:00.123 [main] WARN …},
   * {@code 2021-10-25T02:03:10Z [ERROR] …}), or a logfmt field ({@code level=warn}); the words bounded, so linear on any line.
   */
  private static final java.util.regex.Pattern LEVEL_IN_TEXT =
      java.util.regex.Pattern.compile("^(?:\\S{1,40}\\s+){0,3}\\[?(ERROR|WARN|WARNING|FATAL|CRITICAL)\\b|\\blevel=\"?([A-Za-z]+)");

  /** The severity a log line's own text states ({@link #LEVEL_IN_TEXT}); "" when it states none (an INFO line too). */
  static String severityInText(String text) {
    java.util.regex.Matcher m = LEVEL_IN_TEXT.matcher(text);
    return m.find() ? severity(m.group(1) != null ? m.group(1) : m.group(2)) : "";
  }

  /** A syslog severity number (0 emerg … 7 debug; journald's PRIORITY, a PRI's low three bits) → the contract's severity. */
  static String severity(int syslog) {
    if (syslog <= 2) return "critical";
    if (syslog == 3) return "error";
    if (syslog == 4) return "warning";
    return "info";
  }

  /** Extra columns in the order given, skipping empty values. */
  static void extras(ImportRun.Row row, Map<String, String> columns) {
    if (row != null) columns.forEach((k, v) -> {
      if (v != null && !v.isEmpty()) row.set(k, v);
    });
  }
}
