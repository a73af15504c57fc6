package org.hindsight.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * The Azure Activity Log's Administrative events, as {@code az monitor activity-log list -o json} (and
 * {@code Get-AzActivityLog | ConvertTo-Json}, the REST API's {@code {"value": [...]}}) writes them, or as a diagnostic
 * setting exports them to a storage account (one record a line) or an event hub ({@code {"records": [...]}}), whose
 * schema names the same things otherwise ({@code time}, {@code resultType}, {@code identity.authorization}), or as the
 * portal's "Download as CSV" writes them (one event a row, the operation by its localized name). Azure
 * logs one operation as several events (Started, Accepted, Succeeded or Failed) sharing its {@code operationId}: each
 * operation is one row at its first event, with the outcome of its last. Every write, delete or action is an
 * {@code events} row {@code azure.<provider>.change} about the resource (a change for change correlation; one that
 * failed or was canceled changed nothing: {@code azure.<provider>.rejected}); one that
 * takes a virtual machine away ({@code deallocate}, {@code powerOff}, {@code delete}) or sets a scale set's capacity is
 * also an {@code ops-commands} row holding the {@code az} line it stands for, which the typo-scoped-shutdown pack
 * reads like a typed command. Resource Health events (category {@code ResourceHealth}: a VM gone Unavailable, Degraded,
 * Available again) are what Azure saw of the resource's health: an {@code events} row {@code azure.health.<status>} each,
 * which the observation model reads as the resource down, degraded or serving again. Reads (a {@code read}, {@code list…}
 * or {@code get…} operation) and the other categories (service health, policy, autoscale…) are not operator actions:
 * counted as not for the format.
 */
@AutoService(Importer.class)
public final class AzureActivityImporter implements Importer {
  private static final JsonFactory JSON = new JsonFactory();
  /** An operation's last verb that only reads ({@code listKeys/action}, {@code read}). */
  private static final List<String> READ_VERBS = List.of("read", "list", "get", "check", "validate");
  /** The storage schema's upper-case {@code resultType}s and the CLI's status words, as the CLI writes them. */
  private static final Map<String, String> STATUS = Map.of("start", "Started", "accept", "Accepted", "success", "Succeeded",
      "failure", "Failed", "cancel", "Canceled");

  @Override
  public String name() {
    return "azure-activity";
  }

