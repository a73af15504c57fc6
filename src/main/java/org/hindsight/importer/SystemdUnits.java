package org.hindsight.importer;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which systemd unit a message naming only its <em>description</em> is about. systemd's
 * {@code Stopped PostgreSQL 13 database server.} and {@code Failed to start Network Configuration.} name the
 * unit's description, not the unit; taken as an entity it is a name no inventory holds. systemd names the
 * unit itself on the line it writes just before, on the same host ({@code postgresql-13.service: Failed with
 * result 'exit-code'.}, {@code systemd-networkd.service: Deactivated successfully.}); newer releases put it
 * in the line ({@code Stopped nginx.service - A high performance web server…}). A description once paired
 * with its unit on a host keeps that unit there ({@code Started Network Configuration.} later). One per
 * import run; messages are read in the order the log gives them.
 */
final class SystemdUnits {
  /** A unit file's name: systemd's own name for what it starts and stops. */
  private static final Pattern UNIT = Pattern.compile(
      "([\\w@.:\\\\-]+?\\.(?:service|socket|mount|automount|timer|path|scope|slice|swap|device))");
  /** A message about a named unit ({@code nginx.service: Failed with result …}). */
  private static final Pattern UNIT_LINE = Pattern.compile("^" + UNIT.pattern() + ": ");
  /** A description that is, or begins with, the unit's name ({@code nginx.service - A high performance…}). */
  private static final Pattern NAMED = Pattern.compile("^" + UNIT.pattern() + "(?: - .*)?$");

  private final Map<String, String> lastUnitLine = new HashMap<>();
  private final Map<String, String> byDescription = new HashMap<>();

  /** Notes a message of the host: whether it names a unit is what pairs the host's next description with it. */
  void saw(String host, String message) {
    Matcher m = UNIT_LINE.matcher(message);
    if (m.find()) lastUnitLine.put(host, m.group(1));
    else lastUnitLine.remove(host);
  }

  /**
   * The unit a description on this host names ({@code nginx.service}), or null when nothing says which.
   * Call before {@link #saw} for the same message.
   */
  String unit(String host, String description) {
    Matcher named = NAMED.matcher(description);
    if (named.matches()) return named.group(1);
    String key = host + "\n" + description;
    String just = lastUnitLine.get(host);
    if (just != null) {
      byDescription.put(key, just);
      return just;
    }
    return byDescription.get(key);
  }

  /** The unit as an entity: a service's unit is named without {@code .service}, as journald's rows name it. */
  static String entity(String unit) {
    return unit.endsWith(".service") ? unit.substring(0, unit.length() - ".service".length()) : unit;
  }
}
