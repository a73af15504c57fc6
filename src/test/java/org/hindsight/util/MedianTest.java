package org.hindsight.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MedianTest {
  /** The median as a full sort gives it. */
  private static double sorted(double[] values) {
    double[] a = values.clone();
    Arrays.sort(a);
    int n = a.length;
    return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
  }

  @Test
  void equalsTheSortedMedianBitForBit() {
    Random random = new Random(17);
    double[] pool = {0.0, -0.0, 1.0, -1.0, 2.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300};
    for (int round = 0; round < 20_000; round++) {
      int n = 1 + random.nextInt(round % 10 == 0 ? 2000 : 40);
      double[] v = new double[n];
      int mode = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        v[i] = switch (mode) {
          case 0 -> random.nextGaussian();
          case 1 -> random.nextInt(3); // many ties
          case 2 -> pool[random.nextInt(pool.length)];
          default -> i; // already sorted (a metric's steady climb)
        };
      }
      if (mode == 3 && random.nextBoolean()) for (int i = 0; i < n / 2; i++) { double t = v[i]; v[i] = v[n - 1 - i]; v[n - 1 - i] = t; }
      double[] before = v.clone();
      assertEquals(Double.doubleToRawLongBits(sorted(v)), Double.doubleToRawLongBits(Median.of(v)), () -> Arrays.toString(before));
      assertArrayEquals(before, v, "the input is left as it was");
    }
  }

  @Test
  void selectPartitionsAroundTheKth() {
    Random random = new Random(3);
    for (int round = 0; round < 2000; round++) {
      double[] v = random.doubles(1 + random.nextInt(300)).map(x -> Math.floor(x * 20)).toArray();
      int k = random.nextInt(v.length);
      double[] s = v.clone();
      Arrays.sort(s);
      Median.select(v, k);
      assertEquals(s[k], v[k]);
      for (int i = 0; i < k; i++) assertEquals(true, Double.compare(v[i], v[k]) <= 0);
      for (int i = k + 1; i < v.length; i++) assertEquals(true, Double.compare(v[i], v[k]) >= 0);
    }
  }
}
