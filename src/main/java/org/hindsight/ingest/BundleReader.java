package org.hindsight.ingest;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.hindsight.util.Activity;

/**
 * Reads an incident's CSV files into a {@link Bundle}, streaming row by row. Every problem of every
 * file is collected; unless lenient, any problem fails the whole read so nothing is analysed on a
 * partial input.
 *
 * <pre>
 * Bundle b = BundleReader.builder().timezone(ZoneId.of("Asia/Seoul")).lenient(false).build()
 *     .read(BundleReader.resolve(List.of("sample-logs/kt-2021-10-25")));
 * </pre>
 */
public final class BundleReader {
  /** Beyond this many problems in one file the rest are counted, not listed. */
  static final int MAX_PROBLEMS_LISTED_PER_FILE = 1000;
  /**
   * Longest record and field read, in characters: far beyond any log line, small enough that a
   * hostile or broken file (an unclosed quote, a 2 GB line) costs megabytes, not gigabytes.
   */
  public static final int MAX_RECORD_CHARS = 4 << 20;
  public static final int MAX_FIELD_CHARS = 1 << 20;

  private final ZoneId timezone;
  private final ZoneId displayZone;
  private final boolean lenient;
  private final boolean lenientAll;
  private final String timeFormat;
  private final int year;
  private final ColumnMap columnMap;
  private final LongConsumer progress;
  private final int maxRecordChars;
  private final int maxFieldChars;
  private final Charset encoding;

