package org.hindsight.plugin;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Extra pattern packs from jars, without rebuilding Hindsight: {@code --plugins DIR} puts every jar
 * of DIR on a class loader whose parent is Hindsight's own, and makes it the thread's context class
 * loader while the command runs. Every extension point is found with {@link java.util.ServiceLoader}
 * on that loader (derivers, simulators, command grammars, drill generators) and the rule compiler
 * sees the jars' classes too, so a plugin pack registers exactly as a built-in one does
 * ({@code META-INF/services}, e.g. written by {@code @AutoService}).
 */
public final class Plugins {
  private Plugins() {}

  /** A class loader over the jars of {@code dir} (sorted by name); an error when it is not a folder of jars. */
  public static URLClassLoader loader(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) throw new IOException("--plugins " + dir + ": not a folder");
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) jars.add(url(p));
    }
    if (jars.isEmpty()) throw new IOException("--plugins " + dir + ": no .jar file in it");
    return new URLClassLoader("hindsight-plugins", jars.toArray(new URL[0]), Plugins.class.getClassLoader());
  }

  /** Runs {@code work} with the plugins of {@code dir} visible (dir null: as is), then closes their loader. */
  public static <T> T with(Path dir, Callable<T> work) throws Exception {
    if (dir == null) return work.call();
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader plugins = loader(dir)) {
      thread.setContextClassLoader(plugins);
      return work.call();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /** The loader extensions are looked up with on this thread: the plugins' when a command loaded them. */
  public static ClassLoader current() {
    ClassLoader l = Thread.currentThread().getContextClassLoader();
    return l != null ? l : Plugins.class.getClassLoader();
  }

  private static URL url(Path p) throws MalformedURLException {
    return p.toAbsolutePath().toUri().toURL();
  }
}
