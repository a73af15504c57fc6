package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * PagerDuty incidents: the REST API's {@code GET /incidents} answer ({@code incidents[]}, a page each, or one
 * {@code incident}) or a CSV of them (an export or report download: {@code created_at}, {@code service.summary} or
 * {@code service_name}, {@code title}, {@code urgency}, {@code status}, {@code resolved_at}; header names compared without case,
 * spaces, dots or underscores). Each incident is an event at its {@code created_at} (when it was first triggered), typed by
 * {@link AlertRows} from its title, about the service it was raised on ({@code service.summary}, as PagerDuty names it: give
 * the inventory's service that name, or {@code --map}); a resolved one adds {@code alert.recovered} at its {@code resolved_at}
 * (else, when resolved, its {@code last_status_change_at}), written once every file is read, among the incidents of its
 * service still open then ({@link AlertEpisodes}: one resolved while another says the service is down keeps it down). The
 * same incident (by number) listed again is read once. Urgency is the severity (high: critical, low: warning).
 */
@AutoService(Importer.class)
public final class PagerDutyImporter implements Importer {
  @Override
  public String name() {
    return "pagerduty";
  }

  @Override
  public String summary() {
    return "PagerDuty incidents (REST /incidents JSON, or CSV: created_at, service.summary, title, urgency, status, resolved_at) → events";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.EVENTS);
  }

  /** One incident, however it was written. */
  private record Incident(int line, String number, String created, String resolved, String lastChange, String service,
      String title, String urgency, String status) {}

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    String first = JsonRecords.firstLine(source);
    if (first.startsWith("{") || first.startsWith("[")) {
      JsonRecords.objects(source, run, doc -> {
        if (doc.get("incidents").isList()) {
          if (doc.get("incidents").items().isEmpty()) run.ignored(source); // a page with nothing in its range
          for (Tree i : doc.get("incidents").items()) incident(json(i), source, run);
        } else if (doc.get("incident").isObject()) {
          incident(json(doc.get("incident")), source, run);
        } else if (!doc.text("created_at").isEmpty() && doc.get("service").isObject()) {
          incident(json(doc), source, run);
        } else if (doc.get("error").isObject()) {
          run.problem(source, doc.line(), "the request failed: " + doc.text("error", "message") + " " + doc.get("error").get("errors").items()
              .stream().map(Tree::text).toList());
        } else {
          run.problem(source, doc.line(), "not a PagerDuty incident (created_at, service, title) nor a list of them (incidents[])");
        }
      });
      return;
    }
    CsvRecords.each(source, run, List.of("created_at", "created_on", "created"), r -> incident(new Incident(r.line,
        r.get("incident_number", "number", "#", "id"), r.get("created_at", "created_on", "created"),
        r.get("resolved_at", "resolved_on", "resolved"), r.get("last_status_change_at"),
        r.get("service.summary", "service_name", "service"), r.get("title", "description", "summary"), r.get("urgency"),
        r.get("status")), source, run));
  }

  private static Incident json(Tree i) {
    return new Incident(i.line(), i.text("incident_number"), i.text("created_at"), i.text("resolved_at"), i.text("last_status_change_at"),
        i.text("service", "summary"), !i.text("title").isEmpty() ? i.text("title") : i.text("summary"), i.text("urgency"), i.text("status"));
  }

  private static void incident(Incident i, Source source, ImportRun run) {
    String what = i.number().isEmpty() ? "an incident" : "incident " + i.number();
    String created = run.clock().isoOrNull(i.created());
    if (created == null) {
      run.problem(source, i.line(), what + ": created_at '" + i.created() + "' is no time (ISO-8601 with an offset; a local time needs --timezone)");
      return;
    }
    if (i.service().isEmpty()) {
      run.problem(source, i.line(), what + " names no service (service.summary)");
      return;
    }
    String endText = !i.resolved().isEmpty() ? i.resolved() : i.status().equalsIgnoreCase("resolved") ? i.lastChange() : "";
    String ended = endText.isEmpty() ? null : run.clock().isoOrNull(endText);
    if (!endText.isEmpty() && ended == null) {
      run.problem(source, i.line(), what + ": resolved_at '" + endText + "' is no time");
      return;
    }
    // the incident's identity: listed again (in another page or file, a CSV export beside the API's answer) it is one
    // incident, and a later record may be the first to say it was resolved
    AlertEpisodes incidents = run.shared(AlertEpisodes.class, AlertEpisodes::new);
    String key = i.number().isEmpty() ? i.service() + '\u0000' + i.title() + '\u0000' + created : i.number();
    if (incidents.readAgain(run, key, ended, source, i.line(), what + " resolved")) return;
    String urgency = i.urgency().isEmpty() ? "high" : i.urgency();
    String type = AlertRows.firingType(i.title(), urgency);
    ImportRun.Row row = AlertRows.row(run, source, i.line(), created, type, i.service(), i.title(), AlertRows.severity(urgency), i.title());
    AlertRows.columns(row, "incident", i.number(), "state", i.status(), "urgency", i.urgency());
    AlertEpisodes.Alert incident = incidents.fired(key, i.service(), i.title(), type, created, row);
    // its recovery is written once every file is read: whether another incident of the service is still open then is known only then
    if (ended != null) incidents.ended(incident, ended, source, i.line(), what + " resolved");
    run.kept(source);
  }

  @Override
  public void finish(ImportRun run) {
    run.shared(AlertEpisodes.class, AlertEpisodes::new).finish(run, "open");
  }
}
