package org.hindsight.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.MetricSeries;
import org.hindsight.facts.TimedFact;
import org.hindsight.ingest.Bundle;
import org.hindsight.ingest.BundleReader;
import org.hindsight.ingest.InputException;
import org.hindsight.ingest.LogKind;

/**
 * Turns a generator's output into a drill bundle a trainee can be given, the same way for every
 * pattern: only CSV files, named after their kind alone ({@code events.csv}, {@code metrics-2.csv})
 * so no file name hints at the answer; benign background noise merged into the events and metrics
 * in time order; and a check that no file names a pattern. Line numbers move when noise is merged,
 * so the answer's cause is re-pointed at the same record.
 */
public final class DrillMaker {
  /** Mixed into the seed so noise draws from its own stream and never shifts the generator's. */
  private static final long NOISE_STREAM = 0x6A09E667F3BCC909L;

  private final Collection<String> knownPatterns;

  /** @param knownPatterns pattern ids that must not appear in any bundle (all registered ones) */
  public DrillMaker(Collection<String> knownPatterns) {
    this.knownPatterns = List.copyOf(knownPatterns);
  }

  /** Generates into {@code dir} (created; must be empty) and returns the answer as cited in the final bundle. */
  public DrillAnswer make(IncidentGenerator generator, Difficulty difficulty, long seed, boolean nearMiss, Path dir)
      throws DrillException, IOException {
    Files.createDirectories(dir);
    try (Stream<Path> s = Files.list(dir)) {
      if (s.findAny().isPresent()) throw new DrillException(dir + ": not empty; give a new or empty folder for the drill");
    }
    DrillAnswer answer = generator.generate(dir, new SplittableRandom(seed), difficulty, nearMiss);
    String who = generator.getClass().getName();
    if (answer == null || nearMiss != answer.nearMiss()) {
      throw new IllegalStateException(who + " returned " + answer + " for nearMiss=" + nearMiss);
    }
    dropNonCsv(dir);
    answer = normaliseNames(dir, answer, who);
    Bundle bundle = read(dir, who);
    answer = addNoise(dir, bundle, answer, difficulty, new SplittableRandom(seed ^ NOISE_STREAM));
    checkNoSpoilers(dir, answer, who);
    return answer;
  }

