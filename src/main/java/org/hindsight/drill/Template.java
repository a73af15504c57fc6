package org.hindsight.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hindsight.ingest.LogKind;
import org.hindsight.ruletest.Expectation;
import org.hindsight.ruletest.ExpectationException;
import org.hindsight.ruletest.ExpectationParser;
import org.hindsight.ruletest.FixtureSpec;

/**
 * A pack fixture used as a drill template: its CSV files as tables and its expected answer, and
 * {@link #randomise} to give it new names, a new day and zone and a stretched time scale. Names are
 * renamed by word: each word of an identifier (the {@code thumb} of {@code img-thumb-03}) gets one
 * new word everywhere — in identifier columns, messages and commands alike — so selectors such as
 * {@code img-*} keep matching what they matched. Words a command uses as keywords or flags are
 * never renamed.
 */
final class Template {
  static final Set<String> NAME_COLUMNS = Set.of("entity", "site", "service", "location", "parent", "a", "b", "depends_on",
      "device", "user", "operator", "ticket", "approved_by", "datacenter", "server", "process", "rule", "generator");
  private static final Set<String> TEXT_COLUMNS = Set.of("message", "command", "summary", "scope");
  static final Set<String> TIME_COLUMNS = Set.of("timestamp", "window_start", "window_end");
  private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

  final String name;
  final Map<LogKind, DrillCsv> tables = new LinkedHashMap<>();
  /** The expected answer (null for a near miss) and the row of its cause. */
  final Expectation expected;
  final LogKind causeKind;
  final DrillCsv.Row cause;
  private final ZoneId fixtureZone;

