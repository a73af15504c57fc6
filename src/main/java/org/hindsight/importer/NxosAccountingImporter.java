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
 * {@code --timezone} (else UTC). A configuration session ({@code configure session NAME ; router isis CORE ; …}) is
 * rebuilt alike under its own {@code configure session NAME} line, so the replay stages its lines until the session's
 * {@code commit} (and drops them at {@code abort}).
 */
@AutoService(Importer.class)
public final class NxosAccountingImporter implements Importer {
  private static final Pattern RECORD = Pattern.compile(
      "([A-Z][a-z]{2} [A-Z][a-z]{2} +\\d{1,2} \\d{2}:\\d{2}:\\d{2} \\d{4}):type=(\\w+):id=(.*?):user=([^:]*):cmd=(.*)");
  private static final Pattern PROMPT = Pattern.compile("^(\\S+?)(?:\\([^)]*\\))?# *show accounting log\\b.*");
  private static final Pattern RESULT = Pattern.compile("^(.*?)\\s*\\((SUCCESS|FAILURE|REDIRECT|[A-Z_]+)\\)\\s*$");
  /** The command that enters configuration mode, however abbreviated ({@code conf t}, {@code configure terminal}). */
  private static final Pattern CONFIGURE = Pattern.compile("conf(?:i(?:g(?:u(?:r(?:e)?)?)?)?)?(?: t(?:erminal)?)?");
  /**
   * A configuration session ({@code configure session NAME}, Session Manager): its lines are staged and take effect at
   * {@code commit}, or never ({@code abort}); the CLI model of the replay knows that from the line itself.
   */
  private static final Pattern CONFIGURE_SESSION = Pattern.compile("conf(?:i(?:g(?:u(?:r(?:e)?)?)?)?)? se(?:s(?:s(?:i(?:on?)?)?)?)? +(\\S+)");
  /** What ends a configuration session: its changes applied or dropped, the CLI back in exec mode. */
  private static final Pattern ENDS_SESSION = Pattern.compile("commit|abort");
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

  /**
   * One update record: the configure command it was typed under (as the record writes it; null outside config mode), the
   * mode path after it, the line and its result.
   */
  private record Update(int line, Instant time, ZoneOffset offset, String device, String port, String user, String entry,
      List<String> path, String typed, String result) {}

  /** Where a session's lines are: under which configuration entry ({@link #entryKey}), and in which modes. */
  private record Modes(String entry, List<String> path) {}

  /**
   * The configuration a configure command enters: {@code terminal} however abbreviated, or {@code session NAME} (a
   * session of another name is another configuration); null when the command is no configure.
   */
  private static String entryKey(String command) {
    if (CONFIGURE.matcher(command).matches()) return "terminal";
    Matcher m = CONFIGURE_SESSION.matcher(command);
    return m.matches() ? "session " + m.group(1) : null;
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    String fileDevice = source.stem("txt|log|out");
    String[] device = {fileDevice};
    ZoneId zone = run.zone();
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
      boolean config = entryKey(parts.get(0)) != null;
      List<String> path = config ? parts.subList(1, Math.max(1, parts.size() - 1)) : null;
      String typed = config && parts.size() == 1 ? parts.get(0) : parts.get(parts.size() - 1);
      if (path != null) modes.addAll(path);
      records.add(new Update(n, t, offset, device[0], port, user, config ? parts.get(0) : null, path, typed, result));
    });
    write(records, modes, source, run);
  }

  /** Rows of the records in order; per session, the modes its lines have entered (absent: outside config mode). */
  private static void write(List<Object> records, Set<String> modes, Source source, ImportRun run) {
    CliSessions sessions = new CliSessions(run.settings().sessionGap);
    Map<String, Modes> state = new HashMap<>(); // device+port+user → entry and modes in effect; absent: not in config mode
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
      Modes now = state.get(key);
      if (u.path() == null) {
        row(u, session, u.typed(), u.result(), false, source, run);
        state.remove(key); // an exec command (or a session's bare commit): configuration mode was left before or by it
        continue;
      }
      String entry = entryKey(u.entry());
      boolean entersConfig = u.path().isEmpty() && entryKey(u.typed()) != null;
      // the record names the configuration it was typed under: entering it (or another session) is a line typed before
      if ((now == null || !now.entry().equals(entry)) && !entersConfig) {
        row(u, session, entry.equals("terminal") ? "configure terminal" : u.entry(), "", true, source, run);
        now = new Modes(entry, List.of());
      }
      if (now != null && now.entry().equals(entry)) {
        int common = 0;
        while (common < now.path().size() && common < u.path().size() && now.path().get(common).equals(u.path().get(common))) common++;
        for (int i = common; i < u.path().size(); i++) row(u, session, u.path().get(i), "", true, source, run);
      }
      row(u, session, u.typed(), u.result(), false, source, run);
      if (u.path().isEmpty() && ENDS_SESSION.matcher(u.typed()).matches() && u.result().isEmpty() && entry.startsWith("session ")) {
        state.remove(key); // commit or abort leaves the session for exec mode
        continue;
      }
      List<String> after = new ArrayList<>(u.path());
      // a line the file shows as a mode elsewhere opened one, if the device accepted it
      if (!entersConfig && modes.contains(u.typed()) && u.result().isEmpty()) after.add(u.typed());
      state.put(key, new Modes(entersConfig ? entryKey(u.typed()) : entry, after));
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
