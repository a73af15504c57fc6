package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hindsight.ingest.LogKind;

/**
 * InfluxDB query results, in the two shapes its tools write. Flux's annotated CSV ({@code influx query --raw}, the
 * {@code /api/v2/query} answer, the UI's CSV download): {@code #datatype}, {@code #group} and {@code #default} annotation
 * rows, then a header {@code ,result,table,_start,_stop,_time,_value,_field,_measurement,<tags>} and one record a row,
 * several tables in one file, a table whose columns differ starting again with its own annotations and header. InfluxQL's
 * JSON ({@code /query}, {@code influx -format json}): {@code results[].series[]}, each a {@code name} (the measurement),
 * {@code tags} (the GROUP BY's), {@code columns} and {@code values}, times RFC 3339 or epoch (the request's {@code epoch=}).
 * Each value of a field is a {@code metrics} row: the entity is the tag naming a machine ({@link #ENTITY_TAGS}, as Telegraf
 * writes {@code host}), the metric {@code measurement.field} ({@code cpu.usage_user}; a field named {@code value} is the
 * measurement alone) through {@code --metric-map}; the other tags that differ between series of one entity and metric tell
 * them apart ({@code cpu.usage_user[cpu=cpu0]}).
 */
@AutoService(Importer.class)
public final class InfluxDbImporter implements Importer {
  /** Tags naming what a series is about, Telegraf's {@code host} first; {@code --entity-label} to choose. */
  static final List<String> ENTITY_TAGS = List.of("host", "hostname", "instance", "device", "node", "pod", "server", "container_name",
      "service", "job");

  /** Flux's own columns: never a tag. */
  private static final Set<String> FLUX_COLUMNS = Set.of("", "result", "table", "_start", "_stop", "_time", "_value", "_field",
      "_measurement");

  /** Annotated CSV datatypes of a number (a boolean reads as 1 or 0). */
  private static final Set<String> NUMERIC = Set.of("double", "long", "unsignedlong", "boolean");

  @Override
  public String name() {
    return "influxdb";
  }

