package org.hindsight.patterns.missingexit;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.derive.FactDeriver;
import org.hindsight.facts.CliLines;
import org.hindsight.facts.CommandEffect;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Fact;
import org.hindsight.facts.IgpDomain;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.Link;
import org.hindsight.facts.SourceRef;
import org.hindsight.world.World;

/**
 * Groups {@code links} by interior gateway protocol into flooding domains and says whether each is
 * flat (one area/level) and whether anything caps the routes it carries.
 */
@AutoService(org.hindsight.derive.FactDeriver.class)
public final class IgpDomainDeriver implements FactDeriver {
  /** Inventory attribute that records a route cap configured outside the logged sessions. */
  public static final String LIMIT_ATTRIBUTE = "igp_route_limit";

  @Override
  public String name() {
    return "igp-domains";
  }

  @Override
  public List<Class<? extends Fact>> factTypes() {
    return List.of(IgpDomain.class);
  }

  /** A route cap typed in a logged session counts: the replay says where each line took effect. */
  @Override
  public List<Class<? extends Fact>> reads() {
    return List.of(CliLines.class);
  }

  @Override
  public List<IgpDomain> derive(World world) {
    Map<String, List<Link>> byProtocol = new LinkedHashMap<>();
    for (Link l : world.links()) {
      String p = Protocols.normalise(l.protocol());
      if (Protocols.igp(p)) byProtocol.computeIfAbsent(p, k -> new ArrayList<>()).add(l);
    }
    List<IgpDomain> out = new ArrayList<>();
    for (var e : byProtocol.entrySet()) {
      Set<String> routers = new HashSet<>();
      Set<String> areas = new HashSet<>();
      for (Link l : e.getValue()) {
        routers.add(l.a());
        routers.add(l.b());
        String area = !l.attr("area").isEmpty() ? l.attr("area") : l.attr("level");
        areas.add(area);
      }
      SourceRef limit = limitRef(world, e.getKey(), routers);
      out.add(new IgpDomain(e.getKey(), routers.size(), e.getValue().size(), areas.size() <= 1, limit != null, limit,
          e.getValue().get(0).origin()));
    }
    return out;
  }

  private static SourceRef limitRef(World world, String protocol, Set<String> routers) {
    for (String r : routers) {
      InventoryItem i = world.item(r).orElse(null);
      if (i != null && !i.attr(LIMIT_ATTRIBUTE).isEmpty()) return i.origin();
    }
    CliLines lines = world.derived(CliLines.class).stream().findFirst().orElse(null);
    if (lines == null) return null;
    // device by device in the order of their first session, then session by session in typed order (as replayed)
    Map<String, List<List<ConfigCommand>>> byDevice = new LinkedHashMap<>();
    for (List<ConfigCommand> s : world.configSessions().values()) {
      if (routers.contains(s.get(0).device())) byDevice.computeIfAbsent(s.get(0).device(), k -> new ArrayList<>()).add(s);
    }
    for (List<List<ConfigCommand>> sessions : byDevice.values()) {
      for (List<ConfigCommand> s : sessions) {
        List<CommandEffect> typed = new ArrayList<>(lines.ofSession(s.get(0).device(), s.get(0).session()));
        typed.sort(java.util.Comparator.comparingInt(CommandEffect::seq));
        for (CommandEffect e : typed) {
          if (e.effective() && e.limit() && !e.negated() && e.contextProtocol().equals(protocol)) return e.origin();
        }
      }
    }
    return null;
  }
}
