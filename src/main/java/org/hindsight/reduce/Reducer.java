package org.hindsight.reduce;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.hindsight.facts.MetricSeries;
import org.hindsight.ingest.InputException;
import org.hindsight.ingest.InputProblem;
import org.hindsight.ingest.Timestamps;

/**
 * {@code hindsight reduce}: the per-row heavy work of a fleet-sized incident as one Spark job. Reads
 * CSV, JSON lines and Parquet; validates the bulk kinds as {@code analyze} does; keeps the samples
 * of each metric series that anything downstream reads ({@link SteadySamples}), writes what the
 * steady rest would teach the analysis (baselines) as a summary on the series' first row and counts
 * the rest on the next kept row; keeps mixed-cookie requests and each key's first and last, and
 * thins the plain rest per data centre and minute; keeps events, spans and every structural kind whole.
 * Writes an ordinary bundle in the CSV contract whose {@code origin} column cites the raw input.
 *
 * <pre>
 * Reducer.Result r = new Reducer(spark, Reducer.Options.defaults()).reduce(List.of("hdfs:///incident/"), "/tmp/reduced");
 * </pre>
 */
public final class Reducer {
  /** How to read and how hard to thin. */
  /**
   * @param eventRules the rule folders whose Event patterns (with the built-in readers, {@link EventsRead})
   *     decide which events stay whole: the built-in rules and any the reduced bundle will be analysed with
   */
  public record Options(ZoneId timezone, String timeFormat, int year, boolean lenient, boolean lenientAll,
      int requestsPerMinute, List<String> eventRules) implements Serializable {
    public Options(ZoneId timezone, String timeFormat, int year, boolean lenient, boolean lenientAll, int requestsPerMinute) {
      this(timezone, timeFormat, year, lenient, lenientAll, requestsPerMinute,
          List.of(org.hindsight.analysis.AnalysisOptions.builtInRules().toString()));
    }

    public static Options defaults() {
      return new Options(null, null, 0, false, false, DEFAULT_REQUESTS_PER_MINUTE);
    }

    public Options withRequestsPerMinute(int n) {
      return new Options(timezone, timeFormat, year, lenient, lenientAll, n, eventRules);
    }

    public Options withEventRules(List<String> folders) {
      return new Options(timezone, timeFormat, year, lenient, lenientAll, requestsPerMinute, List.copyOf(folders));
    }
  }

  /** Events of a type nothing reads are counted per entity, type and this long (the first and last of each kept). */
  public static final long EVENT_BUCKET_MS = 3_600_000L;
  static final String REPRESENTS = "represents";

  /** Plain request samples kept per data centre and minute (more are thinned evenly across their strata). */
  public static final int DEFAULT_REQUESTS_PER_MINUTE = 30;

  /** What a run read and wrote. */
  public record Result(long rowsRead, long rowsWritten, Map<String, long[]> perKind, List<InputProblem> skipped) {}

  static final String[] METRIC_COLUMNS = {"timestamp", "entity", "metric", "value", "origin", "elided", "elided_min", "elided_max",
      "baseline", "learned_median", "learned_scale", "learned_until", "measured_by"};
  static final String[] REQUEST_COLUMNS = {"timestamp", "datacenter", "server", "process", "status", "rule",
      "cookies_valid", "cookies_invalid", "duration_ms", "client", "origin", "represents"};

  private final SparkSession spark;
  private final Options options;

  public Reducer(SparkSession spark, Options options) {
    this.spark = spark;
    this.options = options;
  }

