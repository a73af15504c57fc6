package org.hindsight.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.hindsight.observe.Symptom;
import org.junit.jupiter.api.Test;

/** Kendall's τ of the order term, against the definition computed directly on the records. */
class ValidatorOrderTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  @Test
  void agreesWithTheDefinitionOnRandomTermsWithTiesIntervalsAndSubSecondOnsets() {
    Random r = new Random(17);
    for (int round = 0; round < 200; round++) {
      List<Scorecard.Term> terms = new ArrayList<>();
      int n = r.nextInt(round < 5 ? 3 : 60);
      for (int i = 0; i < n; i++) {
        // coarse times make ties; nanoseconds make pairs that differ only below the second
        Instant predicted = r.nextInt(10) == 0 ? null : T0.plusSeconds(r.nextInt(20)).plusNanos(r.nextInt(3) * 1_000_000L);
        Instant onset = T0.plusSeconds(r.nextInt(20)).plusNanos(r.nextInt(3) * 500_000_000L);
        Instant earliest = onset.minusSeconds(r.nextInt(4)).minusNanos(r.nextInt(2) * 250_000_000L);
        terms.add(term(predicted, onset, earliest));
      }
      assertEquals(reference(terms), Validator.kendall(terms), 0.0, "round " + round);
    }
  }

  @Test
  void agreesWithTheDefinitionOnSamplesLargerThanTheCapAndEarliestOnsetsAfterTheOnset() {
    Random r = new Random(71);
    for (int round = 0; round < 6; round++) {
      List<Scorecard.Term> terms = new ArrayList<>();
      int n = Validator.ORDER_SAMPLE - 50 + r.nextInt(200);
      for (int i = 0; i < n; i++) {
        Instant predicted = T0.plusSeconds(r.nextInt(300)).plusNanos(r.nextInt(3) * 1_000_000L);
        Instant onset = T0.plusSeconds(r.nextInt(300)).plusNanos(r.nextInt(3) * 500_000_000L);
        // an earliest onset after the onset is not made by the observers, but the order must not depend on it
        Instant earliest = onset.plusSeconds(r.nextInt(7) - 4).plusNanos(r.nextInt(2) * 250_000_000L);
        terms.add(term(predicted, onset, earliest));
      }
      assertEquals(reference(terms), Validator.kendall(terms), 0.0, "round " + round);
    }
  }

  @Test
  void sameOrderIsOneReversedIsMinusOneAndOverlappingOnsetsDoNotCount() {
    List<Scorecard.Term> same = List.of(term(T0, T0, T0), term(T0.plusSeconds(10), T0.plusSeconds(10), T0.plusSeconds(10)),
        term(T0.plusSeconds(20), T0.plusSeconds(30), T0.plusSeconds(30)));
    assertEquals(1.0, Validator.kendall(same));
    List<Scorecard.Term> reversed = List.of(term(T0, T0.plusSeconds(30), T0.plusSeconds(30)),
        term(T0.plusSeconds(10), T0, T0));
    assertEquals(-1.0, Validator.kendall(reversed));
    // the second could have begun before the first was seen: no strict order, no pair
    List<Scorecard.Term> overlapping = List.of(term(T0, T0, T0), term(T0.plusSeconds(10), T0.plusSeconds(5), T0.minusSeconds(1)));
    assertEquals(Double.NaN, Validator.kendall(overlapping));
  }

  private static Scorecard.Term term(Instant predicted, Instant onset, Instant earliest) {
    Symptom p = new Symptom("k", "e", predicted, predicted, null, null, Double.NaN, "", null, null);
    Symptom o = new Symptom("k", "e", onset, earliest, null, null, Double.NaN, "", null, null);
    return new Scorecard.Term(p, o, "explained", 0, 0, 0, 0);
  }

  @Test
  void onsetsUnderASecondApartAgreeWhenTheyComeInTheSameOrder() {
    // predicted 200 ms apart, observed 500 ms apart, same order: concordant (Instant.compareTo's value is
    // the nanosecond difference here, so comparing it with the order's sign used to count it discordant)
    List<Scorecard.Term> subSecond = List.of(term(T0, T0, T0),
        term(T0.plusMillis(200), T0.plusMillis(500), T0.plusMillis(500)));
    assertEquals(1.0, Validator.kendall(subSecond));
    List<Scorecard.Term> reversed = List.of(term(T0, T0.plusMillis(500), T0.plusMillis(500)),
        term(T0.plusMillis(200), T0, T0));
    assertEquals(-1.0, Validator.kendall(reversed));
  }

  /** The definition on the records: the signs of the predicted and the strict observed order. */
  private static double reference(List<Scorecard.Term> terms) {
    List<Scorecard.Term> s = new ArrayList<>(terms);
    s.removeIf(t -> t.predicted().onset() == null);
    s.sort(Comparator.comparing(t -> t.predicted().onset()));
    if (s.size() > Validator.ORDER_SAMPLE) s = s.subList(0, Validator.ORDER_SAMPLE);
    long c = 0;
    long d = 0;
    for (int i = 0; i < s.size(); i++) {
      for (int j = i + 1; j < s.size(); j++) {
        int p = Integer.signum(s.get(i).predicted().onset().compareTo(s.get(j).predicted().onset()));
        Symptom a = s.get(i).observed();
        Symptom b = s.get(j).observed();
        boolean ab = a.onset().isBefore(b.onset()) && !a.onset().isAfter(b.onsetEarliest());
        boolean ba = b.onset().isBefore(a.onset()) && !b.onset().isAfter(a.onsetEarliest());
        int o = ab ? -1 : ba ? 1 : 0;
        if (p == 0 || o == 0) continue;
        if (p == o) c++;
        else d++;
      }
    }
    return c + d == 0 ? Double.NaN : Math.round((double) (c - d) / (c + d) * 100) / 100.0;
  }
}
