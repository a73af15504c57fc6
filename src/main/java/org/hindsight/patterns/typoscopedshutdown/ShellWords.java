package org.hindsight.patterns.typoscopedshutdown;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line into words the way a POSIX shell would (quotes, backslashes), nothing more. */
public final class ShellWords {
  private ShellWords() {}

  /** @throws IllegalArgumentException on an unbalanced quote */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) quote = 0;
        else if (c == '\\' && quote == '"' && i + 1 < line.length()) w.append(line.charAt(++i));
        else w.append(c);
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        w.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) words.add(w.toString());
        w.setLength(0);
        inWord = false;
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (quote != 0) throw new IllegalArgumentException("unbalanced " + (quote == '"' ? "double" : "single") + " quote");
    if (inWord) words.add(w.toString());
    return words;
  }

  /** Joins words back into a line, quoting words a shell would split. */
  public static String join(List<String> words) {
    StringBuilder b = new StringBuilder();
    for (String w : words) {
      if (b.length() > 0) b.append(' ');
      boolean plain = !w.isEmpty() && w.chars().noneMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"' || c == '\\');
      b.append(plain ? w : "'" + w.replace("'", "'\\''") + "'");
    }
    return b.toString();
  }
}
