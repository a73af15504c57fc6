package org.hindsight.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * Salt's job cache as the master shows it: {@code salt-run jobs.list_jobs --out=json} (a map of job
 * ids to {@code Function}, {@code Arguments}, {@code Target}, {@code Target-type}, {@code User},
 * {@code StartTime}) or {@code salt-run jobs.list_job JID --out=json} (one job, with {@code Result} per
 * minion); YAML output ({@code --out=yaml}) too. Each job becomes an {@code ops-commands} row holding
 * the {@code salt} line it stands for: {@code salt -E 'bill-0[1-4]' cmd.run 'systemctl stop billing'}.
 * {@code StartTime} is the master's local time ({@code --timezone}); a {@code sudo_alice} user is
 * alice; the master's own polling ({@code saltutil.find_job}) is not an operator action.
 */
@AutoService(Importer.class)
public final class SaltImporter implements Importer {
  private static final Map<String, String> TARGET_FLAG = Map.of("glob", "", "pcre", "-E ", "list", "-L ", "grain", "-G ",
      "grain_pcre", "--grain-pcre ", "pillar", "-I ", "pillar_pcre", "--pillar-pcre ", "nodegroup", "-N ",
      "compound", "-C ", "ipcidr", "-S ");
  private static final Set<String> INTERNAL = Set.of("saltutil.find_job", "saltutil.running", "saltutil.is_running");

  @Override
  public String name() {
    return "salt";
  }

  @Override
  public String summary() {
    return "Salt job cache (salt-run jobs.list_jobs / jobs.list_job, JSON or YAML) → ops-commands (the salt line)";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.OPS_COMMANDS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    Tree doc;
    try (Reader in = source.reader(); JsonParser p = new YAMLFactory().createParser(in)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        run.fileProblem(source, "expected the output of salt-run jobs.list_jobs or jobs.list_job (--out=json or --out=yaml)");
        return;
      }
      doc = Tree.read(p);
    } catch (JsonProcessingException e) {
      run.problem(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "not valid JSON or YAML: " + Tree.describe(e));
      return;
    }
    Timestamps masterTime = new Timestamps(run.settings().timezone, "yyyy, MMM d HH:mm:ss.SSSSSS", 0);
    Timestamps jidTime = new Timestamps(run.settings().timezone, "yyyyMMddHHmmssSSSSSS", 0);
    Map<String, Tree> jobs = new TreeMap<>(); // by job id: ids are start times, so this is time order
    if (!doc.get("Function").isMissing()) {
      jobs.put(doc.text("jid"), doc);
    } else {
      doc.members().forEach(jobs::put);
    }
    for (Map.Entry<String, Tree> e : jobs.entrySet()) {
      String jid = e.getKey();
      Tree job = e.getValue();
      String function = job.text("Function");
      if (!job.isObject() || function.isEmpty()) {
        run.problem(source, job.line(), "job " + jid + " has no Function: not a Salt job");
        continue;
      }
      if (INTERNAL.contains(function)) {
        run.ignored(source);
        continue;
      }
      Timestamps.Parsed t;
      try {
        String start = job.text("StartTime");
        t = !start.isEmpty() ? masterTime.parse(start) : jidTime.parse(jid);
      } catch (DateTimeException ex) {
        run.problem(source, job.line(), "job " + jid + ": StartTime: " + ex.getMessage());
        continue;
      }
      String user = job.text("User");
      String operator = user.startsWith("sudo_") ? user.substring(5) : user;
      if (operator.isEmpty()) operator = run.settings().operator == null ? "" : run.settings().operator;
      if (operator.isEmpty()) {
        run.problem(source, job.line(), "job " + jid + " names no User; pass --operator");
        continue;
      }
      String type = job.text("Target-type").isEmpty() ? "glob" : job.text("Target-type");
      Tree target = job.get("Target");
      String targetText = target.isList() ? String.join(",", target.items().stream().map(Tree::text).toList()) : target.text();
      StringBuilder command = new StringBuilder("salt ").append(TARGET_FLAG.getOrDefault(type, "--tgt-type=" + type + " "))
          .append(K8sAuditImporter.shellQuote(targetText)).append(' ').append(function);
      for (Tree a : job.get("Arguments").items()) command.append(' ').append(argument(a));
      run.row(LogKind.OPS_COMMANDS, source, job.line()).set("timestamp", ImportRun.format(t.instant(), t.offset()))
          .set("operator", operator).set("command", command.toString()).set("result", result(job.get("Result")))
          .set("jid", jid).set("salt_user", user);
      run.kept(source);
    }
  }

  /** A positional argument as typed; a keyword-argument map ({@code __kwarg__}) as {@code key=value} pairs. */
  private static String argument(Tree a) {
    if (a.isObject()) {
      List<String> pairs = new ArrayList<>();
      a.members().forEach((k, v) -> {
        if (!k.equals("__kwarg__")) pairs.add(K8sAuditImporter.shellQuote(k + "=" + v.text()));
      });
      return String.join(" ", pairs);
    }
    return K8sAuditImporter.shellQuote(a.text());
  }

  /** {@code ok} when every minion succeeded, else which failed; "" when the output has no results. */
  private static String result(Tree results) {
    if (!results.isObject()) return "";
    List<String> failed = new ArrayList<>();
    results.members().forEach((minion, r) -> {
      String success = r.text("success");
      String retcode = r.text("retcode");
      if (success.equalsIgnoreCase("false") || (!retcode.isEmpty() && !retcode.equals("0"))) failed.add(minion);
    });
    return failed.isEmpty() ? "ok" : "failed on " + String.join(",", failed);
  }
}
