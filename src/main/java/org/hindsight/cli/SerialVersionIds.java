package org.hindsight.cli;

import java.io.ObjectStreamClass;
import java.io.Serializable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A build step's part ({@link PlainStringConcat} calls it for Drools' and kie's classes): a serializable
 * library class that declares no {@code serialVersionUID} is given one, of the value Java computes for it
 * by default. Reading the pre-compiled rules (Java serialization) checks every class of the stream against
 * the stream's id, and a class without a declared one has it computed on every run: reflection over all
 * its members and a SHA-1, a sixth of the packages' deserialisation (docs/benchmarks.md, issue 17, branch
 * {@code perf34}). The value is the default one, so streams written before or by unmodified classes read the
 * same; only private methods are added by the other rewrites, and those do not enter the default id.
 */
public final class SerialVersionIds {
  private SerialVersionIds() {}

  /**
   * The class with a {@code serialVersionUID} of its default value declared, or the same array when it is
   * not serializable, declares one, is an interface, an enum or a record (whose ids are not computed so),
   * or cannot be loaded from {@code loader} to compute it.
   */
  public static byte[] declare(byte[] classFile, ClassLoader loader) {
    ClassReader reader = new ClassReader(classFile);
    if ((reader.getAccess() & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ENUM | Opcodes.ACC_RECORD)) != 0) return classFile;
    if (declaresId(reader)) return classFile;
    long id;
    try {
      Class<?> c = Class.forName(reader.getClassName().replace('/', '.'), false, loader);
      if (!Serializable.class.isAssignableFrom(c) || c.isEnum() || c.isRecord()) return classFile;
      ObjectStreamClass desc = ObjectStreamClass.lookup(c);
      if (desc == null) return classFile;
      id = desc.getSerialVersionUID();
    } catch (LinkageError | ClassNotFoundException | RuntimeException e) {
      return classFile; // a class whose dependencies are absent here: its id is computed at run time, as before
    }
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visitEnd() {
        FieldVisitor f = super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "serialVersionUID", "J", null, id);
        f.visitEnd();
        super.visitEnd();
      }
    }, 0);
    return writer.toByteArray();
  }

  private static boolean declaresId(ClassReader reader) {
    boolean[] found = {false};
    reader.accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        if (name.equals("serialVersionUID")) found[0] = true;
        return null;
      }
    }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return found[0];
  }
}
