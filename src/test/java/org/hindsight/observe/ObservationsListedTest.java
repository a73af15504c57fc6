package org.hindsight.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.Event;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.Span;
import org.junit.jupiter.api.Test;

/**
 * What reports list ({@link Observations#listed()}): trouble only the learned baselines show (a
 * service's spans, an entity's error logs) is listed once per entity and class of trouble, never
 * beside a threshold symptom already under way, and ordinary variance lists nothing. Scoring's
 * {@link Observations#all()} is left as it was.
 */
class ObservationsListedTest {
  private static final long T0 = Instant.parse("2025-02-11T08:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;
  private static final String[][] NAMES = {{"gateway", "orders", "pg-main"}, {"edge-7", "billing_v2", "ledger.db"}};

  /**
   * 40 minutes of traces, 20 requests a minute through a → b → c, durations varying ±20 %; from minute
   * {@code breakAt} on c takes ten times as long and half of its calls fail. Names {@code n}.
   */
  private static List<Span> traces(String[] n, long seed, int breakAt, double speedUp) {
    Random rnd = new Random(seed);
    List<Span> out = new ArrayList<>();
    int line = 2;
    for (int i = 0; i < 40 * 20; i++) {
      int minute = i / 20;
      Instant t = Instant.ofEpochMilli(T0 + i * 3_000L + rnd.nextInt(1_000));
      boolean broken = minute >= breakAt;
      double c = (broken ? 200 : 20) * (0.8 + 0.4 * rnd.nextDouble()) * (minute >= breakAt ? speedUp : 1);
      String status = broken && speedUp == 1 && rnd.nextBoolean() ? "error" : "ok";
      String trace = "t" + i;
      out.add(new Span(t, trace, "1", "", n[0], "GET /", c + 8, status, "", Attributes.NONE, new SourceRef("spans.csv", line++)));
      out.add(new Span(t, trace, "2", "1", n[1], "Handle", c + 4, status, "", Attributes.NONE, new SourceRef("spans.csv", line++)));
      out.add(new Span(t, trace, "3", "2", n[2], "Query", c, status, "", Attributes.NONE, new SourceRef("spans.csv", line++)));
    }
    return out;
  }

  private static Observations observe(List<Event> events, List<Span> spans) {
    return Observations.of(events, List.of(), spans, name -> false);
  }

  @Test
  void aSlowFailingServiceInTracesAloneIsListed() {
    for (String[] n : NAMES) {
      Observations obs = observe(List.of(), traces(n, 5, 25, 1));
      assertTrue(obs.all().isEmpty(), "no threshold kind reads spans: scoring sees what it saw before");
      List<Symptom> listed = obs.listed();
      Symptom slow = find(listed, n[2], LearnedBaselines.SPANS_P90);
      Symptom failing = find(listed, n[2], LearnedBaselines.SPANS_FAILED);
      for (Symptom s : List.of(slow, failing)) {
        assertEquals(SymptomKinds.ANOMALY, s.kind());
        assertTrue(!s.onset().isBefore(Instant.ofEpochMilli(T0 + 24 * MINUTE)) && s.onset().isBefore(Instant.ofEpochMilli(T0 + 27 * MINUTE)),
            "onset at the break: " + s);
        assertEquals("spans.csv", s.evidence().file());
        assertTrue(s.evidence().line() > 2, "cites the span that shows it: " + s);
        assertTrue(obs.ofKind(SymptomKinds.ANOMALY).contains(s), "the same episode scoring looks up by kind");
      }
      // every entity is listed at most once per class of trouble while it lasts
      assertEquals(listed.size(), listed.stream().map(s -> s.entity() + " " + Observations.troubleOnlyLearned(s)).distinct().count(),
          listed.toString());
    }
  }

  @Test
  void ordinaryVarianceAndAFasterServiceListNothing() {
    for (String[] n : NAMES) {
      for (long seed = 1; seed <= 5; seed++) {
        assertEquals(List.of(), observe(List.of(), traces(n, seed, Integer.MAX_VALUE, 1)).listed(), "healthy, seed " + seed);
      }
      // c, and so its callers, ten times faster (0.01 × the slow level): a fall is not trouble
      List<Symptom> faster = observe(List.of(), traces(n, 9, 25, 0.01)).listed();
      assertEquals(List.of(), faster, faster.toString());
    }
  }

  /**
   * Two minutes of traces, 20 requests a second: {@code n[0]} calls {@code n[1]}'s Fetch, which calls its own
   * load and then {@code n[2]}; from second {@code breakAt} Fetch returns after load (code that throws), from
   * second {@code doubleAt} twice the requests in the same shapes. No span is slow or failed.
   */
  private static List<Span> shapes(String[] n, int breakAt, int doubleAt) {
    List<Span> out = new ArrayList<>();
    int line = 2;
    for (int sec = 0; sec < 120; sec++) {
      for (int k = 0; k < (sec >= doubleAt ? 40 : 20); k++) {
        String trace = sec + "-" + k;
        Instant t = Instant.ofEpochMilli(T0 + sec * 1000L + k * 10L);
        out.add(new Span(t, trace, "a", "", n[0], "GET /", 5, "", "", Attributes.NONE, new SourceRef("spans.csv", line++)));
        out.add(new Span(t, trace, "b", "a", n[1], "Fetch", 5, "", "", Attributes.NONE, new SourceRef("spans.csv", line++)));
        out.add(new Span(t, trace, "c", "b", n[1], "load", 5, "", "", Attributes.NONE, new SourceRef("spans.csv", line++)));
        if (sec < breakAt) out.add(new Span(t, trace, "d", "b", n[2], "Get", 5, "", "", Attributes.NONE, new SourceRef("spans.csv", line++)));
      }
    }
    return out;
  }

  @Test
  void aServiceServingRequestsInANewShapeIsListedMoreTrafficIsNot() {
    for (String[] n : NAMES) {
      List<Symptom> broken = observe(List.of(), shapes(n, 80, Integer.MAX_VALUE)).listed();
      List<Symptom> own = broken.stream().filter(s -> s.entity().equals(n[1])).toList();
      assertEquals(1, own.size(), "the service whose code changed, once: " + broken);
      assertTrue(own.get(0).detail().startsWith(LearnedBaselines.SPANS_SHAPE + "Fetch -> "), own.toString());
      assertTrue(!own.get(0).onset().isBefore(Instant.ofEpochMilli(T0 + 75_000)), own.toString());
      assertTrue(broken.stream().noneMatch(LearnedBaselines::below), "its callee, sent nothing, is not trouble listed: " + broken);
      assertEquals(List.of(), observe(List.of(), shapes(n, Integer.MAX_VALUE, 80)).listed(), "twice the traffic, same shapes");
    }
  }

  private static Event event(String entity, int minute, int second, String type, String message, String severity, int line) {
    return new Event(Instant.ofEpochMilli(T0 + minute * MINUTE + second * 1000L), "app", type, entity, message, severity,
        Attributes.NONE, new SourceRef("events.csv", line));
  }

  @Test
  void errorLogBurstsAreListedOncePerEntityAndNotBesideADownAlreadyListed() {
    for (String[] n : NAMES) {
      List<Event> events = new ArrayList<>();
      int line = 2;
      // a background error a minute on each host, then from minute 30 a burst of two templates a second
      for (int m = 0; m < 40; m++) {
        for (String host : List.of(n[0], n[1])) {
          events.add(event(host, m, 5, "log.error", "retrying request " + m, "error", line++));
          if (m < 30) continue;
          for (int s = 10; s < 40; s++) {
            events.add(event(host, m, s, "log.error", "connection to 10.0." + s + ".4 refused", "error", line++));
            events.add(event(host, m, s, "log.error", "pool exhausted after " + s + " ms", "error", line++));
          }
        }
      }
      events.add(event(n[1], 29, 50, "service.down", "", "critical", line++)); // n[1] is down through its burst
      events.sort(java.util.Comparator.comparing(Event::time));
      Observations obs = observe(events, List.of());
      List<Symptom> listed = obs.listed();
      List<Symptom> burst = listed.stream().filter(s -> s.entity().equals(n[0])).toList();
      assertEquals(1, burst.size(), "two templates at once are one row: " + listed);
      assertTrue(burst.get(0).detail().startsWith(LearnedBaselines.ERROR_LOG), burst.toString());
      Instant onset = burst.get(0).onset(); // in the first minute bin of the burst (bins start at the first record)
      assertTrue(!onset.isBefore(Instant.ofEpochMilli(T0 + 29 * MINUTE)) && onset.isBefore(Instant.ofEpochMilli(T0 + 31 * MINUTE)), onset.toString());
      List<Symptom> down = listed.stream().filter(s -> s.entity().equals(n[1])).toList();
      assertEquals(1, down.size(), "its errors are not listed beside its down: " + listed);
      assertEquals(SymptomKinds.SERVICE_DOWN, down.get(0).kind());
      assertEquals(obs.all().size() + 1, listed.size());
    }
  }

  private static Symptom find(List<Symptom> listed, String entity, String detail) {
    return listed.stream().filter(s -> s.entity().equals(entity) && s.detail().equals(detail)).findFirst()
        .orElseThrow(() -> new AssertionError(entity + " " + detail + " not in " + listed));
  }
}
