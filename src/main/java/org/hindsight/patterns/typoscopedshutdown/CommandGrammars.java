package org.hindsight.patterns.typoscopedshutdown;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The command grammars on the class path, in priority order, and reading one command line with them. */
public final class CommandGrammars {
  private final List<CommandGrammar> grammars;

  public CommandGrammars(List<CommandGrammar> grammars) {
    List<CommandGrammar> sorted = new ArrayList<>(grammars);
    sorted.sort(Comparator.comparingInt(CommandGrammar::priority).thenComparing(CommandGrammar::name));
    this.grammars = List.copyOf(sorted);
  }

  public static CommandGrammars load() {
    List<CommandGrammar> all = new ArrayList<>();
    ServiceLoader.load(CommandGrammar.class, org.hindsight.plugin.Plugins.current()).forEach(all::add);
    return new CommandGrammars(all);
  }

  public List<CommandGrammar> grammars() {
    return grammars;
  }

  /** The command read by the first grammar that recognises it; NotUnderstood says why not. */
  public ParsedCommand parse(String line) throws NotUnderstood {
    List<String> words;
    try {
      words = stripPreamble(ShellWords.split(line));
    } catch (IllegalArgumentException e) {
      throw new NotUnderstood(e.getMessage());
    }
    if (words.isEmpty()) throw new NotUnderstood("empty command");
    for (CommandGrammar g : grammars) {
      if (g.recognises(words)) return g.parse(words);
    }
    throw new NotUnderstood("no known tool grammar reads '" + CommandGrammar.program(words.get(0))
        + "' (known: " + String.join(", ", grammars.stream().map(CommandGrammar::name).toList()) + ")");
  }

  private static final java.util.regex.Pattern ENV_ASSIGNMENT = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");

  /** Drops {@code sudo [-u user]} and leading {@code VAR=value} assignments. */
  static List<String> stripPreamble(List<String> words) {
    int i = 0;
    while (i < words.size()) {
      String w = words.get(i);
      if (w.equals("sudo")) {
        i++;
        while (i < words.size() && words.get(i).startsWith("-")) {
          String opt = words.get(i++);
          if ((opt.equals("-u") || opt.equals("-g")) && i < words.size()) i++;
        }
      } else if (ENV_ASSIGNMENT.matcher(w).matches()) {
        i++;
      } else {
        break;
      }
    }
    return words.subList(i, words.size());
  }
}
