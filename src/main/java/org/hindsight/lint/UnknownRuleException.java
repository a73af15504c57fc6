package org.hindsight.lint;

import java.util.List;

/** {@code explain --rule ID} named no rule; carries the ids that exist, so the user can pick one. */
public final class UnknownRuleException extends Exception {
  private final String wanted;
  private final List<String> known;

  public UnknownRuleException(String wanted, List<String> known) {
    super("no rule has @id or name '" + wanted + "'");
    this.wanted = wanted;
    this.known = List.copyOf(known);
  }

  public String wanted() {
    return wanted;
  }

  /** The rules' ids (their names when they have no id), sorted. */
  public List<String> known() {
    return known;
  }
}
