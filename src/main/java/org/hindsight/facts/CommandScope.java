package org.hindsight.facts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * What one {@code ops-commands} row did, as Hindsight understood it: which hosts it removed,
 * drained, stopped or scaled away, and what the operator meant it to do.
 *
 * <p>Neutral: whether going beyond the intent makes the command a typo or over-scoped is the
 * rules' call (rules/typo-scoped-shutdown infers it from {@code withinIntent} and {@code slipSelector}).
 *
 * <pre>
 * $c : CommandScope( removesCapacity, intentKnown(), !withinIntent )
 * </pre>
 *
 * @param time when the command ran
 * @param command the command line as typed
 * @param operator who ran it
 * @param ticket the change ticket it cites ("" when none)
 * @param tool the program run ({@code kubectl}, a fleet tool), "" when not understood
 * @param action its verb as typed ({@code remove-capacity}, {@code scale}, …)
 * @param selector the part of the command that chose the targets, as typed
 * @param understood false when no grammar could read the command (see {@code problem})
 * @param problem why no grammar could read it ("" when understood)
 * @param removesCapacity true when the command took hosts out of service (not a dry run, not a
 *     read-only verb, not rejected by the tool)
 * @param hosts the hosts it took out, in name order
 * @param services hosts taken out per service (a host serving two services counts for both)
 * @param withinIntent every host it took (with what earlier commands under the same ticket took)
 *     lies within the intent's scope, host count and services; false when there is no intent
 * @param slipSelector a selector a small slip away from the typed one (a slipped count, a lost
 *     glob segment, lost range brackets or digit, …) whose hosts fit the intent; "" when none
 * @param intentSource where the intent came from: {@code ticket}, {@code history} (earlier runs
 *     of the same command shape), {@code service-option} (the command's own {@code --service}, or
 *     a word naming a service where hosts go), {@code session} (the hosts the same operator's commands
 *     worked on in the 30 minutes before), or {@code none}
 * @param intentRef the record stating the intent (ticket row, earlier command), or null
 * @param intendedSelector the selector the operator most likely meant ("" when unknown)
 * @param intendedHosts how many hosts that intent allows (-1 when unknown)
 * @param intendedServices the services the intent covers (empty when unknown)
 * @param intendedPart the hosts the operator meant this command to take (all of {@code hosts} when
 *     within intent; empty when the intent is unknown)
 * @param scopeSource how {@code hosts} were known: {@code command} (its text, resolved against the
 *     inventory), {@code command+effects} (and its hosts left service right after it),
 *     {@code effects} (its text told nothing usable — unknown tool, unresolved selector — and the
 *     hosts that stopped, rebooted, drained or went down within seconds after it are its scope), or
 *     {@code none}
 * @param effectHosts how many hosts left service right after it (attributed to it)
 * @param unresolvedSelector why its selector could not be resolved (too long, a bad or runaway
 *     regular expression, over the matching budget); "" when it was
 * @param origin the {@code ops-commands} row
 */
@Role(Role.Type.EVENT)
@Timestamp("millis")
public record CommandScope(
    Instant time,
    String command,
    String operator,
    String ticket,
    String tool,
    String action,
    String selector,
    boolean understood,
    String problem,
    boolean removesCapacity,
    List<String> hosts,
    Map<String, Integer> services,
    boolean withinIntent,
    String slipSelector,
    String intentSource,
    SourceRef intentRef,
    String intendedSelector,
    int intendedHosts,
    List<String> intendedServices,
    List<String> intendedPart,
    String scopeSource,
    int effectHosts,
    String unresolvedSelector,
    SourceRef origin)
    implements TimedFact {

  public CommandScope {
    hosts = List.copyOf(hosts);
    // Sorted, not Map.copyOf: its iteration order changes from run to run and reaches reports. Most
    // commands take no host (one fact per ops-commands row: 200k on a 100M bundle), so none and one
    // service are held without a tree.
    if (services.size() > 1) {
      services = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(services));
    } else {
      var only = services.isEmpty() ? null : services.entrySet().iterator().next();
      services = only == null ? Map.of() : java.util.Collections.singletonMap(only.getKey(), only.getValue());
    }
    intendedServices = List.copyOf(intendedServices);
    intendedPart = List.copyOf(intendedPart);
  }

  public int hostCount() {
    return hosts.size();
  }

  /** The hosts were inferred from what happened after the command, not from its text. */
  public boolean scopeFromEffects() {
    return scopeSource.equals("effects");
  }

  /** An intent was stated (ticket, earlier runs, the command's own --service, the operator's session). */
  public boolean intentKnown() {
    return !intentSource.equals("none");
  }
}
