package org.hindsight.facts;

import java.time.Instant;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * A row of {@code config-commands}: one CLI line typed on a network device, as accounted by
 * TACACS+-style logging. {@code result} is "" or "ok" when the device accepted it (or a word exports write for that:
 * Success, accepted, committed), else its error.
 *
 * <pre>
 * $cmd : ConfigCommand( device == "r1", command str[startsWith] "router isis", !rejected() )
 * </pre>
 *
 * @param time when it was typed
 * @param device the device it was typed on
 * @param session the CLI session id
 * @param user who typed it
 * @param command the line as typed, without the prompt
 * @param result "" or ok (Success, accepted, committed…) when accepted, else the device's error text
 * @param attributes columns beyond the contract, as strings; read one with attr("column") ("" when absent)
 * @param origin file:line of the record it comes from (cite it: .cause($fact) does)
 */
@Role(Role.Type.EVENT)
@Timestamp("millis")
public record ConfigCommand(
    Instant time,
    String device,
    String session,
    String user,
    String command,
    String result,
    Attributes attributes,
    SourceRef origin)
    implements TimedFact {

  /** True when the log says the device rejected the line; false when accepted or not recorded. */
  public boolean rejected() {
    return !(result.isEmpty() || result.equalsIgnoreCase("ok") || accepted(result));
  }

  /**
   * Words accounting exports write for an accepted line besides the contract's {@code ok}: NX-OS's {@code (SUCCESS)},
   * a TACACS+ server's or a script's {@code Success}, {@code accepted}, {@code committed}, an exit status 0. Anything else
   * is the device's error text, as the contract says.
   */
  static boolean accepted(String result) {
    String s = result.trim().toLowerCase(java.util.Locale.ROOT);
    int from = 0;
    int to = s.length();
    while (from < to && "([{".indexOf(s.charAt(from)) >= 0) from++;
    while (to > from && ")]}.!".indexOf(s.charAt(to - 1)) >= 0) to--;
    return ACCEPTED.contains(s.substring(from, to).trim());
  }

  private static final java.util.Set<String> ACCEPTED = java.util.Set.of("ok", "okay", "success", "successful", "succeeded",
      "accepted", "committed", "commit complete", "applied", "done", "completed", "complete", "passed", "0", "true");

  /** True when the log records an outcome at all (the column may be absent or empty). */
  public boolean resultKnown() {
    return !result.isEmpty();
  }

  public String attr(String name) {
    return attributes.get(name);
  }
}
