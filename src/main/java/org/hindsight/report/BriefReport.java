package org.hindsight.report;

import java.util.ArrayList;
import java.util.List;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.engine.Detection;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.TimedFact;
import org.hindsight.simulate.Verdict;

/**
 * The summary a person reads on a terminal ({@code analyze} on a terminal, or {@code --brief}): at
 * most {@link #MAX_LINES} lines of plain text — what, when, cause, verdict, counterfactual, top
 * actions — and how to get the full report. Log text is stripped of control characters, so a log
 * line cannot drive the terminal.
 */
public final class BriefReport {
  public static final int MAX_LINES = 40;
  private static final int WIDTH = 160;

  private final Postmortem pm;
  private final Times times;
  private final List<String> lines = new ArrayList<>();

  private BriefReport(Analysis analysis) {
    this.pm = Postmortem.of(analysis);
    this.times = pm.times;
  }

  public static String render(Analysis analysis) {
    return new BriefReport(analysis).build();
  }

  private String build() {
    Analysis analysis = pm.analysis;
    add(pm.heading().replaceFirst("^Postmortem: ", "Hindsight — "));
    add("");
    Postmortem.Impact im = pm.impact;
    if (!im.isEmpty()) {
      String when = im.onset() == null ? "" : "from " + times.format(im.onset());
      if (im.recovered() != null) {
        when += " to " + times.format(im.recovered()) + (im.duration() == null ? "" : " (" + Postmortem.duration(im.duration()) + ")");
      } else if (im.onset() != null) {
        when += ", no recovery in the logs";
      }
      add("When:     " + when);
      add("Impact:   " + im.affected().size() + " affected entit" + (im.affected().size() == 1 ? "y" : "ies")
          + (im.services().isEmpty() ? "" : "; services " + Compaction.names(im.services()))
          + (im.sites().isEmpty() ? "" : "; sites " + Compaction.names(im.sites()))
          + (im.errorPeaks().isEmpty() ? "" : "; error ratio peaked at " + Postmortem.percent(im.errorPeaks().get(0).value())));
    }
    Postmortem.Detected d = pm.detection;
    if (d.declared() != null) {
      add("Declared: " + times.format(d.declared().time()) + (d.delay() == null || d.delay().isNegative() ? ""
          : ", " + Postmortem.duration(d.delay()) + " after the first symptom") + " (" + pm.cite(d.declared().ref()) + ")");
    }
    if (pm.best != null) {
      Assessment a = pm.best;
      Hypothesis h = a.hypothesis();
      add("Cause:    " + Postmortem.title(a));
      TimedFact cause = pm.fact(h.cause());
      add("          " + Postmortem.claim(a) + (h.site().isEmpty() ? "" : " (site " + h.site() + ")")
          + (cause == null ? "" : " at " + times.format(cause.time())) + (h.cause() == null ? "" : " — " + pm.cite(h.cause())));
      String text = h.cause() == null ? "" : pm.text.get(h.cause());
      if (!text.isEmpty()) add("          > " + text);
      if (pm.trigger != null && h.trigger() != null && !h.trigger().equals(h.cause())) {
        add("Trigger:  " + pm.trigger.what() + " at " + times.format(pm.trigger.time()) + " — " + pm.cite(pm.trigger.ref()));
      }
      add("Verdict:  " + a.validation().verdict().word() + " by replay, confidence " + Postmortem.confidence(a.confidence())
          + " — " + a.validation().summary());
      for (Postmortem.Lesson l : pm.lessons) {
        if (l.kind().equals("prevention")) {
          add("Without:  " + l.text());
          break;
        }
      }
      if (pm.live.size() > 1) {
        List<String> others = pm.live.subList(1, pm.live.size()).stream()
            .map(o -> "H" + pm.number(o) + " " + Postmortem.claim(o) + " (" + o.validation().verdict().word() + ")").toList();
        add("Also:     " + Compaction.names(others, 2) + " — the incident may have more than one cause");
      }
    } else {
      for (String s : pm.summary()) add(s);
    }
    long refuted = pm.setAside.stream().filter(a -> a.validation().verdict() == Verdict.REFUTED).count();
    if (refuted > 0) add("Ruled out: " + refuted + " hypothesis(es) refuted by replay");
    add(symptomsLine(analysis.symptoms()));
    if (!analysis.unexplained().isEmpty()) {
      add("Open:     " + analysis.unexplained().size() + " symptom(s) no live hypothesis explains: "
          + Compaction.names(analysis.unexplained().stream().map(s -> s.kind() + " " + s.entity()).toList(), 2));
    }
    List<Detection.OfFinding> worse = analysis.findings().stream()
        .filter(f -> !f.finding().kind().equals("latent")).toList();
    if (!worse.isEmpty()) {
      add("");
      add("Findings (" + worse.size() + "):");
      for (Detection.OfFinding f : worse.subList(0, Math.min(4, worse.size()))) {
        add("  " + Postmortem.priority(f.rule()) + "  " + f.finding().summary());
      }
      if (worse.size() > 4) add("  … " + (worse.size() - 4) + " more in the full report");
    }
    if (!pm.actions.isEmpty()) {
      add("");
      add("Top actions (" + pm.actions.size() + "):");
      for (Postmortem.Action a : pm.actions.subList(0, Math.min(4, pm.actions.size()))) {
        add("  " + a.priority() + "  " + (a.conditional() ? "(if the unvalidated hypothesis holds) " : "") + a.text());
      }
      if (pm.actions.size() > 4) add("  … " + (pm.actions.size() - 4) + " more in the full report");
    }
    add("");
    add("Full report: add -f md (Markdown), -f html -o report.html, or -f json; this summary: --brief.");
    List<String> out = lines.size() <= MAX_LINES ? lines : keepWithin(lines);
    return String.join("\n", out) + "\n";
  }

  /** What the logs show going wrong, in one line, whatever the rules found. */
  private String symptomsLine(List<org.hindsight.observe.Symptom> symptoms) {
    if (symptoms.isEmpty()) return "Symptoms: none in the logs (nothing down, degraded, restarted or off its baseline)";
    List<String> kinds = new ArrayList<>();
    java.util.Map<String, Long> byKind = new java.util.LinkedHashMap<>();
    for (var s : symptoms) byKind.merge(s.kind(), 1L, Long::sum);
    byKind.forEach((k, n) -> kinds.add(n + " " + k));
    var first = symptoms.get(0);
    return "Symptoms: " + symptoms.size() + " (" + String.join(", ", kinds) + "), first " + first.kind() + " "
        + first.entity() + " at " + times.format(first.onset());
  }

  /** Should a future section push past the limit, the summary keeps its head and its last line. */
  private static List<String> keepWithin(List<String> lines) {
    List<String> out = new ArrayList<>(lines.subList(0, MAX_LINES - 2));
    out.add("… " + (lines.size() - MAX_LINES + 1) + " more lines in the full report");
    out.add(lines.get(lines.size() - 1));
    return out;
  }

  private void add(String line) {
    String clean = plain(line);
    lines.add(clean.length() <= WIDTH ? clean : clean.substring(0, WIDTH - 1) + "…");
  }

  /** Control characters (escape sequences in log text) become spaces; the terminal shows text only. */
  static String plain(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? ' ' : c);
    }
    return b.toString();
  }
}
