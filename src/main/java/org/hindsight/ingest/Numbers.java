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
    double fast = plainDecimal(s);
    if (!Double.isNaN(fast)) return fast;
    if (!isDecimal(s)) return Double.NaN;
    return Double.parseDouble(s); // the grammar is a subset of what parseDouble reads
  }

  /**
   * {@code s} with its one decimal comma made a point ({@code 0,25} → {@code 0.25}); {@code s} itself when
   * it holds no comma, more than one, or a point too (a thousands separator is not guessed).
   */
  public static String decimalPoint(String s) {
    int comma = s.indexOf(',');
    if (comma < 0 || s.indexOf(',', comma + 1) >= 0 || s.indexOf('.') >= 0) return s;
    return s.substring(0, comma) + '.' + s.substring(comma + 1);
  }

  /** Exact powers of ten a double holds (up to 10^22). */
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++, p *= 10) POWERS_OF_TEN[i] = p;
  }

  /**
   * The fast path for what metric files hold ({@code 42}, {@code -0.37}, {@code 12.5}): at most 15
   * digits, no exponent. Digits and the power of ten are both exact doubles, so one division
   * rounds correctly and the result is the one {@code Double.parseDouble} gives (Clinger's fast
   * path). NaN for anything else, which then takes the general way.
   */
  static double plainDecimal(String s) {
    return s.length() > 17 ? Double.NaN : plainDecimal(s.toCharArray(), 0, s.length());
  }

  /** {@link #plainDecimal(String)} of {@code text[from, to)}: ingest parses from the reader's buffer. */
  static double plainDecimal(char[] text, int from, int to) {
    int n = to - from;
    if (n <= 0 || n > 17) return Double.NaN;
    int i = from;
    boolean negative = false;
    char c = text[from];
    if (c == '-' || c == '+') {
      negative = c == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int fraction = -1; // digits after the point, -1 while no point was seen
    for (; i < to; i++) {
      c = text[i];
      if (c >= '0' && c <= '9') {
        mantissa = mantissa * 10 + (c - '0');
        digits++;
        if (fraction >= 0) fraction++;
      } else if (c == '.' && fraction < 0) {
        fraction = 0;
      } else {
        return Double.NaN;
      }
    }
    if (digits == 0 || digits > 15) return Double.NaN;
    double v = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : (double) mantissa;
    return negative ? -v : v;
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

  /** {@link #parseCount} of {@code text[from, to)}, read where it lies: -1 for anything it would not read. */
  static int plainCount(char[] text, int from, int to) {
    if (to <= from || to - from > 10) return -1;
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = text[i];
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

  /**
   * What is wrong with {@code d}, parsed from {@code raw} in {@code column}, as every reader words
   * it; null when it is a finite number.
   */
  public static String problemOf(String column, String raw, double d) {
    if (Double.isNaN(d)) return column + ": '" + shown(raw) + "' is not a number";
    if (Double.isInfinite(d)) return column + ": '" + shown(raw) + "' is out of range";
    return null;
  }
}
