package org.hindsight.patterns.typoscopedshutdown;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * HashiCorp Nomad and Consul. Nomad: {@code job stop JOB} (the job's allocations: inventory rows
 * whose {@code job} or {@code service} is JOB), {@code job scale JOB [GROUP] N}, {@code node drain
 * -enable NODE|-self}, {@code alloc stop ALLOC}; status commands look. Consul: {@code maint -enable
 * [-service=S]} and {@code leave} take the agent's own host out (the row's {@code host}),
 * {@code force-leave NODE} a named node, {@code services deregister} the local instance.
 */
@AutoService(org.hindsight.patterns.typoscopedshutdown.CommandGrammar.class)
public final class NomadGrammar implements CommandGrammar {
  private static final Set<String> LOOKING = Set.of("status", "inspect", "plan", "validate", "logs", "members", "info",
      "catalog", "monitor", "version", "history", "allocs", "eval", "deployment", "kv", "watch", "list");

  @Override
  public String name() {
    return "nomad-consul";
  }


  @Override
  public Set<String> programs() {
    return Set.of("nomad", "consul");
  }

  @Override
  public ParsedCommand parse(List<String> words) throws NotUnderstood {
    String tool = CommandGrammar.program(words.get(0));
    List<String> plain = new ArrayList<>();
    List<String> flags = new ArrayList<>();
    for (String w : words.subList(1, words.size())) (w.startsWith("-") ? flags : plain).add(w);
    if (plain.isEmpty()) throw new NotUnderstood(tool + " without a command");
    String cmd = plain.get(0);
    String sub = plain.size() > 1 ? plain.get(1) : "";
    List<String> other = new ArrayList<>(List.of(words.get(0), cmd));
    if (LOOKING.contains(cmd) || LOOKING.contains(sub)) return looks(tool, cmd, other);
    if (tool.equals("nomad")) {
      switch (cmd + " " + sub) {
        case "job stop" -> {
          String job = arg(plain, 2, "nomad job stop needs a job");
          other.add(sub);
          return removes(tool, "job stop", job, other, List.of(job), Target.of(new Selector.Attr("job", job)).withService(job));
        }
        case "job scale" -> {
          if (plain.size() < 4) throw new NotUnderstood("nomad job scale JOB [GROUP] COUNT");
          String job = plain.get(2);
          String count = plain.get(plain.size() - 1);
          if (!count.matches("\\d{1,6}")) throw new NotUnderstood("nomad job scale: '" + count + "' is not a count");
          other.add(sub);
          other.add(job);
          return removes(tool, "job scale", job, other, List.of(count),
              new Target(List.of(), List.of(), List.of(), job, -1, Double.NaN, Integer.parseInt(count)));
        }
        case "node drain" -> {
          if (flags.contains("-disable")) return looks(tool, "node drain -disable", other);
          other.add(sub);
          Selector node = flags.contains("-self") ? new Selector.Here() : new Selector.Children(arg(plain, 2, "nomad node drain needs a node"));
          return removes(tool, "node drain", "", other, plain.subList(2, plain.size()), Target.of(node));
        }
        case "alloc stop" -> {
          other.add(sub);
          return removes(tool, "alloc stop", "", other, List.of(arg(plain, 2, "nomad alloc stop needs an allocation")),
              Target.of(new Selector.Name(plain.get(2))));
        }
        default -> {
          if (cmd.equals("node") && sub.equals("eligibility")) return looks(tool, "node eligibility", other);
          throw new NotUnderstood("nomad " + cmd + " " + sub + ": effect on capacity is not modelled");
        }
      }
    }
    switch (cmd) {
      case "maint" -> {
        if (!flags.contains("-enable")) return looks(tool, "maint", other);
        String service = flags.stream().filter(f -> f.startsWith("-service=")).map(f -> f.substring(9)).findFirst().orElse("");
        return removes(tool, "maint -enable", service, other, List.of(), Target.of(new Selector.Here()));
      }
      case "leave" -> {
        return removes(tool, "leave", "", other, List.of(), Target.of(new Selector.Here()));
      }
      case "force-leave" -> {
        String node = arg(plain, 1, "consul force-leave needs a node");
        return removes(tool, "force-leave", "", other, List.of(node), Target.of(new Selector.Name(node)));
      }
      case "services" -> {
        if (!sub.equals("deregister")) return looks(tool, "services " + sub, other);
        return removes(tool, "services deregister", "", other, List.of(), Target.of(new Selector.Here()));
      }
      default -> throw new NotUnderstood("consul " + cmd + ": effect on capacity is not modelled");
    }
  }

  private static String arg(List<String> plain, int i, String problem) throws NotUnderstood {
    if (i >= plain.size()) throw new NotUnderstood(problem);
    return plain.get(i);
  }

  private ParsedCommand looks(String tool, String action, List<String> other) {
    return new ParsedCommand(this, tool, action, false, false, "", other, List.of(),
        new Target(List.of(), List.of(), List.of(), "", -1, Double.NaN, -1));
  }

  private ParsedCommand removes(String tool, String action, String service, List<String> other, List<String> selector, Target t) {
    return new ParsedCommand(this, tool, action, true, false, service, other, selector, t);
  }
}
