package org.hindsight.patterns.typoscopedshutdown;

import java.util.List;
import java.util.Set;

/**
 * One operations tool's command language. A new tool is one small class implementing this, listed
 * with {@code @AutoService(CommandGrammar.class)}; grammars are asked in
 * {@link #priority()} order and the first that {@link #recognises} a command reads it.
 */
public interface CommandGrammar {
  String name();

  /** Lower goes first; a named tool's grammar (20) before local commands and the generic fleet-tool fallback. */
  default int priority() {
    return 20;
  }

  /** The program names this grammar reads ({@code kubectl}, {@code /usr/bin/kubectl}). */
  default Set<String> programs() {
    return Set.of();
  }

  /** Whether these words are this tool's: by default, the first word is one of {@link #programs()}. */
  default boolean recognises(List<String> words) {
    return programs().contains(program(words.get(0)));
  }

  /**
   * The option a bare selector is written under when the command was typed without one (a ticket's
   * {@code cn1,cn2} for a tool whose default is every node: {@code -n cn1,cn2}); null when a bare selector
   * goes where the grammar reads positional ones.
   */
  default String bareSelectorOption() {
    return null;
  }

  /** Reads the words; throws {@link NotUnderstood} with a reason when they make no sense to it. */
  ParsedCommand parse(List<String> words) throws NotUnderstood;

  /** The program name without its path ({@code /usr/bin/kubectl} → {@code kubectl}). */
  static String program(String word) {
    int slash = word.lastIndexOf('/');
    return slash >= 0 ? word.substring(slash + 1) : word;
  }
}
