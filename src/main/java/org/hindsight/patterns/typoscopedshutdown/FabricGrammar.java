package org.hindsight.patterns.typoscopedshutdown;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fabric: {@code fab [-H host1,host2] [-R role1,role2] [-x excluded] TASK [TASK:arg ...]} (Fabric 1 and
 * 2) and {@code fab -H hosts -- REMOTE COMMAND}. Hosts are names (pdsh ranges allowed), roles are
 * inventory values (role, tags …), {@code task:hosts="a;b"} names a task's own hosts. A remote
 * command is {@link HostAction}'s reading; a task's effect is told from its name ({@link TaskName}:
 * {@code stop_web}, {@code decommission} remove, {@code uptime}, {@code status} look); a task whose
 * name says neither is not understood (its body is in the fabfile, not in the logs), and what it
 * did shows in the hosts that left service after it. {@code --dry}/{@code --dry-run} previews.
 */
@AutoService(org.hindsight.patterns.typoscopedshutdown.CommandGrammar.class)
public final class FabricGrammar implements CommandGrammar {
  private static final Set<String> WITH_VALUE = Set.of("-i", "--identity", "-u", "--user", "-p", "--password", "-f",
      "--fabfile", "-c", "--config", "--set", "-P", "-z", "--pool-size", "-t", "--timeout", "-T", "--command-timeout",
      "--port", "-S", "--ssh-config", "-D", "--disable-known-hosts", "--gateway", "-g", "--prompt-for-login-password",
      "-r", "--search-root", "-e", "--echo", "--keepalive", "--linewise");
  private static final Set<String> DRY = Set.of("--dry", "--dry-run");

  @Override
  public String name() {
    return "fabric";
  }

  @Override
  public Set<String> programs() {
    return Set.of("fab", "fab2", "fab3");
  }

  @Override
  public ParsedCommand parse(List<String> words) throws NotUnderstood {
    String tool = CommandGrammar.program(words.get(0));
    List<Selector> in = new ArrayList<>();
    List<Selector> out = new ArrayList<>();
    List<String> selector = new ArrayList<>();
    List<String> other = new ArrayList<>(List.of(words.get(0)));
    List<String> tasks = new ArrayList<>();
    List<String> remote = null;
    boolean dry = false;
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("--")) {
        remote = words.subList(i + 1, words.size());
        break;
      }
      if (!w.startsWith("-")) {
        tasks.add(w);
        continue;
      }
      String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
      String value = w.contains("=") ? w.substring(w.indexOf('=') + 1) : null;
      if (Set.of("-H", "--hosts", "-R", "--roles", "-x", "--exclude-hosts").contains(name)) {
        if (value == null) {
          if (i + 1 >= words.size()) throw new NotUnderstood("option " + name + " needs a value");
          value = words.get(++i);
        }
        switch (name) {
          case "-H", "--hosts" -> in.add(hosts(value));
          case "-R", "--roles" -> in.add(roles(value));
          default -> out.add(hosts(value));
        }
        selector.add(name);
        selector.add(value);
        continue;
      }
      if (DRY.contains(name)) dry = true;
      other.add(w);
      if (value == null && WITH_VALUE.contains(name) && i + 1 < words.size()) other.add(words.get(++i));
    }
    // Fabric 1: `task:hosts="a;b"` or `task:host=a` gives the task its own hosts
    for (String t : tasks) {
      int colon = t.indexOf(':');
      if (colon < 0) continue;
      for (String kv : t.substring(colon + 1).split(",")) {
        String key = kv.contains("=") ? kv.substring(0, kv.indexOf('=')) : "";
        String v = kv.substring(kv.indexOf('=') + 1).replace("\"", "").replace("'", "");
        if (key.equals("hosts") || key.equals("host")) in.add(hosts(v.replace(';', ',')));
        else if (key.equals("roles") || key.equals("role")) in.add(roles(v.replace(';', ',')));
      }
    }
    other.addAll(tasks);
    HostAction a;
    String action;
    if (remote != null) {
      if (remote.isEmpty()) throw new NotUnderstood(tool + " -- without a command");
      a = HostAction.of(remote);
      if (a == null) throw new NotUnderstood("remote command '" + ShellWords.join(remote) + "' is not known (is it destructive?)");
      action = a.removes() ? a.verb() : "look";
      other.add("--");
      other.addAll(remote);
    } else {
      if (tasks.isEmpty()) throw new NotUnderstood(tool + " without a task");
      List<String> names = tasks.stream().map(t -> t.contains(":") ? t.substring(0, t.indexOf(':')) : t).toList();
      boolean removes = names.stream().anyMatch(TaskName::removes);
      if (!removes && !names.stream().allMatch(TaskName::looks)) {
        throw new NotUnderstood("fab task " + String.join(" ", names) + ": what it does is in the fabfile, not in the logs");
      }
      a = removes ? new HostAction(true, names.stream().filter(TaskName::removes).findFirst().orElseThrow(), "") : HostAction.LOOKS;
      action = a.removes() ? a.verb() : "look";
    }
    if (!a.removes()) return new ParsedCommand(this, tool, "look", false, dry, "", other, selector, Target.of(null));
    if (in.isEmpty()) throw new NotUnderstood(tool + " without hosts (-H, -R): the fabfile's env.hosts is not in the logs");
    List<Selector> all = new ArrayList<>(List.of(Selector.or(in)));
    for (Selector x : out) all.add(new Selector.Not(x));
    return new ParsedCommand(this, tool, action, true, dry, a.service(), other, selector, Target.of(Selector.and(all)));
  }

  private static Selector hosts(String value) throws NotUnderstood {
    List<Selector> hs = new ArrayList<>();
    for (String h : value.split(",")) if (!h.isBlank()) hs.add(SelectorSyntax.hostList(SshGrammar.stripUser(h.trim())));
    if (hs.isEmpty()) throw new NotUnderstood("empty host list");
    return Selector.or(hs);
  }

  private static Selector roles(String value) throws NotUnderstood {
    List<Selector> gs = new ArrayList<>();
    for (String r : value.split(",")) if (!r.isBlank()) gs.add(new Selector.Group(r.trim()));
    if (gs.isEmpty()) throw new NotUnderstood("empty role list");
    return Selector.or(gs);
  }
}
