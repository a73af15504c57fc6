package org.hindsight.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A build step ({@code mvn package}, process-classes): a record's {@code equals}, {@code hashCode} and
 * {@code toString} as plain code in the build's own classes. javac writes them as an {@code invokedynamic}
 * bootstrapped by {@code java.lang.runtime.ObjectMethods}, which at a method's first call builds a tree of
 * method handles and spins a class per node: 80 classes on a short run of the KT sample, before the first
 * event is hashed (docs/benchmarks.md, "Cold start, fifth pass"). The code written here computes what
 * {@code ObjectMethods} specifies, in its order: equals is {@code ==}, then the type, then each component
 * from the last ({@code Float.compare}/{@code Double.compare} for floating point, {@code ==} for other
 * primitives, {@code Objects.equals} otherwise); hashCode is {@code h = 31 * h + hash(component)} from 0
 * with the wrappers' {@code hashCode}s and {@code Objects.hashCode}; toString is
 * {@code SimpleName[a=…, b=…]} with {@code String.valueOf}. A record with a {@code byte} or {@code short}
 * component, or a call site of another shape, is left as javac wrote it.
 */
public final class PlainRecordMethods {
  private PlainRecordMethods() {}

  private static final String OBJECT_METHODS = "java/lang/runtime/ObjectMethods";

  /** {@code <classes folder>}: every class file below it that holds such a call site is rewritten in place. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) throw new IllegalArgumentException("usage: PlainRecordMethods CLASSES_DIR");
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
      files = s.filter(p -> p.toString().endsWith(".class")).toList();
    }
    int rewritten = 0;
    for (Path f : files) {
      byte[] before = Files.readAllBytes(f);
      byte[] after = rewrite(before);
      if (after != before) {
        Files.write(f, after);
        rewritten++;
      }
    }
    System.out.println("hindsight build: " + rewritten + " record class(es) given plain equals/hashCode/toString");
  }

  /** The class with its record call sites made plain, or the same array when it has none it can rewrite. */
  static byte[] rewrite(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    if (!holdsRewritableSite(reader)) return classFile;
    // Frames of the existing methods are kept as they are; the added methods write their own.
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    reader.accept(new Rewriter(writer), 0);
    return writer.toByteArray();
  }

