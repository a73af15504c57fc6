package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * Kubernetes events as {@code kubectl get events -A -o json} gives them (a {@code List} of core/v1 {@code Event}s, or {@code -o yaml},
 * or of {@code events.k8s.io/v1} ones with {@code regarding}, {@code note}, {@code eventTime} and {@code series}; one
 * a line from {@code --watch -o json} too, with or without {@code --output-watch-events}) or as its plain table ({@code NAMESPACE LAST SEEN TYPE REASON OBJECT
 * MESSAGE}, {@code -o wide} too, whose ages need {@code --taken-at}). Each event object is one {@code events} row
 * about the object it involves (a pod, node, deployment), at its first occurrence, with its {@code count} and
 * {@code last_seen}. Its type comes from the reason ({@link #TROUBLE}: what the observation model reads as a pod or
 * node going down or restarting), else from the event rules on its message, else it is {@code k8s.event}: context.
 * A replica set of a deployment that starts serving is the deployment's roll-out ({@code deployment.rollout}, a change).
 */
@AutoService(Importer.class)
public final class K8sEventsImporter implements Importer {
  /** What a reason says of the object, as a type the observation model reads, and its least severity. */
  private record Meaning(String type, String severity) {}

  /**
   * Reasons of kubelet, the scheduler, the node controller and node-problem-detector that say an object is in
   * trouble; {@code BackOff}, {@code Failed} and {@code Killing} are told apart by their message ({@link #meaning}).
   */
  private static final Map<String, Meaning> TROUBLE = Map.ofEntries(
      Map.entry("unhealthy", new Meaning("service.unhealthy", "warning")), // a probe failed: not serving (readiness) or about to be killed
      Map.entry("crashloopbackoff", new Meaning("process.restart", "warning")),
      Map.entry("errimagepull", new Meaning("image.pull.failed", "warning")),
      Map.entry("imagepullbackoff", new Meaning("image.pull.failed", "warning")),
      Map.entry("errimageneverpull", new Meaning("image.pull.failed", "warning")),
      Map.entry("inspectfailed", new Meaning("image.pull.failed", "warning")),
      Map.entry("failedscheduling", new Meaning("pod.scheduling.failed", "warning")), // placed nowhere: serves nothing
      Map.entry("evicted", new Meaning("pod.down", "warning")), // the kubelet killed it for a node's shortage: gone
      Map.entry("preempted", new Meaning("pod.down", "warning")),
      Map.entry("preempting", new Meaning("pod.down", "warning")),
      Map.entry("nodenotready", new Meaning("node.notready", "warning")),
      Map.entry("nodeready", new Meaning("node.ready", "info")),
      Map.entry("oomkilling", new Meaning("process.oom", "error")), // node-problem-detector's kernel OOM kill
      Map.entry("systemoom", new Meaning("process.oom", "error")),
      Map.entry("rebooted", new Meaning("device.reboot", "warning")));

  /** A roll-out: the replica set the deployment scaled up (kubectl ≥ 1.26 adds "from N"). */
  private static final Pattern SCALED =
      Pattern.compile("Scaled (up|down) replica set (\\S+) to (\\d+)(?: from (\\d+))?");
  /** A pod of a deployment's replica set: {@code <replica set>-<5 characters>}, the replica set {@code <deployment>-<hash>}. */
  private static final Pattern POD_OF_REPLICA_SET = Pattern.compile("([a-z0-9]{5,10})-[a-z0-9]{5}");
  /** kubectl's ages ({@code 45s}, {@code 5m12s}, {@code 3h5m}, {@code 2d3h}, {@code 2y30d}). */
  private static final Pattern AGE = Pattern.compile("(?:(\\d+)y)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  @Override
  public String name() {
    return "k8s-events";
  }

  @Override
  public String summary() {
    return "Kubernetes events (kubectl get events -A -o json, events.k8s.io/v1, or the plain table with --taken-at) → events";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.EVENTS);
  }

  /** One event object, read. {@code kind} lower-case as kubectl's OBJECT column writes it. */
  record K8sEvent(int line, Instant time, ZoneOffset offset, String lastSeen, String count, String level, String reason,
      String message, String kind, String namespace, String name, String component, String host) {
    String object() {
      return kind + "/" + name;
    }
  }

  /** The events of a source in file order, one per event object: a watch prints an object again each time it recurs. */
  private static final class Collected {
    final List<K8sEvent> list = new ArrayList<>();
    private final Map<String, Integer> byId = new HashMap<>();

    void add(String id, K8sEvent e) {
      Integer i = id.isEmpty() ? null : byId.get(id);
      if (i == null) {
        if (!id.isEmpty()) byId.put(id, list.size());
        list.add(e);
        return;
      }
      // the same object again: its first record is cited, with the count and last occurrence it had by the end
      K8sEvent was = list.get(i);
      list.set(i, new K8sEvent(was.line(), was.time(), was.offset(), e.lastSeen().isEmpty() ? was.lastSeen() : e.lastSeen(),
          e.count(), was.level(), was.reason(), was.message(), was.kind(), was.namespace(), was.name(), was.component(), was.host()));
    }
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    Collected collected = new Collected();
    List<K8sEvent> events = collected.list;
    Timestamps times = new Timestamps(run.settings().timezone);
    String first = JsonRecords.firstLine(source);
    if (first.startsWith("{") || first.startsWith("[")) {
      JsonRecords.objects(source, run, doc -> listOrEvent(doc, source, run, times, collected));
    } else if (first.matches("(?:apiVersion|kind|items|metadata):.*|---.*")) {
      yaml(source, run, times, collected);
    } else {
      table(source, run, collected);
    }
    Set<K8sEvent> rollOuts = rollOuts(events);
    for (K8sEvent e : events) type(row(e, source, run), e, rollOuts.contains(e), lastSeen(e, run));
  }

  private static void listOrEvent(Tree doc, Source source, ImportRun run, Timestamps times, Collected out) {
    if (doc.get("object").isObject() && doc.get("involvedObject").isMissing() && doc.get("regarding").isMissing()) {
      json(doc.get("object"), source, run, times, out); // a watch's {"type": "ADDED", "object": …} (--output-watch-events)
    } else if (doc.get("items").isList()) {
      for (Tree item : doc.get("items").items()) json(item, source, run, times, out);
    } else {
      json(doc, source, run, times, out);
    }
  }

  /** {@code kubectl get events -o yaml}: a List (or Events, several documents apart by {@code ---}), read with their lines. */
  private static void yaml(Source source, ImportRun run, Timestamps times, Collected out) throws IOException {
    JsonRecords.yamlDocuments(source, run, "not valid YAML", doc -> listOrEvent(doc, source, run, times, out));
  }

  private static void json(Tree e, Source source, ImportRun run, Timestamps times, Collected out) {
    int line = e.line();
    boolean v1 = e.get("regarding").isObject(); // events.k8s.io/v1
    Tree object = v1 ? e.get("regarding") : e.get("involvedObject");
    if (!object.isObject()) {
      String kind = e.text("kind");
      run.problem(source, line, "not a Kubernetes Event (involvedObject or regarding)" + (kind.isEmpty() ? "" : ", a " + kind));
      return;
    }
    if (object.text("name").isEmpty()) {
      run.problem(source, line, "an event without the name of the object it is about");
      return;
    }
    // first occurrence: eventTime (to the microsecond, set by newer reporters), else firstTimestamp, else when it was stored
    String[][] firsts = {{"eventTime", e.text("eventTime")}, {"firstTimestamp", e.text("firstTimestamp")},
        {"deprecatedFirstTimestamp", e.text("deprecatedFirstTimestamp")},
        {"metadata.creationTimestamp", e.text("metadata", "creationTimestamp")}};
    Timestamps.Parsed first = null;
    for (String[] f : firsts) {
      if (f[1].isEmpty()) continue;
      try {
        first = times.parse(f[1]);
      } catch (DateTimeException ex) {
        run.problem(source, line, f[0] + ": " + ex.getMessage());
        return;
      }
      break;
    }
    if (first == null) {
      run.problem(source, line, "an event without its time (eventTime, firstTimestamp or metadata.creationTimestamp)");
      return;
    }
    String last = firstOf(e.text("series", "lastObservedTime"), e.text("lastTimestamp"), e.text("deprecatedLastTimestamp"));
    String count = firstOf(e.text("series", "count"), e.text("count"), e.text("deprecatedCount"));
    String component = firstOf(e.text("reportingController"), e.text("reportingComponent"), e.text("source", "component"),
        e.text("deprecatedSource", "component"));
    String host = firstOf(e.text("source", "host"), e.text("deprecatedSource", "host"));
    if (host.isEmpty() && component.equals("kubelet")) host = e.text("reportingInstance"); // kubelet reports as its node
    String id = e.text("metadata", "uid").isEmpty() ? e.text("metadata", "namespace") + "/" + e.text("metadata", "name") : e.text("metadata", "uid");
    out.add(id.equals("/") ? "" : id, new K8sEvent(line, first.instant(), first.offset(), last, count.isEmpty() ? "1" : count, e.text("type"), e.text("reason"),
        v1 ? e.text("note") : e.text("message"), object.text("kind").toLowerCase(Locale.ROOT),
        object.text("namespace"), object.text("name"), component, host)); // an event about a node is stored in "default": not its namespace
  }

  private static String firstOf(String... values) {
    for (String v : values) if (!v.isEmpty()) return v;
    return "";
  }

  /** The columns of one table header: names and where each starts. */
  private record Header(int line, List<String> names, List<Integer> starts) {
    int index(String name) {
      return names.indexOf(name);
    }
  }

  private static Header header(int line, String text) {
    List<String> names = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    Matcher m = Pattern.compile("\\S+(?: \\S+)?").matcher(text); // names of one or two words, apart by two spaces or more
    while (m.find()) {
      names.add(m.group());
      starts.add(m.start());
    }
    return new Header(line, names, starts);
  }

  /** {@code kubectl get events [-A] [-o wide]} and {@code kubectl events}: a table whose times are ages. */
  private static void table(Source source, ImportRun run, Collected out) throws IOException {
    Header[] header = {null};
    boolean[] refused = {false};
    Instant takenAt = run.settings().takenAt;
    Lines.each(source, (n, text) -> {
      if (text.contains("REASON") && text.contains("MESSAGE") && text.contains("LAST SEEN")) {
        header[0] = header(n, text); // also again further on: several listings concatenated
        if (takenAt == null) {
          run.unreadableAt(source, n, "LAST SEEN is an age, not a time: say when kubectl listed the events with --taken-at TIME"
              + " (or export them with -o json, which keeps their times)");
        }
        return;
      }
      if (header[0] == null) {
        if (!refused[0]) {
          run.unreadableAt(source, n, "neither JSON (kubectl get events -o json) nor kubectl's events table"
              + " (its header NAMESPACE LAST SEEN TYPE REASON OBJECT MESSAGE)");
        }
        refused[0] = true;
        return;
      }
      if (takenAt == null) return; // said once, at the header
      Map<String, String> cells = cells(header[0], text);
      if (cells == null) {
        run.problem(source, n, "a row with fewer columns than the header");
        return;
      }
      String object = cells.getOrDefault("OBJECT", "");
      String kind = object.contains("/") ? object.substring(0, object.indexOf('/')) : cells.getOrDefault("KIND", "");
      String name = object.contains("/") ? object.substring(object.indexOf('/') + 1) : cells.getOrDefault("NAME", "");
      if (name.isEmpty()) {
        run.problem(source, n, "OBJECT '" + object + "' names no object (kind/name)");
        return;
      }
      String firstSeen = cells.getOrDefault("FIRST SEEN", "");
      String age = firstSeen.isEmpty() ? cells.getOrDefault("LAST SEEN", "") : firstSeen;
      Duration ago = age(age);
      if (ago == null) {
        run.problem(source, n, (firstSeen.isEmpty() ? "LAST SEEN" : "FIRST SEEN") + " '" + age + "' is no age as kubectl writes them (45s, 5m12s, 3h, 2d4h)");
        return;
      }
      Instant when = takenAt.minus(ago);
      Duration lastAgo = age(cells.getOrDefault("LAST SEEN", ""));
      String reporter = cells.getOrDefault("SOURCE", "");
      String component = reporter.contains(",") ? reporter.substring(0, reporter.indexOf(',')).trim() : reporter;
      String host = reporter.contains(",") ? reporter.substring(reporter.indexOf(',') + 1).trim() : "";
      out.add("", new K8sEvent(n, when, run.offset(when), firstSeen.isEmpty() || lastAgo == null ? "" : ImportRun.format(takenAt.minus(lastAgo),
          run.offset(when)), cells.getOrDefault("COUNT", "1"), cells.getOrDefault("TYPE", ""), cells.getOrDefault("REASON", ""),
          cells.getOrDefault("MESSAGE", ""), kind.toLowerCase(Locale.ROOT), cells.getOrDefault("NAMESPACE", ""), name, component, host));
    });
  }

  /**
   * A row's cells by column name. Where every column before the last holds one word (kubectl's default columns,
   * MESSAGE last) the row is split into words, so rows {@code --watch} printed out of alignment read too; else
   * ({@code -o wide}: SOURCE holds a comma and a space, SUBOBJECT may be empty) by where the header's columns start.
   */
  private static Map<String, String> cells(Header h, String text) {
    Map<String, String> out = new HashMap<>();
    int lastColumn = h.names().size() - 1;
    boolean wordsOnly = h.names().get(lastColumn).equals("MESSAGE")
        && h.names().stream().noneMatch(c -> c.equals("SOURCE") || c.equals("SUBOBJECT"));
    if (wordsOnly) {
      String[] words = text.trim().split("\\s+", lastColumn + 1);
      if (words.length < lastColumn) return null;
      for (int i = 0; i < words.length; i++) out.put(h.names().get(i), words[i].trim());
      return out;
    }
    for (int i = 0; i <= lastColumn; i++) {
      int from = h.starts().get(i);
      if (from >= text.length()) {
        if (i < lastColumn) return null;
        out.put(h.names().get(i), "");
        continue;
      }
      int to = i == lastColumn ? text.length() : Math.min(text.length(), h.starts().get(i + 1));
      out.put(h.names().get(i), text.substring(from, to).trim());
    }
    return out;
  }

  private static Duration age(String text) {
    Matcher m = AGE.matcher(text.trim());
    if (text.isBlank() || !m.matches()) return null;
    long[] unit = {365L * 86400, 86400, 3600, 60, 1};
    long seconds = 0;
    for (int i = 0; i < unit.length; i++) if (m.group(i + 1) != null) seconds += Long.parseLong(m.group(i + 1)) * unit[i];
    return Duration.ofSeconds(seconds);
  }

  /** A replica set named by an event, at its time: gaining pods, losing them, or only named (a pod of it). */
  private record Mention(Instant time, String replicaSet, boolean loss) {}

  /**
   * The events where a replica set of a deployment starts serving — a deployment's scale-up ({@code ScalingReplicaSet})
   * or a replica set's pods created ({@code SuccessfulCreate}) — for a replica set not serving before (not named yet,
   * or scaled to 0) when the scale-up says it is from 0, or another replica set of the deployment was named before it,
   * or loses pods after it (scaled down, pods deleted or stopped). A scale-up of the replica set serving (kubectl
   * scale, an autoscaler: "from 2") is no roll-out. Kubernetes keeps events an hour: a roll-out whose old replica set
   * the export no longer names, scaled up without "from 0" (kubectl before 1.26), is not told from a scale-up.
   */
  static Set<K8sEvent> rollOuts(List<K8sEvent> events) {
    List<K8sEvent> byTime = new ArrayList<>(events);
    byTime.sort(java.util.Comparator.comparing(K8sEvent::time));
    Map<String, List<Mention>> mentions = new HashMap<>(); // deployment → its replica sets as the export names them
    for (K8sEvent e : byTime) {
      String rs = replicaSet(e);
      if (rs != null) mentions.computeIfAbsent(deployment(e, rs), k -> new ArrayList<>()).add(new Mention(e.time(), rs, !gains(e)));
    }
    for (K8sEvent e : byTime) {
      if (!e.kind().equals("pod")) continue;
      Matcher m = POD_OF_REPLICA_SET.matcher("");
      for (var d : mentions.entrySet()) {
        String prefix = d.getKey() + "-";
        if (e.name().startsWith(prefix) && m.reset(e.name().substring(prefix.length())).matches()) {
          d.getValue().add(new Mention(e.time(), prefix + m.group(1), e.reason().equals("Killing")));
        }
      }
    }
    Set<K8sEvent> out = new HashSet<>();
    Set<String> serving = new HashSet<>();
    for (K8sEvent e : byTime) {
      String rs = replicaSet(e);
      if (rs == null) continue;
      Matcher scaled = SCALED.matcher(e.message());
      boolean isScale = e.reason().equals("ScalingReplicaSet") && scaled.find();
      if (!gains(e)) {
        if (isScale && scaled.group(3).equals("0")) serving.remove(rs);
        else serving.add(rs); // it served until now
        continue;
      }
      String from = isScale && scaled.group(4) != null ? scaled.group(4) : "";
      if (!serving.contains(rs) && !(!from.isEmpty() && !from.equals("0"))) {
        boolean another = false;
        for (Mention m : mentions.getOrDefault(deployment(e, rs), List.of())) {
          if (m.replicaSet().equals(rs)) continue;
          another |= m.time().isBefore(e.time()) || m.loss();
        }
        if (from.equals("0") || another) out.add(e);
      }
      serving.add(rs);
    }
    return out;
  }

  /** Whether a replica set event adds pods (scaled up, pod created). */
  private static boolean gains(K8sEvent e) {
    Matcher scaled = SCALED.matcher(e.message());
    return e.reason().equals("ScalingReplicaSet") && scaled.find() ? scaled.group(1).equals("up") : e.reason().equals("SuccessfulCreate");
  }

  /** The replica set a deployment's scaling or a replica set's pod creation or deletion is about; null for other events. */
  private static String replicaSet(K8sEvent e) {
    if (e.reason().equals("ScalingReplicaSet") && e.kind().equals("deployment")) {
      Matcher m = SCALED.matcher(e.message());
      return m.find() ? m.group(2) : null;
    }
    if (e.kind().equals("replicaset") && (e.reason().equals("SuccessfulCreate") || e.reason().equals("SuccessfulDelete"))) return e.name();
    return null;
  }

  /** The deployment of a replica set event: the scaling deployment, or the replica set's name without its template hash. */
  private static String deployment(K8sEvent e, String rs) {
    if (e.kind().equals("deployment")) return e.name();
    int dash = rs.lastIndexOf('-');
    return dash > 0 ? rs.substring(0, dash) : rs;
  }

  private static String level(K8sEvent e) {
    return e.level().equalsIgnoreCase("Warning") ? "warning" : e.level().equalsIgnoreCase("Error") ? "error" : "info";
  }

  /** An event as a log message, typed by the event rules for now ({@link #type} decides); null when a rule ran out of its budget. */
  static ImportRun.Row row(K8sEvent e, Source source, ImportRun run) {
    return EventRows.add(run, source, e.line(), new EventRows.Message(ImportRun.format(e.time(), e.offset()),
        e.component().isEmpty() ? "kubernetes" : e.component(), e.name(), e.message(), level(e)));
  }

  /** Types the row of an event: a roll-out, what its reason says, else context unless an event rule reads its warning; its columns. */
  static void type(ImportRun.Row row, K8sEvent e, boolean rollOut, String lastSeen) {
    if (row == null) return;
    String level = level(e);
    Meaning meaning = rollOut ? new Meaning("deployment.rollout", "info") : meaning(e.reason(), e.message());
    if (meaning != null) {
      row.set("type", meaning.type()).set("severity", moreSevere(meaning.severity(), level));
      if (rollOut) {
        String rs = replicaSet(e);
        row.set("entity", deployment(e, rs)).set("replica_set", rs);
      }
    } else if (row.value("type").equals("log") || !level.equals("warning")) {
      // an ordinary reason (Scheduled, Pulled, Started, SuccessfulCreate…): context, whatever a log's rule would make of
      // its words (systemd's "Started …"); a warning of a reason the table does not know is typed by the event rules
      row.set("type", "k8s.event").set("severity", level);
    }
    row.set("host", e.host());
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("namespace", e.namespace());
    extra.put("object", e.object());
    extra.put("reason", e.reason());
    extra.put("count", e.count());
    extra.put("last_seen", lastSeen);
    EventRows.extras(row, extra);
  }

  /** The last occurrence as the contract writes times, "" when it is the first or unreadable (kept for the reader, not analysed). */
  private static String lastSeen(K8sEvent e, ImportRun run) {
    if (e.lastSeen().isEmpty()) return "";
    try {
      Timestamps.Parsed p = new Timestamps(run.settings().timezone).parse(e.lastSeen());
      return p.instant().equals(e.time()) ? "" : ImportRun.format(p.instant(), p.offset());
    } catch (DateTimeException ex) {
      return "";
    }
  }

  /** What a reason says (null: nothing the table knows; the event rules on the message decide). */
  private static Meaning meaning(String reason, String message) {
    String r = reason.toLowerCase(Locale.ROOT);
    String m = message.toLowerCase(Locale.ROOT);
    boolean image = m.contains("pull") || m.contains("image");
    switch (r) {
      case "backoff":
        // kubelet's BackOff is either a container restarting after a crash or an image it cannot pull
        return image && !m.contains("restarting") ? TROUBLE.get("imagepullbackoff") : new Meaning("process.restart", "warning");
      case "failed":
        return image ? TROUBLE.get("errimagepull") : new Meaning("container.failed", "warning");
      case "killing":
        // a container killed because it failed its liveness or startup probe restarts; one stopped because its pod was
        // deleted (a roll-out, a scale-down, a drain) is the ordinary end of a pod, not trouble
        return m.contains("will be restarted") || m.contains("failed liveness") || m.contains("failed startup")
            ? new Meaning("process.restart", "warning") : new Meaning("container.stopped", "info");
      default:
        return TROUBLE.get(r);
    }
  }

  private static final List<String> LEVELS = List.of("info", "warning", "error", "critical");

  private static String moreSevere(String a, String b) {
    return LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;
  }
}
