package org.hindsight.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.analysis.Assessment;
import org.hindsight.engine.RuleBase;
import org.hindsight.engine.RuleException;
import org.hindsight.ingest.BundleReader;
import org.hindsight.ingest.InputException;
import org.hindsight.ingest.LogKind;
import org.hindsight.simulate.Replay;
import org.hindsight.observe.Symptom;

/**
 * Makes a drill from a pack's fixture template, the same way for every pattern:
 *
 * <ol>
 *   <li>picks a template of the difficulty (or a near miss) and gives it new names, a new day and
 *       zone, and — for a positive drill — a stretched time scale ({@link Template});
 *   <li>regenerates the symptoms through the pack's own simulator: the analysis of the stretched
 *       copy replays the sealed cause, and every event the replay observes is moved to the onset
 *       the replay predicts (a predicted symptom the template lacks is added in the form of an
 *       observed one), so the drill is consistent with the simulator by construction. If the rules
 *       do not recognise the stretched copy, the same names are used unstretched;
 *   <li>merges background noise into events, metrics and changes, and writes every contract kind
 *       (header only where the template has none), so the set of files never hints at the answer;
 *   <li>checks that no file names a pattern id.
 * </ol>
 */
public final class DrillMaker {
  /** Mixed into the seed so names, noise and jitter each draw from their own stream. */
  private static final long NAMES_STREAM = 0x3C6EF372FE94F82BL;
  private static final long NOISE_STREAM = 0x6A09E667F3BCC909L;
  private static final long JITTER_STREAM = 0xBB67AE8584CAA73BL;

  private final Collection<String> knownPatterns;
  private final List<Path> ruleDirs;
  private final Analyzer analyzer;
  private final RuleBase rules;
  private final Map<Path, Template> templates = new ConcurrentHashMap<>();

  /**
   * @param knownPatterns pattern ids that must not appear in any bundle (all registered ones)
   * @param ruleDirs where packs' fixtures are found ({@code <dir>/<pattern>/fixtures/<case>})
   * @param rules the compiled rules of {@code ruleDirs}, for the simulator replay
   */
  public DrillMaker(Collection<String> knownPatterns, List<Path> ruleDirs, Analyzer analyzer, RuleBase rules) {
    this.knownPatterns = List.copyOf(knownPatterns);
    this.ruleDirs = List.copyOf(ruleDirs);
    this.analyzer = analyzer;
    this.rules = rules;
  }

  /** Makes a drill in {@code dir} (created; must be empty) and returns its answer as cited in the bundle. */
  public DrillAnswer make(IncidentGenerator generator, Difficulty difficulty, long seed, boolean nearMiss, Path dir)
      throws DrillException, IOException {
    Files.createDirectories(dir);
    try (Stream<Path> s = Files.list(dir)) {
      if (s.findAny().isPresent()) throw new DrillException(dir + ": not empty; give a new or empty folder for the drill");
    }
    SplittableRandom random = new SplittableRandom(seed);
    Template t = pick(generator, difficulty, nearMiss, random);
    double stretch = nearMiss ? 1 : 0.85 + 0.4 * random.nextDouble();
    Template.Drawn drawn = t.randomise(new SplittableRandom(seed ^ NAMES_STREAM), stretch);
    if (!nearMiss && !regenerate(generator.pattern(), t, drawn, dir, new SplittableRandom(seed ^ JITTER_STREAM))) {
      drawn = t.randomise(new SplittableRandom(seed ^ NAMES_STREAM), 1);
      if (!regenerate(generator.pattern(), t, drawn, dir, new SplittableRandom(seed ^ JITTER_STREAM))) {
        throw new IllegalStateException("template " + t.name + " of " + generator.pattern() + " is not recognised by its own rules");
      }
    }
    addNoise(drawn, difficulty, new SplittableRandom(seed ^ NOISE_STREAM));
    for (LogKind kind : LogKind.values()) drawn.tables.computeIfAbsent(kind, DrillMaker::emptyTable);
    write(drawn, dir);
    DrillAnswer answer = answer(generator.pattern(), t, drawn);
    checkNoSpoilers(dir, answer, generator.getClass().getName());
    return answer;
  }

