package org.hindsight.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link BoundedMemo}: each argument computed once while under the bound, every time past it. */
class BoundedMemoTest {
  @Test
  void computesEachArgumentOnceUpToTheBoundThenEveryTime() {
    AtomicInteger calls = new AtomicInteger();
    BoundedMemo<String, Integer> length = new BoundedMemo<>(s -> {
      calls.incrementAndGet();
      return s.length();
    }, 2);
    for (int i = 0; i < 5; i++) {
      assertEquals(3, length.apply("abc"));
      assertEquals(1, length.apply("x"));
    }
    assertEquals(2, calls.get(), "two arguments, each computed once");
    for (int i = 0; i < 5; i++) assertEquals(4, length.apply("four"));
    assertEquals(7, calls.get(), "a third argument past the bound is computed on every call");
    assertEquals(2, length.size());
  }

  @Test
  void aNullArgumentOrResultIsNeverKept() {
    AtomicInteger calls = new AtomicInteger();
    BoundedMemo<String, String> echo = new BoundedMemo<>(s -> {
      calls.incrementAndGet();
      return s == null || s.isEmpty() ? null : s;
    }, 10);
    echo.apply(null);
    echo.apply(null);
    echo.apply("");
    echo.apply("");
    assertEquals(4, calls.get());
    assertEquals(0, echo.size());
  }
}
