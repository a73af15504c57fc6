package org.hindsight.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.Event;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.Span;
import org.junit.jupiter.api.Test;

/** Learned baselines: a series is anomalous against its own lead-up, not against a fixed threshold. */
class LearnedBaselinesTest {
  private static final long T0 = Instant.parse("2024-03-05T10:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;

  private static List<Symptom> detect(double[] values, boolean count) {
    long[] t = new long[values.length];
    for (int i = 0; i < t.length; i++) t[i] = T0 + i * MINUTE;
    List<Symptom> out = new ArrayList<>();
    LearnedBaselines.detect("db", "latency_ms", t, values, T0 + values.length / 2 * MINUTE, count,
        i -> new SourceRef("metrics.csv", i + 2), out);
    return out;
  }

  /** 20 samples wobbling ±4 % around {@code level}, then {@code tail}. */
  private static double[] series(double level, double... tail) {
    double[] v = new double[20 + tail.length];
    for (int i = 0; i < 20; i++) v[i] = level * (1 + 0.04 * Math.sin(i * 1.7));
    for (int i = 0; i < tail.length; i++) v[20 + i] = tail[i];
    return v;
  }

  @Test
  void aStepOutOfTheLearnedRangeIsAnAnomalyAtItsFirstSample() {
    // 20 ms with a 4 % wobble: 30 ms is far out for this series, though no fixed threshold would see it
    List<Symptom> s = detect(series(20, 20, 20, 20, 20, 30, 31, 32, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20), false);
    assertEquals(1, s.size(), s.toString());
    Symptom a = s.get(0);
    assertEquals(SymptomKinds.ANOMALY, a.kind());
    assertEquals(Instant.ofEpochMilli(T0 + 24 * MINUTE), a.onset());
    assertEquals(Instant.ofEpochMilli(T0 + 23 * MINUTE), a.onsetEarliest());
    assertEquals(Instant.ofEpochMilli(T0 + 27 * MINUTE), a.end());
    assertEquals(26, a.evidence().line());
    assertTrue(a.magnitude() >= LearnedBaselines.ONSET_SCORE);
  }

  @Test
  void anEpisodeIsAsStrongAsWhatItHeldForTwoSamplesInARow() {
    // one slow request reads 30 times the level in a tail percentile, then the series stays half again above it
    List<Symptom> spike = detect(series(20, 20, 20, 20, 20, 600, 30, 30, 30, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20), false);
    List<Symptom> steady = detect(series(20, 20, 20, 20, 20, 30, 30, 30, 30, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20), false);
    List<Symptom> held = detect(series(20, 20, 20, 20, 20, 600, 600, 30, 30, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20), false);
    assertEquals(1, spike.size(), spike.toString());
    assertEquals(1, steady.size(), steady.toString());
    assertEquals(1, held.size(), held.toString());
    // the spike opens the episode (two samples in a row at six robust units) but adds nothing to its strength
    assertEquals(steady.get(0).onset(), spike.get(0).onset());
    assertEquals(steady.get(0).magnitude(), spike.get(0).magnitude(), 1e-9);
    // held for two samples it is the episode's strength
    assertTrue(held.get(0).magnitude() > 20 * steady.get(0).magnitude(), held.get(0).magnitude() + " vs " + steady.get(0).magnitude());
  }

  @Test
  void aFallBelowTheBaselineIsMarkedAndARiseIsNot() {
    // a callee sent less work: its load halves; fault localisation must tell that from a rise
    List<Symptom> fell = detect(series(1000, 1000, 1000, 1000, 1000, 420, 410, 400, 400, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000), false);
    assertEquals(1, fell.size(), fell.toString());
    assertTrue(LearnedBaselines.below(fell.get(0)), fell.get(0).detail());
    assertEquals("latency_ms" + LearnedBaselines.BELOW_BASELINE, fell.get(0).detail());
    List<Symptom> rose = detect(series(1000, 1000, 1000, 1000, 1000, 2400, 2500, 2500, 2500, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000), false);
    assertEquals(1, rose.size(), rose.toString());
    assertTrue(!LearnedBaselines.below(rose.get(0)), rose.get(0).detail());
    assertEquals("latency_ms", rose.get(0).detail());
  }

  @Test
  void anEpisodeUnderWayWhenTheBaselineWindowEndsKeepsTheOnsetOfItsRunInsideIt() {
    // 40 samples, the window ends at 20: the step starts at 14, inside the window, and lasts to 29
    double[] v = new double[40];
    for (int i = 0; i < 40; i++) v[i] = (i >= 14 && i < 30) ? 60 : 20 * (1 + 0.04 * Math.sin(i * 1.7));
    List<Symptom> s = detect(v, false);
    assertEquals(1, s.size(), s.toString());
    assertEquals(Instant.ofEpochMilli(T0 + 14 * MINUTE), s.get(0).onset(), "the run began inside the window");
    assertEquals(16, s.get(0).evidence().line());
    assertEquals(Instant.ofEpochMilli(T0 + 30 * MINUTE), s.get(0).end());
  }

  @Test
  void aSpikeInsideTheWindowThatEndedBeforeItIsNoOnset() {
    // a blip at 15-16, back to normal at 17-19, then a step from 20: the episode starts at 20
    double[] v = new double[40];
    for (int i = 0; i < 40; i++) v[i] = (i == 15 || i == 16 || i >= 20 && i < 30) ? 60 : 20 * (1 + 0.04 * Math.sin(i * 1.7));
    List<Symptom> s = detect(v, false);
    assertEquals(1, s.size(), s.toString());
    assertEquals(Instant.ofEpochMilli(T0 + 20 * MINUTE), s.get(0).onset());
  }

  @Test
  void aOneSampleBlipIsNotAnEpisode() {
    assertEquals(List.of(), detect(series(20, 20, 20, 45, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20), false));
  }

  @Test
  void aNoisySeriesNeedsAChangeBeyondItsOwnNoise() {
    double[] v = new double[40];
    for (int i = 0; i < 40; i++) v[i] = 100 * (1 + 0.3 * Math.sin(i * 2.3)); // ±30 % all day
    assertEquals(List.of(), detect(v, false));
    v[30] = v[31] = 145; // within what this series does
    assertEquals(List.of(), detect(v, false));
  }

  @Test
  void tooShortABaselineLearnsNothing() {
    assertEquals(List.of(), detect(new double[] {20, 20, 20, 20, 400, 400, 400, 400}, false));
  }

  @Test
  void dropsCountForGaugesButNotForCounts() {
    double[] gauge = series(100, 100, 100, 5, 5, 5, 5, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100);
    assertEquals(1, detect(gauge, false).size(), "a gauge falling away (traffic lost) is trouble");
    double[] counts = series(10, 10, 10, 0, 0, 0, 0, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10);
    assertEquals(List.of(), detect(counts, true), "fewer errors than usual is not a symptom");
  }

  @Test
  void errorLogsAreCountedPerTemplateAgainstTheirBaseline() {
    List<Event> events = new ArrayList<>();
    int line = 2;
    for (int m = 0; m < 40; m++) {
      // one timeout a minute all along: the baseline; from minute 30, a burst of a new template
      events.add(event(m, 5, "timeout after " + (100 + m) + " ms to 10.0.0." + m, line++));
      if (m >= 30 && m < 34) {
        for (int k = 0; k < 12; k++) events.add(event(m, 10 + k, "connection refused by pool-" + k + " id 0x" + Integer.toHexString(4096 + k), line++));
      }
    }
    List<Symptom> s = LearnedBaselines.of(events, List.of(), List.of(), Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 39 * MINUTE));
    assertEquals(1, s.size(), s.toString());
    assertEquals("api", s.get(0).entity());
    assertEquals("error log: connection refused by pool-<*> id <*>", s.get(0).detail());
    assertEquals(Instant.ofEpochMilli(T0 + 30 * MINUTE), s.get(0).onset());
  }

