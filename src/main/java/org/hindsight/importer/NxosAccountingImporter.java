package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;

/**
 * Cisco NX-OS's own command accounting, as {@code show accounting log} prints it:
 * {@code Thu Jan 30 01:41:15 2020:type=update:id=192.0.2.138@pts/3:user=frank:cmd=configure terminal ; router isis CORE ;
 * net 49.0001.0000.0000.0001.00 (SUCCESS)}. Each update names the mode path the line took effect in, then the line and
 * its result; {@code type=start|stop} records are logins and logouts, ending the session on that line.
 *
 * <p>The contract wants lines as typed, in order. NX-OS accounts configuration changes, so a mode line that changed
 * nothing (entering an existing {@code interface}, {@code configure terminal} itself) may only show in the paths of the
 * lines after it: such a line, proven typed by the path, is written before them (column {@code inferred} =
 * {@code context}, citing the record that proves it). An {@code exit} is never written: it changes nothing, so its
 * absence from the log proves nothing, and an invented one would hide the very missing {@code exit} the replay looks
 * for; the CLI model's parent-mode retry puts a line the path shows at an outer level there, as the device did. A line
 * that appears as a path element anywhere in the file opens a mode. The device is the prompt's host name
 * ({@code nx-sp1# show accounting log}), else the file's name; times are the switch's local time, in
 * {@code --timezone} (else UTC).
 */
@AutoService(Importer.class)
public final class NxosAccountingImporter implements Importer {
  private static final Pattern RECORD = Pattern.compile(
      "([A-Z][a-z]{2} [A-Z][a-z]{2} +\\d{1,2} \\d{2}:\\d{2}:\\d{2} \\d{4}):type=(\\w+):id=(.*?):user=([^:]*):cmd=(.*)");
  private static final Pattern PROMPT = Pattern.compile("^(\\S+?)(?:\\([^)]*\\))?# *show accounting log\\b.*");
  private static final Pattern RESULT = Pattern.compile("^(.*?)\\s*\\((SUCCESS|FAILURE|REDIRECT|[A-Z_]+)\\)\\s*$");
  /** The command that enters configuration mode, however abbreviated ({@code conf t}, {@code configure terminal}). */
  private static final Pattern CONFIGURE = Pattern.compile("conf(?:i(?:g(?:u(?:r(?:e)?)?)?)?)?(?: t(?:erminal)?)?");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);

  @Override
  public String name() {
    return "nxos-accounting";
  }

  @Override
  public String summary() {
    return "Cisco NX-OS 'show accounting log' (type=update … cmd=configure terminal ; mode ; line (SUCCESS)) → config-commands";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.CONFIG_COMMANDS);
  }

  /** One update record: the mode path (after the configure command) the line was typed in, or null outside config mode. */
  private record Update(int line, Instant time, ZoneOffset offset, String device, String port, String user, List<String> path,
      String typed, String result) {}

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    String fileDevice = source.stem("txt|log|out");
    String[] device = {fileDevice};
    ZoneId zone = run.settings().timezone == null ? ZoneOffset.UTC : run.settings().timezone;
    List<Object> records = new ArrayList<>(); // Update, or a String key for a login/logout
    Set<String> modes = new HashSet<>();
    Lines.each(source, (n, text) -> {
      Matcher p = PROMPT.matcher(text.trim());
      if (p.matches()) {
        device[0] = p.group(1);
        run.ignored(source);
        return;
      }
      Matcher m = RECORD.matcher(text.trim());
      if (!m.matches()) {
        run.ignored(source);
        return;
      }
      Instant t;
      ZoneOffset offset;
      try {
        LocalDateTime local = LocalDateTime.parse(m.group(1).replaceAll(" +", " "), TIME);
        offset = zone.getRules().getOffset(local);
        t = local.atZone(zone).toInstant();
      } catch (DateTimeException e) {
        run.problem(source, n, "time '" + m.group(1) + "': " + e.getMessage().replaceFirst("^Text '.*' could not be parsed: ", ""));
        return;
      }
      String type = m.group(2);
      String id = m.group(3);
      String port = id.contains("@") ? id.substring(id.indexOf('@') + 1) : id;
      String user = m.group(4);
      if (type.equals("start") || type.equals("stop")) {
        records.add(device[0] + '\u0000' + port + '\u0000' + user);
        run.ignored(source);
        return;
      }
      if (!type.equals("update")) {
        run.problem(source, n, "record type '" + type + "' is not start, stop or update");
        return;
      }
      Matcher r = RESULT.matcher(m.group(5));
      String body = r.matches() ? r.group(1) : m.group(5).trim();
      String result = r.matches() && !r.group(2).equals("SUCCESS") ? r.group(2) : "";
      List<String> parts = Arrays.stream(body.split(" ; ")).map(String::trim).filter(x -> !x.isEmpty()).toList();
      if (parts.isEmpty()) {
        run.problem(source, n, "an update record with no command after cmd=");
        return;
      }
      boolean config = CONFIGURE.matcher(parts.get(0)).matches();
      List<String> path = config ? parts.subList(1, Math.max(1, parts.size() - 1)) : null;
      String typed = config && parts.size() == 1 ? parts.get(0) : parts.get(parts.size() - 1);
      if (path != null) modes.addAll(path);
      records.add(new Update(n, t, offset, device[0], port, user, path, typed, result));
    });
    write(records, modes, source, run);
  }

  /** Rows of the records in order; per session, the modes its lines have entered (absent: outside config mode). */
  private static void write(List<Object> records, Set<String> modes, Source source, ImportRun run) {
    CliSessions sessions = new CliSessions(run.settings().sessionGap);
    Map<String, List<String>> state = new HashMap<>(); // device+port+user → modes in effect; absent: not in config mode
    for (Object o : records) {
      if (o instanceof String key) {
        String[] k = key.split("\u0000", -1);
        sessions.close(k[0], k[1], k[2]);
        state.remove(key);
        continue;
      }
      Update u = (Update) o;
      String key = u.device() + '\u0000' + u.port() + '\u0000' + u.user();
      String session = sessions.session(u.device(), u.port(), u.user(), u.time(), null);
      List<String> now = state.get(key);
      if (u.path() == null) {
        row(u, session, u.typed(), u.result(), false, source, run);
        state.remove(key); // an exec command: configuration mode was left before it
        continue;
      }
      boolean entersConfig = u.path().isEmpty() && CONFIGURE.matcher(u.typed()).matches();
      if (now == null && !entersConfig) {
        row(u, session, "configure terminal", "", true, source, run);
        now = List.of();
      }
      if (now != null) {
        int common = 0;
        while (common < now.size() && common < u.path().size() && now.get(common).equals(u.path().get(common))) common++;
        for (int i = common; i < u.path().size(); i++) row(u, session, u.path().get(i), "", true, source, run);
      }
      row(u, session, u.typed(), u.result(), false, source, run);
      List<String> after = new ArrayList<>(u.path());
      // a line the file shows as a mode elsewhere opened one, if the device accepted it
      if (!entersConfig && modes.contains(u.typed()) && u.result().isEmpty()) after.add(u.typed());
      state.put(key, after);
    }
  }

  private static void row(Update u, String session, String command, String result, boolean inferred, Source source, ImportRun run) {
    ImportRun.Row row = run.row(LogKind.CONFIG_COMMANDS, source, u.line()).set("timestamp", ImportRun.format(u.time(), u.offset()))
        .set("device", run.settings().devices().device(u.device())).set("session", session).set("user", u.user())
        .set("command", command).set("result", result);
    if (inferred) row.set("inferred", "context");
    else run.kept(source);
  }
}
