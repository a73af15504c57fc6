package org.hindsight.importer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * TACACS+-style command accounting, however it was written down (a tac_plus file, a switch's own
 * syslog): command records ({@code start|stop|update} with attribute=value pairs, {@code cmd} among
 * them) and exec (login) records, taken in the order read, become {@code config-commands} rows.
 * Start-stop accounting sends each command twice: the stop is kept, or a start that has none.
 * Sessions are a device's commands on one port by one user, ended by an exec record on that port or a
 * silence longer than {@code --session-gap}, named {@code port-task_id} of their first command.
 */
final class CommandAccounting {
  /** A command record: {@code nas} is the device as the log names it (an address or a host name). */
  record Command(int line, Timestamps.Parsed time, String nas, String user, String port, String type,
      Map<String, String> av) {}

  private final List<Object> records = new ArrayList<>(); // Command, or a String key for a session boundary
  private final Set<String> stopped = new HashSet<>();

  /** An exec start or stop on a port: whatever session was open there has ended. */
  void exec(String nas, String port, String user) {
    records.add(nas + '\u0000' + port + '\u0000' + user);
  }

  void command(Command c) {
    if (c.type().equals("stop")) stopped.add(c.nas() + '\u0000' + c.av().getOrDefault("task_id", "?"));
    records.add(c);
  }

  /** Writes the rows of the records read so far, in their order. */
  void write(Source source, ImportRun run) {
    CliSessions sessions = new CliSessions(run.settings().sessionGap);
    for (Object o : records) {
      if (o instanceof String key) {
        String[] k = key.split("\u0000", -1);
        sessions.close(run.settings().devices().device(k[0]), k[1], k[2]);
        continue;
      }
      Command c = (Command) o;
      String task = c.av().getOrDefault("task_id", "");
      if (!c.type().equals("stop") && stopped.contains(c.nas() + '\u0000' + (task.isEmpty() ? "?" : task))) {
        run.ignored(source);
        continue;
      }
      String device = run.settings().devices().device(c.nas());
      String command = c.av().get("cmd").replaceFirst("\\s*<cr>\\s*$", "");
      String session = sessions.session(device, c.port(), c.user(), c.time().instant(), task);
      run.row(LogKind.CONFIG_COMMANDS, source, c.line())
          .set("timestamp", ImportRun.format(c.time().instant(), c.time().offset()))
          .set("device", device).set("session", session).set("user", c.user()).set("command", command)
          .set("nas", c.nas()).set("port", c.port()).set("task_id", task).set("priv_lvl", c.av().getOrDefault("priv-lvl", ""));
      run.kept(source);
    }
  }
}
