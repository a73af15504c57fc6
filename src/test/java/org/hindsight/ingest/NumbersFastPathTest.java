package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path of {@link Numbers#parseDecimal} gives exactly what {@code Double.parseDouble} gives. */
class NumbersFastPathTest {
  @Test
  void fastPathAgreesBitForBitWithParseDouble() {
    Random random = new Random(17);
    int fast = 0;
    for (int i = 0; i < 200_000; i++) {
      String s = randomDecimal(random);
      double expected = Double.parseDouble(s);
      double got = Numbers.parseDecimal(s);
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got), s);
      if (!Double.isNaN(Numbers.plainDecimal(s))) fast++;
    }
    assertTrue(fast > 100_000, "most plain decimals take the fast path: " + fast);
  }

  @Test
  void aRangeOfABufferParsesAsItsString() {
    Random random = new Random(18);
    for (int i = 0; i < 20_000; i++) {
      String s = i % 10 == 0 ? "" : randomDecimal(random);
      char[] buffer = ("x," + s + ",y").toCharArray();
      double got = Numbers.plainDecimal(buffer, 2, 2 + s.length());
      assertEquals(Double.doubleToRawLongBits(Numbers.plainDecimal(s)), Double.doubleToRawLongBits(got), s);
    }
  }

  @Test
  void edgesOfTheFastPath() {
    for (String s : new String[] {"0", "-0", "+0", "5.", ".5", "-.5", "0.1", "0.3", "123456789012345", "1234567890123456",
        "9007199254740993", "0.000000000000001", "99999999999999.9", "1e3", "-12.50"}) {
      assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(Numbers.parseDecimal(s)), s);
    }
    for (String s : new String[] {"", "-", "+", ".", "1.2.3", "1,5", "31d", "0x1F", "Infinity", "NaN", "1e", " 1"}) {
      assertTrue(Double.isNaN(Numbers.parseDecimal(s)), s);
    }
  }

  private static String randomDecimal(Random r) {
    StringBuilder b = new StringBuilder();
    if (r.nextInt(4) == 0) b.append(r.nextBoolean() ? '-' : '+');
    int whole = r.nextInt(12);
    for (int i = 0; i < whole; i++) b.append((char) ('0' + r.nextInt(10)));
    int fraction = r.nextInt(whole == 0 ? 9 : 8);
    if (whole == 0 && fraction == 0) fraction = 1;
    if (fraction > 0 || r.nextInt(8) == 0) b.append('.');
    for (int i = 0; i < fraction; i++) b.append((char) ('0' + r.nextInt(10)));
    return b.toString();
  }
}
