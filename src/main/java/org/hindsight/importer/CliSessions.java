package org.hindsight.importer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Reconstructs CLI sessions from command logs that do not carry one: commands of the same device,
 * line (vty, tty, pid) and user belong together until a silence longer than the session gap, or an
 * explicit login/logout. The id is the line plus a number that tells sessions on it apart.
 */
final class CliSessions {
  private record Open(String id, Instant last) {}

  private final Duration gap;
  private final Map<String, Open> open = new HashMap<>();
  private final Map<String, Integer> counts = new HashMap<>();

  CliSessions(Duration gap) {
    this.gap = gap;
  }

  /** The session a command at {@code t} belongs to; {@code hint} is a number the log gives (task id), if any. */
  String session(String device, String line, String user, Instant t, String hint) {
    String key = device + '\u0000' + line + '\u0000' + user;
    Open o = open.get(key);
    if (o == null || Duration.between(o.last, t).compareTo(gap) > 0 || t.isBefore(o.last.minus(gap))) {
      int n = counts.merge(device + '\u0000' + line, 1, Integer::sum);
      String id = (line.isEmpty() ? "cli" : line) + "-" + (hint == null || hint.isEmpty() ? String.valueOf(n) : hint);
      o = new Open(id, t);
    }
    open.put(key, new Open(o.id, t));
    return o.id;
  }

  /** A login or logout on the line: the next command starts a new session. */
  void close(String device, String line, String user) {
    open.remove(device + '\u0000' + line + '\u0000' + user);
  }
}
