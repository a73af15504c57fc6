package org.hindsight.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.hindsight.util.SafeRegex.Outcome;
import org.junit.jupiter.api.Test;

class SafeRegexTest {
  @Test
  void ordinaryPatternsMatchAsJavaDoes() {
    SafeRegex.Compiled web = SafeRegex.compile("web-0[1-4]\\.(iad|dub)");
    assertNull(web.problem());
    SafeRegex.Budget b = SafeRegex.Budget.perLine();
    assertEquals(Outcome.MATCH, web.matches("web-03.iad", b));
    assertEquals(Outcome.NO_MATCH, web.matches("web-05.iad", b));
    assertEquals(Outcome.MATCH, web.find("host web-01.dub up", b));
    assertEquals(Outcome.NO_MATCH, web.matches("host web-01.dub up", b));
  }

  @Test
  void catastrophicBacktrackingIsStoppedByTheStepBudget() {
    // Java 9+ memoises (a+)+ loops, not this: 30 characters take a second, 40 would take hours
    SafeRegex.Compiled evil = SafeRegex.compile("(.*a){20}");
    String subject = "a".repeat(40) + "b";
    SafeRegex.Budget b = new SafeRegex.Budget(1_000_000, Duration.ofSeconds(30));
    long t0 = System.nanoTime();
    assertEquals(Outcome.EXHAUSTED, evil.find(subject, b));
    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos());
    assertTrue(b.exhausted());
    assertEquals(Outcome.EXHAUSTED, SafeRegex.compile("a").matches("a", b), "a spent budget stays spent");
  }

  @Test
  void theTimeBudgetStopsWhatTheStepsAllow() {
    SafeRegex.Compiled evil = SafeRegex.compile("(.*x){25}y");
    SafeRegex.Budget b = new SafeRegex.Budget(Long.MAX_VALUE, Duration.ofMillis(200));
    long t0 = System.nanoTime();
    assertEquals(Outcome.EXHAUSTED, evil.matches("x".repeat(60), b));
    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos());
  }

  @Test
  void aBudgetIsSharedByEveryMatchOfOneLine() {
    SafeRegex.Compiled any = SafeRegex.compile("host-\\d+");
    SafeRegex.Budget b = new SafeRegex.Budget(10_000, Duration.ofSeconds(30));
    int matched = 0;
    Outcome last = null;
    for (int i = 0; i < 100_000 && last != Outcome.EXHAUSTED; i++) {
      last = any.matches("host-" + i, b);
      if (last == Outcome.MATCH) matched++;
    }
    assertEquals(Outcome.EXHAUSTED, last);
    assertTrue(matched > 100 && matched < 10_000, "matched " + matched);
  }

  @Test
  void badOrHugePatternsAreInvalidWithAReason() {
    SafeRegex.Compiled bad = SafeRegex.compile("web-(0[1-4");
    assertTrue(bad.problem().startsWith("not a regular expression: "), bad.problem());
    assertEquals(Outcome.INVALID, bad.matches("web-01", SafeRegex.Budget.perLine()));
    SafeRegex.Compiled huge = SafeRegex.compile("a".repeat(SafeRegex.MAX_PATTERN_CHARS + 1));
    assertEquals("regular expression longer than 1000 characters", huge.problem());
    SafeRegex.Compiled deep = SafeRegex.compile("(".repeat(450) + ")".repeat(450));
    assertTrue(deep.problem() == null || deep.problem().contains("nested too deep"), deep.problem());
  }
}
