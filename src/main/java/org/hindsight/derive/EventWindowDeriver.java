package org.hindsight.derive;

import com.google.auto.service.AutoService;
import java.util.List;
import org.hindsight.facts.EventWindows;
import org.hindsight.facts.Fact;
import org.hindsight.world.World;

/**
 * Gives the rules the world's events by time window ({@link EventWindows}), answered from the
 * world's column-wise indexes: rules that only look at the events near a few other facts read them
 * there, so the session holds no fact per event of those types.
 */
@AutoService(org.hindsight.derive.FactDeriver.class)
public final class EventWindowDeriver implements FactDeriver {
  @Override
  public String name() {
    return "event-windows";
  }

  @Override
  public List<Class<? extends Fact>> factTypes() {
    return List.of(EventWindows.class);
  }

  @Override
  public List<Fact> derive(World world) {
    return List.of(world.eventWindows());
  }
}
