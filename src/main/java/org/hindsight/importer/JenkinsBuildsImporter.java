package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;

/**
 * Jenkins deploy builds → {@code changes}: a job's {@code /api/json?tree=builds[number,result,timestamp,duration,building,url,
 * fullDisplayName]} ({@code builds[]}), or one build's {@code /api/json}. A job's builds are mostly builds and tests, which
 * change nothing: a build is a deploy when its job's name says so (deploy, release, rollout, publish, promote, ship,
 * delivery, CD, as {@code gh-runs} reads a workflow's). A deploy is a change of the service the job's name names once its
 * deploy and environment words are taken out ({@code deploy-checkout-prod} → {@code checkout}; the whole name when nothing
 * is left), timed by {@code deployed_at}: when it finished ({@code timestamp} + {@code duration}, epoch milliseconds), its
 * start kept; one still building at its start. A failed, unstable or aborted deploy stays a change (it may have applied
 * part); {@code NOT_BUILT} never ran.
 */
@AutoService(Importer.class)
public final class JenkinsBuildsImporter implements Importer {
  /** The last job of a build's URL ({@code …/job/team/job/deploy-checkout/412/}): folders before it are not the job. */
  private static final Pattern JOB_IN_URL = Pattern.compile(".*/job/([^/]+)/(?:\\d+/?)?$");
  /** Words of a job's name that say how or where it deploys, not what: taken out to leave the service. */
  private static final Pattern NOT_THE_SERVICE = Pattern.compile(
      "(?i)(?<=^|[-_. ])(?:deploy\\w*|release\\w*|roll-?outs?|publish\\w*|promot\\w*|ship|delivery|cd|to|prod|production|live|job|pipeline)(?=$|[-_. ])");

  @Override
  public String name() {
    return "jenkins-builds";
  }

  @Override
  public String summary() {
    return "Jenkins deploy builds (a job's /api/json?tree=builds[number,result,timestamp,duration,url,…]) → changes";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.CHANGES);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    JsonRecords.objects(source, run, o -> {
      if (o.get("builds").isList()) {
        if (o.get("builds").items().isEmpty()) run.ignored(source); // a job never built
        for (Tree b : o.get("builds").items()) build(b, o.text("name"), source, run);
      } else {
        build(o, "", source, run);
      }
    });
  }

  private static void build(Tree b, String jobName, Source source, ImportRun run) {
    if (b.isObject() && b.text("number").isEmpty() && !b.text("message").isEmpty()) {
      run.problem(source, b.line(), "Jenkins answered with an error, not builds: " + b.text("status") + " " + b.text("message"));
      return;
    }
    if (!b.isObject() || b.text("number").isEmpty() || b.text("timestamp").isEmpty()) {
      run.problem(source, b.line(), "not a Jenkins build (number, timestamp, result, duration, url): ask /api/json?tree=builds[number,result,"
          + "timestamp,duration,building,url,fullDisplayName]");
      return;
    }
    String job = job(b, jobName);
    if (job.isEmpty()) {
      run.problem(source, b.line(), "build " + b.text("number") + " names no job (url, fullDisplayName)");
      return;
    }
    if (!GhRunsImporter.DEPLOY_WORDS.matcher(job).find()) {
      run.ignored(source); // a build or test job changes nothing
      return;
    }
    String result = b.text("result");
    if (result.equals("NOT_BUILT")) {
      run.ignored(source);
      return;
    }
    String started = run.millis(b.text("timestamp"));
    if (started == null) {
      run.problem(source, b.line(), "build " + b.text("number") + ": timestamp '" + b.text("timestamp") + "' is no time (epoch milliseconds)");
      return;
    }
    boolean building = b.text("building").equals("true") || result.isEmpty();
    String deployed = started;
    if (!building) {
      String duration = b.text("duration");
      if (!duration.matches("\\d{1,12}")) {
        run.problem(source, b.line(), "build " + b.text("number") + ": duration '" + duration + "' is no number of milliseconds");
        return;
      }
      deployed = run.millis(new BigDecimal(b.text("timestamp")).add(new BigDecimal(duration)).toPlainString());
    }
    String service = service(job);
    String outcome = building ? "building" : result.toLowerCase(Locale.ROOT);
    run.row(LogKind.CHANGES, source, b.line()).set("ticket", job + " #" + b.text("number"))
        .set("summary", "jenkins " + job + " #" + b.text("number") + (b.text("description").isEmpty() ? "" : ": " + b.text("description"))
            + ", " + outcome)
        .set("service", service).set("deployed_at", deployed).set("started_at", started).set("status", outcome)
        .set("job", job).set("url", b.text("url"));
    run.kept(source);
  }

  /** The build's job: from its URL, else its full display name ({@code team » deploy-checkout #412}), else the answer's. */
  private static String job(Tree b, String jobName) {
    Matcher m = JOB_IN_URL.matcher(b.text("url"));
    if (m.matches()) return java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
    String full = b.text("fullDisplayName").replaceFirst("\\s+#\\d+$", "");
    if (!full.isEmpty()) return full.substring(full.lastIndexOf('»') + 1).trim();
    return jobName;
  }

  /** The service a deploy job's name names: its deploy and environment words taken out. */
  static String service(String job) {
    String s = NOT_THE_SERVICE.matcher(job).replaceAll("").replaceAll("[-_. ]{2,}", "-").replaceAll("^[-_. ]+|[-_. ]+$", "");
    return s.isEmpty() ? job : s;
  }
}
