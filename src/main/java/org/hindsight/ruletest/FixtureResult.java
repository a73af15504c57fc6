package org.hindsight.ruletest;

import java.util.List;

/**
 * The outcome of one fixture.
 *
 * @param fixture the fixture folder as displayed
 * @param failures one entry per broken expectation or error, each possibly several lines (the
 *     first says what broke, the indented rest why); empty when passed
 * @param context what the analysis concluded and which rules fired, shown with failures
 */
public record FixtureResult(String fixture, List<String> failures, List<String> context) {
  public FixtureResult {
    failures = List.copyOf(failures);
    context = List.copyOf(context);
  }

  public boolean passed() {
    return failures.isEmpty();
  }

  /** {@code PASS dir}, or {@code FAIL dir} followed by the diff, indented. */
  public String render() {
    if (passed()) return "PASS " + fixture + "\n";
    StringBuilder sb = new StringBuilder("FAIL ").append(fixture).append('\n');
    for (String f : failures) sb.append(indent(f));
    for (String c : context) sb.append(indent(c));
    return sb.toString();
  }

  private static String indent(String text) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n", -1)) sb.append("  ").append(line).append('\n');
    return sb.toString();
  }
}