  private static void dropNonCsv(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
          if (Files.isDirectory(p)) throw new IllegalStateException("generator wrote a folder into the drill: " + p);
          Files.delete(p); // a generator's notes could give the answer away
        }
      }
    }
  }

  private static DrillAnswer normaliseNames(Path dir, DrillAnswer answer, String who) throws IOException {
    Map<LogKind, List<Path>> byKind = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        LogKind kind = LogKind.ofFileName(p.getFileName().toString())
            .orElseThrow(() -> new IllegalStateException(who + " wrote a file of no known kind: " + p.getFileName()));
        byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(p);
      }
    }
    Map<String, String> renamed = new HashMap<>();
    List<Path[]> moves = new ArrayList<>();
    int tmp = 0;
    for (var e : byKind.entrySet()) {
      List<Path> files = e.getValue();
      for (int i = 0; i < files.size(); i++) {
        String target = e.getKey().fileName() + (files.size() == 1 ? "" : "-" + (i + 1)) + ".csv";
        Path staged = dir.resolve(".rename-" + (tmp++));
        Files.move(files.get(i), staged);
        moves.add(new Path[] {staged, dir.resolve(target)});
        renamed.put(files.get(i).getFileName().toString(), target);
      }
    }
    for (Path[] m : moves) Files.move(m[0], m[1]);
    if (answer.nearMiss()) return answer;
    String cause = renamed.get(Path.of(answer.causeFile()).getFileName().toString());
    if (cause == null) throw new IllegalStateException(who + " named a cause file it did not write: " + answer.causeFile());
    return new DrillAnswer(answer.pattern(), answer.subject(), cause, answer.causeLine(), answer.site());
  }

  private static Bundle read(Path dir, String who) {
    try {
      return BundleReader.builder().build().readArgs(List.of(dir.toString()));
    } catch (InputException e) {
      throw new IllegalStateException(who + " wrote input the reader rejects: " + e.problems());
    }
  }

  private static DrillAnswer addNoise(Path dir, Bundle bundle, DrillAnswer answer, Difficulty difficulty,
      SplittableRandom random) throws IOException {
    Instant from = null;
    Instant to = null;
    List<Instant> times = new ArrayList<>();
    for (TimedFact f : bundle.timeline()) times.add(f.time());
    for (MetricSeries m : bundle.metrics()) {
      times.add(m.firstTime());
      times.add(m.lastTime());
    }
    if (bundle.requests().size() > 0) {
      times.add(Instant.ofEpochMilli(bundle.requests().inOrder(0).millis()));
      times.add(Instant.ofEpochMilli(bundle.requests().inOrder(bundle.requests().size() - 1).millis()));
    }
    for (Instant t : times) {
      if (from == null || t.isBefore(from)) from = t;
      if (to == null || t.isAfter(to)) to = t;
    }
    ZoneId zone = bundle.displayZone();
    if (from == null) { // a bundle of structure only: invent a plausible day
      Names names = new Names(random);
      zone = names.zone();
      from = names.time(zone).toInstant();
      to = from.plusSeconds(3600);
    }
    from = from.minusSeconds(45 * 60);
    to = to.plusSeconds(20 * 60);
    List<String> entities = bundle.inventory().stream().map(InventoryItem::entity).distinct().toList();
    BenignNoise noise = new BenignNoise(random, difficulty, zone, entities);
    answer = merge(dir, LogKind.EVENTS, noise.events(from, to), answer);
    return merge(dir, LogKind.METRICS, noise.metrics(from, to), answer);
  }

  /** Merges {@code rows} into the first file of {@code kind} (made if missing) in time order. */
  private static DrillAnswer merge(Path dir, LogKind kind, List<BenignNoise.Row> rows, DrillAnswer answer) throws IOException {
    if (rows.isEmpty()) return answer;
    Path file = Files.exists(dir.resolve(kind.fileName() + ".csv")) ? dir.resolve(kind.fileName() + ".csv")
        : dir.resolve(kind.fileName() + "-1.csv");
    List<String> header;
    String headerText;
    List<CsvText.Record> original;
    if (Files.exists(file)) {
      CsvText text = CsvText.read(file);
      header = text.header();
      headerText = text.records.get(0).text();
      original = text.records.subList(1, text.records.size());
    } else {
      file = dir.resolve(kind.fileName() + ".csv");
      header = new ArrayList<>(rows.get(0).values().keySet());
      headerText = String.join(",", header);
      original = List.of();
    }
    int timeColumn = header.indexOf("timestamp");
    StringBuilder out = new StringBuilder(headerText).append('\n');
    int line = 2;
    int next = 0;
    Map<Integer, Integer> moved = new HashMap<>();
    for (CsvText.Record r : original) {
      Instant t = timeColumn < 0 ? null : parseTime(r.fields(), timeColumn);
      while (t != null && next < rows.size() && rows.get(next).time().isBefore(t)) {
        out.append(CsvText.row(header, rows.get(next++).values())).append('\n');
        line++;
      }
      moved.put(r.line(), line);
      out.append(r.text()).append('\n');
      line += CsvText.lineCount(r.text());
    }
    while (next < rows.size()) out.append(CsvText.row(header, rows.get(next++).values())).append('\n');
    Files.writeString(file, out, StandardCharsets.UTF_8);
    if (!answer.nearMiss() && answer.causeFile().equals(file.getFileName().toString())) {
      Integer now = moved.get(answer.causeLine());
      if (now == null) throw new IllegalStateException("the cause line " + answer.causeLine() + " of " + file + " is not a record");
      answer = new DrillAnswer(answer.pattern(), answer.subject(), answer.causeFile(), now, answer.site());
    }
    return answer;
  }

  private static Instant parseTime(List<String> fields, int column) {
    if (column >= fields.size()) return null;
    String s = fields.get(column).trim();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e2) {
        return null; // local times without an offset: leave the row where it is
      }
    }
  }

  private void checkNoSpoilers(Path dir, DrillAnswer answer, String who) throws IOException {
    List<String> ids = new ArrayList<>(knownPatterns);
    if (!answer.nearMiss()) ids.add(answer.pattern());
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        String text = Files.readString(p, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String id : ids) {
          Pattern token = Pattern.compile("(?<![\\w.\\-])" + Pattern.quote(id.toLowerCase(Locale.ROOT)) + "(?![\\w.\\-])");
          var m = token.matcher(text);
          boolean inText = m.find();
          if (inText || token.matcher(name).find()) {
            long line = inText ? text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1 : 0;
            throw new IllegalStateException(who + " gives the answer away: pattern id '" + id + "' appears in "
                + p.getFileName() + (inText ? ":" + line : " (its name)"));
          }
        }
      }
    }
  }
}
