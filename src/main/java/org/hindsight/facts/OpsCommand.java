package org.hindsight.facts;

import java.time.Instant;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/** A row of {@code ops-commands}: an operator command run against hosts or a fleet. */
@Role(Role.Type.EVENT)
@Timestamp("millis")
public record OpsCommand(
    Instant time,
    String operator,
    String command,
    String ticket,
    String result,
    Attributes attributes,
    SourceRef origin)
    implements TimedFact {

  public String attr(String name) {
    return attributes.get(name);
  }
}
