package org.hindsight.util;

/**
 * A stable sort of row numbers by a comparison of the rows they name, without boxing: how
 * column-wise stores put their rows in time order (4 bytes a row, plus as much again while sorting).
 */
public final class IndexOrder {
  /** Compares rows {@code a} and {@code b}. */
  @FunctionalInterface
  public interface RowComparator {
    int compare(int a, int b);
  }

  private IndexOrder() {}

  /** Rows 0..n-1 sorted by {@code cmp}; equal rows keep their order. */
  public static int[] sorted(int n, RowComparator cmp) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) a[i] = i;
    sort(a, cmp);
    return a;
  }

  /** Sorts {@code rows} in place, stably (a merge sort: logs in time order already cost one pass). */
  public static void sort(int[] rows, RowComparator cmp) {
    if (rows.length < 2) return;
    boolean ordered = true;
    for (int i = 1; i < rows.length && ordered; i++) ordered = cmp.compare(rows[i - 1], rows[i]) <= 0;
    if (ordered) return;
    int[] tmp = new int[rows.length];
    mergeSort(rows, tmp, 0, rows.length, cmp);
  }

  private static void mergeSort(int[] a, int[] tmp, int from, int to, RowComparator cmp) {
    if (to - from <= 16) {
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= from && cmp.compare(a[j], v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid, cmp);
    mergeSort(a, tmp, mid, to, cmp);
    if (cmp.compare(a[mid - 1], a[mid]) <= 0) return;
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && cmp.compare(tmp[i], tmp[j]) <= 0)) a[k] = tmp[i++];
      else a[k] = tmp[j++];
    }
  }
}