  private BundleReader(Builder b) {
    this.timezone = b.timezone;
    this.displayZone = b.displayZone;
    this.lenient = b.lenient || b.lenientAll;
    this.lenientAll = b.lenientAll;
    this.timeFormat = b.timeFormat;
    this.year = b.year;
    this.columnMap = b.columnMap;
    this.progress = b.progress;
    this.maxRecordChars = b.maxRecordChars;
    this.maxFieldChars = b.maxFieldChars;
    this.encoding = b.encoding;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options of a read. */
  public static final class Builder {
    private ZoneId timezone;
    private ZoneId displayZone;
    private boolean lenient;
    private boolean lenientAll;
    private String timeFormat;
    private int year;
    private ColumnMap columnMap = ColumnMap.NONE;
    private LongConsumer progress = rows -> {};
    private int maxRecordChars = MAX_RECORD_CHARS;
    private int maxFieldChars = MAX_FIELD_CHARS;
    private Charset encoding = StandardCharsets.UTF_8;

    /** The charset of the files ({@code --encoding}; default UTF-8); a byte-order mark overrides it. */
    public Builder encoding(Charset cs) {
      this.encoding = cs == null ? StandardCharsets.UTF_8 : cs;
      return this;
    }

    /** Limits on one record and one field, in characters (defaults {@link #MAX_RECORD_CHARS}, {@link #MAX_FIELD_CHARS}). */
    public Builder limits(int maxRecordChars, int maxFieldChars) {
      this.maxRecordChars = maxRecordChars;
      this.maxFieldChars = maxFieldChars;
      return this;
    }

    /** Zone for timestamps written without an offset (else they are an error). */
    public Builder timezone(ZoneId zone) {
      this.timezone = zone;
      return this;
    }

    /** Zone reports use; default: the offset of the earliest timestamp. */
    public Builder displayZone(ZoneId zone) {
      this.displayZone = zone;
      return this;
    }

    /**
     * Skip bad rows (counted in the report) instead of failing; a file that would lose more than
     * half of its rows, or all of them, still fails the read unless {@link #lenientAll(boolean)}.
     */
    public Builder lenient(boolean lenient) {
      this.lenient = lenient;
      return this;
    }

    /** Skip bad rows however many a file loses ({@code --lenient=all}). */
    public Builder lenientAll(boolean all) {
      this.lenientAll = all;
      return this;
    }

    /** How timestamps are written: null/auto, {@code epoch-ms} etc., or a pattern ({@link Timestamps}). */
    public Builder timeFormat(String timeFormat) {
      this.timeFormat = timeFormat;
      return this;
    }

    /** The year of timestamps written without one (syslog's {@code Oct 25 11:16:05}). */
    public Builder year(int year) {
      this.year = year;
      return this;
    }

    /** Which of the user's columns stand for which contract columns ({@code --map}). */
    public Builder columnMap(ColumnMap map) {
      this.columnMap = map == null ? ColumnMap.NONE : map;
      return this;
    }

    /** Called now and then with the number of rows read so far. */
    public Builder progress(LongConsumer progress) {
      this.progress = progress;
      return this;
    }

    public BundleReader build() {
      return new BundleReader(this);
    }
  }

  /**
   * Turns command-line arguments into files: a folder means its {@code *.csv} (and {@code *.tsv}) files, plain or
   * compressed ({@code .csv.gz}, {@code .csv.zst}; sorted by name; other files are ignored),
   * {@code kind=path} names a kind explicitly, and {@code kind=-} reads standard input. A subfolder named as a kind
   * ({@code metrics/part-00000.csv}, as partitioned exports write) holds files of that kind; other subfolders are not read.
   */
  public static List<InputFile> resolve(List<String> args) throws InputException {
    List<InputProblem> problems = new ArrayList<>();
    List<InputFile> files = resolve(args, problems);
    if (!problems.isEmpty()) throw new InputException(problems);
    return files;
  }

  /** Like {@link #resolve(List)}, adding problems to {@code problems} instead of throwing. */
  public static List<InputFile> resolve(List<String> args, List<InputProblem> problems) {
    List<InputFile> files = new ArrayList<>();
    Map<Path, String> seen = new HashMap<>(); // real path → how it was first given
    for (String arg : args) {
      try {
        resolveOne(arg, files, problems, seen);
      } catch (java.nio.file.InvalidPathException e) {
        problems.add(new InputProblem(Numbers.shown(arg.replace('\u0000', '?')), 0, "not a valid path: " + e.getReason()));
      }
    }
    if (files.isEmpty() && problems.isEmpty()) problems.add(new InputProblem("(input)", 0, "no input files given"));
    return files;
  }

  private static void resolveOne(String arg, List<InputFile> files, List<InputProblem> problems, Map<Path, String> seen) {
    {
      LogKind explicit = null;
      String pathText = arg;
      int eq = arg.indexOf('=');
      if (eq > 0 && LogKind.named(arg.substring(0, eq)).isPresent()) {
        explicit = LogKind.named(arg.substring(0, eq)).get();
        pathText = arg.substring(eq + 1);
      } else if (eq > 0 && !Files.exists(Path.of(arg))) {
        problems.add(new InputProblem(arg, 0, "unknown kind '" + arg.substring(0, eq) + "'; kinds: " + LogKind.allNames()));
        return;
      }
      if (pathText.equals(Inputs.STDIN)) {
        if (explicit == null) {
          problems.add(new InputProblem(Inputs.STDIN_NAME, 0, "standard input needs a kind: write kind=- (e.g. events=-)"));
        } else if (files.stream().anyMatch(f -> Inputs.isStdin(f.path()))) {
          problems.add(new InputProblem(Inputs.STDIN_NAME, 0, "standard input can be read only once"));
        } else {
          files.add(new InputFile(Path.of(Inputs.STDIN), explicit, Inputs.STDIN_NAME));
        }
        return;
      }
      Path p = Path.of(pathText);
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          List<Path> entries = s.sorted().toList();
          List<Path> csvs = entries.stream().filter(f -> Inputs.isCsvName(f.getFileName().toString())).toList();
          List<Path> kindFolders = entries.stream().filter(BundleReader::isKindFolder).toList();
          if (csvs.isEmpty() && kindFolders.isEmpty()) {
            problems.add(new InputProblem(display(p), 0, "folder has no .csv (or .tsv) files" + whereCsvFilesAre(entries)
                + "; for a tool's own exports name the format: analyze --from FORMAT:FILE (formats: hindsight import --list)"));
          }
          for (Path f : csvs) addListedFile(f, null, files, problems, seen);
          for (Path folder : kindFolders) addKindFolder(folder, files, problems, seen);
        } catch (IOException e) {
          problems.add(new InputProblem(display(p), 0, "cannot list folder: " + e.getMessage()));
        }
      } else if (Files.isRegularFile(p)) {
        addFile(p, explicit, files, problems, seen);
      } else {
        String notAFile = notARegularFile(p);
        problems.add(new InputProblem(display(p), 0, notAFile != null ? notAFile : "no such file or folder"));
      }
    }
  }

  /**
   * A subfolder named as a kind ({@code metrics/}, {@code config-commands-core/}): a partitioned export (Spark, Hive, a
   * collector's daily files) written as {@code metrics/part-00000.csv}, whose files' names say nothing.
   */
  private static boolean isKindFolder(Path entry) {
    String name = entry.getFileName().toString();
    return !name.startsWith(".") && Files.isDirectory(entry) && !Inputs.isCsvName(name) && LogKind.ofFileName(name + ".csv").isPresent();
  }

  /** A kind folder's CSV files, as the folder's kind unless a file's own name gives one; its subfolders are not read. */
  private static void addKindFolder(Path folder, List<InputFile> files, List<InputProblem> problems, Map<Path, String> seen) {
    LogKind kind = LogKind.ofFileName(folder.getFileName() + ".csv").orElseThrow();
    try (Stream<Path> s = Files.list(folder)) {
      List<Path> csvs = s.filter(f -> Inputs.isCsvName(f.getFileName().toString())).sorted().toList();
      if (csvs.isEmpty()) problems.add(new InputProblem(display(folder), 0, "folder named as kind " + kind.fileName()
          + " has no .csv (or .tsv) files"));
      for (Path f : csvs) addListedFile(f, kind, files, problems, seen);
    } catch (IOException e) {
      problems.add(new InputProblem(display(folder), 0, "cannot list folder: " + e.getMessage()));
    }
  }

  /**
   * A CSV file found by listing a folder: its kind from its name, else {@code folderKind} (a kind folder's; null for the
   * input folder itself).
   */
  private static void addListedFile(Path f, LogKind folderKind, List<InputFile> files, List<InputProblem> problems,
      Map<Path, String> seen) {
    // Named like a log but not one to read: said, never skipped in silence (a FIFO would also hang the read).
    String notAFile = notARegularFile(f);
    if (notAFile != null) {
      problems.add(new InputProblem(display(f), 0, notAFile));
      return;
    }
    boolean named = LogKind.ofFileName(Inputs.withoutCompression(f.getFileName().toString())).isPresent();
    addFile(f, named ? null : folderKind, files, problems, seen);
  }

  /**
   * For a folder without CSV files: an archive of them in it, to unpack, or the subfolders that hold some, to name
   * instead (an unpacked archive's layout).
   */
  private static String whereCsvFilesAre(List<Path> entries) {
    List<String> holding = new ArrayList<>();
    for (Path d : entries) {
      if (!Files.isDirectory(d) || d.getFileName().toString().startsWith(".")) continue;
      try (Stream<Path> s = Files.list(d)) {
        if (s.anyMatch(f -> Inputs.isCsvName(f.getFileName().toString()))) holding.add(display(d));
      } catch (IOException e) {
        // unreadable: the hint names the others
      }
    }
    for (Path a : entries) {
      if (!Files.isRegularFile(a) || a.getFileName().toString().startsWith(".")) continue;
      String archive = Inputs.archiveAdvice(a);
      if (archive != null && !archive.contains("holding no .csv")) return " (" + display(a) + " is " + archive + ")";
    }
    if (holding.isEmpty()) return "";
    List<String> shown = holding.subList(0, Math.min(holding.size(), 5));
    return " (its subfolder" + (holding.size() == 1 ? " " : "s ") + String.join(", ", shown) + (holding.size() > 5 ? ", …" : "")
        + " hold" + (holding.size() == 1 ? "s" : "") + " some: name " + (holding.size() == 1 ? "it" : "them") + ", e.g. analyze "
        + String.join(" ", shown) + ")";
  }

  /** Why {@code f}, which exists in some form, cannot be read as a log file; null when it can (or does not exist). */
  private static String notARegularFile(Path f) {
    if (Files.isRegularFile(f)) return null;
    if (Files.isSymbolicLink(f) && !Files.exists(f)) return "symbolic link that points nowhere or loops; not read";
    if (Files.isDirectory(f)) return "a folder named like a CSV file; folders inside an input folder are not read";
    if (Files.exists(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return "not a regular file (a FIFO, socket or device); not read";
    }
    return null;
  }

  private static void addFile(Path f, LogKind explicit, List<InputFile> files, List<InputProblem> problems,
      Map<Path, String> seen) {
    String first;
    try {
      first = seen.putIfAbsent(f.toRealPath(), display(f));
    } catch (IOException e) {
      problems.add(new InputProblem(display(f), 0, "cannot read: " + e.getMessage()));
      return;
    }
    if (first != null) {
      // Read twice, every row would count twice: rejected rather than silently read once.
      problems.add(new InputProblem(display(f), 0, first.equals(display(f)) ? "given twice; give each input once"
          : "the same file as " + first + ", given twice; give each input once"));
      return;
    }
    LogKind kind = explicit != null ? explicit
        : LogKind.ofFileName(Inputs.withoutCompression(f.getFileName().toString())).orElse(null);
    String archive = kind == null && explicit == null ? Inputs.archiveAdvice(f) : null;
    if (archive != null) {
      problems.add(new InputProblem(display(f), 0, archive));
    } else if (kind == null) {
      problems.add(new InputProblem(display(f), 0,
          "cannot tell the kind from the file name; name it <kind>.csv or <kind>-<anything>.csv, or pass kind=path. Kinds: "
              + LogKind.allNames()));
    } else {
      files.add(new InputFile(f, kind, display(f)));
    }
  }

  static String display(Path p) {
    return p.normalize().toString().replace('\\', '/');
  }

  /** Resolves the arguments and reads them; problems of both steps are reported together. */
  public Bundle readArgs(List<String> args) throws InputException {
    List<InputProblem> problems = new ArrayList<>();
    List<InputFile> files = resolve(args, problems);
    return read(files, problems);
  }

  public Bundle read(List<InputFile> files) throws InputException {
    return read(files, new ArrayList<>());
  }

  private Bundle read(List<InputFile> files, List<InputProblem> problems) throws InputException {
    Bundle.Builder builder = new Bundle.Builder();
    FileLayout.OffsetTracker offsets = new FileLayout.OffsetTracker();
    Timestamps timestamps = new Timestamps(timezone, timeFormat, year);
    long[] rowsSoFar = {0};
    int rowProblems = 0;
    for (InputFile f : files) {
      rowProblems += readFile(f, builder, timestamps, offsets, problems, rowsSoFar);
    }
    Activity.phase("indexing the input");
    if (!problems.isEmpty()) throw new InputException(problems, rowProblems == problems.size());
    SourceClocks.align(builder);
    ZoneId zone = displayZone != null ? displayZone
        : timezone != null ? timezone
        : offsets.offset() != null ? offsets.offset() : ZoneOffset.UTC;
    return builder.build(zone);
  }

  /** Reads one file into the builder; returns how many bad-row problems it added (those --lenient skips). */
  private int readFile(InputFile f, Bundle.Builder builder, Timestamps timestamps,
      FileLayout.OffsetTracker offsets, List<InputProblem> problems, long[] rowsSoFar) {
    String name = f.display();
    Activity.reading(name);
    List<InputProblem> fileProblems = new ArrayList<>();
    FileTally t = new FileTally(f, name);
    RepeatedBlock block = null; // a file of samples concatenated to itself is read once
    // Decoded strictly: a byte not valid in the charset stops the file at its line (rows before it read).
    try (CsvReader csv = CsvReader.sniffing(Inputs.text(f.path(), encoding), maxRecordChars)) {
      try {
        if (!csv.next()) {
          problems.add(new InputProblem(name, 1, "empty file: expected a header row"));
          return 0;
        }
      } catch (CsvReader.Malformed e) {
        // a JSON export is malformed CSV from its first quote on: name the import that reads it
        String raw = Inputs.isStdin(f.path()) ? "" : HeaderHints.forRawLog(f.path(), f.path().toString());
        problems.add(new InputProblem(name, 1, (e instanceof CsvReader.TooLong
            ? "header " + e.getMessage() + " (the limit): is this a CSV file?" : "malformed CSV: " + e.getMessage()) + raw));
        return 0;
      }
      if (longestField(csv) >= 0) {
        problems.add(new InputProblem(name, 1, "header field longer than " + maxFieldChars + " characters: is this a CSV file?"));
        return 0;
      }
      if (csv.hasNul()) {
        // UTF-16 without a byte-order mark decodes as every other character NUL: said, not a list of missing columns
        problems.add(new InputProblem(name, 1, "the header holds NUL bytes: UTF-16 without a byte-order mark (save as UTF-8),"
            + " or not a text file?"));
        return 0;
      }
      t.header = cells(csv);
      t.headerChars = new char[t.header.size()][];
      for (int i = 0; i < t.headerChars.length; i++) {
        String h = t.header.get(i);
        t.headerChars[i] = h.toCharArray();
        if (h.length() < 64) t.headerLengths |= 1L << h.length();
        else t.headerLong = true;
      }
      t.layout = layout(f, csv, timestamps, offsets, problems);
      if (t.layout == null) return 0;
      block = RepeatedBlock.KINDS.contains(t.layout.kind) ? new RepeatedBlock() : null;
      t.block = block;
      while (true) {
        try {
          if (!csv.next()) break;
        } catch (CsvReader.Malformed e) {
          fileProblems.add(new InputProblem(name, csv.startLine(), e instanceof CsvReader.TooLong
              ? e.getMessage() + " (the limit; is a quote left open?); the rest of the file was not read"
              : "malformed CSV: " + e.getMessage()));
          break;
        }
        if (readRecord(csv, t, builder) && (++rowsSoFar[0] & 0xFFFF) == 0) progress.accept(rowsSoFar[0]);
      }
    } catch (StrictText.Undecodable e) {
      fileProblems.add(new InputProblem(name, e.line(), e.getMessage()));
    } catch (Inputs.NotText e) {
      fileProblems.add(new InputProblem(name, 1, e.getMessage()));
    } catch (java.io.EOFException e) {
      // only a compressed file ends inside what it promised (a gzip or zstd stream cut off)
      fileProblems.add(new InputProblem(name, t.lineReached, "the compressed file is cut off after this line (copied or written"
          + " while incomplete?): the rest of it is missing"));
    } catch (IOException e) {
      String why = e instanceof CharacterCodingException ? "not valid " + encoding.name() : csvMessage(e);
      fileProblems.add(new InputProblem(name, 0, "cannot read: " + why));
    }
    int repeatedFrom = 0;
    if (block != null && block.repeated() > 0 && fileProblems.isEmpty()) {
      builder.requests.truncate(block.storedAtStart()); // the file again from its first row: the same samples
      t.repeated += block.repeated();
      repeatedFrom = block.startLine();
    }
    if (t.unlisted > 0) t.rowProblems.add(new InputProblem(name, 0, "… and " + t.unlisted + " more bad rows not listed"));
    if (lenient && !lenientAll && t.skipped > t.rows) {
      // Losing most of a file is rarely what lenient mode was asked for (e.g. every timestamp in an
      // unexpected shape): refuse loudly rather than analyse what is left.
      problems.addAll(t.rowProblems);
      problems.add(new InputProblem(name, 0, (t.rows == 0 ? "every row (" + t.skipped + ")" : t.skipped + " of " + (t.rows + t.skipped) + " rows")
          + " would be skipped; fix them, or pass --lenient=all to analyse what is left"));
    } else if (lenient) {
      builder.stats.skipped(t.rowProblems);
    } else {
      problems.addAll(t.rowProblems);
    }
    problems.addAll(fileProblems); // a file that cannot be read to its end is never analysed
    builder.stats.add(new InputStats.FileStats(name, f.kind().fileName(), t.rows, t.skipped, t.repeated, repeatedFrom));
    return lenient ? 0 : t.rowProblems.size();
  }

  /** One file's reading so far: what {@link #readRecord} reads each record with, and what it counts. */
  private static final class FileTally {
    final InputFile file;
    final String name;
    List<String> header;
    /** {@link #header}'s names as characters, and a bit per name length below 64: most records' first field has no name's length. */
    char[][] headerChars;
    long headerLengths;
    boolean headerLong;
    FileLayout layout;
    /** The one row object of this file, reset per record: mappers never keep it past the record. */
    Row row;
    RepeatedBlock block;
    final List<InputProblem> rowProblems = new ArrayList<>();
    int unlisted;
    long rows;
    long skipped;
    long repeated;
    boolean shortRows; // a record of this file left out trailing optional fields: the exporter's habit
    int lineReached = 1;

    FileTally(InputFile file, String name) {
      this.file = file;
      this.name = name;
    }
  }

  /**
   * Reads the record the reader is on into the builder, or counts it as a bad row. A method of its own, not
   * the loop's body: a short run's JIT compiles it after a few hundred records, where the loop in
   * {@link #readFile} would run interpreted until compiled on stack, tens of thousands of records later
   * (docs/benchmarks.md, "Cold start, sixth pass").
   *
   * @return false for a line that is no record (blank, or the header again)
   */
  private boolean readRecord(CsvReader csv, FileTally t, Bundle.Builder builder) {
    FileLayout layout = t.layout;
    int line = csv.startLine();
    t.lineReached = line;
    Activity.line(line);
    // a blank line, or one of separators and spaces only (the empty rows a spreadsheet exports below
    // its data); not NULs, which a crash leaves and which are said
    if (surplusBlank(csv, 0) && !csv.hasNul()) return false;
    // Exports concatenated with `cat` repeat their header: the same header again is no record;
    // the same names in another order would misread every row after it, so that is a problem.
    Repeat repeat = csv.size() == t.header.size() && headerName(csv, 0, t) ? repeatOf(t.header, csv) : Repeat.NO;
    if (repeat == Repeat.SAME) return false;
    Row row = t.row == null ? (t.row = new Row(layout, csv, line)) : t.row.reset(line);
    int nul;
    String width;
    if (repeat == Repeat.REORDERED) {
      row.problem("the header again, its columns in another order (exports joined into one file?): split the file here");
    }
    int longField = longestField(csv);
    if (longField >= 0) {
      row.problem("field " + (longField + 1) + " is " + String.format(Locale.ROOT, "%,d", csv.length(longField))
          + " characters long; the limit is " + String.format(Locale.ROOT, "%,d", maxFieldChars));
    } else if (!row.ok()) {
      // already said why
    } else if ((nul = csv.nulField()) >= 0) {
      row.problem(csv.size() != layout.width
          ? "NUL bytes where a record should be (zeros a crash left at the end of a log, or not a text file?)"
          : nulInField(nul, nul < layout.columns.size() ? layout.columns.get(nul) : ""));
    } else if ((width = RecordWidth.problem(t.file.kind(), layout.columns, csv.size(), surplusBlank(csv, layout.width),
        csv.unterminated() && !t.shortRows)) != null) {
      row.problem(width);
    } else {
      t.shortRows |= csv.size() < layout.width;
      if (layout.hasOrigin) row.ref(); // a bad origin is a problem of the row, found before the row becomes a fact
      if (row.ok()) {
        if (t.block != null) t.block.row(RepeatedBlock.fingerprint(layout, csv), builder.requests.size(), line);
        if (builder.repeatedRows.seen(layout, csv)) t.repeated++; // the same record again: read once
        else t.file.kind().map(row, builder);
      }
    }
    if (row.ok()) {
      t.rows++;
    } else {
      t.skipped++;
      InputProblem p = new InputProblem(t.name, line, String.join("; ", row.problems()) + row.originNote());
      if (t.rowProblems.size() < MAX_PROBLEMS_LISTED_PER_FILE) t.rowProblems.add(p);
      else t.unlisted++;
    }
    return true;
  }

  private static String rawOrMissingHint(InputFile f, java.util.Set<String> names, List<String> absent) {
    String raw = Inputs.isStdin(f.path()) ? "" : HeaderHints.forRawLog(f.path(), f.path().toString());
    return raw.isEmpty() ? HeaderHints.forMissing(f.kind().fileName(), names, absent) : raw;
  }

  private enum Repeat { NO, SAME, REORDERED }

  /** Whether a record is the header again: the same names (case and spaces aside), in order or not. */
  private static Repeat repeatOf(List<String> header, CsvReader rec) {
    List<String> cells = cells(rec);
    if (cells.equals(header)) return Repeat.SAME;
    return new java.util.HashSet<>(cells).equals(new java.util.HashSet<>(header)) && cells.size() > 1 ? Repeat.REORDERED : Repeat.NO;
  }

  /** Whether field {@code i} is one of the header's names (compared in the buffer: no string per row). */
  private static boolean headerName(CsvReader rec, int i, FileTally tally) {
    int from = rec.trimmedStart(i);
    int len = rec.trimmedEnd(i) - from;
    // a timestamp or a name rarely has a header name's length: most records are told apart here
    if (len < 64 ? (tally.headerLengths >>> len & 1) == 0 : !tally.headerLong) return false;
    char[] t = rec.text();
    for (char[] h : tally.headerChars) {
      if (h.length != len) continue;
      int k = 0;
      while (k < len && Character.toLowerCase(t[from + k]) == h[k]) k++;
      if (k == len) return true;
    }
    return false;
  }

  private static List<String> cells(CsvReader rec) {
    List<String> out = new ArrayList<>(rec.size());
    for (int i = 0; i < rec.size(); i++) out.add(rec.get(i).trim().toLowerCase(Locale.ROOT));
    return out;
  }

  /** Whether every field beyond the header's first {@code width} is blank (trailing separators). */
  private static boolean surplusBlank(CsvReader rec, int width) {
    // (of spaces only, the trimmed start passes the trimmed end)
    for (int i = width; i < rec.size(); i++) if (rec.trimmedStart(i) < rec.trimmedEnd(i)) return false;
    return true;
  }

  /**
   * A NUL inside a record of the right width: no text log writes one, so the value is not what was
   * logged (binary data, a corrupt copy); said rather than kept as a name with a NUL in it.
   */
  public static String nulInField(int field, String column) {
    return "field " + (field + 1) + (column.isEmpty() ? "" : " (" + column + ")") + " holds a NUL byte (binary data in a text log?)";
  }


  /** The index of the first field longer than the limit, or -1. */
  private int longestField(CsvReader rec) {
    for (int i = 0; i < rec.size(); i++) {
      if (rec.length(i) > maxFieldChars) return i;
    }
    return -1;
  }

  private static String csvMessage(Exception e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.replaceAll("\\s+", " ");
  }

  private FileLayout layout(InputFile f, CsvReader header, Timestamps timestamps,
      FileLayout.OffsetTracker offsets, List<InputProblem> problems) {
    Map<String, Integer> index = new HashMap<>();
    List<String> extras = new ArrayList<>();
    java.util.Set<String> written = new java.util.HashSet<>();
    for (int i = 0; i < header.size(); i++) written.add(header.get(i).trim().toLowerCase(Locale.ROOT));
    boolean ok = true;
    for (int i = 0; i < header.size(); i++) {
      String col = columnMap.contractName(f.kind(), header.get(i).trim().toLowerCase(Locale.ROOT));
      if (col.isEmpty()) continue;
      if (!f.kind().known(col)) {
        // "Depends On", "depends-on", "dependsOn": the contract's depends_on, unless the header also has that name
        // or the user mapped it elsewhere
        String spelled = ColumnMap.contractSpelling(header.get(i).trim());
        if (f.kind().known(spelled) && !written.contains(spelled) && columnMap.mapped(f.kind(), spelled).isEmpty()) col = spelled;
      }
      if (index.putIfAbsent(col, i) != null) {
        // a one-line JSON export splits at its commas into cells, some alike: name the import that reads it
        String raw = Inputs.isStdin(f.path()) ? "" : HeaderHints.forRawLog(f.path(), f.path().toString());
        problems.add(new InputProblem(f.display(), 1, "column '" + col + "' appears twice in the header" + raw));
        ok = false;
      } else if (!f.kind().known(col) && !col.equals(FileLayout.ORIGIN)) {
        extras.add(col);
      }
    }
    List<String> missing = f.kind().requiredColumns().stream().filter(c -> !index.containsKey(c))
        .map(c -> columnMap.source(f.kind(), c).equals(c) ? c : c + " (mapped to '" + columnMap.source(f.kind(), c) + "')").toList();
    if (!missing.isEmpty()) {
      java.util.Set<String> names = new java.util.HashSet<>();
      for (int i = 0; i < header.size(); i++) names.add(header.get(i).trim().toLowerCase(Locale.ROOT));
      List<String> absent = f.kind().requiredColumns().stream().filter(c -> !index.containsKey(c)).toList();
      problems.add(new InputProblem(f.display(), 1, "missing required column(s) " + String.join(", ", missing)
          + " for kind " + f.kind().fileName() + " (required: " + String.join(", ", f.kind().requiredColumns()) + ")"
          + rawOrMissingHint(f, names, absent)));
      ok = false;
    }
    if (!ok) return null;
    FileLayout layout = new FileLayout(f.display(), f.kind(), index, extras, timestamps, offsets);
    layout.width = header.size();
    String[] columns = new String[header.size()];
    java.util.Arrays.fill(columns, "");
    index.forEach((col, i) -> columns[i] = col);
    layout.columns = List.of(columns);
    return layout;
  }
}
