package org.hindsight.facts;

import java.time.Instant;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * A row of the {@code events} kind: anything that happened (site fire, service down, deploy …).
 *
 * <pre>
 * $down : Event( type == "service.down", $service : entity )
 * </pre>
 *
 * @param time when it happened
 * @param source which system logged it
 * @param type dotted event type, e.g. site.fire, service.down, cert.expired
 * @param entity what it is about ("" when the log names nothing)
 * @param message free text as logged
 * @param severity info, warning, error or critical, lower case ("" when absent)
 * @param attributes columns beyond the contract, as strings; read one with attr("column") ("" when absent)
 * @param origin file:line of the record it comes from (cite it: .cause($fact) does)
 */
@Role(Role.Type.EVENT)
@Timestamp("millis")
public record Event(
    Instant time,
    String source,
    String type,
    String entity,
    String message,
    String severity,
    Attributes attributes,
    SourceRef origin)
    implements TimedFact {

  /**
   * How many raw events this row stands for: 1, or in a reduced bundle the count of its entity's
   * events of its type in the hour that {@code hindsight reduce} summarised into it (the
   * {@code represents} column; docs/reduce.md).
   */
  public long represents() {
    String v = attributes.get("represents");
    if (v.isEmpty()) return 1;
    try {
      return Math.max(1, Long.parseLong(v));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** Extra column value ("" when absent). */
  public String attr(String name) {
    return attributes.get(name);
  }
}
