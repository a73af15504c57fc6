package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * Huawei VRP command accounting in syslog: {@code SHELL/5/CMDRECORD} ("Recorded command
 * information. (Task=VT0, Ip=192.0.2.7, VpnName=, User=admin, AuthenticationMethod="Local-user",
 * Command="isis 1", Result=Success)") becomes a {@code config-commands} row. Time and device come from
 * VRP's own header ({@code Oct 25 2021 11:16:05+09:00 PE-1 %%01SHELL/5/CMDRECORD(s)[0]:}: the year is
 * written, the offset when the device has one; {@code DST} is dropped and the time read in
 * {@code --timezone}), else from a collector's syslog header. The session is the user's commands on
 * one task (the vty or console line: {@code VT0}, {@code CON0}) until a silence longer than
 * {@code --session-gap}; a {@code Result} other than success is the row's {@code result}.
 */
@AutoService(Importer.class)
public final class HuaweiSyslogImporter implements Importer {
  private static final Pattern CMDRECORD = Pattern.compile("(?<![A-Za-z])SHELL/\\d/CMDRECORD(?:\\([a-z]\\))?(?:\\[\\d+])?\\s*:(.*)$");
  /** VRP's header: {@code Oct 25 2021 11:16:05[.123][+09:00| DST] SYSNAME %%01}. */
  private static final Pattern VRP_HEADER = Pattern.compile(
      "([A-Z][a-z]{2}) +(\\d{1,2}) (\\d{4}) (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)(Z|[+-]\\d{2}:?\\d{2})?(?: DST)? (\\S+) (?:%%\\d*)?SHELL/");
  private static final Pattern FIELD = Pattern.compile("(?:^|, ?)(\\w+)=(\"(?:[^\"]|\"(?!, ?\\w+=|\\)\\s*$))*\"|[^,)]*)");
  private static final DateTimeFormatter VRP_TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
      .appendPattern("MMM d uuuu HH:mm:ss").optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 1, 9, true)
      .optionalEnd().toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);

  @Override
  public String name() {
    return "huawei-syslog";
  }

  @Override
  public String summary() {
    return "Huawei VRP syslog: SHELL/5/CMDRECORD command records → config-commands";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.CONFIG_COMMANDS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    ImportRun.Clock clock = run.clock();
    CliSessions sessions = new CliSessions(run.settings().sessionGap);
    Lines.each(source, (n, text) -> {
      Matcher m = CMDRECORD.matcher(text);
      if (!m.find()) {
        run.ignored(source);
        return;
      }
      String body = m.group(1);
      int open = body.indexOf('(');
      int close = body.lastIndexOf(')');
      if (open < 0 || close < open) {
        run.problem(source, n, "CMDRECORD without its (Task=…, User=…, Command=\"…\") fields");
        return;
      }
      String fields = body.substring(open + 1, close);
      String command = field(fields, "Command");
      String task = field(fields, "Task");
      if (command == null || task == null) {
        run.problem(source, n, "CMDRECORD without " + (command == null ? "Command=\"…\"" : "Task=…"));
        return;
      }
      Timestamps.Parsed t;
      String host;
      Matcher h = VRP_HEADER.matcher(text);
      if (h.find()) {
        try {
          t = clock.parse(iso(h));
        } catch (DateTimeException e) {
          run.problem(source, n, e.getMessage());
          return;
        }
        host = h.group(6);
      } else {
        SyslogLine.Timed s = SyslogLine.timed(text, clock, source, n, run);
        if (s == null) return;
        t = s.time();
        host = s.host();
      }
      String user = field(fields, "User");
      String result = field(fields, "Result");
      String device = run.settings().devices().device(host);
      String line = task.toLowerCase(Locale.ROOT);
      run.row(LogKind.CONFIG_COMMANDS, source, n).set("timestamp", ImportRun.format(t.instant(), t.offset()))
          .set("device", device).set("session", sessions.session(device, line, user == null ? "" : user, t.instant(), null))
          .set("user", user == null ? "" : user).set("command", command.strip())
          .set("result", result == null || result.equalsIgnoreCase("success") ? "" : result);
      run.kept(source);
    });
  }

  /** A field's value, its quotes removed; null when absent. */
  static String field(String fields, String key) {
    Matcher f = FIELD.matcher(fields);
    while (f.find()) {
      if (!f.group(1).equalsIgnoreCase(key)) continue;
      String v = f.group(2).trim();
      return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
    return null;
  }

  /** VRP's header time as ISO-8601 (with its offset when written), for the run's clock to read. */
  private static String iso(Matcher h) {
    String text = h.group(1) + " " + h.group(2) + " " + h.group(3) + " " + h.group(4);
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(text, VRP_TIME);
    } catch (DateTimeParseException e) {
      throw new DateTimeException("time '" + text + "' is not a date (VRP writes Oct 25 2021 11:16:05)");
    }
    String offset = h.group(5) == null ? "" : h.group(5);
    if (offset.length() == 5) offset = offset.substring(0, 3) + ":" + offset.substring(3);
    return local + offset;
  }
}
