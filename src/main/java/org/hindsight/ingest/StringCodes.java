package org.hindsight.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Strings coded as small numbers, for the column-wise stores: a row keeps a code per short string
 * (entity, type, file of its citation) rather than the string. Rows often repeat the previous one's
 * value (they arrive file by file), so the last code is remembered.
 */
final class StringCodes {
  private final List<String> values = new ArrayList<>();
  private final Map<String, Integer> codes = new HashMap<>();
  private String last;
  private int lastCode;

  /** The code of {@code value}, given the first time it is seen. */
  int code(String value) {
    if (!value.equals(last)) {
      // ingest hands over the same string instance for a name seen lately (FileLayout.intern): known by
      // reference in a direct-mapped table before the map is asked (the map was most of a request's coding)
      int slot = value.hashCode() & (RECENT - 1);
      int c;
      if (recentValues[slot] == value) {
        c = recentCodes[slot];
      } else {
        Integer known = codes.get(value);
        if (known == null) {
          known = values.size();
          values.add(value);
          codes.put(value, known);
        }
        c = known;
        recentValues[slot] = value;
        recentCodes[slot] = c;
      }
      last = value;
      lastCode = c;
    }
    return lastCode;
  }

  private static final int RECENT = 1 << 12;
  private final String[] recentValues = new String[RECENT];
  private final int[] recentCodes = new int[RECENT];

  /** The code of {@code value}, or -1 when it was never coded. */
  int codeOf(String value) {
    Integer c = codes.get(value);
    return c == null ? -1 : c;
  }

  String value(int code) {
    return values.get(code);
  }

  /** How many codes there are (every code is below it). */
  int size() {
    return values.size();
  }

  String[] toArray() {
    return values.toArray(String[]::new);
  }
}
