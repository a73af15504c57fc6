package org.hindsight.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * AWS CloudTrail: a delivered log file ({@code {"Records": [...]}}) or one event a line (CloudWatch
 * Logs, Athena or {@code jq -c '.Records[]'} exports). A call that takes capacity away becomes an
 * {@code ops-commands} row holding the {@code aws} CLI line it stands for — {@code TerminateInstances},
 * {@code StopInstances}, {@code SetDesiredCapacity}, {@code UpdateAutoScalingGroup} (desired or max
 * size), {@code TerminateInstanceInAutoScalingGroup}, ECS {@code UpdateService} (desired count) and
 * {@code StopTask} — so the typo-scoped-shutdown pack reads it like a typed command; every write call
 * is also an {@code events} row of type {@code aws.<service>.change} (the call's name in the message),
 * a change for the change-correlation pack. Reads ({@code readOnly}, {@code Describe…}, {@code List…},
 * {@code Get…}) and calls AWS services make on their own behalf are not operator actions (ignored). A
 * call that failed ({@code errorCode}) keeps its error as the row's result and is typed
 * {@code aws.<service>.rejected}, as {@code azure-activity} does: it changed nothing, so it is no change. Rows
 * cite the line their record starts on; a delivered file is one line, so extract one event a line
 * first to cite records apart.
 */
@AutoService(Importer.class)
public final class CloudTrailImporter implements Importer {
  private static final Set<String> READ_PREFIXES = Set.of("Describe", "List", "Get", "Lookup", "Head", "Search", "BatchGet");

  @Override
  public String name() {
    return "cloudtrail";
  }

  @Override
  public String summary() {
    return "AWS CloudTrail (Records file or JSON lines): capacity calls → ops-commands (the aws CLI line), write calls → events";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.OPS_COMMANDS, LogKind.EVENTS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    Timestamps times = new Timestamps(run.settings().timezone);
    try (Reader in = source.reader(); JsonParser p = new JsonFactory().createParser(in)) {
      while (p.nextToken() != null) {
        Tree root = Tree.read(p);
        if (root.get("Records").isList()) {
          for (Tree r : root.get("Records").items()) record(r, source, run, times);
        } else if (root.isObject() && !root.text("eventName").isEmpty()) {
          record(root, source, run, times);
        } else {
          run.problem(source, root.line(), "not a CloudTrail record (an object with eventName, or a file with Records)");
        }
      }
    } catch (JsonParseException e) {
      run.problem(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "not valid JSON: " + Tree.describe(e));
    }
  }

  private static void record(Tree r, Source source, ImportRun run, Timestamps times) {
    String name = r.text("eventName");
    if (name.isEmpty()) {
      run.problem(source, r.line(), "a record without eventName");
      return;
    }
    if (r.text("readOnly").equals("true") || READ_PREFIXES.stream().anyMatch(name::startsWith)
        || r.text("userIdentity", "type").equals("AWSService")) {
      run.ignored(source);
      return;
    }
    Timestamps.Parsed t;
    try {
      t = times.parse(r.text("eventTime").isEmpty() ? "(none)" : r.text("eventTime"));
    } catch (DateTimeException e) {
      run.problem(source, r.line(), "eventTime: " + e.getMessage());
      return;
    }
    String time = ImportRun.format(t.instant(), t.offset());
    String service = r.text("eventSource").replaceAll("\\.amazonaws\\.com$", "");
    String operator = operator(r.path("userIdentity"));
    String error = r.text("errorCode");
    String result = error.isEmpty() ? "ok" : error + (r.text("errorMessage").isEmpty() ? "" : ": " + r.text("errorMessage"));
    Tree params = r.get("requestParameters");
    String command = command(service, name, params);
    if (command != null) {
      run.row(LogKind.OPS_COMMANDS, source, r.line()).set("timestamp", time).set("operator", operator).set("command", command)
          .set("result", result).set("event_id", r.text("eventID")).set("region", r.text("awsRegion"));
    }
    run.row(LogKind.EVENTS, source, r.line()).set("timestamp", time).set("source", "cloudtrail")
        .set("type", "aws." + (service.isEmpty() ? "unknown" : service) + (error.isEmpty() ? ".change" : ".rejected")).set("entity", subject(params))
        .set("message", operator + " " + name + (error.isEmpty() ? "" : " → " + error))
        .set("severity", error.isEmpty() ? "info" : "warning").set("user", operator);
    run.kept(source);
  }

  /** The aws CLI line a capacity call stands for; null for other calls (an event only). */
  static String command(String service, String name, Tree p) {
    switch (service + " " + name) {
      case "ec2 TerminateInstances", "ec2 StopInstances" -> {
        List<String> ids = new ArrayList<>();
        for (Tree i : p.path("instancesSet", "items").items()) if (!i.text("instanceId").isEmpty()) ids.add(i.text("instanceId"));
        if (ids.isEmpty()) return null;
        return "aws ec2 " + kebab(name) + " --instance-ids " + String.join(" ", ids);
      }
      case "autoscaling SetDesiredCapacity", "autoscaling UpdateAutoScalingGroup" -> {
        String group = p.text("autoScalingGroupName");
        if (group.isEmpty()) return null;
        StringBuilder b = new StringBuilder("aws autoscaling " + kebab(name) + " --auto-scaling-group-name " + group);
        for (String[] f : new String[][] {{"minSize", "--min-size"}, {"maxSize", "--max-size"}, {"desiredCapacity", "--desired-capacity"}}) {
          if (!p.text(f[0]).isEmpty()) b.append(' ').append(f[1]).append(' ').append(p.text(f[0]));
        }
        return b.toString();
      }
      case "autoscaling TerminateInstanceInAutoScalingGroup" -> {
        String id = p.text("instanceId");
        if (id.isEmpty()) return null;
        return "aws autoscaling terminate-instance-in-auto-scaling-group --instance-id " + id
            + (p.text("shouldDecrementDesiredCapacity").equals("true") ? " --should-decrement-desired-capacity" : "");
      }
      case "ecs UpdateService" -> {
        String svc = lastSegment(p.text("service"));
        if (svc.isEmpty() || p.text("desiredCount").isEmpty()) return null;
        String cluster = lastSegment(p.text("cluster"));
        return "aws ecs update-service" + (cluster.isEmpty() ? "" : " --cluster " + cluster) + " --service " + svc
            + " --desired-count " + p.text("desiredCount");
      }
      case "ecs StopTask" -> {
        String task = lastSegment(p.text("task"));
        return task.isEmpty() ? null : "aws ecs stop-task --task " + task;
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * What a write call is about: an instance, a group, a service, a resource name; "" when it names none. A Route 53 call
   * is about its hosted zone ({@code /hostedzone/Z…} or {@code Z…}), also when it names a key or record in it: disabling
   * a zone's signing or deactivating its key-signing key changes what the zone answers, not the key.
   */
  private static String subject(Tree p) {
    for (String key : List.of("instanceId", "autoScalingGroupName", "service", "functionName", "dBInstanceIdentifier",
        "bucketName", "hostedZoneId", "groupId", "roleName", "name", "resourceArn", "task")) {
      if (!p.text(key).isEmpty()) return lastSegment(p.text(key));
    }
    List<Tree> items = p.path("instancesSet", "items").items();
    return items.isEmpty() ? "" : items.get(0).text("instanceId");
  }

  /** The operator: the IAM user, else the session name of an assumed role (its ARN's last part). */
  private static String operator(Tree identity) {
    if (!identity.text("userName").isEmpty()) return identity.text("userName");
    String arn = identity.text("arn");
    if (!arn.isEmpty()) return lastSegment(arn);
    return identity.text("principalId").isEmpty() ? "unknown" : identity.text("principalId");
  }

  private static String lastSegment(String arnOrName) {
    return arnOrName.substring(arnOrName.lastIndexOf('/') + 1);
  }

  /** {@code TerminateInstances} → {@code terminate-instances}. */
  private static String kebab(String apiName) {
    return apiName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
