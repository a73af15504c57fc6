package org.hindsight.observe;

import java.time.Instant;
import org.hindsight.facts.SourceRef;

/**
 * Something wrong with one entity from some moment on, as the logs show it ({@link Observations})
 * or as a replay predicts it (evidence null). Kinds are listed in {@link SymptomKinds}.
 *
 * <p>Onsets and ends are intervals, because samples are: a metric first seen beyond its threshold
 * at 11:16:10 after a normal sample at 11:16:00 began somewhere in (11:16:00, 11:16:10].
 * {@code onsetEarliest} is that lower bound (equal to {@code onset} for a timestamped record);
 * {@code endEarliest} likewise for the end.
 *
 * @param onset when it is first seen (predicted: when it begins)
 * @param onsetEarliest the earliest moment it may have begun (the last normal sample), ≤ onset
 * @param end when it is first seen over (recovered), null when the logs never show it over or the
 *     replay predicts no recovery
 * @param endEarliest the earliest moment it may have ended, null with {@code end}
 * @param magnitude peak over baseline for metric kinds, NaN where no size applies
 * @param detail the metric or event type it was read from (e.g. {@code http.error_ratio}), "" if none
 * @param evidence the record that shows the onset, null when predicted
 * @param endEvidence the record that shows the end, null when none
 */
public record Symptom(
    String kind,
    String entity,
    Instant onset,
    Instant onsetEarliest,
    Instant end,
    Instant endEarliest,
    double magnitude,
    String detail,
    SourceRef evidence,
    SourceRef endEvidence) {

  public Symptom {
    if (onsetEarliest == null || (onset != null && onsetEarliest.isAfter(onset))) onsetEarliest = onset;
    if (end == null) endEarliest = null;
    else if (endEarliest == null || endEarliest.isAfter(end)) endEarliest = end;
    detail = detail == null ? "" : detail;
  }

  /** An observed symptom seen at one moment, with no known end. */
  public Symptom(String kind, String entity, Instant onset, SourceRef evidence) {
    this(kind, entity, onset, onset, null, null, Double.NaN, "", evidence, null);
  }

  public String key() {
    return kind + " " + entity;
  }

  public boolean observed() {
    return evidence != null;
  }

  public static Symptom predicted(String kind, String entity, Instant onset) {
    return new Symptom(kind, entity, onset, onset, null, null, Double.NaN, "", null, null);
  }

  /** A predicted symptom with a predicted recovery ({@code end} null: none predicted). */
  public static Symptom predicted(String kind, String entity, Instant onset, Instant end) {
    return new Symptom(kind, entity, onset, onset, end, end, Double.NaN, "", null, null);
  }
}
