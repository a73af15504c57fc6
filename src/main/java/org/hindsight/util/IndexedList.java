package org.hindsight.util;

import java.util.AbstractList;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * An unmodifiable list whose element {@code i} is made on demand from row {@code rows[i]} of a
 * column-wise store: an index (by entity, by type, in time order) costs 4 bytes a row instead of the
 * rows as objects. Elements are equal, not identical, from one {@code get} to the next.
 */
public final class IndexedList<T> extends AbstractList<T> implements RandomAccess {
  private final int[] rows;
  private final int from;
  private final int to;
  private final IntFunction<T> row;

  public IndexedList(int[] rows, int from, int to, IntFunction<T> row) {
    this.rows = rows;
    this.from = from;
    this.to = to;
    this.row = row;
  }

  public IndexedList(int[] rows, IntFunction<T> row) {
    this(rows, 0, rows.length, row);
  }

  @Override
  public T get(int index) {
    if (index < 0 || index >= to - from) throw new IndexOutOfBoundsException(index);
    return row.apply(rows[from + index]);
  }

  /** The store's row number of element {@code index}. */
  public int row(int index) {
    return rows[from + index];
  }

  @Override
  public int size() {
    return to - from;
  }
}
