package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * ServiceNow CMDB list exports (a {@code cmdb_ci} table or a subclass, exported as CSV with field
 * names — {@code name, sys_class_name, location, ip_address} — or with column labels — {@code Name,
 * Class, Location, IP Address}) → {@code inventory}: the CI's location is its site (map another
 * column with {@code --map inventory:site=COLUMN}), its class its type ({@code Linux Server} → server,
 * {@code IP Router} → router); IP addresses fill the device map. Retired CIs are not imported. A
 * relationship export ({@code cmdb_rel_ci}: {@code parent, type, child}) becomes {@code dependencies}:
 * "Depends on", "Runs on", "Hosted on", "Virtualized by" are hard, "Uses", "Connects to", "Sends data
 * to" soft; other relationship types are counted as not for the format.
 */
@AutoService(Importer.class)
public final class ServiceNowCmdbImporter implements Importer {
  private static final Map<String, String> RELATIONS = Map.of("depends on", "hard", "runs on", "hard", "hosted on", "hard",
      "virtualized by", "hard", "uses", "soft", "connects to", "soft", "sends data to", "soft");
  private static final List<String[]> CLASSES = List.of(new String[] {"router", "router"}, new String[] {"switch", "switch"},
      new String[] {"firewall", "firewall"}, new String[] {"load balancer", "load-balancer"}, new String[] {"lb", "load-balancer"},
      new String[] {"server", "server"}, new String[] {"database", "database"}, new String[] {"db ", "database"},
      new String[] {"storage", "storage"}, new String[] {"application", "process"}, new String[] {"appl", "process"},
      new String[] {"service", "service"}, new String[] {"computer", "host"}, new String[] {"vm instance", "host"});

  @Override
  public String name() {
    return "servicenow-cmdb";
  }

  @Override
  public String summary() {
    return "ServiceNow CMDB export: CIs (name, class, location, IP) → inventory; cmdb_rel_ci → dependencies";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.INVENTORY, LogKind.DEPENDENCIES);
  }

  @Override
  public boolean describesDevices() {
    return true;
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    CsvRecords.each(source, run, List.of("name", "parent"), r -> {
      if (r.header.containsKey("parent") && r.header.containsKey("child")) relation(r, source, run);
      else ci(r, source, run);
    });
  }

  private static void ci(CsvRecords.Rec r, Source source, ImportRun run) {
    String name = r.pick(run, LogKind.INVENTORY, "entity", "name");
    if (name.isEmpty()) {
      run.problem(source, r.line, "CI without a name");
      return;
    }
    String install = r.get("install_status", "status").toLowerCase(Locale.ROOT);
    String operational = r.get("operational_status", "operational status").toLowerCase(Locale.ROOT);
    if (install.equals("retired") || install.equals("7") || operational.equals("retired") || operational.equals("6")) {
      run.ignored(source);
      return;
    }
    String site = r.pick(run, LogKind.INVENTORY, "site", "location", "u_site", "site");
    if (site.isEmpty()) {
      run.problem(source, r.line, "CI " + name + " has no location (its failure domain); name the column that holds it with --map inventory:site=COLUMN");
      return;
    }
    String ciClass = r.get("sys_class_name", "class");
    String type = r.pick(run, LogKind.INVENTORY, "type");
    String ip = r.get("ip_address", "ip address");
    if (!ip.isEmpty()) run.settings().devices().put(ip, name);
    run.row(LogKind.INVENTORY, source, r.line).set("entity", name).set("type", type.isEmpty() ? type(ciClass) : type).set("site", site)
        .set("service", r.pick(run, LogKind.INVENTORY, "service", "business_service", "business service", "u_business_service", "service"))
        .set("role", r.pick(run, LogKind.INVENTORY, "role"))
        .set("platform", NetboxCsvImporter.platform(r.get("os", "operating system", "firmware_version")))
        .set("location", r.get("location")).set("parent", r.pick(run, LogKind.INVENTORY, "parent"))
        .set("ci_class", ciClass).set("ip_address", ip).set("operational_status", operational)
        .set("support_group", r.get("support_group", "support group"));
    run.kept(source);
  }

  private static void relation(CsvRecords.Rec r, Source source, ImportRun run) {
    String parent = r.get("parent");
    String child = r.get("child");
    String type = r.get("type").toLowerCase(Locale.ROOT);
    // "Depends on::Used by": the parent's side names the relation
    String forward = type.contains("::") ? type.substring(0, type.indexOf("::")).trim() : type.trim();
    String kind = RELATIONS.get(forward);
    if (kind == null) {
      run.ignored(source);
      return;
    }
    if (parent.isEmpty() || child.isEmpty()) {
      run.problem(source, r.line, "relationship '" + r.get("type") + "' without a parent or a child");
      return;
    }
    run.row(LogKind.DEPENDENCIES, source, r.line).set("service", parent).set("depends_on", child).set("kind", kind)
        .set("relation", r.get("type"));
    run.kept(source);
  }

  /** A CI class ({@code cmdb_ci_linux_server}, {@code IP Router}) as an inventory type. */
  static String type(String ciClass) {
    String c = ciClass.toLowerCase(Locale.ROOT).replace("cmdb_ci_", "").replace('_', ' ') + " ";
    for (String[] e : CLASSES) {
      if (c.contains(e[0])) return e[1];
    }
    return c.isBlank() ? "ci" : c.trim().replaceAll("[^a-z0-9]+", "-");
  }
}
