package org.hindsight.ingest;

/**
 * The contract's number grammar, stricter than Java's: {@code Double.parseDouble} also reads
 * {@code 31d}, {@code 1f}, {@code 0x1Fp0} and {@code Infinity}, and {@code Integer.parseInt} reads
 * non-ASCII digits, so a typo in a log became a number. Here a number is
 * {@code [+-]? digits [. digits] [(e|E) [+-]? digits]} (or {@code .5}, {@code 5.}), ASCII only.
 */
public final class Numbers {
  /** Values quoted in messages are cut here: a 1 MB field must not make a 1 MB error line. */
  static final int SHOWN_CHARS = 80;

  private Numbers() {}

  /** The value, or NaN when {@code s} is not a number of the grammar (±Infinity when out of range). */
  public static double parseDecimal(String s) {
    if (!isDecimal(s)) return Double.NaN;
    return Double.parseDouble(s); // the grammar is a subset of what parseDouble reads
  }

  public static boolean isDecimal(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
    int intDigits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      intDigits++;
    }
    int fracDigits = 0;
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        fracDigits++;
      }
    }
    if (intDigits + fracDigits == 0) return false;
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
      int expDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) return false;
    }
    return i == n;
  }

  /** A whole number ≥ 0 in ASCII digits, or -1 (not one, or beyond {@code int}). */
  public static int parseCount(String s) {
    if (s.isEmpty() || s.length() > 10) return -1;
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) return -1;
      v = v * 10 + (c - '0');
    }
    return v > Integer.MAX_VALUE ? -1 : (int) v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** {@code s} as quoted in a message: at most {@value #SHOWN_CHARS} characters. */
  public static String shown(String s) {
    return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "… (" + s.length() + " characters)";
  }
}
