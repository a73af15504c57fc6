package org.hindsight.patterns.typoscopedshutdown;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SaltStack: {@code salt [-E|-L|-G|-P|-I|-J|-N|-C] TARGET FUNCTION [ARGS]} (and {@code salt-ssh}).
 * Targets in Salt's syntax ({@link SelectorSyntax#salt}): glob (default), list, PCRE on the minion
 * id, grains and pillar ({@code role:db}, any inventory column), nodegroups, subnets
 * ({@code -S 10.2.0.0/16}: the inventory's address column), compound ({@code G@role:db and not web-07},
 * {@code S@10.2.0.0/16}). Functions that stop or reboot ({@code service.stop},
 * {@code service.dead}, {@code system.reboot}, {@code system.shutdown}, {@code cmd.run} with a
 * destructive command, {@code state.single service.dead}, {@code pkg.remove}) remove; a state run
 * ({@code state.apply}, {@code state.highstate}), package installs and syncs change no capacity;
 * {@code test=True} is a dry run.
 */
@AutoService(org.hindsight.patterns.typoscopedshutdown.CommandGrammar.class)
public final class SaltGrammar implements CommandGrammar {
  private static final Map<String, String> MODES = Map.ofEntries(Map.entry("-E", "pcre"), Map.entry("--pcre", "pcre"),
      Map.entry("-L", "list"), Map.entry("--list", "list"), Map.entry("-G", "grain"), Map.entry("--grain", "grain"),
      Map.entry("-P", "grain_pcre"), Map.entry("--grain-pcre", "grain_pcre"), Map.entry("-I", "pillar"),
      Map.entry("--pillar", "pillar"), Map.entry("-J", "pillar_pcre"), Map.entry("--pillar-pcre", "pillar_pcre"),
      Map.entry("-N", "nodegroup"), Map.entry("--nodegroup", "nodegroup"), Map.entry("-C", "compound"),
      Map.entry("--compound", "compound"), Map.entry("-S", "ipcidr"), Map.entry("--ipcidr", "ipcidr"));
  private static final Set<String> WITH_VALUE = Set.of("-b", "--batch", "--batch-size", "-t", "--timeout", "--out",
      "--output", "-c", "--config-dir", "--return", "-s", "--subset", "--log-level", "-l", "--out-file");
  private static final Set<String> STOPPING = Set.of("service.stop", "service.dead", "service.kill", "service.disable",
      "system.reboot", "system.shutdown", "system.halt", "system.poweroff", "system.reboot_required", "cmd.run",
      "cmd.shell", "cmd.script", "file.remove", "file.absent", "docker.stop", "docker.kill", "dockercompose.down",
      "postgres.db_remove", "mysql.db_remove", "pkg.remove", "pkg.purge");
  /**
   * Functions that change a minion without taking it or a service out: a state run converges the
   * minion to its states (a state that stops a service is a change, which change correlation
   * weighs, not a removal the command line shows), package installs and upgrades, syncs, grains.
   */
  private static final List<String> CHANGING_NOT_REMOVING = List.of("state.", "pkg.install", "pkg.upgrade",
      "pkg.refresh_db", "saltutil.", "grains.set", "grains.append", "file.managed", "file.replace", "cp.", "mine.",
      "service.reload", "service.enable");

  @Override
  public String name() {
    return "salt";
  }


  @Override
  public Set<String> programs() {
    return Set.of("salt", "salt-ssh");
  }

  @Override
  public ParsedCommand parse(List<String> words) throws NotUnderstood {
    String tool = CommandGrammar.program(words.get(0));
    String mode = "glob";
    List<String> other = new ArrayList<>(List.of(words.get(0)));
    List<String> selector = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      if (!rest.isEmpty() || !w.startsWith("-")) {
        rest.add(w);
        continue;
      }
      String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
      if (MODES.containsKey(name)) {
        mode = MODES.get(name);
        selector.add(w);
      } else {
        other.add(w);
        if (WITH_VALUE.contains(name) && !w.contains("=") && i + 1 < words.size()) other.add(words.get(++i));
      }
    }
    if (rest.size() < 2) throw new NotUnderstood(tool + " needs a target and a function");
    String target = rest.get(0);
    String function = rest.get(1);
    List<String> args = rest.subList(2, rest.size());
    selector.add(target);
    other.addAll(rest.subList(1, rest.size()));
    Selector scope = SelectorSyntax.salt(mode, target);
    boolean dry = args.stream().anyMatch(a -> a.equalsIgnoreCase("test=True"));
    HostAction a;
    if (function.equals("cmd.run") || function.equals("cmd.shell")) {
      List<String> cmd = args.stream().filter(x -> !x.contains("=") || x.contains(" ")).toList();
      a = HostAction.of(cmd);
      if (a == null) throw new NotUnderstood("cmd.run '" + ShellWords.join(cmd) + "' is not a known command");
    } else if (function.equals("state.single") && !args.isEmpty() && (args.get(0).equals("service.dead")
        || args.get(0).equals("pkg.removed") || args.get(0).equals("pkg.purged"))) {
      // state.single service.dead name=nginx: one state, named on the line, that stops the service
      a = new HostAction(true, function + " " + args.get(0), keyValue(args, "name"));
    } else if (STOPPING.contains(function)) {
      String unit = args.isEmpty() || args.get(0).contains("=") ? "" : args.get(0);
      a = function.equals("system.reboot_required") ? HostAction.LOOKS : new HostAction(true, function, unit);
    } else if (function.startsWith("test.") || function.startsWith("grains.") || function.startsWith("pillar.")
        || function.endsWith(".status") || function.endsWith(".list") || function.startsWith("disk.")
        || function.startsWith("status.") || function.equals("service.start") || function.equals("service.restart")
        || function.startsWith("pkg.list") || CHANGING_NOT_REMOVING.stream().anyMatch(f -> f.endsWith(".")
            ? function.startsWith(f) : function.equals(f))) {
      a = HostAction.LOOKS;
    } else {
      throw new NotUnderstood("salt function " + function + ": effect on capacity is not modelled");
    }
    return new ParsedCommand(this, tool, a.removes() ? function : "look", a.removes(), dry, a.service(), other, selector,
        Target.of(scope));
  }

  private static String keyValue(List<String> args, String key) {
    for (String a : args) if (a.startsWith(key + "=")) return a.substring(key.length() + 1);
    return "";
  }
}
