package org.hindsight.reduce;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.hindsight.ingest.InputProblem;
import org.hindsight.ingest.LogKind;

/**
 * The reducer's inputs: local paths or any Hadoop file system URI ({@code hdfs://}, {@code s3a://}).
 * A folder means its data files: {@code <kind>[-anything].csv} (plain or {@code .gz}),
 * {@code .json}/{@code .jsonl}/{@code .ndjson} (JSON lines, plain or {@code .gz}) and
 * {@code .parquet} (a file, or a folder of part files as Spark writes them); {@code kind=path}
 * names the kind. The kind comes from the name as for {@code analyze}.
 */
final class ReduceInputs {
  /** The kinds reduced row by row; every other kind is kept whole. {@code spans} is read when present. */
  static final Set<String> BULK = Set.of("metrics", "requests", "events", "spans");
  static final List<String> SPANS_REQUIRED = List.of("timestamp", "trace_id", "span_id", "service", "duration_ms");

  private ReduceInputs() {}

  static List<String> kinds() {
    List<String> k = new ArrayList<>(Arrays.stream(LogKind.values()).map(LogKind::fileName).toList());
    if (!k.contains("spans")) k.add("spans");
    return k;
  }

  static List<String> required(String kind) {
    if (kind.equals("spans") && LogKind.named("spans").isEmpty()) return SPANS_REQUIRED;
    return LogKind.named(kind).map(LogKind::requiredColumns).orElse(List.of());
  }

  /** A data file's format from its name, or null when it is not one the reducer reads. */
  static InputLayout.Format formatOf(String name) {
    String n = withoutGzip(name.toLowerCase(Locale.ROOT));
    if (n.endsWith(".csv")) return InputLayout.Format.CSV;
    if (n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson")) return InputLayout.Format.JSON_LINES;
    if (n.endsWith(".parquet")) return InputLayout.Format.PARQUET;
    return null;
  }

  static String withoutGzip(String n) {
    return n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n;
  }

  /** The name without compression and data extension: {@code metrics-part-0001}. */
  static String stem(String name) {
    String n = withoutGzip(name);
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  static String kindOf(String name) {
    String stem = stem(name).toLowerCase(Locale.ROOT);
    return kinds().stream().sorted(Comparator.comparingInt(String::length).reversed())
        .filter(k -> stem.equals(k) || stem.startsWith(k + "-")).findFirst().orElse(null);
  }

  /** One data file found: where it is, how it is cited and what kind it holds. */
  record Found(String path, String display, String kind, InputLayout.Format format) {}

  static List<Found> resolve(List<String> args, Configuration conf, List<InputProblem> problems) {
    List<Found> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String arg : args) {
      String kind = null;
      String pathText = arg;
      int eq = arg.indexOf('=');
      if (eq > 0 && kinds().contains(arg.substring(0, eq).toLowerCase(Locale.ROOT).replace('_', '-'))) {
        kind = arg.substring(0, eq).toLowerCase(Locale.ROOT).replace('_', '-');
        pathText = arg.substring(eq + 1);
      }
      try {
        Path p = new Path(pathText);
        FileSystem fs = p.getFileSystem(conf);
        if (!fs.exists(p)) {
          problems.add(new InputProblem(display(pathText), 0, "no such file or folder"));
          continue;
        }
        FileStatus st = fs.getFileStatus(p);
        if (st.isDirectory() && formatOf(p.getName()) != InputLayout.Format.PARQUET) {
          FileStatus[] children = fs.listStatus(p);
          Arrays.sort(children, Comparator.comparing(c -> c.getPath().getName()));
          int before = out.size();
          for (FileStatus c : children) {
            String name = c.getPath().getName();
            InputLayout.Format f = formatOf(name);
            if (f == null || (c.isDirectory() && f != InputLayout.Format.PARQUET) || name.startsWith(".") || name.startsWith("_")) continue;
            // A lake names the folder, not the part file (events/part-0001.parquet): only part files take
            // the folder's kind (a bundle folder named spans-derived-graph holds no spans by its name). A JSON
            // file that names no kind in a bundle folder (a fixture's expect.json) is not a log, as analyze
            // ignores a README.
            String k = kind != null ? kind : kindOf(name) != null ? kindOf(name)
                : name.startsWith("part-") ? kindOf(p.getName()) : null;
            if (k == null && f != InputLayout.Format.CSV) continue;
            add(c.getPath().toString(), join(pathText, name), k, f, out, problems, seen);
          }
          if (out.size() == before) problems.add(new InputProblem(display(pathText), 0, "folder has no .csv, .json or .parquet files"));
        } else {
          InputLayout.Format f = formatOf(p.getName());
          if (f == null) {
            problems.add(new InputProblem(display(pathText), 0, "not a file reduce reads: name it .csv, .csv.gz, .json, .jsonl, .ndjson or .parquet"));
            continue;
          }
          add(fs.makeQualified(p).toString(), display(pathText), kind, f, out, problems, seen);
        }
      } catch (IOException | IllegalArgumentException e) {
        problems.add(new InputProblem(display(pathText), 0, "cannot read: " + e.getMessage()));
      }
    }
    if (out.isEmpty() && problems.isEmpty()) problems.add(new InputProblem("(input)", 0, "no input files given"));
    return out;
  }

  private static void add(String path, String display, String explicitKind, InputLayout.Format f, List<Found> out,
      List<InputProblem> problems, Set<String> seen) {
    if (!seen.add(path)) {
      problems.add(new InputProblem(display, 0, "given twice; give each input once"));
      return;
    }
    String kind = explicitKind != null ? explicitKind : kindOf(new Path(path).getName());
    if (kind == null) {
      problems.add(new InputProblem(display, 0, "cannot tell the kind from the file name; name it <kind>.csv or"
          + " <kind>-<anything>.csv (.json, .parquet), or pass kind=path. Kinds: " + String.join(", ", kinds())));
      return;
    }
    out.add(new Found(path, display, kind, f));
  }

  /** How a path is shown and cited: as analyze shows it (normalised), URIs as given. */
  static String display(String pathText) {
    if (pathText.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) return pathText;
    String p = pathText.startsWith("file:") ? pathText.substring(5) : pathText;
    return java.nio.file.Path.of(p).normalize().toString().replace('\\', '/');
  }

  private static String join(String folder, String name) {
    if (folder.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) return folder.endsWith("/") ? folder + name : folder + "/" + name;
    return display(java.nio.file.Path.of(folder.startsWith("file:") ? folder.substring(5) : folder).resolve(name).toString());
  }

  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setTrim(false).build();

  /** Opens a file, decompressing by its name ({@code .gz}). */
  static InputStream open(String path, Configuration conf) throws IOException {
    Path p = new Path(path);
    InputStream in = p.getFileSystem(conf).open(p);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
    return codec == null ? in : codec.createInputStream(in);
  }

  /** The CSV header, lower-cased and trimmed as analyze reads it; problems at line 1. */
  static String[] csvHeader(Found f, Configuration conf, List<InputProblem> problems) {
    String unread = unreadLayout(f, conf);
    if (unread != null) {
      problems.add(new InputProblem(f.display(), 1, unread));
      return null;
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(open(f.path(), conf), StandardCharsets.UTF_8));
        CSVParser parser = FORMAT.parse(skipBom(r))) {
      var it = parser.iterator();
      if (!it.hasNext()) {
        problems.add(new InputProblem(f.display(), 1, "empty file: expected a header row"));
        return null;
      }
      CSVRecord h = it.next();
      return h.stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    } catch (IOException | RuntimeException e) {
      problems.add(new InputProblem(f.display(), 1, "cannot read the header: " + e.getMessage()));
      return null;
    }
  }

