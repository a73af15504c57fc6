package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * Prometheus Alertmanager's alerts: {@code GET /api/v2/alerts} (or {@code amtool alert query -o json}), its
 * {@code /api/v2/alerts/groups} (each group's {@code alerts[]}), a webhook receiver's saved payloads ({@code alerts[]} with
 * their {@code status} firing or resolved) and the v1 API's {@code data[]}. Each alert is an event at its {@code startsAt},
 * typed by {@link AlertRows} from its {@code alertname} and {@code severity} label, about the entity its labels name
 * ({@link #ENTITY_LABELS}: a pod before the {@code instance}, which for kube-state-metrics' alerts is the exporter's own;
 * {@code --entity-label} to choose); an alert that has ended (a webhook's {@code resolved}, or an {@code endsAt} no later
 * than its {@code updatedAt}: Alertmanager keeps a resolved alert a while) adds {@code alert.recovered} at its
 * {@code endsAt}, written once every file is read, among the alerts of its entity still firing then ({@link AlertEpisodes}:
 * a recovery while another alert of the entity says down keeps it down). The same alert listed twice (in two groups, by
 * two Alertmanagers of a cluster, in any of the run's files) is read once, and a later record of it (a webhook's
 * {@code resolved} notification after its {@code firing} one) may give its end.
 */
@AutoService(Importer.class)
public final class AlertmanagerImporter implements Importer {
  /** Labels naming what an alert is about, narrowest first. */
  static final List<String> ENTITY_LABELS = List.of("pod", "node", "instance", "host", "hostname", "device", "container",
      "deployment", "statefulset", "daemonset", "service", "job");

  @Override
  public String name() {
    return "alertmanager";
  }

  @Override
  public String summary() {
    return "Prometheus Alertmanager alerts (/api/v2/alerts, amtool -o json, webhook payloads: labels, annotations, startsAt, endsAt, status) → events";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.EVENTS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    AlertEpisodes seen = run.shared(AlertEpisodes.class, AlertEpisodes::new);
    JsonRecords.objects(source, run, doc -> {
      if (doc.get("labels").isObject() && !doc.text("startsAt").isEmpty()) {
        alert(doc, "", source, run, seen);
      } else if (doc.get("alerts").isList()) {
        // a group (alerts/groups) or a webhook payload: the payload's status is each alert's unless it says its own
        if (doc.get("alerts").items().isEmpty()) run.ignored(source);
        for (Tree a : doc.get("alerts").items()) alert(a, doc.text("status"), source, run, seen);
      } else if (doc.get("data").isList()) {
        for (Tree a : doc.get("data").items()) alert(a, "", source, run, seen);
      } else if (doc.text("status").equals("error")) {
        run.problem(source, doc.line(), "the query failed: " + doc.text("error"));
      } else {
        run.problem(source, doc.line(), "not an Alertmanager alert (labels, startsAt) nor a list of them (alerts[])");
      }
    });
  }

  private static void alert(Tree a, String payloadStatus, Source source, ImportRun run, AlertEpisodes seen) {
    Tree labels = a.get("labels");
    String name = labels.text("alertname");
    if (!a.isObject() || !labels.isObject() || name.isEmpty()) {
      run.problem(source, a.line(), "an alert without labels.alertname");
      return;
    }
    String startsText = a.text("startsAt");
    String starts = run.clock().isoOrNull(startsText);
    if (starts == null) {
      run.problem(source, a.line(), "alert " + name + ": startsAt '" + startsText + "' is no time (RFC 3339)");
      return;
    }
    String entity = entity(labels, run);
    if (entity == null) {
      run.problem(source, a.line(), "alert " + name + " names no " + String.join(", ", ENTITY_LABELS) + " label; pass --entity-label");
      return;
    }
    // the alert's identity: listed again (another group, another Alertmanager of the cluster, a later notification) it is
    // one alert, and a later record may be the first to give its end
    String key = (a.text("fingerprint").isEmpty() ? labelText(labels) : a.text("fingerprint")) + '\u0000' + starts;
    String state = !a.text("status").isEmpty() ? a.text("status") : !a.text("status", "state").isEmpty() ? a.text("status", "state") : payloadStatus;
    String ended = ended(a, state, run);
    if (seen.readAgain(run, key, ended, source, a.line(), name + " resolved")) return;
    String severity = labels.text("severity");
    String type = AlertRows.firingType(name, severity);
    String summary = firstOf(a.text("annotations", "summary"), a.text("annotations", "description"), a.text("annotations", "message"), name);
    ImportRun.Row row = AlertRows.row(run, source, a.line(), starts, type, entity, summary, AlertRows.severity(severity), name);
    AlertRows.columns(row, "state", state, "labels", labelText(labels));
    AlertEpisodes.Alert alert = seen.fired(key, entity, name, type, starts, row);
    // its recovery is written once every file is read: whether another alert of the entity still fires then is known only then
    if (ended != null) seen.ended(alert, ended, source, a.line(), name + " resolved");
    run.kept(source);
  }

  @Override
  public void finish(ImportRun run) {
    run.shared(AlertEpisodes.class, AlertEpisodes::new).finish(run, "firing");
  }

  /** When the alert ended, or null while it fires (an endsAt in the future is only when it would lapse unrenewed). */
  private static String ended(Tree a, String state, ImportRun run) {
    String ends = a.text("endsAt");
    if (ends.isEmpty() || ends.startsWith("0001-")) return null; // Go's zero time: no end
    String at = run.clock().isoOrNull(ends);
    if (at == null) return null;
    if (state.equalsIgnoreCase("resolved")) return at;
    String updated = run.clock().isoOrNull(a.text("updatedAt"));
    if (updated != null && !Instant.parse(toUtc(at)).isAfter(Instant.parse(toUtc(updated)))) return at;
    return null;
  }

  private static String toUtc(String iso) {
    return java.time.OffsetDateTime.parse(iso).toInstant().toString();
  }


  private static String entity(Tree labels, ImportRun run) {
    List<String> wanted = run.settings().entityLabels.isEmpty() ? ENTITY_LABELS : run.settings().entityLabels;
    for (String l : wanted) {
      String v = labels.text(l);
      if (v.isEmpty()) continue;
      return l.equals("instance") || l.equals("host") || l.equals("hostname") ? run.settings().devices().device(v.replaceFirst(":\\d+$", "")) : v;
    }
    return null;
  }

  private static String labelText(Tree labels) {
    StringBuilder sb = new StringBuilder("{");
    new java.util.TreeMap<>(labels.members()).forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(k).append('=').append(v.text()));
    return sb.append('}').toString();
  }

  private static String firstOf(String... values) {
    for (String v : values) if (v != null && !v.isBlank()) return v.trim();
    return "";
  }
}
