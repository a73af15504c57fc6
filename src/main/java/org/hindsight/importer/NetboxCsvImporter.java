package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hindsight.facts.Platforms;
import org.hindsight.ingest.LogKind;

/**
 * NetBox table exports (Export → CSV, current view or all data; the bulk-import field names work too).
 * A device export becomes {@code inventory} (name, site, role → type, platform → CLI dialect,
 * location or rack) and fills the device map from its primary IP, so TACACS+ NAS addresses and
 * Prometheus instances imported in the same run name devices; a cable export ({@code Device A},
 * {@code Device B}, {@code Termination A/B}) becomes {@code links}. Devices and cables that are not
 * in service (planned, inventory, offline, decommissioning) are counted as not for the format.
 */
@AutoService(Importer.class)
public final class NetboxCsvImporter implements Importer {
  private static final Set<String> NOT_IN_SERVICE = Set.of("planned", "inventory", "offline", "decommissioning");

  @Override
  public String name() {
    return "netbox-csv";
  }

  @Override
  public String summary() {
    return "NetBox CSV export: devices → inventory (primary IPs name NAS addresses), cables → links";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.INVENTORY, LogKind.LINKS);
  }

  @Override
  public boolean describesDevices() {
    return true;
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    boolean[] cables = {false};
    boolean[] decided = {false};
    CsvRecords.each(source, run, List.of("name", "device a", "side a", "termination a"), r -> {
      if (!decided[0]) {
        decided[0] = true;
        cables[0] = !r.header.containsKey("name") || r.header.containsKey(CsvRecords.norm("termination a"));
        if (cables[0] && !r.header.containsKey(CsvRecords.norm("device a"))) {
          run.fileProblem(source, "a cable export needs the Device A and Device B columns (add them to the table's columns before exporting)");
        }
      }
      if (cables[0]) cable(r, source, run);
      else device(r, source, run);
    });
  }

  private static void device(CsvRecords.Rec r, Source source, ImportRun run) {
    String name = r.pick(run, LogKind.INVENTORY, "entity", "name");
    if (name.isEmpty()) {
      run.problem(source, r.line, "device without a name");
      return;
    }
    String status = r.get("status").toLowerCase(Locale.ROOT);
    if (NOT_IN_SERVICE.contains(status)) {
      run.ignored(source);
      return;
    }
    String site = r.pick(run, LogKind.INVENTORY, "site", "site");
    if (site.isEmpty()) {
      run.problem(source, r.line, "device " + name + " has no Site (the failure domain)");
      return;
    }
    String role = r.get("role", "device role", "device_role");
    String ip = r.get("ip address", "primary ip", "primary_ip", "ipv4 address", "primary ipv4", "primary_ip4", "ipv6 address",
        "primary ipv6", "primary_ip6");
    if (!ip.isEmpty()) run.settings().devices().put(ip, name);
    String type = r.pick(run, LogKind.INVENTORY, "type");
    run.row(LogKind.INVENTORY, source, r.line).set("entity", name).set("type", type.isEmpty() ? type(role) : type)
        .set("site", site).set("platform", platform(r.get("platform")))
        .set("location", r.get("location").isEmpty() ? r.get("rack") : r.get("location"))
        .set("service", r.pick(run, LogKind.INVENTORY, "service"))
        .set("netbox_role", role).set("status", status).set("primary_ip", ip)
        .set("device_type", r.get("type", "device type", "device_type")).set("tenant", r.get("tenant"));
    run.kept(source);
  }

  private static void cable(CsvRecords.Rec r, Source source, ImportRun run) {
    String a = r.pick(run, LogKind.LINKS, "a", "device a", "side a");
    String b = r.pick(run, LogKind.LINKS, "b", "device b", "side b");
    if (NOT_IN_SERVICE.contains(r.get("status").toLowerCase(Locale.ROOT))) {
      run.ignored(source);
      return;
    }
    if (a.isEmpty() || b.isEmpty()) {
      // a circuit termination or a patch panel end names no device: not an adjacency between nodes
      run.ignored(source);
      return;
    }
    run.row(LogKind.LINKS, source, r.line).set("a", a).set("b", b)
        .set("interface_a", r.get("termination a", "a terminations", "side a name")).set("interface_b", r.get("termination b", "b terminations", "side b name"))
        .set("cable", r.get("label").isEmpty() ? r.get("id") : r.get("label")).set("cable_type", r.get("type")).set("status", r.get("status").toLowerCase(Locale.ROOT));
    run.kept(source);
  }

  /** A NetBox role ({@code Core Router}, {@code access-switch}) as an inventory type. */
  static String type(String role) {
    String r = role.toLowerCase(Locale.ROOT);
    for (String t : List.of("router", "switch", "firewall", "server", "load balancer", "storage", "pdu")) {
      if (r.contains(t)) return t.replace(' ', '-');
    }
    if (r.contains("host") || r.contains("hypervisor")) return "server";
    return r.isEmpty() ? "device" : r.replaceAll("[^a-z0-9]+", "-");
  }

  /** A platform name ({@code Cisco IOS-XR}, {@code juniper-junos}) as a CLI dialect ({@link Platforms}); other names lower-cased as they are. */
  static String platform(String platform) {
    String cli = Platforms.cli(platform);
    return cli.isEmpty() ? platform.toLowerCase(Locale.ROOT).replace('_', '-') : cli;
  }
}
