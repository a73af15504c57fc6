package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.Inputs;
import org.hindsight.ingest.LogKind;

/**
 * Any CSV whose rows are already one contract kind but whose header and times are the user's own:
 * {@code --kind} (else told by the file's name, as {@code analyze} does) and {@code --map} name which
 * column is which ({@code --map timestamp=_time,entity=host}); times as they come are written
 * ISO-8601 ({@code --time-format}, {@code --year}, {@code --timezone}). Other columns are kept. For a
 * one-off file {@code analyze --map} reads the same; importing gathers it into a bundle with the rest.
 */
@AutoService(Importer.class)
public final class CsvImporter implements Importer {
  /** Columns that hold a time, per kind (the rest are copied as they are). */
  private static final Map<LogKind, List<String>> TIME_COLUMNS = Map.of(LogKind.CHANGES, List.of("window_start", "window_end"));

  @Override
  public String name() {
    return "csv";
  }

  @Override
  public String summary() {
    return "any CSV of one contract kind (--kind) with your own header (--map col=yours) and time format";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.values());
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    LogKind kind = run.settings().csvKind;
    if (kind == null) {
      String file = Inputs.withoutCompression(source.name().replaceAll(".*/", ""));
      kind = LogKind.ofFileName(file).orElse(null);
      if (kind == null) {
        run.fileProblem(source, "which kind is this file? name it with --kind (" + LogKind.allNames() + ")");
        return;
      }
    }
    LogKind k = kind;
    List<String> contract = new ArrayList<>(k.requiredColumns());
    contract.addAll(k.optionalColumns());
    List<String> timed = new ArrayList<>(TIME_COLUMNS.getOrDefault(k, List.of()));
    if (k.known("timestamp")) timed.add("timestamp");
    ImportRun.Clock clock = run.clock();
    boolean[] checked = {false};
    boolean[] unusable = {false};
    CsvRecords.each(source, run, List.of(), r -> {
      if (!checked[0]) {
        checked[0] = true;
        List<String> missing = k.requiredColumns().stream().filter(c -> !r.header.containsKey(CsvRecords.norm(column(run, k, c)))).toList();
        if (!missing.isEmpty()) {
          unusable[0] = true;
          run.fileProblem(source, k.fileName() + " needs the column(s) " + String.join(", ", missing)
              + "; name yours with --map " + missing.get(0) + "=YOUR_COLUMN (header: " + String.join(", ", r.names) + ")");
        }
      }
      if (unusable[0]) return;
      Map<String, String> values = new LinkedHashMap<>();
      List<String> used = new ArrayList<>();
      for (String c : contract) {
        String theirs = column(run, k, c);
        used.add(CsvRecords.norm(theirs));
        String v = r.get(theirs);
        if (v.isEmpty() && k.requiredColumns().contains(c) && !(k == LogKind.EVENTS && c.equals("entity"))) {
          run.problem(source, r.line, "empty " + theirs);
          return;
        }
        if (!v.isEmpty() && timed.contains(c)) {
          try {
            v = clock.iso(v);
          } catch (DateTimeException e) {
            run.problem(source, r.line, theirs + ": " + e.getMessage());
            return;
          }
        }
        values.put(c, v);
      }
      for (int i = 0; i < r.names.size() && i < r.record.size(); i++) {
        String n = r.names.get(i);
        if (!used.contains(CsvRecords.norm(n)) && !n.isBlank() && !n.equalsIgnoreCase("origin")) {
          values.putIfAbsent(n.trim().toLowerCase(Locale.ROOT), r.record.get(i));
        }
      }
      ImportRun.Row row = run.row(k, source, r.line);
      values.forEach(row::set);
      run.kept(source);
    });
  }

  /** The user's column for a contract column ({@code --map}), else the contract's own name. */
  private static String column(ImportRun run, LogKind kind, String contract) {
    return run.settings().columnMap.mapped(kind, contract).orElse(contract);
  }
}
