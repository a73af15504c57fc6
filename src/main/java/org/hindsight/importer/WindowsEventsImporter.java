package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;

/**
 * Windows event logs as administrators export them: {@code Get-WinEvent … | Export-Csv} (its {@code #TYPE} line or not; the
 * older {@code Get-EventLog}'s {@code TimeGenerated}, {@code EventID}, {@code EntryType}, {@code Source} too),
 * {@code Get-WinEvent … | ConvertTo-Json} (Windows PowerShell's {@code /Date(ms)/} times or PowerShell 7's ISO ones), and
 * {@code wevtutil qe LOG /f:xml} or {@code /f:RenderedXml} (Event Viewer's "Save as XML" too). Each record is an event of the
 * machine that logged it ({@code MachineName}, {@code Computer}; through {@code --device-map}). The records that say a machine
 * or a service failed are typed by provider and id ({@link #KNOWN}): an unexpected shutdown found at boot (EventLog 6008,
 * Kernel-Power 41) and a service or application that crashed (Service Control Manager 7031/7034, Application Error 1000,
 * .NET Runtime 1026) are crashes — a restart symptom of the machine, at the time the record was written —, a service that
 * failed to start or stopped with an error (7000, 7023, 7024) is {@code service.failed}; the event log stopping and starting
 * (6006, 6005) is the machine shut down and up again; a shutdown a user or process asked for (User32 1074) is context.
 * Every other record is typed by the event rules from its message, its level (1 critical, 2 error, 3 warning, else info)
 * the severity.
 */
@AutoService(Importer.class)
public final class WindowsEventsImporter implements Importer {
  /** {@code provider/id} → event type, for the records that say something failed or stopped. */
  static final Map<String, String> KNOWN = Map.ofEntries(
      Map.entry("eventlog/6008", "host.crashed"),            // "The previous system shutdown at … was unexpected."
      Map.entry("microsoft-windows-kernel-power/41", "host.crashed"), // rebooted without cleanly shutting down first
      Map.entry("eventlog/6006", "host.shutdown"),           // the event log service stopped: the machine shuts down
      Map.entry("eventlog/6005", "host.up"),                 // the event log service started: the machine is up
      Map.entry("user32/1074", "host.shutdown_requested"),   // a user or process asked for it: context, who and why
      Map.entry("service control manager/7034", "service.crashed"), // terminated unexpectedly
      Map.entry("service control manager/7031", "service.crashed"), // terminated unexpectedly, recovery action taken
      Map.entry("service control manager/7000", "service.failed"),  // failed to start
      Map.entry("service control manager/7023", "service.failed"),  // terminated with an error
      Map.entry("service control manager/7024", "service.failed"),  // terminated with a service-specific error
      Map.entry("application error/1000", "process.crashed"),       // faulting application
      Map.entry(".net runtime/1026", "process.crashed"));           // unhandled exception ended the process

  @Override
  public String name() {
    return "windows-events";
  }

