package org.hindsight.derive;

import java.util.List;
import org.hindsight.facts.Fact;
import org.hindsight.world.World;

/**
 * Turns raw log facts into meaning before the rules run: a CLI session replayed into the context
 * each line took effect in, an ops command resolved into the hosts it hit, a metric series into
 * its excursions. Vendor dialects and tool grammars live behind derivers, so rules see one
 * vendor-independent model.
 *
 * <p>Derivers emit neutral facts (what happened), never a verdict: classifications are DRL rules.
 * They are found with {@link java.util.ServiceLoader}: a new one is a class annotated
 * {@code @AutoService(FactDeriver.class)} in its pack, or a line in a plugin jar's
 * {@code META-INF/services/org.hindsight.derive.FactDeriver}.
 */
public interface FactDeriver {
  /** Short name for messages and {@code explain}. */
  String name();

  /** The fact classes this deriver emits (for the fact-model reference and CEP declarations). */
  List<Class<? extends Fact>> factTypes();

  /**
   * Fact classes other derivers make that this one reads through {@link World#derived}: it runs after
   * them ({@link Derivers#inReadOrder}). None by default.
   */
  default List<Class<? extends Fact>> reads() {
    return List.of();
  }

  /** Derived facts; {@link org.hindsight.facts.TimedFact}s are replayed in time order. */
  List<? extends Fact> derive(World world);
}
