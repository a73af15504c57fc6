package org.hindsight.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.SiteEvents;
import org.hindsight.facts.SourceRef;
import org.hindsight.ingest.InputException;
import org.hindsight.observe.Observations;
import org.hindsight.observe.Symptom;
import org.hindsight.report.JsonReport;
import org.hindsight.simulate.Verdict;
import org.hindsight.testing.CauseTimes;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.TestAnalysis;
import org.hindsight.world.World;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample bundle, perturbed in a temporary copy, must get the verdict the perturbation calls
 * for: a verdict must be able to say no when the evidence for a cause is taken away, and must not
 * move when only the form of the logs changes. The expected top hypothesis of each sample is the
 * unperturbed run's, never written here (docs/validation.md, "Perturbations of the samples").
 *
 * <ul>
 *   <li>cause moved into the trouble (half-way between the first and last symptom it explained): not confirmed;
 *   <li>decoys (a change on a healthy entity, a change on a new upstream service that stays healthy,
 *       a copy of the cause on a healthy entity): never confirmed, the true cause stays first and confirmed;
 *   <li>the symptoms it explained deleted from the logs: not confirmed;
 *   <li>every name (hosts, services, sites, devices, generators) renamed consistently: same pattern and verdict;
 *   <li>time shifted (days later in another UTC offset, a year later in UTC, epoch seconds or
 *       milliseconds): same verdict;
 *   <li>columns reordered with an unknown extra column: same verdict;
 *   <li>one file left out: no crash, a report, and no confirmation resting on that file.
 * </ul>
 */
class SamplePerturbationsTest {
  private static final Map<Path, Analysis> TRUTH = new HashMap<>();

