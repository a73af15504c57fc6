package org.hindsight.drill;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/** The registered incident generators, in a stable order (by pattern) so a seed picks the same one. */
public final class Generators {
  private final List<IncidentGenerator> all;

  public Generators(List<IncidentGenerator> generators) {
    List<IncidentGenerator> sorted = new ArrayList<>(generators);
    sorted.sort(Comparator.comparing(IncidentGenerator::pattern));
    this.all = List.copyOf(sorted);
  }

  public List<IncidentGenerator> all() {
    return all;
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }

  /** The patterns a trainee may answer with (sorted), without {@code none}. */
  public List<String> patterns() {
    return all.stream().map(IncidentGenerator::pattern).distinct().toList();
  }

  /** {@code random} (or null) picks one with {@code random}; otherwise the named pattern's generator. */
  public IncidentGenerator pick(String pattern, RandomGenerator random) throws DrillException {
    if (all.isEmpty()) {
      throw new DrillException("no incident generator is installed, so no drill can be made "
          + "(generators register in META-INF/services/org.hindsight.drill.IncidentGenerator)");
    }
    if (pattern == null || pattern.equals("random")) return all.get(random.nextInt(all.size()));
    return all.stream().filter(g -> g.pattern().equals(pattern)).findFirst().orElseThrow(() -> new DrillException(
        "no generator for pattern '" + pattern + "'; available: " + String.join(", ", patterns()) + ", random"));
  }
}