  @Override
  public String summary() {
    return "InfluxDB query results: Flux annotated CSV (#datatype,…; ,result,table,_time,_value,_field,_measurement,<tags>) or InfluxQL JSON (results[].series[]) → metrics";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.METRICS);
  }

  /** One value read, named once the whole file is known (which tags tell series apart). */
  private record Sample(int line, String time, String entity, String metric, Map<String, String> tags, String value, String series) {}

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    List<Sample> samples = new ArrayList<>();
    String first = JsonRecords.firstLine(source);
    if (first.startsWith("{") || first.startsWith("[")) influxQl(source, run, samples);
    else annotatedCsv(source, run, samples);
    write(samples, source, run);
  }

  // ---- Flux annotated CSV ----

  /** The current table of an annotated CSV: its annotations and header. */
  private static final class Table {
    List<String> datatypes = List.of();
    List<String> defaults = List.of();
    List<String> header;
    boolean error;
    boolean unreadable;

    String datatype(int i) {
      return i < datatypes.size() ? datatypes.get(i).toLowerCase(Locale.ROOT).replace(" ", "") : "";
    }

    String cell(CSVRecord r, int i) {
      String v = i < r.size() ? r.get(i) : "";
      return v.isEmpty() && i < defaults.size() ? defaults.get(i) : v;
    }
  }

  private static void annotatedCsv(Source source, ImportRun run, List<Sample> samples) throws IOException {
    try (Reader in = source.reader();
        CSVParser p = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).build().parse(in)) {
      Iterator<CSVRecord> it = p.iterator();
      long previousEnd = 0;
      Table table = new Table();
      while (true) {
        int line = (int) previousEnd + 1;
        CSVRecord r;
        try {
          if (!it.hasNext()) break;
          r = it.next();
        } catch (UncheckedIOException e) {
          if (e.getCause() instanceof org.hindsight.ingest.StrictText.Undecodable bad) throw bad;
          run.problem(source, line, "malformed CSV: " + e.getCause().getMessage().replaceAll("\\s+", " "));
          break;
        }
        previousEnd = p.getCurrentLineNumber();
        String head = r.get(0).trim();
        if (r.size() == 1 && head.isEmpty()) { // a blank line ends a table; the next brings its own annotations and header
          table = new Table();
          continue;
        }
        if (head.startsWith("#")) {
          if (table.header != null) table = new Table(); // annotations after records: the next table's
          List<String> values = r.toList();
          switch (head.toLowerCase(Locale.ROOT)) {
            case "#datatype" -> table.datatypes = values;
            case "#default" -> table.defaults = values;
            default -> { } // #group: which columns make the group key; the tags tell series apart anyway
          }
          continue;
        }
        if (table.header == null) {
          table.header = r.toList().stream().map(String::trim).toList();
          header(table, source, line, run);
          continue;
        }
        if (table.error) {
          // Flux writes a failed query as a table of its own: error, reference
          int e = table.header.indexOf("error");
          run.problem(source, line, "the query failed: " + table.cell(r, e));
        } else if (table.unreadable) {
          run.ignored(source);
        } else {
          fluxRecord(table, r, line, source, run, samples);
        }
      }
    }
  }

  /** Checks a table's header: samples need a time and a value (or, pivoted, typed field columns). */
  private static void header(Table t, Source source, int line, ImportRun run) {
    List<String> h = t.header;
    if (h.contains("error") && !h.contains("_value")) {
      t.error = true;
      return;
    }
    boolean timed = h.contains("_time") || h.contains("_stop");
    boolean pivoted = !h.contains("_value") && fieldColumns(t).size() > 0;
    if (!timed || (!h.contains("_value") && !pivoted)) {
      t.unreadable = true;
      run.problem(source, line, "a table without " + (timed ? "" : "_time ") + (timed ? "" : "and ")
          + "_value columns: not a Flux result of samples (its records are not read)");
    }
  }

  /** A pivoted table's field columns: numeric ones that are neither Flux's own nor the group key's tags. */
  private static List<Integer> fieldColumns(Table t) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < t.header.size(); i++) {
      String c = t.header.get(i);
      if (!FLUX_COLUMNS.contains(c) && NUMERIC.contains(t.datatype(i))) out.add(i);
    }
    return out;
  }

  private static void fluxRecord(Table t, CSVRecord r, int line, Source source, ImportRun run, List<Sample> samples) {
    List<String> h = t.header;
    int timeAt = h.contains("_time") ? h.indexOf("_time") : h.indexOf("_stop"); // an aggregate without _time stands at its window's end
    String time = t.cell(r, timeAt).trim();
    String measurement = h.contains("_measurement") ? t.cell(r, h.indexOf("_measurement")).trim() : "";
    Map<String, String> tags = new TreeMap<>();
    List<Integer> fields = h.contains("_value") ? List.of() : fieldColumns(t);
    for (int i = 0; i < h.size(); i++) {
      String c = h.get(i);
      if (!FLUX_COLUMNS.contains(c) && !fields.contains(i) && !t.cell(r, i).isEmpty()) tags.put(c, t.cell(r, i));
    }
    if (h.contains("_value")) {
      int v = h.indexOf("_value");
      String field = h.contains("_field") ? t.cell(r, h.indexOf("_field")).trim() : "";
      sample(line, time, measurement, field, tags, t.cell(r, v).trim(), t.datatype(v), source, run, samples);
    } else {
      for (int i : fields) sample(line, time, measurement, h.get(i), tags, t.cell(r, i).trim(), t.datatype(i), source, run, samples);
    }
  }

  // ---- InfluxQL JSON ----

  private static void influxQl(Source source, ImportRun run, List<Sample> samples) throws IOException {
    JsonRecords.objects(source, run, doc -> {
      if (!doc.text("error").isEmpty()) {
        run.problem(source, doc.line(), "the query failed: " + doc.text("error"));
      } else if (doc.get("results").isList()) {
        for (Tree result : doc.get("results").items()) {
          if (!result.text("error").isEmpty()) {
            run.problem(source, result.line(), "statement " + result.text("statement_id") + " failed: " + result.text("error"));
          } else if (result.get("series").items().isEmpty()) {
            run.ignored(source); // the statement matched nothing in its time range
          } else {
            for (Tree s : result.get("series").items()) series(s, source, run, samples);
          }
        }
      } else {
        run.problem(source, doc.line(), "not an InfluxQL answer (results[].series[] with name, columns, values)");
      }
    });
  }

  private static void series(Tree s, Source source, ImportRun run, List<Sample> samples) {
    List<String> columns = s.get("columns").items().stream().map(Tree::text).toList();
    int timeAt = columns.indexOf("time");
    if (timeAt < 0) {
      run.problem(source, s.line(), "series " + s.text("name") + " has no time column (columns " + columns + ")");
      return;
    }
    Map<String, String> groupTags = new TreeMap<>();
    s.get("tags").members().forEach((k, v) -> {
      if (!v.text().isEmpty()) groupTags.put(k, v.text());
    });
    for (Tree row : s.get("values").items()) {
      List<Tree> cells = row.items();
      if (cells.size() != columns.size()) {
        run.problem(source, row.line(), "a row of " + cells.size() + " values for " + columns.size() + " columns " + columns);
        continue;
      }
      // SELECT * returns tags as columns: a string cell is a tag, a number a field's value
      Map<String, String> tags = new TreeMap<>(groupTags);
      List<Integer> fields = new ArrayList<>();
      for (int i = 0; i < cells.size(); i++) {
        if (i == timeAt || cells.get(i).isNull()) continue;
        boolean value = looksNumeric(cells.get(i).text()) || isBool(cells.get(i).text());
        if (value && !ENTITY_TAGS.contains(columns.get(i))) fields.add(i);
        else tags.put(columns.get(i), cells.get(i).text());
      }
      String time = cells.get(timeAt).text();
      for (int i = 0; i < cells.size(); i++) {
        if (i == timeAt) continue;
        if (cells.get(i).isNull()) {
          run.ignored(source); // no value of this field at that time
        } else if (fields.contains(i)) {
          sample(row.line(), time, s.text("name"), columns.get(i), tags, cells.get(i).text(), "", source, run, samples);
        }
      }
    }
  }

  private static boolean looksNumeric(String text) {
    return NUMBER.matcher(text.trim()).matches();
  }

  private static boolean isBool(String text) {
    return text.equals("true") || text.equals("false");
  }

  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("[-+]?(\\d{1,400}(\\.\\d{0,400})?|\\.\\d{1,400})([eE][-+]?\\d{1,3})?|[-+]?(NaN|Inf|Infinity)");

  // ---- shared ----

  /** One value as a sample to write, or why not: a string field is no sample (counted), a missing entity a problem. */
  private static void sample(int line, String time, String measurement, String field, Map<String, String> tags, String value,
      String datatype, Source source, ImportRun run, List<Sample> samples) {
    if (datatype.equals("string") || (!datatype.isEmpty() && !NUMERIC.contains(datatype) && !datatype.startsWith("datetime"))) {
      run.ignored(source); // a string field (a status text) is no sample
      return;
    }
    if (value.isEmpty()) {
      run.ignored(source); // no value at that time
      return;
    }
    if (datatype.equals("boolean") || isBool(value)) value = value.equalsIgnoreCase("true") ? "1" : value.equalsIgnoreCase("false") ? "0" : value;
    String tag = entityTag(tags, run);
    if (tag == null) {
      run.problem(source, line, "series " + name(measurement, field) + " " + tags + " names no " + String.join(", ", ENTITY_TAGS)
          + " tag: group the query by one (|> group(columns: [\"host\"]), GROUP BY host), or pass --entity-label");
      return;
    }
    String entity = tag.equals("host") || tag.equals("hostname") || tag.equals("instance")
        ? run.settings().devices().device(tags.get(tag).replaceFirst(":\\d+$", "")) : tags.get(tag);
    Map<String, String> others = new TreeMap<>(tags);
    others.remove(tag);
    String metric = name(measurement, field);
    samples.add(new Sample(line, time, entity, metric, others, value, metric + "{" + String.join(",",
        tags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()) + "}"));
  }

  private static String entityTag(Map<String, String> tags, ImportRun run) {
    List<String> wanted = run.settings().entityLabels.isEmpty() ? ENTITY_TAGS : run.settings().entityLabels;
    for (String t : wanted) if (!tags.getOrDefault(t, "").isEmpty()) return t;
    return null;
  }

  /** {@code measurement.field}; a field named {@code value} (InfluxDB 1's habit) is the measurement alone. */
  private static String name(String measurement, String field) {
    if (measurement.isEmpty()) return field;
    if (field.isEmpty() || field.equals("value")) return measurement;
    return measurement + "." + field;
  }

  /**
   * Writes the samples: a tag whose values differ between the series of one entity and metric ({@code cpu=cpu0},
   * {@code cpu=cpu1}) is part of the metric's name, so two series never make one.
   */
  private static void write(List<Sample> samples, Source source, ImportRun run) {
    Map<String, Set<String>> keysByGroup = new HashMap<>();
    for (Sample s : samples) keysByGroup.computeIfAbsent(group(s), k -> new HashSet<>()).addAll(s.tags().keySet());
    // per group and tag, the values its series hold ("" for a series without the tag: it is another series too)
    Map<String, Map<String, Set<String>>> values = new HashMap<>();
    for (Sample s : samples) {
      Map<String, Set<String>> byTag = values.computeIfAbsent(group(s), k -> new HashMap<>());
      for (String key : keysByGroup.get(group(s))) byTag.computeIfAbsent(key, k -> new HashSet<>()).add(s.tags().getOrDefault(key, ""));
    }
    for (Sample s : samples) {
      Map<String, Set<String>> byTag = values.get(group(s));
      List<String> telling = new ArrayList<>();
      for (String key : new java.util.TreeSet<>(keysByGroup.get(group(s)))) {
        if (byTag.get(key).size() > 1 && s.tags().containsKey(key)) telling.add(key + "=" + s.tags().get(key));
      }
      String metric = telling.isEmpty() ? s.metric() : s.metric() + "[" + String.join(",", telling) + "]";
      CloudMetrics.sample(run, source, s.line(), s.time(), s.value(), s.entity(),
          new CloudMetrics.Known(run.settings().metrics.map(metric), 1), s.series());
    }
  }

  private static String group(Sample s) {
    return s.entity() + '\u0000' + s.metric();
  }
}
