package org.hindsight.patterns.typoscopedshutdown;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A compiled host-name selector: a glob ({@code *}, {@code ?}, {@code [abc]}, {@code [a-z]}) with
 * numeric ranges and lists ({@code bill-[01-04]}, {@code web[1-120]}, pdsh/clush's
 * {@code web[01-20,30]}). A range with a leading zero and bounds of equal width ({@code [01-04]})
 * matches that many digits only; otherwise any digit run whose value lies in the range. The literal
 * prefix before the first wildcard picks the slice of the sorted inventory to scan.
 *
 * <p>Matching is linear in (name length × pattern tokens): a table of which tokens can have matched
 * up to each position, never backtracking or recursion, so a selector typed into a log (ten
 * thousand {@code *}, a long alternation of ranges) costs what it costs and is counted against the
 * line's {@link SelectorBudget}. Selectors longer than {@link SelectorBudget#MAX_SELECTOR_CHARS}
 * are refused when compiled.
 */
public final class HostPattern {
  private sealed interface Token permits Lit, Star, One, CharClass, NumSet {}

  private record Lit(String text) implements Token {}

  private record Star() implements Token {}

  private record One() implements Token {}

  private record CharClass(BitSet chars, boolean negated) implements Token {}

  /** Numeric ranges {@code lo..hi}; {@code width[i]} > 0 asks for exactly that many digits. */
  private record NumSet(long[] lo, long[] hi, int[] width) implements Token {
    boolean accepts(long value, int digits) {
      for (int i = 0; i < lo.length; i++) {
        if (value >= lo[i] && value <= hi[i] && (width[i] == 0 || width[i] == digits)) return true;
      }
      return false;
    }
  }

  private final String text;
  private final String prefix;
  private final Token[] rest;
  /** The fewest characters a name needs after the prefix: a cheap first test. */
  private final int minLength;
  /** The literal the name must end with ("" when the last token is not literal). */
  private final String suffix;
  /** The literals in order: each must occur after the one before (a necessary condition, checked first). */
  private final String[] literals;
  /** Only literals and stars: leftmost matching of each literal in turn decides, no table needed. */
  private final boolean simple;

  private HostPattern(String text, String prefix, List<Token> rest) {
    this.text = text;
    this.prefix = prefix;
    this.rest = rest.toArray(new Token[0]);
    int min = 0;
    for (Token t : this.rest) {
      if (t instanceof Lit l) min += l.text().length();
      else if (!(t instanceof Star)) min++;
    }
    this.minLength = min;
    this.suffix = !rest.isEmpty() && rest.get(rest.size() - 1) instanceof Lit l ? l.text() : "";
    this.simple = rest.stream().allMatch(t -> t instanceof Lit || t instanceof Star);
    this.literals = rest.stream().filter(t -> t instanceof Lit).map(t -> ((Lit) t).text()).toArray(String[]::new);
  }

  public String text() {
    return text;
  }

  /** True when the text has a wildcard or range (else it names one host). */
  public boolean wild() {
    return rest.length > 0;
  }