  private static boolean holdsRewritableSite(ClassReader reader) {
    boolean[] found = {false};
    boolean[] refused = {false};
    reader.accept(new ClassVisitor(Opcodes.ASM9) {
      String owner;

      @Override
      public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        owner = name;
      }

      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
            if (!OBJECT_METHODS.equals(bsm.getOwner())) return;
            if (Site.of(owner, n, d, args) != null) found[0] = true;
            else refused[0] = true;
          }
        };
      }
    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return found[0] && !refused[0];
  }

  /** One {@code ObjectMethods} call site: which method, the record, its components' names and fields. */
  private record Site(String method, String descriptor, String record, List<String> names, List<Handle> fields) {
    static Site of(String owner, String method, String descriptor, Object[] args) {
      if (args.length < 2 || !(args[0] instanceof Type t) || !t.getInternalName().equals(owner) || !(args[1] instanceof String joined)) {
        return null;
      }
      List<Handle> fields = new ArrayList<>();
      for (int i = 2; i < args.length; i++) {
        if (!(args[i] instanceof Handle h) || h.getTag() != Opcodes.H_GETFIELD || !h.getOwner().equals(owner)) return null;
        char kind = h.getDesc().charAt(0);
        if (kind == 'B' || kind == 'S') return null; // ObjectMethods' own treatment of these is not copied here
        fields.add(h);
      }
      List<String> names = joined.isEmpty() ? List.of() : List.of(joined.split(";", -1));
      if (names.size() != fields.size()) return null;
      String expected = switch (method) {
        case "equals" -> "(L" + owner + ";Ljava/lang/Object;)Z";
        case "hashCode" -> "(L" + owner + ";)I";
        case "toString" -> "(L" + owner + ";)Ljava/lang/String;";
        default -> null;
      };
      return descriptor.equals(expected) ? new Site(method, descriptor, owner, names, List.copyOf(fields)) : null;
    }

    String helperName() {
      return "hindsight$record$" + method;
    }
  }

  private static final class Rewriter extends ClassVisitor {
    private String owner;
    private final List<Site> sites = new ArrayList<>();

    Rewriter(ClassVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      owner = name;
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
        @Override
        public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
          Site site = OBJECT_METHODS.equals(bsm.getOwner()) ? Site.of(owner, n, d, args) : null;
          if (site == null) {
            super.visitInvokeDynamicInsn(n, d, bsm, args);
            return;
          }
          if (sites.stream().noneMatch(s -> s.method().equals(site.method()))) sites.add(site);
          super.visitMethodInsn(Opcodes.INVOKESTATIC, owner, site.helperName(), site.descriptor(), false);
        }
      };
    }

    @Override
    public void visitEnd() {
      for (Site s : sites) {
        MethodVisitor mv = super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, s.helperName(),
            s.descriptor(), null, null);
        mv.visitCode();
        switch (s.method()) {
          case "equals" -> equalsCode(mv, s);
          case "hashCode" -> hashCodeCode(mv, s);
          default -> toStringCode(mv, s);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
      }
      super.visitEnd();
    }
  }

  private static void equalsCode(MethodVisitor mv, Site s) {
    Label notSame = new Label();
    Label sameType = new Label();
    Label differs = new Label();
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitVarInsn(Opcodes.ALOAD, 1);
    mv.visitJumpInsn(Opcodes.IF_ACMPNE, notSame);
    mv.visitInsn(Opcodes.ICONST_1);
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitLabel(notSame);
    mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
    mv.visitVarInsn(Opcodes.ALOAD, 1);
    mv.visitTypeInsn(Opcodes.INSTANCEOF, s.record());
    mv.visitJumpInsn(Opcodes.IFNE, sameType);
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitLabel(sameType);
    mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
    mv.visitVarInsn(Opcodes.ALOAD, 1);
    mv.visitTypeInsn(Opcodes.CHECKCAST, s.record());
    mv.visitVarInsn(Opcodes.ASTORE, 2);
    // ObjectMethods nests its guards so that the last component is compared first
    for (int i = s.fields().size() - 1; i >= 0; i--) {
      Handle f = s.fields().get(i);
      mv.visitVarInsn(Opcodes.ALOAD, 0);
      mv.visitFieldInsn(Opcodes.GETFIELD, s.record(), f.getName(), f.getDesc());
      mv.visitVarInsn(Opcodes.ALOAD, 2);
      mv.visitFieldInsn(Opcodes.GETFIELD, s.record(), f.getName(), f.getDesc());
      switch (f.getDesc().charAt(0)) {
        case 'Z', 'C', 'I' -> mv.visitJumpInsn(Opcodes.IF_ICMPNE, differs);
        case 'J' -> {
          mv.visitInsn(Opcodes.LCMP);
          mv.visitJumpInsn(Opcodes.IFNE, differs);
        }
        case 'F' -> {
          mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Float", "compare", "(FF)I", false);
          mv.visitJumpInsn(Opcodes.IFNE, differs);
        }
        case 'D' -> {
          mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "compare", "(DD)I", false);
          mv.visitJumpInsn(Opcodes.IFNE, differs);
        }
        default -> {
          mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/util/Objects", "equals", "(Ljava/lang/Object;Ljava/lang/Object;)Z", false);
          mv.visitJumpInsn(Opcodes.IFEQ, differs);
        }
      }
    }
    mv.visitInsn(Opcodes.ICONST_1);
    mv.visitInsn(Opcodes.IRETURN);
    if (!s.fields().isEmpty()) {
      mv.visitLabel(differs);
      mv.visitFrame(Opcodes.F_APPEND, 1, new Object[] {s.record()}, 0, null);
      mv.visitInsn(Opcodes.ICONST_0);
      mv.visitInsn(Opcodes.IRETURN);
    }
  }

  private static void hashCodeCode(MethodVisitor mv, Site s) {
    mv.visitInsn(Opcodes.ICONST_0);
    for (Handle f : s.fields()) {
      mv.visitIntInsn(Opcodes.BIPUSH, 31);
      mv.visitInsn(Opcodes.IMUL);
      mv.visitVarInsn(Opcodes.ALOAD, 0);
      mv.visitFieldInsn(Opcodes.GETFIELD, s.record(), f.getName(), f.getDesc());
      switch (f.getDesc().charAt(0)) {
        case 'Z' -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Boolean", "hashCode", "(Z)I", false);
        case 'C' -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Character", "hashCode", "(C)I", false);
        case 'I' -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "hashCode", "(I)I", false);
        case 'J' -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Long", "hashCode", "(J)I", false);
        case 'F' -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Float", "hashCode", "(F)I", false);
        case 'D' -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "hashCode", "(D)I", false);
        default -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/util/Objects", "hashCode", "(Ljava/lang/Object;)I", false);
      }
      mv.visitInsn(Opcodes.IADD);
    }
    mv.visitInsn(Opcodes.IRETURN);
  }

  private static void toStringCode(MethodVisitor mv, Site s) {
    String sb = "java/lang/StringBuilder";
    String append = "(Ljava/lang/String;)Ljava/lang/StringBuilder;";
    mv.visitTypeInsn(Opcodes.NEW, sb);
    mv.visitInsn(Opcodes.DUP);
    mv.visitMethodInsn(Opcodes.INVOKESPECIAL, sb, "<init>", "()V", false);
    mv.visitLdcInsn(Type.getObjectType(s.record()));
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Class", "getSimpleName", "()Ljava/lang/String;", false);
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, sb, "append", append, false);
    for (int i = 0; i < s.fields().size(); i++) {
      Handle f = s.fields().get(i);
      mv.visitLdcInsn((i == 0 ? "[" : ", ") + s.names().get(i) + "=");
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, sb, "append", append, false);
      mv.visitVarInsn(Opcodes.ALOAD, 0);
      mv.visitFieldInsn(Opcodes.GETFIELD, s.record(), f.getName(), f.getDesc());
      char kind = f.getDesc().charAt(0);
      String valueOf = switch (kind) {
        case 'Z', 'C', 'I', 'J', 'F', 'D' -> "(" + kind + ")Ljava/lang/String;";
        default -> "(Ljava/lang/Object;)Ljava/lang/String;";
      };
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/String", "valueOf", valueOf, false);
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, sb, "append", append, false);
    }
    mv.visitLdcInsn(s.fields().isEmpty() ? "[]" : "]");
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, sb, "append", append, false);
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, sb, "toString", "()Ljava/lang/String;", false);
    mv.visitInsn(Opcodes.ARETURN);
  }
}
