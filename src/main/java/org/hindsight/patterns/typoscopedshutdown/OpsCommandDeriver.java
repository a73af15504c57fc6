package org.hindsight.patterns.typoscopedshutdown;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hindsight.derive.FactDeriver;
import org.hindsight.facts.CommandScope;
import org.hindsight.facts.Fact;
import org.hindsight.facts.ServiceLoss;
import org.hindsight.world.World;

/**
 * Turns each {@code ops-commands} row into a {@link CommandScope} (what it hit, what was meant) and
 * each capacity-removing command into one {@link ServiceLoss} per service it took hosts from.
 * Commands no grammar reads still become a {@code CommandScope} (understood = false), so rules and
 * reports list them instead of dropping them.
 */
@AutoService(org.hindsight.derive.FactDeriver.class)
public final class OpsCommandDeriver implements FactDeriver {
  @Override
  public String name() {
    return "ops-commands";
  }

  @Override
  public List<Class<? extends Fact>> factTypes() {
    return List.of(CommandScope.class, ServiceLoss.class);
  }

  @Override
  public List<Fact> derive(World world) {
    List<Fact> out = new ArrayList<>();
    if (world.opsCommands().isEmpty()) return out;
    OpsCommands ops = new OpsCommands(world, CommandGrammars.load());
    FleetIndex index = ops.index();
    BitSet removed = new BitSet(index.size());
    Map<String, List<String>> affected = new java.util.HashMap<>(); // one list per service, shared by its losses
    for (OpsCommands.Interpreted it : ops.commands()) {
      out.add(scope(ops, it));
      if (!it.tookEffect()) continue;
      Map<String, int[]> lostBy = new TreeMap<>();
      for (int h : it.hosts()) {
        if (removed.get(h)) continue;
        for (String s : index.servicesOf(h)) {
          int[] c = lostBy.computeIfAbsent(s, k -> new int[2]);
          c[0]++;
          if (it.intendedHosts() != null && Arrays.binarySearch(it.intendedHosts(), h) < 0) c[1]++;
        }
      }
      for (int h : it.hosts()) removed.set(h);
      lostBy.forEach((service, c) -> out.add(new ServiceLoss(it.command.time(), it.command.origin(), it.seq(), service,
          index.hostsOf(service).length, c[0], c[1],
          affected.computeIfAbsent(service, k -> affected(world, k)))));
    }
    return out;
  }

  /** The service and every service that needs it over hard dependencies (the world's one closure). */
  private static List<String> affected(World world, String service) {
    List<String> out = new ArrayList<>();
    out.add(service);
    out.addAll(world.hardDependents(service));
    return org.hindsight.util.HashedList.copyOf(out);
  }

  static CommandScope scope(OpsCommands ops, OpsCommands.Interpreted it) {
    var c = it.command;
    ParsedCommand p = it.parsed();
    String tool = p != null ? p.tool() : firstWord(c.command());
    OpsCommands.Intent in = it.intent();
    int intended = in.maxHosts() >= 0 ? in.maxHosts() : in.hosts() != null ? in.hosts().length : -1;
    int[] part = it.intendedHosts() == null ? new int[0] : it.intendedHosts();
    return new CommandScope(c.time(), c.command(), c.operator(), c.ticket(), tool, p != null ? p.action() : "",
        p != null ? p.selectorText() : "", p != null, it.problem(), it.tookEffect(),
        ops.names(it.hosts()), ops.perService(it.hosts()), it.withinIntent(), it.slipSelector(), in.source(), in.ref(),
        it.intendedSelector(), intended, List.copyOf(in.services()), ops.names(part), it.scopeSource(), it.effectHosts(),
        it.unresolved(), c.origin());
  }

  private static String firstWord(String command) {
    String t = command.trim();
    int sp = t.indexOf(' ');
    return CommandGrammar.program(sp < 0 ? t : t.substring(0, sp));
  }
}
