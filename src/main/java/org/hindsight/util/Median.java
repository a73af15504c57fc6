package org.hindsight.util;

import java.util.Arrays;

/**
 * The median of a sample by selection (expected linear) instead of a full sort: the learned baselines take
 * two medians of every metric series' baseline window. Values are ordered as {@link Arrays#sort(double[])}
 * orders them ({@link Double#compare}: −0.0 before 0.0, NaN last), so the result is the sorted array's.
 */
public final class Median {
  private Median() {}

  /** The median of {@code values} (left unchanged): the middle value, or the mean of the two middle ones. */
  public static double of(double[] values) {
    double[] a = values.clone();
    int n = a.length;
    if (n == 0) throw new IllegalArgumentException("median of no values");
    int hi = n / 2;
    // Partitioning leaves a[0..hi) at or below a[hi] and the rest at or above it (no sort beyond that).
    select(a, hi);
    if (n % 2 == 1) return a[hi];
    double below = a[0];
    for (int i = 1; i < hi; i++) if (Double.compare(a[i], below) > 0) below = a[i];
    return (below + a[hi]) / 2;
  }

  /** Puts the k-th smallest value at {@code a[k]}, smaller-or-equal ones before it, greater-or-equal after. */
  static void select(double[] a, int k) {
    int lo = 0;
    int hi = a.length - 1;
    // Quickselect with a median-of-three pivot; past a bound on rounds a sort finishes (no quadratic case).
    int rounds = 2 * (32 - Integer.numberOfLeadingZeros(a.length)) + 8;
    while (hi > lo) {
      if (rounds-- == 0) {
        Arrays.sort(a, lo, hi + 1);
        return;
      }
      int mid = (lo + hi) >>> 1;
      if (Double.compare(a[mid], a[lo]) < 0) swap(a, mid, lo);
      if (Double.compare(a[hi], a[lo]) < 0) swap(a, hi, lo);
      if (Double.compare(a[hi], a[mid]) < 0) swap(a, hi, mid);
      double pivot = a[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (Double.compare(a[i], pivot) < 0) i++;
        while (Double.compare(a[j], pivot) > 0) j--;
        if (i <= j) swap(a, i++, j--);
      }
      // now a[lo..j] ≤ pivot ≤ a[i..hi], and a[j+1..i-1] equal to the pivot
      if (k <= j) hi = j;
      else if (k >= i) lo = i;
      else return;
    }
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
