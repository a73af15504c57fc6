package org.hindsight.patterns.typoscopedshutdown;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The public clouds' command-line tools, where they take capacity away:
 * <ul>
 *   <li>{@code aws ec2 terminate-instances|stop-instances --instance-ids ID…}, {@code aws autoscaling
 *       set-desired-capacity|update-auto-scaling-group --auto-scaling-group-name G --desired-capacity N}
 *       (and {@code --max-size N}), {@code aws autoscaling terminate-instance-in-auto-scaling-group
 *       --instance-id ID}, {@code aws ecs update-service --service S --desired-count N}, {@code aws ecs
 *       stop-task --task T};
 *   <li>{@code gcloud compute instances delete|stop NAME…}, {@code gcloud compute instance-groups managed
 *       resize G --size N}, {@code … delete-instances|abandon-instances G --instances=A,B};
 *   <li>{@code az vm delete|stop|deallocate --name N | --ids ID…}, {@code az vmss scale --name S
 *       --new-capacity N}.
 * </ul>
 * An instance is found by its inventory name or its {@code instance_id} column; a group (auto-scaling
 * group, managed instance group, scale set, ECS service) by a service, role, tag or cluster of that
 * name, scaled down to its first N hosts in name order. {@code describe}/{@code list}/{@code get}/{@code
 * show} commands look; {@code --dry-run} changes nothing. Anything else is not modelled (the change
 * correlation pack still sees the command as a change).
 */
@AutoService(CommandGrammar.class)
public final class CloudCliGrammar implements CommandGrammar {
  /** Options that take no value, so a word after them is the command's. */
  private static final Set<String> NO_VALUE = Set.of("--quiet", "-q", "--yes", "-y", "--no-wait", "--force", "--async",
      "--dry-run", "--no-dry-run", "--should-decrement-desired-capacity", "--no-should-decrement-desired-capacity",
      "--no-cli-pager", "--debug", "--honor-cooldown", "--no-honor-cooldown", "--force-new-deployment");
  private static final Set<String> LOOK_PREFIXES = Set.of("describe", "list", "get", "show", "wait", "ssh");

  @Override
  public String name() {
    return "cloud-cli";
  }

  @Override
  public Set<String> programs() {
    return Set.of("aws", "gcloud", "az");
  }

