package org.hindsight.patterns.typoscopedshutdown;

import java.util.ArrayList;
import java.util.List;

/**
 * A command as a grammar read it. The words that choose targets ({@code selectorWords}) are kept
 * apart from the rest ({@code otherWords}: tool, verb, service, flags), so a different selector —
 * a ticket's scope, a nearby edit of what was typed — can be tried in the same command.
 *
 * @param grammar the grammar that read it
 * @param removes true when the verb takes capacity away (remove, drain, stop, scale down, delete …)
 * @param dryRun the command only previewed its effect
 * @param service the service the command names ({@code --service}, a deployment), "" if none
 */
public record ParsedCommand(
    CommandGrammar grammar,
    String tool,
    String action,
    boolean removes,
    boolean dryRun,
    String service,
    List<String> otherWords,
    List<String> selectorWords,
    Target target) {

  public ParsedCommand {
    otherWords = List.copyOf(otherWords);
    selectorWords = List.copyOf(selectorWords);
  }

  /** The selector as one line (what an operator would retype). */
  public String selectorText() {
    return ShellWords.join(selectorWords);
  }

  /** This command with another selector, read by the same grammar; null when that does not parse. */
  public ParsedCommand withSelector(String selectorText) {
    // A scope written without the mode flags the command was typed with (a ticket's `10.2.0.0/24` for
    // `salt -S …`, `G@a and G@b` for `salt -C …`) is read first under those flags, as one word.
    String bare = selectorText.strip();
    if (selectorWords.size() > 1 && !bare.isEmpty() && !bare.startsWith("-")
        && selectorWords.subList(0, selectorWords.size() - 1).stream().allMatch(w -> w.startsWith("-"))) {
      List<String> flagged = new ArrayList<>(selectorWords.subList(0, selectorWords.size() - 1));
      flagged.add(bare);
      ParsedCommand p = withSelectorWords(flagged);
      if (p != null) return p;
    }
    List<String> selector;
    try {
      selector = ShellWords.split(selectorText);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return withSelectorWords(selector);
  }

  private ParsedCommand withSelectorWords(List<String> selector) {
    // After the other words (fleet tools: `capctl drain SEL`), else right after the program
    // (`pdsh -w SEL CMD`, `salt SEL FUNCTION`).
    String option = grammar.bareSelectorOption();
    if (option != null && selectorWords.isEmpty() && selector.size() == 1 && !selector.get(0).startsWith("-")
        && !otherWords.isEmpty()) {
      // The command relied on the tool's default scope: the selector goes under the tool's option for it.
      List<String> under = new ArrayList<>(otherWords.subList(0, 1));
      under.add(option);
      under.add(selector.get(0));
      under.addAll(otherWords.subList(1, otherWords.size()));
      ParsedCommand p = parseOrNull(under);
      if (p != null) return p;
    }
    List<String> after = new ArrayList<>(otherWords);
    after.addAll(selector);
    ParsedCommand p = parseOrNull(after);
    if (p != null || otherWords.isEmpty()) return p;
    List<String> front = new ArrayList<>(otherWords.subList(0, 1));
    front.addAll(selector);
    front.addAll(otherWords.subList(1, otherWords.size()));
    return parseOrNull(front);
  }

  private ParsedCommand parseOrNull(List<String> words) {
    try {
      return grammar.parse(words);
    } catch (NotUnderstood | RuntimeException e) {
      return null;
    }
  }

  /** Takes capacity away when run for real. */
  public boolean effective() {
    return removes && !dryRun;
  }

  /** Same tool, verb, options and kind of selector: another run of the same playbook step. */
  public String shape() {
    StringBuilder b = new StringBuilder(tool).append(' ').append(action);
    for (String w : otherWords) if (w.startsWith("-")) b.append(' ').append(w.replaceAll("=.*", ""));
    b.append(" |");
    for (String w : selectorWords) {
      if (w.startsWith("-")) b.append(' ').append(w.replaceAll("=.*", ""));
    }
    if (!target.patterns().isEmpty()) b.append(" hosts");
    if (!target.regexes().isEmpty()) b.append(" regex");
    return b.toString();
  }
}
