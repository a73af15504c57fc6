package org.hindsight.ruletest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One entry of an {@code expect.json} list: the fields it constrains (only the ones written), and
 * where it was written so a failure can point at it.
 *
 * @param section {@code expect}, {@code forbid} or {@code findings}
 * @param index 1-based position in its list
 * @param line line of the entry's opening brace in expect.json
 * @param fields field → expected value, in written order ({@code null} value: "none", e.g. no site)
 */
public record Expectation(String section, int index, int line, Map<String, String> fields) {
  /** Fields a hypothesis entry may constrain, in the order diffs list them. */
  public static final List<String> HYPOTHESIS_FIELDS = List.of("pattern", "subject", "site", "verdict", "cause", "trigger", "rule");
  /** Fields a finding entry may constrain. */
  public static final List<String> FINDING_FIELDS = List.of("kind", "pattern", "subject");
  /** Verdict words an entry may ask for; {@code live} means confirmed or plausible. */
  public static final List<String> VERDICTS = List.of("confirmed", "plausible", "refuted", "not-simulated", "live");

  public Expectation {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** {@code expect[2] {pattern=missing-exit, subject=r1} (expect.json:7)}. */
  public String describe() {
    return section + "[" + index + "] " + fieldsText() + " (expect.json:" + line + ")";
  }

  public String fieldsText() {
    return fields.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue() == null ? "none" : e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
