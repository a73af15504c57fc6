package org.hindsight.simulate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hindsight.facts.Event;
import org.hindsight.world.World;

/** Symptoms as the logs show them, shared by simulators so they observe the same way. */
public final class Observations {
  private Observations() {}

  /**
   * The first event of {@code type} per entity, as a symptom of kind {@code type}, in time order
   * (e.g. {@code service.down}). Events with an empty entity are not attributable and skipped.
   */
  public static List<Symptom> firstPerEntity(World world, String type) {
    Map<String, Symptom> first = new LinkedHashMap<>();
    for (Event e : world.eventsOfType(type)) {
      if (!e.entity().isEmpty()) {
        first.putIfAbsent(e.entity(), new Symptom(type, e.entity(), e.time(), e.origin()));
      }
    }
    return new ArrayList<>(first.values());
  }

  /** The first event of {@code type} for {@code entity} at or after {@code from}, or null. */
  public static Event firstAfter(World world, String type, String entity, java.time.Instant from) {
    for (Event e : world.eventsOf(entity)) {
      if (e.type().equals(type) && !e.time().isBefore(from)) return e;
    }
    return null;
  }
}
