package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;

/**
 * FRRouting (and Quagga) configuration lines, as FRR itself records them. Two records:
 *
 * <ul>
 *   <li>a daemon's {@code log commands}: every line a daemon executes, after its vty and the prompt of the node it ran
 *       in — {@code vty[25]@(config-router)# redistribute ipv4 bgp level-2} — in FRR's own log file ({@code 2021/10/25
 *       11:16:05 ISIS: …}) or in syslog / the journal ({@code Oct 25 11:16:05 r2 isisd[812]: [HSYZM-HV7HF] vty[25]@…});
 *   <li>vtysh's {@code VTYSH_LOG} file: the lines of {@code vtysh -c} runs as typed, rejected ones too
 *       ({@code 20211025-11:16.05:root redistribute ipv4 bgp level-2}).
 * </ul>
 *
 * <p>vtysh sends a line to every daemon that implements it, so one typed line may be logged by several daemons within
 * a second: it becomes one row (the first record cited). A daemon logs only what reached it: a line vtysh rejected is
 * not there (VTYSH_LOG has it), and when a line lands in a parent node vtysh itself sends the daemons the {@code end}
 * / {@code exit} that takes them there, which they log like typed lines — the CLI model's parent-node retry has the
 * same effect. The node's prompt is kept in column {@code prompt}, the daemon in {@code daemon}. The device is the
 * syslog host, else the file's name ({@code busan-r2.log} → {@code busan-r2}); FRR's own files and VTYSH_LOG write
 * the router's local time, read in {@code --timezone} (else UTC). Daemon records name no user.
 */
@AutoService(Importer.class)
public final class FrrLogImporter implements Importer {
  /** What {@code log commands} writes: {@code vty[FD]@ADDRESS}, the node's prompt ({@code (config-if)# }, {@code # }), the line. */
  private static final Pattern VTY =
      Pattern.compile("(?:\\[[A-Z0-9]{5}-[A-Z0-9]{5}] )?vty\\[(\\d+|\\?\\?)]@([^\\s(#>]*)(\\([\\w.:/-]*\\))?([#>]) ?(.*)");
  /** FRR's own log file: {@code 2021/10/25 11:16:05[.123] ISIS: message}. */
  private static final Pattern FILE_LOG =
      Pattern.compile("(\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?) ([A-Z][A-Z0-9_]*): (.*)");
  /** vtysh's VTYSH_LOG: {@code 20211025-11:16.05:user line} (older vtysh: {@code 20211025-11:16:05:user line}). */
  private static final Pattern VTYSH_LOG = Pattern.compile("(\\d{8}-\\d{2}:\\d{2}[.:]\\d{2}):(\\S*) (.*)");
  private static final DateTimeFormatter FILE_TIME = new DateTimeFormatterBuilder().appendPattern("uuuu/MM/dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().toFormatter()
      .withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter VTYSH_TIME = DateTimeFormatter.ofPattern("uuuuMMdd-HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
  /** The records one typed line leaves in several daemons' logs fall within this of each other. */
  private static final Duration SAME_LINE = Duration.ofSeconds(2);

  @Override
  public String name() {
    return "frr-log";
  }

  @Override
  public String summary() {
    return "FRRouting/Quagga 'log commands' (vty[25]@(config-router)# line, in FRR's log file or syslog) or vtysh's VTYSH_LOG → config-commands";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.CONFIG_COMMANDS);
  }

  /** One command record, read. */
  private record Command(int line, Instant time, ZoneOffset offset, String device, String daemon, String vtyLine, String user,
      String prompt, String text) {}

  /** The last line written per device, and the daemons that logged it: the next daemon's copy is the same line. */
  private record Written(Command first, Set<String> daemons) {}

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    String fileDevice = source.stem("txt|log|out");
    ZoneId zone = run.zone();
    ImportRun.Clock clock = run.clock();
    CliSessions sessions = new CliSessions(run.settings().sessionGap);
    Map<String, Written> lastByDevice = new HashMap<>();
    Lines.each(source, (n, text) -> {
      Command c = parse(text.strip(), n, fileDevice, zone, clock, source, run);
      if (c == null) return;
      Written last = lastByDevice.get(c.device());
      if (last != null && !last.daemons().contains(c.daemon()) && sameLine(last.first(), c)) {
        last.daemons().add(c.daemon());
        run.kept(source); // another daemon's copy of a line already written
        return;
      }
      Set<String> daemons = new HashSet<>();
      daemons.add(c.daemon());
      lastByDevice.put(c.device(), new Written(c, daemons));
      String device = run.settings().devices().device(c.device());
      ImportRun.Row row = run.row(LogKind.CONFIG_COMMANDS, source, c.line())
          .set("timestamp", ImportRun.format(c.time(), c.offset())).set("device", device)
          .set("session", sessions.session(device, c.vtyLine(), c.user(), c.time(), null)).set("user", c.user())
          .set("command", c.text()).set("daemon", c.daemon());
      if (!c.prompt().isEmpty()) row.set("prompt", c.prompt());
      run.kept(source);
    });
  }

