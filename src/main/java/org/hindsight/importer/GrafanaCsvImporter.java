package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * Grafana panel data downloaded as CSV. Wide ("series joined by time"): a {@code Time} column
 * (epoch milliseconds or a formatted local time) and one column per series, named
 * {@code metric{label="value",…}} or by its legend (then the legend is the entity and the file's
 * name the metric, e.g. {@code igp.routes.csv}). Long ("series as rows"): {@code Series},
 * {@code Time}, {@code Value}. Empty cells (no sample at that time) are skipped.
 */
@AutoService(Importer.class)
public final class GrafanaCsvImporter implements Importer {
  private static final Pattern SERIES = Pattern.compile("\\s*([^{\\s]*)\\s*\\{(.*)}\\s*");
  private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  @Override
  public String name() {
    return "grafana-csv";
  }

  @Override
  public String summary() {
    return "Grafana panel CSV (Time + one column per series, epoch ms or local time; or Series,Time,Value) → metrics";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.METRICS);
  }

  private record Column(int index, String entity, String metric, String series) {}

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    ImportRun.Clock clock = run.clock();
    String stem = source.stem("csv");
    List<Column> columns = new ArrayList<>();
    boolean[] long_ = {false};
    CsvRecords.each(source, run, List.of("time"), r -> {
      if (columns.isEmpty() && !long_[0]) {
        if (r.header.containsKey("series") && r.header.containsKey("value")) {
          long_[0] = true;
        } else {
          for (int i = 0; i < r.names.size(); i++) {
            String name = r.names.get(i);
            if (CsvRecords.norm(name).equals("time")) continue;
            Column c = column(i, name, stem, run);
            if (c == null) {
              run.fileProblem(source, "column '" + name + "' names no entity (labels " + PrometheusJsonImporter.DEFAULT_ENTITY_LABELS
                  + " or a legend); pass --entity-label");
              return;
            }
            columns.add(c);
          }
        }
      }
      Timestamps.Parsed t;
      try {
        t = clock.parse(r.get("time"));
      } catch (DateTimeException e) {
        run.problem(source, r.line, "Time: " + e.getMessage());
        return;
      }
      String iso = ImportRun.format(t.instant(), t.offset());
      // the record's values first: a bad cell must not leave the others of its row imported
      List<String[]> samples = new ArrayList<>(); // {entity, metric, value, series}
      List<Column> here = long_[0] ? java.util.Collections.singletonList(column(r.header.get("value"), r.raw("series"), stem, run)) : columns;
      for (Column c : here) {
        if (c == null) {
          run.problem(source, r.line, "series '" + r.get("series") + "' names no entity");
          return;
        }
        String v = c.index < r.record.size() ? r.record.get(c.index).trim() : "";
        if (v.isEmpty() || v.equalsIgnoreCase("null") || v.equalsIgnoreCase("NaN")) continue;
        try {
          if (!Double.isFinite(Double.parseDouble(v))) continue;
        } catch (NumberFormatException e) {
          run.problem(source, r.line, "'" + v + "' in column of " + c.series + " is not a number");
          return;
        }
        samples.add(new String[] {c.entity, c.metric, v, c.series});
      }
      for (String[] x : samples) {
        run.row(LogKind.METRICS, source, r.line).set("timestamp", iso).set("entity", x[0]).set("metric", x[1])
            .set("value", x[2]).set("series", x[3]);
      }
      boolean any = !samples.isEmpty();
      if (any) run.kept(source);
      else run.ignored(source);
    });
  }

  private static Column column(int index, String name, String stem, ImportRun run) {
    Matcher m = SERIES.matcher(name);
    if (m.matches()) {
      Map<String, String> labels = new TreeMap<>();
      if (!m.group(1).isEmpty()) labels.put("__name__", m.group(1));
      Matcher l = LABEL.matcher(m.group(2));
      while (l.find()) labels.put(l.group(1), l.group(2));
      String entity = PrometheusJsonImporter.entity(labels, run);
      if (entity == null) return null;
      return new Column(index, entity, run.settings().metrics.map(labels.getOrDefault("__name__", stem)), name.trim());
    }
    String legend = name.trim();
    if (legend.isEmpty()) return null;
    return new Column(index, run.settings().devices().device(legend), run.settings().metrics.map(stem), legend);
  }
}