  private Template pick(IncidentGenerator g, Difficulty difficulty, boolean nearMiss, SplittableRandom random)
      throws DrillException, IOException {
    List<Template> all = new ArrayList<>();
    for (String name : g.templates().keySet().stream().sorted().toList()) all.add(template(g.pattern(), name));
    List<Template> fit = all.stream().filter(t -> t.nearMiss() == nearMiss
        && (nearMiss || g.templates().get(t.name) == difficulty)).toList();
    if (fit.isEmpty()) fit = all.stream().filter(t -> t.nearMiss() == nearMiss).toList();
    if (fit.isEmpty()) throw new DrillException(g.pattern() + " has no " + (nearMiss ? "near-miss" : "positive") + " drill template");
    return fit.get(random.nextInt(fit.size()));
  }

  private Template template(String pattern, String name) throws DrillException, IOException {
    for (Path root : ruleDirs) {
      for (Path dir : List.of(root.resolve(pattern).resolve("fixtures").resolve(name), root.resolve("fixtures").resolve(name))) {
        if (Files.isDirectory(dir)) {
          Template t = templates.get(dir);
          if (t == null) templates.put(dir, t = Template.load(dir));
          return t;
        }
      }
    }
    throw new DrillException("no fixture '" + name + "' of pattern " + pattern + " in " + ruleDirs + " to make a drill from");
  }

  private DrillAnswer answer(String pattern, Template t, Template.Drawn d) {
    if (t.nearMiss()) return DrillAnswer.none();
    Map<String, String> f = t.expected.fields();
    return new DrillAnswer(pattern, d.rename(f.getOrDefault("subject", "")), t.causeKind.fileName() + ".csv",
        d.tables.get(t.causeKind).lineOf(d.cause), d.rename(f.getOrDefault("site", "")));
  }

  /**
   * Replays the drawn copy with the pack's simulator and moves (or adds) its symptom events to the
   * onsets the replay predicts. False when the rules do not raise the template's hypothesis.
   */
  private boolean regenerate(String pattern, Template t, Template.Drawn d, Path dir, SplittableRandom jitter)
      throws IOException {
    write(d, dir);
    DrillAnswer expected = answer(pattern, t, d);
    Optional<Assessment> hit;
    try {
      var bundle = BundleReader.builder().build().readArgs(List.of(dir.toString()));
      hit = analyzer.analyze(bundle, rules, AnalysisOptions.builder().build()).assessments().stream()
          .filter(a -> a.hypothesis().pattern().equals(expected.pattern()) && a.hypothesis().subject().equals(expected.subject())
              && AnswerMatch.cites(a.hypothesis().cause(), expected.causeFile(), expected.causeLine()))
          .findFirst();
    } catch (InputException | RuleException e) {
      throw new IllegalStateException("template " + t.name + " does not analyse: " + e.getMessage());
    } finally {
      clear(dir);
    }
    if (hit.isEmpty()) return false;
    Replay replay = hit.get().replay();
    DrillCsv events = d.tables.get(LogKind.EVENTS);
    if (replay == null || events == null) return true;
    Map<Integer, DrillCsv.Row> byLine = new HashMap<>();
    for (DrillCsv.Row r : events.rows) byLine.put(events.lineOf(r), r);
    Map<String, Symptom> predicted = new HashMap<>();
    replay.withCause().forEach(s -> predicted.putIfAbsent(s.key(), s));
    long slack = Math.max(1, Math.min(20, replay.tolerance().getSeconds() / 4));
    int time = events.column("timestamp");
    Set<String> seen = new HashSet<>();
    Map<String, DrillCsv.Row> formOfKind = new HashMap<>();
    for (Symptom s : replay.observed()) {
      seen.add(s.key());
      DrillCsv.Row row = s.evidence() == null || !AnswerMatch.fileName(s.evidence().file()).equals("events.csv") ? null
          : byLine.get(s.evidence().line());
      Symptom p = predicted.get(s.key());
      if (row == null) continue;
      formOfKind.putIfAbsent(s.kind(), row);
      if (p != null && p.onset() != null && row != d.cause) row.cells[time] = d.format(p.onset().plusSeconds(jitter.nextLong(slack)));
    }
    for (Symptom p : replay.withCause()) {
      DrillCsv.Row form = formOfKind.get(p.kind());
      if (seen.add(p.key()) && form != null && p.onset() != null) {
        String was = events.get(form, "entity");
        DrillCsv.Row added = events.add(form.cells.clone());
        added.cells[events.column("entity")] = p.entity();
        int message = events.column("message");
        if (message >= 0 && !was.isEmpty()) added.cells[message] = added.cells[message].replace(was, p.entity());
        added.cells[time] = d.format(p.onset().plusSeconds(jitter.nextLong(slack)));
      }
    }
    sortByTime(events);
    return true;
  }

