package org.hindsight.patterns.typoscopedshutdown;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A compiled host-name selector: a glob ({@code *}, {@code ?}, {@code [abc]}, {@code [a-z]}) with
 * numeric ranges ({@code bill-[01-04]}, {@code web[1-120]}). A range with a leading zero and
 * bounds of equal width ({@code [01-04]}) matches that many digits only; otherwise any digit run
 * whose value lies in the range. The literal prefix before the first wildcard picks the slice of
 * the sorted inventory to scan; no regular expression runs per host.
 */
public final class HostPattern {
  private sealed interface Token permits Lit, Star, One, CharClass, NumRange {}

  private record Lit(String text) implements Token {}

  private record Star() implements Token {}

  private record One() implements Token {}

  private record CharClass(BitSet chars, boolean negated) implements Token {}

  private record NumRange(long lo, long hi, int width) implements Token {}

  private final String text;
  private final String prefix;
  private final List<Token> rest;

  private HostPattern(String text, String prefix, List<Token> rest) {
    this.text = text;
    this.prefix = prefix;
    this.rest = rest;
  }

  public String text() {
    return text;
  }

  /** True when the text has a wildcard or range (else it names one host). */
  public boolean wild() {
    return !rest.isEmpty();
  }

  /** Compiles a selector; throws IllegalArgumentException with a readable reason when malformed. */
  public static HostPattern compile(String text) {
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
    return new HostPattern(text, prefix, List.copyOf(tokens));
  }

  private static Token bracket(String body, String text) {
    if (body.isEmpty()) throw new IllegalArgumentException("empty '[]' in selector '" + text + "'");
    int dash = body.indexOf('-');
    if (dash > 0 && dash < body.length() - 1 && allDigits(body.substring(0, dash)) && allDigits(body.substring(dash + 1))) {
      String lo = body.substring(0, dash);
      String hi = body.substring(dash + 1);
      if (lo.length() > 18 || hi.length() > 18) throw new IllegalArgumentException("range too long in selector '" + text + "'");
      long a = Long.parseLong(lo);
      long b = Long.parseLong(hi);
      if (a > b) throw new IllegalArgumentException("range [" + body + "] runs backwards in selector '" + text + "'");
      int width = lo.length() > 1 && lo.charAt(0) == '0' && lo.length() == hi.length() ? lo.length() : 0;
      return new NumRange(a, b, width);
    }
    boolean negated = body.charAt(0) == '!' || body.charAt(0) == '^';
    String set = negated ? body.substring(1) : body;
    BitSet chars = new BitSet(128);
    for (int k = 0; k < set.length(); k++) {
      char c = set.charAt(k);
      if (k + 2 < set.length() && set.charAt(k + 1) == '-') {
        char end = set.charAt(k + 2);
        for (char x = c; x <= end; x++) chars.set(x);
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

  public boolean matches(String name) {
    return name.startsWith(prefix) && match(name, prefix.length(), 0);
  }

  private boolean match(String s, int pos, int t) {
    if (t == rest.size()) return pos == s.length();
    Token tok = rest.get(t);
    if (tok instanceof Lit l) {
      return s.startsWith(l.text(), pos) && match(s, pos + l.text().length(), t + 1);
    }
    if (tok instanceof One) {
      return pos < s.length() && match(s, pos + 1, t + 1);
    }
    if (tok instanceof CharClass c) {
      return pos < s.length() && c.chars().get(s.charAt(pos)) != c.negated() && match(s, pos + 1, t + 1);
    }
    if (tok instanceof Star) {
      if (t + 1 == rest.size()) return true;
      // A star followed by a literal can only resume where that literal occurs.
      if (rest.get(t + 1) instanceof Lit l) {
        for (int k = s.indexOf(l.text(), pos); k >= 0; k = s.indexOf(l.text(), k + 1)) {
          if (match(s, k, t + 1)) return true;
        }
        return false;
      }
      for (int k = pos; k <= s.length(); k++) if (match(s, k, t + 1)) return true;
      return false;
    }
    NumRange r = (NumRange) tok;
    int end = pos;
    while (end < s.length() && end - pos < 18 && Character.isDigit(s.charAt(end))) end++;
    for (int k = end; k > pos; k--) { // longest digit run first
      int len = k - pos;
      if (r.width() > 0 && len != r.width()) continue;
      long v = Long.parseLong(s, pos, k, 10);
      if (v >= r.lo() && v <= r.hi() && match(s, k, t + 1)) return true;
    }
    return false;
  }

  /** Ids of the matching entities, ascending. */
  public int[] resolve(FleetIndex index) {
    if (rest.isEmpty()) {
      int id = index.id(prefix);
      return id < 0 ? new int[0] : new int[] {id};
    }
    int[] range = index.prefixRange(prefix);
    int[] out = new int[Math.min(1024, range[1] - range[0])];
    int n = 0;
    int from = prefix.length();
    for (int id = range[0]; id < range[1]; id++) {
      if (match(index.name(id), from, 0)) {
        if (n == out.length) out = java.util.Arrays.copyOf(out, Math.max(16, n * 2));
        out[n++] = id;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  @Override
  public String toString() {
    return text;
  }
}
