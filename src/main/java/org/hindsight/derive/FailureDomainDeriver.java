package org.hindsight.derive;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.facts.Fact;
import org.hindsight.facts.Placement;
import org.hindsight.facts.Topology;
import org.hindsight.world.World;

/**
 * Gives the rules the world's failure domains: one {@link Placement} per component and the
 * {@link Topology} itself (site names, hard-dependency closure), computed once by {@link World} so
 * that rules, simulators and {@code whatif} share one definition.
 */
@AutoService(org.hindsight.derive.FactDeriver.class)
public final class FailureDomainDeriver implements FactDeriver {
  @Override
  public String name() {
    return "failure-domains";
  }

  @Override
  public List<Class<? extends Fact>> factTypes() {
    return List.of(Placement.class, Topology.class);
  }

  @Override
  public List<Fact> derive(World world) {
    List<Fact> out = new ArrayList<>(world.placements());
    out.add(world);
    return out;
  }
}
