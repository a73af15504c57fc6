package org.hindsight.facts;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Columns a file carries beyond its kind's contract, kept as strings so custom rules can use them:
 * {@code Event( attr("host") == "combo" )}. Keys are lower case.
 */
public final class Attributes {
  public static final Attributes NONE = new Attributes(new String[0], new String[0]);

  // Two parallel arrays, keys sorted: a row's extras cost two small arrays, not a TreeMap (at
  // millions of rows the map was the larger part of an event). The key array is shared by a file.
  private final String[] keys;
  private final String[] values;

  private Attributes(String[] keys, String[] values) {
    this.keys = keys;
    this.values = values;
  }

  public static Attributes of(Map<String, String> values) {
    if (values == null || values.isEmpty()) {
      return NONE;
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    values.forEach((k, v) -> sorted.put(k.toLowerCase(java.util.Locale.ROOT), v));
    return new Attributes(sorted.keySet().toArray(String[]::new), sorted.values().toArray(String[]::new));
  }

  /**
   * For readers that build many rows with the same columns: {@code keys} must be lower case,
   * sorted and distinct, and is shared, not copied; {@code values} line up with it.
   */
  public static Attributes ofSorted(String[] keys, String[] values) {
    if (keys.length != values.length) throw new IllegalArgumentException("keys and values differ in length");
    return keys.length == 0 ? NONE : new Attributes(keys, values);
  }

  private int index(String name) {
    String key = name.toLowerCase(java.util.Locale.ROOT);
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) return i;
    }
    return -1;
  }

  /** The value, or the empty string when the column is absent (never null, so DRL stays simple). */
  public String get(String name) {
    int i = index(name);
    return i < 0 ? "" : values[i];
  }

  public boolean has(String name) {
    return index(name) >= 0;
  }

  public Map<String, String> asMap() {
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < keys.length; i++) m.put(keys[i], values[i]);
    return Collections.unmodifiableMap(m);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attributes a && java.util.Arrays.equals(a.keys, keys) && java.util.Arrays.equals(a.values, values);
  }

  @Override
  public int hashCode() {
    return asMap().hashCode();
  }

  @Override
  public String toString() {
    return asMap().toString();
  }
}
