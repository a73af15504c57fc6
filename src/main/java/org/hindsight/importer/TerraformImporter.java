package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * Terraform (and OpenTofu) runs. {@code terraform apply -json} (the machine-readable UI: one message a line, each with
 * {@code @timestamp}, {@code type} and, for a resource being applied, {@code hook.resource.addr}, {@code hook.action},
 * {@code hook.id_key}/{@code id_value}): each resource created or updated ({@code apply_start}, then {@code apply_complete}
 * or {@code apply_errored}) is a timed {@code changes} row, its {@code deployed_at} when the provider finished (a change for
 * change correlation; one that errored stays a change, {@code status} errored: a provider may have changed part of it); the
 * resources a run destroyed are one {@code ops-commands} row, {@code terraform destroy -target=…} for each, and the ones it
 * replaced (destroyed and created again) {@code terraform apply -replace=…}, at the first one's start: what the
 * typo-scoped-shutdown pack reads as a command that takes things out. Terraform does not log who ran it
 * ({@code --operator}; else {@code unknown}). {@code terraform show -json PLANFILE} (or a {@code plan -json} stream's
 * {@code planned_change} messages, when the file applies nothing) is what was meant, not done: a {@code changes} row per
 * resource to change, without a time (its {@code planned_at} kept), which ranks nothing by itself.
 */
@AutoService(Importer.class)
public final class TerraformImporter implements Importer {
  @Override
  public String name() {
    return "terraform";
  }

