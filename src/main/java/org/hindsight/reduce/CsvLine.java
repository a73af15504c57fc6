package org.hindsight.reduce;

import java.util.ArrayList;
import java.util.List;

/**
 * One CSV record per line, RFC 4180, as the reducer reads split files: a line is parsed on its
 * own (no quoted field may span lines, since a split can start anywhere in a file) and written
 * back quoted only where needed.
 */
final class CsvLine {
  private CsvLine() {}

  /** Thrown for a line that is not one RFC 4180 record; the message is worded for the user. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  static String[] split(String line) throws Malformed {
    List<String> out = new ArrayList<>(16);
    int n = line.length();
    int i = 0;
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new Malformed("a quoted field opened on this line is not closed on it (reduce reads one record per"
                + " line; a field with a line break can be read by analyze, not by reduce)");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              sb.append('"');
              i++;
            } else {
              break;
            }
          } else {
            sb.append(c);
          }
        }
        out.add(sb.toString());
        if (i == n) break;
        if (line.charAt(i) != ',') {
          throw new Malformed("malformed CSV: text after the closing quote of a field (a quote inside a quoted field is written \"\")");
        }
        i++;
      } else {
        int comma = line.indexOf(',', i);
        if (comma < 0) {
          out.add(line.substring(i));
          break;
        }
        out.add(line.substring(i, comma));
        i = comma + 1;
      }
    }
    return out.toArray(String[]::new);
  }

  /** A field as RFC 4180 writes it: quoted when it holds a comma, quote, line break or edge space. */
  static void append(StringBuilder sb, String v) {
    if (v == null) v = "";
    boolean quote = false;
    for (int i = 0; i < v.length() && !quote; i++) {
      char c = v.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote && !v.isEmpty() && (Character.isWhitespace(v.charAt(0)) || Character.isWhitespace(v.charAt(v.length() - 1)))) {
      quote = true;
    }
    if (!quote) {
      sb.append(v);
      return;
    }
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"') sb.append('"');
      sb.append(c);
    }
    sb.append('"');
  }

  static String join(String[] values) {
    StringBuilder sb = new StringBuilder(128);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) sb.append(',');
      append(sb, values[i]);
    }
    return sb.toString();
  }
}
