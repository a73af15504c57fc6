package org.hindsight.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.engine.RuleException;
import org.hindsight.ingest.Bundle;
import org.hindsight.ingest.BundleReader;
import org.hindsight.ingest.InputException;

/** The drill workflow behind the {@code drill} commands: make, check, hint. */
public final class Drills {
  private final DrillEnvironment env;

  public Drills(DrillEnvironment env) {
    this.env = env;
  }

  /** What to make; null fields take their defaults (random pattern, medium, random seed). */
  public record Request(String pattern, Difficulty difficulty, Long seed, boolean nearMiss, double nearMissRate) {}

  /**
   * Makes a drill in {@code out}: picks the generator and whether it is a near miss from the seed,
   * generates, adds noise, seals the answer and writes the briefing.
   */
  public SealedDrill create(Request request, Path out, Path keyFile) throws DrillException, IOException, RuleException {
    if (request.nearMissRate() < 0 || request.nearMissRate() > 1) throw new DrillException("--near-miss-rate must be within 0..1");
    long seed = request.seed() != null ? request.seed() : Math.floorMod(new SecureRandom().nextLong(), 1_000_000_000L);
    SplittableRandom choice = new SplittableRandom(seed);
    Generators generators = env.generators();
    IncidentGenerator generator = generators.pick(request.pattern(), choice);
    boolean nearMiss = request.nearMiss() || choice.nextDouble() < request.nearMissRate();
    Difficulty difficulty = request.difficulty() == null ? Difficulty.MEDIUM : request.difficulty();
    DrillKeys.TrainerKey key = env.keys().resolve(keyFile, true); // before generating: no key, no drill
    boolean existed = Files.exists(out);
    try {
      DrillAnswer answer = maker(generators, generator.pattern()).make(generator, difficulty, seed, nearMiss, out);
      byte[] idBytes = new byte[4];
      new SecureRandom().nextBytes(idBytes);
      SealedDrill drill = new SealedDrill("d-" + HexFormat.of().formatHex(idBytes), env.clock().instant(), generator.pattern(),
          difficulty, seed, generator.getClass().getName(), generator.version(), answer, 0, null);
      DrillSeal.seal(drill, key, out);
      Briefing.write(out, drill, readBundle(out), generators.patterns());
      return drill;
    } catch (DrillException | IOException | RuleException | RuntimeException e) {
      if (!existed) deleteTree(out); // never leave a half-made drill behind
      throw e;
    }
  }

  /** A drill maker for {@code pattern}: only its pack's rules are compiled (the replay needs no others). */
  DrillMaker maker(Generators generators, String pattern) throws DrillException, RuleException {
    if (env.ruleDirs().isEmpty()) throw new DrillException("no rules folder holds the packs' fixtures drills are made from");
    AnalysisOptions.Builder b = AnalysisOptions.builder();
    List<Path> packs = env.ruleDirs().stream().map(d -> d.resolve(pattern)).filter(Files::isDirectory).toList();
    (packs.isEmpty() ? env.ruleDirs() : packs).forEach(b::rules);
    return new DrillMaker(generators.patterns(), env.ruleDirs(), env.analyzer(), env.analyzer().compileRules(b.build()));
  }

  /** Opens a drill's sealed answer with the trainer key. */
  public SealedDrill open(Path dir, Path keyFile) throws DrillException {
    if (!Files.isDirectory(dir)) throw new DrillException(dir + ": no such drill folder");
    if (!Files.exists(dir.resolve(DrillSeal.FILE))) {
      throw new DrillException(dir.resolve(DrillSeal.FILE) + ": missing; " + dir + " is not a drill folder (make one with `hindsight drill new`)");
    }
    return DrillSeal.open(dir, env.keys().resolve(keyFile, false));
  }

  /** Analyses the drill bundle with the environment's rules plus {@code extraRules}. */
  public Analysis analyze(Path dir, List<Path> extraRules) throws DrillException, InputException, RuleException {
    List<Path> rules = new ArrayList<>(env.ruleDirs());
    rules.addAll(extraRules);
    if (rules.isEmpty()) throw new DrillException("no rules to analyse the drill with: the built-in rules/ folder is missing; give --rules DIR");
    AnalysisOptions.Builder b = AnalysisOptions.builder().input(dir.toString());
    rules.forEach(b::rules);
    return env.analyzer().analyze(b.build());
  }

  /** The outcome of {@link #check}. */
  public record Checked(SealedDrill drill, Grader.Grade grade, String lesson, Path log) {}

  public Checked check(Path dir, Diagnosis diagnosis, Path keyFile, String trainee, Path log, List<Path> extraRules,
      boolean fullReport) throws DrillException, InputException, RuleException {
    SealedDrill drill = open(dir, keyFile);
    Analysis analysis = analyze(dir, extraRules);
    Grader.Grade grade = Grader.grade(drill, diagnosis, dir, analysis);
    String lesson = Lesson.render(drill, diagnosis, grade, analysis, fullReport);
    Instant now = env.clock().instant();
    Path logFile = log != null ? log : env.defaultLog();
    AttemptLog.append(logFile, new AttemptLog.Attempt(now, trainee == null || trainee.isBlank() ? env.user() : trainee.strip(),
        drill.id(), drill.answer().pattern(), drill.family(), drill.difficulty().name().toLowerCase(Locale.ROOT), grade.total(),
        grade.pattern(), grade.subject(), grade.cause(), drill.hintLevel(),
        Duration.between(drill.created(), now).getSeconds(),
        drill.firstHint() == null ? null : Duration.between(drill.firstHint(), now).getSeconds(), diagnosis.toString()));
    return new Checked(drill, grade, lesson, logFile);
  }

  /** The outcome of {@link #hint}: the hints shown and whether the level was recorded. */
  public record Hinted(List<String> hints, int level, boolean recorded) {}

  /** Hints 1..level; level null means one more than the trainee has seen. */
  public Hinted hint(Path dir, Integer level, Path keyFile, List<Path> extraRules)
      throws DrillException, InputException, RuleException {
    SealedDrill drill = open(dir, keyFile);
    int upTo = level == null ? Math.min(Hints.LEVELS, drill.hintLevel() + 1) : level;
    if (upTo < 1 || upTo > Hints.LEVELS) throw new DrillException("--level must be 1.." + Hints.LEVELS);
    Analysis analysis = analyze(dir, extraRules);
    List<String> hints = Hints.upTo(upTo, drill, analysis);
    boolean recorded = true;
    try { // kept in the sealed file: deleting or editing a file cannot erase it, only a wrong key or a read-only folder
      DrillSeal.seal(drill.withHint(upTo, env.clock().instant()), env.keys().resolve(keyFile, false), dir);
    } catch (DrillException e) {
      recorded = false;
    }
    return new Hinted(hints, upTo, recorded);
  }

  private static Bundle readBundle(Path dir) {
    try {
      return BundleReader.builder().build().readArgs(List.of(dir.toString()));
    } catch (InputException e) {
      throw new IllegalStateException("the drill bundle does not read back: " + e.problems());
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort
    }
  }
}
