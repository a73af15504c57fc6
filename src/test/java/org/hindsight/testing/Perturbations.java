package org.hindsight.testing;

import static org.hindsight.testing.Claims.fileName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.SourceRef;
import org.hindsight.observe.Observations;
import org.hindsight.observe.Symptom;
import org.hindsight.simulate.Verdict;
import org.hindsight.world.World;

/**
 * The perturbations of an incident's bundle (a copy of it) and what a verdict must then do, shared by
 * the tests that perturb the samples and the packs' fixtures (docs/validation.md, "Perturbations of
 * the samples"): a verdict must say no when the evidence for a cause is taken away, and must not move
 * when only the form of the logs changes. {@code truth} is always the unperturbed run's assessment.
 */
public final class Perturbations {
  private Perturbations() {}

  // ------------------------------------------------------------------------------ what must hold

  /** Pattern and subject: one claim told apart across copies of a bundle. */
  public static boolean same(Hypothesis a, Hypothesis b, UnaryOperator<String> rename) {
    return a.pattern().equals(b.pattern()) && rename.apply(a.subject()).equals(b.subject());
  }

  public static String describe(Analysis a) {
    return String.join("\n", a.assessments().stream().limit(8)
        .map(y -> y.hypothesis() + " " + y.validation().verdict().word() + " " + y.confidence() + " " + y.validation().reasons()).toList());
  }

  /** No hypothesis of the true cause's pattern and subject is confirmed, and the claim put to the copy directly is not either. */
  public static void notConfirmed(String what, Assessment truth, Path dir, Analysis a, Hypothesis.Builder claim) throws Exception {
    notConfirmed(what, truth, dir, a, claim, false);
  }

  /**
   * As above; with {@code byCauseRecord}, a hypothesis of the same pattern and subject counts as the
   * claim only when it cites the claim's cause record (another record of the subject, such as an
   * earlier change of it, may rightly be confirmed once the true one is gone).
   */
  public static void notConfirmed(String what, Assessment truth, Path dir, Analysis a, Hypothesis.Builder claim, boolean byCauseRecord)
      throws Exception {
    SourceRef cause = claim == null ? truth.hypothesis().cause() : claim.build().cause();
    for (Assessment y : a.assessments()) {
      boolean sameRecord = !byCauseRecord || (y.hypothesis().cause() != null && fileName(y.hypothesis().cause()).equals(fileName(cause))
          && y.hypothesis().cause().line() == cause.line());
      assertFalse(same(truth.hypothesis(), y.hypothesis(), s -> s) && sameRecord && y.validation().verdict() == Verdict.CONFIRMED,
          what + ": " + y.hypothesis() + " still confirmed: " + y.validation().reasons());
    }
    if (claim == null) return;
    World world = TestAnalysis.world(dir);
    Hypothesis h = Claims.resolve(claim, world, dir);
    Assessment judged = TestAnalysis.validate(world, h);
    assertNotEquals(Verdict.CONFIRMED, judged.validation().verdict(),
        what + ": the claim put to the perturbed incident is still confirmed: " + judged.validation().reasons());
    assertFalse(judged.validation().reasons().isEmpty(), what + ": a verdict short of confirmed says why");
  }

  /** The same top hypothesis (pattern, subject through {@code rename}), verdict and cause record, explaining as much. */
  public static void sameVerdict(String what, Assessment truth, Analysis a, UnaryOperator<String> rename) {
    assertFalse(a.assessments().isEmpty(), what + ": no hypothesis");
    Assessment top = a.assessments().get(0);
    Hypothesis t = truth.hypothesis();
    assertEquals(t.pattern() + " " + rename.apply(t.subject()) + " " + truth.validation().verdict().word(),
        top.hypothesis().pattern() + " " + top.hypothesis().subject() + " " + top.validation().verdict().word(), what + ":\n" + describe(a));
    assertEquals(fileName(t.cause()) + ":" + t.cause().line(), fileName(top.hypothesis().cause()) + ":" + top.hypothesis().cause().line(),
        what + ": the cause is the same record");
    assertEquals(truth.validation().explained().size(), top.validation().explained().size(), what + ": explains as much");
  }

