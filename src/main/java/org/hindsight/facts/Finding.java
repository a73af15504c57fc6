package org.hindsight.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * A statement that is not itself a root cause: a contributing factor (work outside the approved
 * window), a data-loss risk (backups beside their primary), a latent defect (an unreachable
 * cycle), or symptoms another cause must explain. Rules insert these beside hypotheses.
 *
 * <pre>
 * Finding( kind == "contributing-factor", pattern == "typo-scoped-shutdown" )
 * </pre>
 *
 * @param kind one of {@code contributing-factor}, {@code data-loss}, {@code latent},
 *     {@code independent-cause}, or a custom word
 * @param pattern the pattern of the hypothesis it relates to ("" when standalone)
 * @param subject what it is about
 * @param summary one sentence for reports
 * @param evidence records cited
 * @param origin the first record cited, or null
 */
public record Finding(
    String kind, String pattern, String subject, String summary, List<Evidence> evidence)
    implements Fact {

  public Finding {
    evidence = List.copyOf(evidence);
  }

  public static Finding of(String kind, String pattern, String subject, String summary, Fact... cited) {
    List<Evidence> ev = new ArrayList<>();
    for (Fact f : cited) {
      if (f != null && f.origin() != null) ev.add(new Evidence(f.origin(), ""));
    }
    return new Finding(kind, pattern, subject, summary, ev);
  }

  @Override
  public SourceRef origin() {
    return evidence.isEmpty() ? null : evidence.get(0).ref();
  }

  /**
   * Which of two findings of one {@link #key} is reported: the one whose evidence comes first in the logs
   * (its records compared in order, file then line; a prefix first), never the one Drools fired first (one
   * rule's activations within a batch fire in the order their facts were propagated, which no rule states).
   */
  public static final java.util.Comparator<Finding> ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.evidence.size(), b.evidence.size()); i++) {
      int c = java.util.Comparator.nullsLast(SourceRef.ORDER).compare(a.evidence.get(i).ref(), b.evidence.get(i).ref());
      if (c != 0) return c;
    }
    return Integer.compare(a.evidence.size(), b.evidence.size());
  };

  public String key() {
    return kind + "\u0000" + pattern + "\u0000" + subject + "\u0000" + summary;
  }
}
