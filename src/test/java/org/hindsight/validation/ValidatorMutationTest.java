package org.hindsight.validation;

import static org.hindsight.testing.Claims.claim;
import static org.hindsight.testing.Claims.resolve;
import static org.hindsight.testing.Perturbations.setSubject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.testing.Perturbations;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.CommandScope;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.SiteEvents;
import org.hindsight.facts.SourceRef;
import org.hindsight.observe.Symptom;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.simulate.Verdict;
import org.hindsight.testing.CauseTimes;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.TestAnalysis;
import org.hindsight.world.World;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Mutation tests of the validator: every sample and every positive fixture, perturbed the ways a
 * careful reviewer would (docs/validation.md, "Perturbations"), must not leave a wrong cause
 * {@code confirmed}. Each perturbation is applied to a copy of the bundle; the analysis runs the
 * built-in rules, and where the rules no longer make the claim, the claim is put to the perturbed
 * incident directly ({@link TestAnalysis#validate}) so the validator itself is what says no.
 *
 * <ul>
 *   <li><b>cause moved after the symptoms</b>: the claim is not confirmed and the reasons say what came first;
 *   <li><b>cause moved to another entity</b> (another router that surged later, a command whose hosts
 *       serve another service, a component in another site, a cycle no live rule reaches, an expiry
 *       on another entity): the moved claim is not confirmed;
 *   <li><b>decoy candidate added</b>: never confirmed, the true cause stays first;
 *   <li><b>symptoms removed</b>: the claim is not confirmed;
 *   <li><b>rival of the same shape added</b>: the rival is never confirmed, the true cause stays first.
 * </ul>
 */
class ValidatorMutationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Assessment> TRUTH = new LinkedHashMap<>();
  /** Per case, the hypotheses the unperturbed analysis ranks above the true cause (none when it is the top one). */
  private static final Map<String, java.util.Set<String>> AHEAD = new LinkedHashMap<>();

  /** One incident whose true cause is known: a sample (its top hypothesis) or a positive fixture. */
  record Case(String name, Path source, String pattern, String subject, String causeFile, int causeLine) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static List<Case> cases;

  static synchronized List<Case> cases() throws Exception {
    if (cases != null) return cases;
    List<Case> out = new ArrayList<>();
    try (Stream<Path> samples = Files.list(TestAnalysis.home().resolve("sample-logs"))) {
      for (Path dir : samples.filter(Files::isDirectory).sorted().toList()) {
        Assessment top = TestAnalysis.analyze(dir).assessments().get(0);
        SourceRef cause = top.hypothesis().cause();
        out.add(new Case("sample " + dir.getFileName(), dir, top.hypothesis().pattern(), top.hypothesis().subject(),
            fileName(cause), cause.line()));
      }
    }
    try (Stream<Path> files = Files.walk(TestAnalysis.home().resolve("rules"))) {
      for (Path expect : files.filter(p -> p.getFileName().toString().equals("expect.json")).sorted().toList()) {
        JsonNode root = JSON.readTree(expect.toFile());
        List<JsonNode> confirmed = new ArrayList<>();
        for (JsonNode e : root.path("expect")) {
          if (e.path("verdict").asText().equals("confirmed") && e.has("cause")) confirmed.add(e);
        }
        for (JsonNode e : confirmed) {
          String[] cause = e.get("cause").asText().split(":");
          Path dir = expect.getParent();
          // an incident with two independent causes is two cases, one per cause
          String which = confirmed.size() > 1 ? " (" + e.get("subject").asText() + ")" : "";
          out.add(new Case("fixture " + dir.getParent().getParent().getFileName() + "/" + dir.getFileName() + which, dir,
              e.get("pattern").asText(), e.get("subject").asText(), cause[0], Integer.parseInt(cause[1])));
        }
      }
    }
    cases = out;
    return out;
  }

  /** The unperturbed analysis's assessment of the true cause (it must be first and confirmed). */
  static synchronized Assessment truth(Case c) throws Exception {
    Assessment a = TRUTH.get(c.name());
    if (a == null) {
      Analysis analysis = TestAnalysis.analyze(c.source());
      a = analysis.assessments().stream().filter(x -> isCase(x, c)).findFirst()
          .orElseThrow(() -> new AssertionError(c + ": the true cause is not among " + analysis.assessments()));
      assertEquals(Verdict.CONFIRMED, a.validation().verdict(), c + ": " + a.validation().reasons());
      TRUTH.put(c.name(), a);
      java.util.Set<String> ahead = new java.util.HashSet<>();
      for (Assessment x : analysis.assessments()) {
        if (isCase(x, c)) break;
        ahead.add(key(x));
      }
      AHEAD.put(c.name(), ahead);
    }
    return a;
  }

  static boolean isCase(Assessment a, Case c) {
    Hypothesis h = a.hypothesis();
    return h.pattern().equals(c.pattern()) && h.subject().equals(c.subject()) && h.cause() != null
        && fileName(h.cause()).equals(c.causeFile()) && h.cause().line() == c.causeLine();
  }

  /** A hypothesis told apart across analyses of copies of one bundle: pattern, subject and cause record. */
  static String key(Assessment a) {
    Hypothesis h = a.hypothesis();
    return h.pattern() + " " + h.subject() + " " + (h.cause() == null ? "" : fileName(h.cause()) + ":" + h.cause().line());
  }

  static String fileName(SourceRef ref) {
    return Path.of(ref.file()).getFileName().toString();
  }

  /** What a perturbation did: the candidate it made suspect, and the claim to put to the perturbed incident. */
  record Perturbed(String suspectFile, int suspectLine, String suspectSubject, Hypothesis.Builder claim, boolean trueFirst) {}

  interface Perturbation {
    /** Edits the bundle copy in {@code dir}; null when it does not apply to this incident (then the test says why). */
    Perturbed apply(Case c, Assessment truth, Path dir) throws Exception;
  }

  @TestFactory
  Stream<DynamicTest> causeMovedAfterTheSymptoms() throws Exception {
    return run("cause moved after the symptoms", ValidatorMutationTest::moveAfter, true);
  }

  @TestFactory
  Stream<DynamicTest> causeMovedToAnotherEntity() throws Exception {
    return run("cause moved to another entity", ValidatorMutationTest::moveElsewhere, false);
  }

  @TestFactory
  Stream<DynamicTest> decoyCandidateAdded() throws Exception {
    return run("decoy candidate added", ValidatorMutationTest::decoy, false);
  }

  @TestFactory
  Stream<DynamicTest> symptomsRemoved() throws Exception {
    return run("symptoms removed", ValidatorMutationTest::removeSymptoms, false);
  }

  @TestFactory
  Stream<DynamicTest> symptomsRemovedButOne() throws Exception {
    return run("symptoms removed but the first", (c, truth, dir) -> removeSymptoms(c, truth, dir, true), false);
  }

  @TestFactory
  Stream<DynamicTest> rivalOfTheSameShapeAdded() throws Exception {
    return run("rival of the same shape added", ValidatorMutationTest::rival, false);
  }

  private Stream<DynamicTest> run(String kind, Perturbation p, boolean reasonsSayWhatCameFirst) throws Exception {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
      Assessment truth = truth(c);
      CsvTable.onACopy(c.source(), dir -> {
        Perturbed x = p.apply(c, truth, dir);
        Analysis a = TestAnalysis.analyze(dir);
        for (Assessment y : a.assessments()) {
          SourceRef cause = y.hypothesis().cause();
          boolean sameCause = cause != null && fileName(cause).equals(x.suspectFile()) && cause.line() == x.suspectLine();
          boolean sameSubject = x.suspectSubject() == null || y.hypothesis().subject().equals(x.suspectSubject());
          boolean suspect = x.suspectFile() == null ? sameSubject : sameCause && sameSubject;
          assertFalse(suspect && y.validation().verdict() == Verdict.CONFIRMED,
              kind + ": " + y.hypothesis() + " confirmed: " + y.validation().summary());
        }
        if (x.trueFirst()) {
          // first, or (an incident with two causes) behind only what ranked above it unperturbed
          assertFalse(a.assessments().isEmpty(), kind + ": no hypothesis left");
          List<Assessment> before = new ArrayList<>();
          for (Assessment y : a.assessments()) {
            if (isCase(y, c)) break;
            before.add(y);
          }
          boolean stays = before.size() < a.assessments().size() && before.stream().allMatch(y -> AHEAD.get(c.name()).contains(key(y)));
          assertTrue(stays, kind + ": the true cause is no longer first: " + String.join("\n", a.assessments().stream()
              .map(y -> y.hypothesis() + " " + y.validation().verdict().word() + " " + y.confidence() + " " + y.validation().reasons()).toList()));
        }
        if (x.claim() != null) {
          World world = TestAnalysis.world(dir);
          Hypothesis claim = resolve(x.claim(), world, dir);
          Assessment judged = TestAnalysis.validate(world, claim);
          assertNotEquals(Verdict.CONFIRMED, judged.validation().verdict(),
              kind + ": " + claim + " still confirmed when put to the perturbed incident: " + judged.validation().summary());
          assertFalse(judged.validation().reasons().isEmpty(), kind + ": a verdict short of confirmed says why");
          if (reasonsSayWhatCameFirst && judged.validation().verdict() != Verdict.NOT_SIMULATED) {
            assertTrue(judged.validation().reasons().stream().anyMatch(r -> r.contains("before the cause")
                    || r.contains("nothing the replay predicts") || r.contains("no better than no cause")),
                kind + ": the reasons say what came first: " + judged.validation().reasons());
          }
        }
      });
    }));
  }

  // ---------------------------------------------------------------- the perturbations, per pattern

  /** Moves the cause (or, for a cause without a time, what sets it off) after the last symptom it explained. */
  static Perturbed moveAfter(Case c, Assessment truth, Path dir) throws Exception {
    Instant causeAt = truth.validation().scorecard().causeAt();
    Instant last = truth.validation().explained().stream().map(Symptom::onset).max(Comparator.naturalOrder()).orElseThrow();
    Duration by = Duration.between(causeAt, last).plusMinutes(10);
    Hypothesis h = truth.hypothesis();
    switch (c.pattern()) {
      case "fault-localisation" -> CauseTimes.holdBaselineUntil(dir, c.causeFile(), c.causeLine(), last.plus(Duration.ofMinutes(10)));
      case "missing-exit" -> CsvTable.read(dir.resolve(c.causeFile())).shiftWithPeers(c.causeLine(), by, "device", "session");
      case "single-site-dependency" -> {
        // The fire and every power event of the same failure domain (named by site, hall or building).
        World world = TestAnalysis.world(dir);
        CsvTable t = CsvTable.read(dir.resolve("events.csv"));
        // past the symptoms from the trigger, not only from the loss: a cooling failure's items stop later
        Instant trigger = h.trigger() == null ? null : t.time(t.atLine(h.trigger().line()));
        Duration shift = trigger == null ? by : java.util.Collections.max(List.of(by, Duration.between(trigger, last).plusMinutes(10)));
        for (String[] r : t.where(r -> (SiteEvents.saysLoss(t.get(r, "type")) || SiteEvents.saysRestored(t.get(r, "type")))
            && world.siteOf(t.get(r, "entity")).equals(h.site()))) {
          t.shift(r, shift);
        }
        t.write();
      }
      case "recursive-key-generator" -> {
        CsvTable t = eventsOrNew(dir);
        String rule = h.detail("rule");
        List<String[]> deploys = t.where(r -> t.get(r, "type").equals("rule.deploy") && t.get(r, "entity").equals(rule));
        for (String[] r : deploys) t.setTime(r, last.plus(Duration.ofMinutes(10)));
        // live only by its requests (no deploy logged): the logs now say it was deployed after the symptoms
        if (deploys.isEmpty()) t.append("timestamp=" + last.plus(Duration.ofMinutes(10)), "source=deploy", "type=rule.deploy", "entity=" + rule);
        t.write();
      }
      default -> { // a timed cause row: an ops command, an expiry event
        CsvTable t = CsvTable.read(dir.resolve(c.causeFile()));
        t.shift(t.atLine(c.causeLine()), by);
        // a roll-out moves whole: its other steps left before the symptoms would still be the roll-out
        CauseTimes.shiftSteps(h, t, c.causeFile(), by);
        t.write();
      }
    }
    return new Perturbed(c.causeFile(), c.causeLine(), null, claim(h), false);
  }

  /** Moves the cause to another entity the symptoms do not point at. */
  static Perturbed moveElsewhere(Case c, Assessment truth, Path dir) throws Exception {
    Hypothesis h = truth.hypothesis();
    switch (c.pattern()) {
      case "fault-localisation" -> { // the root claimed to be the dependent that showed trouble last
        String victim = FaultLocalisationPerturbations.lastVictim(truth);
        return new Perturbed(null, -1, victim, claim(h, victim), false);
      }
      case "missing-exit" -> {
        String other = laterRouter(truth, dir, h.subject());
        CsvTable t = CsvTable.read(dir.resolve(c.causeFile()));
        String[] row = t.atLine(c.causeLine());
        String session = t.get(row, "session");
        String device = t.get(row, "device");
        for (String[] r : t.where(r -> t.get(r, "device").equals(device) && t.get(r, "session").equals(session))) t.set(r, "device", other);
        t.write();
        delayFirstSurge(truth, dir, other, h.subject());
        return new Perturbed(c.causeFile(), c.causeLine(), other, claim(h, other), false);
      }
      case "typo-scoped-shutdown" -> {
        // The command hits a pool nothing depends on: the hosts it resolved now serve that pool (their
        // services get replacements, keeping full capacity) and a service it names is that pool.
        CommandScope scope = h.causeFact(CommandScope.class).orElseThrow();
        CsvTable inv = CsvTable.read(dir.resolve("inventory.csv"));
        if (scope.selector().isEmpty() && inv.rows().stream().map(r -> inv.get(r, "entity")).allMatch(scope.hosts()::contains)) {
          // a command typed with no selector, over every node by the tool's default, reaches any replacement too:
          // there is no elsewhere to move it to (a glob that happens to match every host still names them)
          System.out.println(c + ": cause moved to another entity: not done: no selector typed, its scope is every host of the inventory");
          return new Perturbed("", -1, null, null, false);
        }
        for (String[] r : new ArrayList<>(inv.rows())) {
          if (!scope.hosts().contains(inv.get(r, "entity"))) continue;
          String[] copy = r.clone();
          // named with a prefix, so a glob of the real hosts (`bb-*`) does not reach the replacements
          copy[inv.column("entity")] = "n-" + inv.get(r, "entity");
          // Replacements carry no role, tag or cluster, so a selector by attribute misses them as it
          // would miss freshly provisioned hosts.
          for (String attribute : List.of("role", "tags", "cluster")) {
            if (inv.hasColumn(attribute)) copy[inv.column(attribute)] = "";
          }
          inv.appendCopy(copy);
          inv.set(r, "service", "spare-" + inv.get(r, "service"));
        }
        inv.write();
        CsvTable ops = CsvTable.read(dir.resolve(c.causeFile()));
        String[] row = ops.atLine(c.causeLine());
        String command = ops.get(row, "command");
        for (String service : scope.services().keySet()) {
          command = command.replaceAll("(?<![\\w.-])" + java.util.regex.Pattern.quote(service) + "(?![\\w.-])", "spare-" + service);
        }
        ops.set(row, "command", command);
        ops.write();
        return new Perturbed(c.causeFile(), c.causeLine(), null, claim(h), false);
      }
      case "single-site-dependency" -> {
        CsvTable inv = CsvTable.read(dir.resolve("inventory.csv"));
        String site = h.site();
        String other = inv.rows().stream().map(r -> inv.get(r, "site")).filter(s -> !s.equals(site)).findFirst()
            .orElse(site + "-elsewhere");
        for (String[] r : inv.where(r -> inv.get(r, "service").equals(h.subject()) || inv.get(r, "entity").equals(h.subject()))) {
          inv.set(r, "site", other);
          if (inv.hasColumn("location")) inv.set(r, "location", other + " hall");
        }
        inv.write();
        return new Perturbed(c.causeFile(), c.causeLine(), h.subject(), claim(h), false);
      }
      case "recursive-key-generator" -> {
        // The closing row now falls back to a terminating key; a cycle closes elsewhere, reached by no live rule.
        CsvTable kg = CsvTable.read(dir.resolve("key-generators.csv"));
        String terminal = kg.rows().stream().filter(r -> kg.get(r, "kind").equals("ip")).map(r -> kg.get(r, "generator"))
            .findFirst().orElse("");
        kg.set(kg.atLine(c.causeLine()), "parent", terminal);
        kg.write();
        return new Perturbed(c.causeFile(), c.causeLine(), null, claim(h), false);
      }
      default -> { // an expiry on an entity nothing depends on
        CsvTable t = CsvTable.read(dir.resolve(c.causeFile()));
        setSubject(t, t.atLine(c.causeLine()), h.subject(), "legacy-intranet");
        t.write();
        return new Perturbed(c.causeFile(), c.causeLine(), "legacy-intranet",
            claim(h, "legacy-intranet").detail("failed", "legacy-intranet"), false);
      }
    }
  }

  /** Adds a candidate of the pattern's shape that explains nothing the true cause does not. */
  static Perturbed decoy(Case c, Assessment truth, Path dir) throws Exception {
    Hypothesis h = truth.hypothesis();
    switch (c.pattern()) {
      case "fault-localisation" -> { // the root's anomaly copied onto an entity outside the dependency graph
        int line = FaultLocalisationPerturbations.copyRootSeries(dir, c.causeFile(), c.causeLine(), "legacy-batch", Duration.ZERO);
        return new Perturbed(c.causeFile(), line, "legacy-batch", null, true);
      }
      case "missing-exit" -> {
        // A second redistribution line, at the same time, on a router that never surges.
        String router = h.subject() + "-spare";
        addRouterLike(dir, h.subject(), router, true);
        int line = copySession(dir, c, router, "-spare");
        return new Perturbed(c.causeFile(), line, router, null, true);
      }
      case "typo-scoped-shutdown" -> {
        // The same command five minutes earlier, refused by the tool: it never took effect.
        CsvTable t = CsvTable.read(dir.resolve(c.causeFile()));
        String[] copy = t.atLine(c.causeLine()).clone();
        int line = t.appendCopy(copy);
        String[] added = t.atLine(line);
        t.shift(added, Duration.ofMinutes(-5));
        t.set(added, "result", "error: permission denied");
        t.write();
        return new Perturbed(c.causeFile(), line, null, claim(h).cause(new SourceRef(c.causeFile(), line)), true);
      }
      case "single-site-dependency" -> {
        // A component single-sited in the lost site that only one service, already explained, needs.
        List<String> leaves = leaves(truth, dir);
        int line = addComponent(dir, h.site(), "decoy-store", leaves.subList(0, Math.min(1, leaves.size())));
        return new Perturbed("inventory.csv", line, "decoy-store", null, true);
      }
      case "recursive-key-generator" -> {
        // A cycle no live rule reaches: same timing (none), no traffic can enter it.
        int line = addCycle(dir, "orphan_a", "orphan_b", "");
        return new Perturbed("key-generators.csv", line, "orphan_b",
            claim(h, "orphan_b").cause(new SourceRef("key-generators.csv", line)), true);
      }
      default -> { // another certificate expiring at the same moment on something nothing depends on
        CsvTable t = CsvTable.read(dir.resolve(c.causeFile()));
        int line = t.appendCopy(t.atLine(c.causeLine()));
        setSubject(t, t.atLine(line), h.subject(), "legacy-intranet");
        t.write();
        return new Perturbed(c.causeFile(), line, "legacy-intranet", null, true);
      }
    }
  }

  /** Removes what the true cause explained: events no longer say down, metrics stay at their level before. */
  static Perturbed removeSymptoms(Case c, Assessment truth, Path dir) throws Exception {
    return removeSymptoms(c, truth, dir, false);
  }

  /** {@code keepFirst}: every symptom but the first to begin (its entity's trouble kept whole). */
  static Perturbed removeSymptoms(Case c, Assessment truth, Path dir, boolean keepFirst) throws Exception {
    Map<String, CsvTable> tables = new LinkedHashMap<>();
    // what it explained, and the same trouble of those entities seen another way (a host's error ratio
    // beside its failure event)
    List<Symptom> removed = new ArrayList<>(truth.validation().explained());
    removed.addAll(truth.validation().accompanying());
    if (keepFirst) {
      // one symptom explained: all but one is the incident as logged, where the claim stands
      org.junit.jupiter.api.Assumptions.assumeTrue(truth.validation().explained().size() > 1, "it explains one symptom: nothing to remove but it");
      Symptom first = truth.validation().explained().stream().min(Comparator.comparing(Symptom::onset).thenComparing(Symptom::key)).orElseThrow();
      removed.removeIf(x -> x.entity().equals(first.entity()));
    }
    for (Symptom s : removed) {
      String file = fileName(s.evidence());
      CsvTable t = tables.computeIfAbsent(file, f -> {
        try {
          return CsvTable.read(dir.resolve(f));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      if (t.hasColumn("type")) {
        t.set(t.atLine(s.evidence().line()), "type", "log.note");
        // a roll-out's consumers may fail again and again while it progresses: all of that trouble goes
        silenceEpisode(t, truth.hypothesis().detail("steps").isEmpty() ? s
            : new Symptom(s.kind(), s.entity(), s.onset(), s.evidence()));
      } else if (t.hasColumn("metric")) {
        flatten(t, s.evidence().line());
        // the events of the same episode too (a router's CPU pinned, then its poller found it unreachable)
        if (Files.exists(dir.resolve("events.csv"))) {
          silenceEpisode(tables.computeIfAbsent("events.csv", f -> {
            try {
              return CsvTable.read(dir.resolve(f));
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
          }), s);
        }
      } else if (Perturbations.isRequests(t)) {
        Perturbations.answerFailedRequests(t, s);
      }
    }
    Perturbations.flattenSiteFigures(dir, tables, removed);
    for (CsvTable t : tables.values()) t.write();
    return new Perturbed(c.causeFile(), c.causeLine(), null, claim(truth.hypothesis()), false);
  }

  /** Every record of the entity's episode that the observation model reads (a unit that failed, then its host reported down). */
  static void silenceEpisode(CsvTable t, Symptom s) {
    for (String[] r : t.rows()) {
      Instant at = t.time(r);
      if (t.get(r, "entity").equals(s.entity()) && org.hindsight.observe.Observations.readsEventType(t.get(r, "type"))
          && !at.isBefore(s.onset()) && (s.end() == null || at.isBefore(s.end()))) {
        t.set(r, "type", "log.note");
      }
    }
  }

  /** Adds another candidate of the same shape that could explain part of what happened. */
  static Perturbed rival(Case c, Assessment truth, Path dir) throws Exception {
    Hypothesis h = truth.hypothesis();
    switch (c.pattern()) {
      case "fault-localisation" -> { // the same anomaly, a second later, on the dependent that showed trouble last
        String victim = FaultLocalisationPerturbations.lastVictim(truth);
        int line = FaultLocalisationPerturbations.copyRootSeries(dir, c.causeFile(), c.causeLine(), victim, Duration.ofSeconds(1));
        return new Perturbed(c.causeFile(), line, victim, null, true);
      }
      case "missing-exit" -> {
        // The same leaking line on a router of the domain that surged later than the origin.
        String other = laterRouter(truth, dir, h.subject());
        delayFirstSurge(truth, dir, other, h.subject());
        int line = copySession(dir, c, other, "-rival");
        return new Perturbed(c.causeFile(), line, other, null, true);
      }
      case "typo-scoped-shutdown" -> {
        // The operator runs the same command again a quarter of an hour later.
        CsvTable t = CsvTable.read(dir.resolve(c.causeFile()));
        int line = t.appendCopy(t.atLine(c.causeLine()));
        t.shift(t.atLine(line), Duration.ofMinutes(15));
        t.write();
        return new Perturbed(c.causeFile(), line, null, null, true);
      }
      case "single-site-dependency" -> {
        List<String> leaves = leaves(truth, dir);
        int line = addComponent(dir, h.site(), "rival-store", leaves.subList(0, Math.min(2, leaves.size())));
        return new Perturbed("inventory.csv", line, "rival-store", null, true);
      }
      case "recursive-key-generator" -> {
        // A live rule whose chain loops too, but no request carries its trigger.
        int line = addCycle(dir, "rival_entry", "rival_loop", "ddos-rival-rule");
        CsvTable ev = eventsOrNew(dir);
        List<String[]> deploys = ev.where(r -> ev.get(r, "type").equals("rule.deploy"));
        if (deploys.isEmpty()) {
          // no deploy logged (the incident's rules are live by their requests): the rival's deploy at the first request
          CsvTable req = CsvTable.read(dir.resolve("requests.csv"));
          ev.append("timestamp=" + req.time(req.rows().get(0)), "source=deploy", "type=rule.deploy", "entity=ddos-rival-rule");
        } else {
          ev.set(ev.atLine(ev.appendCopy(deploys.get(0))), "entity", "ddos-rival-rule");
        }
        ev.write();
        return new Perturbed("key-generators.csv", line, null,
            claim(h, "rival_loop").cause(new SourceRef("key-generators.csv", line)).detail("rule", "ddos-rival-rule"), true);
      }
      default -> { // an expiry on a service that itself went down downstream of the true cause
        String downstream = truth.validation().explained().stream().map(Symptom::entity).filter(e -> !e.equals(h.subject()))
            .reduce((a, b) -> b).orElse(h.subject());
        CsvTable t = CsvTable.read(dir.resolve(c.causeFile()));
        int line = t.appendCopy(t.atLine(c.causeLine()));
        setSubject(t, t.atLine(line), h.subject(), downstream);
        t.shift(t.atLine(line), Duration.ofSeconds(1));
        t.write();
        return new Perturbed(c.causeFile(), line, downstream, null, true);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Among the routers the true cause explained, one with the device's platform whose surge began last (whose
   * adjacency loss, where no router's route count is logged).
   */
  static String laterRouter(Assessment truth, Path dir, String origin) throws IOException {
    CsvTable inv = CsvTable.read(dir.resolve("inventory.csv"));
    String platform = inv.hasColumn("platform") ? inv.rows().stream().filter(r -> inv.get(r, "entity").equals(origin))
        .map(r -> inv.get(r, "platform")).findFirst().orElse("") : "";
    String kind = truth.validation().explained().stream().anyMatch(s -> s.kind().equals(SymptomKinds.ROUTES_SURGE))
        ? SymptomKinds.ROUTES_SURGE : SymptomKinds.ADJACENCY_DOWN;
    return truth.validation().explained().stream()
        .filter(s -> s.kind().equals(kind) && !s.entity().equals(origin))
        .filter(s -> !inv.hasColumn("platform") || inv.rows().stream().anyMatch(r -> inv.get(r, "entity").equals(s.entity())
            && inv.get(r, "platform").equals(platform)))
        .max(Comparator.comparing(Symptom::onset).thenComparing(Symptom::entity)).map(Symptom::entity).orElseThrow();
  }

  /**
   * Makes {@code router}'s route surge start one sample after the origin's when the logs show both
   * in the same sample, so the moved cause sits on a router that surged later (as in the issue's
   * KT perturbation); a router already later is left as logged.
   */
  static void delayFirstSurge(Assessment truth, Path dir, String router, String origin) throws IOException {
    Symptom mine = null;
    Symptom theirs = null;
    for (Symptom s : truth.validation().explained()) {
      if (!s.kind().equals(SymptomKinds.ROUTES_SURGE)) continue;
      if (s.entity().equals(router)) mine = s;
      if (s.entity().equals(origin)) theirs = s;
    }
    if (mine == null || theirs == null || mine.onsetEarliest().isAfter(theirs.onsetEarliest())) return;
    CsvTable t = CsvTable.read(dir.resolve(fileName(mine.evidence())));
    String[] row = t.atLine(mine.evidence().line());
    String previous = null;
    for (String[] r : t.rows()) {
      if (r == row) break;
      if (t.get(r, "entity").equals(router) && t.get(r, "metric").equals(t.get(row, "metric"))) previous = t.get(r, "value");
    }
    if (previous != null) t.set(row, "value", previous);
    t.write();
  }

  /** Sets a series to its last value before the excursion that starts at {@code line}, from there on. */
  static void flatten(CsvTable t, int line) {
    Perturbations.flattenFrom(t, t.atLine(line));
  }

  /** Copies the cause's session onto another device; returns the copied cause line. */
  static int copySession(Path dir, Case c, String device, String suffix) throws IOException {
    CsvTable t = CsvTable.read(dir.resolve(c.causeFile()));
    String[] cause = t.atLine(c.causeLine());
    String dev = t.get(cause, "device");
    String session = t.get(cause, "session");
    int causeLine = -1;
    for (String[] r : t.where(r -> t.get(r, "device").equals(dev) && t.get(r, "session").equals(session))) {
      String[] copy = r.clone();
      copy[t.column("device")] = device;
      copy[t.column("session")] = session + suffix;
      int line = t.appendCopy(copy);
      if (r == cause) causeLine = line;
    }
    t.write();
    return causeLine;
  }

  /** Adds a router like {@code model}, linked to it, whose route count never moves (when {@code flat}). */
  static void addRouterLike(Path dir, String model, String router, boolean flat) throws IOException {
    CsvTable inv = CsvTable.read(dir.resolve("inventory.csv"));
    String[] row = inv.where(r -> inv.get(r, "entity").equals(model)).get(0).clone();
    row[inv.column("entity")] = router;
    inv.appendCopy(row);
    inv.write();
    CsvTable links = CsvTable.read(dir.resolve("links.csv"));
    String[] link = links.where(r -> links.get(r, "a").equals(model) || links.get(r, "b").equals(model)).get(0).clone();
    link[links.column("a")] = model;
    link[links.column("b")] = router;
    links.appendCopy(link);
    links.write();
    if (!flat || !Files.exists(dir.resolve("metrics.csv"))) return; // no route counts logged: none for it either
    CsvTable m = CsvTable.read(dir.resolve("metrics.csv"));
    String level = null;
    for (String[] r : new ArrayList<>(m.rows())) {
      if (!m.get(r, "entity").equals(model) || !m.get(r, "metric").equals("igp.routes")) continue;
      if (level == null) level = m.get(r, "value");
      String[] copy = r.clone();
      copy[m.column("entity")] = router;
      copy[m.column("value")] = level;
      m.appendCopy(copy);
    }
    m.write();
  }

  /** Services the true cause explained that nothing depends on. */
  static List<String> leaves(Assessment truth, Path dir) throws IOException {
    CsvTable deps = CsvTable.read(dir.resolve("dependencies.csv"));
    List<String> out = new ArrayList<>();
    for (Symptom s : truth.validation().explained()) {
      if (s.entity().equals(truth.hypothesis().subject()) || out.contains(s.entity())) continue;
      if (deps.where(r -> deps.get(r, "depends_on").equals(s.entity())).isEmpty()) out.add(s.entity());
    }
    return out;
  }

  /** A component with one live server in {@code site}, hard-needed by {@code dependents}; returns its inventory line. */
  static int addComponent(Path dir, String site, String component, List<String> dependents) throws IOException {
    CsvTable inv = CsvTable.read(dir.resolve("inventory.csv"));
    List<String> cells = new ArrayList<>(List.of("entity=" + component + "-01", "site=" + site, "service=" + component));
    if (inv.hasColumn("type")) cells.add("type=server");
    int line = inv.append(cells.toArray(String[]::new));
    inv.write();
    CsvTable deps = CsvTable.read(dir.resolve("dependencies.csv"));
    for (String d : dependents) deps.append("service=" + d, "depends_on=" + component, "kind=hard");
    deps.write();
    return line;
  }

  /** Two generators falling back to each other (the first used by {@code rule} when given); returns the second's line. */
  static int addCycle(Path dir, String a, String b, String rule) throws IOException {
    CsvTable kg = CsvTable.read(dir.resolve("key-generators.csv"));
    List<String> first = new ArrayList<>(List.of("generator=" + a, "kind=cookie", "parent=" + b, "rule=" + rule));
    if (kg.hasColumn("validator")) first.add("validator=cookie_v2");
    if (kg.hasColumn("rule_validator") && !rule.isEmpty()) first.add("rule_validator=cookie_v1");
    kg.append(first.toArray(String[]::new));
    List<String> second = new ArrayList<>(List.of("generator=" + b, "kind=cookie", "parent=" + a));
    if (kg.hasColumn("validator")) second.add("validator=cookie_v2");
    int line = kg.append(second.toArray(String[]::new));
    kg.write();
    return line;
  }

  /** The bundle's events.csv, made with the contract's header when the bundle has none (a fixture without events). */
  private static CsvTable eventsOrNew(Path dir) throws IOException {
    Path events = dir.resolve("events.csv");
    if (!Files.exists(events)) Files.writeString(events, "timestamp,source,type,entity,message,severity\n");
    return CsvTable.read(events);
  }
}
