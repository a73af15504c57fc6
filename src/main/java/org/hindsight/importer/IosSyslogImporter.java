package org.hindsight.importer;

import java.io.IOException;
import java.time.DateTimeException;
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
 * Cisco IOS/IOS-XE configuration logging to syslog ({@code archive / log config / notify syslog}):
 * {@code %PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:router isis CORE} becomes a
 * {@code config-commands} row; {@code %SYS-5-CONFIG_I: Configured from console by admin on vty0
 * (192.0.2.7)} ends the user's session on that device and names its line. Sessions: the user's
 * commands on a device until CONFIG_I or a silence longer than {@code --session-gap}; the id is
 * the line from CONFIG_I ({@code vty0-1}), or {@code cli-N} while unknown. Time and device come from
 * the syslog header (collector time; an address is looked up in the device map).
 */
public final class IosSyslogImporter implements Importer {
  private static final Pattern LOGGED = Pattern.compile("%PARSER-5-CFGLOG_LOGGEDCMD: User:(\\S+)\\s+logged command:(.*)$");
  private static final Pattern CONFIG_I = Pattern.compile("%SYS-5-CONFIG_I: Configured from (\\S+) by (\\S+?)(?: on (\\S+))?(?: \\(([^)]*)\\))?\\s*$");

  @Override
  public String name() {
    return "ios-syslog";
  }

  @Override
  public String summary() {
    return "Cisco IOS syslog: %PARSER-5-CFGLOG_LOGGEDCMD commands, %SYS-5-CONFIG_I session ends → config-commands";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.CONFIG_COMMANDS);
  }

  private record Cmd(int line, Timestamps.Parsed time, String device, String user, String command) {}

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    ImportRun.Clock clock = run.clock();
    // commands are held per device and user until CONFIG_I names their line
    Map<String, List<Cmd>> pending = new HashMap<>();
    List<Object[]> out = new ArrayList<>(); // {Cmd, line name}
    Lines.each(source, (n, text) -> {
      Matcher cmd = LOGGED.matcher(text);
      Matcher end = CONFIG_I.matcher(text);
      boolean isCmd = cmd.find();
      boolean isEnd = !isCmd && end.find();
      if (!isCmd && !isEnd) {
        run.ignored(source);
        return;
      }
      SyslogLine h = SyslogLine.parse(text);
      if (h == null) {
        run.problem(source, n, "no syslog header (time and host) before the message");
        return;
      }
      Timestamps.Parsed t;
      try {
        t = clock.parse(h.time());
      } catch (DateTimeException e) {
        run.problem(source, n, e.getMessage());
        return;
      }
      String device = run.settings().devices().device(h.host());
      if (isCmd) {
        String command = cmd.group(2).replaceFirst("^!exec: ", "");
        pending.computeIfAbsent(device + '\u0000' + cmd.group(1), k -> new ArrayList<>()).add(new Cmd(n, t, device, cmd.group(1), command));
      } else {
        String line = end.group(3) != null ? end.group(3) : end.group(1);
        List<Cmd> cmds = pending.remove(device + '\u0000' + end.group(2));
        if (cmds != null) for (Cmd c : cmds) out.add(new Object[] {c, line});
        run.ignored(source);
      }
    });
    pending.values().forEach(cmds -> cmds.forEach(c -> out.add(new Object[] {c, ""})));
    out.sort((a, b) -> Integer.compare(((Cmd) a[0]).line, ((Cmd) b[0]).line));
    CliSessions sessions = new CliSessions(run.settings().sessionGap);
    for (Object[] o : out) {
      Cmd c = (Cmd) o[0];
      String line = (String) o[1];
      run.row(LogKind.CONFIG_COMMANDS, source, c.line).set("timestamp", ImportRun.format(c.time.instant(), c.time.offset()))
          .set("device", c.device).set("session", sessions.session(c.device, line, c.user, c.time.instant(), null))
          .set("user", c.user).set("command", c.command);
      run.kept(source);
    }
  }
}