  @Override
  public String summary() {
    return "Windows event logs (Get-WinEvent | Export-Csv or ConvertTo-Json, wevtutil qe /f:xml) → events";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.EVENTS);
  }

  /** One record, however it was exported. */
  private record Record(int line, String time, String id, String level, String provider, String machine, String message,
      String logName, String subject) {}

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    String first = JsonRecords.firstLine(source);
    if (first.startsWith("<")) {
      xml(source, run);
    } else if (first.startsWith("{") || first.startsWith("[")) {
      JsonRecords.objects(source, run, o -> {
        String provider = firstOf(o.text("ProviderName"), o.text("Source"));
        record(new Record(o.line(), firstOf(o.text("TimeCreated"), o.text("TimeGenerated")), firstOf(o.text("Id"), o.text("EventID")),
            level(o.text("LevelDisplayName"), o.text("Level"), o.text("EntryType")), provider, o.text("MachineName"), o.text("Message"),
            o.text("LogName"), !namesSubject(provider) ? "" : !property(o).isEmpty() ? property(o) : firstItem(o.get("ReplacementStrings"))),
            source, run);
      });
    } else {
      CsvRecords.each(source, run, List.of("TimeCreated", "TimeGenerated"), true, r -> record(new Record(r.line,
          r.get("TimeCreated", "TimeGenerated"), r.get("Id", "EventID"), level(r.get("LevelDisplayName"), r.get("Level"), r.get("EntryType")),
          r.get("ProviderName", "Source"), r.get("MachineName"), r.raw("Message").strip(), r.get("LogName"), ""), source, run));
    }
  }

  private static String firstOf(String a, String b) {
    return a.isEmpty() ? b : a;
  }

  private static String firstItem(Tree list) {
    return list.items().isEmpty() ? "" : list.items().get(0).text();
  }

  /**
   * The record's level: Get-WinEvent's {@code LevelDisplayName} or {@code Level} (1 critical … 4 information), else
   * Get-EventLog's {@code EntryType}, whose numbers differ ({@code EventLogEntryType}: 1 error, 2 warning, 4 information,
   * 8 and 16 audits) and whose names read as words.
   */
  private static String level(String displayName, String level, String entryType) {
    if (!displayName.isEmpty() || !level.isEmpty()) return !displayName.isEmpty() ? displayName : level;
    return switch (entryType.trim()) {
      case "1" -> "error";
      case "2" -> "warning";
      case "4", "8", "16", "SuccessAudit", "FailureAudit" -> "information";
      default -> entryType;
    };
  }

  /** Whether a provider's records name their subject first: the service (Service Control Manager), the faulting application. */
  private static boolean namesSubject(String provider) {
    return provider.equalsIgnoreCase("Service Control Manager") || provider.equalsIgnoreCase("Application Error");
  }

  /** The first of a JSON record's {@code Properties} (the service's or application's name in the records above). */
  private static String property(Tree o) {
    List<Tree> p = o.get("Properties").items();
    return p.isEmpty() ? "" : p.get(0).text("Value");
  }

  private static final Pattern EVENT = Pattern.compile("<Event[\\s>][\\s\\S]*?</Event>");
  private static final Pattern PROVIDER = Pattern.compile("<Provider\\s[^>]*?Name=['\"]([^'\"]*)['\"]");
  private static final Pattern EVENT_ID = Pattern.compile("<EventID(?:\\s[^>]*)?>\\s*(\\d+)\\s*</EventID>");
  private static final Pattern LEVEL = Pattern.compile("<System>[\\s\\S]*?<Level>\\s*(\\d+)\\s*</Level>");
  private static final Pattern TIME = Pattern.compile("<TimeCreated\\s[^>]*?SystemTime=['\"]([^'\"]*)['\"]");
  private static final Pattern COMPUTER = Pattern.compile("<Computer>([^<]*)</Computer>");
  private static final Pattern CHANNEL = Pattern.compile("<Channel>([^<]*)</Channel>");
  private static final Pattern MESSAGE = Pattern.compile("<RenderingInfo[\\s\\S]*?<Message>([\\s\\S]*?)</Message>");
  private static final Pattern DATA = Pattern.compile("<Data(?:\\s+Name=['\"]([^'\"]*)['\"])?\\s*>([^<]*)</Data>");
  /** An event's XML, at most this long: a record that does not close within it is cut off, not read as the rest of the file. */
  private static final int MAX_EVENT_CHARS = 1 << 20;

  /** wevtutil's XML: events one after another (no root), or under Event Viewer's {@code <Events>}. */
  private static void xml(Source source, ImportRun run) throws IOException {
    StringBuilder pending = new StringBuilder();
    int startLine = 0;
    int n = 0;
    try (BufferedReader in = source.reader()) {
      String line;
      while ((line = in.readLine()) != null) {
        n++;
        int from = 0;
        while (from <= line.length()) {
          if (pending.length() == 0) {
            int open = indexOfEvent(line, from);
            if (open < 0) break;
            startLine = n;
            from = open;
          }
          int close = line.indexOf("</Event>", from);
          if (close < 0) {
            pending.append(line, from, line.length()).append('\n');
            if (pending.length() > MAX_EVENT_CHARS) {
              run.problem(source, startLine, "an <Event> not closed within " + MAX_EVENT_CHARS + " characters");
              pending.setLength(0);
            }
            break;
          }
          pending.append(line, from, close + "</Event>".length());
          event(pending.toString(), startLine, source, run);
          pending.setLength(0);
          from = close + "</Event>".length();
        }
      }
    }
    if (pending.length() > 0) run.problem(source, startLine, "an <Event> cut off: the file ends before its </Event>");
  }

  /** Where an {@code <Event>} element (not {@code <Events>}, not {@code <EventID>}) opens, or -1. */
  private static int indexOfEvent(String line, int from) {
    for (int i = line.indexOf("<Event", from); i >= 0; i = line.indexOf("<Event", i + 1)) {
      int after = i + "<Event".length();
      if (after == line.length() || line.charAt(after) == '>' || Character.isWhitespace(line.charAt(after))) return i;
    }
    return -1;
  }

  private static void event(String xml, int line, Source source, ImportRun run) {
    Map<String, String> data = new LinkedHashMap<>();
    List<String> values = new ArrayList<>();
    Matcher d = DATA.matcher(xml);
    while (d.find()) {
      values.add(unescape(d.group(2)));
      if (d.group(1) != null) data.put(d.group(1), unescape(d.group(2)));
    }
    String provider = unescape(group(PROVIDER, xml));
    String id = group(EVENT_ID, xml);
    String message = unescape(group(MESSAGE, xml));
    if (message.isEmpty() && provider.equalsIgnoreCase("EventLog") && id.equals("6008") && values.size() >= 2) {
      message = "The previous system shutdown at " + values.get(0) + " on " + values.get(1).replace("\u200E", "") + " was unexpected.";
    } else if (message.isEmpty()) {
      message = String.join("; ", values); // /f:xml renders no message: its data say what happened
    }
    // the service's (Service Control Manager's param1) or the faulting application's name is these records' first datum
    record(new Record(line, group(TIME, xml), id, group(LEVEL, xml), provider, unescape(group(COMPUTER, xml)), message.strip(),
        unescape(group(CHANNEL, xml)), !namesSubject(provider) ? "" : data.getOrDefault("param1", values.isEmpty() ? "" : values.get(0))), source, run);
  }

  private static String group(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1).trim() : "";
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&#xD;", "")
        .replace("&#xA;", "\n").replace("&amp;", "&");
  }

  private static void record(Record r, Source source, ImportRun run) {
    if (r.time().isEmpty() && r.id().isEmpty() && r.provider().isEmpty()) {
      run.problem(source, r.line(), "not a Windows event record (TimeCreated, Id, ProviderName)");
      return;
    }
    String time;
    try {
      time = time(r.time(), run);
    } catch (DateTimeException e) {
      run.problem(source, r.line(), "TimeCreated '" + r.time() + "' " + e.getMessage());
      return;
    }
    if (r.machine().isEmpty()) {
      run.problem(source, r.line(), "event " + r.id() + " names no machine (MachineName, Computer)");
      return;
    }
    if (!r.id().matches("\\d{1,6}")) {
      run.problem(source, r.line(), "event id '" + r.id() + "' is no number");
      return;
    }
    String host = run.settings().devices().device(r.machine());
    String severity = severity(r.level());
    String known = KNOWN.get(r.provider().toLowerCase(Locale.ROOT) + "/" + r.id());
    ImportRun.Row row;
    if (known != null) {
      row = run.row(LogKind.EVENTS, source, r.line()).set("timestamp", time).set("source", r.provider()).set("type", known)
          .set("entity", host).set("message", r.message()).set("severity", severity.isEmpty() ? "info" : severity).set("host", host);
      run.kept(source);
    } else {
      row = EventRows.add(run, source, r.line(), new EventRows.Message(time, r.provider(), host, r.message(), severity));
      if (row == null) return;
    }
    AlertRows.columns(row, "event_id", r.id(), "log_name", r.logName(), "subject", known != null ? subject(r) : "");
  }

  /** The subject as the known records' messages name it: the service, the faulting application, the .NET program. */
  private static final Pattern SUBJECT =
      Pattern.compile("^(?:The )?(.+?) service (?:terminated|failed|entered)|^Faulting application name: ([^,\\s]+)|^Application: (\\S+)");

  /** What the record is about, for the known ones: the service or application its first datum names. */
  private static String subject(Record r) {
    if (!r.subject().isEmpty()) return r.subject();
    Matcher m = SUBJECT.matcher(r.message());
    if (!m.find()) return "";
    for (int i = 1; i <= m.groupCount(); i++) if (m.group(i) != null) return m.group(i);
    return "";
  }

  /** Windows's levels, by number or by display name (in English; other languages' names: by number). */
  static String severity(String level) {
    return switch (level.trim().toLowerCase(Locale.ROOT)) {
      case "1", "critical" -> "critical";
      case "2", "error" -> "error";
      case "3", "warning" -> "warning";
      case "0", "4", "5", "information", "verbose", "logalways" -> "info";
      default -> EventRows.severity(level);
    };
  }

  /** Windows PowerShell's JSON date: {@code /Date(1718892150512)/}, once with an offset ({@code /Date(…+0200)/}). */
  private static final Pattern MS_DATE = Pattern.compile("/?Date\\((-?\\d+)(?:[+-]\\d{4})?\\)/?");
  /** How Export-Csv writes a DateTime: the culture's short date and long time; US, then day-first, then ISO-like. */
  private static final List<DateTimeFormatter> CULTURES = List.of(
      DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US), DateTimeFormatter.ofPattern("d/M/yyyy H:mm:ss"),
      DateTimeFormatter.ofPattern("d.M.yyyy H:mm:ss"), DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm:ss"),
      DateTimeFormatter.ofPattern("yyyy/MM/dd H:mm:ss"));

  /**
   * The record's time as the contract writes it: wevtutil's UTC {@code SystemTime} and ISO times with an offset as they are;
   * {@code /Date(ms)/} as UTC; a time without an offset (Export-Csv writes the exporting machine's local time in its culture's
   * format) in {@code --timezone}, which it then needs; {@code --time-format} names another culture's format.
   */
  private static String time(String text, ImportRun run) {
    String t = text.trim();
    if (t.isEmpty()) throw new DateTimeException("is missing");
    Matcher ms = MS_DATE.matcher(t);
    if (ms.matches()) {
      String iso = run.millis(ms.group(1));
      if (iso == null) throw new DateTimeException("is no time in 1990–2100");
      return iso;
    }
    String iso = run.clock().isoOrNull(t);
    if (iso != null) return iso;
    for (DateTimeFormatter f : CULTURES) {
      LocalDateTime local;
      try {
        local = LocalDateTime.parse(t.replace('\u202F', ' ').replace('\u00A0', ' '), f);
      } catch (DateTimeParseException e) {
        continue;
      }
      if (run.settings().timezone == null) {
        throw new DateTimeException("is the exporting machine's local time: name its zone with --timezone");
      }
      Instant at = local.atZone(run.settings().timezone).toInstant();
      return ImportRun.format(at, run.offset(at));
    }
    throw new DateTimeException("is no time this reads (ISO-8601, /Date(ms)/, M/d/yyyy h:mm:ss AM; another culture's: --time-format)");
  }
}
