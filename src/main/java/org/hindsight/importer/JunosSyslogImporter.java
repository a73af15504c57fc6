package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * Junos syslog of the management daemon: {@code mgd[PID]: UI_CMDLINE_READ_LINE: User 'admin',
 * command 'set protocols isis interface ge-0/0/1.0 '} becomes a {@code config-commands} row;
 * {@code UI_COMMIT: User 'admin' requested 'commit' operation} a {@code commit} row; and
 * {@code UI_COMMIT_COMPLETED} marks the commit's result. The session is the mgd process
 * ({@code mgd-PID}, one per CLI login); device and time come from the syslog header.
 */
@AutoService(Importer.class)
public final class JunosSyslogImporter implements Importer {
  private static final Pattern MGD = Pattern.compile("\\bmgd\\[(\\d+)]: (UI_CMDLINE_READ_LINE|UI_COMMIT|UI_COMMIT_COMPLETED|UI_COMMIT_NOT_CONFIRMED|UI_LOGIN_EVENT|UI_LOGOUT_EVENT)(?:: (.*))?$");
  private static final Pattern READ_LINE = Pattern.compile("User '([^']*)', command '(.*)'\\s*$");
  private static final Pattern COMMIT = Pattern.compile("User '([^']*)' requested '([^']*)' operation");

  @Override
  public String name() {
    return "junos-syslog";
  }

  @Override
  public String summary() {
    return "Junos syslog: UI_CMDLINE_READ_LINE commands, UI_COMMIT / UI_COMMIT_COMPLETED → config-commands";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.CONFIG_COMMANDS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    ImportRun.Clock clock = run.clock();
    Lines.each(source, (n, text) -> {
      Matcher m = MGD.matcher(text);
      if (!m.find() || m.group(2).startsWith("UI_LOG") || m.group(2).equals("UI_COMMIT_COMPLETED") || m.group(2).equals("UI_COMMIT_NOT_CONFIRMED")) {
        run.ignored(source);
        return;
      }
      SyslogLine.Timed h = SyslogLine.timed(text, clock, source, n, run);
      if (h == null) return;
      String body = m.group(3) == null ? "" : m.group(3);
      String user;
      String command;
      if (m.group(2).equals("UI_CMDLINE_READ_LINE")) {
        Matcher r = READ_LINE.matcher(body);
        if (!r.find()) {
          run.problem(source, n, "UI_CMDLINE_READ_LINE without User '…', command '…'");
          return;
        }
        user = r.group(1);
        command = r.group(2).trim();
      } else {
        Matcher c = COMMIT.matcher(body);
        if (!c.find()) {
          run.problem(source, n, "UI_COMMIT without User '…' requested '…' operation");
          return;
        }
        user = c.group(1);
        command = c.group(2).trim();
      }
      Timestamps.Parsed t = h.time();
      run.row(LogKind.CONFIG_COMMANDS, source, n).set("timestamp", ImportRun.format(t.instant(), t.offset()))
          .set("device", run.settings().devices().device(h.host())).set("session", "mgd-" + m.group(1))
          .set("user", user).set("command", command);
      run.kept(source);
    });
  }
}
