package org.hindsight.patterns.typoscopedshutdown;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Triton / SmartDataCenter's {@code sdc-oneachnode [-n NODE[,NODE…]] [-a] [-c] [-t SECS] … CMD}, run on
 * the headnode: {@code -n} the nodes named (host names), {@code -a} every node, {@code -c} every compute
 * node (every node but the headnode it runs on). With none of them the tool of 2014 ran on every node
 * (Joyent us-east-1, 2014-05-27: the node list left out of a reboot; later versions refuse, and a row
 * whose result says it failed removes nothing). {@code -g/-p FILE} copy files and take nothing out. What
 * the command does is {@link HostAction}'s reading.
 */
@AutoService(org.hindsight.patterns.typoscopedshutdown.CommandGrammar.class)
public final class SdcOneachnodeGrammar implements CommandGrammar {
  private static final Set<String> NODES = Set.of("-n", "--node", "--nodes");
  private static final Set<String> ALL = Set.of("-a", "--all-nodes");
  private static final Set<String> COMPUTE = Set.of("-c", "--computenodes");
  private static final Set<String> WITH_VALUE = Set.of("-t", "--timeout", "-T", "--exectimeout", "-d", "--dir");
  private static final Set<String> COPIES = Set.of("-g", "--get", "-p", "--put");

  @Override
  public String name() {
    return "sdc-oneachnode";
  }

  @Override
  public Set<String> programs() {
    return Set.of("sdc-oneachnode");
  }

  @Override
  public String bareSelectorOption() {
    return "-n";
  }

  @Override
  public ParsedCommand parse(List<String> words) throws NotUnderstood {
    String tool = CommandGrammar.program(words.get(0));
    List<Selector> in = new ArrayList<>();
    List<String> selector = new ArrayList<>();
    List<String> other = new ArrayList<>(List.of(words.get(0)));
    int i = 1;
    for (; i < words.size(); i++) {
      String w = words.get(i);
      if (!w.startsWith("-")) break;
      if (w.equals("--")) {
        i++;
        break;
      }
      int eq = w.indexOf('=');
      String name = eq > 0 ? w.substring(0, eq) : w;
      String glued = eq > 0 ? w.substring(eq + 1) : null;
      if (NODES.contains(name)) {
        String value = glued != null ? glued : i + 1 < words.size() ? words.get(++i) : null;
        if (value == null) throw new NotUnderstood("option " + name + " needs a node list");
        in.add(SelectorSyntax.hostList(value));
        selector.add("-n");
        selector.add(value);
      } else if (ALL.contains(name)) {
        in.add(new Selector.All());
        selector.add(w);
      } else if (COMPUTE.contains(name)) {
        in.add(Selector.and(List.of(new Selector.All(), new Selector.Not(new Selector.Here()))));
        selector.add(w);
      } else if (COPIES.contains(name)) {
        other.addAll(words.subList(i, words.size()));
        return new ParsedCommand(this, tool, "copy", false, false, "", other, selector, Target.of(null));
      } else {
        other.add(w);
        if (glued == null && WITH_VALUE.contains(name) && i + 1 < words.size()) other.add(words.get(++i));
      }
    }
    List<String> cmd = words.subList(Math.min(i, words.size()), words.size());
    if (cmd.isEmpty()) throw new NotUnderstood(tool + " without a command");
    // The command is one shell string ('svcadm restart x; reboot'): read it as the remote shell would.
    List<String> remote;
    try {
      remote = cmd.size() == 1 ? ShellWords.split(cmd.get(0)) : cmd;
    } catch (IllegalArgumentException e) {
      throw new NotUnderstood("remote command: " + e.getMessage());
    }
    HostAction a = remote.isEmpty() ? null : HostAction.of(remote);
    if (a == null) throw new NotUnderstood("remote command '" + ShellWords.join(cmd) + "' is not known (is it destructive?)");
    // No node option: the tool's default of the time, every node.
    Selector target = in.isEmpty() ? new Selector.All() : Selector.or(in);
    other.addAll(cmd);
    return new ParsedCommand(this, tool, a.removes() ? a.verb() : "look", a.removes(), false, a.service(), other, selector,
        Target.of(target));
  }
}
