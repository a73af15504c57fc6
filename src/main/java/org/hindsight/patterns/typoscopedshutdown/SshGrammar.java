package org.hindsight.patterns.typoscopedshutdown;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Remote shells over host lists: {@code ssh HOST CMD}, {@code for h in a b web{01..04}; do ssh $h CMD;
 * done}, {@code echo a b | xargs -I{} ssh {} CMD}, {@code parallel ssh {} CMD ::: a b}. The hosts are
 * the loop's words (brace ranges become numeric ranges); what the remote command does is
 * {@link HostAction}'s reading. A host list read from a file ({@code $(cat hosts)}, {@code xargs -a
 * f}) is not in the logs: not understood, so the command's effects decide its scope.
 */
@AutoService(org.hindsight.patterns.typoscopedshutdown.CommandGrammar.class)
public final class SshGrammar implements CommandGrammar {
  private static final Set<String> SSH = Set.of("ssh", "autossh", "mosh", "tsh");
  private static final Set<String> SSH_WITH_VALUE = Set.of("-i", "-p", "-l", "-o", "-F", "-J", "-L", "-R", "-D", "-b", "-c",
      "-E", "-e", "-m", "-O", "-Q", "-S", "-W", "-w", "-B", "-I", "-P");
  private static final Set<String> XARGS_WITH_VALUE = Set.of("-n", "-P", "-I", "-L", "-s", "-d", "-E", "-a", "--max-args",
      "--max-procs", "--replace", "--arg-file", "--delimiter");

  @Override
  public String name() {
    return "ssh";
  }


  @Override
  public boolean recognises(List<String> words) {
    String first = CommandGrammar.program(words.get(0));
    return SSH.contains(first) || first.equals("for") || first.equals("parallel")
        || (words.contains("|") && words.stream().anyMatch(w -> w.equals("xargs")));
  }

  @Override
  public ParsedCommand parse(List<String> words) throws NotUnderstood {
    String first = CommandGrammar.program(words.get(0));
    if (first.equals("for")) return forLoop(words);
    if (first.equals("parallel")) return parallel(words);
    if (!SSH.contains(first)) return xargs(words);
    List<String> hosts = new ArrayList<>();
    int i = 1;
    while (i < words.size() && words.get(i).startsWith("-")) {
      if (SSH_WITH_VALUE.contains(words.get(i))) i++;
      i++;
    }
    if (i >= words.size()) throw new NotUnderstood("ssh without a host");
    hosts.add(stripUser(words.get(i)));
    return remote(words.get(0), hosts, words.subList(0, i), List.of(words.get(i)), words.subList(i + 1, words.size()));
  }