  /** In time order; a change row that gives only its window stands at the window's start (none: first). */
  private static void sortByTime(DrillCsv table) {
    int time = table.column("timestamp");
    int window = table.column("window_start");
    if (time < 0) return;
    table.rows.sort(Comparator.comparing(r -> {
      String t = !r.cells[time].isBlank() ? r.cells[time] : window >= 0 ? r.cells[window] : "";
      return t.isBlank() ? Instant.MIN : Template.parse(t, java.time.ZoneOffset.UTC);
    }));
  }

  private static void addNoise(Template.Drawn d, Difficulty difficulty, SplittableRandom random) {
    List<Instant> times = new ArrayList<>();
    List<String> entities = new ArrayList<>();
    for (var e : d.tables.entrySet()) {
      DrillCsv t = e.getValue();
      int time = t.column("timestamp");
      int entity = t.column("entity");
      for (DrillCsv.Row r : t.rows) {
        if (time >= 0 && !r.cells[time].isBlank()) times.add(Template.parse(r.cells[time], d.zone)); // a change row may give only its window
        if (e.getKey() == LogKind.INVENTORY && entity >= 0) entities.add(r.cells[entity]);
      }
    }
    Instant from = times.stream().min(Instant::compareTo).orElse(new Names(random).time(d.zone).toInstant());
    Instant to = times.stream().max(Instant::compareTo).orElse(from.plusSeconds(3600));
    BenignNoise noise = new BenignNoise(random, difficulty, d.zone, entities);
    merge(d, LogKind.EVENTS, noise.events(from.minusSeconds(45 * 60), to.plusSeconds(20 * 60)));
    merge(d, LogKind.METRICS, noise.metrics(from.minusSeconds(45 * 60), to.plusSeconds(20 * 60)));
    noise.everyKind(from, to).forEach((kind, rows) -> merge(d, kind, rows));
  }

  private static void merge(Template.Drawn d, LogKind kind, List<Map<String, String>> rows) {
    if (rows.isEmpty()) return;
    DrillCsv table = d.tables.computeIfAbsent(kind, DrillMaker::emptyTable);
    for (Map<String, String> values : rows) {
      table.add(table.header().stream().map(h -> values.getOrDefault(h, "")).toArray(String[]::new));
    }
    sortByTime(table);
  }

  /** A table of {@code kind} with every column of the contract and no rows. */
  private static DrillCsv emptyTable(LogKind kind) {
    List<String> header = new ArrayList<>(kind.requiredColumns());
    header.addAll(kind.optionalColumns());
    return new DrillCsv(header);
  }

  private static void write(Template.Drawn d, Path dir) throws IOException {
    for (var e : d.tables.entrySet()) e.getValue().write(dir.resolve(e.getKey().fileName() + ".csv"));
  }

  private static void clear(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) Files.delete(p);
    }
  }

  private void checkNoSpoilers(Path dir, DrillAnswer answer, String who) throws IOException {
    List<String> ids = new ArrayList<>(knownPatterns);
    if (!answer.nearMiss()) ids.add(answer.pattern());
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        String text = Files.readString(p, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        for (String id : ids) {
          var m = Pattern.compile("(?<![\\w.\\-])" + Pattern.quote(id.toLowerCase(Locale.ROOT)) + "(?![\\w.\\-])").matcher(text);
          if (m.find()) {
            long line = text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            throw new IllegalStateException(who + " gives the answer away: pattern id '" + id + "' appears in "
                + p.getFileName() + ":" + line);
          }
        }
      }
    }
  }
}
