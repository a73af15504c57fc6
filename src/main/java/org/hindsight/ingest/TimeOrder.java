package org.hindsight.ingest;

/**
 * A stable time order of millions of samples without boxing: (time, index) packed into one long
 * when they fit, sorted as primitives. Rows of equal time keep file order, as the contract asks.
 */
final class TimeOrder {
  private TimeOrder() {}

  /** Indexes of {@code millis} in ascending time, ties in index order. */
  static int[] of(long[] millis) {
    int n = millis.length;
    int[] order = new int[n];
    boolean sorted = true;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      order[i] = i;
      if (i > 0 && millis[i] < millis[i - 1]) sorted = false;
      min = Math.min(min, millis[i]);
      max = Math.max(max, millis[i]);
    }
    if (sorted || n < 2) return order;
    int indexBits = 64 - Long.numberOfLeadingZeros(n - 1L);
    long span = max - min;
    if (span >= 0 && (span == 0 || 64 - Long.numberOfLeadingZeros(span) + indexBits <= 63)) {
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) keys[i] = ((millis[i] - min) << indexBits) | i;
      java.util.Arrays.sort(keys); // unique keys: stability comes from the index in the low bits
      long mask = (1L << indexBits) - 1;
      for (int i = 0; i < n; i++) order[i] = (int) (keys[i] & mask);
      return order;
    }
    // Times too far apart to pack (centuries at millisecond precision): merge sort on indexes.
    mergeSort(order, new int[n], millis, 0, n);
    return order;
  }

  private static void mergeSort(int[] a, int[] tmp, long[] key, int from, int to) {
    if (to - from < 2) return;
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, key, from, mid);
    mergeSort(a, tmp, key, mid, to);
    int i = from, j = mid, k = from;
    while (i < mid && j < to) tmp[k++] = key[a[j]] < key[a[i]] ? a[j++] : a[i++];
    while (i < mid) tmp[k++] = a[i++];
    while (j < to) tmp[k++] = a[j++];
    System.arraycopy(tmp, from, a, from, to - from);
  }
}