  @Override
  public ParsedCommand parse(List<String> words) throws NotUnderstood {
    String tool = CommandGrammar.program(words.get(0));
    List<String> plain = new ArrayList<>();
    Map<String, List<String>> options = new java.util.LinkedHashMap<>();
    boolean dry = false;
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      if (!w.startsWith("-")) {
        plain.add(w);
        continue;
      }
      String name = w;
      List<String> values = new ArrayList<>();
      int eq = w.indexOf('=');
      if (eq > 0) {
        name = w.substring(0, eq);
        values.add(w.substring(eq + 1));
      } else if (!NO_VALUE.contains(name)) {
        // an option's values run to the next option (aws: --instance-ids i-1 i-2)
        while (i + 1 < words.size() && !words.get(i + 1).startsWith("-") && (values.isEmpty() || takesList(name))) {
          values.add(words.get(++i));
        }
      }
      if (name.equals("--dry-run")) dry = values.isEmpty() || !values.get(0).equalsIgnoreCase("false");
      options.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values);
    }
    String command = String.join(" ", plain);
    List<String> other = new ArrayList<>(List.of(words.get(0)));
    other.addAll(plain.subList(0, Math.min(plain.size(), operationWords(tool))));
    String operation = plain.size() > operationWords(tool) - 1 ? plain.get(operationWords(tool) - 1) : "";
    for (String p : LOOK_PREFIXES) if (operation.startsWith(p)) return looks(tool, command, other);
    return switch (tool) {
      case "aws" -> aws(plain, options, dry, other);
      case "gcloud" -> gcloud(plain, options, dry, other);
      default -> az(plain, options, dry, other);
    };
  }

  /** How many plain words name the operation: {@code ec2 terminate-instances}, {@code compute instances delete}. */
  private static int operationWords(String tool) {
    return tool.equals("gcloud") ? 3 : 2;
  }

  private static boolean takesList(String option) {
    return option.equals("--instance-ids") || option.equals("--ids") || option.equals("--instances");
  }

  private ParsedCommand aws(List<String> plain, Map<String, List<String>> o, boolean dry, List<String> other) throws NotUnderstood {
    String op = plain.size() >= 2 ? plain.get(0) + " " + plain.get(1) : String.join(" ", plain);
    return switch (op) {
      case "ec2 terminate-instances", "ec2 stop-instances" -> {
        List<String> ids = values(o, "--instance-ids", "aws " + op + " needs --instance-ids");
        yield removes("aws", op, dry, other, selectorWords("--instance-ids", ids), Target.of(instances(ids)));
      }
      case "autoscaling terminate-instance-in-auto-scaling-group" -> {
        List<String> ids = values(o, "--instance-id", "aws " + op + " needs --instance-id");
        yield removes("aws", op, dry, other, selectorWords("--instance-id", ids), Target.of(instances(ids)));
      }
      case "autoscaling set-desired-capacity", "autoscaling update-auto-scaling-group" -> {
        String group = values(o, "--auto-scaling-group-name", "aws " + op + " needs --auto-scaling-group-name").get(0);
        other.addAll(List.of("--auto-scaling-group-name", group));
        int keep = Math.min(count(o, "--desired-capacity"), count(o, "--max-size"));
        if (keep == Integer.MAX_VALUE) yield looks("aws", op, other); // min size, health checks, …: no capacity taken
        yield removes("aws", op, dry, other, selectorWords(o, "--desired-capacity", "--max-size"), scale(group, keep));
      }
      case "ecs update-service" -> {
        String service = values(o, "--service", "aws ecs update-service needs --service").get(0);
        other.addAll(List.of("--service", service));
        int keep = count(o, "--desired-count");
        if (keep == Integer.MAX_VALUE) yield looks("aws", op, other);
        yield removes("aws", op, dry, other, selectorWords(o, "--desired-count"), scale(service, keep));
      }
      case "ecs stop-task" -> {
        List<String> tasks = values(o, "--task", "aws ecs stop-task needs --task");
        yield removes("aws", op, dry, other, selectorWords("--task", tasks), Target.of(instances(tasks)));
      }
      default -> throw new NotUnderstood("aws " + op + ": effect on capacity is not modelled");
    };
  }

  private ParsedCommand gcloud(List<String> plain, Map<String, List<String>> o, boolean dry, List<String> other) throws NotUnderstood {
    if (plain.size() >= 3 && plain.get(0).equals("compute") && plain.get(1).equals("instances")
        && (plain.get(2).equals("delete") || plain.get(2).equals("stop") || plain.get(2).equals("suspend"))) {
      List<String> names = plain.subList(3, plain.size());
      if (names.isEmpty()) throw new NotUnderstood("gcloud compute instances " + plain.get(2) + " names no instance");
      return removes("gcloud", "compute instances " + plain.get(2), dry, other, List.copyOf(names), Target.of(instances(names)));
    }
    if (plain.size() >= 5 && plain.get(0).equals("compute") && plain.get(1).equals("instance-groups") && plain.get(2).equals("managed")) {
      String op = plain.get(3);
      String group = plain.get(4);
      other.add(op);
      other.add(group);
      switch (op) {
        case "resize" -> {
          int keep = count(o, "--size");
          if (keep == Integer.MAX_VALUE) throw new NotUnderstood("gcloud compute instance-groups managed resize needs --size");
          return removes("gcloud", "instance-groups managed resize", dry, other, selectorWords(o, "--size"), scale(group, keep));
        }
        case "delete-instances", "abandon-instances" -> {
          List<String> names = new ArrayList<>();
          for (String v : values(o, "--instances", "gcloud … " + op + " needs --instances")) {
            for (String n : v.split(",")) if (!n.isBlank()) names.add(n.trim());
          }
          return removes("gcloud", "instance-groups managed " + op, dry, other, selectorWords("--instances", names),
              Target.of(instances(names)));
        }
        default -> throw new NotUnderstood("gcloud compute instance-groups managed " + op + ": effect on capacity is not modelled");
      }
    }
    throw new NotUnderstood("gcloud " + String.join(" ", plain.subList(0, Math.min(3, plain.size()))) + ": effect on capacity is not modelled");
  }

  private ParsedCommand az(List<String> plain, Map<String, List<String>> o, boolean dry, List<String> other) throws NotUnderstood {
    String op = plain.size() >= 2 ? plain.get(0) + " " + plain.get(1) : String.join(" ", plain);
    return switch (op) {
      case "vm delete", "vm stop", "vm deallocate" -> {
        List<String> names = new ArrayList<>(o.getOrDefault("--name", o.getOrDefault("-n", List.of())));
        // --ids are resource ids: the instance is their last path segment
        for (String id : o.getOrDefault("--ids", List.of())) names.add(id.substring(id.lastIndexOf('/') + 1));
        if (names.isEmpty()) throw new NotUnderstood("az " + op + " needs --name or --ids");
        yield removes("az", op, dry, other, selectorWords("--name", names), Target.of(instances(names)));
      }
      case "vmss scale" -> {
        List<String> name = o.getOrDefault("--name", o.getOrDefault("-n", List.of()));
        if (name.isEmpty()) throw new NotUnderstood("az vmss scale needs --name");
        other.addAll(List.of("--name", name.get(0)));
        int keep = count(o, "--new-capacity");
        if (keep == Integer.MAX_VALUE) throw new NotUnderstood("az vmss scale needs --new-capacity");
        yield removes("az", op, dry, other, selectorWords(o, "--new-capacity"), scale(name.get(0), keep));
      }
      default -> throw new NotUnderstood("az " + op + ": effect on capacity is not modelled");
    };
  }

  /** Instances by inventory name or by their {@code instance_id} column. */
  private static Selector instances(List<String> ids) {
    List<Selector> any = new ArrayList<>();
    for (String id : ids) {
      any.add(new Selector.Name(id));
      any.add(new Selector.Attr("instance_id", id));
    }
    return Selector.or(any);
  }

  /** A group scaled down to its first {@code keep} hosts in name order. */
  private static Target scale(String group, int keep) {
    return new Target(List.of(), List.of(), List.of(), "", -1, Double.NaN, keep, new Selector.Group(group));
  }

  private static List<String> values(Map<String, List<String>> o, String option, String problem) throws NotUnderstood {
    List<String> v = o.get(option);
    if (v == null || v.isEmpty()) throw new NotUnderstood(problem);
    return v;
  }

  /** The smallest count among the given options' values, Integer.MAX_VALUE when none is given. */
  private static int count(Map<String, List<String>> o, String option) throws NotUnderstood {
    List<String> v = o.get(option);
    if (v == null || v.isEmpty()) return Integer.MAX_VALUE;
    if (!v.get(0).matches("\\d{1,6}")) throw new NotUnderstood(option + ": '" + v.get(0) + "' is not a count");
    return Integer.parseInt(v.get(0));
  }

  private static List<String> selectorWords(String option, List<String> values) {
    List<String> out = new ArrayList<>(List.of(option));
    out.addAll(values);
    return out;
  }

  private static List<String> selectorWords(Map<String, List<String>> o, String... options) {
    List<String> out = new ArrayList<>();
    for (String option : options) {
      List<String> v = o.get(option);
      if (v == null || v.isEmpty()) continue;
      out.add(option);
      out.add(v.get(0));
    }
    return out;
  }

  private ParsedCommand looks(String tool, String action, List<String> other) {
    return new ParsedCommand(this, tool, action, false, false, "", other, List.of(),
        new Target(List.of(), List.of(), List.of(), "", -1, Double.NaN, -1));
  }

  private ParsedCommand removes(String tool, String action, boolean dry, List<String> other, List<String> selector, Target t) {
    return new ParsedCommand(this, tool, action, true, dry, "", other, selector, t);
  }
}
