package org.hindsight.facts;

/** One log record cited in support of a claim, with an optional note saying why it matters. */
public record Evidence(SourceRef ref, String note) {
  public Evidence {
    note = note == null ? "" : note;
  }
}
