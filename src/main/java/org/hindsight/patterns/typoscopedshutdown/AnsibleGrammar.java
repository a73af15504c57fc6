package org.hindsight.patterns.typoscopedshutdown;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Ansible: ad-hoc {@code ansible PATTERN -m MODULE -a ARGS [-l LIMIT]} and {@code ansible-playbook
 * PLAYBOOK -l LIMIT}. Patterns and limits in Ansible's syntax ({@code web*:&prod:!web-03},
 * {@code ~regex}, groups = inventory values: role, tags, service …; {@link SelectorSyntax#ansible}).
 * Modules that stop or reboot ({@code service}/{@code systemd} with {@code state=stopped},
 * {@code reboot}, {@code shutdown}, {@code shell}/{@code command} with a destructive command) remove;
 * {@code -C/--check} is a dry run. A playbook's effect is told from its name (decommission, stop,
 * drain, reboot, teardown …); a playbook run without {@code --limit} targets the hosts its own
 * {@code hosts:} line names, which the logs do not hold: not understood, the effects decide.
 */
@AutoService(org.hindsight.patterns.typoscopedshutdown.CommandGrammar.class)
public final class AnsibleGrammar implements CommandGrammar {
  private static final Set<String> WITH_VALUE = Set.of("-i", "--inventory", "-m", "--module-name", "-a", "--args", "-l",
      "--limit", "-u", "--user", "-f", "--forks", "-e", "--extra-vars", "-t", "--tags", "--skip-tags", "-T", "--timeout",
      "--become-user", "--vault-id", "--vault-password-file", "--private-key", "-c", "--connection", "-B", "-P",
      "--start-at-task", "-M", "--module-path");
  private static final Set<String> DRY = Set.of("-C", "--check", "--syntax-check", "--list-hosts", "--list-tasks", "--list-tags");
  private static final Set<String> LOOKING_MODULES = Set.of("ping", "setup", "stat", "gather_facts", "debug", "fetch",
      "slurp", "find", "command_info", "service_facts", "package_facts", "wait_for", "uri");

  @Override
  public String name() {
    return "ansible";
  }


  @Override
  public Set<String> programs() {
    return Set.of("ansible", "ansible-playbook");
  }

  @Override
  public ParsedCommand parse(List<String> words) throws NotUnderstood {
    String tool = CommandGrammar.program(words.get(0));
    boolean playbook = tool.equals("ansible-playbook");
    List<String> positional = new ArrayList<>();
    List<String> other = new ArrayList<>(List.of(words.get(0)));
    List<String> selector = new ArrayList<>();
    String module = "command";
    String args = "";
    String limit = null;
    boolean dry = false;
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      String name = w;
      String value = null;
      if (w.startsWith("--") && w.contains("=")) {
        name = w.substring(0, w.indexOf('='));
        value = w.substring(w.indexOf('=') + 1);
      } else if (w.startsWith("-") && !w.startsWith("--") && w.length() > 2 && WITH_VALUE.contains(w.substring(0, 2))) {
        name = w.substring(0, 2);
        value = w.substring(2);
      }
      if (!w.startsWith("-")) {
        positional.add(w);
        continue;
      }
      if (DRY.contains(name)) dry = true;
      if (WITH_VALUE.contains(name) && value == null) {
        if (i + 1 >= words.size()) throw new NotUnderstood("option " + name + " needs a value");
        value = words.get(++i);
      }
      switch (name) {
        case "-l", "--limit" -> {
          if (value.startsWith("@")) throw new NotUnderstood("--limit @" + value.substring(1) + ": the host file is not in the logs");
          limit = limit == null ? value : limit + ":&" + value;
          selector.add(name);
          selector.add(value);
        }
        case "-m", "--module-name" -> module = value;
        case "-a", "--args" -> args = value;
        default -> {}
      }
      if (!name.equals("-l") && !name.equals("--limit")) {
        other.add(w);
        if (value != null && !w.contains(value)) other.add(value);
      }
    }
    if (positional.isEmpty()) throw new NotUnderstood(tool + " without " + (playbook ? "a playbook" : "a host pattern"));
    List<Selector> scope = new ArrayList<>();
    boolean removes;
    String action;
    String service = "";
    if (playbook) {
      String book = positional.get(positional.size() - 1).toLowerCase(Locale.ROOT);
      other.addAll(positional);
      removes = TaskName.removes(book);
      action = book;
      if (limit == null) {
        if (dry) return new ParsedCommand(this, tool, action, removes, true, "", other, selector, Target.of(new Selector.All()));
        throw new NotUnderstood("playbook " + book + " without --limit: its hosts: line is not in the logs");
      }
      if (!removes && !dry) throw new NotUnderstood("playbook " + book + ": what it does is not in the logs");
    } else {
      selector.add(0, positional.get(0));
      scope.add(SelectorSyntax.ansible(positional.get(0)));
      String m = module.startsWith("ansible.builtin.") ? module.substring("ansible.builtin.".length()) : module;
      m = m.startsWith("community.general.") ? m.substring("community.general.".length()) : m;
      HostAction a = moduleAction(m, args);
      if (a == null) throw new NotUnderstood("module " + module + " -a '" + args + "': effect on capacity is not modelled");
      removes = a.removes();
      action = a.removes() ? a.verb() : "look";
      service = a.service();
    }
    if (limit != null) scope.add(SelectorSyntax.ansible(limit));
    return new ParsedCommand(this, tool, action, removes, dry, service, other, selector, Target.of(Selector.and(scope)));
  }

  private static HostAction moduleAction(String module, String args) {
    switch (module) {
      case "command", "shell", "raw" -> {
        try {
          return HostAction.of(ShellWords.split(args));
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
      case "service", "systemd", "systemd_service", "sysvinit", "supervisorctl", "docker_container" -> {
        String state = keyValue(args, "state");
        String name = keyValue(args, "name");
        boolean stops = state.equals("stopped") || state.equals("absent") || state.equals("killed");
        return stops ? new HostAction(true, module + " state=" + state, name) : HostAction.LOOKS;
      }
      case "reboot", "shutdown" -> {
        return new HostAction(true, module, "");
      }
      case "file" -> {
        return keyValue(args, "state").equals("absent") ? new HostAction(true, "file state=absent", "") : HostAction.LOOKS;
      }
      default -> {
        return LOOKING_MODULES.contains(module) ? HostAction.LOOKS : null;
      }
    }
  }

  private static String keyValue(String args, String key) {
    for (String kv : args.split("\\s+")) {
      if (kv.startsWith(key + "=")) return kv.substring(key.length() + 1).replace("\"", "").replace("'", "");
    }
    return "";
  }
}
