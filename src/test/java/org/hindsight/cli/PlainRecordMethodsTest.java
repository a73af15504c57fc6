package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Records given plain equals/hashCode/toString by the build step behave as javac's ObjectMethods
 * versions: the test's own records (which the build leaves as javac wrote them) against their
 * rewritten copies, on values chosen to collide, NaNs and signed zeros, nulls and arrays.
 */
class PlainRecordMethodsTest {
  record Mixed(int i, long l, float f, double d, char c, boolean z, String s, Object o, int[] a) {}

  record Empty() {}

  record One(String only) {}

  record WithBytes(byte b, String s) {}

  private static byte[] bytes(Class<?> c) throws IOException {
    try (InputStream in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  private static boolean callsObjectMethods(byte[] classFile) {
    boolean[] found = {false};
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
            if (bsm.getOwner().equals("java/lang/runtime/ObjectMethods")) found[0] = true;
          }
        };
      }
    }, 0);
    return found[0];
  }

  /**
   * The rewritten copy of a record class, defined by a loader of its own (the verifier checks it) with a
   * copy of this class, its declaring class (which {@code getSimpleName} reads).
   */
  private static Class<?> rewritten(Class<?> record) throws IOException, ClassNotFoundException {
    byte[] before = bytes(record);
    byte[] after = PlainRecordMethods.rewrite(before);
    assertNotSame(before, after, record + " was not rewritten");
    assertFalse(callsObjectMethods(after), record + " still calls ObjectMethods");
    byte[] outer = bytes(PlainRecordMethodsTest.class);
    ClassLoader loader = new ClassLoader(PlainRecordMethodsTest.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        byte[] own = name.equals(record.getName()) ? after : name.equals(PlainRecordMethodsTest.class.getName()) ? outer : null;
        if (own == null) return super.loadClass(name, resolve);
        synchronized (getClassLoadingLock(name)) {
          Class<?> c = findLoadedClass(name);
          return c != null ? c : defineClass(name, own, 0, own.length);
        }
      }
    };
    Class<?> copy = Class.forName(record.getName(), true, loader);
    assertNotSame(record, copy);
    return copy;
  }

  private static Object make(Class<?> c, Object[] values) throws ReflectiveOperationException {
    RecordComponent[] rc = c.getRecordComponents();
    Class<?>[] types = new Class<?>[rc.length];
    for (int i = 0; i < rc.length; i++) types[i] = rc[i].getType();
    Constructor<?> k = c.getDeclaredConstructor(types);
    k.setAccessible(true);
    return k.newInstance(values);
  }

  private static final int[] SHARED_ARRAY = {1, 2};

  private static Object[] mixedValues(Random r) {
    float[] floats = {0f, -0f, Float.NaN, 1.5f, Float.intBitsToFloat(0x7fc00001)};
    double[] doubles = {0d, -0d, Double.NaN, 2.25, Double.longBitsToDouble(0x7ff8000000000001L)};
    String[] strings = {null, "a", "b%s", ""};
    Object[] objects = {null, 7, "x", List.of(1), SHARED_ARRAY};
    return new Object[] {r.nextInt(2) - 1, (long) r.nextInt(2) << 33, floats[r.nextInt(floats.length)], doubles[r.nextInt(doubles.length)],
        (char) ('a' + r.nextInt(2)), r.nextBoolean(), strings[r.nextInt(strings.length)], objects[r.nextInt(objects.length)],
        r.nextBoolean() ? null : SHARED_ARRAY};
  }

  @Test
  void rewrittenRecordsAnswerAsObjectMethodsDoes() throws Exception {
    Class<?> copy = rewritten(Mixed.class);
    Random r = new Random(17);
    List<Object[]> values = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Object[] v = mixedValues(r);
      if (i > 0 && r.nextBoolean()) {
        // a recent one again with at most one component drawn anew: equal pairs, and pairs differing in one place
        Object[] recent = values.get(i - 1 - r.nextInt(Math.min(i, 30))).clone();
        int k = r.nextInt(recent.length + 3);
        if (k < recent.length) recent[k] = v[k];
        v = recent;
      }
      values.add(v);
    }
    int equalPairs = 0;
    for (int i = 0; i < values.size(); i++) {
      Object a = make(Mixed.class, values.get(i));
      Object b = make(copy, values.get(i));
      assertEquals(a.hashCode(), b.hashCode(), a.toString());
      assertEquals(a.toString(), b.toString());
      assertFalse(b.equals(null));
      assertFalse(b.equals(a), "another class is never equal");
      assertEquals(true, b.equals(b));
      for (int j = Math.max(0, i - 40); j < i; j++) {
        boolean expected = a.equals(make(Mixed.class, values.get(j)));
        assertEquals(expected, b.equals(make(copy, values.get(j))), a + " vs " + make(Mixed.class, values.get(j)));
        if (expected) equalPairs++;
      }
    }
    // the values collide often enough that equality itself is exercised, not only its refusals
    assertFalse(equalPairs < 50, "only " + equalPairs + " equal pairs");
  }

  @Test
  void recordsWithoutOrWithOneComponent() throws Exception {
    for (Class<?> c : List.of(Empty.class, One.class)) {
      Class<?> copy = rewritten(c);
      Object[] args = c == Empty.class ? new Object[0] : new Object[] {"v"};
      Object a = make(c, args);
      Object b = make(copy, args);
      assertEquals(a.toString(), b.toString());
      assertEquals(a.hashCode(), b.hashCode());
      assertEquals(true, b.equals(make(copy, args)));
    }
    Object nullOne = make(rewritten(One.class), new Object[] {null});
    assertEquals(new One(null).toString(), nullOne.toString());
    assertEquals(new One(null).hashCode(), nullOne.hashCode());
  }

  @Test
  void aRecordWithAByteComponentIsLeftAsJavacWroteIt() throws IOException {
    byte[] before = bytes(WithBytes.class);
    assertSame(before, PlainRecordMethods.rewrite(before));
  }

  @Test
  void classesWithoutRecordCallSitesAreLeftAlone() throws IOException {
    byte[] before = bytes(PlainRecordMethodsTest.class);
    assertSame(before, PlainRecordMethods.rewrite(before));
  }
}
