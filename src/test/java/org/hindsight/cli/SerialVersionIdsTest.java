package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A serializable class given its default {@code serialVersionUID} by the build keeps the id Java computes
 * for it without one, so what was written before reads the same; other classes are left as they were; and
 * the build gave Drools's classes theirs.
 */
class SerialVersionIdsTest {
  /** No id of its own, a static initializer, members of every visibility: all of them enter the default id. */
  public static class Plain implements Serializable {
    static final List<String> NAMES = new ArrayList<>();
    public int count;
    protected String name;
    transient Object cache;
    private double level;

    public Plain() {}

    Plain(int count, String name, double level) {
      this.count = count;
      this.name = name;
      this.level = level;
    }

    public String describe() {
      return count + " " + name + " " + level;
    }

    protected void touch() {}

    private void hidden() {}
  }

  public static class OwnId implements Serializable {
    private static final long serialVersionUID = 7L;
  }

  public static class NotSerializable {
    public int x;
  }

  public enum Kind { A, B }

  public interface Marker extends Serializable {}

  public record Pair(int a, int b) implements Serializable {}

  private static byte[] bytes(Class<?> c) throws IOException {
    try (InputStream in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  /** Defines one class from its bytes, everything else from the test's loader. */
  private static Class<?> define(String name, byte[] classFile) {
    return new ClassLoader(SerialVersionIdsTest.class.getClassLoader()) {
      Class<?> one() {
        return defineClass(name, classFile, 0, classFile.length);
      }
    }.one();
  }

  private static long declaredId(Class<?> c) throws ReflectiveOperationException {
    Field f = c.getDeclaredField("serialVersionUID");
    int mask = Modifier.STATIC | Modifier.FINAL;
    assertEquals(mask, f.getModifiers() & mask, c + ": static final");
    assertEquals(long.class, f.getType());
    f.setAccessible(true);
    return f.getLong(null);
  }

  @Test
  void theDeclaredIdIsTheDefaultOneAndOldStreamsReadTheSame() throws Exception {
    byte[] original = bytes(Plain.class);
    byte[] declared = SerialVersionIds.declare(original, getClass().getClassLoader());
    assertNotSame(original, declared);
    Class<?> rewritten = define(Plain.class.getName(), declared);
    long defaultId = ObjectStreamClass.lookup(Plain.class).getSerialVersionUID();
    assertEquals(defaultId, declaredId(rewritten));
    assertEquals(defaultId, ObjectStreamClass.lookup(rewritten).getSerialVersionUID());

    ByteArrayOutputStream written = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(written)) {
      out.writeObject(new Plain(3, "x", 2.5));
    }
    Object read;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(written.toByteArray())) {
      @Override
      protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        return desc.getName().equals(Plain.class.getName()) ? rewritten : super.resolveClass(desc);
      }
    }) {
      read = in.readObject();
    }
    assertSame(rewritten, read.getClass());
    assertEquals("3 x 2.5", rewritten.getMethod("describe").invoke(read));
  }

  @Test
  void otherClassesAreLeftAsTheyWere() throws Exception {
    for (Class<?> c : List.of(OwnId.class, NotSerializable.class, Kind.class, Marker.class, Pair.class)) {
      byte[] original = bytes(c);
      assertSame(original, SerialVersionIds.declare(original, getClass().getClassLoader()), c.getName());
    }
    byte[] unloadable = bytes(Plain.class);
    ClassLoader empty = new ClassLoader(null) {};
    assertSame(unloadable, SerialVersionIds.declare(unloadable, empty), "a class the loader cannot find keeps computing its id");
  }

  /**
   * Classes of the pre-compiled rules' stream that declare no id in Drools's jars: the build's copies (first on
   * the class path, as in the shaded jar) declare the id the jars' own classes get by default.
   */
  @Test
  void theBuildGaveDroolssSerializableClassesTheirDefaultIds() throws Exception {
    for (String name : List.of("org.drools.mvel.MVELConstraint", "org.drools.base.definitions.rule.impl.RuleImpl")) {
      String resource = name.replace('.', '/') + ".class";
      URL inJar = null;
      for (URL u : Collections.list(getClass().getClassLoader().getResources(resource))) {
        if (u.getProtocol().equals("jar")) inJar = u;
      }
      assertTrue(inJar != null, name + " in its jar");
      byte[] original;
      try (InputStream in = inJar.openStream()) {
        original = in.readAllBytes();
      }
      Class<?> asShipped = define(name, original);
      assertTrue(java.util.Arrays.stream(asShipped.getDeclaredFields()).noneMatch(f -> f.getName().equals("serialVersionUID")),
          name + " declares no id in its jar");
      Class<?> built = Class.forName(name, false, getClass().getClassLoader());
      assertEquals(ObjectStreamClass.lookup(asShipped).getSerialVersionUID(), declaredId(built), name);
    }
  }
}
