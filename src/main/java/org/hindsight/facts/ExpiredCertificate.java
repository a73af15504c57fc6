package org.hindsight.facts;

import java.time.Instant;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * A TLS peer rejected a certificate as expired, as a log line said it: a client's verification error
 * ({@code certificate has expired}, {@code NotTimeValid}, {@code CERT_HAS_EXPIRED} …) naming the endpoint it
 * called, or a server's record of the {@code certificate_expired} alert (45) it received. Nothing here says the
 * expiry caused anything: the rules and the replay decide.
 *
 * <pre>
 * $seen : ExpiredCertificate( $subject : subject )
 * </pre>
 *
 * @param holder the entity whose certificate was rejected (the endpoint the client named, or the server that received the alert)
 * @param subject the service {@code holder} is an item of, or {@code holder} when it is none
 * @param seenBy the entity the log line is about (the client, or the server itself)
 * @param how {@code verification} (a client's error naming the endpoint) or {@code alert} (the alert received)
 * @param time when the line was logged
 * @param firstOfBurst no sighting of the same {@code subject} in the {@link #BURST} before it: when the certificate
 *     stopped working, as its peers saw it
 * @param origin file:line of the line (cite it: .cause($fact) does)
 */
@Role(Role.Type.EVENT)
@Timestamp("millis")
public record ExpiredCertificate(String holder, String subject, String seenBy, String how, Instant time, boolean firstOfBurst,
    SourceRef origin) implements TimedFact {
  /** How long a pause between two sightings of one subject ends a burst. */
  public static final java.time.Duration BURST = java.time.Duration.ofMinutes(30);
}
