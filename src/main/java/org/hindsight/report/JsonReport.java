package org.hindsight.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.analysis.IncidentTime;
import org.hindsight.engine.Detection;
import org.hindsight.engine.RuleInfo;
import org.hindsight.facts.Evidence;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.SourceRef;
import org.hindsight.ingest.InputStats;
import org.hindsight.simulate.Chart;
import org.hindsight.simulate.Scorecard;
import org.hindsight.simulate.Validator;
import org.hindsight.simulate.Series;
import org.hindsight.observe.Symptom;

/**
 * The machine contract ({@code --format json}): {@code hypotheses} best first, each with
 * {@code pattern, subject, site, confidence, verdict, cause, trigger, evidence}, plus extension
 * fields (rule, validation, replay, findings, unexplained symptoms, input). Field order is fixed
 * and maps are sorted, so the same input gives byte-identical output.
 */
public final class JsonReport {
  /**
   * The version of the JSON shape, published as {@code docs/report.schema.json}: the minor number
   * grows when fields are added, the major number when a field changes meaning or goes away.
   */
  public static final String SCHEMA_VERSION = "2.3";

  /**
   * How many items a list that grows with the logs shows in full; the rest is counted and, for
   * symptoms, referenced by id ({@code scoredSymptoms}), so the report stays linear in what it says.
   */
  static final int LISTED = 10;
  static final int LISTED_CITERS = 3;
  static final int LISTED_ENTITIES = 10;
  static final int LISTED_AFFECTED = 200;
  /**
   * Hypotheses listed with their lists' items; those after them that are set aside (refuted, not
   * simulated) keep every field and count, but list no symptoms and no chart points: an incident
   * with hundreds of candidates would otherwise repeat the same symptoms hundreds of times.
   */
  static final int DETAILED = 20;
  static final int LISTED_TOP = 100;
  /** Symptoms of the logs the top-level symptoms list holds (by onset); symptomCount and symptomKinds count them all. */
  static final int LISTED_SYMPTOMS = 1000;
  /** Timeline moments the JSON lists (the most important, as the Markdown's guard chooses them); timelineOmitted counts the rest. */
  static final int LISTED_TIMELINE = 1000;
  /** Symptoms impact.outside lists (by onset); outsideCount counts them all. */
  static final int LISTED_OUTSIDE = 1000;
  static final int LISTED_PREDICTED = 10;
  /** Points a chart series keeps (evenly spaced, first and last included); pointCount says how many it had. */
  static final int CHART_POINTS = 24;
  /**
   * Scored symptoms {@code scoredSymptoms} lists one by one in any case; above this many it lists
   * only those the report says something about one by one (some hypothesis explains or keeps them,
   * or a list names them) and summarises the rest in {@code scoredSymptomGroups}.
   */
  static final int LISTED_SCORED = 1000;

  /**
   * Ids of the observed symptoms of the report being written ({@code S1}…, in {@code scoredSymptoms}
   * order). Per thread, because the symptom writers below are static helpers called from many places.
   */
  private static final ThreadLocal<Map<Symptom, String>> SYMPTOM_IDS = ThreadLocal.withInitial(Map::of);
  /** The scored symptoms written so far as objects of their own (with their id), per thread as above. */
  private static final ThreadLocal<java.util.Set<Symptom>> WRITTEN = ThreadLocal.withInitial(java.util.HashSet::new);
  static final String TOOL_VERSION = "0.1.0";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private JsonReport() {}

  public static String render(Analysis analysis) {
    return render(analysis, LISTED_SCORED);
  }