  @Override
  public String summary() {
    return "Azure Activity Log (az monitor activity-log list -o json, a diagnostic setting's export, the portal's CSV): VM and scale-set"
        + " capacity operations → ops-commands (the az line), writes and Resource Health → events";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.OPS_COMMANDS, LogKind.EVENTS);
  }

  /** One operation: its events gathered, the first giving time and line, the last its outcome. */
  private static final class Operation {
    Timestamps.Parsed first;
    int line;
    String action = "";
    String caller = "";
    String resourceId = "";
    String resourceGroup = "";
    String correlationId = "";
    String status = "";
    String detail = "";
    Timestamps.Parsed last;
    Tree request = Tree.MISSING;
  }

  /** A Resource Health event: the resource's health as Azure saw it at that time. */
  private record Health(Timestamps.Parsed time, int line, String resourceId, String resourceGroup, String status,
      String previous, String cause, String title, String details) {}

  /** Resource Health's four states and the contract's severity of each. */
  private static final Map<String, String> HEALTH = Map.of("unavailable", "error", "degraded", "warning", "available", "info",
      "unknown", "info");

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    Timestamps times = new Timestamps(run.settings().timezone);
    Map<String, Operation> operations = new LinkedHashMap<>();
    List<Health> health = new ArrayList<>();
    // resource ids as an operation's scope spells them, to write the storage schema's capitals as named
    Map<String, String> spelled = new java.util.HashMap<>();
    if (portalCsv(source)) {
      portal(source, run, times, operations);
    } else {
      JsonRecords.objects(source, run, doc -> {
        // the REST API's page and an event hub's batch wrap the events
        Tree wrapped = doc.get("value").isList() ? doc.get("value") : doc.get("records");
        if (wrapped.isList()) {
          for (Tree e : wrapped.items()) {
            if (e.isObject()) event(e, source, run, times, operations, health, spelled);
            else run.problem(source, e.line(), "expected an Activity Log event (an object), found '" + e.text() + "'");
          }
        } else {
          event(doc, source, run, times, operations, health, spelled);
        }
      });
    }
    List<Operation> inOrder = new ArrayList<>(operations.values());
    inOrder.sort(Comparator.comparing((Operation o) -> o.first.instant()).thenComparingInt(o -> o.line));
    health.sort(Comparator.comparing((Health h) -> h.time().instant()).thenComparingInt(Health::line));
    // both in time order, merged: an operation and the health it changed read as they happened
    int h = 0;
    for (Operation o : inOrder) {
      while (h < health.size() && health.get(h).time().instant().isBefore(o.first.instant())) write(health.get(h++), source, run, spelled);
      write(o, source, run);
    }
    while (h < health.size()) write(health.get(h++), source, run, spelled);
  }

  private static void event(Tree e, Source source, ImportRun run, Timestamps times, Map<String, Operation> operations,
      List<Health> health, Map<String, String> spelled) {
    Tree auth = e.get("authorization").isObject() ? e.get("authorization") : e.path("identity", "authorization");
    // the action keeps its case; the storage schema writes operationName in capitals
    String action = !auth.text("action").isEmpty() ? auth.text("action") : valueOf(e.get("operationName"));
    String category = valueOf(e.get("category"));
    boolean isHealth = category.equalsIgnoreCase("ResourceHealth");
    if (action.isEmpty() && !isHealth) {
      run.problem(source, e.line(), "not an Activity Log event (no operationName or authorization.action)");
      return;
    }
    if (!category.isEmpty() && !category.equalsIgnoreCase("Administrative") && !isHealth) {
      run.ignored(source);
      return;
    }
    if (!isHealth && readsOnly(action)) {
      run.ignored(source);
      return;
    }
    String when = !e.text("eventTimestamp").isEmpty() ? e.text("eventTimestamp") : e.text("time");
    Timestamps.Parsed t;
    try {
      t = times.parse(when.isEmpty() ? "(none)" : when);
    } catch (DateTimeException ex) {
      run.problem(source, e.line(), (e.text("eventTimestamp").isEmpty() ? "time" : "eventTimestamp") + ": " + ex.getMessage());
      return;
    }
    if (isHealth) {
      health(e, t, source, run, health);
      return;
    }
    String resourceId = e.text("resourceId");
    String scope = auth.text("scope");
    if (!scope.isEmpty()) spelled.putIfAbsent(scope.toLowerCase(Locale.ROOT), scope);
    if (scope.equalsIgnoreCase(resourceId)) resourceId = scope; // the storage schema's resourceId is in capitals; the scope is as named
    String detail = valueOf(e.get("subStatus")).isEmpty() ? e.text("properties", "statusCode") : valueOf(e.get("subStatus"));
    note(operations, e.text("operationId"), t, e.line(), action, caller(e), resourceId, e.text("resourceGroupName"),
        e.text("correlationId"), status(e), detail, requestBody(e.path("properties")));
  }

  /** One event of an operation, gathered into it (keyed by its id, else its correlation id, action and resource). */
  private static void note(Map<String, Operation> operations, String operationId, Timestamps.Parsed t, int line, String action,
      String caller, String resourceId, String resourceGroup, String correlation, String status, String detail, Tree body) {
    String key = !operationId.isEmpty() ? operationId
        : !correlation.isEmpty() ? correlation + " " + action.toLowerCase(Locale.ROOT) + " " + resourceId.toLowerCase(Locale.ROOT)
        : "line " + line;
    Operation o = operations.computeIfAbsent(key, k -> new Operation());
    if (o.first == null || t.instant().isBefore(o.first.instant())) {
      o.first = t;
      o.line = line;
    }
    if (o.action.isEmpty()) o.action = action;
    if (o.caller.isEmpty()) o.caller = caller;
    if (o.resourceId.isEmpty()) o.resourceId = resourceId;
    if (o.resourceGroup.isEmpty()) o.resourceGroup = resourceGroup;
    if (o.correlationId.isEmpty()) o.correlationId = correlation;
    if (body.isObject()) o.request = body;
    // the outcome is the latest event's (Succeeded after Started), whatever order the export lists them in
    if (!status.isEmpty() && (o.last == null || !t.instant().isBefore(o.last.instant()))) {
      o.last = t;
      o.status = status;
      o.detail = detail;
    }
  }

  /** Whether the file is the portal's "Download as CSV" (a header, not JSON). */
  private static boolean portalCsv(Source source) throws IOException {
    try (java.io.BufferedReader in = source.reader()) {
      for (int c = in.read(); c >= 0; c = in.read()) {
        if (c == '\uFEFF' || Character.isWhitespace(c)) continue;
        return c != '{' && c != '[';
      }
      return false;
    }
  }

  /**
   * The portal's localized operation names ({@code Deallocate Virtual Machine}, {@code Create or Update Security Rule}) by
   * their first words → the verb of the action they stand for; longest first.
   */
  private static final List<Map.Entry<String, String>> PORTAL_VERBS = List.of(Map.entry("create or update ", "write"),
      Map.entry("power off ", "powerOff/action"), Map.entry("create ", "write"), Map.entry("update ", "write"),
      Map.entry("delete ", "delete"), Map.entry("deallocate ", "deallocate/action"), Map.entry("restart ", "restart/action"),
      Map.entry("start ", "start/action"), Map.entry("redeploy ", "redeploy/action"), Map.entry("list ", "list/action"),
      Map.entry("get ", "read"));
  /** A browser's {@code Date} as the portal writes it: {@code Tue Mar 04 2025 10:12:09 GMT+0100 (Central European Standard Time)}. */
  private static final java.util.regex.Pattern BROWSER_TIME = java.util.regex.Pattern.compile(
      "^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\\d{1,2}) (\\d{4}) (\\d{2}:\\d{2}:\\d{2}) GMT([+-]\\d{2})(\\d{2})\\b.*");

  /**
   * The Activity log blade's "Download as CSV": one event a row ({@code Operation name}, {@code Status}, {@code Time},
   * {@code Event initiated by}, {@code Resource type}, {@code Resource group}, {@code Resource}, {@code Correlation id} …), the
   * operation by its localized name. Read as the JSON's events are: an operation's rows gathered by correlation id, action
   * and resource. Only Administrative rows say what was done; the CSV keeps no health status, so the other categories are
   * counted as not for the format.
   */
  private static void portal(Source source, ImportRun run, Timestamps times, Map<String, Operation> operations) throws IOException {
    CsvRecords.each(source, run, List.of("Operation name"), r -> {
      String category = r.get("Event category", "Category");
      if (!category.isEmpty() && !category.equalsIgnoreCase("Administrative")) {
        run.ignored(source);
        return;
      }
      String name = r.get("Operation name");
      String type = r.get("Resource type");
      String resourceId = r.get("Resource", "Resource id");
      if (!resourceId.startsWith("/")) {
        // the event's own id names the resource before its /events/…; else the group, type and name build it
        String id = r.get("Id", "Event id");
        int events = id.toLowerCase(Locale.ROOT).indexOf("/events/");
        if (events > 0) resourceId = id.substring(0, events);
        else if (!resourceId.isEmpty() && type.contains("/")) {
          resourceId = "/subscriptions/" + r.get("Subscription id", "Subscription") + "/resourceGroups/" + r.get("Resource group")
              + "/providers/" + type + "/" + resourceId;
        }
      }
      if (name.isEmpty() || Resource.of(resourceId, "").name().isEmpty()) {
        run.problem(source, r.line, name.isEmpty() ? "a row without its operation (Operation name)"
            : "'" + name + "' names no resource (Resource, Id, or Resource type with Resource)");
        return;
      }
      String action = portalAction(name, type.isEmpty() ? providerType(resourceId) : type);
      if (readsOnly(action)) {
        run.ignored(source);
        return;
      }
      String when = r.get("Time", "Time stamp", "Event timestamp");
      Timestamps.Parsed t;
      try {
        java.util.regex.Matcher browser = BROWSER_TIME.matcher(when);
        t = times.parse(browser.matches() ? browserIso(browser) : when.isEmpty() ? "(none)" : when);
      } catch (DateTimeException ex) {
        run.problem(source, r.line, "Time: " + ex.getMessage());
        return;
      }
      String status = r.get("Status");
      note(operations, "", t, r.line, action, r.get("Event initiated by", "Caller"), resourceId, r.get("Resource group"),
          r.get("Correlation id"), STATUS.getOrDefault(status.toLowerCase(Locale.ROOT), status), "", Tree.MISSING);
    });
  }

  /** The action an operation's localized name stands for: {@code Deallocate Virtual Machine} → {@code TYPE/deallocate/action}. */
  static String portalAction(String name, String type) {
    if (name.contains("/")) return name; // a provider without localized names writes the action itself
    String lower = name.toLowerCase(Locale.ROOT) + " ";
    for (Map.Entry<String, String> v : PORTAL_VERBS) if (lower.startsWith(v.getKey())) return type + "/" + v.getValue();
    return type + "/" + lower.substring(0, lower.indexOf(' ')) + "/action";
  }

  /** {@code Microsoft.Compute/virtualMachines} out of a resource id. */
  private static String providerType(String resourceId) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)/providers/([^/]+/[^/]+)/[^/]+$").matcher(resourceId);
    return m.find() ? m.group(1) : "";
  }

  private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

  private static String browserIso(java.util.regex.Matcher m) {
    int month = MONTHS.indexOf(m.group(1)) + 1;
    if (month == 0) return m.group(); // not a month: said unreadable as it was written
    return String.format(Locale.ROOT, "%s-%02d-%02dT%s%s:%s", m.group(3), month, Integer.parseInt(m.group(2)), m.group(4), m.group(5),
        m.group(6));
  }

  private static void write(Operation o, Source source, ImportRun run) {
    String time = ImportRun.format(o.first.instant(), o.first.offset());
    Resource r = Resource.of(o.resourceId, o.resourceGroup);
    boolean failed = o.status.equals("Failed") || o.status.equals("Canceled");
    String result = switch (o.status) {
      case "Succeeded" -> "ok";
      case "Failed", "Canceled" -> o.status + (o.detail.isEmpty() ? "" : ": " + o.detail);
      default -> o.status.isEmpty() ? "" : o.status.toLowerCase(Locale.ROOT) + " (no outcome in the export)";
    };
    String command = command(o.action, r, o.request);
    if (command != null) {
      run.row(LogKind.OPS_COMMANDS, source, o.line).set("timestamp", time).set("operator", o.caller).set("command", command)
          .set("result", result).set("correlation_id", o.correlationId).set("resource_id", o.resourceId);
    }
    run.row(LogKind.EVENTS, source, o.line).set("timestamp", time).set("source", "azure-activity")
        // ARM logs each resource's operation with its own outcome: one that failed or was canceled changed nothing
        // (a change whose last word says failed would read as the resource down)
        .set("type", "azure." + r.provider() + (failed ? ".rejected" : ".change")).set("entity", r.name())
        .set("message", o.caller + " " + o.action + (failed ? " → " + result : ""))
        .set("severity", failed ? "warning" : "info").set("user", o.caller).set("resource_group", r.group())
        .set("resource_id", o.resourceId);
    run.kept(source);
  }

  /**
   * A Resource Health event: its {@code properties.currentHealthStatus} (Available, Unavailable, Degraded, Unknown) is the
   * resource's health from then on; a resolved event that does not say is the resource available again, any other that
   * does not say is counted as not for the format.
   */
  private static void health(Tree e, Timestamps.Parsed t, Source source, ImportRun run, List<Health> out) {
    Tree p = e.get("properties");
    String status = p.text("currentHealthStatus");
    if (status.isEmpty()) status = p.text("healthStatus");
    String stage = valueOf(e.get("status")).isEmpty() ? e.text("resultType") : valueOf(e.get("status"));
    if (status.isEmpty() && stage.equalsIgnoreCase("Resolved")) status = "Available";
    if (status.isEmpty()) {
      run.ignored(source); // an event that tells no status (an annotation, an update of its text) says nothing of the health
      return;
    }
    if (!HEALTH.containsKey(status.toLowerCase(Locale.ROOT))) {
      run.problem(source, e.line(), "a Resource Health status '" + status + "' (expected Available, Unavailable, Degraded or Unknown)");
      return;
    }
    String resourceId = e.text("resourceId");
    if (Resource.of(resourceId, "").name().isEmpty() || !resourceId.toLowerCase(Locale.ROOT).contains("/providers/")) {
      run.problem(source, e.line(), "a Resource Health event that names no resource (resourceId)");
      return;
    }
    String previous = p.text("previousHealthStatus");
    String cause = p.text("cause");
    if (cause.isEmpty()) cause = p.text("healthEventCause");
    out.add(new Health(t, e.line(), resourceId, e.text("resourceGroupName"), status, previous, cause, p.text("title"),
        p.text("details")));
  }

  private static void write(Health h, Source source, ImportRun run, Map<String, String> spelled) {
    String resourceId = h.resourceId();
    // the storage schema writes ids in capitals: as an operation's scope spelled it, else in lower case (names are case-blind)
    if (resourceId.equals(resourceId.toUpperCase(Locale.ROOT))) {
      resourceId = spelled.getOrDefault(resourceId.toLowerCase(Locale.ROOT), resourceId.toLowerCase(Locale.ROOT));
    }
    Resource r = Resource.of(resourceId, h.resourceGroup());
    String status = h.status().toLowerCase(Locale.ROOT);
    String text = !h.title().isEmpty() ? h.title() : "health status changed to " + status;
    if (!h.details().isEmpty() && !h.details().equals("null")) text += ": " + h.details();
    run.row(LogKind.EVENTS, source, h.line()).set("timestamp", ImportRun.format(h.time().instant(), h.time().offset()))
        .set("source", "azure-resource-health").set("type", "azure.health." + status).set("entity", r.name())
        .set("message", text).set("severity", HEALTH.get(status)).set("resource_group", r.group()).set("resource_id", resourceId)
        .set("previous_status", h.previous()).set("health_cause", h.cause());
    run.kept(source);
  }

  /** A resource by its id: the provider's short name, the top-level resource's name (a VM, not its extension), its group. */
  record Resource(String provider, String name, String group, String type) {
    static Resource of(String id, String groupName) {
      String[] s = id.replaceAll("^/+", "").split("/");
      String group = groupName;
      String provider = "resources";
      String name = "";
      String type = "";
      for (int i = 0; i + 1 < s.length; i++) {
        if (s[i].equalsIgnoreCase("resourceGroups")) {
          if (group.isEmpty()) group = s[i + 1];
          name = s[i + 1];
        } else if (s[i].equalsIgnoreCase("subscriptions") && name.isEmpty()) {
          name = s[i + 1];
        } else if (s[i].equalsIgnoreCase("providers")) {
          String namespace = s[i + 1];
          provider = namespace.substring(namespace.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
          if (i + 3 < s.length) {
            type = s[i + 2].toLowerCase(Locale.ROOT);
            name = s[i + 3];
          }
          break;
        }
      }
      return new Resource(provider, name, group, type);
    }
  }

  /** The az line of an operation that takes capacity away; null for any other (an event only). */
  static String command(String action, Resource r, Tree request) {
    String a = action.toLowerCase(Locale.ROOT);
    String where = (r.group().isEmpty() ? "" : " --resource-group " + r.group()) + " --name " + r.name();
    if (r.name().isEmpty()) return null;
    return switch (a) {
      case "microsoft.compute/virtualmachines/deallocate/action" -> "az vm deallocate" + where;
      case "microsoft.compute/virtualmachines/poweroff/action" -> "az vm stop" + where;
      case "microsoft.compute/virtualmachines/delete" -> "az vm delete" + where + " --yes";
      case "microsoft.compute/virtualmachinescalesets/write" -> {
        // a capacity is known only when the log kept the request's body
        String capacity = request.text("sku", "capacity");
        yield capacity.matches("\\d+") ? "az vmss scale" + where + " --new-capacity " + capacity : null;
      }
      default -> null;
    };
  }

  /** Whether the operation only reads: its last verb ({@code …/listKeys/action} → listKeys) is a read. */
  static boolean readsOnly(String action) {
    String[] s = action.toLowerCase(Locale.ROOT).split("/");
    String verb = s[s.length - 1].equals("action") && s.length > 1 ? s[s.length - 2] : s[s.length - 1];
    return READ_VERBS.stream().anyMatch(verb::startsWith);
  }

  /** A status as the CLI writes it ({@code Succeeded}), from the CLI's {@code status} or the storage schema's {@code resultType}. */
  private static String status(Tree e) {
    String s = valueOf(e.get("status"));
    if (s.isEmpty()) s = e.text("resultType");
    return STATUS.getOrDefault(s.toLowerCase(Locale.ROOT), s);
  }

  /** Who called: the CLI's {@code caller} (a UPN or an application id), else the token's claims (the storage schema). */
  private static String caller(Tree e) {
    if (!e.text("caller").isEmpty()) return e.text("caller");
    Tree claims = e.get("claims").isObject() ? e.get("claims") : e.path("identity", "claims");
    for (String c : List.of("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", "upn", "name", "appid")) {
      if (!claims.text(c).isEmpty()) return claims.text(c);
    }
    return "unknown";
  }

  /** A localizable value ({@code {"value": …, "localizedValue": …}}) or a plain string. */
  private static String valueOf(Tree t) {
    return t.isObject() ? t.text("value") : t.text();
  }

  /** The request's body, when the log kept it ({@code properties.requestbody}, a JSON string); MISSING otherwise. */
  private static Tree requestBody(Tree properties) {
    String text = properties.text("requestbody");
    if (text.isEmpty()) text = properties.text("requestBody");
    if (text.isBlank()) return Tree.MISSING;
    try (JsonParser p = JSON.createParser(text)) {
      return p.nextToken() == null ? Tree.MISSING : Tree.read(p);
    } catch (IOException e) {
      return Tree.MISSING; // a body cut short by the log's size limit says nothing of the capacity
    }
  }
}
