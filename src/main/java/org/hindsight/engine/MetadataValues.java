package org.hindsight.engine;

import java.util.ArrayList;
import java.util.List;

/** Drools hands metadata values over as written: {@code "a", "b"} stays one string. */
final class MetadataValues {
  private MetadataValues() {}

  static String single(Object value) {
    if (value == null) return "";
    String s = value.toString().trim();
    List<String> parts = list(s);
    return parts.size() == 1 ? parts.get(0) : s;
  }

  static List<String> list(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean sawQuote = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        sawQuote = true;
      } else if (c == '\\' && quoted && i + 1 < s.length()) {
        cur.append(s.charAt(++i));
      } else if (c == ',' && !quoted) {
        add(out, cur);
      } else {
        cur.append(c);
      }
    }
    add(out, cur);
    if (!sawQuote && out.size() > 1) return List.of(s.trim());
    return out;
  }

  private static void add(List<String> out, StringBuilder cur) {
    String v = cur.toString().trim();
    if (!v.isEmpty()) out.add(v);
    cur.setLength(0);
  }
}
