package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;

/**
 * GitLab deployments → {@code changes}: the answer of {@code GET /projects/:id/deployments} ({@code glab api
 * projects/:id/deployments}), one deployment each: {@code iid}, {@code status}, {@code created_at}, {@code updated_at},
 * {@code ref}, {@code sha}, {@code user.username}, {@code environment.name} and the job that ran it, {@code deployable}
 * ({@code started_at}, {@code finished_at}, {@code commit.title}, {@code web_url}). A deployment is a change of the project's
 * service — the project's name, from the job's or pipeline's {@code web_url} — timed by {@code deployed_at}, when its job
 * finished (else, once it ended, its {@code updated_at}; a running one at its start), its environment kept. A failed or
 * canceled deployment stays a change (it may have applied part); one that never ran ({@code created}, {@code blocked} for
 * an approval, {@code skipped}) is not.
 */
@AutoService(Importer.class)
public final class GitLabDeploymentsImporter implements Importer {
  /** A project's path in a GitLab URL: {@code https://gitlab.example/group/sub/project/-/jobs/664}. */
  private static final Pattern PROJECT_IN_URL = Pattern.compile("https?://[^/]+/(?:[^/]+/)*?([^/]+)/-/(?:jobs|pipelines|environments)/.*");
  private static final Set<String> NEVER_RAN = Set.of("created", "blocked", "skipped");
  private static final Set<String> ENDED = Set.of("success", "failed", "canceled", "cancelled");

  @Override
  public String name() {
    return "gitlab-deployments";
  }

  @Override
  public String summary() {
    return "GitLab deployments (GET /projects/:id/deployments: status, environment, deployable, user) → changes";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.CHANGES);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    JsonRecords.objects(source, run, d -> deployment(d, source, run));
  }

  private static void deployment(Tree d, Source source, ImportRun run) {
    if (!d.text("message").isEmpty() && d.text("iid").isEmpty()) {
      run.problem(source, d.line(), "GitLab answered with an error, not deployments: " + d.text("message"));
      return;
    }
    if (d.text("status").isEmpty() || d.text("created_at").isEmpty() || !d.get("environment").isObject()) {
      run.problem(source, d.line(), "not a GitLab deployment (iid, status, created_at, environment, deployable)");
      return;
    }
    String status = d.text("status");
    if (NEVER_RAN.contains(status)) {
      run.ignored(source); // waiting for a job, an approval, or skipped: nothing was applied
      return;
    }
    Tree job = d.get("deployable");
    String started = !job.text("started_at").isEmpty() ? job.text("started_at") : d.text("created_at");
    String finished = !job.text("finished_at").isEmpty() ? job.text("finished_at") : ENDED.contains(status) ? d.text("updated_at") : "";
    String startedAt;
    String deployedAt;
    try {
      startedAt = run.clock().iso(started);
      deployedAt = finished.isEmpty() ? startedAt : run.clock().iso(finished);
    } catch (DateTimeException e) {
      run.problem(source, d.line(), "deployment " + d.text("iid") + ": time: " + e.getMessage());
      return;
    }
    String url = !job.text("web_url").isEmpty() ? job.text("web_url") : job.text("pipeline", "web_url");
    Matcher project = PROJECT_IN_URL.matcher(url);
    String service = project.matches() ? project.group(1) : "";
    String environment = d.text("environment", "name");
    String sha = !d.text("sha").isEmpty() ? d.text("sha") : job.text("commit", "id");
    String title = job.text("commit", "title");
    String user = !d.text("user", "username").isEmpty() ? d.text("user", "username") : job.text("user", "username");
    String ticket = (service.isEmpty() ? environment : service) + " deployment " + d.text("iid");
    run.row(LogKind.CHANGES, source, d.line()).set("ticket", ticket)
        .set("summary", "gitlab deploy to " + environment + " #" + d.text("iid") + (title.isEmpty() ? "" : ": " + title)
            + (d.text("ref").isEmpty() ? "" : " (" + d.text("ref") + (sha.isEmpty() ? "" : " @ " + sha.substring(0, Math.min(8, sha.length()))) + ")")
            + ", " + status + (user.isEmpty() ? "" : " by " + user))
        .set("service", service).set("deployed_at", deployedAt).set("started_at", startedAt).set("status", status)
        .set("environment", environment).set("ref", d.text("ref")).set("sha", sha).set("user", user).set("url", url);
    run.kept(source);
  }
}
