package org.hindsight.importer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * What Cisco's IOS and IOS-XR syslogs share: messages that record a user's configuration command (or
 * commit), and {@code CONFIG_I} ("Configured from console by admin on vty0 (192.0.2.7)"), logged when
 * the user leaves configuration mode, which names the line the commands came from. Commands are held
 * per device and user until then; sessions are the user's commands on a device and line until
 * {@code CONFIG_I} or a silence longer than {@code --session-gap}, named {@code vty0-1} ({@code cli-N}
 * while the line is unknown). Time and device come from the syslog header (the collector's clock; an
 * address is looked up in the device map).
 */
abstract class CiscoSyslogImporter implements Importer {
  /** A command message: who typed what, and columns the dialect adds (e.g. a commit id). */
  record Command(String user, String command, Map<String, String> extra) {}

  /** The line that ended a user's configuration session. */
  record SessionEnd(String user, String line) {}

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.CONFIG_COMMANDS);
  }

  /** The command a message records, or null when it records none. */
  abstract Command command(String text);

  /** IOS's {@code %SYS-5-CONFIG_I: …} and IOS-XR's {@code %MGBL-SYS-5-CONFIG_I : …}. */
  private static final Pattern CONFIG_I = Pattern.compile(
      "%(?:MGBL-)?SYS-5-CONFIG_I ?: Configured from (\\S+) by (\\S+?)(?: on (\\S+))?(?: \\(([^)]*)\\))?\\s*$");

  /** The session end a message records ({@code CONFIG_I}: its line, else where it came from), or null. */
  static SessionEnd sessionEnd(String text) {
    Matcher m = CONFIG_I.matcher(text);
    return m.find() ? new SessionEnd(m.group(2), m.group(3) != null ? m.group(3) : m.group(1)) : null;
  }

  private record Held(int line, Timestamps.Parsed time, String device, Command command) {}

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    ImportRun.Clock clock = run.clock();
    Map<String, List<Held>> pending = new HashMap<>();
    List<Object[]> out = new ArrayList<>(); // {Held, line name}
    Lines.each(source, (n, text) -> {
      Command cmd = command(text);
      SessionEnd end = cmd == null ? sessionEnd(text) : null;
      if (cmd == null && end == null) {
        run.ignored(source);
        return;
      }
      SyslogLine.Timed h = SyslogLine.timed(text, clock, source, n, run);
      if (h == null) return;
      Timestamps.Parsed t = h.time();
      String device = run.settings().devices().device(h.host());
      if (cmd != null) {
        pending.computeIfAbsent(device + '\u0000' + cmd.user(), k -> new ArrayList<>()).add(new Held(n, t, device, cmd));
      } else {
        List<Held> held = pending.remove(device + '\u0000' + end.user());
        if (held != null) for (Held c : held) out.add(new Object[] {c, end.line()});
        run.ignored(source);
      }
    });
    pending.values().forEach(held -> held.forEach(c -> out.add(new Object[] {c, ""})));
    out.sort((a, b) -> Integer.compare(((Held) a[0]).line, ((Held) b[0]).line));
    CliSessions sessions = new CliSessions(run.settings().sessionGap);
    for (Object[] o : out) {
      Held c = (Held) o[0];
      String line = (String) o[1];
      ImportRun.Row row = run.row(LogKind.CONFIG_COMMANDS, source, c.line)
          .set("timestamp", ImportRun.format(c.time.instant(), c.time.offset())).set("device", c.device)
          .set("session", sessions.session(c.device, line, c.command.user(), c.time.instant(), null))
          .set("user", c.command.user()).set("command", c.command.command());
      c.command.extra().forEach(row::set);
      run.kept(source);
    }
  }
}
