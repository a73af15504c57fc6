package org.hindsight.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.google.auto.service.AutoService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * Ansible runs → {@code ops-commands}, one row per task that ran on any host. Two shapes:
 * <ul>
 *   <li>the JSON callback's output ({@code ANSIBLE_STDOUT_CALLBACK=ansible.posix.json}): each task is
 *       rebuilt into the ad-hoc line it stands for, {@code ansible web1,web2 -m service -a 'name=billing
 *       state=stopped'} ({@code command}/{@code shell} tasks: {@code -a} with the command line), timed by
 *       the task's start; who ran it is not in this output ({@code --operator});</li>
 *   <li>the text log ({@code log_path} in ansible.cfg: {@code 2021-10-25 11:16:02,123 p=4242 u=alice
 *       n=ansible | TASK [stop billing] ***}), or screen output with the {@code profile_tasks} callback's
 *       time lines: the module's arguments are not in it, so the row holds the task's header
 *       ({@code TASK [stop billing]}) and the hosts it reported on.</li>
 * </ul>
 * Fact gathering and tasks every host skipped are not operator actions; {@code result} is {@code ok}
 * or which hosts failed or were unreachable.
 */
@AutoService(Importer.class)
public final class AnsibleImporter implements Importer {
  private static final Pattern LOG_LINE = Pattern.compile(
      "(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})(?:,(\\d{3}))? p=\\d+ u=(\\S+)(?: n=\\S+)? \\| (.*)");
  /** profile_tasks: {@code Monday 25 October 2021  11:16:02 +0900 (0:00:01.234)       0:00:05.678 ****}. */
  private static final Pattern PROFILE_TIME = Pattern.compile(
      "[A-Z][a-z]+day (\\d{1,2} [A-Z][a-z]+ \\d{4}) +(\\d{2}:\\d{2}:\\d{2}) ([+-]\\d{4}) .*");
  private static final Pattern TASK = Pattern.compile("(TASK|HANDLER|RUNNING HANDLER) \\[(.*)] \\**\\s*");
  private static final Pattern PLAY = Pattern.compile("PLAY \\[(.*)] \\**\\s*");
  private static final Pattern HOST_RESULT = Pattern.compile("(ok|changed|fatal|failed|skipping|unreachable): \\[([^\\]]+)](.*)");
  private static final Set<String> FACTS = Set.of("gather_facts", "setup", "ansible.builtin.gather_facts", "ansible.builtin.setup");

  @Override
  public String name() {
    return "ansible";
  }

  @Override
  public String summary() {
    return "Ansible JSON callback output (tasks → the ad-hoc 'ansible' line) or its log_path text log → ops-commands";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.OPS_COMMANDS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    int first;
    try (BufferedReader in = source.reader()) {
      do {
        first = in.read();
      } while (first != -1 && Character.isWhitespace(first));
    }
    if (first == '{') readJson(source, run);
    else readText(source, run);
  }

  // ---- JSON callback ----

  private void readJson(Source source, ImportRun run) throws IOException {
    String operator = run.settings().operator;
    if (operator == null || operator.isBlank()) {
      run.fileProblem(source, "the JSON callback's output does not say who ran the playbook; name them with --operator");
      return;
    }
    Tree doc;
    try (Reader in = source.reader(); JsonParser p = new JsonFactory().createParser(in)) {
      p.nextToken();
      doc = Tree.read(p);
    } catch (JsonProcessingException e) {
      run.problem(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "not valid JSON: " + Tree.describe(e));
      return;
    }
    if (!doc.get("plays").isList()) {
      run.fileProblem(source, "no 'plays' list: not the output of Ansible's JSON callback");
      return;
    }
    Timestamps times = new Timestamps(run.settings().timezone);
    for (Tree play : doc.get("plays").items()) {
      for (Tree task : play.get("tasks").items()) {
        Map<String, Tree> hosts = task.get("hosts").members();
        Tree anyHost = hosts.values().stream().findFirst().orElse(Tree.MISSING);
        String action = anyHost.text("action");
        boolean allSkipped = !hosts.isEmpty() && hosts.values().stream().allMatch(h -> h.text("skipped").equals("true"));
        if (hosts.isEmpty() || allSkipped || FACTS.contains(action)) {
          run.ignored(source);
          continue;
        }
        Timestamps.Parsed t;
        try {
          t = times.parse(task.text("task", "duration", "start"));
        } catch (DateTimeException e) {
          run.problem(source, task.line(), "task '" + task.text("task", "name") + "': duration.start: " + e.getMessage());
          continue;
        }
        List<String> ran = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        hosts.forEach((host, r) -> {
          if (r.text("skipped").equals("true")) return;
          ran.add(host);
          if (r.text("failed").equals("true") || r.text("unreachable").equals("true")) failed.add(host);
          if (r.text("changed").equals("true")) changed.add(host);
        });
        run.row(LogKind.OPS_COMMANDS, source, task.line()).set("timestamp", ImportRun.format(t.instant(), t.offset()))
            .set("operator", operator.trim()).set("command", adHoc(ran, action, anyHost.path("invocation", "module_args")))
            .set("result", failed.isEmpty() ? "ok" : "failed on " + String.join(",", failed))
            .set("play", play.text("play", "name")).set("task", task.text("task", "name")).set("hosts", String.join(",", ran))
            .set("changed", String.join(",", changed));
        run.kept(source);
      }
    }
  }

  /** {@code ansible HOSTS -m MODULE -a 'ARGS'}: the ad-hoc command that does what the task did. */
  private static String adHoc(List<String> hosts, String action, Tree args) {
    String module = action.startsWith("ansible.builtin.") ? action.substring("ansible.builtin.".length()) : action;
    StringBuilder line = new StringBuilder("ansible ").append(K8sAuditImporter.shellQuote(String.join(",", hosts)))
        .append(" -m ").append(module.isEmpty() ? "unknown" : module);
    String raw = args.text("_raw_params");
    if (raw.isEmpty() && !args.text("cmd").isEmpty()) raw = args.text("cmd");
    List<String> pairs = new ArrayList<>();
    if (!raw.isEmpty()) {
      pairs.add(raw);
    } else {
      args.members().forEach((k, v) -> {
        if (!v.text().isEmpty() && !k.startsWith("_")) pairs.add(k + "=" + v.text());
      });
    }
    if (!pairs.isEmpty()) line.append(" -a ").append(K8sAuditImporter.shellQuote(String.join(" ", pairs)));
    return line.toString();
  }

  // ---- text log / screen output ----

  private static final class Task {
    int line;
    Timestamps.Parsed time;
    String user;
    String header;
    String name;
    String play;
    final Map<String, String> hosts = new LinkedHashMap<>(); // host → last status
  }

  private void readText(Source source, ImportRun run) throws IOException {
    Timestamps logTimes = new Timestamps(run.settings().timezone, "yyyy-MM-dd HH:mm:ss", 0);
    Timestamps profileTimes = new Timestamps(run.settings().timezone, "d MMMM yyyy HH:mm:ss xx", 0);
    Task[] open = {null};
    String[] play = {""};
    boolean[] anyTime = {false};
    Lines.each(source, (n, raw) -> {
      String text = raw;
      String user = run.settings().operator; // the log's own u= wins: --operator fills in for screen output
      Timestamps.Parsed time = null;
      Matcher log = LOG_LINE.matcher(raw);
      if (log.matches()) {
        anyTime[0] = true;
        try {
          time = logTimes.parse(log.group(1));
          if (log.group(2) != null) time = new Timestamps.Parsed(time.instant().plusMillis(Integer.parseInt(log.group(2))), time.offset());
        } catch (DateTimeException e) {
          run.problem(source, n, e.getMessage());
          return;
        }
        user = log.group(3);
        text = log.group(4);
      }
      Matcher profile = PROFILE_TIME.matcher(text);
      if (profile.matches() && open[0] != null && open[0].time == null) {
        try {
          open[0].time = profileTimes.parse(profile.group(1) + " " + profile.group(2) + " " + profile.group(3));
          anyTime[0] = true;
        } catch (DateTimeException e) {
          run.problem(source, n, "profile_tasks time: " + e.getMessage());
        }
        return;
      }
      Matcher m;
      if ((m = PLAY.matcher(text)).matches()) {
        close(open, source, run);
        play[0] = m.group(1);
        run.ignored(source);
      } else if ((m = TASK.matcher(text)).matches()) {
        close(open, source, run);
        Task t = new Task();
        t.line = n;
        t.time = time;
        t.user = user;
        t.header = m.group(1) + " [" + m.group(2) + "]";
        t.name = m.group(2);
        t.play = play[0];
        open[0] = t;
        if (time != null) anyTime[0] = true;
      } else if ((m = HOST_RESULT.matcher(text)).matches() && open[0] != null) {
        String status = m.group(1).equals("failed") ? "fatal" : m.group(1);
        String host = m.group(2).replaceAll(" -> .*", "");
        String before = open[0].hosts.get(host);
        // a looped task reports per item: a failure or change on any item stands
        if (before == null || !(before.equals("fatal") || before.equals("unreachable")) && !before.equals("changed")) {
          open[0].hosts.put(host, status);
        }
      } else {
        run.ignored(source);
      }
    });
    close(open, source, run);
    if (!anyTime[0] && run.sourceStats().containsKey(source.name()) && run.sourceStats().get(source.name()).bad() > 0) {
      // no log_path prefix and no profile_tasks line anywhere: plain screen output
      run.fileProblem(source, "Ansible's screen output has no times: import the log_path file, the JSON callback's output, "
          + "or screen output with the profile_tasks callback");
    }
  }

  private static void close(Task[] open, Source source, ImportRun run) {
    Task t = open[0];
    open[0] = null;
    if (t == null) return;
    boolean ran = t.hosts.values().stream().anyMatch(s -> !s.equals("skipping"));
    if (!ran || t.header.equals("TASK [Gathering Facts]")) {
      run.ignored(source);
      return;
    }
    if (t.time == null) {
      run.problem(source, t.line, t.header + " has no time");
      return;
    }
    if (t.user == null || t.user.isBlank()) {
      run.problem(source, t.line, t.header + ": who ran it is not logged; pass --operator");
      return;
    }
    List<String> hosts = t.hosts.entrySet().stream().filter(e -> !e.getValue().equals("skipping")).map(Map.Entry::getKey).toList();
    List<String> failed = t.hosts.entrySet().stream().filter(e -> e.getValue().equals("fatal") || e.getValue().equals("unreachable"))
        .map(Map.Entry::getKey).toList();
    List<String> changed = t.hosts.entrySet().stream().filter(e -> e.getValue().equals("changed")).map(Map.Entry::getKey).toList();
    run.row(LogKind.OPS_COMMANDS, source, t.line).set("timestamp", ImportRun.format(t.time.instant(), t.time.offset()))
        .set("operator", t.user.trim()).set("command", t.header).set("result", failed.isEmpty() ? "ok" : "failed on " + String.join(",", failed))
        .set("play", t.play).set("task", t.name).set("hosts", String.join(",", hosts)).set("changed", String.join(",", changed));
    run.kept(source);
  }
}
