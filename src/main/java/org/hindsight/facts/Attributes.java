package org.hindsight.facts;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Columns a file carries beyond its kind's contract, kept as strings so custom rules can use them:
 * {@code Event( attr("host") == "combo" )}. Keys are lower case.
 */
public final class Attributes {
  public static final Attributes NONE = new Attributes(Map.of());

  private final Map<String, String> values;

  private Attributes(Map<String, String> values) {
    this.values = values;
  }

  public static Attributes of(Map<String, String> values) {
    if (values == null || values.isEmpty()) {
      return NONE;
    }
    return new Attributes(Collections.unmodifiableMap(new TreeMap<>(values)));
  }

  /** The value, or the empty string when the column is absent (never null, so DRL stays simple). */
  public String get(String name) {
    return values.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
  }

  public boolean has(String name) {
    return values.containsKey(name.toLowerCase(java.util.Locale.ROOT));
  }

  public Map<String, String> asMap() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attributes a && a.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
