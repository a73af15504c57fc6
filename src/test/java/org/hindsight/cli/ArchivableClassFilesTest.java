package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * picocli's class files rewritten by the build step: each one a Java 8 class file that the JVM's
 * verifier accepts (so its stack maps are right) and that behaves as before.
 */
class ArchivableClassFilesTest {
  /** A library's own jar on the test class path (the build's classes hold the rewritten copies). */
  private static Path jar(String namePattern) {
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (e.matches(".*[/\\\\]" + namePattern)) return Path.of(e);
    }
    throw new AssertionError(namePattern + " is not on the test class path");
  }

  private static Path picocliJar() {
    return jar("picocli-[0-9.]+\\.jar");
  }

  private static Map<String, byte[]> classes(Path jarPath) throws IOException {
    return classes(jarPath, "");
  }

  private static Map<String, byte[]> classes(Path jarPath, String prefix) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (JarFile jar = new JarFile(jarPath.toFile())) {
      for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements();) {
        JarEntry e = en.nextElement();
        if (!e.getName().endsWith(".class") || e.getName().startsWith("META-INF/") || !e.getName().startsWith(prefix)) continue;
        try (InputStream in = jar.getInputStream(e)) {
          out.put(e.getName().substring(0, e.getName().length() - ".class".length()).replace('/', '.'), in.readAllBytes());
        }
      }
    }
    return out;
  }

  private static int major(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }

  @Test
  void everyPicocliClassBecomesAJava8ClassFileThatVerifiesAndRuns() throws Exception {
    Map<String, byte[]> original = classes(picocliJar());
    assertTrue(original.values().stream().anyMatch(b -> major(b) < 50), "picocli ships Java 5 class files (else this step is moot)");
    ClassLoader loader = upgradedAndLoaded(original);

    // and it still parses a command line
    Class<?> commandLine = Class.forName("picocli.CommandLine", true, loader);
    Object spec = call(Class.forName("picocli.CommandLine$Model$CommandSpec", true, loader), null, "create", new Class<?>[0]);
    Class<?> optionSpec = Class.forName("picocli.CommandLine$Model$OptionSpec", true, loader);
    Object builder = call(optionSpec, null, "builder", new Class<?>[] {String.class, String[].class}, "--name", new String[0]);
    call(builder.getClass(), builder, "type", new Class<?>[] {Class.class}, String.class);
    Object option = call(builder.getClass(), builder, "build", new Class<?>[0]);
    call(spec.getClass(), spec, "addOption", new Class<?>[] {optionSpec}, option);
    Object cli = commandLine.getConstructor(Object.class).newInstance(spec);
    Object parsed = call(commandLine, cli, "parseArgs", new Class<?>[] {String[].class}, (Object) new String[] {"--name", "kt"});
    assertEquals("kt", call(parsed.getClass(), parsed, "matchedOptionValue", new Class<?>[] {String.class, Object.class}, "--name", null));
  }

  @Test
  void mvelsCopyOfAsmBecomesJava8ClassFilesThatVerify() throws Exception {
    Map<String, byte[]> original = classes(jar("mvel2-[0-9.]+(Final)?\\.jar"), "org/mvel2/asm/");
    assertTrue(original.values().stream().filter(b -> major(b) < 50).count() > 30, "mvel2 ships its ASM as Java 5 class files");
    upgradedAndLoaded(original);
  }

  /**
   * Rewrites the classes, checks they are Java 8 class files, and loads and initialises each one
   * apart from the test's own copy, by a loader whose classes the JVM verifies: wrong stack maps fail
   * here with a VerifyError.
   */
  private ClassLoader upgradedAndLoaded(Map<String, byte[]> original) throws ClassNotFoundException {
    Map<String, byte[]> upgraded = new HashMap<>();
    original.forEach((name, bytes) -> upgraded.put(name, ArchivableClassFiles.upgrade(bytes)));
    upgraded.forEach((name, bytes) -> assertEquals(52, major(bytes), name));
    ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
          byte[] b = upgraded.get(name);
          if (b == null) return super.loadClass(name, resolve);
          Class<?> c = findLoadedClass(name);
          return c != null ? c : defineClass(name, b, 0, b.length);
        }
      }
    };
    for (String name : upgraded.keySet()) {
      if (name.endsWith("module-info")) continue;
      assertSame(loader, Class.forName(name, true, loader).getClassLoader(), name);
    }
    return loader;
  }

  /** A public method, also one declared in a package-private class of picocli's. */
  private static Object call(Class<?> type, Object target, String name, Class<?>[] parameters, Object... args) throws Exception {
    java.lang.reflect.Method m = type.getMethod(name, parameters);
    m.setAccessible(true);
    return m.invoke(target, args);
  }

  @Test
  void aClassFileOfJava6OrLaterIsLeftAsItIs() throws IOException {
    byte[] own;
    try (InputStream in = ArchivableClassFiles.class.getResourceAsStream("ArchivableClassFiles.class")) {
      own = in.readAllBytes();
    }
    assertSame(own, ArchivableClassFiles.upgrade(own));
  }

  @Test
  void theStepWritesEveryClassOfTheJarAndNothingOfItsMetaInf(@TempDir Path out) throws IOException {
    ArchivableClassFiles.main(new String[] {out.toString(), picocliJar().toString()});
    Map<String, byte[]> original = classes(picocliJar());
    for (String name : original.keySet()) {
      if (name.endsWith("module-info")) continue;
      Path written = out.resolve(name.replace('.', '/') + ".class");
      assertTrue(Files.isRegularFile(written), name);
      assertEquals(52, major(Files.readAllBytes(written)), name);
    }
    assertFalse(Files.exists(out.resolve("META-INF")));
  }
}
