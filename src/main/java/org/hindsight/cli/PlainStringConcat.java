package org.hindsight.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A build step ({@code mvn package}, process-classes): the rule engine's string concatenation as
 * {@code StringBuilder} calls. javac (9 and later) writes {@code a + b} as an {@code invokedynamic}
 * bootstrapped by {@code StringConcatFactory}, whose first call of each shape builds method handles and
 * spins classes, on every run: Drools' and kie's classes spun 47 of the 76 classes of a short run of the
 * KT sample (docs/benchmarks.md, "Cold start, sixth pass"). Our own classes are compiled with
 * {@code -XDstringConcat=inline}; a library's class files are rewritten here. Each call site becomes a call
 * to a private static method of the same class and descriptor that appends, in the recipe's order, its
 * constants and arguments as {@code StringConcatFactory} specifies them: a {@code String} as itself
 * ({@code "null"} for null), other references by {@code String.valueOf(Object)}, primitives as their
 * {@code String.valueOf} ({@code byte} and {@code short} as {@code int}). A site whose constants are not all
 * strings is left as it was.
 */
public final class PlainStringConcat {
  private PlainStringConcat() {}

  private static final String FACTORY = "java/lang/invoke/StringConcatFactory";
  private static final char ARGUMENT = '\u0001';
  private static final char CONSTANT = '\u0002';
  private static final String SB = "java/lang/StringBuilder";

  /**
   * {@code <output classes folder> <path prefix>...}: every class under one of the prefixes in a jar of
   * this step's own class path is written to the folder, rewritten when it concatenates (the pom's shade
   * filters leave the same classes of those jars out).
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) throw new IllegalArgumentException("usage: PlainStringConcat OUTPUT_DIR PREFIX...");
    Path out = Path.of(args[0]);
    List<String> prefixes = List.of(args).subList(1, args.length);
    int rewritten = 0;
    int copied = 0;
    int identifiedCount = 0;
    for (String element : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!element.endsWith(".jar")) continue;
      try (JarFile jar = new JarFile(element)) {
        for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements();) {
          JarEntry e = en.nextElement();
          String name = e.getName();
          if (e.isDirectory() || !name.endsWith(".class") || prefixes.stream().noneMatch(name::startsWith)) continue;
          byte[] bytes;
          try (InputStream in = jar.getInputStream(e)) {
            bytes = in.readAllBytes();
          }
          byte[] plain = rewrite(bytes);
          if (plain != bytes) rewritten++;
          else copied++;
          byte[] identified = SerialVersionIds.declare(plain, PlainStringConcat.class.getClassLoader());
          if (identified != plain) identifiedCount++;
          plain = identified;
          Path target = out.resolve(name);
          Files.createDirectories(target.getParent());
          Files.write(target, plain);
        }
      }
    }
    System.out.println("hindsight build: " + rewritten + " library class(es) given plain string concatenation, " + copied
        + " copied as they were; " + identifiedCount + " serializable class(es) given their default serialVersionUID");
  }

  /** The class with its concatenation sites as plain code, or the same array when it has none it can rewrite. */
  public static byte[] rewrite(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    if (!concatenates(reader)) return classFile;
    // The rewritten sites keep the stack as it was, so the methods' frames stand; the added methods have no branches.
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    reader.accept(new Rewriter(writer), 0);
    return writer.toByteArray();
  }