  /**
   * What analyze reads but the Spark job does not (it splits comma-separated UTF-8): UTF-16 text and
   * a header separated by semicolons or tabs. Said at line 1 rather than read as one wide column.
   */
  static String unreadLayout(Found f, Configuration conf) {
    byte[] head;
    try (InputStream in = open(f.path(), conf)) {
      head = in.readNBytes(64 * 1024);
    } catch (IOException e) {
      return null; // the header read says why
    }
    if (head.length >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
      return "UTF-16 text: reduce reads UTF-8 only (analyze reads this file as it is); save it as UTF-8";
    }
    int commas = 0;
    int others = 0;
    boolean quoted = false;
    for (byte b : head) {
      if (b == '"') quoted = !quoted;
      else if (quoted) continue;
      else if (b == '\n' || b == '\r') break;
      else if (b == ',') commas++;
      else if (b == ';' || b == '\t') others++;
    }
    if (commas == 0 && others > 0) {
      return "separated by semicolons or tabs: reduce reads comma-separated CSV only (analyze reads this file as it is);"
          + " save it as comma-separated CSV with a decimal point";
    }
    return null;
  }

  static BufferedReader skipBom(BufferedReader in) throws IOException {
    in.mark(1);
    if (in.read() != '\uFEFF') in.reset();
    return in;
  }

  /** Header problems analyze would report: a column twice, a required column missing. */
  static boolean checkHeader(Found f, String[] header, List<InputProblem> problems) {
    boolean ok = true;
    Set<String> names = new HashSet<>();
    for (String c : header) {
      if (!c.isEmpty() && !names.add(c)) {
        problems.add(new InputProblem(f.display(), 1, "column '" + c + "' appears twice in the header"));
        ok = false;
      }
    }
    if (!BULK.contains(f.kind())) return ok;
    List<String> req = required(f.kind());
    List<String> missing = req.stream().filter(c -> !names.contains(c)).toList();
    if (!missing.isEmpty()) {
      problems.add(new InputProblem(f.display(), 1, "missing required column(s) " + String.join(", ", missing)
          + " for kind " + f.kind() + " (required: " + String.join(", ", req) + ")"
          + org.hindsight.ingest.HeaderHints.forMissing(f.kind(), names, missing)));
      ok = false;
    }
    return ok;
  }

  static String names(Stream<String> s) {
    return s.collect(Collectors.joining(", "));
  }
}