  @Test
  void eachErrorLogIsReadOnceAndItsBinsCountWhatItRepresents() {
    // the event log's events are made when read: the counts and the evidence come from one read of each
    List<Event> events = new ArrayList<>();
    int line = 2;
    for (int m = 0; m < 40; m++) {
      events.add(event(m, 5, "timeout after " + (100 + m) + " ms", line++));
      // a reduced bundle's record of 20 alike (represents 20) from minute 30: the burst is in what they represent
      if (m >= 30 && m < 34) events.add(new Event(Instant.ofEpochMilli(T0 + m * MINUTE + 7_000), "app", "log.error", "api",
          "connection refused by pool-1", "error", Attributes.of(java.util.Map.of("represents", "20")), new SourceRef("events.csv", line++)));
    }
    int[] reads = new int[events.size()];
    List<Event> view = new java.util.AbstractList<>() {
      @Override
      public Event get(int i) {
        reads[i]++;
        return events.get(i);
      }

      @Override
      public int size() {
        return events.size();
      }
    };
    List<Symptom> s = LearnedBaselines.of(view, List.of(), List.of(), Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 39 * MINUTE));
    for (int i = 0; i < reads.length; i++) assertEquals(1, reads[i], "reads of event " + i);
    assertEquals(1, s.size(), s.toString());
    assertEquals("error log: connection refused by pool-<*>", s.get(0).detail());
    assertEquals(Instant.ofEpochMilli(T0 + 30 * MINUTE), s.get(0).onset());
    assertEquals(new SourceRef("events.csv", 33), s.get(0).evidence(), "the first record of the burst");
  }

  @Test
  void templatesMaskNumbersIdsAndAddresses() {
    assertEquals("user <*> from <*> failed (session <*>)",
        LearnedBaselines.template("user 42 from 10.1.2.3:5522 failed (session 7f3c9a2e-1b2c-4d5e-8f90-123456789abc)"));
  }

  private static Event event(int minute, int second, String message, int line) {
    return new Event(Instant.ofEpochMilli(T0 + minute * MINUTE + second * 1000L), "app", "log.error", "api", message, "error",
        Attributes.NONE, new SourceRef("events.csv", line));
  }

  /**
   * Two minutes of traces, {@code perSecond} requests a second to {@code web}, each calling {@code ads}
   * (operation GetAds), which calls its own {@code load} and {@code db}; from second {@code breakAt} on
   * GetAds calls {@code db} no more (code that throws after {@code load}). From second {@code doubleAt}
   * twice as many requests, of the same shapes.
   */
  private static List<Span> adsTraces(int perSecond, int breakAt, int doubleAt) {
    List<Span> out = new ArrayList<>();
    int line = 2;
    for (int sec = 0; sec < 120; sec++) {
      int n = sec >= doubleAt ? 2 * perSecond : perSecond;
      for (int k = 0; k < n; k++) {
        String trace = sec + "-" + k;
        Instant t = Instant.ofEpochMilli(T0 + sec * 1000L + k * 10L);
        out.add(span(t, trace, "a", "", "web", "GET /", line++));
        out.add(span(t, trace, "b", "a", "web", "ads.GetAds", line++));
        out.add(span(t, trace, "c", "b", "ads", "GetAds", line++));
        out.add(span(t, trace, "d", "c", "ads", "load", line++));
        if (sec < breakAt) out.add(span(t, trace, "e", "c", "ads", "db", line++));
      }
    }
    return out;
  }

  private static Span span(Instant t, String trace, String id, String parent, String service, String op, int line) {
    return new Span(t, trace, id, parent, service, op, 5, "", "", Attributes.NONE, new SourceRef("spans.csv", line));
  }

  private static List<Symptom> shapes(List<Span> spans) {
    return LearnedBaselines.of(List.of(), List.of(), spans, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 119_999));
  }

  @Test
  void requestsServedInANewShapeAreAnAnomalyOfTheServiceThatServesThem() {
    List<Symptom> s = shapes(adsTraces(3, 75, Integer.MAX_VALUE));
    assertEquals(1, s.size(), s.toString());
    assertEquals("ads", s.get(0).entity(), "the service whose requests changed shape, not its caller");
    assertEquals(LearnedBaselines.SPANS_SHAPE + "GetAds -> load", s.get(0).detail());
    assertEquals(Instant.ofEpochMilli(T0 + 75_000), s.get(0).onset());
    assertTrue(LearnedBaselines.resourceSeries(s.get(0)), "a change of its own calls is the service's own behaviour");
  }

  @Test
  void anotherExportersEarlierStampMovesNoShapeBin() {
    // a metric stamped two seconds before the first span starts the logs earlier: the shape bins stay on the clock's grid
    List<Span> spans = adsTraces(3, 75, Integer.MAX_VALUE);
    List<Symptom> earlier = LearnedBaselines.of(List.of(), List.of(), spans, Instant.ofEpochMilli(T0 - 2_000), Instant.ofEpochMilli(T0 + 119_999));
    List<Symptom> own = shapes(spans);
    assertEquals(1, own.size(), own.toString());
    assertEquals(own.stream().map(x -> x.onset() + " " + x.detail() + " " + x.magnitude()).toList(),
        earlier.stream().map(x -> x.onset() + " " + x.detail() + " " + x.magnitude()).toList());
  }

  @Test
  void moreTrafficInTheSameShapesIsNoShapeAnomaly() {
    // plain counts per shape would rise with the traffic; what moves is the mix, and it did not
    assertEquals(List.of(), shapes(adsTraces(3, Integer.MAX_VALUE, 75)));
  }

  @Test
  void aSpanExportedTwiceIsNotARequestThatCalledNothing() {
    List<Span> spans = new ArrayList<>(adsTraces(3, Integer.MAX_VALUE, Integer.MAX_VALUE));
    // overlapping export files: the spans of seconds 80-100 again, each copy without the children it had
    List<Span> again = spans.stream().filter(x -> x.time().toEpochMilli() >= T0 + 80_000 && x.time().toEpochMilli() < T0 + 100_000
        && x.operation().equals("GetAds")).toList();
    spans.addAll(again);
    assertFalse(shapes(spans).stream().anyMatch(x -> x.detail().startsWith(LearnedBaselines.SPANS_SHAPE)), shapes(spans).toString());
  }

  /**
   * Two minutes of traces: a page every 500 ms ({@code web} calls {@code catalog}), and an order when
   * {@code ordered} says so (checked every 250 ms): {@code web} calls {@code checkout}'s PlaceOrder, which
   * calls its own ChargeCard ({@code payment}) and SendConfirmation ({@code email}); an order that
   * {@code early} names returns after ChargeCard. Only spans {@code exported} says so are in the export.
   */
  private static List<Span> orders(java.util.function.LongPredicate ordered, java.util.function.LongPredicate early,
      java.util.function.LongPredicate exported) {
    List<Span> out = new ArrayList<>();
    int line = 2;
    for (long ms = 0; ms < 120_000; ms += 250) {
      if (!exported.test(ms)) continue;
      Instant t = Instant.ofEpochMilli(T0 + ms);
      String trace = "t" + ms;
      boolean page = ms % 500 == 0;
      if (!page && !ordered.test(ms)) continue;
      out.add(span(t, trace, "a", "", "web", "GET /", line++));
      if (page) {
        out.add(span(t, trace, "b", "a", "web", "catalog.List", line++));
        out.add(span(t, trace, "c", "b", "catalog", "List", line++));
      }
      if (!ordered.test(ms)) continue;
      out.add(span(t, trace, "d", "a", "web", "checkout.PlaceOrder", line++));
      out.add(span(t, trace, "e", "d", "checkout", "PlaceOrder", line++));
      out.add(span(t, trace, "f", "e", "checkout", "ChargeCard", line++));
      out.add(span(t, trace, "g", "f", "payment", "Charge", line++));
      if (early.test(ms)) continue;
      out.add(span(t, trace, "h", "e", "checkout", "SendConfirmation", line++));
      out.add(span(t, trace, "i", "h", "email", "Send", line++));
    }
    return out;
  }

  private static final java.util.function.LongPredicate EVERY_2_5_S = ms -> ms % 2_500 == 0;
  private static final java.util.function.LongPredicate NONE = ms -> false;
  private static final java.util.function.LongPredicate ALL = ms -> true;

  @Test
  void aSparseOperationServedInANewShapeIsAnAnomalyOfTheServiceThatServesIt() {
    // two orders in 5 s: a bin never holds the six requests of a new shape the bin series need
    List<Symptom> s = shapes(orders(EVERY_2_5_S, ms -> ms >= 75_000, ALL));
    Symptom shape = s.stream().filter(x -> x.entity().equals("checkout")).findFirst().orElseThrow(() -> new AssertionError(s.toString()));
    assertEquals(LearnedBaselines.SPANS_SHAPE + "PlaceOrder -> ChargeCard", shape.detail());
    assertEquals(Instant.ofEpochMilli(T0 + 75_000), shape.onset());
    assertTrue(LearnedBaselines.resourceSeries(shape), "a change of its own calls is the service's own behaviour");
    assertFalse(LearnedBaselines.below(shape));
  }

  @Test
  void anOperationNoLongerCalledFallsBelowItsBaseline() {
    List<Symptom> s = shapes(orders(EVERY_2_5_S, ms -> ms >= 75_000, ALL));
    Symptom silent = s.stream().filter(x -> x.entity().equals("email")).findFirst().orElseThrow(() -> new AssertionError(s.toString()));
    assertEquals(LearnedBaselines.SPANS_SERVED + "Send" + LearnedBaselines.BELOW_BASELINE, silent.detail());
    assertTrue(LearnedBaselines.below(silent), "a callee no longer called was sent less work: a fall");
    // its last call was the order at 72.5 s: the silence began in the bin after it
    assertEquals(Instant.ofEpochMilli(T0 + 75_000), silent.onset());
    assertEquals(Instant.ofEpochMilli(T0 + 70_000), silent.onsetEarliest());
    assertEquals(2, s.size(), "checkout's new shape and email's silence, nothing of payment, catalog or web: " + s);
  }

  @Test
  void twoOddRequestsOfASparseOperationAreNoAnomaly() {
    assertEquals(List.of(), shapes(orders(EVERY_2_5_S, ms -> ms == 80_000 || ms == 97_500, ALL)));
  }

  @Test
  void aGapInTheExportOrItsEndSilencesNothing() {
    // no span at all from 70 s to 100 s (a missing export file), and none after 110 s: no operation fell silent
    assertEquals(List.of(), shapes(orders(EVERY_2_5_S, NONE, ms -> (ms < 70_000 || ms >= 100_000) && ms < 110_000)));
  }

  @Test
  void aPauseNoLongerThanTheBaselinesPausesIsNoSilence() {
    // orders in bursts: 20 in the first 5 s of every 30 s, so the baseline already pauses for 25 s at a time
    java.util.function.LongPredicate bursts = ms -> ms % 30_000 < 5_000;
    assertEquals(List.of(), shapes(orders(bursts, NONE, ALL)));
    // the same traffic with the bursts after 60 s gone: a silence four times the baseline's pauses
    List<Symptom> s = shapes(orders(ms -> bursts.test(ms) && ms < 65_000, NONE, ALL));
    assertTrue(s.stream().anyMatch(x -> x.entity().equals("email") && LearnedBaselines.below(x)), s.toString());
  }

  @Test
  void theTailSurpriseIsTheChernoffBoundOfTheBinomialTail() {
    // every one of m requests in a shape of share q: P = q^m exactly, and the bound is exact there
    assertEquals(5 * Math.log(15), LearnedBaselines.tailSurprise(5, 5, 1 / 15.0), 1e-9);
    assertEquals(0, LearnedBaselines.tailSurprise(1, 20, 0.1), "no more than its share: no surprise");
  }

  /** A series sampled each minute from {@code first}, stamped {@code second} seconds past the minute. */
  private static org.hindsight.facts.MetricSeries minutely(String entity, int first, int count, int second) {
    long[] t = new long[count];
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      t[i] = T0 + (first + i) * MINUTE + second * 1000L;
      v[i] = 10;
    }
    return new org.hindsight.facts.MetricSeries(entity, "cpu", t, v, new String[] {"metrics.csv"}, new int[count], new int[count]);
  }

  @Test
  void aWindowEndInsideASamplingRoundTakesTheRoundWhole() {
    // one exporter stamps each round at :19, another a second later: the half-way point 10:05:19.5 cuts the 10:05 round
    var a = minutely("web", 0, 11, 19);
    var b = minutely("cart", 1, 10, 20);
    Instant start = Instant.ofEpochMilli(a.millisAt(0));
    Instant end = Instant.ofEpochMilli(b.millisAt(b.count() - 1));
    assertEquals(T0 + 5 * MINUTE + 19_500, LearnedBaselines.windowEnd(start, end));
    assertEquals(T0 + 5 * MINUTE + 20_001, LearnedBaselines.windowEnd(start, end, List.of(a, b)));
  }

  @Test
  void aWindowEndBetweenRoundsStaysHalfWay() {
    // stamps a third of the interval apart are two rounds: the half-way point between them cuts none
    var a = minutely("web", 0, 11, 19);
    var b = minutely("cart", 1, 10, 40);
    Instant start = Instant.ofEpochMilli(a.millisAt(0));
    Instant end = Instant.ofEpochMilli(b.millisAt(b.count() - 1));
    assertEquals(LearnedBaselines.windowEnd(start, end), LearnedBaselines.windowEnd(start, end, List.of(a, b)));
    // one exporter alone: its rounds are a minute apart, none is cut
    assertEquals(LearnedBaselines.windowEnd(start, end), LearnedBaselines.windowEnd(start, end, List.of(a)));
  }

  @Test
  void aMessageTheMaskCannotMatchIsOnlyTrimmed() {
    java.util.Random random = new java.util.Random(24);
    String alphabet = "abcdefABCDEFxXgz0- .:_İ\u0660"; // hex letters, a digit, separators, a non-ASCII letter and digit
    int skipped = 0;
    for (int i = 0; i < 100_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(60); k > 0; k--) {
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        if (c == '0' && random.nextInt(8) != 0) c = 'e'; // most messages without a digit
        b.append(c);
      }
      String m = b.toString();
      boolean maskable = LearnedBaselines.maskable(m);
      if (!maskable) {
        skipped++;
        assertEquals(false, LearnedBaselines.MASK.matcher(m).find(), m);
      }
      assertEquals(LearnedBaselines.MASK.matcher(m).replaceAll("<*>").trim(), LearnedBaselines.template(m), m);
    }
    assertEquals(true, skipped > 10_000, "the quick path is taken: " + skipped);
    assertEquals("connection refused", LearnedBaselines.template("  connection refused "));
    assertEquals("id <*> gone", LearnedBaselines.template("id deadbeefcafe gone"), "twelve hex letters are an id");
  }

  @Test
  void theHandWrittenMaskMasksWhatTheRegexMasks() {
    // pieces that make the mask's alternatives match, nearly match (a fifth octet, a port cut by a letter, 0x
    // with no hex, eleven hex characters, a UUID one short) and meet the regex's word boundary in its odd places
    // (underscores, non-ASCII letters and digits, combining marks with and without a base, surrogate pairs)
    String[] pieces = {"10", "1", "255", "1234", ".", ".", ":", ":", "8080", "0x", "0X", "x", "dead", "beef", "cafe", "f00d",
        "12ab", "-", "-", "_", " ", " ", "g", "z", "é", "\u0301", "\u0660", "\uD835\uDFD8", "\uD834\uDD67", "\uD835",
        "7f3c9a2e-1b2c-4d5e-8f90-123456789abc", "7f3c9a2e-1b2c-4d5e-8f90-123456789ab", "192.168.0.1", "1.2.3.4:5", "3.14", "9"};
    java.util.Random random = new java.util.Random(28);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(14); k > 0; k--) b.append(pieces[random.nextInt(pieces.length)]);
      if (random.nextInt(50) == 0) while (b.length() < 320) b.append(pieces[random.nextInt(pieces.length)]); // past the cut at 300
      String message = b.toString();
      String cut = message.length() > 300 ? message.substring(0, 300) : message;
      assertEquals(LearnedBaselines.MASK.matcher(cut).replaceAll("<*>").trim(), LearnedBaselines.template(message), message);
    }
    assertEquals("user <*> from <*> failed (session <*>)",
        LearnedBaselines.template("user 42 from 10.1.2.3:5522 failed (session 7f3c9a2e-1b2c-4d5e-8f90-123456789abc)"));
    // no boundary after the address, the hex or the id: what is left of them is masked as numbers
    assertEquals("<*>.<*>x <*>x<*>f_ <*>xg", LearnedBaselines.template("1.2.3.4x 0x1f_ 0xg"));
    assertEquals("<*>:<*>a at <*>, <*>.<*>", LearnedBaselines.template("10.0.0.1:80a at 0x1F, 1.2.3.4567"));
    assertEquals("ab-<*> _deadbeefcafe<*>", LearnedBaselines.template("ab-deadbeefcafe0 _deadbeefcafe0"));
  }

  @Test
  void aSeriesOfFailedAnswersIsNoResourceOfItsOwnAndNoTrafficWhenItFalls() {
    // a resolver's SERVFAILs or timeouts rise when what it reads from fails: what its callers get, like errors
    for (String failures : List.of("dns.servfail_ratio", "dns.query_timeout_ratio", "auth.rejected_per_s", "lb.5xx_rate")) {
      Symptom rise = new Symptom(SymptomKinds.ANOMALY, "dns-1", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0), null, null, 40,
          failures, new SourceRef("metrics.csv", 2), null);
      assertFalse(LearnedBaselines.resourceSeries(rise), failures);
      assertFalse(SymptomKinds.fallIsTrouble(failures), failures);
    }
    // its own load and resources still are
    for (String own : List.of("dns.queries_per_s", "memory.rss_bytes", "cpu.util")) {
      Symptom rise = new Symptom(SymptomKinds.ANOMALY, "dns-1", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0), null, null, 40,
          own, new SourceRef("metrics.csv", 2), null);
      assertTrue(LearnedBaselines.resourceSeries(rise), own);
    }
  }

  /** {@link LearnedBaselines#learn} as it was before a one-value majority was read without the two selections. */
  private static LearnedBaselines.Learned learnedBySelection(long[] t, double[] v, long mid, boolean count) {
    int n = 0;
    while (n < t.length && t[n] < mid) n++;
    if (n < LearnedBaselines.MIN_BASELINE || n == t.length) return new LearnedBaselines.Learned(0, 0);
    double[] base = java.util.Arrays.copyOf(v, n);
    double median = org.hindsight.util.Median.of(base);
    double[] dev = new double[n];
    for (int i = 0; i < n; i++) dev[i] = Math.abs(base[i] - median);
    double scale = Math.max(1.4826 * org.hindsight.util.Median.of(dev), LearnedBaselines.RELATIVE_FLOOR * Math.abs(median));
    if (count) scale = Math.max(scale, 1);
    return scale > 0 ? new LearnedBaselines.Learned(median, scale) : new LearnedBaselines.Learned(0, 0);
  }

  @Test
  void aBaselineMostlyOfOneValueLearnsWhatTheSelectionsLearnt() {
    java.util.Random random = new java.util.Random(29);
    double[] odd = {-0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300};
    int shortcuts = 0;
    for (int round = 0; round < 20_000; round++) {
      int size = 1 + random.nextInt(60);
      long[] t = new long[size];
      double[] v = new double[size];
      double usual = switch (random.nextInt(4)) {
        case 0 -> 0.0; // an error template's empty bins
        case 1 -> random.nextInt(5);
        case 2 -> odd[random.nextInt(odd.length)];
        default -> random.nextGaussian();
      };
      int share = random.nextInt(101); // percent of the samples that hold the usual value: majorities, ties, minorities
      for (int i = 0; i < size; i++) {
        t[i] = i * 60_000L;
        v[i] = random.nextInt(100) < share ? usual
            : random.nextInt(10) == 0 ? odd[random.nextInt(odd.length)] : random.nextInt(3) == 0 ? random.nextInt(4) : random.nextGaussian() * 10;
      }
      long mid = random.nextInt(size + 1) * 60_000L;
      boolean count = random.nextBoolean();
      LearnedBaselines.Learned expected = learnedBySelection(t, v, mid, count);
      LearnedBaselines.Learned learned = LearnedBaselines.learn(t, v, mid, count);
      String what = java.util.Arrays.toString(v) + " until " + mid + (count ? " (counts)" : "");
      assertEquals(Double.doubleToRawLongBits(expected.median()), Double.doubleToRawLongBits(learned.median()), what);
      assertEquals(Double.doubleToRawLongBits(expected.scale()), Double.doubleToRawLongBits(learned.scale()), what);
      int n = (int) Math.min(size, (mid + 59_999) / 60_000);
      if (n >= LearnedBaselines.MIN_BASELINE && n < size && LearnedBaselines.majority(v, n) >= 0) shortcuts++;
    }
    assertTrue(shortcuts > 2_000, "baselines with a majority value: " + shortcuts);
  }
}
