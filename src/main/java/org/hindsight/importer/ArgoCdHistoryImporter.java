package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * Argo CD's deploy history: the {@code status.history[]} of an {@code Application} as {@code kubectl get application
 * NAME -n argocd -o json} (or {@code -o yaml}, a {@code List} of them, {@code argocd app get NAME -o json}) writes it.
 * Each entry is one sync that deployed a revision: a {@code changes} row of the application's service, timed by
 * {@code deployedAt}, a change for change correlation, its ticket {@code <application> sync <id>}. Argo CD keeps the last
 * ten syncs by default ({@code spec.revisionHistoryLimit}): export soon after the incident.
 */
@AutoService(Importer.class)
public final class ArgoCdHistoryImporter implements Importer {
  @Override
  public String name() {
    return "argocd-history";
  }

  @Override
  public String summary() {
    return "Argo CD deploy history (kubectl get application -o json|yaml: status.history[]) → changes (a deploy of the application)";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.CHANGES);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    String first = JsonRecords.firstLine(source);
    if (first.startsWith("{") || first.startsWith("[")) {
      JsonRecords.objects(source, run, doc -> document(doc, source, run));
    } else {
      JsonRecords.yamlDocuments(source, run, "neither JSON nor YAML of an Argo CD Application", doc -> document(doc, source, run));
    }
  }

  /** An Application, or a List of them. */
  private static void document(Tree doc, Source source, ImportRun run) {
    if (doc.get("items").isList()) {
      for (Tree app : doc.get("items").items()) document(app, source, run);
      return;
    }
    if (!doc.text("kind").equals("Application") && !doc.path("status", "history").isList()) {
      run.problem(source, doc.line(), "not an Argo CD Application (kind Application, with status.history[])");
      return;
    }
    String app = doc.text("metadata", "name");
    if (app.isEmpty()) {
      run.problem(source, doc.line(), "an Application without metadata.name");
      return;
    }
    if (doc.path("status", "history").items().isEmpty()) run.ignored(source); // never synced, or its history pruned
    for (Tree sync : doc.path("status", "history").items()) sync(app, sync, source, run);
  }

  private static void sync(String app, Tree h, Source source, ImportRun run) {
    String id = h.text("id");
    String when = h.text("deployedAt");
    if (when.isEmpty()) {
      run.problem(source, h.line(), "sync " + (id.isEmpty() ? "(no id)" : id) + " of " + app + " without its time (deployedAt)");
      return;
    }
    Timestamps times = new Timestamps(run.settings().timezone);
    String deployed;
    String started = "";
    try {
      Timestamps.Parsed t = times.parse(when);
      deployed = ImportRun.format(t.instant(), t.offset());
      if (!h.text("deployStartedAt").isEmpty()) {
        Timestamps.Parsed s = times.parse(h.text("deployStartedAt"));
        started = ImportRun.format(s.instant(), s.offset());
      }
    } catch (DateTimeException e) {
      run.problem(source, h.line(), "sync " + id + " of " + app + ": " + e.getMessage());
      return;
    }
    // one source, or several (multi-source applications: sources[] and revisions[] side by side)
    List<Tree> sources = h.get("sources").isList() ? h.get("sources").items() : List.of(h.get("source"));
    List<String> revisions = new ArrayList<>();
    if (!h.text("revision").isEmpty()) revisions.add(h.text("revision"));
    for (Tree r : h.get("revisions").items()) revisions.add(r.text());
    List<String> what = new ArrayList<>();
    for (Tree s : sources) {
      String place = !s.text("chart").isEmpty() ? s.text("chart") : s.text("path");
      String from = String.join(" ", List.of(s.text("repoURL"), place).stream().filter(x -> !x.isEmpty()).toList());
      if (!from.isEmpty()) what.add(from + (s.text("targetRevision").isEmpty() ? "" : " @" + s.text("targetRevision")));
    }
    String by = h.text("initiatedBy", "username");
    boolean automated = h.text("initiatedBy", "automated").equals("true");
    String summary = "argocd sync " + app + (revisions.isEmpty() ? "" : " to " + String.join(", ", revisions))
        + (what.isEmpty() ? "" : " (" + String.join("; ", what) + ")")
        + (!by.isEmpty() ? " by " + by : automated ? " (automated)" : "");
    run.row(LogKind.CHANGES, source, h.line()).set("ticket", app + " sync " + id).set("summary", summary).set("service", app)
        .set("deployed_at", deployed).set("started_at", started).set("revision", String.join(" ", revisions))
        .set("initiated_by", !by.isEmpty() ? by : automated ? "automated" : "");
    run.kept(source);
  }
}
