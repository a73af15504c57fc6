package org.hindsight.simulate;

import java.time.Instant;
import org.hindsight.facts.SourceRef;

/**
 * Something wrong with one entity from some moment on: observed (with the record that shows it) or
 * predicted by a replay (record null). Kinds are dotted words shared by observation and
 * prediction, e.g. {@code service.down}, {@code router.overloaded}, {@code process.poisoned},
 * {@code adjacency.down}, {@code routes.surge}.
 */
public record Symptom(String kind, String entity, Instant onset, SourceRef evidence) {
  public String key() {
    return kind + " " + entity;
  }

  public static Symptom predicted(String kind, String entity, Instant onset) {
    return new Symptom(kind, entity, onset, null);
  }
}
