package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;

/**
 * Nagios's state history: {@code nagios.log} and its archives (Icinga 1's {@code icinga.log}, Icinga 2's compat log and
 * Naemon's log are the same lines), or Icinga 2's API event stream of {@code StateChange} events, one JSON object a line.
 * Only a HARD state is an incident: Nagios retries a failing check ({@code SOFT}, attempt 1 of 3…) before it believes it,
 * so a SOFT problem is an {@code alert.info} row (context, no symptom, severity warning so no error count takes it) and a
 * HARD one {@code alert.down} (host DOWN or UNREACHABLE, service CRITICAL: a check's critical is the entity failing) or
 * {@code alert.degraded} (WARNING); UNKNOWN (the plugin could not tell) is {@code alert.info}. The entity is the host
 * (through {@code --device-map}); the check's name is column {@code alert}. An OK or UP that ends the host's last open
 * HARD problem is {@code alert.recovered}, which closes the episode; one that ends a check while another check of the host
 * still says down is {@code alert.info}, and while only warnings are left {@code alert.recovered} then {@code alert.degraded}
 * (the model ends a host's episode at any recovery of it); a HARD recovery of a problem not read (it began in an earlier file) is still
 * {@code alert.recovered}; a SOFT recovery (a retry that passed) ends nothing and is not written. {@code CURRENT … STATE}
 * and {@code INITIAL … STATE} lines (each log rotation, each start) open a HARD problem not seen before (its onset was in
 * an earlier file) and otherwise say nothing new. Notifications repeat the alerts they were sent for; downtime, flapping,
 * external commands and the daemon's own messages are no state: counted as not for the format. With {@code use_syslog}, the
 * lines of {@code nagios}, {@code icinga} or {@code naemon} in a syslog file are read too, timed by its header.
 */
@AutoService(Importer.class)
public final class NagiosLogImporter implements Importer {
  /** {@code [1634567890] SERVICE ALERT: host;service;CRITICAL;HARD;3;output} (a fraction of a second in Icinga 2's compat log). */
  private static final Pattern LINE = Pattern.compile("\\[(\\d{9,11})(?:\\.\\d+)?] ([^:]*?)(?:: (.*))?");

  /** A state line's message after a syslog header: {@code SERVICE ALERT: host;service;…}. */
  private static final Pattern SYSLOGGED = Pattern.compile("((?:CURRENT |INITIAL )?(?:SERVICE|HOST) [A-Z ]*?): (.*)");

  @Override
  public String name() {
    return "nagios-log";
  }