  private static boolean sameLine(Command a, Command b) {
    // not the prompt: each daemon sits in its own node (zebra stays at (config)# while isisd is in router isis)
    return a.text().equals(b.text()) && a.vtyLine().equals(b.vtyLine())
        && Duration.between(a.time(), b.time()).abs().compareTo(SAME_LINE) <= 0;
  }

  /** The command a line records, or null (a line of another kind: ignored; a record that cannot be read: a problem). */
  private static Command parse(String text, int n, String fileDevice, ZoneId zone, ImportRun.Clock clock, Source source,
      ImportRun run) {
    Matcher v = VTYSH_LOG.matcher(text);
    if (v.matches()) {
      if (v.group(3).isBlank()) {
        run.ignored(source);
        return null;
      }
      // strftime's "%Y%m%d-%H:%M.%S" (a dot before the seconds), or "%T" in older vtysh
      String stamp = v.group(1).substring(0, 14) + ':' + v.group(1).substring(15);
      LocalDateTime local = local(stamp, v.group(1), VTYSH_TIME, source, n, run);
      if (local == null) return null;
      return new Command(n, local.atZone(zone).toInstant(), zone.getRules().getOffset(local), fileDevice, "vtysh", "vtysh",
          v.group(2), "", v.group(3).strip());
    }
    Matcher f = FILE_LOG.matcher(text);
    if (f.matches()) {
      Matcher vty = VTY.matcher(f.group(3));
      if (!vty.matches() || vty.group(5).isBlank()) {
        run.ignored(source);
        return null;
      }
      LocalDateTime local = local(f.group(1), f.group(1), FILE_TIME, source, n, run);
      if (local == null) return null;
      return command(n, local.atZone(zone).toInstant(), zone.getRules().getOffset(local), fileDevice, daemon(f.group(2)), vty);
    }
    SyslogLine.Parts parts = SyslogLine.parts(text);
    Matcher vty = parts == null ? null : VTY.matcher(parts.text());
    if (vty == null || !vty.matches() || vty.group(5).isBlank()) {
      run.ignored(source);
      return null;
    }
    SyslogLine.Timed h = SyslogLine.timed(text, clock, source, n, run);
    if (h == null) return null;
    String daemon = parts.app().isEmpty() ? "frr" : parts.app();
    return command(n, h.time().instant(), h.time().offset(), h.host(), daemon, vty);
  }

  private static Command command(int n, Instant t, ZoneOffset offset, String device, String daemon, Matcher vty) {
    String address = vty.group(2);
    String prompt = (vty.group(3) == null ? "" : vty.group(3)) + vty.group(4);
    return new Command(n, t, offset, device, daemon.toLowerCase(java.util.Locale.ROOT), address.isEmpty() ? "vtysh" : "vty@" + address,
        "", prompt, vty.group(5).strip());
  }

  /** The daemon a log file's protocol tag names, as syslog names it: {@code ISIS} → isisd, {@code ZEBRA} → zebra. */
  private static String daemon(String tag) {
    String t = tag.toLowerCase(java.util.Locale.ROOT);
    return t.equals("zebra") || t.endsWith("d") ? t : t + "d";
  }

  private static LocalDateTime local(String time, String shown, DateTimeFormatter format, Source source, int n, ImportRun run) {
    try {
      return LocalDateTime.parse(time, format);
    } catch (DateTimeException e) {
      run.problem(source, n, "time '" + shown + "': " + e.getMessage().replaceFirst("^Text '.*' could not be parsed: ", ""));
      return null;
    }
  }
}
