package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;

/**
 * Kubernetes nodes and pods as {@code kubectl get nodes -o json} and {@code kubectl get pods -A -o wide -o json} (or
 * {@code -o yaml}, a {@code List} or single objects) write them → {@code inventory}. A node's site is its zone (the
 * well-known label {@code topology.kubernetes.io/zone}, else the deprecated {@code failure-domain.beta.kubernetes.io/zone}),
 * its region the location; a node with no zone label is its own failure domain. A pod is placed on its node ({@code
 * spec.nodeName}: {@code parent}) and shares the node's site — the node's zone when the node is read in the same run (either
 * order), else the node itself, which {@code site_from} says. A pod's service is the workload that owns it (a ReplicaSet's
 * Deployment: its name without the {@code pod-template-hash}; a StatefulSet, DaemonSet or Job), else its {@code
 * app.kubernetes.io/name} or {@code app} label. Node and pod addresses fill the device map for the formats of the same
 * run (an ALB target, an Envoy upstream). Pods that finished ({@code Succeeded}, {@code Failed}) hold no replica and are
 * counted as not imported; a pod not yet scheduled has no node and no site: a problem at its line.
 */
@AutoService(Importer.class)
public final class K8sInventoryImporter implements Importer {
  static final String ZONE = "topology.kubernetes.io/zone";
  static final String REGION = "topology.kubernetes.io/region";
  private static final String LEGACY_ZONE = "failure-domain.beta.kubernetes.io/zone";
  private static final String LEGACY_REGION = "failure-domain.beta.kubernetes.io/region";
  private static final Pattern CONTROL_PLANE = Pattern.compile("node-role\\.kubernetes\\.io/(?:control-plane|master)");

  /** What one run has read of nodes, and the pods waiting for their node's zone. */
  static final class Placements {
    final Map<String, String> zoneOf = new HashMap<>();
    final Map<String, List<ImportRun.Row>> waiting = new HashMap<>();
  }

  @Override
  public String name() {
    return "k8s-inventory";
  }

  @Override
  public String summary() {
    return "Kubernetes nodes and pods (kubectl get nodes|pods -o json|yaml) → inventory (zone as the site, pod on its node)";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.INVENTORY);
  }

  @Override
  public boolean describesDevices() {
    return true;
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    Placements placements = run.shared(Placements.class, Placements::new);
    JsonRecords.Handler each = o -> object(o, placements, source, run);
    String first = JsonRecords.firstLine(source);
    if (first.startsWith("{") || first.startsWith("[")) {
      JsonRecords.objects(source, run, each);
    } else {
      JsonRecords.yamlDocuments(source, run, "not valid YAML of kubectl get nodes|pods", each);
    }
  }

  private static void object(Tree o, Placements placements, Source source, ImportRun run) {
    String kind = o.text("kind");
    if (kind.equals("List") || kind.endsWith("List")) {
      for (Tree item : o.get("items").items()) object(item, placements, source, run);
      return;
    }
    switch (kind) {
      case "Node" -> node(o, placements, source, run);
      case "Pod" -> pod(o, placements, source, run);
      default -> run.problem(source, o.line(), kind.isEmpty() ? "not a Kubernetes object (no kind): export with kubectl get nodes|pods -o json"
          : "a " + kind + ", not a Node or Pod");
    }
  }

  private static void node(Tree n, Placements placements, Source source, ImportRun run) {
    String name = n.text("metadata", "name");
    if (name.isEmpty()) {
      run.problem(source, n.line(), "a Node without metadata.name");
      return;
    }
    Tree labels = n.path("metadata", "labels");
    String zone = first(labels.text(ZONE), labels.text(LEGACY_ZONE));
    String region = first(labels.text(REGION), labels.text(LEGACY_REGION));
    boolean control = labels.members().keySet().stream().anyMatch(k -> CONTROL_PLANE.matcher(k).matches());
    String address = "";
    for (Tree a : n.path("status", "addresses").items()) {
      if (a.text("type").equals("InternalIP") && address.isEmpty()) address = a.text("address");
      if (!a.text("address").isEmpty()) run.settings().devices().put(a.text("address"), name);
    }
    run.row(LogKind.INVENTORY, source, n.line()).set("entity", name).set("type", "node").set("site", zone.isEmpty() ? name : zone)
        .set("role", control ? "control" : "").set("platform", n.text("status", "nodeInfo", "osImage"))
        .set("location", region).set("parent", "").set("site_from", zone.isEmpty() ? "node (no zone label)" : "zone label")
        .set("namespace", "").set("ip", address).set("instance_type", n.text("metadata", "labels", "node.kubernetes.io/instance-type"));
    run.kept(source);
    placements.zoneOf.put(name, zone);
    // pods read before their node now take its zone
    for (ImportRun.Row pod : placements.waiting.getOrDefault(name, List.of())) {
      if (!zone.isEmpty()) pod.set("site", zone).set("site_from", "node's zone");
    }
    placements.waiting.remove(name);
  }

  private static void pod(Tree p, Placements placements, Source source, ImportRun run) {
    String name = p.text("metadata", "name");
    if (name.isEmpty()) {
      run.problem(source, p.line(), "a Pod without metadata.name");
      return;
    }
    String phase = p.text("status", "phase");
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      run.ignored(source); // a finished pod holds no replica of anything
      return;
    }
    String node = p.text("spec", "nodeName");
    if (node.isEmpty()) {
      run.problem(source, p.line(), "pod " + name + " is not placed on a node (spec.nodeName; phase " + (phase.isEmpty() ? "unknown" : phase)
          + "): it has no site");
      return;
    }
    String ip = p.text("status", "podIP");
    if (!ip.isEmpty() && !p.path("spec", "hostNetwork").text().equals("true")) run.settings().devices().put(ip, name);
    String zone = placements.zoneOf.get(node);
    ImportRun.Row row = run.row(LogKind.INVENTORY, source, p.line()).set("entity", name).set("type", "pod")
        .set("service", workload(p)).set("parent", node).set("namespace", p.text("metadata", "namespace")).set("ip", ip);
    if (zone != null && !zone.isEmpty()) {
      row.set("site", zone).set("site_from", "node's zone");
    } else {
      // the node is the failure domain we know of; its zone replaces it if the node comes later in the run
      row.set("site", node).set("site_from", zone == null ? "node (not exported)" : "node (no zone label)");
      if (zone == null) placements.waiting.computeIfAbsent(node, k -> new ArrayList<>()).add(row);
    }
    run.kept(source);
  }

  /** The workload a pod belongs to: its owner (a ReplicaSet's Deployment), else its app label, else its own name. */
  static String workload(Tree p) {
    Tree labels = p.path("metadata", "labels");
    for (Tree owner : p.path("metadata", "ownerReferences").items()) {
      String name = owner.text("name");
      if (name.isEmpty()) continue;
      if (owner.text("kind").equals("ReplicaSet")) {
        String hash = labels.text("pod-template-hash");
        return !hash.isEmpty() && name.endsWith("-" + hash) ? name.substring(0, name.length() - hash.length() - 1) : name;
      }
      if (owner.text("kind").equals("Job")) {
        // a CronJob's Job is named after it and the scheduled minute
        return name.replaceFirst("-\\d{8,10}$", "");
      }
      return name;
    }
    String app = first(labels.text("app.kubernetes.io/name"), labels.text("app"));
    return app.isEmpty() ? p.text("metadata", "name") : app;
  }

  private static String first(String a, String b) {
    return a.isEmpty() ? b : a;
  }
}
