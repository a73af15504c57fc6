package org.hindsight.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.engine.Detection;
import org.hindsight.engine.RuleInfo;
import org.hindsight.facts.Evidence;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.SourceRef;

/**
 * The analysis as SARIF 2.1.0 ({@code --format sarif}), the format code-scanning UIs ingest: the
 * rules that spoke as {@code tool.driver.rules} (id, title, help, reference), every hypothesis
 * and finding as a result located at the {@code file:line} of its cause, its evidence as related
 * locations. A confirmed cause is an {@code error}, a plausible or unvalidated one a
 * {@code warning}, a refuted one a {@code note}.
 */
public final class SarifReport {
  public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private SarifReport() {}

  public static String render(Analysis analysis) {
    return JsonReport.write(toJson(analysis));
  }

  public static ObjectNode toJson(Analysis analysis) {
    Postmortem pm = Postmortem.of(analysis);
    var mapper = JsonReport.mapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "Hindsight");
    driver.put("version", JsonReport.TOOL_VERSION);

    Map<String, RuleInfo> rules = new LinkedHashMap<>();
    for (Assessment a : analysis.assessments()) if (a.rule() != null) rules.putIfAbsent(a.rule().id(), a.rule());
    for (Detection.OfFinding f : analysis.findings()) if (f.rule() != null) rules.putIfAbsent(f.rule().id(), f.rule());
    List<String> ruleIds = new ArrayList<>(rules.keySet());
    ArrayNode ruleArray = driver.putArray("rules");
    for (RuleInfo r : rules.values()) ruleArray.add(rule(r));

