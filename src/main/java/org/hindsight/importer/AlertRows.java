package org.hindsight.importer;

import java.util.Locale;
import org.hindsight.ingest.LogKind;
import org.hindsight.observe.Observations;

/**
 * An alert or a paged incident as {@code events} rows, the one way alert importers (Alertmanager, PagerDuty) type them:
 * an alert firing says its entity is in trouble. Its name or title read as the observation model reads an event type
 * ({@code InstanceDown}, {@code Checkout API is down}: down) gives {@code alert.down}; any other alert of a severity that
 * pages or warns is {@code alert.degraded}; an informational one ({@code severity=info|none}, Alertmanager's always-firing
 * {@code Watchdog}) is {@code alert.info}, context, no symptom. An alert that ended adds {@code alert.recovered} at its
 * end, which closes the episode. The alert's own name stays in column {@code alert}, so no word of it is read as a change.
 */
final class AlertRows {
  private AlertRows() {}

  static final String DOWN = "alert.down";
  static final String DEGRADED = "alert.degraded";
  static final String INFO = "alert.info";
  static final String RECOVERED = "alert.recovered";

  /** Severities that neither page nor warn: an alert of them is context. */
  private static boolean informational(String severity) {
    String s = severity.trim().toLowerCase(Locale.ROOT);
    return s.equals("info") || s.equals("none") || s.equals("informational") || s.equals("debug");
  }

  /** The type of an alert firing, from its name (or title) and severity. */
  static String firingType(String name, String severity) {
    if (informational(severity)) return INFO;
    // the model's own reading of a type's words (camelCase split, last word): one definition of "says down"
    return Observations.saysDown("alert." + name.trim()) ? DOWN : DEGRADED;
  }

  /**
   * The contract's severity for an alert's: a level word as logs write it ({@link org.hindsight.ingest.Severity}), else the
   * alerting tools' own words ({@code page}, PagerDuty's urgency {@code high}/{@code low}, priorities {@code P1}…).
   */
  static String severity(String severity) {
    String known = org.hindsight.ingest.Severity.of(severity);
    if (known != null) return known;
    return switch (severity.trim().toLowerCase(Locale.ROOT)) {
      case "page", "high", "p1", "p2", "sev1", "sev2" -> "critical";
      case "major", "p3", "sev3" -> "error";
      case "low", "minor", "p4", "sev4" -> "warning";
      default -> "info";
    };
  }

  /**
   * The rows of a recovery of one of an entity's problems while the problems {@code stillOpen} (their names, in order) go on.
   * The observation model ends an entity's episode at any {@code alert.recovered} of it, so: while one of them says down
   * ({@code anotherSaysDown}) the recovery is {@code alert.info}, context (the entity stays down); with only lesser ones left
   * it is {@code alert.recovered} and, at the same time, {@code alert.degraded} for those (down ended, degraded goes on,
   * its message {@code "<names> still <stillWord>"}); with none left, {@code alert.recovered} alone. Returns the recovery's
   * row and the degraded one (null when none), for the caller's own columns.
   */
  static ImportRun.Row[] recoveryAmong(ImportRun run, Source source, int line, String time, String entity, String message,
      String alert, java.util.SortedSet<String> stillOpen, boolean anotherSaysDown, String stillWord) {
    String still = String.join(", ", stillOpen);
    ImportRun.Row recovery = row(run, source, line, time, anotherSaysDown ? INFO : RECOVERED, entity,
        message + (stillOpen.isEmpty() ? "" : " (still failing: " + still + ")"), "info", alert);
    ImportRun.Row degraded = stillOpen.isEmpty() || anotherSaysDown ? null
        : row(run, source, line, time, DEGRADED, entity, still + " still " + stillWord, "warning", still);
    return new ImportRun.Row[] {recovery, degraded};
  }

  /** Adds the alert's row: {@code type} at {@code time}, about {@code entity}. */
  static ImportRun.Row row(ImportRun run, Source source, int line, String time, String type, String entity, String message,
      String severity, String alert) {
    return run.row(LogKind.EVENTS, source, line).set("timestamp", time).set("source", run.format()).set("type", type)
        .set("entity", entity).set("message", message).set("severity", severity).set("alert", alert);
  }

  /** More columns, name then value, in the order given (so every row and run writes them alike); empty values skipped. */
  static void columns(ImportRun.Row row, String... namesAndValues) {
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null && !namesAndValues[i + 1].isEmpty()) row.set(namesAndValues[i], namesAndValues[i + 1]);
    }
  }
}