  /** A session for one machine: {@code local[*]} unless a master is given; no UI. */
  public static SparkSession localSession(String master) {
    int cores = Runtime.getRuntime().availableProcessors();
    SparkSession.Builder b = SparkSession.builder().appName("hindsight reduce");
    // Under spark-submit the master comes from the submit; alone, this machine's cores on loopback.
    if (master != null || System.getProperty("spark.master") == null) {
      b.master(master == null ? "local[*]" : master).config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
    }
    return b.config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, 4 * cores)))
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }

  public Result reduce(List<String> inputs, String out) throws InputException, IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<InputProblem> problems = new ArrayList<>();
    List<ReduceInputs.Found> found = ReduceInputs.resolve(inputs, conf, problems);
    Path outDir = new Path(out);
    FileSystem ofs = outDir.getFileSystem(conf);
    ofs.setWriteChecksum(false); // no .crc files beside the bundle on a local disk
    if (ofs.exists(outDir) && (!ofs.getFileStatus(outDir).isDirectory() || ofs.listStatus(outDir).length > 0)) {
      problems.add(new InputProblem(out, 0, "--out must be a new or empty folder"));
    }
    List<InputLayout> layouts = new ArrayList<>();
    for (ReduceInputs.Found f : found) {
      InputLayout l = layout(f, layouts.size(), conf, problems);
      if (l != null) layouts.add(l);
    }
    if (!problems.isEmpty()) throw new InputException(problems);

    ProblemTally tally = new ProblemTally();
    spark.sparkContext().register(tally, "hindsight problems");
    Path tmp = new Path(outDir, "_reducing");
    ofs.mkdirs(tmp);
    Map<String, String> written = new LinkedHashMap<>(); // temporary file → final name
    Set<String> names = new LinkedHashSet<>();
    try {
      List<InputLayout> metrics = layouts.stream().filter(l -> l.kind.equals("metrics")).toList();
      List<InputLayout> requests = layouts.stream().filter(l -> l.kind.equals("requests")).toList();
      names.add("metrics.csv");
      names.add("requests.csv");
      // Kinds kept whole first: the metrics need their time range (events, spans) and config-line times.
      lineTimes = new ArrayList<>();
      boolean linesKnown = true;
      for (InputLayout l : layouts) {
        if (l.kind.equals("metrics") || l.kind.equals("requests")) continue;
        String name = unique(names, ReduceInputs.stem(new Path(l.path).getName()) + ".csv");
        String[] header = l.hasOrigin ? l.columns : append(l.columns, InputLayout.ORIGIN);
        boolean whole = l.format == InputLayout.Format.CSV && !ReduceInputs.BULK.contains(l.kind);
        if (l.kind.equals("config-commands") && !whole) linesKnown = false;
        Iterator<String> lines;
        if (l.kind.equals("events") && !l.index.containsKey(REPRESENTS)) {
          header = append(header, REPRESENTS);
          lines = reduceEvents(l, tally);
        } else {
          lines = whole ? wholeCsv(l, conf, tally) : checkedLines(l, tally).toLocalIterator();
        }
        writeLines(ofs, tmp, name, header, lines, written);
      }
      if (!requests.isEmpty()) {
        Iterator<Row> rows = reduceRequests(requests, tally);
        write(ofs, tmp, "requests.csv", REQUEST_COLUMNS, rows, written, layouts);
      }
      if (!metrics.isEmpty()) {
        long[] times = linesKnown ? lineTimes.stream().mapToLong(Long::longValue).filter(t -> t != Long.MIN_VALUE).sorted().distinct().toArray() : null;
        Iterator<Row> rows = reduceMetrics(metrics, layouts, tally, times);
        write(ofs, tmp, "metrics.csv", METRIC_COLUMNS, rows, written, layouts);
      }
      List<InputProblem> refused = new ArrayList<>();
      List<InputProblem> skipped = new ArrayList<>();
      long read = 0;
      Map<String, long[]> perKind = new LinkedHashMap<>();
      for (InputLayout l : layouts) {
        ProblemTally.FileTally t = tally.value().get(l.fileIndex);
        long good = t == null ? 0 : t.good;
        long bad = t == null ? 0 : t.bad;
        read += good + bad;
        perKind.computeIfAbsent(l.kind, k -> new long[2])[0] += good;
        if (t == null || bad == 0) continue;
        List<InputProblem> listed = new ArrayList<>();
        t.first.forEach((line, message) -> listed.add(new InputProblem(l.display, (int) Math.min(line, Integer.MAX_VALUE), message)));
        if (bad > t.first.size()) listed.add(new InputProblem(l.display, 0, "… and " + (bad - t.first.size()) + " more bad rows not listed"));
        if (options.lenient() && !options.lenientAll() && bad > good) {
          refused.addAll(listed);
          refused.add(new InputProblem(l.display, 0, (good == 0 ? "every row (" + bad + ")" : bad + " of " + (good + bad) + " rows")
              + " would be skipped; fix them, or pass --lenient=all to reduce what is left"));
        } else if (options.lenient() || options.lenientAll()) {
          skipped.addAll(listed);
        } else {
          refused.addAll(listed);
        }
      }
      if (!refused.isEmpty()) throw new InputException(refused, !options.lenient());
      long out2 = 0;
      for (var e : written.entrySet()) {
        ofs.rename(new Path(e.getKey()), new Path(outDir, e.getValue()));
      }
      for (long v : rowsWritten.values()) out2 += v;
      rowsWritten.forEach((kind, n) -> perKind.computeIfAbsent(kind, k -> new long[2])[1] += n);
      return new Result(read, out2, perKind, skipped);
    } finally {
      ofs.delete(tmp, true);
    }
  }

  private final Map<String, Long> rowsWritten = new LinkedHashMap<>();
  /** Times of the configuration lines read (a route table is kept around each). */
  private List<Long> lineTimes;

  private static String unique(Set<String> names, String name) {
    String n = name;
    for (int i = 2; !names.add(n); i++) n = name.substring(0, name.length() - 4) + "-" + i + ".csv";
    return n;
  }

  private static String[] append(String[] a, String v) {
    String[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = v;
    return b;
  }

  // ---------------------------------------------------------------- reading

  private InputLayout layout(ReduceInputs.Found f, int index, Configuration conf, List<InputProblem> problems) {
    String[] header;
    switch (f.format()) {
      case CSV -> header = ReduceInputs.csvHeader(f, conf, problems);
      case PARQUET -> header = Arrays.stream(spark.read().parquet(f.path()).columns()).map(c -> c.trim().toLowerCase(Locale.ROOT))
          .toArray(String[]::new);
      default -> header = jsonKeys(f.path());
    }
    if (header == null || !ReduceInputs.checkHeader(f, header, problems)) return null;
    return new InputLayout(index, f.path(), f.display(), f.kind(), f.format(), header);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every key of a JSON-lines file, in first-seen order (one pass). */
  private String[] jsonKeys(String path) {
    List<String> keys = JavaSparkContext.fromSparkContext(spark.sparkContext()).textFile(path, 1).mapPartitions(it -> {
      Set<String> k = new LinkedHashSet<>();
      while (it.hasNext()) {
        String line = it.next();
        if (line.isBlank()) continue;
        try {
          JsonNode n = JSON.readTree(line);
          if (n != null && n.isObject()) n.fieldNames().forEachRemaining(x -> k.add(x.trim().toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
          // reported with its line when the rows are read
        }
      }
      return k.iterator();
    }).collect();
    return new LinkedHashSet<>(keys).toArray(String[]::new);
  }

  /** A numbered raw record: its line (row for Parquet) and values, or why it is not a record. */
  record Raw(long number, String[] values, String problem) implements Serializable {}

  private JavaRDD<Raw> raw(InputLayout l) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    switch (l.format) {
      case PARQUET -> {
        StructType schema = spark.read().parquet(l.path).schema();
        List<Column> cols = new ArrayList<>();
        for (StructField fld : schema.fields()) {
          Column c = col("`" + fld.name() + "`");
          boolean time = fld.dataType() instanceof TimestampType || fld.dataType() instanceof TimestampNTZType;
          cols.add(time ? date_format(c, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX") : c.cast("string"));
        }
        cols.add(col("_metadata.row_index"));
        int width = schema.fields().length;
        return spark.read().parquet(l.path).select(cols.toArray(Column[]::new)).javaRDD().map(r -> {
          String[] v = new String[width];
          for (int i = 0; i < width; i++) v[i] = r.isNullAt(i) ? "" : r.getString(i);
          return new Raw(r.getLong(width) + 1, v, null);
        });
      }
      case JSON_LINES -> {
        String[] header = l.columns;
        return jsc.textFile(l.path, 1).zipWithIndex().filter(p -> !p._1().isBlank()).map(p -> {
          long line = p._2() + 1;
          try {
            JsonNode n = JSON.readTree(p._1());
            if (n == null || !n.isObject()) return new Raw(line, null, "not a JSON object");
            String[] v = new String[header.length];
            Arrays.fill(v, "");
            var fields = n.fields();
            while (fields.hasNext()) {
              var e = fields.next();
              String k = e.getKey().trim().toLowerCase(Locale.ROOT);
              for (int i = 0; i < header.length; i++) {
                if (header[i].equals(k)) v[i] = e.getValue().isNull() ? "" : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString();
              }
            }
            return new Raw(line, v, null);
          } catch (IOException e) {
            return new Raw(line, null, "not valid JSON: " + e.getMessage().split("\n")[0]);
          }
        });
      }
      default -> {
        return jsc.textFile(l.path, 1).zipWithIndex().filter(p -> p._2() > 0 && !p._1().isEmpty()).map(p -> {
          try {
            return new Raw(p._2() + 1, CsvLine.split(p._1()), null);
          } catch (CsvLine.Malformed e) {
            return new Raw(p._2() + 1, null, e.getMessage());
          }
        });
      }
    }
  }

  /**
   * The good records of one file checked and turned into rows by {@code make} (null: drop), the bad
   * ones counted and listed in the tally; runs once per partition, tallies added at its end.
   */
  private <T> JavaRDD<T> checked(InputLayout l, ProblemTally tally, RowMaker<T> make) {
    return checked(raw(l), l, tally, make, options);
  }

  private static <T> JavaRDD<T> checked(JavaRDD<Raw> raw, InputLayout l, ProblemTally tally, RowMaker<T> make, Options o) {
    return raw.mapPartitions(it -> new Iterator<T>() {
      final Timestamps timestamps = new Timestamps(o.timezone(), o.timeFormat(), o.year());
      final RowCheck check = new RowCheck(l, timestamps);
      final ProblemTally.FileTally t = new ProblemTally.FileTally(l.fileIndex);
      T next;
      boolean done;

      @Override
      public boolean hasNext() {
        while (next == null && !done) {
          if (!it.hasNext()) {
            done = true;
            tally.add(t);
            break;
          }
          Raw r = it.next();
          String problem = r.problem() != null ? r.problem() : check.check(r.values());
          if (problem != null) {
            t.problem(r.number(), problem);
          } else {
            t.good++;
            t.time(check.millis);
            String origin = l.hasOrigin && !check.value(InputLayout.ORIGIN).isEmpty() ? check.value(InputLayout.ORIGIN) : l.cite(r.number());
            next = make.make(l, check, origin, r.number());
          }
        }
        return next != null;
      }

      @Override
      public T next() {
        if (!hasNext()) throw new NoSuchElementException();
        T n = next;
        next = null;
        return n;
      }
    });
  }

  @FunctionalInterface
  interface RowMaker<T> extends Serializable {
    T make(InputLayout l, RowCheck check, String origin, long number);
  }

  /** Events, spans and whole kinds from JSON or Parquet: every good record, as a CSV line, in file order. */
  private JavaRDD<String> checkedLines(InputLayout l, ProblemTally tally) {
    return checked(l, tally, (layout, check, origin, n) -> csvLine(layout, check, origin));
  }

  /** A checked record as a CSV line of its file's columns, its origin in the origin column (appended when the input had none). */
  private static String csvLine(InputLayout layout, RowCheck check, String origin) {
    String[] v = check.values();
    if (layout.hasOrigin) {
      v = v.clone();
      v[layout.index.get(InputLayout.ORIGIN)] = origin;
      return CsvLine.join(v);
    }
    return CsvLine.join(append(v, origin));
  }

  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setTrim(false).build();

  /**
   * A structural file (inventory, links, commands…) is small: read on the driver with the same CSV
   * reader as analyze (quoted line breaks allowed), every row kept with its origin.
   */
  private Iterator<String> wholeCsv(InputLayout l, Configuration conf, ProblemTally tally) throws IOException {
    List<String> out = new ArrayList<>();
    ProblemTally.FileTally t = new ProblemTally.FileTally(l.fileIndex);
    RowCheck check = new RowCheck(l, new Timestamps(options.timezone(), options.timeFormat(), options.year()));
    try (BufferedReader r = new BufferedReader(new InputStreamReader(ReduceInputs.open(l.path, conf), StandardCharsets.UTF_8));
        CSVParser parser = FORMAT.parse(ReduceInputs.skipBom(r))) {
      Iterator<CSVRecord> it = parser.iterator();
      if (it.hasNext()) it.next();
      long previousEnd = parser.getCurrentLineNumber();
      while (true) {
        long line = previousEnd + 1;
        CSVRecord rec;
        try {
          if (!it.hasNext()) break;
          rec = it.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          t.problem(line, "malformed CSV: " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
          break;
        }
        previousEnd = parser.getCurrentLineNumber();
        if (rec.size() == 1 && rec.get(0).isEmpty()) continue;
        String problem = check.check(rec.values());
        if (problem != null) {
          t.problem(line, problem);
          continue;
        }
        t.good++;
        if (lineTimes != null && l.kind.equals("config-commands")) lineTimes.add(check.millis);
        String origin = l.hasOrigin && !check.value(InputLayout.ORIGIN).isEmpty() ? check.value(InputLayout.ORIGIN) : l.cite(line);
        out.add(csvLine(l, check, origin));
      }
    }
    tally.add(t);
    return out.iterator();
  }

  // ---------------------------------------------------------------- events

  private static final StructType EVENT_ROW = new StructType()
      .add("csv", DataTypes.StringType).add("type", DataTypes.StringType).add("entity", DataTypes.StringType)
      .add("severity", DataTypes.StringType).add("millis", DataTypes.LongType).add("line", DataTypes.LongType);

  private static final StructType EVENT_OUT = new StructType()
      .add("csv", DataTypes.StringType).add("represents", DataTypes.StringType).add("line", DataTypes.LongType);

  /**
   * One events file: every event a reader reads ({@link EventsRead}) kept whole; the rest counted per
   * (entity, type, hour): the first and last of each such group kept, the first with
   * {@code represents} = how many of the group it stands for (the last stands for itself), so the
   * counts add up and the logs' first and last moments stay. Rows in file order.
   */
  private Iterator<String> reduceEvents(InputLayout l, ProblemTally tally) throws IOException {
    JavaRDD<Row> rows = checked(l, tally, (layout, c, origin, n) -> RowFactory.create(csvLine(layout, c, origin),
        c.value("type"), c.value("entity"), c.value("severity").toLowerCase(Locale.ROOT), c.millis, n));
    // First job: parse, check, shuffle by group, and the distinct types; the second reuses its shuffle files.
    JavaRDD<Row> byGroup = spark.createDataFrame(rows, EVENT_ROW).repartition(col("entity"), col("type"))
        .sortWithinPartitions("entity", "type", "millis", "line").javaRDD();
    List<String> types = byGroup.mapPartitions(it -> {
      Set<String> seen = new LinkedHashSet<>();
      while (it.hasNext()) seen.add(it.next().getString(1));
      return seen.iterator();
    }).distinct().collect();
    EventsRead read = eventsRead(types);
    JavaRDD<Row> kept = byGroup.mapPartitions(it -> new EventSummary(read).call(it));
    Iterator<Row> out = spark.createDataFrame(kept, EVENT_OUT).orderBy("line").toLocalIterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return out.hasNext();
      }

      @Override
      public String next() {
        Row r = out.next();
        return r.getString(0) + "," + r.getString(1);
      }
    };
  }

  /** What reads which event types, asked once on the driver for the types the input has. */
  private EventsRead eventsRead(List<String> types) throws IOException {
    try {
      return EventsRead.of(options.eventRules().stream().map(java.nio.file.Path::of).toList(), types);
    } catch (org.hindsight.engine.RuleException | LinkageError e) {
      // no rules to look at (a cluster's job jar has no Drools): keep every event
      System.err.println("hindsight: events kept whole: the rules' event types could not be read (" + e.getMessage() + ")");
      return EventsRead.everything();
    }
  }

  /** Walks one partition (rows sorted by entity, type, time) group by group. */
  static final class EventSummary implements org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final EventsRead read;

    EventSummary(EventsRead read) {
      this.read = read;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> in) {
      return new Iterator<>() {
        final List<Row> ready = new ArrayList<>();
        int readyAt;
        Row first;
        Row last;
        long count;

        @Override
        public boolean hasNext() {
          while (readyAt >= ready.size()) {
            ready.clear();
            readyAt = 0;
            if (!in.hasNext()) {
              flush();
              if (ready.isEmpty()) return false;
              break;
            }
            Row r = in.next();
            if (read.keepsWhole(r.getString(1), r.getString(3), r.getString(2))) {
              ready.add(RowFactory.create(r.getString(0), "", r.getLong(5)));
              continue;
            }
            if (first != null && !(sameGroup(first, r))) flush();
            if (first == null) first = r;
            else last = r;
            count++;
          }
          return true;
        }

        private boolean sameGroup(Row a, Row b) {
          return a.getString(2).equals(b.getString(2)) && a.getString(1).equals(b.getString(1))
              && Math.floorDiv(a.getLong(4), EVENT_BUCKET_MS) == Math.floorDiv(b.getLong(4), EVENT_BUCKET_MS);
        }

        private void flush() {
          if (first == null) return;
          ready.add(RowFactory.create(first.getString(0), String.valueOf(last == null ? count : count - 1), first.getLong(5)));
          if (last != null) ready.add(RowFactory.create(last.getString(0), "1", last.getLong(5)));
          first = last = null;
          count = 0;
        }

        @Override
        public Row next() {
          if (!hasNext()) throw new NoSuchElementException();
          return ready.get(readyAt++);
        }
      };
    }
  }

  // ---------------------------------------------------------------- metrics

  private static final StructType METRIC_ROW = new StructType()
      .add("timestamp", DataTypes.StringType).add("entity", DataTypes.StringType).add("metric", DataTypes.StringType)
      .add("value", DataTypes.StringType).add("origin", DataTypes.StringType)
      .add("millis", DataTypes.LongType).add("number", DataTypes.DoubleType)
      .add("file", DataTypes.IntegerType).add("line", DataTypes.LongType)
      .add("measured_by", DataTypes.StringType);

  private static final StructType METRIC_OUT = new StructType()
      .add("timestamp", DataTypes.StringType).add("entity", DataTypes.StringType).add("metric", DataTypes.StringType)
      .add("value", DataTypes.StringType).add("origin", DataTypes.StringType)
      .add("elided", DataTypes.StringType).add("elided_min", DataTypes.StringType).add("elided_max", DataTypes.StringType)
      .add("baseline", DataTypes.StringType).add("learned_median", DataTypes.StringType).add("learned_scale", DataTypes.StringType)
      .add("learned_until", DataTypes.StringType).add("measured_by", DataTypes.StringType)
      .add("file", DataTypes.IntegerType).add("line", DataTypes.LongType);

  /**
   * @param lineTimes sorted times of the configuration lines, null when not known (route tables are then kept whole)
   */
  private Iterator<Row> reduceMetrics(List<InputLayout> files, List<InputLayout> layouts, ProblemTally tally, long[] lineTimes) {
    JavaRDD<Row> all = null;
    for (InputLayout l : files) {
      JavaRDD<Row> rows = checked(l, tally, (layout, c, origin, n) -> RowFactory.create(c.value("timestamp"), c.value("entity"),
          c.value("metric"), c.value("value"), ownOrigin(layout, c), c.millis, c.number, layout.fileIndex, n, c.value("measured_by")));
      all = all == null ? rows : all.union(rows);
    }
    Dataset<Row> samples = spark.createDataFrame(all, METRIC_ROW);
    JavaRDD<Row> bySeries = samples.repartition(col("entity"), col("metric"))
        .sortWithinPartitions("entity", "metric", "millis", "file", "line").javaRDD();
    // First job: the map side (parse, check, shuffle write), whose tally gives the metrics' time range,
    // and the igp.routes surges (a line near one is what the IGP flood replay reads route tables at);
    // the second job reuses its shuffle files, so every row is still parsed once.
    List<Long> surges = bySeries.mapPartitions(it -> SteadySamples.surgeOnsets(new SeriesIterator(it))).collect();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (InputLayout l : layouts) {
      ProblemTally.FileTally t = tally.value().get(l.fileIndex);
      if (t == null || !(l.kind.equals("metrics") || l.kind.equals("events") || l.kind.equals("spans"))) continue;
      first = Math.min(first, t.firstMillis);
      last = Math.max(last, t.lastMillis);
    }
    long halfWay = first > last ? 0
        : org.hindsight.observe.LearnedBaselines.windowEnd(java.time.Instant.ofEpochMilli(first), java.time.Instant.ofEpochMilli(last));
    // Where the baseline window ends: past the sampling round the half-way point cuts, if it cuts one, read from each
    // series' samples either side of it (one more pass over the shuffle files, no parse: two longs per series come back)
    long learnedUntil = first > last ? 0 : org.hindsight.observe.LearnedBaselines.roundCut(halfWay,
        bySeries.mapPartitions(it -> SteadySamples.around(halfWay, new SeriesIterator(it))).collect());
    long[] linesNearSurges = lineTimes == null ? null : SteadySamples.linesNear(lineTimes, surges);
    JavaRDD<Row> kept = bySeries.mapPartitions(it -> new SeriesReduction(learnedUntil, halfWay, linesNearSurges).call(it));
    return spark.createDataFrame(kept, METRIC_OUT)
        .orderBy("file", "line")
        .toLocalIterator();
  }

  /** The series of one partition (rows sorted by entity, metric, time): entity, metric, times, values. */
  static final class SeriesIterator implements Iterator<SteadySamples.Series> {
    private final Iterator<Row> in;
    private Row pending;

    SeriesIterator(Iterator<Row> in) {
      this.in = in;
    }

    @Override
    public boolean hasNext() {
      return pending != null || in.hasNext();
    }

    @Override
    public SteadySamples.Series next() {
      if (!hasNext()) throw new NoSuchElementException();
      Row first = pending != null ? pending : in.next();
      pending = null;
      List<Row> rows = new ArrayList<>();
      rows.add(first);
      while (in.hasNext()) {
        Row r = in.next();
        if (!(r.getString(1).equals(first.getString(1)) && r.getString(2).equals(first.getString(2)))) {
          pending = r;
          break;
        }
        rows.add(r);
      }
      long[] millis = new long[rows.size()];
      double[] values = new double[rows.size()];
      for (int i = 0; i < millis.length; i++) {
        millis[i] = rows.get(i).getLong(5);
        values[i] = rows.get(i).getDouble(6);
      }
      return new SteadySamples.Series(first.getString(1), first.getString(2), millis, values);
    }
  }

  /** Walks one partition series by series (rows arrive sorted), emitting the kept samples. */
  static final class SeriesReduction implements org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final long learnedUntil;
    private final long halfWay;
    private final long[] lineTimes;

    SeriesReduction(long learnedUntil, long halfWay, long[] lineTimes) {
      this.learnedUntil = learnedUntil;
      this.halfWay = halfWay;
      this.lineTimes = lineTimes;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> in) {
      return new Iterator<>() {
        final List<Row> series = new ArrayList<>();
        final List<Row> ready = new ArrayList<>();
        int readyAt;
        Row pending;

        @Override
        public boolean hasNext() {
          while (readyAt >= ready.size()) {
            ready.clear();
            readyAt = 0;
            if (pending == null && !in.hasNext()) return false;
            series.clear();
            if (pending != null) series.add(pending);
            pending = null;
            while (in.hasNext()) {
              Row r = in.next();
              if (!series.isEmpty() && !(r.getString(1).equals(series.get(0).getString(1)) && r.getString(2).equals(series.get(0).getString(2)))) {
                pending = r;
                break;
              }
              series.add(r);
            }
            emit();
          }
          return true;
        }

        private void emit() {
          int n = series.size();
          long[] millis = new long[n];
          double[] values = new double[n];
          for (int i = 0; i < n; i++) {
            millis[i] = series.get(i).getLong(5);
            values[i] = series.get(i).getDouble(6);
          }
          String metric = series.get(0).getString(2);
          SteadySamples.Kept k = lineTimes == null && metric.endsWith(".routes") ? null
              : SteadySamples.keep(series.get(0).getString(1), metric, millis, values, learnedUntil, halfWay, lineTimes);
          boolean[] keep = k == null ? null : k.keep();
          MetricSeries.Summary summary = k == null ? null : k.summary();
          long elided = 0;
          double lo = Double.NaN;
          double hi = Double.NaN;
          for (int i = 0; i < n; i++) {
            if (keep != null && !keep[i]) {
              elided++;
              lo = Double.isNaN(lo) ? values[i] : Math.min(lo, values[i]);
              hi = Double.isNaN(hi) ? values[i] : Math.max(hi, values[i]);
              continue;
            }
            Row r = series.get(i);
            ready.add(RowFactory.create(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                elided == 0 ? "" : String.valueOf(elided), elided == 0 ? "" : shortNumber(lo), elided == 0 ? "" : shortNumber(hi),
                // the summary goes on the series' first row (always kept)
                i > 0 || summary == null ? "" : String.valueOf(summary.baseline()),
                i > 0 || summary == null ? "" : String.valueOf(summary.learnedMedian()),
                i > 0 || summary == null ? "" : String.valueOf(summary.learnedScale()),
                i > 0 || summary == null ? "" : String.valueOf(summary.learnedUntil()),
                r.getString(9), // who measured it: the analysis tells a caller's view from the entity's own
                r.getInt(7), r.getLong(8)));
            elided = 0;
            lo = hi = Double.NaN;
          }
        }

        @Override
        public Row next() {
          if (!hasNext()) throw new NoSuchElementException();
          return ready.get(readyAt++);
        }
      };
    }
  }

  static String shortNumber(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }

  // ---------------------------------------------------------------- requests

  private static final StructType REQUEST_ROW = new StructType()
      .add("timestamp", DataTypes.StringType).add("datacenter", DataTypes.StringType).add("server", DataTypes.StringType)
      .add("process", DataTypes.StringType).add("status", DataTypes.StringType).add("rule", DataTypes.StringType)
      .add("cookies_valid", DataTypes.StringType).add("cookies_invalid", DataTypes.StringType)
      .add("duration_ms", DataTypes.StringType).add("client", DataTypes.StringType).add("origin", DataTypes.StringType)
      .add("millis", DataTypes.LongType).add("has_valid", DataTypes.BooleanType).add("has_invalid", DataTypes.BooleanType)
      .add("file", DataTypes.IntegerType).add("line", DataTypes.LongType);

  /**
   * Requests are thinned, not dropped by kind. Kept whole: every mixed-cookie request (what poisons
   * a process in the edge replay and what {@code RequestSummary} dates), and the first and last
   * request of each (data centre, server, process, rule), so every process, rule and key the rules
   * and the edge model know stays, with its first and last time. The rest are plain traffic: per data
   * centre and minute, beyond {@link Options#requestsPerMinute()} of them every m-th of each stratum
   * (status, cookie mix) is kept, the first of each always, so the shares per minute (5xx) hold.
   * {@code represents} says how many plain samples of its stratum and minute a kept row stands for.
   */
  private Iterator<Row> reduceRequests(List<InputLayout> files, ProblemTally tally) {
    JavaRDD<Row> all = null;
    for (InputLayout l : files) {
      JavaRDD<Row> rows = checked(l, tally, (layout, c, origin, n) -> RowFactory.create(c.value("timestamp"), c.value("datacenter"),
          c.value("server"), c.value("process"), c.value("status"), c.value("rule"), c.value("cookies_valid"),
          c.value("cookies_invalid"), c.value("duration_ms"), c.value("client"), ownOrigin(layout, c), c.millis,
          positive(c.value("cookies_valid")), positive(c.value("cookies_invalid")), layout.fileIndex, n));
      all = all == null ? rows : all.union(rows);
    }
    int cap = Math.max(1, options.requestsPerMinute());
    // One shuffle, by data centre: every window below is keyed by it, so none shuffles again.
    Dataset<Row> requests = spark.createDataFrame(all, REQUEST_ROW).withColumn("minute", floor(col("millis").divide(60_000L)))
        .repartition(col("datacenter"));
    WindowSpec key = Window.partitionBy("datacenter", "server", "process", "rule");
    Column mixed = col("has_valid").and(col("has_invalid"));
    WindowSpec stratum = Window.partitionBy("datacenter", "minute", "plain", "status", "has_valid", "has_invalid");
    String[] keptColumns = append(append(REQUEST_COLUMNS, "file"), "line");
    return requests
        .withColumn("whole", mixed
            .or(row_number().over(key.orderBy("millis", "file", "line")).equalTo(1))
            .or(row_number().over(key.orderBy(col("millis").desc(), col("file").desc(), col("line").desc())).equalTo(1)))
        .withColumn("plain", functions.not(col("whole")))
        .withColumn("in_minute", functions.sum(col("plain").cast("long")).over(Window.partitionBy("datacenter", "minute")))
        .withColumn("step", functions.greatest(lit(1L), col("in_minute").plus(cap - 1).divide(cap).cast("long")))
        .withColumn("k", row_number().over(stratum.orderBy("millis", "file", "line")).minus(1))
        .withColumn("size", count(lit(1)).over(stratum))
        .where(col("whole").or(col("k").mod(col("step")).equalTo(0)))
        .withColumn("represents", functions.when(col("whole"), lit("1"))
            .otherwise(least(col("step"), col("size").minus(col("k"))).cast("string")))
        .select(Arrays.stream(keptColumns).map(c -> col(c)).toArray(Column[]::new))
        .orderBy("file", "line")
        .toLocalIterator();
  }

  /**
   * The row's own origin column when the input had one, else "": the citation of the raw row is made
   * from (file, line) when the kept row is written, so the shuffle does not carry it for every row.
   */
  private static String ownOrigin(InputLayout layout, RowCheck c) {
    return layout.hasOrigin ? c.value(InputLayout.ORIGIN) : "";
  }

  private static boolean positive(String v) {
    if (v.isEmpty()) return false;
    int n = org.hindsight.ingest.Numbers.parseCount(v);
    return n > 0;
  }

  // ---------------------------------------------------------------- writing

  private void write(FileSystem fs, Path tmp, String name, String[] header, Iterator<Row> rows, Map<String, String> written,
      List<InputLayout> layouts) throws IOException {
    int originAt = Arrays.asList(header).indexOf(InputLayout.ORIGIN);
    Path p = new Path(tmp, name);
    long n = 0;
    try (Writer w = new BufferedWriter(new OutputStreamWriter(fs.create(p, true), StandardCharsets.UTF_8), 1 << 16)) {
      w.write(CsvLine.join(header));
      w.write('\n');
      String[] v = new String[header.length];
      while (rows.hasNext()) {
        Row r = rows.next();
        for (int i = 0; i < v.length; i++) v[i] = r.isNullAt(i) ? "" : String.valueOf(r.get(i));
        if (v[originAt].isEmpty()) v[originAt] = layouts.get(r.getInt(header.length)).cite(r.getLong(header.length + 1));
        w.write(CsvLine.join(v));
        w.write('\n');
        n++;
      }
    }
    written.put(p.toString(), name);
    rowsWritten.merge(name.startsWith("metrics") ? "metrics" : "requests", n, Long::sum);
  }

  private void writeLines(FileSystem fs, Path tmp, String name, String[] header, Iterator<String> lines, Map<String, String> written)
      throws IOException {
    Path p = new Path(tmp, name);
    long n = 0;
    try (Writer w = new BufferedWriter(new OutputStreamWriter(fs.create(p, true), StandardCharsets.UTF_8), 1 << 16)) {
      w.write(CsvLine.join(header));
      w.write('\n');
      while (lines.hasNext()) {
        w.write(lines.next());
        w.write('\n');
        n++;
      }
    }
    written.put(p.toString(), name);
    rowsWritten.merge(ReduceInputs.kindOf(name), n, Long::sum);
  }
}
