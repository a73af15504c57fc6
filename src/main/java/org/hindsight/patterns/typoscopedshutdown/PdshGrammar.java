package org.hindsight.patterns.typoscopedshutdown;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parallel shells: {@code pdsh -w web[01-20,30] [-x web07] CMD}, {@code clush -w … | -g GROUP | -a
 * [-x …] [-X GROUP] CMD}, {@code pssh -H "a b" CMD}. Host lists in pdsh's bracket syntax; a
 * {@code -g} group is an inventory value (role, tags …); {@code -a} is every host. What the remote
 * command does is {@link HostAction}'s reading.
 */
@AutoService(org.hindsight.patterns.typoscopedshutdown.CommandGrammar.class)
public final class PdshGrammar implements CommandGrammar {
  private static final Set<String> PROGRAMS = Set.of("pdsh", "clush", "pssh", "parallel-ssh", "dsh");
  private static final Set<String> WITH_VALUE = Set.of("-l", "-f", "-t", "-u", "-R", "-o", "-p", "-O", "-e", "-M", "-P",
      "--user", "--fanout", "--options", "--connect_timeout", "--command_timeout", "--groupsource", "--pick", "-m");

  @Override
  public String name() {
    return "pdsh";
  }


  @Override
  public Set<String> programs() {
    return PROGRAMS;
  }

  @Override
  public ParsedCommand parse(List<String> words) throws NotUnderstood {
    String tool = CommandGrammar.program(words.get(0));
    List<Selector> in = new ArrayList<>();
    List<Selector> out = new ArrayList<>();
    List<String> selector = new ArrayList<>();
    List<String> other = new ArrayList<>(List.of(words.get(0)));
    String hostFile = null;
    int i = 1;
    for (; i < words.size(); i++) {
      String w = words.get(i);
      if (!w.startsWith("-") || w.equals("--")) {
        if (w.equals("--")) i++;
        break;
      }
      String name = w.length() > 2 && !w.startsWith("--") ? w.substring(0, 2) : w;
      String glued = w.length() > 2 && !w.startsWith("--") ? w.substring(2) : null;
      String value = glued;
      boolean takesSelector = Set.of("-w", "-x", "-g", "-X", "-H", "--hosts", "--group", "--exclude").contains(name);
      if (takesSelector && value == null) {
        if (i + 1 >= words.size()) throw new NotUnderstood("option " + name + " needs a value");
        value = words.get(++i);
      }
      switch (name) {
        case "-w", "--hosts" -> in.add(SelectorSyntax.hostList(value));
        case "-H" -> {
          List<Selector> hs = new ArrayList<>();
          for (String h : value.trim().split("[\\s,]+")) if (!h.isEmpty()) hs.add(SelectorSyntax.name(SshGrammar.stripUser(h)));
          in.add(Selector.or(hs));
        }
        case "-x", "--exclude" -> out.add(SelectorSyntax.hostList(value));
        case "-g", "--group" -> in.add(groups(value));
        case "-X" -> out.add(groups(value));
        case "-a", "-A" -> in.add(new Selector.All());
        case "-h", "--hosts-file" -> {
          hostFile = value == null && i + 1 < words.size() ? words.get(++i) : value;
          continue;
        }
        default -> {
          other.add(w);
          if (glued == null && WITH_VALUE.contains(name) && i + 1 < words.size()) other.add(words.get(++i));
          continue;
        }
      }
      selector.add(w);
      if (glued == null && !name.equals("-a") && !name.equals("-A")) selector.add(value);
    }
    List<String> cmd = words.subList(Math.min(i, words.size()), words.size());
    HostAction a = cmd.isEmpty() ? null : HostAction.of(cmd);
    if (in.isEmpty() && hostFile != null && a != null && !a.removes()) {
      // pssh -h hosts.txt 'uptime': the host file is not in the logs, but a command that only looks needs no scope
      other.addAll(words.subList(1, words.size()));
      return new ParsedCommand(this, tool, "look", false, false, "", other, List.of(), Target.of(null));
    }
    if (in.isEmpty() && hostFile != null) throw new NotUnderstood(tool + " -h " + hostFile + " reads hosts from a file not in the logs");
    if (in.isEmpty()) throw new NotUnderstood(tool + " without target hosts (-w, -g, -a, -H)");
    if (cmd.isEmpty()) throw new NotUnderstood(tool + " without a command");
    if (a == null) throw new NotUnderstood("remote command '" + ShellWords.join(cmd) + "' is not known (is it destructive?)");
    List<Selector> all = new ArrayList<>(List.of(Selector.or(in)));
    for (Selector x : out) all.add(new Selector.Not(x));
    other.addAll(cmd);
    return new ParsedCommand(this, tool, a.removes() ? a.verb() : "look", a.removes(), false, a.service(), other, selector,
        Target.of(Selector.and(all)));
  }

  private static Selector groups(String value) throws NotUnderstood {
    List<Selector> gs = new ArrayList<>();
    for (String g : value.split(",")) {
      String name = g.startsWith("@") ? g.substring(1) : g;
      int colon = name.indexOf(':'); // clush group source: "roles:web"
      if (colon >= 0) name = name.substring(colon + 1);
      if (!name.isEmpty()) gs.add(new Selector.Group(name));
    }
    if (gs.isEmpty()) throw new NotUnderstood("empty group list");
    return Selector.or(gs);
  }
}
