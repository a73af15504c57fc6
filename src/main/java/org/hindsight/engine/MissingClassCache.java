package org.hindsight.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parent of a pre-compiled rule base's class loader: asks its own parent for every class and
 * remembers the names that parent does not have. MVEL resolves each identifier of a constraint
 * ({@code $w}, {@code type}, {@code millis} …) as a class of every imported package, through Drools
 * loaders that each ask their parent again: on the KT sample about a thousand misses, some names 45
 * times over, and over four thousand exceptions with stack traces on every start. The parent's classes
 * are fixed (the application's class path, or a plugin's jars), so a name it did not have stays missing:
 * a repeated miss is answered at once, with an exception that carries no stack trace.
 */
final class MissingClassCache extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Set<String> missing = ConcurrentHashMap.newKeySet();

  MissingClassCache(ClassLoader parent) {
    super(parent);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (missing.contains(name)) throw new Missing(name);
    try {
      return getParent().loadClass(name);
    } catch (ClassNotFoundException e) {
      missing.add(name);
      throw e;
    }
  }

  /** Whether the parent was found not to have the class. */
  boolean remembersMissing(String name) {
    return missing.contains(name);
  }

  /** A class the parent did not have the first time: the same message, no stack trace to fill. */
  private static final class Missing extends ClassNotFoundException {
    private static final long serialVersionUID = 1L;

    Missing(String name) {
      super(name);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
