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
 * schema names the same things otherwise ({@code time}, {@code resultType}, {@code identity.authorization}). Azure
 * logs one operation as several events (Started, Accepted, Succeeded or Failed) sharing its {@code operationId}: each
 * operation is one row at its first event, with the outcome of its last. Every write, delete or action is an
 * {@code events} row {@code azure.<provider>.change} about the resource (a change for change correlation; one that
 * failed or was canceled changed nothing: {@code azure.<provider>.rejected}); one that
 * takes a virtual machine away ({@code deallocate}, {@code powerOff}, {@code delete}) or sets a scale set's capacity is
 * also an {@code ops-commands} row holding the {@code az} line it stands for, which the typo-scoped-shutdown pack
 * reads like a typed command. Reads (a {@code read}, {@code list…} or {@code get…} operation) and the other
 * categories (service health, policy, autoscale…) are not operator actions: counted as not for the format.
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
    return "Azure Activity Log (az monitor activity-log list -o json, or a diagnostic setting's export): VM and scale-set"
        + " capacity operations → ops-commands (the az line), writes → events";
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

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    Timestamps times = new Timestamps(run.settings().timezone);
    Map<String, Operation> operations = new LinkedHashMap<>();
    JsonRecords.objects(source, run, doc -> {
      // the REST API's page and an event hub's batch wrap the events
      Tree wrapped = doc.get("value").isList() ? doc.get("value") : doc.get("records");
      if (wrapped.isList()) {
        for (Tree e : wrapped.items()) {
          if (e.isObject()) event(e, source, run, times, operations);
          else run.problem(source, e.line(), "expected an Activity Log event (an object), found '" + e.text() + "'");
        }
      } else {
        event(doc, source, run, times, operations);
      }
    });
    List<Operation> inOrder = new ArrayList<>(operations.values());
    inOrder.sort(Comparator.comparing((Operation o) -> o.first.instant()).thenComparingInt(o -> o.line));
    for (Operation o : inOrder) write(o, source, run);
  }

  private static void event(Tree e, Source source, ImportRun run, Timestamps times, Map<String, Operation> operations) {
    Tree auth = e.get("authorization").isObject() ? e.get("authorization") : e.path("identity", "authorization");
    // the action keeps its case; the storage schema writes operationName in capitals
    String action = !auth.text("action").isEmpty() ? auth.text("action") : valueOf(e.get("operationName"));
    if (action.isEmpty()) {
      run.problem(source, e.line(), "not an Activity Log event (no operationName or authorization.action)");
      return;
    }
    String category = valueOf(e.get("category"));
    if (!category.isEmpty() && !category.equalsIgnoreCase("Administrative")) {
      run.ignored(source);
      return;
    }
    if (readsOnly(action)) {
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
    String resourceId = e.text("resourceId");
    String scope = auth.text("scope");
    if (scope.equalsIgnoreCase(resourceId)) resourceId = scope; // the storage schema's resourceId is in capitals; the scope is as named
    String correlation = e.text("correlationId");
    String key = !e.text("operationId").isEmpty() ? e.text("operationId")
        : !correlation.isEmpty() ? correlation + " " + action.toLowerCase(Locale.ROOT) + " " + resourceId.toLowerCase(Locale.ROOT)
        : "line " + e.line();
    Operation o = operations.computeIfAbsent(key, k -> new Operation());
    if (o.first == null || t.instant().isBefore(o.first.instant())) {
      o.first = t;
      o.line = e.line();
    }
    if (o.action.isEmpty()) o.action = action;
    if (o.caller.isEmpty()) o.caller = caller(e);
    if (o.resourceId.isEmpty()) o.resourceId = resourceId;
    if (o.resourceGroup.isEmpty()) o.resourceGroup = e.text("resourceGroupName");
    if (o.correlationId.isEmpty()) o.correlationId = correlation;
    Tree body = requestBody(e.path("properties"));
    if (body.isObject()) o.request = body;
    String status = status(e);
    // the outcome is the latest event's (Succeeded after Started), whatever order the export lists them in
    if (!status.isEmpty() && (o.last == null || !t.instant().isBefore(o.last.instant()))) {
      o.last = t;
      o.status = status;
      o.detail = valueOf(e.get("subStatus")).isEmpty() ? e.text("properties", "statusCode") : valueOf(e.get("subStatus"));
    }
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
