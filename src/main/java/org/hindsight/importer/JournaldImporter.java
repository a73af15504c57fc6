package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * The systemd journal as {@code journalctl -o json} writes it, one entry a line: {@code
 * __REALTIME_TIMESTAMP} (epoch µs), {@code _HOSTNAME}, {@code SYSLOG_IDENTIFIER} (else the unit, the
 * command), {@code PRIORITY} (syslog severity), {@code MESSAGE} — a string, or an array of bytes when
 * the message is not valid text or holds control characters, decoded in the source's charset. Each
 * entry is an {@code events} row typed by the event rules ({@link EventRows}); systemd's messages about
 * a unit (its {@code UNIT} field: "Started A high performance web server…") have the unit as the entity.
 */
@AutoService(Importer.class)
public final class JournaldImporter implements Importer {
  @Override
  public String name() {
    return "journald";
  }

  @Override
  public String summary() {
    return "systemd journal (journalctl -o json, one entry a line) → events, typed by the event rules";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.EVENTS);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    JsonRecords.objects(source, run, e -> entry(e, source, run));
  }

  private void entry(Tree e, Source source, ImportRun run) {
    int line = e.line();
    if (e.get("__REALTIME_TIMESTAMP").isMissing()) {
      run.problem(source, line, "no __REALTIME_TIMESTAMP: not a journal entry (export with journalctl -o json)");
      return;
    }
    String time = run.micros(e.text("__REALTIME_TIMESTAMP"));
    if (time == null) {
      run.problem(source, line, "__REALTIME_TIMESTAMP '" + e.text("__REALTIME_TIMESTAMP") + "' is no time in epoch microseconds");
      return;
    }
    Tree raw = e.get("MESSAGE");
    String message;
    if (raw.isList()) {
      message = bytes(raw, source);
      if (message == null) {
        run.problem(source, line, "MESSAGE bytes are not valid " + source.charset().name() + " (name the journal's charset with --encoding)");
        return;
      }
    } else if (raw.isNull()) {
      run.problem(source, line, "MESSAGE is null: the field was too large for journalctl -o json (export with --all)");
      return;
    } else if (raw.isMissing() || raw.isObject()) {
      run.problem(source, line, "no MESSAGE text in the entry");
      return;
    } else {
      message = raw.text();
    }
    String priority = e.text("PRIORITY");
    String severity = priority.matches("[0-7]") ? EventRows.severity(Integer.parseInt(priority)) : "";
    String program = first(e, "SYSLOG_IDENTIFIER", "_SYSTEMD_UNIT", "_COMM");
    String host = run.settings().devices().device(e.text("_HOSTNAME"));
    ImportRun.Row row = EventRows.add(run, source, line,
        new EventRows.Message(time, program.isEmpty() ? name() : program, host, message, severity));
    String about = first(e, "UNIT", "USER_UNIT");
    if (row != null && !about.isEmpty()) {
      // systemd names the unit a message is about: surer than the unit's description the message text gives
      row.set("entity", about.endsWith(".service") ? about.substring(0, about.length() - ".service".length()) : about);
    }
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("unit", first(e, "UNIT", "USER_UNIT", "_SYSTEMD_UNIT"));
    extra.put("pid", e.text("_PID"));
    EventRows.extras(row, extra);
  }

  private static String first(Tree e, String... fields) {
    for (String f : fields) if (!e.text(f).isEmpty()) return e.text(f);
    return "";
  }

  /** MESSAGE as journalctl writes a non-text message: an array of byte values; null when they do not decode. */
  private static String bytes(Tree list, Source source) {
    byte[] b = new byte[list.items().size()];
    for (int i = 0; i < b.length; i++) {
      String v = list.items().get(i).text();
      if (!v.matches("\\d{1,3}") || Integer.parseInt(v) > 255) return null;
      b[i] = (byte) Integer.parseInt(v);
    }
    try {
      return source.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException ex) {
      return null;
    }
  }
}
