package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;

/**
 * GitHub Actions deploy runs → {@code changes}: {@code gh run list --json …} (camelCase: {@code workflowName},
 * {@code createdAt}, {@code startedAt}, {@code updatedAt}, {@code status}, {@code conclusion}, {@code headBranch},
 * {@code headSha}, {@code url}) or the REST answer {@code gh api repos/OWNER/REPO/actions/runs} ({@code workflow_runs[]},
 * snake_case, with its {@code repository}). A repository's runs are mostly builds and tests, which change nothing: a run
 * is a deploy when its workflow's name says so (deploy, release, rollout, publish, promote, ship, delivery, CD) or a
 * {@code deployment} event started it; other runs are counted as not imported. A deploy is a {@code changes} row of the
 * repository's service (the repository's name, from {@code url} or {@code repository}) timed by {@code deployed_at}:
 * when the run finished ({@code updatedAt} of a completed run), else when it started; a failed or cancelled deploy stays
 * a change (it may have applied part), one that never ran a step ({@code skipped}, {@code startup_failure}, queued) is not.
 */
@AutoService(Importer.class)
public final class GhRunsImporter implements Importer {
  /** Words of a workflow or job name that say it deploys (shared by the CI importers: one reading of "a deploy"). */
  static final Pattern DEPLOY_WORDS = Pattern.compile(
      "(?i)(?:^|[^a-z])(?:deploy\\w*|release\\w*|roll-?outs?|publish\\w*|promot\\w*|ship\\w*|delivery|cd)(?:$|[^a-z])");
  private static final Pattern REPO_IN_URL = Pattern.compile("https?://[^/]+/([^/]+)/([^/]+)/actions/runs/\\d+");
  private static final Set<String> NEVER_RAN = Set.of("skipped", "startup_failure");
  private static final Set<String> NOT_STARTED = Set.of("queued", "waiting", "pending", "requested");

  @Override
  public String name() {
    return "gh-runs";
  }

  @Override
  public String summary() {
    return "GitHub Actions deploy runs (gh run list --json …, or gh api …/actions/runs) → changes (a deploy of the repository's service)";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.CHANGES);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    ImportRun.Clock clock = run.clock();
    JsonRecords.objects(source, run, o -> {
      if (o.get("workflow_runs").isList()) {
        for (Tree r : o.get("workflow_runs").items()) run(r, clock, source, run);
      } else {
        run(o, clock, source, run);
      }
    });
  }

  /** A field by gh's camelCase name, else the REST API's snake_case one. */
  private static String field(Tree r, String camel, String snake) {
    String v = r.text(camel);
    return v.isEmpty() ? r.text(snake) : v;
  }

  private static void run(Tree r, ImportRun.Clock clock, Source source, ImportRun run) {
    String workflow = field(r, "workflowName", "name");
    if (r.isObject() && workflow.isEmpty() && !r.text("message").isEmpty()) {
      run.problem(source, r.line(), "GitHub answered with an error, not runs: " + r.text("message"));
      return;
    }
    if (!r.isObject() || (workflow.isEmpty() && r.text("name").isEmpty()) || (field(r, "createdAt", "created_at").isEmpty()
        && field(r, "startedAt", "run_started_at").isEmpty())) {
      run.problem(source, r.line(), "not a workflow run (gh run list --json workflowName,createdAt,startedAt,updatedAt,status,conclusion,"
          + "headBranch,headSha,url,databaseId)");
      return;
    }
    if (workflow.isEmpty()) workflow = r.text("name");
    String event = r.text("event");
    if (!DEPLOY_WORDS.matcher(workflow + " " + r.text("name")).find() && !event.startsWith("deployment")) {
      run.ignored(source); // a build or test run changes nothing
      return;
    }
    String status = r.text("status");
    String conclusion = r.text("conclusion");
    if (NEVER_RAN.contains(conclusion) || NOT_STARTED.contains(status)) {
      run.ignored(source);
      return;
    }
    String started = field(r, "startedAt", "run_started_at");
    if (started.isEmpty()) started = field(r, "createdAt", "created_at");
    String finished = status.equals("completed") ? field(r, "updatedAt", "updated_at") : "";
    String startedAt;
    String deployedAt;
    try {
      startedAt = clock.iso(started);
      deployedAt = finished.isEmpty() ? startedAt : clock.iso(finished);
    } catch (DateTimeException e) {
      run.problem(source, r.line(), "time: " + e.getMessage());
      return;
    }
    String url = field(r, "url", "html_url");
    Matcher repo = REPO_IN_URL.matcher(url);
    String service = r.text("repository", "name");
    if (service.isEmpty() && repo.matches()) service = repo.group(2);
    String id = field(r, "databaseId", "id");
    String number = field(r, "number", "run_number");
    String branch = field(r, "headBranch", "head_branch");
    String sha = field(r, "headSha", "head_sha");
    String title = field(r, "displayTitle", "display_title");
    String ticket = (service.isEmpty() ? workflow : service) + " run " + (id.isEmpty() ? number : id);
    String outcome = conclusion.isEmpty() ? status : conclusion;
    run.row(LogKind.CHANGES, source, r.line()).set("ticket", ticket)
        .set("summary", "github actions " + workflow + (number.isEmpty() ? "" : " #" + number) + (title.isEmpty() ? "" : ": " + title)
            + (branch.isEmpty() ? "" : " (" + branch + (sha.isEmpty() ? "" : " @ " + sha.substring(0, Math.min(7, sha.length()))) + ")")
            + (outcome.isEmpty() ? "" : ", " + outcome))
        .set("service", service).set("deployed_at", deployedAt).set("started_at", startedAt).set("status", outcome)
        .set("workflow", workflow).set("head_branch", branch).set("head_sha", sha).set("event", event).set("url", url);
    run.kept(source);
  }
}
