package org.hindsight.derive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The derivers on the class path, in a stable order. */
public final class Derivers {
  private Derivers() {}

  public static List<FactDeriver> all() {
    List<FactDeriver> out = new ArrayList<>();
    ServiceLoader.load(FactDeriver.class, org.hindsight.plugin.Plugins.current()).forEach(out::add);
    out.sort(Comparator.comparing(FactDeriver::name));
    return out;
  }
}
