package org.hindsight.engine;

import java.util.List;
import java.util.Map;

/**
 * A compiled rule and the metadata its DRL declares, PMD/Error Prone style:
 *
 * <pre>
 * rule "missing-exit: protocol line took effect in the IGP context"
 *   &#64;id("HS-MX-001") &#64;title("…") &#64;severity("critical")
 *   &#64;references("https://…", "https://…") &#64;remediation("…")
 * </pre>
 *
 * @param file the DRL file it was read from, line its {@code rule} keyword
 */
public record RuleInfo(
    String name,
    String packageName,
    String file,
    int line,
    Map<String, String> metadata) {

  public static final List<String> REQUIRED_METADATA = List.of("id", "title", "severity", "references");
  /** Priorities a rule may give its action item with {@code @priority}; without one its severity decides. */
  public static final List<String> PRIORITIES = List.of("P0", "P1", "P2", "P3");

  public String id() {
    return metadata.getOrDefault("id", name);
  }

  public String title() {
    return metadata.getOrDefault("title", name);
  }

  public String severity() {
    return metadata.getOrDefault("severity", "");
  }

  public String remediation() {
    return metadata.getOrDefault("remediation", "");
  }

  /** The {@code @priority} the rule asks for its action item (P0–P3), "" when it names none. */
  public String priority() {
    return metadata.getOrDefault("priority", "").trim();
  }

  /** A short summary of the incident the rule was written from (its page tells the story). */
  public String notes() {
    return metadata.getOrDefault("notes", "");
  }

  /** The {@code @references} values: DRL keeps them as one quoted, comma-separated text. */
  public List<String> references() {
    return MetadataValues.list(metadata.getOrDefault("references", ""));
  }

  public String where() {
    return file + ":" + line;
  }
}