  /** The report with {@code listedScored} in place of {@link #LISTED_SCORED} (tests: the caps on a small incident). */
  static String render(Analysis analysis, int listedScored) {
    java.io.StringWriter text = new java.io.StringWriter();
    try {
      write(analysis, text, listedScored);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  /**
   * Streams the report to {@code sink} (flushed, not closed): written field by field and one
   * hypothesis at a time with a {@link JsonGenerator}, never held whole; the bytes are those of
   * {@link #write(JsonNode)} (same pretty printer, one trailing newline).
   */
  public static void write(Analysis analysis, java.io.Writer sink) throws java.io.IOException {
    write(analysis, sink, LISTED_SCORED);
  }

  private static void write(Analysis analysis, java.io.Writer sink, int listedScored) throws java.io.IOException {
    try (JsonGenerator gen = MAPPER.getFactory().createGenerator(sink)) {
      gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      gen.setPrettyPrinter(new DefaultPrettyPrinter());
      write(analysis, gen, listedScored);
    }
    sink.write("\n");
    sink.flush();
  }

  /** Pretty-printed, one trailing newline: the bytes every JSON output of Hindsight is written as. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes a small tree of every value kind the report holds the way {@link #write(Analysis,
   * java.io.Writer)} writes, and throws it away: the mapper's serializers and the generator are
   * then set up (about half of a cold report's CPU on the KT sample). The mapper's settings are not touched.
   */
  static void prepare() {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("text", "t").put("int", 1).put("long", 1L).put("double", 0.5).put("flag", true).putNull("none");
    n.putArray("list").add("t").add(2);
    java.util.Map<String, Object> map = new TreeMap<>();
    map.put("list", List.of("t", 1, 0.5, true));
    map.put("map", new TreeMap<>(Map.of("k", "v")));
    n.set("tree", MAPPER.valueToTree(map));
    try (JsonGenerator gen = MAPPER.getFactory().createGenerator(java.io.Writer.nullWriter())) {
      gen.setPrettyPrinter(new DefaultPrettyPrinter());
      MAPPER.writeTree(gen, n);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The report as a tree (tests, tools that post-process it); {@link #write(Analysis, java.io.Writer)} streams it. */
  public static JsonNode toJson(Analysis analysis) {
    try {
      return MAPPER.readTree(render(analysis));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The report's fields in their fixed order. Each part is built as a small tree and written at
   * once ({@link #emit}), so memory holds one hypothesis or one section, not the report.
   */
  private static void write(Analysis analysis, JsonGenerator gen, int listedScored) throws java.io.IOException {
    Postmortem pm = Postmortem.of(analysis);
    SourceText text = pm.text;
    Times times = pm.times;
    ObjectNode root = MAPPER.createObjectNode();
    List<Symptom> scored = scoredSymptoms(analysis);
    Map<Symptom, String> ids = new HashMap<>();
    for (Symptom s : scored) ids.put(s, "S" + (ids.size() + 1));
    SYMPTOM_IDS.set(ids);
    WRITTEN.set(new java.util.HashSet<>());
    try {
      gen.writeStartObject();
      gen.writeStringField("schemaVersion", SCHEMA_VERSION);
      gen.writeArrayFieldStart("hypotheses");
      // The Markdown's numbering and order (live hypotheses first), so H2 names one hypothesis in every format.
      java.util.Map<Object, String> firstGivenAt = new java.util.HashMap<>();
      for (Assessment a : pm.numbered()) {
        int number = pm.number(a);
        boolean detailed = number <= DETAILED || a.validation().verdict().live();
        MAPPER.writeTree(gen, hypothesis(a, "H" + number, detailed, text, times, firstGivenAt));
      }
      gen.writeEndArray();
      writeRest(analysis, pm, scored, listedScored, gen, root);
    } finally {
      SYMPTOM_IDS.remove();
      WRITTEN.remove();
    }
  }

  private static void writeRest(Analysis analysis, Postmortem pm, List<Symptom> scored, int listedScored, JsonGenerator gen, ObjectNode root)
      throws java.io.IOException {
    SourceText text = pm.text;
    Times times = pm.times;
    ArrayNode findings = root.putArray("findings");
    for (Detection.OfFinding f : analysis.findings()) {
      ObjectNode n = findings.addObject();
      n.put("kind", f.finding().kind());
      n.put("pattern", f.finding().pattern());
      n.put("subject", f.finding().subject());
      n.put("summary", f.finding().summary());
      n.put("priority", Postmortem.priority(f.rule()));
      n.set("rule", rule(f.rule()));
      n.set("evidence", evidence(f.finding().evidence(), text));
    }
    ArrayNode unexplained = root.putArray("unexplained");
    listed(analysis.unexplained(), LISTED_TOP).forEach(s -> unexplained.add(symptom(s, times)));
    root.put("unexplainedCount", analysis.unexplained().size());
    root.set("unexplainedIds", idRanges(analysis.unexplained()));
    // What the hypotheses and the unexplained list name one by one; the lists below (symptoms,
    // impact.outside) list the logs' symptoms by onset whether scored or not, so they do not count.
    java.util.Set<Symptom> named = java.util.Set.copyOf(WRITTEN.get());
    // Every symptom the logs show grows with the logs (97,000 at 10M rows of the bench bundle):
    // the first ones by onset, the count, and the count per kind; scored ones carry their id.
    ArrayNode symptoms = root.putArray("symptoms");
    listed(analysis.symptoms(), LISTED_SYMPTOMS).forEach(s -> symptoms.add(symptom(s, times).put("detail", s.detail())));
    root.put("symptomCount", analysis.symptoms().size());
    Map<String, Integer> perKind = new TreeMap<>();
    for (Symptom s : analysis.symptoms()) perKind.merge(s.kind(), 1, Integer::sum);
    root.set("symptomKinds", MAPPER.valueToTree(perKind));
    root.set("input", input(analysis.input()));
    root.put("zone", analysis.zone().getId());
    // Additions for automation; the fields above are the contract and keep their names.
    emit(gen, root);
    ArrayNode summary = root.putArray("summary");
    pm.summary().forEach(summary::add);
    root.set("impact", impact(pm, times));
    root.set("detection", detection(pm, times));
    ArrayNode resolution = root.putArray("resolution");
    pm.resolution.forEach(m -> resolution.add(moment(m, text, times)));
    root.put("resolutionCount", pm.resolutionCount);
    ArrayNode resolutionGroups = root.putArray("resolutionGroups");
    for (Compaction.MomentGroup g : pm.resolutionRows()) resolutionGroups.add(group(g, times));
    emit(gen, root);
    ArrayNode timeline = root.putArray("timeline");
    List<Postmortem.Moment> moments = pm.timeline.size() <= LISTED_TIMELINE ? pm.timeline : Postmortem.keep(pm.timeline, LISTED_TIMELINE);
    moments.forEach(m -> timeline.add(moment(m, text, times)));
    root.put("timelineOmitted", pm.timelineOmitted + pm.timeline.size() - moments.size());
    ArrayNode actions = root.putArray("actionItems");
    for (Postmortem.Action a : pm.actions) {
      ObjectNode n = actions.addObject();
      n.put("action", a.text());
      n.put("priority", a.priority());
      ArrayNode src = n.putArray("rules");
      a.sources().forEach(src::add);
      n.put("conditional", a.conditional());
      ArrayNode about = n.putArray("about");
      a.about().forEach(about::add);
    }
    ArrayNode lessons = root.putArray("lessons");
    for (Postmortem.Lesson l : pm.lessons) {
      ObjectNode n = lessons.addObject();
      n.put("kind", l.kind());
      n.put("text", l.text());
      ArrayNode refs = n.putArray("records");
      l.refs().forEach(r -> refs.add(ref(r)));
    }
    ArrayNode incidents = root.putArray("referenceIncidents");
    for (Postmortem.ReferenceIncident r : pm.referenceIncidents) {
      ObjectNode n = incidents.addObject();
      n.put("rule", r.ruleId());
      n.put("title", r.title());
      n.put("notes", r.notes());
      n.put("page", r.page());
      n.put("url", r.url());
    }
    emit(gen, root);
    ArrayNode cited = root.putArray("citedRecords");
    for (Postmortem.Cited c : pm.evidence) {
      ObjectNode n = cited.addObject();
      n.put("file", c.ref().file());
      n.put("line", c.ref().line());
      n.put("text", c.text());
      ArrayNode by = n.putArray("citedBy");
      listed(c.citedBy(), LISTED_CITERS).forEach(by::add);
      if (c.citedBy().size() > LISTED_CITERS) n.put("citedByCount", c.citedBy().size());
    }
    emit(gen, root);
    ArrayNode all = root.putArray("scoredSymptoms");
    Map<Symptom, List<String>> explainedBy = new HashMap<>();
    java.util.Set<Symptom> kept = new java.util.HashSet<>();
    for (Assessment a : pm.numbered()) {
      String id = "H" + pm.number(a);
      for (Symptom s : a.validation().explained()) explainedBy.computeIfAbsent(s, k -> new ArrayList<>()).add(id);
      kept.addAll(a.validation().persisting());
    }
    // Thousands of symptoms no hypothesis explains (every one, when none is live) say together what
    // one group per kind and service says: listed one by one, they made half of a 10M-row report.
    List<Symptom> grouped = new ArrayList<>();
    for (Symptom s : scored) {
      if (scored.size() > listedScored && !explainedBy.containsKey(s) && !kept.contains(s) && !named.contains(s)) {
        grouped.add(s);
        continue;
      }
      ObjectNode n = symptom(s, times);
      ArrayNode by = n.putArray("explainedBy");
      explainedBy.getOrDefault(s, List.of()).forEach(by::add);
      all.add(n);
    }
    emit(gen, root);
    ArrayNode groups = root.putArray("scoredSymptomGroups");
    for (Compaction.SymptomGroup g : Compaction.symptoms(grouped, pm::serviceOf)) groups.add(symptomGroup(g, times));
    emit(gen, root);
    gen.writeEndObject();
  }

  /** Writes the fields built so far into the open object and forgets them. */
  private static void emit(JsonGenerator gen, ObjectNode fields) throws java.io.IOException {
    for (var it = fields.fields(); it.hasNext();) {
      var e = it.next();
      gen.writeFieldName(e.getKey());
      MAPPER.writeTree(gen, e.getValue());
    }
    fields.removeAll();
  }

  private static ObjectNode hypothesis(Assessment a, String id, boolean detailed, SourceText text, Times times,
      java.util.Map<Object, String> firstGivenAt) {
    int listed = detailed ? LISTED : 0;
    Hypothesis h = a.hypothesis();
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", id);
    n.put("pattern", h.pattern());
    n.put("subject", h.subject());
    if (h.site().isEmpty()) n.putNull("site");
    else n.put("site", h.site());
    n.put("confidence", a.confidence());
    n.put("verdict", a.validation().verdict().word());
    n.set("cause", ref(h.cause()));
    n.set("trigger", ref(h.trigger()));
    n.set("evidence", evidence(h.evidence(), text));
    n.put("ruleConfidence", h.confidence());
    // only on a second-period claim (schema 2.3): a change made after the first symptom that made the incident worse
    if (h.worsens()) {
      ObjectNode w = n.putObject("worsens");
      java.time.Instant from = Postmortem.worsensFrom(a);
      w.put("from", from == null ? h.detail("worsens") : times.format(from));
      w.set("record", h.evidence().isEmpty() ? null : ref(h.evidence().get(0).ref()));
      w.put("why", h.detail("worsensWhy"));
    }
    // A set-aside hypothesis names a rule an earlier hypothesis gave in full by where it is and which
    // hypothesis has the rest (a rule's texts repeated 200 times made a fifth of a 10M report); its
    // verdict's explanation and its replay's calibration, the same sentences for every claim of a
    // kind, likewise (firstGivenAt: what was given in full, by which hypothesis).
    String sameAs = a.rule() == null ? null : firstGivenAt.putIfAbsent(a.rule(), id);
    n.set("rule", detailed || sameAs == null ? rule(a.rule()) : ruleSameAs(a.rule(), sameAs));
    ObjectNode details = n.putObject("details");
    h.details().forEach(details::put);
    ObjectNode v = n.putObject("validation");
    v.put("reproduction", a.validation().reproduction());
    v.put("counterfactual", a.validation().counterfactual());
    v.put("summary", a.validation().summary());
    String explanation = Postmortem.verdictMeaning(a);
    String explanationAt = firstGivenAt.putIfAbsent("explanation\n" + explanation, id);
    if (detailed || explanationAt == null) v.put("explanation", explanation);
    else {
      v.putNull("explanation");
      v.put("explanationSameAs", explanationAt);
    }
    // Set-aside hypotheses after the DETAILED-th list no symptoms, only counts and ids.
    int all = detailed ? Integer.MAX_VALUE : 0;
    ArrayNode explained = v.putArray("explained");
    listed(a.validation().explained(), all).forEach(s -> explained.add(symptom(s, times)));
    v.put("explainedCount", a.validation().explained().size());
    v.set("explainedIds", idRanges(a.validation().explained()));
    ArrayNode unexplained = v.putArray("unexplained");
    listed(a.validation().unexplained(), listed).forEach(s -> unexplained.add(symptom(s, times)));
    v.put("unexplainedCount", a.validation().unexplained().size());
    v.set("unexplainedIds", idRanges(a.validation().unexplained()));
    ArrayNode persisting = v.putArray("persistingWithoutCause");
    listed(a.validation().persisting(), all).forEach(s -> persisting.add(symptom(s, times)));
    v.put("persistingWithoutCauseCount", a.validation().persisting().size());
    v.set("persistingWithoutCauseIds", idRanges(a.validation().persisting()));
    ArrayNode reasons = v.putArray("reasons");
    a.validation().reasons().forEach(reasons::add);
    if (a.validation().scorecard() != null) scores(v, a.validation().scorecard(), detailed ? LISTED : 3, detailed ? Integer.MAX_VALUE : 3, times);
    if (a.replay() != null) {
      ObjectNode r = n.putObject("replay");
      ArrayNode narrative = r.putArray("narrative");
      a.replay().narrative().forEach(narrative::add);
      ArrayNode calibration = r.putArray("calibration");
      String calibrationAt = firstGivenAt.putIfAbsent(a.replay().calibration(), id);
      if (detailed || calibrationAt == null || a.replay().calibration().isEmpty()) a.replay().calibration().forEach(calibration::add);
      else r.put("calibrationSameAs", calibrationAt);
      ArrayNode with = r.putArray("predictedWithCause");
      listed(a.replay().withCause(), detailed ? LISTED_PREDICTED : 0).forEach(s -> with.add(symptom(s, times)));
      r.put("predictedWithCauseCount", a.replay().withCause().size());
      ArrayNode without = r.putArray("predictedWithoutCause");
      listed(a.replay().withoutCause(), detailed ? LISTED_PREDICTED : 0).forEach(s -> without.add(symptom(s, times)));
      r.put("predictedWithoutCauseCount", a.replay().withoutCause().size());
      r.set("details", MAPPER.valueToTree(new TreeMap<>(a.replay().details())));
      ArrayNode charts = r.putArray("charts");
      for (Chart c : a.replay().charts()) charts.add(chart(c, detailed ? CHART_POINTS : 0, times));
    } else {
      n.putNull("replay");
    }
    return n;
  }

  /** The arithmetic of the verdict (docs/validation.md): scores of every model, per-symptom terms, rivals. */
  private static void scores(ObjectNode v, Scorecard c, int rivalsListed, int termsListed, Times times) {
    ObjectNode s = v.putObject("scores");
    s.put("hypothesis", c.score());
    s.put("nullModel", c.nullScore());
    s.put("counterfactual", c.counterfactualScore());
    s.put("asLogged", c.asLoggedScore());
    s.put("contribution", c.contribution());
    s.put("margin", c.margin());
    s.put("orderPenalty", c.orderPenalty());
    number(s, "orderAgreement", c.orderAgreement());
    putTime(s, "causeAt", c.causeAt(), times);
    putTime(s, "windowFrom", c.from(), times);
    putTime(s, "windowTo", c.to(), times);
    s.put("windowSeconds", java.time.Duration.between(c.from(), c.to()).toMillis() / 1000.0);
    s.put("timingScaleSeconds", c.timingScaleSeconds());
    s.put("detection", Validator.DETECTION);
    s.put("recoveryDetection", Validator.RECOVERY_DETECTION);
    s.put("backgroundPerHour", Validator.BACKGROUND_PER_HOUR);
    s.put("shapePrior", Validator.SHAPE_PRIOR);
    ArrayNode terms = v.putArray("terms");
    v.put("termCount", c.terms().size());
    for (Scorecard.Term t : listed(c.terms(), termsListed)) {
      ObjectNode n = terms.addObject();
      if (t.predicted() == null) n.putNull("predicted");
      else n.set("predicted", symptom(t.predicted(), times));
      n.put("outcome", t.outcome());
      if (t.observed() == null) n.putNull("observed");
      else n.set("observed", symptom(t.observed(), times));
      number(n, "onsetErrorSeconds", t.onsetErrorSeconds());
      n.put("onsetTerm", t.onsetTerm());
      number(n, "endErrorSeconds", t.endErrorSeconds());
      n.put("endTerm", t.endTerm());
    }
    ArrayNode rivals = v.putArray("rivals");
    v.put("rivalCount", c.rivals().size());
    for (Scorecard.RivalScore r : closestRivals(c.rivals(), rivalsListed)) {
      ObjectNode n = rivals.addObject();
      n.put("label", r.label());
      n.put("origin", r.origin());
      n.set("cause", ref(r.cause()));
      n.put("score", r.score());
      n.put("explained", r.explained());
      n.put("priorLogOdds", r.priorLogOdds());
      n.put("logOdds", r.logOdds());
      n.put("competes", r.competes());
      n.put("exclusive", r.exclusive());
    }
  }

  private static void number(ObjectNode n, String field, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) n.putNull(field);
    else n.put(field, v);
  }

  private static ObjectNode chart(Chart c, int points, Times times) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("title", c.title());
    n.put("unit", c.unit());
    ArrayNode series = n.putArray("series");
    for (Series s : c.series()) {
      ObjectNode sn = series.addObject();
      sn.put("name", s.name());
      sn.put("role", s.role());
      ArrayNode pts = sn.putArray("points");
      sn.put("pointCount", s.points().size());
      for (Series.Point p : sampled(s.points(), points)) {
        ArrayNode pair = pts.addArray();
        pair.add(times.format(java.time.Instant.ofEpochMilli(p.millis())));
        pair.add(p.value());
      }
    }
    return n;
  }

  static JsonNode ref(SourceRef r) {
    if (r == null) return MAPPER.nullNode();
    ObjectNode n = MAPPER.createObjectNode();
    n.put("file", r.file());
    n.put("line", r.line());
    return n;
  }

  private static ArrayNode evidence(List<Evidence> evidence, SourceText text) {
    ArrayNode arr = MAPPER.createArrayNode();
    for (Evidence e : evidence) {
      ObjectNode n = arr.addObject();
      n.put("file", e.ref().file());
      n.put("line", e.ref().line());
      n.put("text", text.get(e.ref()));
      if (!e.note().isEmpty()) n.put("note", e.note());
    }
    return arr;
  }

  /** A rule given in full at hypothesis {@code sameAs}: its id, file and line, where to read the rest. */
  private static JsonNode ruleSameAs(RuleInfo r, String sameAs) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", r.id());
    n.put("file", r.file());
    n.put("line", r.line());
    n.put("sameAs", sameAs);
    return n;
  }

  private static JsonNode rule(RuleInfo r) {
    if (r == null) return MAPPER.nullNode();
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", r.id());
    n.put("name", r.name());
    n.put("title", r.title());
    n.put("severity", r.severity());
    ArrayNode refs = n.putArray("references");
    r.references().forEach(refs::add);
    n.put("remediation", r.remediation());
    if (!r.notes().isEmpty()) n.put("notes", r.notes());
    RulePages.pageOf(r).ifPresent(p -> n.put("page", p.toString().replace('\\', '/')));
    n.put("file", r.file());
    n.put("line", r.line());
    return n;
  }

  private static ObjectNode moment(Postmortem.Moment m, SourceText text, Times times) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("time", times.format(m.time()));
    n.put("file", m.ref().file());
    n.put("line", m.ref().line());
    n.put("text", text.get(m.ref()));
    n.put("what", m.what());
    n.put("category", m.category());
    n.put("kind", m.kind());
    n.put("entity", m.entity());
    return n;
  }

  private static ObjectNode impact(Postmortem pm, Times times) {
    Postmortem.Impact im = pm.impact;
    ObjectNode n = MAPPER.createObjectNode();
    putTime(n, "onset", im.onset(), times);
    n.set("onsetRecord", ref(im.onsetRef()));
    putTime(n, "recovered", im.recovered(), times);
    n.set("recoveredRecord", ref(im.recoveredRef()));
    if (im.duration() == null) n.putNull("durationSeconds");
    else n.put("durationSeconds", im.duration().toMillis() / 1000.0);
    ArrayNode services = n.putArray("services");
    im.services().forEach(services::add);
    ArrayNode sites = n.putArray("sites");
    im.sites().forEach(sites::add);
    ArrayNode unrecovered = n.putArray("unrecovered");
    im.unrecovered().forEach(unrecovered::add);
    IncidentTime t = im.time();
    n.put("basis", t.basis());
    if (t.explainedBy() == null) n.putNull("explainedBy");
    else n.put("explainedBy", "H" + pm.number(t.explainedBy()));
    ArrayNode also = n.putArray("alsoExplainedBy");
    for (Assessment a : t.alsoExplainedBy()) also.add("H" + pm.number(a));
    ArrayNode separately = n.putArray("separately");
    for (Assessment a : t.separately()) separately.add("H" + pm.number(a));
    n.put("recoveryTier", t.recoveryTier());
    putTime(n, "allClear", t.allClear(), times);
    n.set("allClearRecord", ref(t.allClearRef()));
    ArrayNode outside = n.putArray("outside");
    n.put("outsideCount", t.outside().size());
    for (IncidentTime.Outside o : t.outside()) {
      if (outside.size() >= LISTED_OUTSIDE) break; // with no live hypothesis nearly every symptom is outside
      ObjectNode e = outside.addObject();
      e.put("why", o.why());
      e.set("symptom", symptom(o.symptom(), times));
    }
    IncidentTime.RecoveryGap gap = t.recoveryGap();
    if (gap == null) {
      n.putNull("recoveryGap");
    } else {
      ObjectNode g = n.putObject("recoveryGap");
      g.put("causeAt", times.format(gap.causeAt()));
      g.put("predicted", times.format(gap.predicted()));
      g.put("predictedEntity", gap.predictedEntity());
      g.put("observed", times.format(gap.observed()));
      g.put("observedEntity", gap.observedEntity());
      g.set("observedRecord", ref(gap.observedRef()));
      g.put("gapSeconds", gap.gap().toMillis() / 1000.0);
      ArrayNode priors = g.putArray("priors");
      gap.priors().forEach(priors::add);
      ArrayNode notModelled = g.putArray("notModelled");
      gap.notModelled().forEach(notModelled::add);
    }
    ArrayNode affected = n.putArray("affected");
    n.put("affectedCount", im.affected().size());
    for (Postmortem.Affected a : listed(im.affected(), LISTED_AFFECTED)) {
      ObjectNode e = affected.addObject();
      e.put("entity", a.entity());
      e.put("type", a.type());
      e.put("site", a.site());
      ArrayNode kinds = e.putArray("symptoms");
      a.symptoms().forEach(kinds::add);
      putTime(e, "from", a.from(), times);
      e.set("fromRecord", ref(a.fromRef()));
      putTime(e, "until", a.until(), times);
      e.set("untilRecord", ref(a.untilRef()));
      e.put("untilByMetric", a.untilByMetric());
    }
    ArrayNode peaks = n.putArray("errorRatioPeaks");
    for (Postmortem.Peak p : im.errorPeaks()) {
      ObjectNode e = peaks.addObject();
      e.put("entity", p.entity());
      e.put("metric", p.metric());
      e.put("value", p.value());
      e.put("time", times.format(p.time()));
      e.set("record", ref(p.ref()));
    }
    return n;
  }

  private static ObjectNode detection(Postmortem pm, Times times) {
    Postmortem.Detected d = pm.detection;
    ObjectNode n = MAPPER.createObjectNode();
    putTime(n, "firstSymptom", d.firstSymptom(), times);
    n.set("firstSymptomRecord", ref(d.firstSymptomRef()));
    putTime(n, "declared", d.declared() == null ? null : d.declared().time(), times);
    n.set("declaredRecord", ref(d.declared() == null ? null : d.declared().ref()));
    if (d.delay() == null) n.putNull("delaySeconds");
    else n.put("delaySeconds", d.delay().toMillis() / 1000.0);
    putTime(n, "detected", d.detected() == null ? null : d.detected().time(), times);
    n.set("detectedRecord", ref(d.detected() == null ? null : d.detected().ref()));
    if (d.detectDelay() == null) n.putNull("detectSeconds");
    else n.put("detectSeconds", d.detectDelay().toMillis() / 1000.0);
    putTime(n, "resolved", d.resolved() == null ? null : d.resolved().time(), times);
    n.set("resolvedRecord", ref(d.resolved() == null ? null : d.resolved().ref()));
    return n;
  }

  private static void putTime(ObjectNode n, String field, java.time.Instant t, Times times) {
    if (t == null) n.putNull(field);
    else n.put(field, times.format(t));
  }

  private static ObjectNode symptom(Symptom s, Times times) {
    ObjectNode n = MAPPER.createObjectNode();
    String id = SYMPTOM_IDS.get().get(s);
    if (id != null) {
      n.put("id", id);
      WRITTEN.get().add(s);
    }
    n.put("kind", s.kind());
    n.put("entity", s.entity());
    if (s.onset() == null) n.putNull("onset");
    else n.put("onset", times.format(s.onset()));
    n.set("record", ref(s.evidence()));
    if (s.end() != null) {
      n.put("end", times.format(s.end()));
      if (s.endEvidence() != null) n.set("endRecord", ref(s.endEvidence()));
    }
    if (s.onsetEarliest() != null && s.onset() != null && s.onsetEarliest().isBefore(s.onset())) {
      n.put("onsetEarliest", times.format(s.onsetEarliest()));
    }
    if (s.end() != null && s.endEarliest() != null && s.endEarliest().isBefore(s.end())) n.put("endEarliest", times.format(s.endEarliest()));
    if (!Double.isNaN(s.magnitude())) n.put("magnitude", Math.round(s.magnitude() * 100) / 100.0);
    return n;
  }

  /** The rivals, or when there are more than {@link #LISTED}, those with the lowest log-odds (the closest calls), in their order. */
  private static List<Scorecard.RivalScore> closestRivals(List<Scorecard.RivalScore> rivals, int n) {
    if (rivals.size() <= n) return rivals;
    List<Scorecard.RivalScore> closest = new ArrayList<>(rivals);
    closest.sort(java.util.Comparator.comparingDouble(Scorecard.RivalScore::logOdds));
    java.util.Set<Scorecard.RivalScore> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    kept.addAll(closest.subList(0, n));
    return rivals.stream().filter(kept::contains).toList();
  }

  /** At most {@code n} items spread evenly over the list, its first and last included. */
  static <T> List<T> sampled(List<T> items, int n) {
    if (items.size() <= n) return items;
    if (n < 2) return items.subList(0, n);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(items.get((int) ((long) i * (items.size() - 1) / (n - 1))));
    return out;
  }

  /** The first {@code n} items of a list (the list itself when shorter). */
  private static <T> List<T> listed(List<T> items, int n) {
    return items.size() <= n ? items : items.subList(0, n);
  }

  /**
   * Every observed symptom some replay scored (and those no live hypothesis explains), once, in
   * onset order: the list other fields refer to by id.
   */
  private static List<Symptom> scoredSymptoms(Analysis analysis) {
    java.util.Set<Symptom> all = new java.util.LinkedHashSet<>();
    for (Assessment a : analysis.assessments()) if (a.replay() != null) all.addAll(a.replay().observed());
    all.addAll(analysis.unexplained());
    List<Symptom> out = new ArrayList<>(all);
    out.sort(java.util.Comparator.comparing((Symptom s) -> s.onset() == null ? java.time.Instant.MIN : s.onset())
        .thenComparing(Symptom::key));
    return out;
  }

  /**
   * The ids of these symptoms as runs of consecutive ids ({@code "S4-S120"}, {@code "S122"}): the
   * whole list in a few strings, since a hypothesis leaves most symptoms of its window unexplained.
   */
  private static ArrayNode idRanges(List<Symptom> symptoms) {
    Map<Symptom, String> ids = SYMPTOM_IDS.get();
    int[] numbers = symptoms.stream().map(ids::get).filter(java.util.Objects::nonNull)
        .mapToInt(id -> Integer.parseInt(id.substring(1))).sorted().distinct().toArray();
    ArrayNode out = MAPPER.createArrayNode();
    for (int i = 0; i < numbers.length;) {
      int j = i;
      while (j + 1 < numbers.length && numbers[j + 1] == numbers[j] + 1) j++;
      out.add(i == j ? "S" + numbers[i] : "S" + numbers[i] + "-S" + numbers[j]);
      i = j + 1;
    }
    return out;
  }

  /**
   * Scored symptoms of one kind on the members of one service, which no hypothesis explains or
   * keeps: how many, their ids, when, which entities (the first ones, and how many), the span of
   * their records.
   */
  private static ObjectNode symptomGroup(Compaction.SymptomGroup g, Times times) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", g.kind());
    n.put("service", g.service());
    n.put("count", g.symptoms().size());
    n.set("ids", idRanges(g.symptoms()));
    putTime(n, "firstOnset", g.first(), times);
    putTime(n, "lastOnset", g.last(), times);
    n.put("ended", g.ended());
    List<SourceRef> refs = g.refs();
    n.set("firstRecord", refs.isEmpty() ? MAPPER.nullNode() : ref(refs.get(0)));
    n.set("lastRecord", refs.isEmpty() ? MAPPER.nullNode() : ref(refs.get(refs.size() - 1)));
    List<String> entities = g.entities();
    ArrayNode e = n.putArray("entities");
    listed(entities, LISTED_ENTITIES).forEach(e::add);
    n.put("entityCount", entities.size());
    return n;
  }

  /** A run of alike moments (as the Markdown's rows): how many, of what, when, which records and entities. */
  private static ObjectNode group(Compaction.MomentGroup g, Times times) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("category", g.category());
    n.put("kind", g.kind());
    n.put("count", g.count());
    n.put("from", times.format(g.first().time()));
    n.put("to", times.format(g.last().time()));
    n.set("firstRecord", ref(g.first().ref()));
    n.set("lastRecord", ref(g.last().ref()));
    List<String> entities = g.entities();
    ArrayNode e = n.putArray("entities");
    listed(entities, LISTED_ENTITIES).forEach(e::add);
    n.put("entityCount", entities.size());
    return n;
  }

  private static ObjectNode input(InputStats stats) {
    ObjectNode n = MAPPER.createObjectNode();
    ArrayNode files = n.putArray("files");
    for (InputStats.FileStats f : stats.files()) {
      ObjectNode fn = files.addObject();
      fn.put("file", f.file());
      fn.put("kind", f.kind());
      fn.put("rows", f.rows());
      fn.put("skipped", f.skipped());
      fn.put("repeated", f.repeated());
      if (f.repeatedFrom() > 0) fn.put("repeatedFrom", f.repeatedFrom());
    }
    n.put("rows", stats.rows());
    n.put("skipped", stats.skipped());
    n.put("repeated", stats.repeated());
    ArrayNode problems = n.putArray("skippedProblems");
    stats.skippedProblems().forEach(p -> problems.add(p.toString()));
    if (!stats.clockOffsets().isEmpty()) {
      ArrayNode clocks = n.putArray("clockOffsets");
      for (InputStats.ClockOffset o : stats.clockOffsets()) {
        ObjectNode c = clocks.addObject();
        c.put("file", o.file());
        c.put("against", o.against());
        c.put("offsetSeconds", o.offsetMillis() / 1000.0);
        c.put("agreeing", o.agreeing());
        c.put("matched", o.matched());
        ArrayNode evidence = c.putArray("evidence");
        for (int i = 0; i < o.records().size(); i++) {
          ObjectNode e = evidence.addObject();
          e.set("record", ref(o.records().get(i)));
          e.set("witness", ref(o.witnesses().get(i)));
        }
      }
    }
    return n;
  }
}
