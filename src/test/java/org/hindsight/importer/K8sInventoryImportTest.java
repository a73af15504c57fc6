package org.hindsight.importer;

import static org.hindsight.importer.CloudMetricsImportTest.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl get nodes -o json} and {@code kubectl get pods -o json} as the inventory of an incident: a zone lost
 * takes down the service whose every pod ran on nodes of that zone, which the single-site pack blames, citing the pod in the
 * user's own export; the near miss — the same service with a replica on a node of another zone — is no single-site
 * dependency. Node names, the lost zone and the pods' order vary; the pods file is read before the nodes file (each pod
 * takes its node's zone whichever comes first).
 */
class K8sInventoryImportTest {
  @TempDir Path tmp;

  private static ObjectNode node(ArrayNode items, String name, String zone) {
    ObjectNode n = items.addObject().put("apiVersion", "v1").put("kind", "Node");
    ObjectNode meta = n.putObject("metadata").put("name", name);
    meta.putObject("labels").put("topology.kubernetes.io/zone", zone).put("topology.kubernetes.io/region", "eu-west-1");
    n.putObject("status").putArray("addresses").addObject().put("type", "InternalIP").put("address", "10.0." + Math.abs(name.hashCode() % 250) + ".5");
    return n;
  }

  private static void pod(ArrayNode items, String name, String owner, String ownerKind, String node) {
    ObjectNode p = items.addObject().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = p.putObject("metadata").put("name", name).put("namespace", "shop");
    meta.putArray("ownerReferences").addObject().put("kind", ownerKind).put("name", owner);
    if (ownerKind.equals("ReplicaSet")) meta.putObject("labels").put("pod-template-hash", owner.substring(owner.lastIndexOf('-') + 1));
    p.putObject("spec").put("nodeName", node);
    p.putObject("status").put("phase", "Running").put("podIP", "10.1.0." + Math.abs(name.hashCode() % 250));
  }

  /** The cluster's exports and the incident's CSVs; {@code replicated}: orders-db has a second pod in another zone. */
  private Path incident(String dir, int variant, boolean replicated) throws Exception {
    Path d = Files.createDirectories(tmp.resolve(dir));
    String[] zones = {"eu-west-1a", "eu-west-1b", "eu-west-1c"};
    String lost = zones[variant % 3];
    String other = zones[(variant + 1) % 3];
    var json = CloudMetricsImportTest.JSON;
    ObjectNode nodes = json.createObjectNode().put("apiVersion", "v1").put("kind", "List");
    ArrayNode nodeItems = nodes.putArray("items");
    for (int z = 0; z < 3; z++) {
      for (int k = 1; k <= 2; k++) node(nodeItems, "ip-10-" + variant + "-" + z + "-" + k + ".internal", zones[z]);
    }
    String lostNode = "ip-10-" + variant + "-" + (variant % 3) + "-2.internal";
    String otherNode = "ip-10-" + variant + "-" + ((variant + 1) % 3) + "-1.internal";
    ObjectNode pods = json.createObjectNode().put("apiVersion", "v1").put("kind", "List");
    ArrayNode podItems = pods.putArray("items");
    pod(podItems, "checkout-6c9f8d7b5-" + variant + "ab", "checkout-6c9f8d7b5", "ReplicaSet", lostNode);
    pod(podItems, "checkout-6c9f8d7b5-" + variant + "cd", "checkout-6c9f8d7b5", "ReplicaSet", otherNode);
    pod(podItems, "orders-db-0", "orders-db", "StatefulSet", lostNode);
    if (replicated) pod(podItems, "orders-db-1", "orders-db", "StatefulSet", otherNode);
    Files.writeString(d.resolve("a-pods.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(pods));
    Files.writeString(d.resolve("nodes.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(nodes));
    Files.writeString(d.resolve("events.csv"), String.join("\n", "timestamp,source,type,entity,message,severity",
        "2024-06-20T14:00:00Z,aws-health,site.power_loss," + lost + ",power lost in one availability zone,critical",
        "2024-06-20T14:03:00Z,apm,service.down,checkout,orders database unreachable,critical", ""));
    Files.writeString(d.resolve("services.csv"), "service,min_hosts,critical,restart_minutes\ncheckout,1,true,10\norders-db,1,true,30\n");
    Files.writeString(d.resolve("dependencies.csv"), "service,depends_on,kind\ncheckout,orders-db,hard\n");
    assertTrue(!lost.equals(other));
    return d;
  }

  private static JsonNode run(Path d) throws Exception {
    return analyze(d.resolve("events.csv").toString(), d.resolve("services.csv").toString(), d.resolve("dependencies.csv").toString(),
        "--from", "k8s-inventory:" + d.resolve("a-pods.json"), "--from", "k8s-inventory:" + d.resolve("nodes.json"));
  }

  private static JsonNode singleSite(JsonNode report, String subject) {
    for (JsonNode h : report.get("hypotheses")) {
      if (h.path("pattern").asText().equals("single-site-dependency") && h.path("subject").asText().equals(subject)
          && List.of("confirmed", "plausible").contains(h.path("verdict").asText())) {
        return h;
      }
    }
    return null;
  }

  @Test
  void aServiceWhosePodsAllRanInTheLostZoneIsTheSingleSiteDependency() throws Exception {
    for (int variant = 0; variant < 3; variant++) {
      Path d = incident("k8s-" + variant, variant, false);
      JsonNode r = run(d);
      JsonNode h = singleSite(r, "orders-db");
      assertNotNull(h, r.get("hypotheses").toString());
      assertEquals(new String[] {"eu-west-1a", "eu-west-1b", "eu-west-1c"}[variant % 3], h.path("site").asText(), h.toString());
      assertTrue(h.path("cause").path("file").asText().endsWith("a-pods.json"), "cites the user's pod export: " + h.path("cause"));

      JsonNode spread = run(incident("k8s-spread-" + variant, variant, true));
      assertEquals(null, singleSite(spread, "orders-db"), spread.get("hypotheses").toString());
    }
  }
}