  private Template(Path dir, FixtureSpec spec) throws IOException {
    this.name = dir.getFileName().toString();
    this.fixtureZone = spec.timezone() == null ? ZoneId.of("UTC") : ZoneId.of(spec.timezone());
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        var kind = LogKind.ofFileName(p.getFileName().toString());
        if (kind.isPresent() && tables.putIfAbsent(kind.get(), DrillCsv.read(p)) != null) {
          throw new IllegalStateException(dir + ": two files of kind " + kind.get().fileName() + "; a template holds one per kind");
        }
      }
    }
    this.expected = spec.positive() ? spec.expect().get(0) : null;
    if (expected == null) {
      causeKind = null;
      cause = null;
      return;
    }
    String[] ref = expected.fields().getOrDefault("cause", "").split(":");
    causeKind = LogKind.ofFileName(ref[0]).orElseThrow(() -> new IllegalStateException(dir + ": expect.json names no cause file:line"));
    cause = tables.get(causeKind).atSourceLine(Integer.parseInt(ref[1]));
    if (cause == null) throw new IllegalStateException(dir + ": the expected cause " + ref[0] + ":" + ref[1] + " is not a record");
  }

  /** Reads {@code dir}: a positive fixture (one expected hypothesis with a cause) or a near miss. */
  static Template load(Path dir) throws IOException {
    FixtureSpec spec;
    try {
      spec = ExpectationParser.parse(dir.resolve("expect.json"));
    } catch (ExpectationException e) {
      throw new IllegalStateException(e.file() + ":" + e.line() + ": " + e.problem());
    }
    if (spec.positive() && (spec.expect().size() != 1 || !spec.expect().get(0).fields().containsKey("cause"))) {
      throw new IllegalStateException(dir + ": a drill template expects exactly one hypothesis, with its cause");
    }
    if (!spec.positive() && !spec.negative()) throw new IllegalStateException(dir + ": expect.json expects nothing");
    return new Template(dir, spec);
  }

  boolean nearMiss() {
    return expected == null;
  }

  /** A randomised copy: every name, time and zone new; times between records scaled by {@code stretch}. */
  Drawn randomise(RandomGenerator random, double stretch) {
    Names names = new Names(random);
    Map<String, String> words = renameWords(names);
    ZoneId zone = names.zone();
    Instant first = tables.values().stream().flatMap(t -> t.rows.stream().flatMap(r -> TIME_COLUMNS.stream()
        .map(c -> t.get(r, c)).filter(v -> !v.isBlank()).map(v -> parse(v, fixtureZone)))).min(Instant::compareTo).orElse(Instant.EPOCH);
    Instant base = names.time(zone).toInstant();
    Drawn d = new Drawn(zone, words);
    for (var e : tables.entrySet()) {
      DrillCsv src = e.getValue();
      DrillCsv copy = new DrillCsv(src.header());
      for (DrillCsv.Row r : src.rows) {
        String[] cells = r.cells.clone();
        for (int i = 0; i < cells.length; i++) {
          String col = src.header().get(i);
          if (TIME_COLUMNS.contains(col) && !cells[i].isBlank()) {
            long ms = Duration.between(first, parse(cells[i], fixtureZone)).toMillis();
            cells[i] = d.format(base.plusMillis(Math.round(ms * stretch)));
          } else if (NAME_COLUMNS.contains(col) || TEXT_COLUMNS.contains(col)) {
            cells[i] = d.rename(cells[i]);
          }
        }
        DrillCsv.Row row = copy.add(cells);
        if (r == cause) d.cause = row;
      }
      d.tables.put(e.getKey(), copy);
    }
    return d;
  }

  /** Each word of an identifier to a fresh word not found anywhere in the template. */
  private Map<String, String> renameWords(Names names) {
    Set<String> keep = new HashSet<>();
    Set<String> identifiers = new HashSet<>();
    Set<String> used = new HashSet<>();
    forEachCell((col, cell) -> {
      if (NAME_COLUMNS.contains(col)) identifiers.add(cell.toLowerCase(Locale.ROOT));
      Matcher m = WORD.matcher(cell);
      while (m.find()) used.add(m.group().toLowerCase(Locale.ROOT));
    });
    forEachCell((col, cell) -> {
      if (!col.equals("command")) return;
      for (String w : cell.split("\\s+")) {
        String bare = w.replaceAll("^['\"]+|['\";,]+$", "").toLowerCase(Locale.ROOT);
        // Keywords (router, drain) and flags (--service, --replicas=3) belong to the tool, not to a name.
        if (bare.matches("[a-z]+") && !identifiers.contains(bare)) keep.add(bare);
        if (bare.startsWith("-")) keep.addAll(words(bare.split("=", 2)[0]));
      }
    });
    Map<String, String> map = new HashMap<>();
    List<String> pool = names.freshWords(used);
    for (String id : identifiers) {
      for (String w : words(id)) {
        if (w.length() >= 2 && !keep.contains(w) && !map.containsKey(w)) {
          map.put(w, pool.isEmpty() ? w : pool.remove(pool.size() - 1));
        }
      }
    }
    return map;
  }

  private void forEachCell(java.util.function.BiConsumer<String, String> f) {
    for (DrillCsv t : tables.values()) {
      for (DrillCsv.Row r : t.rows) for (int i = 0; i < r.cells.length; i++) f.accept(t.header().get(i), r.cells[i]);
    }
  }

  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(s);
    while (m.find()) out.add(m.group().toLowerCase(Locale.ROOT));
    return out;
  }

  static Instant parse(String s, ZoneId zone) {
    String t = s.trim();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(t).atZone(zone).toInstant();
      } catch (DateTimeParseException e2) {
        throw new IllegalStateException("a drill template's time '" + s + "' is not ISO 8601");
      }
    }
  }

  /** One randomised copy of the template. */
  static final class Drawn {
    final ZoneId zone;
    final Map<LogKind, DrillCsv> tables = new LinkedHashMap<>();
    private final Map<String, String> words;
    DrillCsv.Row cause;

    Drawn(ZoneId zone, Map<String, String> words) {
      this.zone = zone;
      this.words = words;
    }

    String format(Instant t) {
      return ZonedDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** {@code text} with every renamed word replaced, keeping its case (KT-CORE → VORTEX-…). */
    String rename(String text) {
      Matcher m = WORD.matcher(text);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        String w = m.group();
        String to = words.get(w.toLowerCase(Locale.ROOT));
        if (to == null) to = w;
        else if (w.equals(w.toUpperCase(Locale.ROOT))) to = to.toUpperCase(Locale.ROOT);
        else if (Character.isUpperCase(w.charAt(0))) to = Character.toUpperCase(to.charAt(0)) + to.substring(1);
        m.appendReplacement(b, Matcher.quoteReplacement(to));
      }
      return m.appendTail(b).toString();
    }
  }
}
