package org.hindsight.importer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The importers on the class path, by name (built-ins and any listed in META-INF/services). */
public final class Importers {
  private static final Map<String, Importer> BY_NAME = new TreeMap<>();

  static {
    for (Importer i : ServiceLoader.load(Importer.class, Importers.class.getClassLoader())) BY_NAME.put(i.name(), i);
  }

  private Importers() {}

  public static Optional<Importer> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static List<Importer> all() {
    return List.copyOf(BY_NAME.values());
  }

  public static String names() {
    return String.join(", ", BY_NAME.keySet());
  }
}
