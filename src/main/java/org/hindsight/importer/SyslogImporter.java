package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * Any syslog file, RFC 3164 ({@code <30>Oct 25 11:16:05 web-3 named[2211]: …}, the {@code <PRI>} often
 * dropped by the collector) or RFC 5424 ({@code <27>1 2021-10-25T11:16:05+09:00 web-3 named 2211 - - …})
 * or rsyslog's ISO-time form: each line an {@code events} row typed by the event rules
 * ({@link EventRows}). The host is the entity (through the device map, so a router's address gets its
 * name); the program (TAG or APP-NAME) is the row's source, and the PRI's severity its severity.
 */
@AutoService(Importer.class)
public final class SyslogImporter implements Importer {
  /** RFC 5424's facility names, by code. */
  private static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
      "uucp", "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock", "local0", "local1", "local2", "local3", "local4",
      "local5", "local6", "local7");

  @Override
  public String name() {
    return "syslog";
  }

  @Override
  public String summary() {
    return "syslog, RFC 3164 or RFC 5424 (any program) → events, typed by the event rules; severity from the PRI";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.EVENTS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    ImportRun.Clock clock = run.clock();
    Lines.each(source, (n, text) -> {
      SyslogLine.Parts p = SyslogLine.parts(text);
      if (p == null) {
        run.problem(source, n, "no syslog header (RFC 3164 'Oct 25 11:16:05 HOST' or RFC 5424 '<PRI>1 TIME HOST APP …')");
        return;
      }
      if (p.pri() > 191) {
        run.problem(source, n, "<" + p.pri() + "> is no syslog priority (0–191)");
        return;
      }
      String time;
      try {
        time = clock.iso(p.time());
      } catch (DateTimeException e) {
        run.problem(source, n, e.getMessage());
        return;
      }
      event(p, time, name(), source, n, run);
    });
  }

  /**
   * The {@code events} row of a syslog line whose time has been read (also for the other programs' lines of a log
   * another importer reads, such as a proxy's own messages among its requests).
   */
  static void event(SyslogLine.Parts p, String time, String defaultSource, Source source, int n, ImportRun run) {
    String host = run.settings().devices().device(p.host());
    String severity = p.pri() < 0 ? "" : EventRows.severity(p.pri() % 8);
    ImportRun.Row row = EventRows.add(run, source, n,
        new EventRows.Message(time, p.app().isEmpty() ? defaultSource : p.app(), host, p.text(), severity));
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("pid", p.pid());
    extra.put("facility", p.pri() < 0 || p.pri() > 191 ? "" : FACILITIES.get(p.pri() / 8));
    EventRows.extras(row, extra);
  }
}
