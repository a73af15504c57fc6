package org.hindsight.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.hindsight.facts.CommandEffect;
import org.hindsight.facts.Change;
import org.hindsight.facts.Fact;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;

class DeriversTest {
  private record Stub(String name, List<Class<? extends Fact>> factTypes, List<Class<? extends Fact>> reads)
      implements FactDeriver {
    @Override
    public List<? extends Fact> derive(World world) {
      return List.of();
    }
  }

  private static List<String> names(List<FactDeriver> ds) {
    return ds.stream().map(FactDeriver::name).toList();
  }

  @Test
  void aDeriverRunsAfterTheOnesMakingWhatItReads() {
    var changes = new Stub("changes", List.of(Change.class), List.of(CommandEffect.class));
    var other = new Stub("anomalies", List.of(), List.of());
    var effects = new Stub("sessions", List.of(CommandEffect.class), List.of());
    assertEquals(List.of("anomalies", "sessions", "changes"), names(Derivers.inReadOrder(List.of(changes, other, effects))));
  }

  @Test
  void withoutReadsTheGivenOrderStands() {
    var a = new Stub("a", List.of(Change.class), List.of());
    var b = new Stub("b", List.of(CommandEffect.class), List.of());
    assertEquals(List.of("a", "b"), names(Derivers.inReadOrder(List.of(a, b))));
  }

  @Test
  void aCycleKeepsTheGivenOrder() {
    var a = new Stub("a", List.of(Change.class), List.of(CommandEffect.class));
    var b = new Stub("b", List.of(CommandEffect.class), List.of(Change.class));
    assertEquals(List.of("a", "b"), names(Derivers.inReadOrder(List.of(a, b))));
  }
}
