package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * Splunk search results exported as CSV ({@code _time}, {@code host}, {@code source},
 * {@code sourcetype}, {@code _raw}, …): each result becomes an {@code events} row whose type comes
 * from the event rules matched against {@code _raw} (unmatched: type {@code log}); entity is the
 * host unless the rule names one. Also the base of {@link KibanaCsvImporter}.
 */
@AutoService(Importer.class)
public class SplunkCsvImporter implements Importer {
  @Override
  public String name() {
    return "splunk-csv";
  }

  @Override
  public String summary() {
    return "Splunk search export (_time, host, source, _raw) → events, typed by the event rules";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.EVENTS);
  }

  /** Columns holding the time, the host, the logging system and the message, in order of preference. */
  String[] timeColumns() {
    return new String[] {"_time", "timestamp", "time"};
  }

  String[] hostColumns() {
    return new String[] {"host", "hostname"};
  }

  String[] sourceColumns() {
    return new String[] {"sourcetype", "source"};
  }

  String[] messageColumns() {
    return new String[] {"_raw", "message", "msg"};
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    ImportRun.Clock clock = run.clock();
    CsvRecords.each(source, run, List.of(timeColumns()), r -> {
      String when = r.get(timeColumns());
      String message = r.get(messageColumns());
      if (when.isEmpty()) {
        run.problem(source, r.line, "empty " + timeColumns()[0]);
        return;
      }
      String iso;
      try {
        iso = clock.iso(when);
      } catch (DateTimeException e) {
        run.problem(source, r.line, timeColumns()[0] + ": " + e.getMessage());
        return;
      }
      String host = r.get(hostColumns());
      String from = r.get(sourceColumns()).isEmpty() ? name() : r.get(sourceColumns());
      EventRows.add(run, source, r.line, new EventRows.Message(iso, from, host, message, severity(r)));
    });
  }

  /** The export's own level column, "" when it has none (the event rule's then, else info). */
  private static String severity(CsvRecords.Rec r) {
    return EventRows.severity(r.get("severity", "log.level", "level", "priority"));
  }
}
