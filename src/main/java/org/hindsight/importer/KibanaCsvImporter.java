package org.hindsight.importer;

import com.google.auto.service.AutoService;

/**
 * Kibana Discover "Generate CSV" reports ({@code @timestamp} as Kibana shows it, e.g.
 * {@code Oct 25, 2021 @ 11:16:05.000} — pass {@code --time-format "MMM d, yyyy @ HH:mm:ss.SSS"} and
 * {@code --timezone} — or ISO; {@code host.name}, {@code event.dataset}/{@code log.file.path},
 * {@code message}): events typed by the same rules as Splunk's.
 */
@AutoService(Importer.class)
public final class KibanaCsvImporter extends SplunkCsvImporter {
  @Override
  public String name() {
    return "kibana-csv";
  }

  @Override
  public String summary() {
    return "Kibana Discover CSV report (@timestamp, host.name, message) → events, typed by the event rules";
  }

  @Override
  String[] timeColumns() {
    return new String[] {"@timestamp", "timestamp", "_time"};
  }

  @Override
  String[] hostColumns() {
    return new String[] {"host.name", "host.hostname", "hostname", "host", "agent.hostname"};
  }

  @Override
  String[] sourceColumns() {
    return new String[] {"event.dataset", "log.file.path", "service.name", "source"};
  }

  @Override
  String[] messageColumns() {
    return new String[] {"message", "event.original", "log.original", "_raw"};
  }
}
