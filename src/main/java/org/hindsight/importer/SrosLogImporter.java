package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * Nokia SR OS event logs of the USER application, as syslog
 * ({@code Oct 25 02:16:02 192.0.2.41 TMNX: 2214 Base USER-MINOR-cli_config_io-2011 [admin]:  User from
 * 192.0.2.7: *A:pe-41>config>router>isis# interface "to-p1"}) or as a file/memory log
 * ({@code 2214 2021/10/25 02:16:02.87 UTC MINOR: USER #2011 Base admin} and, on the next line, the
 * quoted message). {@code cli_config_io} (commands in the configuration tree) and {@code cli_user_io}
 * (the others, such as {@code configure} itself) become {@code config-commands} rows: the command is
 * what follows the prompt, the device the prompt's system name (else the syslog host), the prompt's
 * context ({@code config>router>isis}) is kept as a column. {@code cli_user_login} and
 * {@code cli_user_logout} end sessions; a session is a user's commands from one address until logout
 * or a silence longer than {@code --session-gap}. Rows come in time order ({@code show log} lists the
 * newest first).
 */
@AutoService(Importer.class)
public final class SrosLogImporter implements Importer {
  /** Syslog: {@code [prefix:] seq vrtr APP-SEVERITY-name-id [subject]: message}. */
  private static final Pattern SYSLOG_EVENT = Pattern.compile(
      "(?:\\S*: )?\\d+ \\S+ USER-[A-Z]+-(cli_config_io|cli_user_io|cli_user_login|cli_user_logout)-\\d+ \\[([^\\]]*)]:\\s*(.*)");
  /** File/memory log header: {@code seq yyyy/MM/dd HH:mm:ss.ss ZONE SEVERITY: USER #id vrtr subject}. */
  private static final Pattern FILE_HEADER = Pattern.compile(
      "\\d+ (\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?) (\\S+) [A-Z]+: USER #(2001|2002|2009|2011) \\S+ ?(.*)");
  private static final Pattern FILE_EVENT_HEADER = Pattern.compile("\\d+ \\d{4}/\\d{2}/\\d{2} .*");
  /** {@code User from 192.0.2.7: *A:pe-41>config>router>isis# interface "to-p1"}, MD-CLI {@code A:admin@pe-41#}. */
  private static final Pattern IO = Pattern.compile("User from (\\S+?): \\*?[A-Z]:(?:([^@>#\\s]+)@)?([^>#\\s]+)((?:>[^#\\s]*)?)# ?(.*)");
  private static final Pattern LOGIN = Pattern.compile("User (\\S+) from (\\S+) logged (in|out)");

  @Override
  public String name() {
    return "sros-log";
  }

  @Override
  public String summary() {
    return "Nokia SR OS USER events (syslog or file log): cli_config_io / cli_user_io commands, logins → config-commands";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.CONFIG_COMMANDS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    ImportRun.Clock clock = run.clock();
    Timestamps fileTimes = new Timestamps(run.settings().timezone, "yyyy/MM/dd HH:mm:ss[.SS]", 0);
    Sessions sessions = new Sessions(new CliSessions(run.settings().sessionGap));
    // a file log's event spans two lines: the header is held until its message arrives
    Object[][] header = {null}; // {line, Parsed time, event id, subject}
    java.util.List<Logged> events = new java.util.ArrayList<>();
    Lines.each(source, (n, text) -> {
      if (header[0] != null) {
        Object[] h = header[0];
        header[0] = null;
        String message = text.strip();
        if (message.startsWith("\"") && message.endsWith("\"") && message.length() >= 2) message = message.substring(1, message.length() - 1);
        String event = switch ((String) h[2]) {
          case "2001" -> "cli_user_login";
          case "2002" -> "cli_user_logout";
          case "2009" -> "cli_user_io";
          default -> "cli_config_io";
        };
        events.add(new Logged((int) h[0], (Timestamps.Parsed) h[1], "", event, (String) h[3], message));
        return;
      }
      Matcher f = FILE_HEADER.matcher(text);
      if (f.matches()) {
        Timestamps.Parsed t;
        try {
          t = f.group(2).equals("UTC") ? new Timestamps(java.time.ZoneOffset.UTC, "yyyy/MM/dd HH:mm:ss[.SS]", 0).parse(f.group(1))
              : fileTimes.parse(f.group(1));
        } catch (DateTimeException e) {
          run.problem(source, n, e.getMessage());
          return;
        }
        header[0] = new Object[] {n, t, f.group(3), f.group(4).trim()};
        return;
      }
      SyslogLine h = SyslogLine.parse(text);
      Matcher m = h == null ? null : SYSLOG_EVENT.matcher(h.message());
      if (m == null || !m.matches()) {
        if (h == null && FILE_EVENT_HEADER.matcher(text).matches() && text.contains(" USER #")) {
          run.problem(source, n, "a USER event header, but not 'seq yyyy/MM/dd HH:mm:ss.ss ZONE SEVERITY: USER #id router subject'");
        } else {
          run.ignored(source);
        }
        return;
      }
      Timestamps.Parsed t;
      try {
        t = clock.parse(h.time());
      } catch (DateTimeException e) {
        run.problem(source, n, e.getMessage());
        return;
      }
      events.add(new Logged(n, t, h.host(), m.group(1), m.group(2), m.group(3)));
    });
    if (header[0] != null) run.problem(source, (int) header[0][0], "event header without its message line");
    // 'show log' lists the newest event first: sessions are rebuilt in time order
    events.sort(java.util.Comparator.comparing((Logged e) -> e.time.instant()).thenComparingInt(e -> e.line));
    for (Logged e : events) handle(e.line, e.time, e.host, e.event, e.subject, e.message, source, run, sessions);
  }

  private record Logged(int line, Timestamps.Parsed time, String host, String event, String subject, String message) {}

  private static void handle(int n, Timestamps.Parsed t, String host, String event, String subject, String message,
      Source source, ImportRun run, Sessions sessions) {
    if (event.equals("cli_user_login") || event.equals("cli_user_logout")) {
      Matcher l = LOGIN.matcher(message);
      if (l.find()) sessions.close(host.isEmpty() ? null : device(host, null, run), l.group(2), l.group(1));
      run.ignored(source);
      return;
    }
    Matcher io = IO.matcher(message);
    if (!io.matches()) {
      run.problem(source, n, event + " message is not 'User from ADDRESS: PROMPT# COMMAND'");
      return;
    }
    String from = io.group(1);
    String user = io.group(2) != null ? io.group(2) : subject;
    if (user.isEmpty()) {
      run.problem(source, n, event + " names no user (neither the subject nor the prompt)");
      return;
    }
    String device = device(host, io.group(3), run);
    String command = io.group(5).strip();
    if (command.isEmpty()) {
      run.ignored(source); // an empty line typed at the prompt
      return;
    }
    String context = io.group(4).isEmpty() ? "" : io.group(4).substring(1);
    run.row(LogKind.CONFIG_COMMANDS, source, n).set("timestamp", ImportRun.format(t.instant(), t.offset())).set("device", device)
        .set("session", sessions.session(device, from, user, t.instant())).set("user", user).set("command", command)
        .set("context", context).set("from", from).set("event", event);
    run.kept(source);
  }

  /**
   * Sessions by device, source address and user. A file log's login and logout lines carry no prompt,
   * so they close the sessions of that address and user on the device its commands named.
   */
  private static final class Sessions {
    private final CliSessions sessions;
    private final java.util.Map<String, String> deviceOf = new java.util.HashMap<>();

    Sessions(CliSessions sessions) {
      this.sessions = sessions;
    }

    String session(String device, String from, String user, java.time.Instant t) {
      deviceOf.put(from + '\u0000' + user, device);
      return sessions.session(device, from, user, t, null);
    }

    void close(String device, String from, String user) {
      // the device its commands named: a syslog host is an address, the prompt the system name
      String d = deviceOf.getOrDefault(from + '\u0000' + user, device);
      if (d != null) sessions.close(d, from, user);
    }
  }

  /** The prompt's system name when there is one, else the syslog host through the device map. */
  private static String device(String host, String promptName, ImportRun run) {
    if (promptName != null && !promptName.isEmpty()) return promptName;
    return host.isEmpty() ? "" : run.settings().devices().device(host);
  }
}
