package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A library class's string concatenation rewritten by the build step gives what javac's
 * {@code StringConcatFactory} call sites give: classes compiled here with javac's default (indy)
 * concatenation, as Drools' are, run before and after the rewrite on nulls, {@code char[]}, every primitive
 * (NaN, signed zeros, extremes), the recipe's tag characters in constants, long and double slots, an
 * interface and a site with more arguments than javac puts in one call.
 */
class PlainStringConcatTest {
  private static final String SOURCE = """
      package t;
      import java.util.*;
      public class Concat {
        static final String TAGS = "a\\u0001b\\u0002c";
        public static List<String> all(String s, Object o, char[] cs, char c, boolean z, byte b, short sh, int i,
            long l, float f, double d, Integer boxed, CharSequence seq) {
          List<String> out = new ArrayList<>();
          out.add("s=" + s + ", o=" + o);
          out.add(s + o);
          out.add("" + cs);
          out.add(c + "|" + z + "|" + b + "|" + sh + "|" + i);
          out.add("l" + l + "f" + f + "d" + d);
          out.add(l + "" + d + c + l);
          out.add(TAGS + s + "\\u0001" + i + "\\u0002");
          out.add(boxed + ":" + seq);
          out.add(s + s + s);
          out.add(Shape.describe(i, s));
          String acc = "";
          for (int k = 0; k < 3; k++) acc += k + ",";
          out.add(acc);
          out.add(wide(s, l, d));
          return out;
        }
        static String wide(String s, long l, double d) {
          return s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d
              + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d
              + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d
              + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d
              + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d
              + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d
              + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d
              + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d + s + l + d;
        }
      }
      interface Shape {
        static String describe(int i, String s) {
          return "shape " + i + " of " + s;
        }
      }
      """;

  private static final Object[][] VALUES = {
    {"text", new StringBuilder("sb"), new char[] {'x', 'y'}, 'c', true, (byte) -1, (short) 300, 42, Long.MIN_VALUE, Float.NaN,
      -0.0d, 7, "seq"},
    {null, null, null, '\u0000', false, Byte.MAX_VALUE, Short.MIN_VALUE, Integer.MIN_VALUE, 0L, -0.0f, Double.NaN, null, null},
    {"", List.of(1, 2), new char[0], '\u00e9', false, (byte) 0, (short) 0, -7, 1L << 40, Float.MAX_VALUE,
      Double.NEGATIVE_INFINITY, -3, new StringBuilder("")},
    {"\u0001\u0002", new Object() {
      @Override
      public String toString() {
        return "custom\u0002";
      }
    }, new char[] {'z'}, '\uffff', true, (byte) 12, (short) -5, 0, -1L, 1e-45f, 4.9e-324, Integer.MAX_VALUE, "\u0001"},
  };

  @Test
  void rewrittenClassesConcatenateAsTheFactoryDoes() throws Exception {
    Map<String, byte[]> compiled = compile();
    Map<String, byte[]> plain = new HashMap<>();
    for (Map.Entry<String, byte[]> c : compiled.entrySet()) {
      assertTrue(concatSites(c.getValue()) > 0, c.getKey() + " compiled without invokedynamic concatenation");
      byte[] after = PlainStringConcat.rewrite(c.getValue());
      assertNotSame(c.getValue(), after, c.getKey() + " was not rewritten");
      assertEquals(0, concatSites(after), c.getKey() + " still concatenates through the factory");
      plain.put(c.getKey(), after);
    }
    var original = load(compiled).getMethod("all", String.class, Object.class, char[].class, char.class, boolean.class,
        byte.class, short.class, int.class, long.class, float.class, double.class, Integer.class, CharSequence.class);
    var rewritten = load(plain).getMethod("all", original.getParameterTypes());
    for (Object[] v : VALUES) {
      assertEquals(original.invoke(null, v), rewritten.invoke(null, v));
    }
  }

  @Test
  void aClassWithoutConcatenationIsLeftAsItIs() throws Exception {
    byte[] own;
    try (var in = PlainStringConcatTest.class.getResourceAsStream("PlainStringConcatTest.class")) {
      own = in.readAllBytes(); // compiled with -XDstringConcat=inline: no factory call site
    }
    assertEquals(0, concatSites(own));
    assertSame(own, PlainStringConcat.rewrite(own));
  }

  private static int concatSites(byte[] classFile) {
    int[] n = {0};
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitInvokeDynamicInsn(String nm, String d, Handle bsm, Object... args) {
            if (bsm.getOwner().equals("java/lang/invoke/StringConcatFactory")) n[0]++;
          }
        };
      }
    }, 0);
    return n[0];
  }

  /** The source compiled by the JDK's javac with its default string concatenation (invokedynamic). */
  private static Map<String, byte[]> compile() {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Map<String, ByteArrayOutputStream> out = new HashMap<>();
    JavaFileManager files = new ForwardingJavaFileManager<>(javac.getStandardFileManager(null, null, null)) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
          @Override
          public OutputStream openOutputStream() {
            return out.computeIfAbsent(className, k -> new ByteArrayOutputStream());
          }
        };
      }
    };
    JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///t/Concat.java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return SOURCE;
      }
    };
    assertTrue(javac.getTask(null, files, null, List.of("--release", "17"), null, List.of(source)).call(), "the test source compiles");
    Map<String, byte[]> classes = new HashMap<>();
    out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
    assertEquals(2, classes.size(), classes.keySet().toString());
    return classes;
  }

  private static Class<?> load(Map<String, byte[]> classes) throws ClassNotFoundException {
    ClassLoader loader = new ClassLoader(PlainStringConcatTest.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = classes.get(name);
        if (b == null) throw new ClassNotFoundException(name);
        return defineClass(name, b, 0, b.length);
      }
    };
    return Class.forName("t.Concat", true, loader);
  }
}
