package org.hindsight.patterns.singlesitedependency;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.derive.FailureDomainDeriver;
import org.hindsight.engine.Budget;
import org.hindsight.engine.RuleBase;
import org.hindsight.engine.RuleSession;
import org.hindsight.engine.SessionOutcome;
import org.hindsight.facts.Fact;
import org.hindsight.ingest.Bundle;
import org.hindsight.ingest.BundleReader;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.propagation.FailurePropagation.Outage;
import org.hindsight.simulate.propagation.SiteLoss;
import org.hindsight.world.World;

/**
 * Speed of the single-site-dependency analysis at scale: 10,000 services, 100,000 inventory
 * components over 10 sites (5 % of services single-sited), layered hard dependencies with shared
 * platform services, one site lost.
 *
 * <p>Java path (timed, the target is under 1 s): placement of every component, the full hard
 * closure of every service, and the site-loss replay with recovery. DRL path (timed separately):
 * the rule session over the same facts plus the fire and the resulting service.down events.
 *
 * <pre>java -cp target/hindsight.jar org.hindsight.bench.SiteLossBench [services] [runs]</pre>
 */
public final class SiteLossBench {
  public static void main(String[] args) throws Exception {
    int services = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path dir = Files.createTempDirectory("hindsight-siteloss-bench");
    generate(dir, services, 10, 10, new Random(42));
    Bundle bundle = BundleReader.builder().build().readArgs(List.of(dir.toString()));
    World world = new World(bundle);
    System.out.printf("input: %,d services, %,d inventory items, %,d dependencies, %d sites%n",
        bundle.services().size(), bundle.inventory().size(), bundle.dependencies().size(), world.sites().size());

    long[] java = new long[runs];
    long closureSize = 0;
    int down = 0;
    for (int r = -2; r < runs; r++) { // two warm-up runs
      long t0 = System.nanoTime();
      SimulationBudget budget = SimulationBudget.defaults();
      World fresh = new World(bundle); // closures are memoised per world: measure them from scratch
      fresh.placements();
      long total = 0;
      for (var s : bundle.services()) total += fresh.hardClosure(s.service()).size();
      Instant at = Instant.parse("2024-01-01T00:00:00Z");
      Map<String, Outage> outages = new SiteLoss(fresh).run("site-0", at, at.plus(Duration.ofHours(2)), Set.of(), budget);
      long t = System.nanoTime() - t0;
      if (r >= 0) java[r] = t;
      closureSize = total;
      down = outages.size();
    }
    System.out.printf("java: closure of every service (%,d pairs) + site-loss replay (%,d down): median %.0f ms (runs: %s)%n",
        closureSize, down, median(java) / 1e6, ms(java));

    // DRL path: the rules over the same facts, with the fire and the down events it caused.
    Analyzer analyzer = new Analyzer();
    RuleBase rules = analyzer.compileRules(AnalysisOptions.builder()
        .rules(AnalysisOptions.builtInRules().resolve("single-site-dependency")).build());
    Path events = dir.resolve("events.csv");
    Instant at = Instant.parse("2024-01-01T00:00:00Z");
    Map<String, Outage> outages = new SiteLoss(world).run("site-0", at, null, Set.of(), SimulationBudget.defaults());
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(events, StandardCharsets.UTF_8))) {
      w.println("timestamp,source,type,entity,message,severity");
      w.println(at + ",bench,site.fire,site-0,,critical");
      for (Outage o : outages.values()) w.println(o.down().plus(Duration.ofSeconds(30)) + ",bench,service.down," + o.service() + ",,critical");
    }
    Bundle withEvents = BundleReader.builder().build().readArgs(List.of(dir.toString()));
    int drlRuns = Math.max(1, Math.min(runs, 3));
    long[] drl = new long[drlRuns];
    int hypotheses = 0;
    for (int r = -1; r < drlRuns; r++) {
      long t0 = System.nanoTime();
      List<Fact> structure = new ArrayList<>(withEvents.structure());
      structure.addAll(new FailureDomainDeriver().derive(new World(withEvents))); // placements and the topology
      SessionOutcome out = new RuleSession(rules, new Budget(50_000_000L, Duration.ofSeconds(300)))
          .run(structure, withEvents.timeline());
      long t = System.nanoTime() - t0;
      if (r >= 0) drl[r] = t;
      hypotheses = out.hypotheses().size();
    }
    System.out.printf("drl: rule session (placement facts, detection over the hard closure; %d hypotheses): median %.0f ms (runs: %s)%n",
        hypotheses, median(drl) / 1e6, ms(drl));
  }

  /** Services in groups of 100 in 5 layers; each depends hard on 2 services of the next layer of its group and one shared platform service. */
  static void generate(Path dir, int services, int itemsPerService, int sites, Random random) throws IOException {
    int platform = 50;
    try (PrintWriter inv = writer(dir.resolve("inventory.csv"));
        PrintWriter deps = writer(dir.resolve("dependencies.csv"));
        PrintWriter svc = writer(dir.resolve("services.csv"))) {
      inv.println("entity,type,site,service,role,location");
      deps.println("service,depends_on,kind");
      svc.println("service,min_hosts,critical,restart_minutes");
      for (int i = 0; i < services; i++) {
        String name = "svc-" + i;
        boolean single = random.nextInt(100) < 5;
        int home = random.nextInt(sites);
        int spread = single ? 1 : 2 + random.nextInt(2);
        for (int k = 0; k < itemsPerService; k++) {
          int site = (home + k % spread) % sites;
          inv.println("h-" + i + "-" + k + ",server,site-" + site + "," + name + "," + (k == 0 ? "primary" : "replica") + ",hall-" + site);
        }
        svc.println(name + ",1," + (i % 7 == 0) + "," + (5 + random.nextInt(40)));
        if (i < platform) continue; // platform services depend on nothing
        int group = (i - platform) / 100;
        int inGroup = (i - platform) % 100;
        int layer = inGroup / 20;
        if (layer < 4) {
          for (int d = 0; d < 2; d++) {
            int target = platform + group * 100 + (layer + 1) * 20 + random.nextInt(20);
            if (target < services) deps.println(name + ",svc-" + target + ",hard");
          }
        }
        deps.println(name + ",svc-" + random.nextInt(platform) + "," + (random.nextInt(4) == 0 ? "soft" : "hard"));
      }
    }
  }

  private static PrintWriter writer(Path p) throws IOException {
    return new PrintWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8));
  }

  private static double median(long[] a) {
    long[] s = a.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
  }

  private static String ms(long[] a) {
    StringBuilder sb = new StringBuilder();
    for (long v : a) sb.append(sb.length() == 0 ? "" : ", ").append(v / 1_000_000);
    return sb.toString();
  }
}
