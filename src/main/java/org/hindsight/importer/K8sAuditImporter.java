package org.hindsight.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auto.service.AutoService;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * Kubernetes API server audit log (the log backend: one {@code audit.k8s.io} Event a line, or an
 * EventList). Each mutating request an operator made becomes an {@code ops-commands} row holding the
 * {@code kubectl} line it stands for — rebuilt from verb, objectRef and requestObject: a scale
 * subresource or a replicas-only patch is {@code kubectl scale deployments/web --replicas=2 -n shop},
 * a delete {@code kubectl delete pods/web-1 -n shop} (a collection {@code -l app=web} or {@code --all}),
 * a node marked unschedulable {@code kubectl cordon}, or {@code kubectl drain} when the same user then
 * evicts pods; any other patch {@code kubectl patch … -p '…'} — and an {@code events} row
 * ({@code k8s.<resource>.<verb>}, e.g. {@code k8s.pods.evict}; an eviction is only an event). Reads (get, list, watch), requests of
 * the control plane's own users (nodes, controllers) and bookkeeping resources (events, leases,
 * reviews) are not operator actions and are counted as not for the format. One row per request: the
 * ResponseComplete (or Panic) stage when logged, else the earliest.
 */
@AutoService(Importer.class)
public final class K8sAuditImporter implements Importer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> MUTATING = Set.of("create", "update", "patch", "delete", "deletecollection");
  private static final Set<String> BOOKKEEPING = Set.of("events", "leases", "tokenreviews", "subjectaccessreviews",
      "selfsubjectaccessreviews", "selfsubjectrulesreviews", "localsubjectaccessreviews", "componentstatuses");
  private static final Set<String> SCALABLE = Set.of("deployments", "statefulsets", "replicasets", "replicationcontrollers");
  /** Evictions this long after a user cordoned a node make the cordon a drain. */
  private static final Duration DRAIN_WINDOW = Duration.ofMinutes(15);

  @Override
  public String name() {
    return "k8s-audit";
  }

  @Override
  public String summary() {
    return "Kubernetes audit log (JSON lines): mutating requests → ops-commands (the kubectl line) and events";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.OPS_COMMANDS, LogKind.EVENTS);
  }

  private record Request(int line, JsonNode event, Timestamps.Parsed time, String stage) {}

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    Timestamps times = new Timestamps(run.settings().timezone);
    List<Request> requests = new ArrayList<>();
    Map<String, Integer> byAuditId = new HashMap<>();
    Lines.each(source, (n, text) -> {
      JsonNode doc;
      try {
        doc = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        run.problem(source, n, "not a JSON object: " + Tree.describe(e));
        return;
      }
      List<JsonNode> events = new ArrayList<>();
      if ("EventList".equals(doc.path("kind").asText())) doc.path("items").forEach(events::add);
      else events.add(doc);
      for (JsonNode e : events) {
        if (!"Event".equals(e.path("kind").asText()) || !e.path("apiVersion").asText().startsWith("audit.k8s.io/")) {
          run.problem(source, n, "not a Kubernetes audit event (kind Event, apiVersion audit.k8s.io/v1)");
          continue;
        }
        String when = e.path("stageTimestamp").asText(e.path("requestReceivedTimestamp").asText());
        Timestamps.Parsed t;
        try {
          t = times.parse(when.isEmpty() ? "(none)" : when);
        } catch (DateTimeException ex) {
          run.problem(source, n, "stageTimestamp: " + ex.getMessage());
          continue;
        }
        Request r = new Request(n, e, t, e.path("stage").asText());
        String id = e.path("auditID").asText();
        Integer seen = id.isEmpty() ? null : byAuditId.get(id);
        if (seen == null) {
          if (!id.isEmpty()) byAuditId.put(id, requests.size());
          requests.add(r);
        } else {
          // one request, several stages: keep the one that carries the response
          if (isFinal(r.stage) && !isFinal(requests.get(seen).stage)) requests.set(seen, r);
          run.ignored(source);
        }
      }
    });
    List<Request> kept = new ArrayList<>();
    for (Request r : requests) {
      if (operatorAction(r.event)) kept.add(r);
      else run.ignored(source);
    }
    for (int i = 0; i < kept.size(); i++) write(kept.get(i), kept, i, source, run);
  }

  private static boolean isFinal(String stage) {
    return stage.equals("ResponseComplete") || stage.equals("Panic");
  }

  private static boolean operatorAction(JsonNode e) {
    String verb = e.path("verb").asText();
    String user = user(e);
    JsonNode ref = e.path("objectRef");
    return MUTATING.contains(verb) && !BOOKKEEPING.contains(ref.path("resource").asText())
        && !user.startsWith("system:node:") && !user.startsWith("system:kube-") && !user.equals("system:apiserver")
        && !user.startsWith("system:serviceaccount:kube-system:");
  }

  /** The user the request acted as: the impersonated one when there is one. */
  private static String user(JsonNode e) {
    String as = e.path("impersonatedUser").path("username").asText();
    return as.isEmpty() ? e.path("user").path("username").asText() : as;
  }

  private static void write(Request r, List<Request> all, int index, Source source, ImportRun run) {
    JsonNode e = r.event;
    JsonNode ref = e.path("objectRef");
    String verb = e.path("verb").asText();
    String resource = ref.path("resource").asText();
    String sub = ref.path("subresource").asText();
    String name = ref.path("name").asText();
    if (name.isEmpty()) name = e.path("requestObject").path("metadata").path("name").asText();
    String ns = ref.path("namespace").asText();
    String action = sub.equals("eviction") ? "evict" : sub.equals("scale") ? "scale" : verb;
    String time = ImportRun.format(r.time.instant(), r.time.offset());
    int code = e.path("responseStatus").path("code").asInt(0);
    String result;
    if (r.stage.equals("Panic")) {
      result = "panic";
    } else if (code == 0 || code / 100 == 2) {
      result = code == 0 ? "" : "ok"; // no responseStatus: a stage logged before the answer
    } else {
      String reason = e.path("responseStatus").path("reason").asText();
      String message = e.path("responseStatus").path("message").asText();
      result = "HTTP " + code + (reason.isEmpty() ? "" : " " + reason) + (message.isEmpty() ? "" : ": " + message);
    }
    String command = kubectl(e, verb, resource, sub, name, ns, all, index);
    if (command != null) {
      run.row(LogKind.OPS_COMMANDS, source, r.line).set("timestamp", time).set("operator", user(e)).set("command", command)
          .set("result", result).set("audit_id", e.path("auditID").asText()).set("user_agent", e.path("userAgent").asText());
    }
    run.row(LogKind.EVENTS, source, r.line).set("timestamp", time).set("source", "k8s-audit")
        .set("type", "k8s." + (resource.isEmpty() ? "unknown" : resource) + "." + action)
        .set("entity", name).set("message", user(e) + " " + verb + " " + e.path("requestURI").asText() + (code == 0 ? "" : " → " + code))
        .set("severity", code >= 500 || r.stage.equals("Panic") ? "error" : code >= 400 ? "warning" : "info")
        .set("namespace", ns).set("user", user(e));
    run.kept(source);
  }

  /** The kubectl line a request stands for; null for an eviction (only an event). */
  private static String kubectl(JsonNode e, String verb, String resource, String sub, String name, String ns,
      List<Request> all, int index) {
    String where = ns.isEmpty() ? "" : " -n " + ns;
    String target = resource + (name.isEmpty() ? "" : "/" + name);
    JsonNode body = e.path("requestObject");
    if (sub.equals("scale") || (SCALABLE.contains(resource) && verb.equals("patch") && replicasOnly(body))) {
      JsonNode replicas = body.path("spec").path("replicas");
      if (replicas.canConvertToInt()) return "kubectl scale " + target + " --replicas=" + replicas.asInt() + where;
    }
    if (sub.equals("eviction")) return null; // kubectl has no evict verb: drain sends these (an event each)
    if (resource.equals("nodes") && verb.equals("patch") && body.path("spec").has("unschedulable")) {
      if (!body.path("spec").path("unschedulable").asBoolean()) return "kubectl uncordon " + name;
      return (evictionsFollow(e, all, index) ? "kubectl drain " : "kubectl cordon ") + name;
    }
    switch (verb) {
      case "delete", "deletecollection" -> {
        if (!name.isEmpty() && verb.equals("delete")) return "kubectl delete " + target + where;
        String selector = query(e.path("requestURI").asText(), "labelSelector");
        return "kubectl delete " + resource + (selector.isEmpty() ? " --all" : " -l " + shellQuote(selector)) + where;
      }
      case "patch" -> {
        String type = body.isArray() ? " --type json" : "";
        return "kubectl patch " + target + where + type + (body.isMissingNode() || body.isNull() ? "" : " -p " + shellQuote(body.toString()));
      }
      case "update" -> {
        return "kubectl replace " + target + where;
      }
      default -> {
        return "kubectl " + verb + " " + target + where;
      }
    }
  }

  /** A patch that changes nothing but {@code spec.replicas} is what {@code kubectl scale} sends. */
  private static boolean replicasOnly(JsonNode body) {
    if (!body.isObject() || body.size() != 1 || !body.path("spec").isObject()) return false;
    return body.path("spec").size() == 1 && body.path("spec").has("replicas");
  }

  /** Whether the cordoning user evicts pods soon after: that is {@code kubectl drain}. */
  private static boolean evictionsFollow(JsonNode cordon, List<Request> all, int index) {
    String user = user(cordon);
    Timestamps.Parsed at = all.get(index).time;
    for (int i = index + 1; i < all.size(); i++) {
      Request r = all.get(i);
      if (r.time.instant().isAfter(at.instant().plus(DRAIN_WINDOW))) break;
      JsonNode ref = r.event.path("objectRef");
      if (user(r.event).equals(user) && ref.path("subresource").asText().equals("eviction")) return true;
    }
    return false;
  }

  private static String query(String uri, String name) {
    int q = uri.indexOf('?');
    if (q < 0) return "";
    for (String pair : uri.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
    }
    return "";
  }

  /** Quotes a word for a POSIX shell when it needs it. */
  static String shellQuote(String s) {
    if (s.matches("[A-Za-z0-9_@%+=:,./-]+")) return s;
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
