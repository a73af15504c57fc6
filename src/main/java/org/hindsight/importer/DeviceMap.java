package org.hindsight.importer;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hindsight.ingest.InputException;
import org.hindsight.ingest.InputProblem;

/**
 * Addresses to device names: TACACS+ names the NAS by IP, Prometheus the target by
 * {@code host:port}. Filled from {@code --device-map} (any CSV with an address and a name column,
 * e.g. a NetBox device export) and by inventory-like imports of the same run.
 */
public final class DeviceMap {
  static final List<String> ADDRESS_COLUMNS = List.of("address", "ip", "ip_address", "primary_ip", "primary_ipv4",
      "primary ipv4", "primary ip", "ip address", "primary_ip4", "nas", "nas_address");
  static final List<String> NAME_COLUMNS = List.of("device", "name", "entity", "hostname", "host");

  private final Map<String, String> byAddress = new HashMap<>();
  private final Set<String> unmapped = new TreeSet<>();

  public void put(String address, String device) {
    String a = key(address);
    if (!a.isEmpty() && !device.isBlank()) byAddress.putIfAbsent(a, device.trim());
  }

  /** The device an address stands for; the address itself (remembered as unmapped) when unknown. */
  public String device(String address) {
    String a = key(address);
    String d = byAddress.get(a);
    if (d != null) return d;
    String host = hostPart(a);
    d = byAddress.get(host);
    if (d != null) return d;
    if (looksLikeAddress(host)) unmapped.add(host);
    return host;
  }

  public boolean isEmpty() {
    return byAddress.isEmpty();
  }

  /** Addresses seen that no map entry named (said once at the end of an import). */
  public Set<String> unmapped() {
    return unmapped;
  }

  /** Strips a prefix length ({@code 10.0.0.1/32}) and case. */
  static String key(String address) {
    String a = address.trim().toLowerCase(Locale.ROOT);
    int slash = a.indexOf('/');
    return slash > 0 ? a.substring(0, slash) : a;
  }

  /** {@code 10.0.0.1:9100} → {@code 10.0.0.1}; {@code [2001:db8::1]:9100} → {@code 2001:db8::1}. */
  static String hostPart(String a) {
    if (a.startsWith("[")) {
      int close = a.indexOf(']');
      return close > 0 ? a.substring(1, close) : a;
    }
    int colon = a.indexOf(':');
    return colon > 0 && a.indexOf(':', colon + 1) < 0 ? a.substring(0, colon) : a;
  }

  static boolean looksLikeAddress(String s) {
    return s.matches("[0-9.]+") || s.contains(":");
  }

  /** Reads a CSV with an address column and a name column (the first of each found). */
  public void load(Path file) throws InputException {
    String display = file.toString();
    try (Reader in = Source.of(file.toString()).reader();
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true)
            .setTrim(true).build().parse(in)) {
      Map<String, Integer> header = new HashMap<>();
      p.getHeaderMap().forEach((k, v) -> header.put(k.toLowerCase(Locale.ROOT), v));
      Integer addr = ADDRESS_COLUMNS.stream().map(header::get).filter(i -> i != null).findFirst().orElse(null);
      Integer name = NAME_COLUMNS.stream().map(header::get).filter(i -> i != null).findFirst().orElse(null);
      if (addr == null || name == null) {
        throw new InputException(display, "a device map needs an address column (" + String.join(", ", ADDRESS_COLUMNS)
            + ") and a name column (" + String.join(", ", NAME_COLUMNS) + ")");
      }
      for (CSVRecord r : p) {
        if (r.size() > Math.max(addr, name)) put(r.get(addr), r.get(name));
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InputException(List.of(new InputProblem(display, 0, "cannot read device map: " + e.getMessage())));
    }
  }
}