    ArrayNode results = run.putArray("results");
    for (Assessment a : analysis.assessments()) {
      Hypothesis h = a.hypothesis();
      ObjectNode res = results.addObject();
      ruleRef(res, a.rule(), ruleIds, h.pattern());
      res.put("kind", "fail");
      res.put("level", switch (a.validation().verdict()) {
        case CONFIRMED -> "error";
        case PLAUSIBLE, NOT_SIMULATED -> "warning";
        case REFUTED -> "note";
      });
      res.putObject("message").put("text", "H" + pm.number(a) + ". " + Postmortem.title(a) + ": " + Postmortem.claim(a)
          + (h.site().isEmpty() ? "" : " (site " + h.site() + ")") + ", " + a.validation().verdict().word()
          + " by replay with confidence " + Postmortem.confidence(a.confidence()) + ". " + a.validation().summary() + ".");
      SourceRef where = h.cause() != null ? h.cause() : h.trigger();
      if (where != null) res.putArray("locations").add(location(where, pm, "cause"));
      ArrayNode related = mapper.createArrayNode();
      int id = 1;
      if (h.trigger() != null && !h.trigger().equals(where)) related.add(related(id++, h.trigger(), "trigger", pm));
      for (Evidence e : h.evidence()) related.add(related(id++, e.ref(), e.note().isEmpty() ? "evidence" : e.note(), pm));
      if (!related.isEmpty()) res.set("relatedLocations", related);
      res.putObject("partialFingerprints").put("hindsightClaim/v1", h.pattern() + "|" + h.subject() + "|" + h.site());
      ObjectNode props = res.putObject("properties");
      props.put("pattern", h.pattern());
      props.put("subject", h.subject());
      props.put("site", h.site());
      props.put("verdict", a.validation().verdict().word());
      props.put("confidence", a.confidence());
    }
    for (Detection.OfFinding d : analysis.findings()) {
      ObjectNode res = results.addObject();
      ruleRef(res, d.rule(), ruleIds, d.finding().kind());
      res.put("kind", "fail");
      res.put("level", findingLevel(d));
      res.putObject("message").put("text", d.finding().kind() + (d.finding().subject().isEmpty() ? "" : " (" + d.finding().subject() + ")")
          + ": " + d.finding().summary());
      List<Evidence> ev = d.finding().evidence();
      if (!ev.isEmpty()) {
        res.putArray("locations").add(location(ev.get(0).ref(), pm, d.finding().kind()));
        if (ev.size() > 1) {
          ArrayNode related = res.putArray("relatedLocations");
          for (int i = 1; i < ev.size(); i++) related.add(related(i, ev.get(i).ref(), ev.get(i).note().isEmpty() ? "evidence" : ev.get(i).note(), pm));
        }
      }
      res.putObject("partialFingerprints").put("hindsightFinding/v1", d.finding().kind() + "|" + d.finding().pattern() + "|"
          + d.finding().subject());
      ObjectNode props = res.putObject("properties");
      props.put("kind", d.finding().kind());
      props.put("pattern", d.finding().pattern());
      props.put("subject", d.finding().subject());
      props.put("priority", Postmortem.priority(d.rule()));
    }
    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", true);
    return root;
  }

  private static void ruleRef(ObjectNode res, RuleInfo rule, List<String> ruleIds, String fallback) {
    if (rule != null) {
      res.put("ruleId", rule.id());
      res.put("ruleIndex", ruleIds.indexOf(rule.id()));
    } else {
      res.put("ruleId", fallback);
    }
  }

  private static String findingLevel(Detection.OfFinding d) {
    String p = Postmortem.priority(d.rule());
    return p.equals("P0") || p.equals("P1") ? "error" : d.finding().kind().equals("latent") ? "note" : "warning";
  }

  private static ObjectNode rule(RuleInfo r) {
    ObjectNode n = JsonReport.mapper().createObjectNode();
    n.put("id", r.id());
    n.put("name", ruleName(r.id()));
    n.putObject("shortDescription").put("text", r.title());
    String page = RulePages.pageOf(r).map(Path::toString).orElse("");
    if (!r.notes().isEmpty() || !page.isEmpty()) {
      n.putObject("fullDescription").put("text", (r.notes() + (page.isEmpty() ? "" : " Rule page: " + page)).trim());
    }
    if (!r.remediation().isEmpty()) n.putObject("help").put("text", r.remediation());
    r.references().stream().filter(Html::isSafeUrl).findFirst().ifPresent(u -> n.put("helpUri", u));
    n.putObject("defaultConfiguration").put("level", switch (r.severity().toLowerCase(Locale.ROOT)) {
      case "critical", "error", "high", "major" -> "error";
      case "info", "note", "low" -> "note";
      default -> "warning";
    });
    ObjectNode props = n.putObject("properties");
    props.put("severity", r.severity());
    props.put("definedAt", r.where());
    return n;
  }

  /** SARIF wants rule names in PascalCase-ish identifiers; the id is the stable one. */
  private static String ruleName(String id) {
    return id.replaceAll("[^A-Za-z0-9]+", "");
  }

  private static ObjectNode location(SourceRef ref, Postmortem pm, String what) {
    ObjectNode loc = JsonReport.mapper().createObjectNode();
    ObjectNode phys = loc.putObject("physicalLocation");
    phys.putObject("artifactLocation").put("uri", uri(ref.file()));
    ObjectNode region = phys.putObject("region");
    region.put("startLine", Math.max(1, ref.line()));
    String text = pm.text.get(ref);
    if (!text.isEmpty()) region.putObject("snippet").put("text", text);
    loc.putObject("message").put("text", what);
    return loc;
  }

  private static ObjectNode related(int id, SourceRef ref, String note, Postmortem pm) {
    ObjectNode loc = location(ref, pm, note);
    loc.put("id", id);
    return loc;
  }

  /** A file as a URI reference: relative paths stay relative (forward slashes, percent-encoded), absolute ones become file: URIs. */
  public static String uri(String file) {
    String path = file.replace('\\', '/');
    try {
      if (Path.of(file).isAbsolute()) return Path.of(file).toUri().toString();
      return new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException | RuntimeException e) {
      return path;
    }
  }
}
