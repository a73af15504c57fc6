package org.hindsight.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hindsight.ingest.InputException;
import org.hindsight.ingest.InputProblem;
import org.hindsight.ingest.Inputs;
import org.hindsight.ingest.StrictText;
import org.hindsight.ingest.Timestamps;

/**
 * Runs importers over their sources and writes a bundle folder: one {@code <kind>-<format>.csv}
 * per kind a format produced. Nothing is written when any source has a problem (unless lenient,
 * where bad records are skipped and counted, but a source that would lose more than half of its
 * records still fails unless lenient-all).
 *
 * <pre>
 * Import.Result r = Import.run(List.of(new Import.Job("tacacs", List.of("tac.acct"))), settings, Path.of("bundle"));
 * </pre>
 */
public final class Import {
  private Import() {}

  /** One format and the sources it reads. */
  public record Job(String format, List<String> sources) {}

  /** What was written and, per source, what was read. */
  public record Result(List<Path> written, List<SourceSummary> sources, List<InputProblem> skipped, List<String> unmappedAddresses) {}

  /** One source's counts, for the summary on stderr. */
  public record SourceSummary(String format, String source, long kept, long bad, long ignored, String yearRead) {
    @Override
    public String toString() {
      if (kept == 0 && bad == 0 && ignored == 0) return source + " (" + format + "): empty, nothing imported";
      return source + " (" + format + "): " + kept + " record(s) imported"
          + (bad > 0 ? ", " + bad + " bad skipped" : "") + (ignored > 0 ? ", " + ignored + " line(s) not for " + format : "")
          + (yearRead != null ? "; " + yearRead : "");
    }
  }

