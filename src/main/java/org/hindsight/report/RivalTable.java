package org.hindsight.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.SourceRef;
import org.hindsight.simulate.Scorecard;

/**
 * "Why this cause and not that one": the models a validation scored, one row each — the cause, the
 * incident without exactly it, the incident as logged, its rivals, and no cause at all — with their
 * scores (ln likelihood ratio over no cause) and the log-odds of this cause against each.
 * Markdown and HTML render the same rows.
 */
final class RivalTable {
  /** Rivals shown in full in HTML (Markdown shows fewer, to stay short); the rest are counted. */
  static final int SHOWN = 8;
  static final int SHOWN_IN_MARKDOWN = 3;

  record Row(String model, SourceRef cause, String score, String explained, String logOdds, String role) {}

  private RivalTable() {}

  static List<Row> rows(Assessment a, int shownRivals) {
    Scorecard c = a.validation().scorecard();
    List<Row> out = new ArrayList<>();
    if (c == null || a.replay() == null) return out;
    out.add(new Row("this cause: " + a.replay().hypothesis().label(), a.hypothesis().cause(), f(c.score()),
        String.valueOf(a.validation().explained().size()), "", "hypothesis"));
    out.add(new Row("without exactly this cause: " + a.replay().counterfactual().label(), null, f(c.counterfactualScore()), "",
        f(c.contribution()) + " (contribution)", "counterfactual"));
    if (a.replay().asLogged() != null) out.add(new Row(a.replay().asLogged().label(), null, f(c.asLoggedScore()), "", "", "as logged"));
    int shown = 0;
    int competing = 0;
    for (Scorecard.RivalScore r : c.rivals()) {
      if (!r.competes()) continue;
      competing++;
      if (shown++ >= shownRivals) continue;
      out.add(new Row(r.label(), r.cause(), f(r.score()), String.valueOf(r.explained()),
          r.exclusive() ? f(r.logOdds()) + " (incl. prior " + f(r.priorLogOdds()) + ")" : "— (may have acted too: weighed by the contribution)",
          r.exclusive() ? "the same cause elsewhere" : "another cause the logs name"));
    }
    if (competing > shownRivals) {
      out.add(new Row((competing - shownRivals) + " more rivals, each at higher log-odds", null, "", "", "", "rivals"));
    }
    long independent = c.rivals().stream().filter(r -> !r.competes()).count();
    if (independent > 0) {
      out.add(new Row(independent + " other candidate(s) of the same shape predict none of these symptoms", null, "", "", "", "independent"));
    }
    out.add(new Row("no cause (null model)", null, f(c.nullScore()), "0", f(c.score()), "null"));
    return out;
  }

  /** The rule a confirmation needs, in one sentence. */
  static String rule(Assessment a) {
    Scorecard c = a.validation().scorecard();
    return String.format(Locale.ROOT, "Scores are ln likelihood ratios over no cause; confirmed needs log-odds ≥ %.1f (a factor of 100) "
        + "over no cause, as contribution (best fit with this cause minus best fit without it: no cause, the incident without it, "
        + "or another named cause alone), and over the same cause placed elsewhere "
        + "(docs/validation.md).", c.margin());
  }

  private static String f(double v) {
    if (Double.isNaN(v)) return "";
    if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
