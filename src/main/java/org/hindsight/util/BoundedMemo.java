package org.hindsight.util;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A pure function's results remembered per argument, for values that repeat across millions of records
 * (an event's type: a bundle has a few dozen, read once per event by rules, derivers and the observation
 * model). Up to {@code max} arguments are remembered; past that the function is computed each time, so
 * input with millions of distinct values costs what it did without the memo, and memory stays bounded.
 * Thread-safe: derivers and the rule session ask at once.
 */
public final class BoundedMemo<K, V> {
  private final ConcurrentHashMap<K, V> memo = new ConcurrentHashMap<>();
  private final Function<K, V> function;
  private final int max;

  public BoundedMemo(Function<K, V> function, int max) {
    this.function = function;
    this.max = max;
  }

  /** {@code function(key)}, computed once per key while fewer than {@code max} are remembered; a null key or value is never kept. */
  public V apply(K key) {
    if (key == null) return function.apply(null);
    V value = memo.get(key);
    if (value != null) return value;
    value = function.apply(key);
    if (value != null && memo.size() < max) memo.putIfAbsent(key, value);
    return value;
  }

  /** How many arguments are remembered (for tests). */
  public int size() {
    return memo.size();
  }
}
