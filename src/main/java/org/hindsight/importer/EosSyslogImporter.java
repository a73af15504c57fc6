package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * Arista EOS command accounting to its own syslog ({@code aaa accounting commands all default
 * start-stop logging}): {@code Aaa: %ACCOUNTING-6-CMD: admin vty6 192.0.2.1 stop task_id=17
 * start_time=1635127262.5 timezone=UTC service=shell priv-lvl=15 cmd=router isis CORE} becomes a
 * {@code config-commands} row; {@code %ACCOUNTING-5-EXEC} (a login or logout) ends the session open on
 * that line. These are TACACS+ records written to syslog, read as the {@code tacacs} import reads them
 * ({@link CommandAccounting}). The device is the host that logged them (the name before {@code Aaa:},
 * whatever header the collector wrote); the time is {@code start_time} (epoch seconds, so no year is
 * needed), else the syslog header's.
 */
@AutoService(Importer.class)
public final class EosSyslogImporter implements Importer {
  /** Message kind, user, line (vty6, con0), remote address, start|stop|update, then attribute=value pairs. */
  private static final Pattern RECORD = Pattern.compile(
      "Aaa(?:\\[\\d+])?: (?:\\d+: )?%ACCOUNTING-\\d-(CMD|EXEC): (\\S+) (\\S+) (\\S+) (\\S+)(.*)$");
  /** The host that logged the record: the word before the process name. */
  private static final Pattern HOST = Pattern.compile("(\\S+) $");
  /** One attribute=value pair; {@code cmd} is last and runs to the end of the line. */
  private static final Pattern PAIR = Pattern.compile("\\s+([\\w-]+)=(\\S*)");
  private static final Pattern EPOCH = Pattern.compile("\\d{9,}(\\.\\d+)?");

  @Override
  public String name() {
    return "eos-syslog";
  }

  @Override
  public String summary() {
    return "Arista EOS syslog: %ACCOUNTING-6-CMD command records, %ACCOUNTING-5-EXEC logins → config-commands";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.CONFIG_COMMANDS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    ImportRun.Clock clock = run.clock();
    CommandAccounting accounting = new CommandAccounting();
    Lines.each(source, (n, text) -> {
      Matcher m = RECORD.matcher(text);
      if (!m.find()) {
        run.ignored(source);
        return;
      }
      Matcher h = HOST.matcher(text.substring(0, m.start()));
      if (!h.find()) {
        run.problem(source, n, "no syslog header naming the switch before 'Aaa:'");
        return;
      }
      String host = h.group(1);
      String user = m.group(2);
      String port = m.group(3);
      String type = m.group(5);
      if (!type.equals("start") && !type.equals("stop") && !type.equals("update")) {
        run.problem(source, n, "%ACCOUNTING record type '" + type + "' is not start, stop or update");
        return;
      }
      Map<String, String> av = pairs(m.group(6));
      if (m.group(1).equals("EXEC")) {
        if (!type.equals("update")) accounting.exec(host, port, user);
        run.ignored(source);
        return;
      }
      String cmd = av.get("cmd");
      if (cmd == null) {
        run.problem(source, n, "%ACCOUNTING-6-CMD without cmd=…");
        return;
      }
      // gNMI/eAPI calls are accounted with the RPC after the command (cmd=OpenConfig.Set … rpc=/gnmi.gNMI/Set):
      // not a line typed at the CLI, so not a config-commands row
      if (cmd.contains(" rpc=/")) {
        run.ignored(source);
        return;
      }
      Timestamps.Parsed t;
      String epoch = av.getOrDefault("start_time", "");
      if (EPOCH.matcher(epoch).matches()) {
        try {
          t = new Timestamps(run.settings().timezone).parse(epoch);
        } catch (DateTimeException e) {
          run.problem(source, n, e.getMessage());
          return;
        }
      } else {
        SyslogLine.Timed header = SyslogLine.timed(text, clock, source, n, run);
        if (header == null) return;
        t = header.time();
      }
      accounting.command(new CommandAccounting.Command(n, t, host, user, port, type, av));
    });
    accounting.write(source, run);
  }

  /** The record's attribute=value pairs; {@code cmd}'s value is the rest of the line, as typed. */
  private static Map<String, String> pairs(String rest) {
    Map<String, String> av = new LinkedHashMap<>();
    Matcher p = PAIR.matcher(rest);
    int at = 0;
    while (p.find(at) && p.start() == at) {
      if (p.group(1).equals("cmd")) {
        av.put("cmd", rest.substring(p.start(2)).trim());
        return av;
      }
      av.put(p.group(1), p.group(2));
      at = p.end();
    }
    return av;
  }
}
