package org.hindsight.importer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.hindsight.plugin.Plugins;

/**
 * The importers by name: the built-ins and any a {@code --plugins} jar registers
 * ({@code @AutoService(Importer.class)}), looked up on the loader of the running command.
 */
public final class Importers {
  private Importers() {}

  private static Map<String, Importer> byName() {
    Map<String, Importer> all = new TreeMap<>();
    for (Importer i : ServiceLoader.load(Importer.class, Plugins.current())) all.putIfAbsent(i.name(), i);
    return all;
  }

  public static Optional<Importer> named(String name) {
    return Optional.ofNullable(byName().get(name));
  }

  public static List<Importer> all() {
    return List.copyOf(byName().values());
  }

  public static String names() {
    return String.join(", ", byName().keySet());
  }
}
