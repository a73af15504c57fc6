package org.hindsight.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Source metric names to the names rules know: {@code node_cpu*=cpu.util},
 * {@code isis_lsdb_routes=igp.routes}. {@code *} (or {@code …}) matches anything; first match wins;
 * an unmapped name is kept as it is.
 */
public final class MetricMap {
  public static final MetricMap NONE = new MetricMap(List.of());

  private record Entry(Pattern from, String to) {}

  private final List<Entry> entries;

  private MetricMap(List<Entry> entries) {
    this.entries = entries;
  }

  /** @throws IllegalArgumentException for an entry that is not {@code source=name} */
  public static MetricMap parse(List<String> specs) {
    List<Entry> out = new ArrayList<>();
    for (String spec : specs) {
      for (String pair : spec.split(",")) {
        if (pair.isBlank()) continue;
        int eq = pair.lastIndexOf('=');
        if (eq <= 0 || eq == pair.length() - 1) throw new IllegalArgumentException("--metric-map: '" + pair + "' is not source=name");
        String from = pair.substring(0, eq).trim();
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : from.toCharArray()) {
          if (c == '*' || c == '…') {
            if (literal.length() > 0) re.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
            re.append(".*");
          } else {
            literal.append(c);
          }
        }
        if (literal.length() > 0) re.append(Pattern.quote(literal.toString()));
        out.add(new Entry(Pattern.compile(re.toString()),
            pair.substring(eq + 1).trim()));
      }
    }
    return out.isEmpty() ? NONE : new MetricMap(out);
  }

  public String map(String name) {
    for (Entry e : entries) if (e.from.matcher(name).matches()) return e.to;
    return name;
  }

  /** Whether any entry names this source metric. */
  public boolean maps(String name) {
    return entries.stream().anyMatch(e -> e.from.matcher(name).matches());
  }
}
