package org.hindsight.patterns.certificateexpiry;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.derive.Derivation;
import org.hindsight.derive.FactDeriver;
import org.hindsight.facts.Event;
import org.hindsight.facts.ExpiredCertificate;
import org.hindsight.facts.Fact;
import org.hindsight.facts.InventoryItem;
import org.hindsight.world.World;

/**
 * Reads log lines that say a TLS peer rejected a certificate as expired ({@link ExpiredCertificate}): an expiry
 * is often logged only by those who met it, as error text, never as a {@code cert.expired} event of the holder.
 * Two readings, by who wrote the line:
 * <ul>
 *   <li>a client's verification error (OpenSSL's and Go's "certificate has expired", .NET's {@code NotTimeValid},
 *       Node's {@code CERT_HAS_EXPIRED}, Java's {@code CertificateExpiredException}, browsers' date errors): the
 *       certificate is the endpoint's the line names (a URL's host, {@code host='…'}, {@code host:443}), when the
 *       inventory lists it — no endpoint listed, no guess;</li>
 *   <li>a received TLS alert 45, {@code certificate_expired} (RFC 8446 §6.2; Schannel's "fatal alert was received
 *       … code is 45"): the peer rejected the certificate of the entity that logged it. An alert <em>sent</em>
 *       says the writer rejected its peer's, which it does not name: not read.</li>
 * </ul>
 * Routine lines ({@code info}, {@code debug}) are not read, nor more than the first {@link #READ_CHARS} characters of a line.
 */
@AutoService(FactDeriver.class)
public final class ExpiredCertificateDeriver implements FactDeriver {
  /** Error text is at the head of a line; a runaway line is not scanned whole. */
  static final int READ_CHARS = 4096;

  private static final Pattern ALERT_RECEIVED = Pattern.compile(
      "(?i)\\balert\\b[^.;\\n]{0,80}\\breceived\\b[^\\n]{0,160}?(?:\\bcode (?:is )?45\\b|certificate[_ ]expired)"
          + "|\\breceived\\b[^.;\\n]{0,40}\\balert\\b[^\\n]{0,80}?(?:\\b45\\b|certificate[_ ]expired)");
  private static final Pattern ALERT_SENT = Pattern.compile("(?i)\\balert\\b[^.;\\n]{0,80}\\b(?:sent|generated)\\b");
  private static final Pattern VERIFICATION = Pattern.compile(
      "(?i)certificate (?:has |is )?expired|\\bcert_has_expired\\b|\\bNotTimeValid\\b|CertificateExpiredException"
          + "|ERR_CERT_DATE_INVALID|SEC_ERROR_EXPIRED_CERTIFICATE|\\bcertificate_expired\\b");
  /** Where a client's line names the endpoint it called. */
  private static final Pattern ENDPOINT = Pattern.compile(
      "(?i)\\b(?:https|wss|ldaps|grpcs|tls|ssl)://\\[?([a-z0-9][a-z0-9.-]*)"
          + "|\\bhost\\s*[=:]\\s*['\"]?([a-z0-9][a-z0-9.-]*)"
          + "|\\b([a-z0-9][a-z0-9.-]*\\.[a-z0-9-]+):(?:443|8443|636|993|995|465|6443)\\b");

  @Override
  public String name() {
    return "expired-certificates";
  }

  @Override
  public List<Class<? extends Fact>> factTypes() {
    return List.of(ExpiredCertificate.class);
  }

  @Override
  public List<ExpiredCertificate> derive(World world) {
    List<ExpiredCertificate> seen = sightings(world);
    seen.sort(java.util.Comparator.comparing(ExpiredCertificate::time));
    java.util.Map<String, java.time.Instant> last = new java.util.HashMap<>();
    List<ExpiredCertificate> out = new ArrayList<>(seen.size());
    for (ExpiredCertificate s : seen) {
      java.time.Instant before = last.put(s.subject(), s.time());
      boolean first = before == null || before.plus(ExpiredCertificate.BURST).isBefore(s.time());
      out.add(new ExpiredCertificate(s.holder(), s.subject(), s.seenBy(), s.how(), s.time(), first, s.origin()));
    }
    return out;
  }

  private static List<ExpiredCertificate> sightings(World world) {
    List<ExpiredCertificate> out = new ArrayList<>();
    for (Event e : world.eventsWhereSeverity(ExpiredCertificateDeriver::mayReport)) {
      Derivation.at(e.origin());
      String text = e.message().length() > READ_CHARS ? e.message().substring(0, READ_CHARS) : e.message();
      if (!mayMention(text)) continue;
      if (ALERT_RECEIVED.matcher(text).find()) {
        if (!e.entity().isEmpty()) out.add(seen(world, e.entity(), e, "alert"));
      } else if (VERIFICATION.matcher(text).find() && !ALERT_SENT.matcher(text).find() && !mentionsAlert(text)) {
        endpoint(world, text).ifPresent(holder -> out.add(seen(world, holder, e, "verification")));
      }
    }
    return out;
  }

  /** Whether a line of this severity may report a failure: not a routine one. */
  static boolean mayReport(String severity) {
    String s = severity.toLowerCase(Locale.ROOT);
    return !(s.equals("info") || s.equals("debug") || s.equals("notice") || s.equals("trace"));
  }

  /** A cheap test before the patterns, no copy of the line made: every reading needs one of these words. */
  private static boolean mayMention(String text) {
    return text.contains("xpired") || text.contains("XPIRED") || text.contains("NotTimeValid") || text.contains("DATE_INVALID")
        || text.contains("lert") || text.contains("LERT");
  }

  /** A client that received an alert about its own certificate (mutual TLS) says nothing of the endpoint's. */
  private static boolean mentionsAlert(String text) {
    return text.toLowerCase(Locale.ROOT).contains("alert");
  }

  private static ExpiredCertificate seen(World world, String holder, Event e, String how) {
    String subject = world.item(holder).map(InventoryItem::service).filter(s -> !s.isEmpty()).orElse(holder);
    return new ExpiredCertificate(holder, subject, e.entity(), how, e.time(), false, e.origin());
  }

  /** The first endpoint the line names that the inventory lists. */
  static Optional<String> endpoint(World world, String text) {
    Matcher m = ENDPOINT.matcher(text);
    while (m.find()) {
      for (int g = 1; g <= 3; g++) {
        String host = m.group(g);
        if (host == null) continue;
        host = host.replaceAll("\\.+$", "");
        if (world.item(host).isPresent()) return Optional.of(host);
        String lower = host.toLowerCase(Locale.ROOT);
        if (world.item(lower).isPresent()) return Optional.of(lower);
      }
    }
    return Optional.empty();
  }
}
