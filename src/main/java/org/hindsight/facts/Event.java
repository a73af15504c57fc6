package org.hindsight.facts;

import java.time.Instant;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/** A row of the {@code events} kind: anything that happened (site fire, service down, deploy …). */
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

  /** Extra column value ("" when absent). */
  public String attr(String name) {
    return attributes.get(name);
  }
}