  private ParsedCommand forLoop(List<String> words) throws NotUnderstood {
    // for VAR in W1 W2 …; do BODY; done
    if (words.size() < 6 || !words.get(2).equals("in")) throw new NotUnderstood("for loop without 'in'");
    String var = words.get(1);
    List<String> list = new ArrayList<>();
    int i = 3;
    for (; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals(";") || w.equals("do")) break;
      boolean last = w.endsWith(";");
      String h = last ? w.substring(0, w.length() - 1) : w;
      if (h.startsWith("$(") || h.startsWith("`")) throw new NotUnderstood("loop over command output (" + h + "…): the host list is not in the logs");
      if (!h.isEmpty()) list.add(h);
      if (last) {
        i++;
        break;
      }
    }
    if (i < words.size() && words.get(i).equals(";")) i++;
    if (i >= words.size() || !words.get(i).equals("do")) throw new NotUnderstood("for loop without 'do'");
    List<String> body = new ArrayList<>();
    for (i = i + 1; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("done") || w.equals("done;")) break;
      body.add(w);
    }
    if (body.isEmpty() || !SSH.contains(CommandGrammar.program(body.get(0)))) {
      throw new NotUnderstood("for loop whose body is not ssh");
    }
    int k = 1;
    while (k < body.size() && body.get(k).startsWith("-")) {
      if (SSH_WITH_VALUE.contains(body.get(k))) k++;
      k++;
    }
    if (k >= body.size()) throw new NotUnderstood("ssh without a host in the loop body");
    String hostWord = stripUser(body.get(k));
    if (!hostWord.equals("$" + var) && !hostWord.equals("${" + var + "}")) {
      throw new NotUnderstood("loop body does not ssh to $" + var);
    }
    List<String> other = new ArrayList<>(words.subList(0, 3));
    other.addAll(body.subList(0, k + 1));
    return remote("ssh", hosts(list), other, list, body.subList(k + 1, body.size()));
  }

  private ParsedCommand xargs(List<String> words) throws NotUnderstood {
    int pipe = words.indexOf("|");
    List<String> left = words.subList(0, pipe);
    List<String> right = words.subList(pipe + 1, words.size());
    if (right.isEmpty() || !right.get(0).equals("xargs")) throw new NotUnderstood("pipe into something other than xargs");
    if (left.isEmpty() || !(left.get(0).equals("echo") || left.get(0).equals("printf"))) {
      throw new NotUnderstood("xargs over the output of " + (left.isEmpty() ? "nothing" : left.get(0)) + ": the host list is not in the logs");
    }
    List<String> list = new ArrayList<>();
    for (String w : left.subList(1, left.size())) if (!w.startsWith("-") && !w.contains("%")) list.addAll(List.of(w.split("\\\\n|\\s+")));
    list.removeIf(String::isEmpty);
    int i = 1;
    String placeholder = null;
    while (i < right.size() && right.get(i).startsWith("-")) {
      String o = right.get(i);
      if (o.equals("-a") || o.startsWith("--arg-file")) throw new NotUnderstood("xargs reads hosts from a file not in the logs");
      if (o.startsWith("-I") && o.length() > 2) placeholder = o.substring(2);
      else if (o.equals("-I") || o.equals("--replace")) placeholder = i + 1 < right.size() ? right.get(i + 1) : null;
      else if (o.equals("-i")) placeholder = "{}";
      if (XARGS_WITH_VALUE.contains(o)) i++;
      i++;
    }
    if (i >= right.size() || !SSH.contains(CommandGrammar.program(right.get(i)))) throw new NotUnderstood("xargs runs something other than ssh");
    List<String> ssh = right.subList(i, right.size());
    int k = 1;
    while (k < ssh.size() && ssh.get(k).startsWith("-")) {
      if (SSH_WITH_VALUE.contains(ssh.get(k))) k++;
      k++;
    }
    if (placeholder == null || k >= ssh.size() || !stripUser(ssh.get(k)).equals(placeholder)) {
      throw new NotUnderstood("xargs without a host placeholder in the ssh command");
    }
    return remote("ssh", hosts(list), words.subList(0, pipe + i + k + 1), list, ssh.subList(k + 1, ssh.size()));
  }

  private ParsedCommand parallel(List<String> words) throws NotUnderstood {
    int sep = words.indexOf(":::");
    if (sep < 0) throw new NotUnderstood("parallel without ':::' host list");
    List<String> cmd = words.subList(1, sep);
    int k = 0;
    while (k < cmd.size() && cmd.get(k).startsWith("-")) k++;
    if (k >= cmd.size() || !SSH.contains(cmd.get(k)) || k + 1 >= cmd.size() || !cmd.get(k + 1).equals("{}")) {
      throw new NotUnderstood("parallel runs something other than ssh {}");
    }
    List<String> list = words.subList(sep + 1, words.size());
    return remote("ssh", hosts(list), words.subList(0, k + 3), list, cmd.subList(k + 2, cmd.size()));
  }

  private static List<String> hosts(List<String> words) throws NotUnderstood {
    List<String> out = new ArrayList<>();
    for (String w : words) {
      String h = stripUser(w);
      if (h.startsWith("$")) throw new NotUnderstood("host list from a variable (" + h + "): not in the logs");
      out.addAll(SelectorSyntax.braces(h));
    }
    if (out.isEmpty()) throw new NotUnderstood("empty host list");
    return out;
  }

  private ParsedCommand remote(String tool, List<String> hosts, List<String> other, List<String> selector, List<String> cmd)
      throws NotUnderstood {
    List<Selector> names = new ArrayList<>();
    for (String h : hosts) names.add(SelectorSyntax.name(h));
    if (cmd.isEmpty()) {
      return new ParsedCommand(this, CommandGrammar.program(tool), "login", false, false, "", other, selector, Target.of(Selector.or(names)));
    }
    HostAction a = HostAction.of(cmd);
    if (a == null) throw new NotUnderstood("remote command '" + ShellWords.join(cmd) + "' is not known (is it destructive?)");
    return new ParsedCommand(this, CommandGrammar.program(tool), a.removes() ? a.verb() : "look", a.removes(), false, a.service(),
        other, selector, Target.of(Selector.or(names)));
  }

  static String stripUser(String w) {
    int at = w.lastIndexOf('@');
    return at >= 0 ? w.substring(at + 1) : w;
  }
}
