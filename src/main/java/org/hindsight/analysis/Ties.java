package org.hindsight.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hindsight.observe.Symptom;
import org.hindsight.simulate.Validation;
import org.hindsight.simulate.Validator;
import org.hindsight.simulate.Verdict;

/**
 * Two claims of one pattern and one live verdict (both confirmed, or both plausible) on different
 * subjects that explain exactly the same observed symptoms, their fits within the margin of each
 * other (the same entities' trouble, whichever of an entity's episodes each matched): the evidence cannot tell them apart,
 * so neither is confirmed. Both are plausible and each names the other as tied first in
 * its reasons (two changes at one moment upstream of the same outages, each alone enough, were already
 * plausible as over-determined; now the report says they are tied). A claim that fits better by the
 * margin, or explains something the other does not, is not tied; nor are two claims citing one cause record.
 */
final class Ties {
  private Ties() {}

  static List<Assessment> demote(List<Assessment> in) {
    List<Assessment> out = new ArrayList<>(in);
    List<List<String>> why = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) why.add(new ArrayList<>());
    for (int i = 0; i < in.size(); i++) {
      for (int j = i + 1; j < in.size(); j++) {
        Assessment a = in.get(i);
        Assessment b = in.get(j);
        if (!tied(a, b)) continue;
        why.get(i).add(reason(b, a));
        why.get(j).add(reason(a, b));
      }
    }
    for (int i = 0; i < in.size(); i++) {
      if (why.get(i).isEmpty()) continue;
      Assessment a = in.get(i);
      Validation v = a.validation();
      List<String> reasons = new ArrayList<>(why.get(i));
      reasons.addAll(v.reasons());
      out.set(i, new Assessment(a.hypothesis(), a.rule(), new Validation(Verdict.PLAUSIBLE, v.reproduction(), v.counterfactual(),
          v.confidence(), v.explained(), v.unexplained(), v.persisting(), v.summary(), reasons, v.scorecard(), v.accompanying()), a.replay()));
    }
    return out;
  }

  static boolean tied(Assessment a, Assessment b) {
    Validation va = a.validation();
    Validation vb = b.validation();
    // the same verdict: a plausible claim held back for its own reasons (latent, logged late) does not
    // make a confirmed one a tie
    if (!live(va.verdict()) || va.verdict() != vb.verdict()) return false;
    if (!a.hypothesis().pattern().equals(b.hypothesis().pattern()) || a.hypothesis().subject().equals(b.hypothesis().subject())) return false;
    if (va.scorecard() == null || vb.scorecard() == null || va.explained().isEmpty()) return false;
    // one record read as two routes to the trouble (one command taking two services below their minimum,
    // each enough): the logs do say which action acted, only not which route, so neither is held back
    if (a.hypothesis().cause() != null && a.hypothesis().cause().equals(b.hypothesis().cause())) return false;
    return explainedTrouble(va).equals(explainedTrouble(vb)) && Math.abs(va.scorecard().score() - vb.scorecard().score()) < Validator.MARGIN;
  }

  /**
   * The entities whose trouble a claim explains: the same trouble whichever of an entity's episodes each matched (a router's
   * CPU excursion for one, its learned-baseline anomaly of the same moment for the other: two sessions' spans a few minutes
   * apart pick differently).
   */
  private static Set<String> explainedTrouble(Validation v) {
    Set<String> out = new HashSet<>();
    for (Symptom s : v.explained()) out.add(s.entity());
    return out;
  }

  private static boolean live(Verdict v) {
    return v == Verdict.CONFIRMED || v == Verdict.PLAUSIBLE;
  }

  private static String reason(Assessment other, Assessment self) {
    return String.format(Locale.ROOT, "tied with %s %s: both explain the same %d observed symptoms and fit within a factor of 100 of each other "
        + "(ln LR %.1f against %.1f): the logs cannot tell which acted, so neither can be confirmed",
        other.hypothesis().pattern(), other.hypothesis().subject(), self.validation().explained().size(),
        self.validation().scorecard().score(), other.validation().scorecard().score());
  }
}
