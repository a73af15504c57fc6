package org.hindsight.derive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.hindsight.facts.Fact;

/** The derivers on the class path, in a stable order. */
public final class Derivers {
  private Derivers() {}

  public static List<FactDeriver> all() {
    List<FactDeriver> out = new ArrayList<>();
    ServiceLoader.load(FactDeriver.class, org.hindsight.plugin.Plugins.current()).forEach(out::add);
    out.sort(Comparator.comparing(FactDeriver::name));
    return inReadOrder(out);
  }

  /**
   * The same derivers, each after those making what it {@link FactDeriver#reads reads}; otherwise in
   * the given order. A deriver reading what it or a later one makes (a cycle) keeps its place: it then
   * sees only what the derivers before it made.
   */
  public static List<FactDeriver> inReadOrder(List<FactDeriver> derivers) {
    List<FactDeriver> left = new ArrayList<>(derivers);
    List<FactDeriver> out = new ArrayList<>(derivers.size());
    while (!left.isEmpty()) {
      FactDeriver next = null;
      for (FactDeriver d : left) {
        if (left.stream().noneMatch(o -> o != d && makesWhatItReads(o, d))) {
          next = d;
          break;
        }
      }
      if (next == null) next = left.get(0); // a cycle: keep the given order
      left.remove(next);
      out.add(next);
    }
    return out;
  }

  private static boolean makesWhatItReads(FactDeriver maker, FactDeriver reader) {
    for (Class<? extends Fact> read : reader.reads()) {
      for (Class<? extends Fact> made : maker.factTypes()) if (read.isAssignableFrom(made)) return true;
    }
    return false;
  }
}
