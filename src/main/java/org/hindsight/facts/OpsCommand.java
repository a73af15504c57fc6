package org.hindsight.facts;

import java.time.Instant;
import java.util.regex.Pattern;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * A row of {@code ops-commands}: an operator command run against hosts or a fleet.
 *
 * <pre>
 * $op : OpsCommand( command str[startsWith] "kubectl scale", ticket != "" )
 * </pre>
 *
 * @param time when it was run
 * @param operator who ran it
 * @param command the command line as typed
 * @param ticket the change ticket it cites ("" when none)
 * @param result the tool's answer ("" when not logged)
 * @param attributes columns beyond the contract, as strings; read one with attr("column") ("" when absent)
 * @param origin file:line of the record it comes from (cite it: .cause($fact) does)
 */
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

  /** Answers that say the command did not take effect: an error, a refusal, a time-out, a failed connection. */
  private static final Pattern REJECTED = Pattern.compile(
      "(?i).*(error|fail|denied|abort|reject|refus|timed? ?out|cancel|could ?not|cannot|can't|unable to|no such"
          + "|exit(ed)? (code|status)[ =:]*[1-9]).*");

  public String attr(String name) {
    return attributes.get(name);
  }

  /** The host the command was typed on, from a {@code host} column (or {@code hostname}, {@code node}, {@code server}, {@code on_host}); "" when none. */
  public String ranOn() {
    for (String column : java.util.List.of("host", "hostname", "node", "server", "on_host")) {
      String v = attr(column).trim();
      if (!v.isEmpty()) return v;
    }
    return "";
  }

  /** True when the logged result says the command did not take effect (an empty result says nothing: false). */
  public boolean rejected() {
    return !result.isEmpty() && REJECTED.matcher(result).matches();
  }
}
