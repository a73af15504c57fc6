package org.hindsight.report;

import java.util.regex.Pattern;

/** HTML/SVG text escaping. Every string that comes from logs, rules or file names goes through here. */
public final class Html {
  private static final Pattern SAFE_URL = Pattern.compile("https?://[^\\s<>\"'`\\\\]+");

  private Html() {}

  /** Escapes text for element content and quoted attribute values (HTML, SVG and XML alike); control characters become U+FFFD. */
  public static String esc(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        case '\n', '\t' -> b.append(c);
        case '\r' -> b.append(' ');
        default -> b.append(c < 0x20 || c == 0x7f ? '\uFFFD' : c);
      }
    }
    return b.toString();
  }

  /**
   * Escaped text whose `backticked` parts (commands in narratives and timeline rows) become
   * {@code <code>}; unpaired backticks stay as they are.
   */
  static String inline(String s) {
    String[] parts = s.split("`", -1);
    if (parts.length < 3 || parts.length % 2 == 0) return esc(s);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < parts.length; i++) b.append(i % 2 == 1 ? "<code>" + esc(parts[i]) + "</code>" : esc(parts[i]));
    return b.toString();
  }

  /** True for plain http(s) URLs that may become links (no javascript:, no quotes). */
  static boolean isSafeUrl(String url) {
    return url != null && SAFE_URL.matcher(url).matches();
  }

  /** A label shortened to {@code max} characters with an ellipsis (escape afterwards). */
  static String shorten(String s, int max) {
    if (s.length() <= max) return s;
    return s.substring(0, Math.max(1, max - 1)) + "…";
  }

  /** A CSS-class-safe word: letters, digits and dashes. */
  static String cssWord(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) b.append(Character.isLetterOrDigit(c) && c < 128 ? Character.toLowerCase(c) : '-');
    return b.toString();
  }
}
