package org.hindsight.derive;

import com.google.auto.service.AutoService;
import java.util.List;
import org.hindsight.facts.Fact;
import org.hindsight.facts.FailedRequests;
import org.hindsight.world.World;

/** The spells of failed sampled requests per process, as the observation model read them ({@code RequestOutcomes}). */
@AutoService(org.hindsight.derive.FactDeriver.class)
public final class FailedRequestsDeriver implements FactDeriver {
  @Override
  public String name() {
    return "failed-requests";
  }

  @Override
  public List<Class<? extends Fact>> factTypes() {
    return List.of(FailedRequests.class);
  }

  @Override
  public List<FailedRequests> derive(World world) {
    return world.requests().size() == 0 ? List.of() : world.observations().failedRequests();
  }
}