  @Override
  public String summary() {
    return "Nagios / Icinga / Naemon state history (nagios.log, icinga.log, Icinga 2 compat log; Icinga 2 API StateChange events) → events";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.EVENTS);
  }

  /** The HARD problems open per entity (by check), across the run's files: archives given oldest first continue each other. */
  private static final class OpenProblems {
    final Map<String, Map<String, String>> byEntity = new HashMap<>();
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    OpenProblems open = run.shared(OpenProblems.class, OpenProblems::new);
    if (JsonRecords.firstLine(source).startsWith("{")) {
      JsonRecords.objects(source, run, e -> stateChange(e, source, run, open));
      return;
    }
    Lines.each(source, (n, text) -> {
      Matcher m = LINE.matcher(text.strip());
      String time;
      String what;
      String rest;
      if (m.matches()) {
        Instant at = epochSeconds(m.group(1));
        if (at == null) {
          run.problem(source, n, "[" + m.group(1) + "] is no time in 1990–2100 (epoch seconds)");
          return;
        }
        time = ImportRun.format(at, run.offset(at));
        what = m.group(2);
        rest = m.group(3);
      } else {
        // with use_syslog, the same messages reach syslog after its header (the collector's clock, RFC 3164 or 5424)
        SyslogLine.Parts p = SyslogLine.parts(text);
        if (p == null) {
          run.problem(source, n, "not a Nagios log line ([epoch seconds] MESSAGE, or a syslog line of nagios, icinga or naemon)");
          return;
        }
        Matcher sm = SYSLOGGED.matcher(p.text());
        if (!p.app().matches("(?i)nagios\\d?|icinga\\d?|naemon") || !sm.matches()) {
          run.ignored(source); // another program's line in the same syslog file
          return;
        }
        try {
          org.hindsight.ingest.Timestamps.Parsed t = run.clock().parse(p.time());
          time = ImportRun.format(t.instant(), t.offset());
        } catch (java.time.DateTimeException e) {
          run.problem(source, n, e.getMessage());
          return;
        }
        what = sm.group(1);
        rest = sm.group(2);
      }
      String[] f = rest == null ? new String[0] : rest.split(";", -1);
      boolean host = what.endsWith("HOST ALERT") || what.endsWith("HOST STATE");
      boolean service = what.endsWith("SERVICE ALERT") || what.endsWith("SERVICE STATE");
      if (!host && !service) {
        run.ignored(source); // notifications, downtime, flapping, commands, the daemon's own lines
        return;
      }
      int fields = host ? 5 : 6;
      if (f.length < fields - 1) {
        run.problem(source, n, what + ": expected " + (host ? "host;state;HARD|SOFT;attempt;output" : "host;service;state;HARD|SOFT;attempt;output")
            + ", found " + f.length + " field" + (f.length == 1 ? "" : "s"));
        return;
      }
      String output = String.join(";", java.util.Arrays.copyOfRange(f, fields - 1, Math.max(f.length, fields - 1)));
      int i = host ? 1 : 2;
      state(new Change(n, time, f[0], host ? "" : f[1], f[i].trim().toUpperCase(Locale.ROOT), f[i + 1].trim().toUpperCase(Locale.ROOT),
          f[i + 2].trim(), output.trim(), what.startsWith("CURRENT") || what.startsWith("INITIAL")), source, run, open);
    });
  }

  /** One state a check was logged in. */
  private record Change(int line, String time, String host, String check, String state, String stateType, String attempt,
      String output, boolean snapshot) {}

  /** Icinga 2's {@code /v1/events?types=StateChange} stream: host, service, state (a number), state_type (0 SOFT, 1 HARD). */
  private static void stateChange(Tree e, Source source, ImportRun run, OpenProblems open) {
    if (!e.text("type").equals("StateChange")) {
      if (e.text("type").isEmpty()) run.problem(source, e.line(), "not an Icinga 2 event (type, timestamp, host)");
      else run.ignored(source); // CheckResult, Notification, Downtime…: no state change
      return;
    }
    Instant at = epochSeconds(e.text("timestamp"));
    if (at == null) {
      run.problem(source, e.line(), "StateChange: timestamp '" + e.text("timestamp") + "' is no time (epoch seconds)");
      return;
    }
    String check = e.text("service");
    String state = switch (e.text("state").replaceFirst("\\.0+$", "")) {
      case "0" -> check.isEmpty() ? "UP" : "OK";
      case "1" -> check.isEmpty() ? "DOWN" : "WARNING";
      case "2" -> check.isEmpty() ? "UNREACHABLE" : "CRITICAL";
      case "3" -> check.isEmpty() ? "" : "UNKNOWN";
      default -> "";
    };
    if (state.isEmpty()) {
      run.problem(source, e.line(), "StateChange: state '" + e.text("state") + "' is no " + (check.isEmpty() ? "host" : "service") + " state");
      return;
    }
    String stateType = switch (e.text("state_type").replaceFirst("\\.0+$", "")) {
      case "0" -> "SOFT";
      case "1" -> "HARD";
      default -> "";
    };
    if (stateType.isEmpty()) {
      run.problem(source, e.line(), "StateChange: state_type '" + e.text("state_type") + "' is neither 0 (SOFT) nor 1 (HARD)");
      return;
    }
    state(new Change(e.line(), ImportRun.format(at, run.offset(at)), e.text("host"), check, state, stateType,
        e.text("check_result", "vars_after", "attempt").replaceFirst("\\.0+$", ""), e.text("check_result", "output").trim(), false),
        source, run, open);
  }

  private static Instant epochSeconds(String text) {
    try {
      java.math.BigDecimal s = new java.math.BigDecimal(text.trim());
      if (s.compareTo(java.math.BigDecimal.valueOf(631_152_000L)) < 0 || s.compareTo(java.math.BigDecimal.valueOf(4_102_444_800L)) >= 0) return null;
      long whole = s.longValue();
      return Instant.ofEpochSecond(whole, s.subtract(java.math.BigDecimal.valueOf(whole)).movePointRight(9).longValue());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void state(Change c, Source source, ImportRun run, OpenProblems open) {
    String subject = c.check().isEmpty() ? "host " + c.host() : c.host() + ";" + c.check();
    if (c.host().isBlank()) {
      run.problem(source, c.line(), "a state change that names no host");
      return;
    }
    boolean ok = c.state().equals("OK") || c.state().equals("UP");
    String type = switch (c.state()) {
      case "DOWN", "UNREACHABLE", "CRITICAL" -> AlertRows.DOWN;
      case "WARNING" -> AlertRows.DEGRADED;
      case "UNKNOWN" -> AlertRows.INFO; // the check could not tell: no statement about the entity
      case "OK", "UP" -> AlertRows.RECOVERED;
      default -> null;
    };
    if (type == null) {
      run.problem(source, c.line(), subject + ": state '" + c.state() + "' is none of "
          + (c.check().isEmpty() ? "UP, DOWN, UNREACHABLE" : "OK, WARNING, CRITICAL, UNKNOWN"));
      return;
    }
    if (!c.stateType().equals("HARD") && !c.stateType().equals("SOFT")) {
      run.problem(source, c.line(), subject + ": state type '" + c.stateType() + "' is neither HARD nor SOFT");
      return;
    }
    String entity = run.settings().devices().device(c.host().trim());
    String check = c.check().isEmpty() ? "host" : c.check();
    Map<String, String> problems = open.byEntity.computeIfAbsent(entity, k -> new HashMap<>());
    String message = (c.check().isEmpty() ? c.host() : c.host() + " " + c.check()) + " " + c.state() + (c.output().isEmpty() ? "" : ": " + c.output());
    if (ok) {
      boolean wasOpen = problems.remove(check) != null;
      if (!wasOpen && (c.snapshot() || !c.stateType().equals("HARD"))) {
        run.ignored(source); // a retry that passed, or the rotation's snapshot of a well check: nothing ended
      } else if (!problems.isEmpty()) {
        // the check is well again but the host is not (AlertRows.recoveryAmong: stays down, or degraded goes on)
        boolean stillDown = problems.values().stream().anyMatch(s -> !s.equals("WARNING"));
        ImportRun.Row[] rows = AlertRows.recoveryAmong(run, source, c.line(), c.time(), entity, message, check,
            new java.util.TreeSet<>(problems.keySet()), stillDown, "WARNING");
        stateColumns(rows[0], c);
        if (rows[1] != null) stateColumns(rows[1], new Change(c.line(), c.time(), c.host(), c.check(), "WARNING", "HARD", "", "", false));
        run.kept(source); // one line read, whether it became one row or two
      } else {
        // a HARD recovery follows a HARD problem: one not read here began before this log, and still ended here
        write(run, source, c, AlertRows.RECOVERED, entity, message + (wasOpen ? "" : " (its problem began before this log)"), "info", check);
      }
      return;
    }
    boolean hard = c.stateType().equals("HARD");
    if (c.snapshot() && (!hard || type.equals(AlertRows.INFO) || c.state().equals(problems.get(check)))) {
      run.ignored(source); // the rotation's snapshot says nothing new: a problem already read, or one not believed yet
      return;
    }
    if (hard && !type.equals(AlertRows.INFO)) {
      problems.put(check, c.state());
    } else {
      type = AlertRows.INFO; // a retry not yet believed, or a check that could not tell
    }
    // a retry is a warning whatever its state: an error severity would count it among the entity's error logs
    String severity = type.equals(AlertRows.DOWN) ? "critical" : "warning";
    write(run, source, c, type, entity, message, severity, check);
  }

  private static void write(ImportRun run, Source source, Change c, String type, String entity, String message, String severity, String check) {
    stateColumns(AlertRows.row(run, source, c.line(), c.time(), type, entity, message, severity, check), c);
    run.kept(source);
  }

  private static void stateColumns(ImportRun.Row row, Change c) {
    AlertRows.columns(row, "state", c.state(), "state_type", c.stateType(), "attempt", c.attempt(),
        "logged_as", c.snapshot() ? "state at log rotation" : "");
  }
}