  public static Result run(List<Job> jobs, ImportSettings settings, Path out) throws InputException {
    List<InputProblem> problems = new ArrayList<>();
    List<Job> ordered = new ArrayList<>();
    for (Job j : jobs) {
      if (Importers.named(j.format()).isEmpty()) {
        problems.add(new InputProblem(j.format(), 0, "unknown format; formats: " + Importers.names()));
      } else {
        ordered.add(j);
      }
    }
    if (!problems.isEmpty()) throw new InputException(problems);
    // Inventory-like formats first: they fill the device map the others look addresses up in. Sources whose times
    // have no year last: they take the year nearest the times the others read.
    ordered.sort(Comparator.comparing((Job j) -> !Importers.named(j.format()).get().describesDevices()));
    List<Job> writeOrder = List.copyOf(ordered); // files are written in this order, whatever the order of reading
    Map<Job, Boolean> withoutYear = new java.util.IdentityHashMap<>();
    ordered.forEach(j -> withoutYear.put(j, timesWithoutYear(j)));
    ordered.sort(Comparator.comparing(withoutYear::get));
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new InputException(out.toString(), "cannot create the output folder: " + e.getMessage());
    }
    List<ImportRun> runs = new ArrayList<>();
    Map<Job, ImportRun> runOf = new java.util.IdentityHashMap<>();
    List<SourceSummary> summaries = new ArrayList<>();
    List<InputProblem> skipped = new ArrayList<>();
    Map<Job, Timestamps.Parsed> nearOf = new java.util.IdentityHashMap<>();
    for (Job j : ordered) {
      Timestamps.Parsed near = withoutYear.get(j) ? earliestDated(runs) : null;
      nearOf.put(j, near);
      ImportRun run = read(j, Importers.named(j.format()).get(), settings, near, null, null, out, problems);
      runs.add(run);
      runOf.put(j, run);
    }
    if (settings.timezone == null) refit(ordered, withoutYear, nearOf, runs, runOf, settings, out);
    for (Job j : ordered) {
      Importer importer = Importers.named(j.format()).get();
      ImportRun run = runOf.get(j);
      List<InputProblem> runProblems = run.problems();
      for (Map.Entry<String, ImportRun.SourceStats> e : run.sourceStats().entrySet()) {
        ImportRun.SourceStats s = e.getValue();
        summaries.add(new SourceSummary(importer.name(), e.getKey(), s.kept, s.bad, s.ignored, s.yearRead));
        List<InputProblem> mine = runProblems.stream().filter(p -> p.file().equals(e.getKey())).toList();
        boolean fileLevel = s.unreadable || mine.stream().anyMatch(p -> p.line() == 0 && !p.message().startsWith("… and "));
        if (mine.isEmpty()) continue;
        if (fileLevel || !settings.lenient) {
          problems.addAll(mine);
        } else if (!settings.lenientAll && s.bad > s.kept) {
          problems.addAll(mine);
          problems.add(new InputProblem(e.getKey(), 0, (s.kept == 0 ? "every record (" + s.bad + ")" : s.bad + " of " + (s.kept + s.bad) + " records")
              + " would be skipped; fix them, or pass --lenient=all to import what is left"));
        } else {
          skipped.addAll(mine);
        }
      }
      runProblems.stream().filter(p -> !run.sourceStats().containsKey(p.file())).forEach(problems::add);
    }
    if (!problems.isEmpty()) throw new InputException(problems);
    List<Path> written = new ArrayList<>();
    for (Job j : writeOrder) {
      ImportRun run = runOf.get(j);
      for (ImportRun.Table t : run.tables().values()) {
        if (t.rows.isEmpty()) continue;
        Path file = out.resolve(t.kind.fileName() + "-" + run.format() + ".csv");
        write(t, file);
        Inputs.writtenHere(file);
        written.add(file);
      }
    }
    return new Result(written, summaries, skipped, List.copyOf(settings.devices.unmapped()));
  }

  /** One job read into a new run: RFC 3164 times near {@code near}, at {@code offset} when given (said {@code because}). */
  private static ImportRun read(Job j, Importer importer, ImportSettings settings, Timestamps.Parsed near, java.time.ZoneOffset offset,
      String because, Path out, List<InputProblem> problems) {
    ImportRun run = new ImportRun(settings, importer.name());
    if (near != null) run.near(near);
    if (offset != null) run.fitted(offset, because);
    if (!importer.readsFiles()) {
      try {
        importer.read(Source.saved(out, out.toString()), run);
      } catch (IOException | UncheckedIOException e) {
        run.fileProblem(Source.saved(out, importer.name()), "cannot read: " + e.getMessage());
      }
      return run;
    }
    if (j.sources().isEmpty()) run.fileProblem(Source.of(j.format()), "no input files given");
    for (String arg : j.sources()) {
      Source source;
      try {
        source = Source.of(arg);
      } catch (java.nio.file.InvalidPathException e) {
        problems.add(new InputProblem(arg.replace('\0', '?'), 0, "not a file name: " + e.getReason()));
        continue;
      }
      readOne(importer, source.in(settings.encoding), run, out);
    }
    importer.finish(run);
    return run;
  }

  /**
   * The sources of local times without a zone (read last) read again at the offset that puts them among the logs read
   * before them and the CSV files beside them ({@link ImportSettings#nearUntil}), when the other logs' offset put them
   * outside ({@link LocalClockFit}). Fitted together: one incident's
   * collectors keep one clock, and a source of a few commands typed before the trouble cannot tell an hour alone.
   */
  private static void refit(List<Job> ordered, Map<Job, Boolean> withoutYear, Map<Job, Timestamps.Parsed> nearOf,
      List<ImportRun> runs, Map<Job, ImportRun> runOf, ImportSettings settings, Path out) {
    Instant from = null;
    Instant to = null;
    List<Instant> local = new ArrayList<>();
    java.time.ZoneOffset readAt = null;
    if (settings.near != null && settings.nearUntil != null) {
      // the contract CSV files analysed beside the imports are other logs too: a syslog beside them alone is fitted to them
      from = settings.near.instant();
      to = settings.nearUntil;
    }
    for (Job j : ordered) {
      ImportRun r = runOf.get(j);
      if (!withoutYear.get(j)) {
        for (Instant t : r.times()) {
          if (from == null || t.isBefore(from)) from = t;
          if (to == null || t.isAfter(to)) to = t;
        }
      } else if (r.yearlessOffset() != null && !j.sources().contains(Inputs.STDIN)) { // stdin is read once: not again
        if (readAt != null && !readAt.equals(r.yearlessOffset())) return; // read at offsets of their own: leave them
        readAt = r.yearlessOffset();
        local.addAll(r.times());
      }
    }
    LocalClockFit.Fit fit = readAt == null ? null : LocalClockFit.better(local, readAt, from, to);
    if (fit == null) return;
    String because = "which puts " + percent(fit.share()) + " of the times without a zone within the other logs' (their offset "
        + readAt + ": " + percent(fit.shareBefore()) + "); a guess";
    for (Job j : ordered) {
      ImportRun r = runOf.get(j);
      if (!withoutYear.get(j) || r.yearlessOffset() == null || j.sources().contains(Inputs.STDIN)) continue;
      ImportRun again = read(j, Importers.named(j.format()).get(), settings, nearOf.get(j), fit.offset(), because, out, new ArrayList<>());
      runs.set(runs.indexOf(r), again);
      runOf.put(j, again);
    }
  }

  private static String percent(double share) {
    return Math.round(share * 100) + " %";
  }

  /** The earliest dated time the runs so far read; null: none. */
  private static Timestamps.Parsed earliestDated(List<ImportRun> runs) {
    Timestamps.Parsed earliest = null;
    for (ImportRun r : runs) {
      Timestamps.Parsed t = r.earliestDated();
      if (t != null && (earliest == null || t.instant().isBefore(earliest.instant()))) earliest = t;
    }
    return earliest;
  }

  /** Whether a job's first file starts with a time without a year (RFC 3164 syslog): read after the others. */
  private static boolean timesWithoutYear(Job j) {
    for (String arg : j.sources()) {
      Path p;
      try {
        p = Path.of(arg);
      } catch (java.nio.file.InvalidPathException e) {
        continue;
      }
      if (Inputs.isStdin(p) || !Files.isRegularFile(p)) continue;
      try (java.io.BufferedReader in = Files.newBufferedReader(p, StandardCharsets.ISO_8859_1)) {
        for (int n = 0; n < 20; n++) {
          String line = in.readLine();
          if (line == null) break;
          if (SyslogLine.startsWithRfc3164Time(line)) return true;
        }
      } catch (IOException | UncheckedIOException e) {
        // a compressed or unreadable file: read in the order given, the import says what is wrong with it
      }
    }
    return false;
  }

  private static void readOne(Importer importer, Source source, ImportRun run, Path out) {
    if (!source.exists()) {
      run.fileProblem(source, "no such file");
      return;
    }
    run.opened(source);
    try {
      Source s = source.isStdin() ? spool(source, importer, out) : source;
      importer.read(s, run);
    } catch (IOException | UncheckedIOException e) {
      Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
      if (cause instanceof StrictText.Undecodable bad) run.unreadableAt(source, bad.line(), bad.getMessage());
      else run.fileProblem(source, "cannot read: " + cause.getMessage());
    } finally {
      run.units().settle(); // the rows read so far, paired in time order whatever order the source gave
    }
  }

  /**
   * Standard input is read once; a copy in the bundle ({@code sources/stdin.<format>}) is what rows
   * cite, so reports can show the cited lines later.
   */
  private static Source spool(Source stdin, Importer importer, Path out) throws IOException {
    Path dir = Files.createDirectories(out.resolve("sources"));
    Path copy = dir.resolve("stdin." + importer.name());
    try (InputStream in = Inputs.open(stdin.path())) {
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    return Source.saved(copy, copy.normalize().toString().replace('\\', '/')).in(stdin.charset());
  }

  private static void write(ImportRun.Table t, Path file) throws InputException {
    List<Integer> columns = t.written();
    List<String> names = new ArrayList<>(t.columns.keySet());
    List<String> header = new ArrayList<>();
    for (int i : columns) header.add(names.get(i));
    header.add("origin");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = CSVFormat.RFC4180.builder().setRecordSeparator('\n').build().print(w)) {
      p.printRecord(header);
      List<String> values = new ArrayList<>(columns.size() + 1);
      for (ImportRun.Row r : t.rows) {
        values.clear();
        for (int i : columns) values.add(r.get(i));
        values.add(r.origin());
        p.printRecord(values);
      }
    } catch (IOException e) {
      throw new InputException(file.toString(), "cannot write: " + e.getMessage());
    }
  }
}
