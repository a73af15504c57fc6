package org.hindsight.patterns.typoscopedshutdown;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hindsight.patterns.typoscopedshutdown.CommandGrammars;
import org.hindsight.patterns.typoscopedshutdown.FleetIndex;
import org.hindsight.patterns.typoscopedshutdown.ParsedCommand;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.SourceRef;

/**
 * Selector resolution over a synthetic 1,000,000-host inventory (200 services × 5,000 hosts, 2 %
 * of hosts with a second role). Prints the index build time and, per selector kind, the median of
 * several runs after warm-up. Run: {@code java -cp target/hindsight.jar org.hindsight.bench.SelectorBench [hosts]}.
 */
public final class SelectorBench {
  private SelectorBench() {}

  public static void main(String[] args) throws Exception {
    int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int perService = 5_000;
    List<InventoryItem> inv = new ArrayList<>(hosts + hosts / 50);
    SourceRef ref = new SourceRef("inventory.csv", 1);
    for (int i = 0; i < hosts; i++) {
      String service = "svc" + (i / perService);
      String name = String.format(Locale.ROOT, "dc%d-%s-%05d", i % 4, service, i % perService);
      inv.add(new InventoryItem(name, "host", "dc" + (i % 4), service, "", "", "", "", Attributes.NONE, ref));
      if (i % 50 == 7) inv.add(new InventoryItem(name, "host", "dc" + (i % 4), "shared-cache", "", "", "", "", Attributes.NONE, ref));
    }
    long t0 = System.nanoTime();
    FleetIndex index = new FleetIndex(inv);
    long coldMs = (System.nanoTime() - t0) / 1_000_000;
    long[] builds = new long[3];
    for (int r = 0; r < builds.length; r++) {
      long s = System.nanoTime();
      index = new FleetIndex(inv);
      builds[r] = (System.nanoTime() - s) / 1_000_000;
    }
    Arrays.sort(builds);
    System.out.printf(Locale.ROOT, "inventory: %,d hosts, %d services; index build %d ms cold, %d ms median warm (once per incident)%n",
        index.size(), index.serviceCount(), coldMs, builds[1]);

    CommandGrammars grammars = CommandGrammars.load();
    Map<String, String> selectors = new LinkedHashMap<>();
    selectors.put("range", "capctl remove-capacity --hosts 'dc1-svc17-[00100-00400]'");
    selectors.put("glob prefix", "capctl drain 'dc2-svc1*'");
    selectors.put("glob leading *", "capctl drain '*-svc42-0001?'");
    selectors.put("regex anchored", "capctl shutdown --regex '^dc3-svc9-0[0-4]'");
    selectors.put("regex unanchored", "capctl shutdown --regex 'svc1[0-9]-0000[0-3]$'");
    selectors.put("service count", "capctl remove-capacity --service svc120 --count 40");
    selectors.put("service percent", "capctl remove-capacity --service shared-cache --percent 25");
    selectors.put("host list", "capctl drain dc0-svc3-00000,dc1-svc3-00001,dc2-svc3-00002");
    selectors.put("kubectl scale", "kubectl scale deployment/svc77 --replicas=1000");
    int runs = 9;
    double total = 0;
    for (var e : selectors.entrySet()) {
      ParsedCommand p = grammars.parse(e.getValue());
      for (int w = 0; w < 3; w++) p.target().resolve(index); // warm-up
      long[] ns = new long[runs];
      int found = 0;
      for (int r = 0; r < runs; r++) {
        long s = System.nanoTime();
        found = p.target().resolve(index).length;
        ns[r] = System.nanoTime() - s;
      }
      Arrays.sort(ns);
      double ms = ns[runs / 2] / 1e6;
      total += ms;
      System.out.printf(Locale.ROOT, "%-18s %8.3f ms median  (%,d hosts)  %s%n", e.getKey(), ms, found, e.getValue());
    }
    System.out.printf(Locale.ROOT, "all %d selectors: %.1f ms (target: < 1000 ms)%n", selectors.size(), total);
  }
}
