package org.hindsight.facts;

import java.time.Instant;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * What one {@code config-commands} line did once replayed through its device's CLI dialect: the
 * configuration context it took effect in (or was tried in, when rejected) and what it is about.
 * Vendor-independent: IOS modes, Junos {@code edit} levels and SR OS contexts all become a context
 * path such as {@code router isis CORE > address-family ipv4 unicast}. The rule session holds one
 * for each line that brings routes from another source ({@code injects != ""}), the only lines that
 * can leak; every line is read from {@link CliLines}.
 *
 * <pre>
 * $leak : CommandEffect( effective, igpContext, vrf == "", !negated, injects != "", injects != contextProtocol )
 * </pre>
 *
 * @param time when the line took effect: the typed time, or the time of the {@code commit} that put it
 *     in force on commit-based dialects (the typed time for lines that never took effect)
 * @param typedAt when it was typed
 * @param device the device the line was typed on
 * @param session the CLI session id
 * @param user who typed it
 * @param seq position in its session (0-based, typed order)
 * @param command the line, whitespace-normalised
 * @param dialect the CLI model used ({@code ios}, {@code iosxr}, {@code junos}, {@code sros}, or
 *     {@code generic} when the platform is unknown)
 * @param context where it took effect or was tried ({@code ""} = top of configuration)
 * @param contextEntry seq of the line that entered the innermost context level (-1 at the top), so
 *     lines of one visit to a context share it
 * @param contextProtocol routing protocol of the context ({@code isis}, {@code ospf}, {@code bgp}, …; "" none)
 * @param vrf VRF / routing instance of the context ("" = the global table)
 * @param topic the protocol the line itself is about ({@code neighbor … remote-as} is bgp; "" when neutral)
 * @param injects for a redistribution / export line: the protocol whose routes it brings into
 *     {@code contextProtocol} ({@code any} for a policy without a protocol match, {@code unknown} for an
 *     unseen policy); "" otherwise
 * @param accepted the device accepted the line (logged, or inferred from the dialect's grammar)
 * @param inferred acceptance was inferred: the log has no result for it
 * @param effective accepted and in force (committed, on commit-based dialects)
 * @param opensMode the line opens (or, when rejected, tried to open) a configuration mode
 * @param negated a {@code no …} / {@code delete …} line
 * @param bounded a redistribution filtered or capped (route-map, policy with prefix filters, limit)
 * @param limit the line caps routes or LSAs/LSPs an IGP will take or redistribute
 * @param foreignLine the line is about another protocol than its context's (and is no redistribution)
 * @param igpContext {@code contextProtocol} is an interior gateway protocol
 * @param explicitPath the line named its whole context path from the top (SR OS {@code configure …},
 *     MD-CLI {@code /configure …}, Junos {@code top set …}): its context is on purpose, not left over
 * @param origin the {@code config-commands} row of the line
 */
@Role(Role.Type.EVENT)
@Timestamp("millis")
public record CommandEffect(
    Instant time,
    Instant typedAt,
    String device,
    String session,
    String user,
    int seq,
    String command,
    String dialect,
    String context,
    int contextEntry,
    String contextProtocol,
    String vrf,
    String topic,
    String injects,
    boolean accepted,
    boolean inferred,
    boolean effective,
    boolean opensMode,
    boolean negated,
    boolean bounded,
    boolean limit,
    boolean foreignLine,
    boolean igpContext,
    boolean explicitPath,
    SourceRef origin)
    implements TimedFact {

  /**
   * A redistribution/export in force that brings another protocol's routes into a global-table IGP.
   * Rules match it ({@code CommandEffect( leaksIntoIgp() )}) and the missing-exit replay checks its
   * counterfactual lines with the same definition.
   */
  public boolean leaksIntoIgp() {
    return leaksIntoIgp(effective, igpContext, vrf, negated, injects, contextProtocol);
  }

  /**
   * The same line logged again: same device, session, text, context visit and times, another row (an
   * accounting record both servers logged). Typed again in the same context it changes nothing the
   * first did not, so it is one change, never the first's rival.
   */
  public boolean repeats(CommandEffect o) {
    return o != this && device.equals(o.device) && session.equals(o.session) && command.equals(o.command)
        && context.equals(o.context) && contextEntry == o.contextEntry && time.equals(o.time) && typedAt.equals(o.typedAt)
        && effective == o.effective && injects.equals(o.injects);
  }

  /** The leak condition itself, for lines replayed outside a session (counterfactuals). */
  public static boolean leaksIntoIgp(boolean effective, boolean igpContext, String vrf, boolean negated, String injects,
      String contextProtocol) {
    return effective && igpContext && vrf.isEmpty() && !negated && !injects.isEmpty() && !injects.equals(contextProtocol);
  }
}
