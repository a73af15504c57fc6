package org.hindsight.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.engine.RuleInfo;
import org.hindsight.facts.Evidence;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.SourceRef;
import org.hindsight.report.MarkdownReport;
import org.hindsight.report.SourceText;

/**
 * What a trainee reads after answering: the grade, the answer, the records they should have found
 * (cause, trigger, evidence, quoted), the rule's teaching notes, and the full report.
 */
public final class Lesson {
  private Lesson() {}

  public static String render(SealedDrill drill, Diagnosis diagnosis, Grader.Grade grade, Analysis analysis, boolean fullReport) {
    DrillAnswer answer = drill.answer();
    StringBuilder b = new StringBuilder();
    b.append("# Drill ").append(drill.id()).append(": ").append(grade.total()).append("/100\n\n");
    b.append("Your answer: `").append(diagnosis).append("`\n\n");
    b.append(String.format(Locale.ROOT, "| part | points |%n|---|---:|%n| pattern | %d/%d |%n| subject | %d/%d |%n| cause | %d/%d |%n%n",
        grade.pattern(), Grader.PATTERN_POINTS, grade.subject(), Grader.SUBJECT_POINTS, grade.cause(), Grader.CAUSE_POINTS));
    for (String r : grade.remarks()) b.append("- ").append(r).append('\n');
    b.append('\n');

    b.append("## The answer\n\n");
    if (answer.nearMiss()) {
      b.append("`pattern=none`: a near miss. The logs look like **").append(drill.family())
          .append("**, but the conditions of that pattern do not hold, so nothing here is its root cause.\n\n");
    } else {
      b.append("`pattern=").append(answer.pattern()).append(" subject=").append(answer.subject())
          .append(" cause=").append(answer.causeFile()).append(':').append(answer.causeLine()).append('`')
          .append(answer.site().isEmpty() ? "" : " (site " + answer.site() + ")").append("\n\n");
    }

    Optional<Assessment> best = AnswerMatch.best(analysis, answer, drill.family());
    b.append(answer.nearMiss() ? "## Why it is not a root cause\n\n" : "## The evidence you should have found\n\n");
    if (best.isEmpty()) {
      b.append(answer.nearMiss() ? "No rule raised a hypothesis of this pattern: the look-alike does not even meet its conditions.\n\n"
          : "The analyser did not find this answer with the installed rules (see the report below).\n\n");
    } else {
      Assessment a = best.get();
      Hypothesis h = a.hypothesis();
      List<SourceRef> refs = new ArrayList<>();
      refs.add(h.cause());
      refs.add(h.trigger());
      h.evidence().forEach(e -> refs.add(e.ref()));
      SourceText text = SourceText.of(refs);
      if (answer.nearMiss()) {
        b.append("The rules suspected ").append(h.pattern()).append(" on ").append(h.subject()).append(", and the replay judged it **")
            .append(a.validation().verdict().word()).append("**: ").append(a.validation().summary()).append(".\n\n");
      }
      if (h.cause() != null) b.append("- cause: ").append(quote(h.cause(), text)).append('\n');
      if (h.trigger() != null && !h.trigger().equals(h.cause())) b.append("- trigger: ").append(quote(h.trigger(), text)).append('\n');
      for (Evidence e : h.evidence()) {
        b.append("- evidence: ").append(quote(e.ref(), text)).append(e.note().isEmpty() ? "" : " — " + e.note()).append('\n');
      }
      if (!answer.nearMiss()) b.append("- validation: ").append(a.validation().verdict().word()).append(", ").append(a.validation().summary()).append('\n');
      if (a.replay() != null) for (String s : a.replay().narrative()) b.append("- ").append(s).append('\n');
      b.append('\n');
    }

    Optional<RuleInfo> rule = best.map(Assessment::rule).or(() -> ruleOfPattern(analysis, drill.family()));
    b.append("## Teaching notes\n\n");
    if (rule.isEmpty()) {
      b.append("No rule of this pattern is installed.\n\n");
    } else {
      RuleInfo r = rule.get();
      b.append("Rule **").append(r.id()).append("** ").append(r.title())
          .append(r.severity().isEmpty() ? "" : " · severity " + r.severity()).append(" (").append(r.where()).append(")\n\n");
      if (!r.notes().isEmpty()) b.append(r.notes()).append("\n\n");
      // The rule's page holds the reference incident's story and how to spot and prevent it.
      org.hindsight.report.RulePages.pageOf(r).ifPresent(page -> {
        try {
          b.append(java.nio.file.Files.readString(page).replaceAll("(?m)^#", "###")).append("\n");
        } catch (java.io.IOException e) {
          b.append("Rule page: ").append(page).append("\n\n");
        }
      });
      if (!r.remediation().isEmpty()) b.append("How to prevent it: ").append(r.remediation()).append("\n\n");
      if (!r.references().isEmpty()) {
        b.append("Read more:\n");
        r.references().forEach(u -> b.append("- ").append(u).append('\n'));
        b.append('\n');
      }
    }
    if (fullReport) {
      b.append("## The full report\n\n");
      b.append(MarkdownReport.render(analysis).replaceAll("(?m)^#", "##"));
    }
    return b.toString();
  }

  private static String quote(SourceRef ref, SourceText text) {
    String t = text.get(ref);
    return "`" + AnswerMatch.fileName(ref.file()) + ":" + ref.line() + "`" + (t.isEmpty() ? "" : " " + t.replace('\n', ' '));
  }

  /**
   * A rule of {@code pattern} when no hypothesis names one (a near miss nothing fired on): rules
   * live in {@code rules/<pattern>/} or are named {@code "<pattern>: …"} by convention.
   */
  static Optional<RuleInfo> ruleOfPattern(Analysis analysis, String pattern) {
    return analysis.rules().rules().stream()
        .filter(r -> r.file().replace('\\', '/').contains("/" + pattern + "/") || r.name().startsWith(pattern + ":"))
        .findFirst();
  }
}
