package org.hindsight.simulate;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The simulators on the class path, by pattern. */
public final class Simulators {
  private final Map<String, Simulator> byPattern = new TreeMap<>();

  public static Simulators load() {
    Simulators s = new Simulators();
    ServiceLoader.load(Simulator.class, org.hindsight.plugin.Plugins.current()).forEach(s::register);
    return s;
  }

  public Simulators register(Simulator simulator) {
    byPattern.put(simulator.pattern(), simulator);
    return this;
  }

  public Optional<Simulator> forPattern(String pattern) {
    return Optional.ofNullable(byPattern.get(pattern));
  }

  /** Every simulator on the class path, by pattern. */
  public java.util.Collection<Simulator> all() {
    return java.util.Collections.unmodifiableCollection(byPattern.values());
  }

  public java.util.Set<String> patterns() {
    return byPattern.keySet();
  }
}
