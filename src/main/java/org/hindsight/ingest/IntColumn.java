package org.hindsight.ingest;

import java.util.Arrays;

/**
 * A column of ints kept as narrow as its values allow: bytes, widened to shorts and then ints when
 * a value needs it. Most columns of a big log hold small numbers (dictionary codes of a handful of
 * data centres or rules, cookie counts), so at 10M rows this keeps tens of megabytes out of the
 * live heap.
 */
final class IntColumn {
  private byte[] bytes = new byte[0];
  private short[] shorts;
  private int[] ints;

  int get(int i) {
    if (ints != null) return ints[i];
    if (shorts != null) return shorts[i];
    return bytes[i];
  }

  void set(int i, int v) {
    if (ints != null) {
      ints[i] = v;
    } else if (shorts != null) {
      if (v != (short) v) widenToInts();
      if (ints != null) ints[i] = v;
      else shorts[i] = (short) v;
    } else if (v == (byte) v) {
      bytes[i] = (byte) v;
    } else {
      if (v == (short) v) widenToShorts();
      else widenToInts();
      set(i, v);
    }
  }

  /** Room for {@code capacity} values (existing ones kept). */
  void resize(int capacity) {
    if (ints != null) ints = Arrays.copyOf(ints, capacity);
    else if (shorts != null) shorts = Arrays.copyOf(shorts, capacity);
    else bytes = Arrays.copyOf(bytes, capacity);
  }

  private void widenToShorts() {
    short[] s = new short[bytes.length];
    for (int i = 0; i < s.length; i++) s[i] = bytes[i];
    shorts = s;
    bytes = null;
  }

  private void widenToInts() {
    int n = shorts != null ? shorts.length : bytes.length;
    int[] w = new int[n];
    for (int i = 0; i < n; i++) w[i] = shorts != null ? shorts[i] : bytes[i];
    ints = w;
    shorts = null;
    bytes = null;
  }
}
