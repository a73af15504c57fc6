package org.hindsight.drill;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The trainer's record of drill attempts: one CSV row per {@code drill check}, appended, and the
 * summary per trainee and drill. Text cells are neutralised against spreadsheet formula injection
 * ({@link DrillCsv#neutralise}).
 */
public final class AttemptLog {
  static final String[] COLUMNS = {"time", "trainee", "drill", "pattern", "family", "difficulty", "score",
      "pattern_points", "subject_points", "cause_points", "hints", "seconds_from_creation", "seconds_from_first_hint", "answer"};
  static final String[] SUMMARY_COLUMNS = {"trainee", "drill", "pattern", "difficulty", "attempts", "best_score",
      "first_score", "hints", "seconds_to_best", "seconds_to_best_from_first_hint"};

  /**
   * One attempt. {@code pattern} is the right answer's pattern ({@code none} for a near miss),
   * {@code family} what the drill imitates; seconds are counted to the answer from the drill's
   * creation and from the first hint (null when no hint was taken).
   */
  public record Attempt(Instant time, String trainee, String drill, String pattern, String family, String difficulty,
      int score, int patternPoints, int subjectPoints, int causePoints, int hints, long secondsFromCreation,
      Long secondsFromFirstHint, String answer) {}

  private AttemptLog() {}

  public static void append(Path log, Attempt a) throws DrillException {
    try {
      if (log.getParent() != null) Files.createDirectories(log.getParent());
      boolean fresh = !Files.exists(log) || Files.size(log) == 0;
      try (Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          CSVPrinter p = new CSVPrinter(w, DrillCsv.FORMAT)) {
        if (fresh) p.printRecord((Object[]) COLUMNS);
        p.printRecord(a.time(), safe(a.trainee()), safe(a.drill()), safe(a.pattern()), safe(a.family()), safe(a.difficulty()),
            a.score(), a.patternPoints(), a.subjectPoints(), a.causePoints(), a.hints(), a.secondsFromCreation(),
            a.secondsFromFirstHint() == null ? "" : a.secondsFromFirstHint(), safe(a.answer()));
      }
    } catch (IOException e) {
      throw new DrillException(log + ": cannot record the attempt: " + e.getMessage());
    }
  }

  public static List<Attempt> read(Path log) throws DrillException {
    if (!Files.isRegularFile(log)) throw new DrillException(log + ": no attempt log yet (it is written by `hindsight drill check`)");
    List<Attempt> out = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(log, StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      for (String c : COLUMNS) {
        if (!p.getHeaderMap().containsKey(c)) throw new DrillException(log + ":1: missing column " + c + " (is this an attempt log?)");
      }
      long previousEnd = p.getCurrentLineNumber();
      for (CSVRecord rec : p) {
        long line = previousEnd + 1;
        previousEnd = p.getCurrentLineNumber();
        try {
          String hint = rec.get("seconds_from_first_hint");
          out.add(new Attempt(Instant.parse(rec.get("time")), rec.get("trainee"), rec.get("drill"), rec.get("pattern"),
              rec.get("family"), rec.get("difficulty"), Integer.parseInt(rec.get("score")),
              Integer.parseInt(rec.get("pattern_points")), Integer.parseInt(rec.get("subject_points")),
              Integer.parseInt(rec.get("cause_points")), Integer.parseInt(rec.get("hints")),
              Long.parseLong(rec.get("seconds_from_creation")), hint.isEmpty() ? null : Long.parseLong(hint), rec.get("answer")));
        } catch (DateTimeParseException | IllegalArgumentException e) {
          throw new DrillException(log + ":" + line + ": bad attempt row (" + e.getMessage() + ")");
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new DrillException(log + ": cannot read: " + e.getMessage());
    }
    return out;
  }

  /** Trainee-supplied text is written so a spreadsheet never runs it as a formula. */
  private static String safe(String text) {
    return DrillCsv.neutralise(text);
  }

  /** Per trainee and drill: attempts, best and first score, hints, seconds until the best score. */
  public static String summary(List<Attempt> attempts) {
    Map<String, List<Attempt>> groups = new LinkedHashMap<>();
    attempts.stream().sorted(Comparator.comparing(Attempt::trainee).thenComparing(Attempt::drill).thenComparing(Attempt::time))
        .forEach(a -> groups.computeIfAbsent(a.trainee() + "\u0000" + a.drill(), k -> new ArrayList<>()).add(a));
    StringBuilder out = new StringBuilder();
    try (CSVPrinter p = new CSVPrinter(out, DrillCsv.FORMAT)) {
      p.printRecord((Object[]) SUMMARY_COLUMNS);
      for (List<Attempt> g : groups.values()) {
        Attempt first = g.get(0);
        Attempt best = first;
        for (Attempt a : g) if (a.score() > best.score()) best = a; // earliest attempt reaching the best score
        int hints = g.stream().mapToInt(Attempt::hints).max().orElse(0);
        p.printRecord(safe(first.trainee()), safe(first.drill()), safe(first.pattern()), safe(first.difficulty()), g.size(), best.score(),
            first.score(), hints, best.secondsFromCreation(), best.secondsFromFirstHint() == null ? "" : best.secondsFromFirstHint());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