  private static boolean concatenates(ClassReader reader) {
    boolean[] found = {false};
    reader.accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
            if (Site.of(bsm, d, args) != null) found[0] = true;
          }
        };
      }
    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return found[0];
  }

  /** One concatenation: its descriptor and its recipe, the constants put in place. */
  private record Site(String descriptor, List<Object> parts) {
    /** The parts: a {@code String} is a literal, an {@code Integer} the index of an argument. */
    static Site of(Handle bsm, String descriptor, Object[] args) {
      if (!FACTORY.equals(bsm.getOwner()) || !Type.getReturnType(descriptor).getDescriptor().equals("Ljava/lang/String;")) {
        return null;
      }
      int arity = Type.getArgumentTypes(descriptor).length;
      List<Object> parts = new ArrayList<>();
      if (bsm.getName().equals("makeConcat") && args.length == 0) {
        for (int i = 0; i < arity; i++) parts.add(i);
        return new Site(descriptor, parts);
      }
      if (!bsm.getName().equals("makeConcatWithConstants") || args.length == 0 || !(args[0] instanceof String recipe)) return null;
      int arg = 0;
      int constant = 1;
      StringBuilder literal = new StringBuilder();
      for (int i = 0; i < recipe.length(); i++) {
        char c = recipe.charAt(i);
        if (c == ARGUMENT || c == CONSTANT) {
          if (c == CONSTANT) {
            if (constant >= args.length || !(args[constant] instanceof String s)) return null;
            literal.append(s);
            constant++;
            continue;
          }
          if (literal.length() > 0) parts.add(literal.toString());
          literal.setLength(0);
          parts.add(arg++);
        } else {
          literal.append(c);
        }
      }
      if (literal.length() > 0) parts.add(literal.toString());
      return arg == arity && constant == args.length ? new Site(descriptor, parts) : null;
    }
  }

  private static final class Rewriter extends ClassVisitor {
    private String owner;
    private boolean isInterface;
    /** Each distinct site once, by descriptor and parts, with the name of its method. */
    private final Map<Site, String> helpers = new LinkedHashMap<>();

    Rewriter(ClassVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      owner = name;
      isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
        @Override
        public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
          Site site = Site.of(bsm, d, args);
          if (site == null) {
            super.visitInvokeDynamicInsn(n, d, bsm, args);
            return;
          }
          String helper = helpers.computeIfAbsent(site, s -> "hindsight$concat$" + helpers.size());
          super.visitMethodInsn(Opcodes.INVOKESTATIC, owner, helper, d, isInterface);
        }
      };
    }

    @Override
    public void visitEnd() {
      for (Map.Entry<Site, String> h : helpers.entrySet()) {
        MethodVisitor mv = super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, h.getValue(),
            h.getKey().descriptor(), null, null);
        mv.visitCode();
        concatCode(mv, h.getKey());
        mv.visitMaxs(0, 0);
        mv.visitEnd();
      }
      super.visitEnd();
    }
  }

  private static void concatCode(MethodVisitor mv, Site site) {
    Type[] types = Type.getArgumentTypes(site.descriptor());
    int[] slots = new int[types.length];
    for (int i = 0, slot = 0; i < types.length; i++) {
      slots[i] = slot;
      slot += types[i].getSize();
    }
    mv.visitTypeInsn(Opcodes.NEW, SB);
    mv.visitInsn(Opcodes.DUP);
    mv.visitMethodInsn(Opcodes.INVOKESPECIAL, SB, "<init>", "()V", false);
    for (Object part : site.parts()) {
      String appended;
      if (part instanceof String literal) {
        mv.visitLdcInsn(literal);
        appended = "Ljava/lang/String;";
      } else {
        Type t = types[(Integer) part];
        mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), slots[(Integer) part]);
        appended = switch (t.getSort()) {
          case Type.BOOLEAN -> "Z";
          case Type.CHAR -> "C";
          case Type.BYTE, Type.SHORT, Type.INT -> "I";
          case Type.LONG -> "J";
          case Type.FLOAT -> "F";
          case Type.DOUBLE -> "D";
          // a String as itself; anything else (a char[] too) by String.valueOf(Object), as the factory does
          default -> t.getDescriptor().equals("Ljava/lang/String;") ? "Ljava/lang/String;" : "Ljava/lang/Object;";
        };
      }
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SB, "append", "(" + appended + ")L" + SB + ";", false);
    }
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SB, "toString", "()Ljava/lang/String;", false);
    mv.visitInsn(Opcodes.ARETURN);
  }
}
