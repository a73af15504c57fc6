package org.hindsight.patterns.typoscopedshutdown;

import java.util.List;

/**
 * One operations tool's command language. A new tool is one small class implementing this, listed
 * in {@code META-INF/services/org.hindsight.patterns.typoscopedshutdown.CommandGrammar}; grammars are asked in
 * {@link #priority()} order and the first that {@link #recognises} a command reads it.
 */
public interface CommandGrammar {
  String name();

  /** Lower goes first; the generic fleet-tool form is the fallback. */
  default int priority() {
    return 100;
  }

  /** Whether these words are this tool's (e.g. the first word is {@code kubectl}). */
  boolean recognises(List<String> words);

  /** Reads the words; throws {@link NotUnderstood} with a reason when they make no sense to it. */
  ParsedCommand parse(List<String> words) throws NotUnderstood;

  /** The program name without its path ({@code /usr/bin/kubectl} → {@code kubectl}). */
  static String program(String word) {
    int slash = word.lastIndexOf('/');
    return slash >= 0 ? word.substring(slash + 1) : word;
  }
}
