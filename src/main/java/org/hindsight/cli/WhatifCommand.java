package org.hindsight.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hindsight.analysis.BlastRadius;
import org.hindsight.ingest.Bundle;
import org.hindsight.report.BlastRadiusReport;
import org.hindsight.report.Reports;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.world.World;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "whatif", mixinStandardHelpOptions = true,
    description = {"Pre-mortem: what does losing a site take down? Replays the loss of one site (--fail-site) "
        + "or of every site in turn over the inventory, services and hard dependencies, with the same "
        + "site-loss model that validates single-site-dependency hypotheses. Needs no incident in the logs."},
    footer = ExitCode.HELP)
final class WhatifCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "INPUT",
      description = "A folder of CSV logs, a CSV file, or kind=path (inventory, services and dependencies are used).")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--fail-site", paramLabel = "SITE", description = "The site to lose (a `site` of the inventory); default: every site in turn.")
  String site;

  @Option(names = "--down-for", paramLabel = "DURATION", defaultValue = "PT0S",
      description = "How long the site stays down before power returns, ISO-8601 (default: ${DEFAULT-VALUE}: recovery is the restart chain alone).")
  Duration downFor;

  @Mixin ReadOptions read;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    if (downFor.isNegative()) throw new UsageException("--down-for must not be negative: " + downFor);
    if (output.format != Reports.Format.md && output.format != Reports.Format.json && output.format != Reports.Format.html) {
      throw new UsageException("whatif writes md, json or html, not " + output.format);
    }
    output.refuseInputs(inputs, List.of());
    Bundle bundle = read.reader().build().readArgs(inputs);
    ReadOptions.reportSkipped(bundle.stats(), System.err);
    World world = new World(bundle);
    if (world.sites().isEmpty()) throw new UsageException("the input has no inventory rows, so there is no site to lose");
    List<String> sites;
    if (site != null) {
      if (!world.sites().contains(site)) {
        String named = world.siteOf(site);
        if (named.isEmpty()) {
          throw new UsageException("unknown site '" + site + "'; sites in the inventory: " + String.join(", ", world.sites()));
        }
        sites = List.of(named);
      } else {
        sites = List.of(site);
      }
    } else {
      sites = world.sites();
    }
    List<BlastRadius.SiteImpact> impacts = new ArrayList<>();
    for (String s : sites) impacts.add(BlastRadius.of(world, s, downFor, SimulationBudget.defaults()));
    output.write(BlastRadiusReport.render(impacts, downFor, site != null, output.format));
    return ExitCode.OK;
  }
}