  @Override
  public String summary() {
    return "Terraform/OpenTofu runs: apply -json (apply_start/apply_complete, hook.resource.addr, action) or show -json of a plan (resource_changes) → changes, ops-commands";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.CHANGES, LogKind.OPS_COMMANDS);
  }

  /** A resource operation seen starting; its outcome filled in by a later message. */
  private static final class Operation {
    final String addr;
    final String action;
    String id;
    final String started;
    final int line;
    String ended;
    int endLine;
    String outcome = "started (no outcome in the log)";

    Operation(String addr, String action, String id, String started, int line) {
      this.addr = addr;
      this.action = action;
      this.id = id;
      this.started = started;
      this.line = line;
    }
  }

  /** One run of the stream (a {@code version} message starts the next), with what it planned and applied. */
  private static final class Run {
    final List<Operation> applied = new ArrayList<>();
    final Map<String, Operation> open = new LinkedHashMap<>();
    final List<Tree> planned = new ArrayList<>();
    final Map<String, String> errors = new HashMap<>();
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    List<Run> runs = new ArrayList<>();
    runs.add(new Run());
    Map<String, Integer> tickets = new HashMap<>();
    JsonRecords.objects(source, run, doc -> {
      if (doc.get("resource_changes").isList() || (!doc.text("format_version").isEmpty() && doc.get("planned_values").isObject())) {
        plan(doc, source, run, tickets);
      } else if (!doc.text("type").isEmpty() && !doc.text("@timestamp").isEmpty()) {
        message(doc, runs, source, run);
      } else if (!doc.text("format_version").isEmpty() && doc.get("values").isObject()) {
        run.problem(source, doc.line(), "a Terraform state (show -json without a plan): it says what exists, not what changed");
      } else {
        run.problem(source, doc.line(), "not a Terraform -json message (@timestamp, type) nor a plan (resource_changes)");
      }
    });
    for (Run r : runs) write(r, source, run, tickets);
  }

  private static void message(Tree m, List<Run> runs, Source source, ImportRun run) {
    String type = m.text("type");
    Run current = runs.get(runs.size() - 1);
    if (type.equals("version")) {
      if (!current.applied.isEmpty() || !current.planned.isEmpty()) runs.add(new Run());
      run.ignored(source);
      return;
    }
    String time = run.clock().isoOrNull(m.text("@timestamp"));
    if (time == null) {
      run.problem(source, m.line(), "@timestamp '" + m.text("@timestamp") + "' is no time (RFC 3339)");
      return;
    }
    Tree hook = m.get("hook");
    String addr = hook.text("resource", "addr");
    switch (type) {
      case "apply_start" -> {
        if (addr.isEmpty()) {
          run.problem(source, m.line(), "apply_start without hook.resource.addr");
          return;
        }
        Operation op = new Operation(addr, hook.text("action"), hook.text("id_value"), time, m.line());
        current.open.put(addr + '\u0000' + op.action, op);
        current.applied.add(op);
      }
      case "apply_complete", "apply_errored" -> {
        Operation op = current.open.remove(addr + '\u0000' + hook.text("action"));
        if (op == null) {
          run.problem(source, m.line(), type + " of " + (addr.isEmpty() ? "no resource" : addr)
              + (hook.text("action").isEmpty() ? "" : " " + hook.text("action")) + " without its apply_start");
          return;
        }
        op.ended = time;
        op.endLine = m.line();
        op.outcome = type.equals("apply_complete") ? "ok" : "errored";
        if (op.id.isEmpty()) op.id = hook.text("id_value"); // a creation's id is known once it is done
      }
      case "diagnostic" -> {
        // an error names the resource it was about; its summary is the errored operation's outcome
        String about = m.text("diagnostic", "address");
        if (m.text("@level").equals("error")) current.errors.putIfAbsent(about, m.text("diagnostic", "summary"));
        run.ignored(source);
      }
      case "planned_change" -> current.planned.add(m);
      default -> run.ignored(source); // progress, refreshes, summaries, outputs
    }
  }

  /** Writes one run: creations and updates as changes, destructions and replacements as one command each. */
  private static void write(Run r, Source source, ImportRun run, Map<String, Integer> tickets) {
    if (r.applied.isEmpty()) {
      for (Tree m : r.planned) {
        Tree c = m.get("change");
        intent(c.text("resource", "addr"), List.of(c.text("action")), "", run.clock().isoOrNull(m.text("@timestamp")), c.text("reason"), m.line(),
            source, run, tickets);
      }
      return;
    }
    r.planned.forEach(m -> run.ignored(source)); // the apply's own messages say what was done
    Set<String> created = new java.util.HashSet<>();
    for (Operation op : r.applied) if (op.action.equals("create")) created.add(op.addr);
    List<Operation> destroyed = new ArrayList<>();
    List<Operation> replaced = new ArrayList<>();
    Set<String> replacedAddrs = new java.util.HashSet<>();
    for (Operation op : r.applied) {
      if (op.action.equals("delete") || op.action.equals("replace")) {
        boolean again = op.action.equals("replace") || created.contains(op.addr);
        (again ? replaced : destroyed).add(op);
        if (again) replacedAddrs.add(op.addr);
      }
    }
    for (Operation op : r.applied) {
      if (op.action.equals("create") && replacedAddrs.contains(op.addr)) {
        run.kept(source); // the replacement's second half: in its command
        continue;
      }
      if (!op.action.equals("create") && !op.action.equals("update")) {
        if (!op.action.equals("delete") && !op.action.equals("replace")) run.ignored(source); // a read, a no-op
        continue;
      }
      String error = r.errors.getOrDefault(op.addr, "");
      String status = op.outcome.equals("errored") && !error.isEmpty() ? "errored: " + error : op.outcome;
      String at = op.ended != null ? op.ended : op.started;
      int line = op.ended != null ? op.endLine : op.line;
      run.row(LogKind.CHANGES, source, line).set("ticket", ticket("terraform " + op.action + " " + op.addr, tickets))
          .set("summary", "terraform " + op.action + " " + op.addr + (op.id.isEmpty() ? "" : " (" + op.id + ")"))
          .set("scope", scope(op.addr, op.id)).set("deployed_at", at).set("started_at", op.started).set("action", op.action)
          .set("address", op.addr).set("resource_id", op.id).set("status", status);
      run.kept(source);
    }
    command("terraform destroy", "-target=", destroyed, r, source, run);
    command("terraform apply", "-replace=", replaced, r, source, run);
  }

  /** One ops command for the resources a run took out, at the first one's start, citing it. */
  private static void command(String verb, String flag, List<Operation> ops, Run r, Source source, ImportRun run) {
    if (ops.isEmpty()) return;
    StringBuilder command = new StringBuilder(verb);
    List<String> failed = new ArrayList<>();
    for (Operation op : ops) {
      command.append(' ').append(flag).append(quoted(op.addr));
      if (!op.outcome.equals("ok")) failed.add(op.addr + " " + op.outcome + (r.errors.containsKey(op.addr) ? ": " + r.errors.get(op.addr) : ""));
    }
    Operation first = ops.get(0);
    String operator = run.settings().operator == null || run.settings().operator.isBlank() ? "unknown" : run.settings().operator.trim();
    run.row(LogKind.OPS_COMMANDS, source, first.line).set("timestamp", first.started).set("operator", operator)
        .set("command", command.toString()).set("result", failed.isEmpty() ? "ok" : "failed on " + String.join("; ", failed))
        .set("resource_ids", String.join(" ", ops.stream().map(o -> o.id).filter(id -> !id.isEmpty()).toList()));
    for (int i = 0; i < ops.size(); i++) run.kept(source);
  }

  /** An address as a shell would need it quoted ({@code aws_instance.app["web-03"]}). */
  private static String quoted(String addr) {
    return addr.matches("[\\w.\\-\\[\\]]+") ? addr : "'" + addr.replace("'", "'\\''") + "'";
  }

  /** {@code terraform show -json PLANFILE}: each resource to change, as intent. */
  private static void plan(Tree doc, Source source, ImportRun run, Map<String, Integer> tickets) {
    String planned = run.clock().isoOrNull(doc.text("timestamp"));
    for (Tree rc : doc.get("resource_changes").items()) {
      List<String> actions = rc.path("change", "actions").items().stream().map(Tree::text).toList();
      if (rc.text("address").isEmpty() || actions.isEmpty()) {
        run.problem(source, rc.line(), "a resource change without its address or change.actions");
        continue;
      }
      if (actions.equals(List.of("no-op")) || actions.equals(List.of("read"))) {
        run.ignored(source);
        continue;
      }
      String id = rc.path("change", "before").text("id");
      intent(rc.text("address"), actions, id, planned, rc.text("action_reason"), rc.line(), source, run, tickets);
    }
  }

  private static void intent(String addr, List<String> actions, String id, String planned, String reason, int line, Source source,
      ImportRun run, Map<String, Integer> tickets) {
    if (addr.isEmpty()) {
      run.problem(source, line, "a planned change without its resource address");
      return;
    }
    String action = actions.size() == 2 && actions.contains("delete") && actions.contains("create") ? "replace" : String.join("+", actions);
    ImportRun.Row row = run.row(LogKind.CHANGES, source, line).set("ticket", ticket("terraform plan " + action + " " + addr, tickets))
        .set("summary", "planned: terraform " + action + " " + addr + (id.isEmpty() ? "" : " (" + id + ")"))
        .set("scope", scope(addr, id));
    AlertRows.columns(row, "planned_at", planned == null ? "" : planned, "action", action, "address", addr, "resource_id", id,
        "action_reason", reason);
    run.kept(source);
  }

  /** What names the resource in an inventory: its cloud id, and a for_each key ({@code app["web-03"]}: web-03). */
  private static String scope(String addr, String id) {
    java.util.regex.Matcher key = java.util.regex.Pattern.compile("\\[\"([^\"]+)\"]$").matcher(addr);
    List<String> names = new ArrayList<>();
    if (!id.isEmpty()) names.add(id);
    if (key.find()) names.add(key.group(1));
    return String.join(" ", names);
  }

  /** A ticket unique within the import: the same resource changed by two runs is two changes. */
  private static String ticket(String base, Map<String, Integer> tickets) {
    int n = tickets.merge(base, 1, Integer::sum);
    return n == 1 ? base : base + " #" + n;
  }
}
