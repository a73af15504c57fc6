package org.hindsight.drill;

/**
 * The sealed truth of a generated incident.
 *
 * @param pattern the root-cause pattern, or {@code none} for a near-miss drill
 * @param subject what the pattern's hypotheses name as subject ("" for none)
 * @param causeFile the file (name within the bundle) holding the root-cause record
 * @param causeLine its line
 * @param site the failure domain where one applies, else ""
 */
public record DrillAnswer(String pattern, String subject, String causeFile, int causeLine, String site) {
  public static DrillAnswer none() {
    return new DrillAnswer("none", "", "", 0, "");
  }

  public boolean nearMiss() {
    return pattern.equals("none");
  }
}