  static List<Path> samples() throws Exception {
    try (Stream<Path> s = Files.list(TestAnalysis.home().resolve("sample-logs"))) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** The unperturbed analysis, once per sample. */
  static synchronized Analysis truth(Path sample) throws Exception {
    Analysis a = TRUTH.get(sample);
    if (a == null) {
      a = TestAnalysis.analyze(sample);
      assertFalse(a.assessments().isEmpty(), sample + ": no hypothesis");
      assertEquals(Verdict.CONFIRMED, a.assessments().get(0).validation().verdict(), sample + ": the top hypothesis is confirmed");
      TRUTH.put(sample, a);
    }
    return a;
  }

  static Assessment top(Path sample) throws Exception {
    return truth(sample).assessments().get(0);
  }

  interface Check {
    void run(Path sample, Path copy) throws Exception;
  }

  static Stream<DynamicTest> each(String what, Check check) throws Exception {
    return samples().stream().map(s -> DynamicTest.dynamicTest(s.getFileName() + ": " + what, () -> {
      Path dir = Files.createTempDirectory("perturbed");
      try {
        CsvTable.copyBundle(s, dir);
        check.run(s, dir);
      } finally {
        ValidatorMutationTest.deleteTree(dir);
      }
    }));
  }

  static String fileName(SourceRef ref) {
    return Path.of(ref.file()).getFileName().toString();
  }

  /** Pattern and subject: one claim told apart across copies of a bundle. */
  static boolean same(Hypothesis a, Hypothesis b, UnaryOperator<String> rename) {
    return a.pattern().equals(b.pattern()) && rename.apply(a.subject()).equals(b.subject());
  }

  static String describe(Analysis a) {
    return String.join("\n", a.assessments().stream().limit(8)
        .map(y -> y.hypothesis() + " " + y.validation().verdict().word() + " " + y.confidence() + " " + y.validation().reasons()).toList());
  }

  /** No hypothesis of the true cause's pattern and subject is confirmed, and the claim put to the copy directly is not either. */
  static void notConfirmed(String what, Assessment truth, Path dir, Analysis a, Hypothesis.Builder claim) throws Exception {
    for (Assessment y : a.assessments()) {
      assertFalse(same(truth.hypothesis(), y.hypothesis(), s -> s) && y.validation().verdict() == Verdict.CONFIRMED,
          what + ": " + y.hypothesis() + " still confirmed: " + y.validation().reasons());
    }
    if (claim == null) return;
    World world = TestAnalysis.world(dir);
    Hypothesis h = ValidatorMutationTest.resolve(claim, world, dir);
    Assessment judged = TestAnalysis.validate(world, h);
    assertNotEquals(Verdict.CONFIRMED, judged.validation().verdict(),
        what + ": the claim put to the perturbed incident is still confirmed: " + judged.validation().reasons());
    assertFalse(judged.validation().reasons().isEmpty(), what + ": a verdict short of confirmed says why");
  }

  /** The same top hypothesis (pattern, subject through {@code rename}), verdict and cause record. */
  static void sameVerdict(String what, Assessment truth, Analysis a, UnaryOperator<String> rename) {
    assertFalse(a.assessments().isEmpty(), what + ": no hypothesis");
    Assessment top = a.assessments().get(0);
    Hypothesis t = truth.hypothesis();
    assertEquals(t.pattern() + " " + rename.apply(t.subject()) + " " + truth.validation().verdict().word(),
        top.hypothesis().pattern() + " " + top.hypothesis().subject() + " " + top.validation().verdict().word(), what + ":\n" + describe(a));
    assertEquals(fileName(t.cause()) + ":" + t.cause().line(), fileName(top.hypothesis().cause()) + ":" + top.hypothesis().cause().line(),
        what + ": the cause is the same record");
    assertEquals(truth.validation().explained().size(), top.validation().explained().size(), what + ": explains as much");
  }

  // ------------------------------------------------------------------------------------------ (a)

  @TestFactory
  Stream<DynamicTest> causeMovedIntoTheTrouble() throws Exception {
    return each("cause moved half-way into its trouble", (sample, dir) -> {
      Assessment truth = top(sample);
      List<Instant> onsets = truth.validation().explained().stream().map(Symptom::onset).sorted().toList();
      Instant first = onsets.get(0);
      Instant last = onsets.get(onsets.size() - 1);
      Duration half = Duration.between(first, last).dividedBy(2);
      Instant target = first.plus(half.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : half);
      moveCause(truth, dir, target);
      notConfirmed("cause moved to " + target + ", after the first symptom at " + first, truth, dir, TestAnalysis.analyze(dir),
          ValidatorMutationTest.claim(truth.hypothesis()));
    });
  }

  /** Moves the records that time the cause so that it acts at {@code target} ({@link CauseTimes}). */
  static void moveCause(Assessment truth, Path dir, Instant target) throws Exception {
    CauseTimes.move(truth, dir, target);
  }

  // ------------------------------------------------------------------------------------------ (b)

  @TestFactory
  Stream<DynamicTest> changeOnAHealthyEntity() throws Exception {
    return each("a change on an entity that stays healthy", (sample, dir) -> {
      Assessment truth = top(sample);
      String healthy = healthyEntity(truth(sample), dir);
      int line = addChange(dir, healthy, truth.validation().scorecard().causeAt().minus(Duration.ofMinutes(3)));
      decoyNeverConfirmed(sample, dir, healthy, "events.csv", line);
    });
  }

  @TestFactory
  Stream<DynamicTest> changeOnAHealthyUpstreamService() throws Exception {
    return each("a change on a new upstream service that stays healthy", (sample, dir) -> {
      Assessment truth = top(sample);
      String upstream = "upstream-" + Integer.toHexString(sample.getFileName().toString().hashCode() & 0xffff);
      addUpstream(dir, truth, upstream);
      int line = addChange(dir, upstream, truth.validation().scorecard().causeAt().minus(Duration.ofMinutes(10)));
      decoyNeverConfirmed(sample, dir, upstream, "events.csv", line);
    });
  }

  @TestFactory
  Stream<DynamicTest> causeCopiedOntoAHealthyEntity() throws Exception {
    return each("the cause's record copied onto a healthy entity", (sample, dir) -> {
      Assessment truth = top(sample);
      String file = fileName(truth.hypothesis().cause());
      CsvTable t = CsvTable.read(dir.resolve(file));
      String healthy = healthyEntity(truth(sample), dir);
      String[] copy = t.atLine(truth.hypothesis().cause().line()).clone();
      int line = t.appendCopy(copy);
      String[] added = t.atLine(line);
      retarget(t, added, truth.hypothesis(), healthy);
      t.write();
      decoyNeverConfirmed(sample, dir, null, file, line);
    });
  }

  /** The decoy (by subject, or by its cause record) is never confirmed; the true cause stays first and confirmed. */
  static void decoyNeverConfirmed(Path sample, Path dir, String subject, String file, int line) throws Exception {
    Assessment truth = top(sample);
    Analysis a = TestAnalysis.analyze(dir);
    for (Assessment y : a.assessments()) {
      SourceRef c = y.hypothesis().cause();
      boolean decoy = (subject != null && y.hypothesis().subject().equals(subject))
          || (c != null && fileName(c).equals(file) && c.line() == line);
      assertFalse(decoy && y.validation().verdict() == Verdict.CONFIRMED, "decoy confirmed: " + y.hypothesis() + " " + y.validation().reasons());
    }
    sameVerdict("decoy added", truth, a, s -> s);
  }

  /** An inventory entity of the sample that shows no symptom at all, preferring one whose service is monitored. */
  static String healthyEntity(Analysis truth, Path dir) throws Exception {
    Set<String> sick = new HashSet<>();
    for (Symptom s : truth.symptoms()) sick.add(s.entity());
    World w = truth.world();
    String found = w.inventory().stream()
        .filter(i -> !sick.contains(i.entity()) && (i.service() == null || i.service().isEmpty() || !sick.contains(i.service())))
        .map(i -> i.entity()).sorted().findFirst().orElse(null);
    if (found != null) return found;
    // every listed entity shows trouble (a flooded routing domain): a new one, like the first, that nothing links to
    CsvTable inv = CsvTable.read(dir.resolve("inventory.csv"));
    String[] copy = inv.rows().get(0).clone();
    String name = inv.get(copy, "entity") + "-spare";
    copy[inv.column("entity")] = name;
    if (inv.hasColumn("parent")) copy[inv.column("parent")] = "";
    inv.appendCopy(copy);
    inv.write();
    return name;
  }

  /** Adds a deploy event on {@code entity}; returns its line. */
  static int addChange(Path dir, String entity, Instant at) throws Exception {
    CsvTable t = CsvTable.read(dir.resolve("events.csv"));
    String[] model = t.rows().get(0);
    int line = t.appendCopy(model);
    String[] r = t.atLine(line);
    for (int i = 0; i < r.length; i++) r[i] = "";
    r[t.column("timestamp")] = model[t.column("timestamp")];
    t.setTime(r, at);
    t.set(r, "source", "deployer");
    t.set(r, "type", "deploy.finished");
    t.set(r, "entity", entity);
    if (t.hasColumn("message")) t.set(r, "message", "release 2.4.1 of " + entity);
    if (t.hasColumn("severity")) t.set(r, "severity", "info");
    t.write();
    return line;
  }

  /**
   * A new service with one host in the subject's site, that the subject's service (or, without a
   * service graph, the subject over a link) needs; nothing shows it failing.
   */
  static void addUpstream(Path dir, Assessment truth, String upstream) throws Exception {
    Hypothesis h = truth.hypothesis();
    CsvTable inv = CsvTable.read(dir.resolve("inventory.csv"));
    String[] like = inv.rows().stream().filter(r -> inv.get(r, "entity").equals(h.subject())
        || (inv.hasColumn("service") && inv.get(r, "service").equals(h.subject()))).findFirst().orElse(inv.rows().get(0));
    String[] copy = like.clone();
    copy[inv.column("entity")] = upstream;
    // in another failure domain than the subject, so that no loss of the subject's site reaches it
    String site = inv.get(like, "site");
    copy[inv.column("site")] = inv.rows().stream().map(r -> inv.get(r, "site")).filter(x -> !x.equals(site)).findFirst().orElse(site + "-2");
    if (inv.hasColumn("location")) copy[inv.column("location")] = "";
    if (inv.hasColumn("service")) copy[inv.column("service")] = upstream;
    if (inv.hasColumn("parent")) copy[inv.column("parent")] = "";
    inv.appendCopy(copy);
    inv.write();
    String dependent = inv.hasColumn("service") && !inv.get(like, "service").isEmpty() ? inv.get(like, "service") : h.subject();
    if (Files.exists(dir.resolve("dependencies.csv"))) {
      CsvTable deps = CsvTable.read(dir.resolve("dependencies.csv"));
      deps.append("service=" + dependent, "depends_on=" + upstream);
      deps.write();
    } else if (Files.exists(dir.resolve("links.csv"))) {
      CsvTable links = CsvTable.read(dir.resolve("links.csv"));
      links.append("a=" + inv.get(like, "entity"), "b=" + upstream);
      links.write();
    }
  }

  /** Points a copy of the cause's record at {@code entity}. */
  static void retarget(CsvTable t, String[] row, Hypothesis h, String entity) throws Exception {
    if (t.hasColumn("generator")) { // a generator row: a copy under another name that nothing uses
      t.set(row, "generator", entity + "_key");
      if (t.hasColumn("rule")) t.set(row, "rule", "");
    } else if (t.hasColumn("command") && !t.hasColumn("device")) {
      // an ops command: its selector (any word naming or matching listed hosts) and the services it
      // names now point at the healthy entity and its service
      CsvTable inv = CsvTable.read(t.file().resolveSibling("inventory.csv"));
      Set<String> hosts = new HashSet<>();
      Set<String> services = new HashSet<>();
      String service = entity;
      for (String[] r : inv.rows()) {
        hosts.add(inv.get(r, "entity"));
        if (inv.hasColumn("service") && !inv.get(r, "service").isEmpty()) services.add(inv.get(r, "service"));
        if (inv.get(r, "entity").equals(entity) && inv.hasColumn("service") && !inv.get(r, "service").isEmpty()) service = inv.get(r, "service");
      }
      List<String> words = new ArrayList<>();
      for (String w : t.get(row, "command").split(" ", -1)) {
        String stem = w.replaceAll("^['\"]|[\\[*?{(].*$", "");
        if (services.contains(w)) words.add(service);
        else if (stem.length() >= 4 && hosts.stream().anyMatch(x -> x.startsWith(stem))) words.add(entity);
        else words.add(w);
      }
      t.set(row, "command", String.join(" ", words));
      if (t.hasColumn("ticket")) t.set(row, "ticket", "");
    } else if (t.hasColumn("timestamp") || t.hasColumn("device")) {
      ValidatorMutationTest.setSubject(t, row, h.subject(), entity);
    } else { // an inventory row: the same component type, one healthy entity's service
      t.set(row, "entity", entity + "-copy");
      if (t.hasColumn("service")) t.set(row, "service", entity);
    }
  }

  // ------------------------------------------------------------------------------------------ (c)

  @TestFactory
  Stream<DynamicTest> symptomsDeleted() throws Exception {
    return each("the symptoms it explained deleted", (sample, dir) -> deleteSymptoms(sample, dir, false));
  }

  @TestFactory
  Stream<DynamicTest> symptomsDeletedButOne() throws Exception {
    return each("the symptoms it explained deleted but the first", (sample, dir) -> deleteSymptoms(sample, dir, true));
  }

  /**
   * Deletes the rows of every symptom the top hypothesis explained (and those accompanying them), or
   * every one but the first to begin (and what accompanies it); the claim is then not confirmed, and says why.
   */
  static void deleteSymptoms(Path sample, Path dir, boolean keepFirst) throws Exception {
    {
      Assessment truth = top(sample);
      List<Symptom> gone = new ArrayList<>(truth.validation().explained());
      gone.addAll(truth.validation().accompanying());
      if (keepFirst) {
        Symptom first = truth.validation().explained().stream().min(Comparator.comparing(Symptom::onset).thenComparing(Symptom::key)).orElseThrow();
        gone.removeIf(x -> x.entity().equals(first.entity()));
      }
      Map<String, CsvTable> tables = new LinkedHashMap<>();
      Map<String, Set<String[]>> deleted = new LinkedHashMap<>();
      for (Symptom s : gone) {
        String file = fileName(s.evidence());
        CsvTable t = tables.computeIfAbsent(file, f -> read(dir.resolve(f)));
        Set<String[]> out = deleted.computeIfAbsent(file, f -> Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        String[] at = t.atLine(s.evidence().line());
        Instant until = s.end() == null ? Instant.MAX : s.end();
        if (t.hasColumn("type")) {
          for (String[] r : t.rows()) {
            Instant when = t.time(r);
            if (t.get(r, "entity").equals(s.entity()) && Observations.readsEventType(t.get(r, "type"))
                && !when.isBefore(s.onsetEarliest()) && when.isBefore(until)) out.add(r);
          }
          out.add(at);
        } else if (t.hasColumn("metric")) {
          String metric = t.get(at, "metric");
          for (String[] r : t.rows()) {
            Instant when = t.time(r);
            if (t.get(r, "entity").equals(t.get(at, "entity")) && t.get(r, "metric").equals(metric)
                && !when.isBefore(s.onsetEarliest()) && when.isBefore(until)) out.add(r);
          }
        } else {
          out.add(at);
        }
      }
      // the cause's record keeps its content; find its new line after the deletions
      Hypothesis h = truth.hypothesis();
      String causeFile = fileName(h.cause());
      CsvTable causeTable = tables.computeIfAbsent(causeFile, f -> read(dir.resolve(f)));
      String[] causeRow = causeTable.atLine(h.cause().line());
      String[] triggerRow = h.trigger() == null ? null : tables.computeIfAbsent(fileName(h.trigger()), f -> read(dir.resolve(f))).atLine(h.trigger().line());
      for (Map.Entry<String, CsvTable> e : tables.entrySet()) {
        Set<String[]> out = deleted.getOrDefault(e.getKey(), Set.of());
        e.getValue().rows().removeIf(out::contains);
        e.getValue().write();
      }
      Hypothesis.Builder claim = ValidatorMutationTest.claim(h).cause(new SourceRef(causeFile, causeTable.rows().indexOf(causeRow) + 2));
      if (triggerRow != null) {
        CsvTable tt = tables.get(fileName(h.trigger()));
        claim.trigger(new SourceRef(fileName(h.trigger()), tt.rows().indexOf(triggerRow) + 2));
      }
      notConfirmed(gone.size() + " symptoms deleted" + (keepFirst ? ", the first kept" : ""), truth, dir, TestAnalysis.analyze(dir), claim);
    }
  }

  private static CsvTable read(Path p) {
    try {
      return CsvTable.read(p);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------------------------------ (d)

  /** Columns whose values are words of the contract (types, kinds, roles, numbers), not names. */
  static final Set<String> NOT_NAMES = Set.of("timestamp", "type", "metric", "value", "kind", "role", "platform", "protocol",
      "status", "severity", "result", "source", "min_hosts", "max_hosts", "critical", "restart_minutes", "latency_ms",
      "cookies_valid", "cookies_invalid", "duration_ms", "window_start", "window_end", "max_depth", "validator", "rule_validator");
  /** Columns that hold names. */
  static final Set<String> NAMES = Set.of("entity", "service", "site", "device", "depends_on", "generator", "parent",
      "datacenter", "server", "process", "a", "b", "rule", "location");
  private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

  @TestFactory
  Stream<DynamicTest> entitiesRenamed() throws Exception {
    return each("every name renamed consistently", (sample, dir) -> {
      Assessment truth = top(sample);
      List<CsvTable> tables = tables(dir);
      // Every word (letters only, so numbering, ranges and globs keep their meaning) of a name
      // column gets a made-up word; contract words (types, kinds) are never touched.
      Set<String> reserved = new HashSet<>();
      Set<String> words = new java.util.TreeSet<>();
      for (CsvTable t : tables) {
        for (String[] r : t.rows()) {
          for (String c : header(t)) {
            Matcher m = WORD.matcher(t.get(r, c));
            while (m.find()) {
              if (NOT_NAMES.contains(c)) reserved.add(m.group());
              else if (NAMES.contains(c) && m.group().length() >= 2) words.add(m.group());
            }
          }
        }
      }
      words.removeAll(reserved);
      Map<String, String> to = new HashMap<>();
      Random random = new Random(sample.getFileName().toString().hashCode());
      Set<String> used = new HashSet<>(words);
      for (String w : words) {
        String n;
        do {
          n = madeUp(random, Math.max(3, w.length()));
        } while (!used.add(n));
        to.put(w, w.equals(w.toUpperCase(java.util.Locale.ROOT)) ? n.toUpperCase(java.util.Locale.ROOT) : n);
      }
      UnaryOperator<String> rename = s -> {
        Matcher m = WORD.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) m.appendReplacement(b, Matcher.quoteReplacement(to.getOrDefault(m.group(), m.group())));
        m.appendTail(b);
        return b.toString();
      };
      for (CsvTable t : tables) {
        for (String[] r : t.rows()) {
          for (String c : header(t)) if (!NOT_NAMES.contains(c)) t.set(r, c, rename.apply(t.get(r, c)));
        }
        t.write();
      }
      assertFalse(to.isEmpty());
      sameVerdict(to.size() + " name words renamed", truth, TestAnalysis.analyze(dir), rename);
    });
  }

  /** A pronounceable word no log uses: consonant-vowel pairs from letters rare in English. */
  static String madeUp(Random random, int length) {
    String consonants = "qzxvkjw";
    String vowels = "aeiou";
    StringBuilder b = new StringBuilder();
    while (b.length() < length) {
      b.append(consonants.charAt(random.nextInt(consonants.length())));
      if (b.length() < length) b.append(vowels.charAt(random.nextInt(vowels.length())));
    }
    return b.toString();
  }

  static List<CsvTable> tables(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<CsvTable> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) out.add(CsvTable.read(f));
      return out;
    }
  }

  static List<String> header(CsvTable t) {
    return t.header();
  }

  // ------------------------------------------------------------------------------------------ (e)

  private static final Pattern ISO = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT.*");

  @TestFactory
  Stream<DynamicTest> shiftedDaysLaterInAnotherOffset() throws Exception {
    return each("3 days later, written at UTC-07:00", (sample, dir) -> {
      rewriteTimes(dir, t -> t.plus(Duration.ofDays(3)).atOffset(ZoneOffset.ofHours(-7)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      sameVerdict("shifted", top(sample), TestAnalysis.analyze(dir), s -> s);
    });
  }

  @TestFactory
  Stream<DynamicTest> shiftedAYearLaterInUtc() throws Exception {
    return each("400 days later, written in UTC with Z", (sample, dir) -> {
      rewriteTimes(dir, t -> t.plus(Duration.ofDays(400)).atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT));
      sameVerdict("shifted", top(sample), TestAnalysis.analyze(dir), s -> s);
    });
  }

  @TestFactory
  Stream<DynamicTest> epochTimes() throws Exception {
    return each("times as epoch seconds (milliseconds where sub-second)", (sample, dir) -> {
      rewriteTimes(dir, t -> t.getNano() == 0 ? Long.toString(t.getEpochSecond()) : Long.toString(t.toEpochMilli()));
      sameVerdict("epoch", top(sample), TestAnalysis.analyze(dir), s -> s);
    });
  }

  static void rewriteTimes(Path dir, java.util.function.Function<Instant, String> write) throws Exception {
    for (CsvTable t : tables(dir)) {
      for (String[] r : t.rows()) {
        for (String c : header(t)) {
          String v = t.get(r, c);
          if (ISO.matcher(v).matches()) t.set(r, c, write.apply(OffsetDateTime.parse(v).toInstant()));
        }
      }
      t.write();
    }
  }

  // ------------------------------------------------------------------------------------------ (f)

  @TestFactory
  Stream<DynamicTest> columnsReorderedWithAnExtraColumn() throws Exception {
    return each("columns reversed and an unknown column added", (sample, dir) -> {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
          CsvTable t = CsvTable.read(f);
          List<String> cols = new ArrayList<>(header(t));
          Collections.reverse(cols);
          cols.add(1, "exported_by");
          try (java.io.Writer w = Files.newBufferedWriter(f);
              org.apache.commons.csv.CSVPrinter p = new org.apache.commons.csv.CSVPrinter(w,
                  org.apache.commons.csv.CSVFormat.RFC4180.builder().setRecordSeparator('\n').build())) {
            p.printRecord(cols);
            int n = 0;
            for (String[] r : t.rows()) {
              List<String> out = new ArrayList<>();
              for (String c : cols) out.add(c.equals("exported_by") ? "siem-" + (n++ % 3) : t.get(r, c));
              p.printRecord(out);
            }
          }
        }
      }
      sameVerdict("columns reordered", top(sample), TestAnalysis.analyze(dir), s -> s);
    });
  }

