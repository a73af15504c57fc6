package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * tac_plus accounting files: one record a line, tab separated — date ({@code Oct 25 11:14:26}, the
 * server's local time, no year), NAS address, user, port (tty/vty), remote address,
 * {@code start|stop|update}, then attribute=value pairs ({@code task_id}, {@code service},
 * {@code priv-lvl}, {@code cmd=router isis CORE <cr>}, and {@code start_time}/{@code stop_time} in
 * epoch seconds when the NAS sends them). Command records become {@code config-commands}; exec
 * start/stop records end sessions. TACACS+ does not say whether the device accepted a command, so
 * {@code result} is left empty (rejected lines are usually not accounted at all).
 */
@AutoService(Importer.class)
public final class TacacsImporter implements Importer {
  @Override
  public String name() {
    return "tacacs";
  }

  @Override
  public String summary() {
    return "tac_plus accounting file (tab-separated start/stop records, cmd=…) → config-commands";
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
      String[] f = text.split("\t", -1);
      if (f.length < 6) {
        run.problem(source, n, "expected tab-separated date, NAS, user, port, remote address, start|stop|update and "
            + "attribute=value pairs; found " + f.length + " field(s)");
        return;
      }
      String type = f[5].trim().toLowerCase(java.util.Locale.ROOT);
      if (!type.equals("start") && !type.equals("stop") && !type.equals("update")) {
        run.problem(source, n, "record type '" + f[5] + "' is not start, stop or update");
        return;
      }
      Map<String, String> av = new LinkedHashMap<>();
      for (int i = 6; i < f.length; i++) {
        int eq = indexOfSeparator(f[i]);
        if (eq > 0) av.put(f[i].substring(0, eq).trim(), f[i].substring(eq + 1));
      }
      String nas = f[1].trim();
      String user = f[2].trim();
      String port = f[3].trim();
      if (!av.containsKey("cmd")) {
        // exec (login) accounting: a start or stop on a line ends whatever session was open there
        if ("shell".equals(av.get("service")) && !type.equals("update")) accounting.exec(nas, port, user);
        run.ignored(source);
        return;
      }
      Timestamps.Parsed t;
      try {
        String epoch = av.getOrDefault(type.equals("stop") ? "stop_time" : "start_time", "");
        t = epoch.matches("\\d{9,}") ? new Timestamps(run.settings().timezone).parse(epoch) : clock.parse(f[0]);
      } catch (DateTimeException e) {
        run.problem(source, n, e.getMessage());
        return;
      }
      accounting.command(new CommandAccounting.Command(n, t, nas, user, port, type, av));
    });
    accounting.write(source, run);
  }

  /** AV pairs are {@code attr=value} (mandatory) or {@code attr*value} (optional). */
  private static int indexOfSeparator(String pair) {
    for (int i = 0; i < pair.length(); i++) {
      char ch = pair.charAt(i);
      if (ch == '=' || ch == '*') return i;
    }
    return -1;
  }
}
