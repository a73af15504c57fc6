package org.hindsight.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.hindsight.facts.Hypothesis;
import org.hindsight.simulate.Validation;
import org.hindsight.simulate.Verdict;
import org.junit.jupiter.api.Test;

/** The one ranking of hypotheses: verdict, then a pattern's before a generic one, then confidence. */
class RankingTest {
  static Assessment a(String pattern, boolean generic, Verdict verdict, double confidence) {
    Hypothesis.Builder b = Hypothesis.builder(pattern, pattern + "-subject").confidence(0.5);
    if (generic) b.detail("generic", "true");
    Validation v = new Validation(verdict, 1, 1, confidence, List.of(), List.of(), List.of(), "", List.of(), null, List.of());
    return new Assessment(b.build(), null, v, null);
  }

  /** A fault-localisation candidate (detail fallback=true) for {@code subject}. */
  static Assessment fallback(String subject, Verdict verdict, double confidence) {
    Hypothesis h = Hypothesis.builder("fault-localisation", subject).confidence(0.5).detail("fallback", "true").build();
    return new Assessment(h, null, new Validation(verdict, 1, 1, confidence, List.of(), List.of(), List.of(), "", List.of(), null, List.of()), null);
  }

  static List<String> subjects(Assessment... as) {
    List<Assessment> list = new ArrayList<>(List.of(as));
    list.sort(Analyzer.RANKING);
    return list.stream().map(x -> x.hypothesis().subject()).toList();
  }

  static List<String> ranked(Assessment... as) {
    List<Assessment> list = new ArrayList<>(List.of(as));
    list.sort(Analyzer.RANKING);
    return list.stream().map(x -> x.hypothesis().pattern()).toList();
  }

  @Test
  void aGenericHypothesisNeverOutranksAConfirmedPatternHypothesis() {
    assertEquals(List.of("missing-exit", "change-correlation"),
        ranked(a("change-correlation", true, Verdict.CONFIRMED, 0.99), a("missing-exit", false, Verdict.CONFIRMED, 0.6)));
  }

  @Test
  void withinAVerdictPatternsComeFirstAndAcrossVerdictsTheVerdictDecides() {
    assertEquals(List.of("change-correlation", "typo-scoped-shutdown"),
        ranked(a("typo-scoped-shutdown", false, Verdict.PLAUSIBLE, 0.9), a("change-correlation", true, Verdict.CONFIRMED, 0.7)));
    assertEquals(List.of("typo-scoped-shutdown", "change-correlation"),
        ranked(a("change-correlation", true, Verdict.PLAUSIBLE, 0.9), a("typo-scoped-shutdown", false, Verdict.PLAUSIBLE, 0.5)));
    assertEquals(List.of("b", "a"), ranked(a("a", true, Verdict.PLAUSIBLE, 0.4), a("b", true, Verdict.PLAUSIBLE, 0.8)));
  }

  @Test
  void liveFallbackCandidatesRankByConfidenceWhateverTheirVerdict() {
    // a weak early callee cleared the margin, the strong root did not: confidence decides between them
    assertEquals(List.of("payment", "currency"),
        subjects(fallback("currency", Verdict.CONFIRMED, 0.59), fallback("payment", Verdict.PLAUSIBLE, 0.76)));
    assertEquals(List.of("currency", "payment"),
        subjects(fallback("currency", Verdict.CONFIRMED, 0.8), fallback("payment", Verdict.PLAUSIBLE, 0.76)));
    // still never above a pattern's hypothesis of the same verdict, nor lifted above a refuted one's place
    assertEquals(List.of("typo-scoped-shutdown-subject", "payment", "currency"),
        subjects(fallback("currency", Verdict.REFUTED, 0.9), fallback("payment", Verdict.CONFIRMED, 0.95),
            a("typo-scoped-shutdown", false, Verdict.PLAUSIBLE, 0.3)));
  }
}
