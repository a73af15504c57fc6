package org.hindsight.facts;

import java.time.Instant;
import java.util.List;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * The capacity one command took from one service: hosts of the service it removed that were still
 * serving ({@code lost}), and how many of them lie beyond the operator's intent. Summing
 * {@code lost} over the losses of a service up to a {@code seq} gives its cumulative loss.
 *
 * <pre>
 * $l : ServiceLoss( $svc : service, $fleet : fleet, $seq : seq, $lost : lost )
 * </pre>
 *
 * @param time when the command ran
 * @param command the {@code ops-commands} row
 * @param seq order of the command among capacity-removing commands (time, then file order)
 * @param service the service that lost capacity
 * @param fleet the service's live hosts before any command
 * @param lost hosts of the service this command took out that earlier commands had not
 * @param beyondIntent how many of {@code lost} the intent did not cover
 * @param affected the service and every service that hard-depends on it, directly or not
 */
@Role(Role.Type.EVENT)
@Timestamp("millis")
public record ServiceLoss(
    Instant time,
    SourceRef command,
    int seq,
    String service,
    int fleet,
    int lost,
    int beyondIntent,
    List<String> affected)
    implements TimedFact {

  public ServiceLoss {
    affected = org.hindsight.util.HashedList.copyOf(affected); // rules ask `memberOf` of it per failure
  }

  @Override
  public SourceRef origin() {
    return command;
  }
}