  /** Compiles a selector; throws IllegalArgumentException with a readable reason when malformed or too long. */
  public static HostPattern compile(String text) {
    if (text.length() > SelectorBudget.MAX_SELECTOR_CHARS) {
      throw new IllegalArgumentException("selector longer than " + SelectorBudget.MAX_SELECTOR_CHARS + " characters");
    }
    List<Token> tokens = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == '[') {
        if (lit.length() > 0) {
          tokens.add(new Lit(lit.toString()));
          lit.setLength(0);
        }
        if (c == '*') {
          if (tokens.isEmpty() || !(tokens.get(tokens.size() - 1) instanceof Star)) tokens.add(new Star());
          i++;
        } else if (c == '?') {
          tokens.add(new One());
          i++;
        } else {
          int close = text.indexOf(']', i + 1);
          if (close < 0) throw new IllegalArgumentException("unclosed '[' in selector '" + text + "'");
          tokens.add(bracket(text.substring(i + 1, close), text));
          i = close + 1;
        }
      } else {
        if (c == ']') throw new IllegalArgumentException("']' without '[' in selector '" + text + "'");
        lit.append(c);
        i++;
      }
    }
    if (lit.length() > 0) tokens.add(new Lit(lit.toString()));
    String prefix = "";
    if (!tokens.isEmpty() && tokens.get(0) instanceof Lit l) {
      prefix = l.text();
      tokens.remove(0);
    }
    return new HostPattern(text, prefix, tokens);
  }

  private static Token bracket(String body, String text) {
    if (body.isEmpty()) throw new IllegalArgumentException("empty '[]' in selector '" + text + "'");
    if (body.chars().allMatch(c -> Character.isDigit(c) || c == '-' || c == ',') && Character.isDigit(body.charAt(0))) {
      String[] parts = body.split(",", -1);
      long[] lo = new long[parts.length];
      long[] hi = new long[parts.length];
      int[] width = new int[parts.length];
      for (int k = 0; k < parts.length; k++) {
        String part = parts[k];
        int dash = part.indexOf('-');
        String a = dash < 0 ? part : part.substring(0, dash);
        String b = dash < 0 ? part : part.substring(dash + 1);
        if (!allDigits(a) || !allDigits(b)) throw new IllegalArgumentException("bad range [" + body + "] in selector '" + text + "'");
        if (a.length() > 18 || b.length() > 18) throw new IllegalArgumentException("range too long in selector '" + text + "'");
        lo[k] = Long.parseLong(a);
        hi[k] = Long.parseLong(b);
        if (lo[k] > hi[k]) throw new IllegalArgumentException("range [" + body + "] runs backwards in selector '" + text + "'");
        boolean padded = a.length() > 1 && a.charAt(0) == '0';
        width[k] = padded && (dash < 0 || a.length() == b.length()) ? a.length() : 0;
      }
      // A single range like [1-9] or [0-9] is a character class in a shell glob; read as numbers
      // it matches the same one-digit names, and [01-04] keeps its width.
      return new NumSet(lo, hi, width);
    }
    boolean negated = body.charAt(0) == '!' || body.charAt(0) == '^';
    String set = negated ? body.substring(1) : body;
    BitSet chars = new BitSet(128);
    for (int k = 0; k < set.length(); k++) {
      char c = set.charAt(k);
      if (k + 2 < set.length() && set.charAt(k + 1) == '-') {
        char end = set.charAt(k + 2);
        if (end >= c) chars.set(c, end + 1);
        k += 2;
      } else {
        chars.set(c);
      }
    }
    return new CharClass(chars, negated);
  }

  private static boolean allDigits(String s) {
    if (s.isEmpty()) return false;
    for (int k = 0; k < s.length(); k++) if (!Character.isDigit(s.charAt(k))) return false;
    return true;
  }

  /** Whether the name matches (unbudgeted: for one name at a time). */
  public boolean matches(String name) {
    if (!name.startsWith(prefix)) return false;
    try {
      return match(name, prefix.length(), new Scratch(), null);
    } catch (SelectorBudget.Unresolved e) {
      throw new AssertionError(e); // no budget, nothing to run out of
    }
  }

  /** Reusable table for {@link #match}: one per resolution, not per host. */
  private static final class Scratch {
    boolean[] reach = new boolean[0];
  }

  /** Dynamic programming over (position, token): reach[p][t] = tokens before t matched the name up to p. */
  private boolean match(String s, int from, Scratch scratch, SelectorBudget budget) throws SelectorBudget.Unresolved {
    int n = s.length();
    int tokens = rest.length;
    if (n - from < minLength || !s.endsWith(suffix)) return false;
    if (tokens == 0) return n == from;
    // Most names of a big fleet fail here, in one pass, before any table is filled.
    int at = from;
    int last = simple && !suffix.isEmpty() ? literals.length - 1 : literals.length;
    for (int i = 0; i < last; i++) {
      int k = s.indexOf(literals[i], at);
      if (k < 0) return false;
      at = k + literals[i].length();
    }
    if (budget != null) budget.spend(n - from);
    // Stars and literals only (rest starts with a star): the leftmost place of each literal is the
    // best one, and a final literal must end the name after them.
    if (simple) return suffix.isEmpty() || n - suffix.length() >= at;
    int width = tokens + 1;
    int cells = (n - from + 1) * width;
    if (budget != null) budget.spend(cells);
    if (scratch.reach.length < cells) scratch.reach = new boolean[Math.max(cells, scratch.reach.length * 2)];
    boolean[] reach = scratch.reach;
    Arrays.fill(reach, 0, cells, false);
    reach[0] = true;
    for (int pos = from; pos <= n; pos++) {
      int row = (pos - from) * width;
      for (int t = 0; t < tokens; t++) {
        if (!reach[row + t]) continue;
        Token tok = rest[t];
        if (tok instanceof Star) {
          reach[row + t + 1] = true; // the star takes nothing more
          if (pos < n) reach[row + width + t] = true; // or one more character
        } else if (tok instanceof Lit l) {
          if (s.startsWith(l.text(), pos)) reach[row + l.text().length() * width + t + 1] = true;
        } else if (tok instanceof One) {
          if (pos < n) reach[row + width + t + 1] = true;
        } else if (tok instanceof CharClass c) {
          if (pos < n && c.chars().get(s.charAt(pos)) != c.negated()) reach[row + width + t + 1] = true;
        } else {
          NumSet r = (NumSet) tok;
          long v = 0;
          for (int k = pos; k < n && k - pos < 18 && Character.isDigit(s.charAt(k)); k++) {
            v = v * 10 + (s.charAt(k) - '0');
            if (r.accepts(v, k + 1 - pos)) reach[row + (k + 1 - pos) * width + t + 1] = true;
          }
        }
      }
    }
    return reach[(n - from) * width + tokens];
  }

  /** Ids of the matching entities, ascending (unbudgeted). */
  public int[] resolve(FleetIndex index) {
    try {
      return resolve(index, null);
    } catch (SelectorBudget.Unresolved e) {
      throw new AssertionError(e);
    }
  }

  /** Ids of the matching entities, ascending; the scan is counted against {@code budget} (null: none). */
  public int[] resolve(FleetIndex index, SelectorBudget budget) throws SelectorBudget.Unresolved {
    if (rest.length == 0) {
      int id = index.id(prefix);
      return id < 0 ? new int[0] : new int[] {id};
    }
    int[] range = index.prefixRange(prefix);
    int[] out = new int[Math.min(1024, range[1] - range[0])];
    int n = 0;
    int from = prefix.length();
    Scratch scratch = new Scratch();
    for (int id = range[0]; id < range[1]; id++) {
      if (budget != null) budget.spend(1);
      if (match(index.name(id), from, scratch, budget)) {
        if (n == out.length) out = Arrays.copyOf(out, Math.max(16, n * 2));
        out[n++] = id;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Whether {@code value} (any string, e.g. an attribute value) matches, counted against {@code budget}. */
  boolean matches(String value, SelectorBudget budget) throws SelectorBudget.Unresolved {
    return value.startsWith(prefix) && match(value, prefix.length(), new Scratch(), budget);
  }

  @Override
  public String toString() {
    return text;
  }
}