  /** The decoy (by subject, or by its cause record) is never confirmed; the true cause keeps its place and verdict. */
  public static void decoyNeverConfirmed(Assessment truth, Analysis a, String subject, String file, int line) {
    for (Assessment y : a.assessments()) {
      SourceRef c = y.hypothesis().cause();
      boolean decoy = (subject != null && y.hypothesis().subject().equals(subject))
          || (c != null && fileName(c).equals(file) && c.line() == line);
      assertFalse(decoy && y.validation().verdict() == Verdict.CONFIRMED, "decoy confirmed: " + y.hypothesis() + " " + y.validation().reasons());
    }
    sameVerdict("decoy added", truth, a, s -> s);
  }

  // ------------------------------------------------------------------------------ decoys

  /** An inventory entity of the incident that shows no symptom at all, preferring one whose service is monitored. */
  public static String healthyEntity(Analysis truth, Path dir) throws Exception {
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

  /**
   * An inventory entity that shows no symptom and is unrelated to any that does: neither it nor its
   * service is connected (over {@code dependencies} or {@code links}, either way, transitively) to a
   * sick entity or service. Without one (or without an inventory), a new host of a new service in
   * the inventory, connected to nothing.
   */
  public static String unrelatedHealthyEntity(Analysis truth, Path dir) throws Exception {
    Map<String, Set<String>> graph = new HashMap<>();
    java.util.function.BiConsumer<String, String> edge = (a, b) -> {
      if (a.isEmpty() || b.isEmpty()) return;
      graph.computeIfAbsent(a, k -> new HashSet<>()).add(b);
      graph.computeIfAbsent(b, k -> new HashSet<>()).add(a);
    };
    for (String[] files : new String[][] {{"dependencies.csv", "service", "depends_on"}, {"links.csv", "a", "b"}}) {
      if (!Files.exists(dir.resolve(files[0]))) continue;
      CsvTable t = CsvTable.read(dir.resolve(files[0]));
      if (t.hasColumn(files[1]) && t.hasColumn(files[2])) for (String[] r : t.rows()) edge.accept(t.get(r, files[1]), t.get(r, files[2]));
    }
    Path invFile = dir.resolve("inventory.csv");
    CsvTable inv = Files.exists(invFile) ? CsvTable.read(invFile) : null;
    if (inv != null) {
      for (String[] r : inv.rows()) {
        if (inv.hasColumn("service")) edge.accept(inv.get(r, "entity"), inv.get(r, "service"));
        if (inv.hasColumn("parent")) edge.accept(inv.get(r, "entity"), inv.get(r, "parent"));
      }
    }
    Set<String> reached = new HashSet<>();
    java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>();
    for (Symptom s : truth.symptoms()) if (reached.add(s.entity())) queue.add(s.entity());
    if (truth.assessments().size() > 0 && reached.add(truth.assessments().get(0).hypothesis().subject())) queue.add(truth.assessments().get(0).hypothesis().subject());
    while (!queue.isEmpty()) for (String n : graph.getOrDefault(queue.poll(), Set.of())) if (reached.add(n)) queue.add(n);
    if (inv != null) {
      for (String[] r : inv.rows()) {
        String e = inv.get(r, "entity");
        if (!reached.contains(e) && (!inv.hasColumn("service") || !reached.contains(inv.get(r, "service")))) return e;
      }
      String[] copy = inv.rows().get(0).clone();
      java.util.Arrays.fill(copy, "");
      copy[inv.column("entity")] = "spare-host-1";
      if (inv.hasColumn("type")) copy[inv.column("type")] = "host";
      if (inv.hasColumn("site")) copy[inv.column("site")] = "spare-site"; // outside any site-wide scope
      if (inv.hasColumn("service")) copy[inv.column("service")] = "spare-service";
      inv.appendCopy(copy);
      inv.write();
      return "spare-host-1";
    }
    return "spare-host-1";
  }

  /** Adds a deploy event on {@code entity}; returns its line. */
  public static int addChange(Path dir, String entity, Instant at) throws Exception {
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
  public static void addUpstream(Path dir, Assessment truth, String upstream) throws Exception {
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

  /**
   * A copy of the cause's record pointed at {@code healthy}, appended to the cause's file; returns its
   * line, or -1 when nothing in the record names what it acts on in the inventory's terms (a subnet, a
   * plan, a module): a copy would be the same command again, no decoy on another entity.
   */
  public static int copyCauseOnto(Assessment truth, Path dir, String healthy) throws Exception {
    CsvTable t = CsvTable.read(dir.resolve(fileName(truth.hypothesis().cause())));
    String[] cause = t.atLine(truth.hypothesis().cause().line());
    if (t.hasColumn("metric")) {
      // a metric sample (an anomaly's first): the whole series it belongs to, so that the entity shows the same anomaly
      int copyOfCause = -1;
      for (String[] r : t.where(r -> t.get(r, "entity").equals(t.get(cause, "entity")) && t.get(r, "metric").equals(t.get(cause, "metric")))) {
        int line = t.appendCopy(r);
        t.set(t.atLine(line), "entity", healthy);
        if (r == cause) copyOfCause = line;
      }
      t.write();
      return copyOfCause;
    }
    int line = t.appendCopy(cause);
    String[] copy = t.atLine(line);
    retarget(t, copy, truth.hypothesis(), healthy);
    boolean same = true;
    for (int i = 0; i < copy.length; i++) if (!t.header().get(i).equals("ticket") && !copy[i].equals(cause[i])) same = false;
    if (same) return -1;
    t.write();
    return line;
  }

  /**
   * A twin of the cause on {@code healthy}, acting {@code by} later (earlier when negative): a CLI line's whole session
   * typed again on the healthy device, else {@link #copyCauseOnto} (a metric cause's whole series) with every copied row
   * moved, a {@code changes} row by its time columns. Returns the twin's line in the cause's file, or -1 when the cause
   * names what it acts on in no inventory term (no decoy possible).
   */
  public static int twinOfCause(Assessment truth, Path dir, String healthy, Duration by) throws Exception {
    String file = fileName(truth.hypothesis().cause());
    CsvTable t = CsvTable.read(dir.resolve(file));
    String[] cause = t.atLine(truth.hypothesis().cause().line());
    if (t.hasColumn("device") && t.hasColumn("session")) {
      int line = -1;
      for (String[] r : t.where(r -> t.get(r, "device").equals(t.get(cause, "device")) && t.get(r, "session").equals(t.get(cause, "session")))) {
        int l = t.appendCopy(r);
        String[] copy = t.atLine(l);
        t.set(copy, "device", healthy);
        t.set(copy, "session", t.get(r, "session") + "-twin");
        t.shift(copy, by);
        if (r == cause) line = l;
      }
      t.write();
      return line;
    }
    int rowsBefore = t.rows().size();
    int line = copyCauseOnto(truth, dir, healthy);
    if (line < 0) return -1;
    CsvTable again = CsvTable.read(dir.resolve(file));
    if (again.hasColumn("timestamp")) {
      for (String[] r : again.rows().subList(rowsBefore, again.rows().size())) again.shift(r, by);
    } else {
      // a row of no time (a component, a generator) is a twin as it is
      String[] copy = again.atLine(line);
      List<String> times = new ArrayList<>(org.hindsight.patterns.changecorrelation.ChangeDeriver.TIME_COLUMNS);
      times.addAll(List.of("window_start", "window_end")); // a ticket timed by its window moves with it
      for (String c : times) {
        if (!again.hasColumn(c) || again.get(copy, c).isBlank()) continue;
        again.set(copy, c, OffsetDateTime.parse(again.get(copy, c)).plus(by).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      }
    }
    again.write();
    return line;
  }

  /** Points a copy of the cause's record at {@code entity}. */
  public static void retarget(CsvTable t, String[] row, Hypothesis h, String entity) throws Exception {
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
      String command = String.join(" ", words);
      // a selector that names no host or service word for word ('batch:east', G@role:x): every
      // inventory name and value in it points at the entity instead
      if (command.equals(t.get(row, "command"))) command = namesReplaced(command, t.file().resolveSibling("inventory.csv"), entity);
      t.set(row, "command", command);
      if (t.hasColumn("ticket")) t.set(row, "ticket", "");
      // typed on a host: on the entity
      for (String c : List.of("host", "entity")) if (t.hasColumn(c) && !t.get(row, c).isEmpty()) t.set(row, c, entity);
    } else if (t.hasColumn("ticket") && t.hasColumn("summary")) { // a change ticket: another ticket, for the entity
      t.set(row, "ticket", t.get(row, "ticket") + "-B");
      if (t.hasColumn("service")) t.set(row, "service", entity);
      if (t.hasColumn("scope")) t.set(row, "scope", entity);
      t.set(row, "summary", t.get(row, "summary").replace(h.subject(), entity));
    } else if (t.hasColumn("timestamp") || t.hasColumn("device")) {
      setSubject(t, row, h.subject(), entity);
    } else { // an inventory row: the same component type, one healthy entity's service
      t.set(row, "entity", entity + "-copy");
      if (t.hasColumn("service")) t.set(row, "service", entity);
    }
  }

  /** Points a cause row at another entity: its {@code entity} (or {@code service}, {@code device}) column, else the subject's name in its command. */
  public static void setSubject(CsvTable t, String[] row, String subject, String entity) throws IOException {
    if (t.hasColumn("entity")) t.set(row, "entity", entity);
    else if (t.hasColumn("service")) t.set(row, "service", entity);
    else if (t.hasColumn("device")) t.set(row, "device", entity);
    else if (t.get(row, "command").contains(subject)) {
      t.set(row, "command", t.get(row, "command").replace(subject, entity));
      // a decoy carries out no ticket of the true cause (it would be that ticket's change again)
      if (t.hasColumn("ticket")) t.set(row, "ticket", "");
    } else {
      // A command whose subject it does not name (the service of the items it names, its ticket's
      // service): it names the entity instead of the inventory's names it held, and carries out no ticket.
      t.set(row, "command", namesReplaced(t.get(row, "command"), t.file().resolveSibling("inventory.csv"), entity));
      if (t.hasColumn("ticket")) t.set(row, "ticket", "");
    }
  }

  /** {@code command} with every inventory name, and every value the inventory gives its items, replaced by {@code entity}. */
  static String namesReplaced(String command, Path inventory, String entity) throws IOException {
    if (!Files.exists(inventory)) return command;
    CsvTable inv = CsvTable.read(inventory);
    List<String> names = inv.rows().stream().map(r -> inv.get(r, "entity")).sorted(Comparator.comparing(String::length).reversed()).toList();
    for (String n : names) command = command.replace(n, entity);
    // nor the items it selects by what the inventory says of them (salt's G@role:authoritative)
    for (String[] r : inv.rows()) {
      for (String v : r) {
        if (v.length() >= 3 && !names.contains(v)) {
          command = command.replaceAll("(?<![\\w.-])" + Pattern.quote(v) + "(?![\\w.-])", Matcher.quoteReplacement(entity));
        }
      }
    }
    return command;
  }

  // ------------------------------------------------------------------------------ symptoms removed

  /** What {@link #deleteSymptoms} took away, and the claim (its records' new lines) to put to the copy. */
  public record Deleted(int symptoms, Hypothesis.Builder claim) {}

  /**
   * Deletes the rows of every symptom the true cause explained (and those accompanying them), or every
   * one but the first to begin (and what accompanies it): events of the episode, metric samples of the excursion.
   */
  public static Deleted deleteSymptoms(Assessment truth, Path dir, boolean keepFirst) throws Exception {
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
      Set<String[]> out = deleted.computeIfAbsent(file, f -> Collections.newSetFromMap(new IdentityHashMap<>()));
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
      } else if (isRequests(t)) {
        answerFailedRequests(t, s);
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
    flattenSiteFigures(dir, tables, gone);
    for (Map.Entry<String, CsvTable> e : tables.entrySet()) {
      Set<String[]> out = deleted.getOrDefault(e.getKey(), Set.of());
      e.getValue().rows().removeIf(out::contains);
      e.getValue().write();
    }
    Hypothesis.Builder claim = Claims.claim(h).cause(new SourceRef(causeFile, causeTable.rows().indexOf(causeRow) + 2));
    if (triggerRow != null) {
      CsvTable tt = tables.get(fileName(h.trigger()));
      claim.trigger(new SourceRef(fileName(h.trigger()), tt.rows().indexOf(triggerRow) + 2));
    }
    return new Deleted(gone.size(), claim);
  }

  /** Whether the table is a requests file (a process's failing requests are a symptom: {@code observe.RequestOutcomes}). */
  public static boolean isRequests(CsvTable t) {
    return t.hasColumn("status") && t.hasColumn("process");
  }

  /**
   * The failed requests of the symptom's spell answered instead (status 200): deleting the rows would take the trigger
   * requests, the cause's own evidence, away with them.
   */
  public static void answerFailedRequests(CsvTable t, Symptom s) {
    Instant until = s.end() == null ? Instant.MAX : s.end();
    for (String[] r : t.rows()) {
      Instant when = t.time(r);
      if (t.get(r, "process").equals(s.entity()) && t.get(r, "status").startsWith("5")
          && !when.isBefore(s.onsetEarliest()) && when.isBefore(until)) t.set(r, "status", "200");
    }
  }

  /**
   * A site's own figures are its items' trouble seen another way (the replay predicts a down item's service in the
   * figures of its site where the items do not report): the series of the removed symptoms' sites go flat from the
   * earliest of their onsets (a minute before: the samples are coarser than the events).
   */
  public static void flattenSiteFigures(Path dir, Map<String, CsvTable> tables, List<Symptom> removed) throws IOException {
    if (!Files.exists(dir.resolve("inventory.csv")) || !Files.exists(dir.resolve("metrics.csv"))) return;
    CsvTable inventory = CsvTable.read(dir.resolve("inventory.csv"));
    Map<String, String> siteOf = new HashMap<>();
    for (String[] r : inventory.rows()) siteOf.putIfAbsent(inventory.get(r, "entity"), inventory.get(r, "site"));
    Map<String, Instant> from = new HashMap<>();
    for (Symptom s : removed) {
      String site = siteOf.get(s.entity());
      if (site != null && !site.isEmpty() && !site.equals(s.entity())) from.merge(site, s.onset(), (a, b) -> a.isBefore(b) ? a : b);
    }
    if (from.isEmpty()) return;
    CsvTable metrics = tables.get("metrics.csv");
    if (metrics == null) tables.put("metrics.csv", metrics = CsvTable.read(dir.resolve("metrics.csv")));
    Set<String> flattened = new HashSet<>();
    for (String[] r : metrics.rows()) {
      Instant onset = from.get(metrics.get(r, "entity"));
      if (onset == null || metrics.time(r).isBefore(onset.minus(Duration.ofMinutes(1)))) continue;
      if (flattened.add(metrics.get(r, "entity") + "\u0000" + metrics.get(r, "metric"))) flattenFrom(metrics, r);
    }
  }

  /** Every sample of {@code start}'s series from it on takes the value of the sample before it. */
  public static void flattenFrom(CsvTable t, String[] start) {
    String entity = t.get(start, "entity");
    String metric = t.get(start, "metric");
    String before = null;
    boolean after = false;
    for (String[] r : t.rows()) {
      if (!t.get(r, "entity").equals(entity) || !t.get(r, "metric").equals(metric)) continue;
      if (r == start) after = true;
      if (!after) before = t.get(r, "value");
      else if (before != null) t.set(r, "value", before);
    }
  }

  private static CsvTable read(Path p) {
    try {
      return CsvTable.read(p);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------------------ renamed

  /** Columns whose values are words of the contract (types, kinds, roles, numbers), not names. */
  public static final Set<String> NOT_NAMES = Set.of("timestamp", "type", "metric", "value", "kind", "role", "platform", "protocol",
      "status", "severity", "result", "source", "min_hosts", "max_hosts", "critical", "restart_minutes", "latency_ms",
      "cookies_valid", "cookies_invalid", "duration_ms", "window_start", "window_end", "max_depth", "validator", "rule_validator");
  /** Columns that hold names. */
  public static final Set<String> NAMES = Set.of("entity", "service", "site", "device", "depends_on", "generator", "parent",
      "datacenter", "server", "process", "a", "b", "rule", "location");
  private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

  /** How many name words {@link #renameNames} replaced, and the renaming it applied. */
  public record Renamed(int words, UnaryOperator<String> rename) {}

  /**
   * Every word (letters only, so numbering, ranges and globs keep their meaning) of a name column gets
   * a made-up word, in every column but the contract's words (types, kinds), in every file.
   */
  public static Renamed renameNames(Path dir, long seed) throws Exception {
    List<CsvTable> tables = tables(dir);
    Set<String> reserved = new HashSet<>();
    Set<String> words = new TreeSet<>();
    for (CsvTable t : tables) {
      for (String[] r : t.rows()) {
        for (String c : t.header()) {
          Matcher m = WORD.matcher(t.get(r, c));
          while (m.find()) {
            // by lower case: a site written pdx-04 in one file and PDX-04 in another is one name
            if (NOT_NAMES.contains(c)) reserved.add(m.group().toLowerCase(Locale.ROOT));
            else if (NAMES.contains(c) && m.group().length() >= 2) words.add(m.group().toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    words.removeAll(reserved);
    Map<String, String> to = new HashMap<>();
    Random random = new Random(seed);
    Set<String> used = new HashSet<>(words);
    for (String w : words) {
      String n;
      do {
        n = madeUp(random, Math.max(3, w.length()));
      } while (!used.add(n));
      to.put(w, n);
    }
    UnaryOperator<String> rename = s -> {
      Matcher m = WORD.matcher(s);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        String w = m.group();
        String n = to.get(w.toLowerCase(Locale.ROOT));
        if (n == null) n = w;
        else if (w.equals(w.toUpperCase(Locale.ROOT))) n = n.toUpperCase(Locale.ROOT); // the case it was written in
        else if (Character.isUpperCase(w.charAt(0))) n = Character.toUpperCase(n.charAt(0)) + n.substring(1);
        m.appendReplacement(b, Matcher.quoteReplacement(n));
      }
      m.appendTail(b);
      return b.toString();
    };
    for (CsvTable t : tables) {
      for (String[] r : t.rows()) {
        for (String c : t.header()) if (!NOT_NAMES.contains(c)) t.set(r, c, rename.apply(t.get(r, c)));
      }
      t.write();
    }
    return new Renamed(to.size(), rename);
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

  public static List<CsvTable> tables(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<CsvTable> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) out.add(CsvTable.read(f));
      return out;
    }
  }

  // ------------------------------------------------------------------------------ time and columns

  private static final Pattern ISO = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT.*");

  /** Every ISO-8601 time of every file rewritten by {@code write}. */
  public static void rewriteTimes(Path dir, Function<Instant, String> write) throws Exception {
    for (CsvTable t : tables(dir)) {
      for (String[] r : t.rows()) {
        for (String c : t.header()) {
          String v = t.get(r, c);
          if (ISO.matcher(v).matches()) t.set(r, c, write.apply(OffsetDateTime.parse(v).toInstant()));
        }
      }
      t.write();
    }
  }

  /** Every file written again with a UTF-8 byte-order mark and CRLF line ends (a Windows export). */
  public static void writeWithBomAndCrlf(Path dir) throws Exception {
    for (CsvTable t : tables(dir)) {
      try (Writer w = Files.newBufferedWriter(t.file(), java.nio.charset.StandardCharsets.UTF_8);
          CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").build())) {
        w.write('\uFEFF');
        p.printRecord(t.header());
        for (String[] r : t.rows()) p.printRecord((Object[]) r);
      }
    }
  }

  /** Every file's rows in reverse order (the header stays first); returns each file's row count by name. */
  public static Map<String, Integer> reverseRows(Path dir) throws Exception {
    Map<String, Integer> rows = new HashMap<>();
    for (CsvTable t : tables(dir)) {
      Collections.reverse(t.rows());
      t.write();
      rows.put(t.file().getFileName().toString(), t.rows().size());
    }
    return rows;
  }

  /** Each metric series keeps one sample in {@code every} (its first, then every {@code every}-th): a coarser scrape. */
  public static void thinSeries(Path dir, int every) throws Exception {
    Path metrics = dir.resolve("metrics.csv");
    if (!Files.exists(metrics)) return;
    CsvTable t = CsvTable.read(metrics);
    Map<String, Integer> seen = new HashMap<>();
    t.rows().removeIf(r -> (seen.merge(t.get(r, "entity") + '\u0000' + t.get(r, "metric"), 1, Integer::sum) - 1) % every != 0);
    t.write();
  }

  /** Each metric sample dropped with probability {@code share} (a series' first sample kept): a scrape that missed some. */
  public static void dropSamplesAtRandom(Path dir, double share, long seed) throws Exception {
    Path metrics = dir.resolve("metrics.csv");
    if (!Files.exists(metrics)) return;
    CsvTable t = CsvTable.read(metrics);
    Random random = new Random(seed);
    Set<String> seen = new HashSet<>();
    t.rows().removeIf(r -> !seen.add(t.get(r, "entity") + '\u0000' + t.get(r, "metric")) && random.nextDouble() < share);
    t.write();
  }

  /** Every metric sample written twice, the copy right after it (two scrapers of one target, or an export appended to). */
  public static void duplicateSamples(Path dir) throws Exception {
    Path metrics = dir.resolve("metrics.csv");
    if (!Files.exists(metrics)) return;
    CsvTable t = CsvTable.read(metrics);
    List<String[]> twice = new ArrayList<>();
    for (String[] r : t.rows()) {
      twice.add(r);
      twice.add(r.clone());
    }
    t.rows().clear();
    t.rows().addAll(twice);
    t.write();
  }

  /**
   * Each metric sample stamped up to {@code share} of its series' interval late (an agent scraping late, whole seconds; never
   * early: a sample is stamped when taken, not before what it measured), the order of a series' samples kept: an irregular series.
   */
  public static void jitterSamples(Path dir, double share, long seed) throws Exception {
    Path metrics = dir.resolve("metrics.csv");
    if (!Files.exists(metrics)) return;
    CsvTable t = CsvTable.read(metrics);
    Map<String, List<String[]>> series = new LinkedHashMap<>();
    for (String[] r : t.rows()) series.computeIfAbsent(t.get(r, "entity") + '\u0000' + t.get(r, "metric"), k -> new ArrayList<>()).add(r);
    Random random = new Random(seed);
    for (List<String[]> s : series.values()) {
      s.sort(Comparator.comparing(t::time));
      if (s.size() < 3) continue;
      long step = Duration.between(t.time(s.get(0)), t.time(s.get(s.size() - 1))).getSeconds() / (s.size() - 1);
      long reach = (long) (step * share);
      if (reach < 1) continue;
      for (String[] r : s) t.shift(r, Duration.ofSeconds(random.nextLong(reach + 1)));
    }
    t.write();
  }

  /** Every file's columns in reverse order, with an unknown column ({@code exported_by}) second. */
  public static void reverseColumnsWithAnExtraColumn(Path dir) throws Exception {
    for (CsvTable t : tables(dir)) {
      List<String> cols = new ArrayList<>(t.header());
      Collections.reverse(cols);
      cols.add(1, "exported_by");
      try (Writer w = Files.newBufferedWriter(t.file());
          CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator('\n').build())) {
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

  /**
   * The same rows as another exporter spells them: header names in Title Case with spaces ({@code Depends On}), an
   * accepted line's result {@code Success}, severities as level words ({@code ERR}, {@code WARN}, {@code CRIT}).
   */
  public static void exportersSpellings(Path dir) throws Exception {
    Map<String, String> levels = Map.of("info", "INFO", "warning", "WARN", "error", "ERR", "critical", "CRIT");
    for (CsvTable t : tables(dir)) {
      List<String> cols = t.header();
      try (Writer w = Files.newBufferedWriter(t.file());
          CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator('\n').build())) {
        List<String> spelled = new ArrayList<>();
        for (String c : cols) {
          StringBuilder b = new StringBuilder();
          for (String word : c.split("_")) b.append(b.length() == 0 ? "" : " ").append(word.isEmpty() ? "" : Character.toUpperCase(word.charAt(0)) + word.substring(1));
          spelled.add(b.toString());
        }
        p.printRecord(spelled);
        for (String[] r : t.rows()) {
          List<String> out = new ArrayList<>();
          for (String c : cols) {
            String v = t.get(r, c);
            if (c.equals("result") && v.equalsIgnoreCase("ok")) v = "Success";
            if (c.equals("severity")) v = levels.getOrDefault(v, v);
            out.add(v);
          }
          p.printRecord(out);
        }
      }
    }
  }
}
