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
    // by reference: an equal string of another instance is found by the map below, with the same code
    if (value != last) {
      // ingest hands over the same string instance for a name seen lately (FileLayout.intern): known by
      // reference in a direct-mapped table before the map is asked (the map was most of a request's coding)
      int slot = value.hashCode() & (recentValues.length - 1);
      int c;
      if (recentValues[slot] == value) {
        c = recentCodes[slot];
      } else {
        Integer known = codes.get(value);
        if (known == null) {
          known = values.size();
          values.add(value);
          codes.put(value, known);
          if (values.size() * 2 > recentValues.length && recentValues.length < MAX_RECENT) {
            // sized to the distinct names (a request log's clients run to thousands); refilled as rows come
            recentValues = new String[recentValues.length * 4];
            recentCodes = new int[recentValues.length];
            slot = value.hashCode() & (recentValues.length - 1);
          }
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

  private static final int MAX_RECENT = 1 << 16;
  private String[] recentValues = new String[64];
  private int[] recentCodes = new int[64];

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