  // ------------------------------------------------------------------------------------------ (g)

  @TestFactory
  Stream<DynamicTest> oneFileLeftOut() throws Exception {
    List<DynamicTest> out = new ArrayList<>();
    for (Path sample : samples()) {
      try (Stream<Path> files = Files.list(sample)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
          String name = f.getFileName().toString();
          out.add(DynamicTest.dynamicTest(sample.getFileName() + ": without " + name, () -> {
            Path dir = Files.createTempDirectory("leftout");
            try {
              CsvTable.copyBundle(sample, dir);
              Files.delete(dir.resolve(name));
              leftOut(sample, dir, name);
            } finally {
              ValidatorMutationTest.deleteTree(dir);
            }
          }));
        }
      }
    }
    return out.stream();
  }

  static void leftOut(Path sample, Path dir, String name) throws Exception {
    Assessment truth = top(sample);
    Analysis a;
    try {
      a = TestAnalysis.analyze(dir);
    } catch (InputException e) {
      // refusing the bundle is a clear answer too, as long as it names what is wrong
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an input error says what is wrong");
      return;
    }
    JsonNode report = JsonReport.toJson(a);
    assertNotNull(report.get("hypotheses"), "a report");
    Hypothesis h = truth.hypothesis();
    // Files the confirmation stood on: its cause and trigger records, and every record of what it explained.
    Set<String> needed = new HashSet<>();
    needed.add(fileName(h.cause()));
    if (h.trigger() != null) needed.add(fileName(h.trigger()));
    Set<String> symptomFiles = new HashSet<>();
    for (Symptom s : truth.validation().explained()) symptomFiles.add(fileName(s.evidence()));
    boolean allSymptoms = symptomFiles.equals(Set.of(name));
    for (Assessment y : a.assessments()) {
      if (y.validation().verdict() != Verdict.CONFIRMED) continue;
      SourceRef c = y.hypothesis().cause();
      assertTrue(c == null || Files.exists(dir.resolve(fileName(c))), "a confirmation cites a file that is there: " + y.hypothesis());
      if (same(h, y.hypothesis(), s -> s) && (needed.contains(name) || allSymptoms)) {
        throw new AssertionError("without " + name + " the claim it rested on is still confirmed: " + y.hypothesis() + " " + y.validation().reasons());
      }
    }
  }
}
