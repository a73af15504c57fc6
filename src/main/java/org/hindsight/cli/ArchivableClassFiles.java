package org.hindsight.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step ({@code mvn package}, process-classes): copies a library's Java 5 class files into the
 * build's classes as Java 8 class files with the stack maps the compiler of the day would write, the
 * code itself unchanged. The JVM's class-data archive, which the launcher records and every short run
 * maps in, cannot keep class files older than Java 6 and skips those that need the old verifier:
 * picocli ships such files, and so does the copy of ASM inside mvel2 (which Drools uses to generate
 * classes at run time): their ~200 classes a run loads were read from the jar and verified anew on
 * every start. A class that cannot be rewritten (a {@code jsr}, which Java 8 class files may not
 * hold) is copied as it is. Needs ASM, which stays out of the runtime jar (a build-only dependency).
 */
public final class ArchivableClassFiles {
  private ArchivableClassFiles() {}

  /**
   * {@code <output classes folder> <jar>[=<path prefix>]...}: every class of each jar, or those whose
   * path starts with the prefix, is written to the folder (the pom's shade filters leave the same
   * classes of the jar out).
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) throw new IllegalArgumentException("usage: ArchivableClassFiles OUTPUT_DIR JAR[=PREFIX]...");
    Path out = Path.of(args[0]);
    int rewritten = 0;
    int kept = 0;
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      String prefix = eq < 0 ? "" : args[i].substring(eq + 1);
      try (JarFile jar = new JarFile(eq < 0 ? args[i] : args[i].substring(0, eq))) {
        for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements();) {
          JarEntry e = en.nextElement();
          String name = e.getName();
          if (e.isDirectory() || !name.endsWith(".class") || !name.startsWith(prefix) || name.startsWith("META-INF/")
              || name.endsWith("module-info.class")) continue;
          byte[] bytes;
          try (InputStream in = jar.getInputStream(e)) {
            bytes = in.readAllBytes();
          }
          byte[] upgraded = upgrade(bytes);
          if (upgraded != bytes) rewritten++;
          else kept++;
          Path target = out.resolve(name);
          Files.createDirectories(target.getParent());
          Files.write(target, upgraded);
        }
      }
    }
    System.out.println("hindsight build: " + rewritten + " class file(s) made archivable, " + kept + " copied as they were");
  }

  /** The class as a Java 8 class file with stack maps, or the same array when it is Java 6 or newer or cannot be rewritten. */
  static byte[] upgrade(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    if (reader.readUnsignedShort(6) >= Opcodes.V1_6) return classFile;
    try {
      // Frames are computed from the code; common super classes are looked up through this class's
      // loader, which sees the library being rewritten (it is on the build step's class path).
      ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
      reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
          super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
        }
      }, 0);
      return writer.toByteArray();
    } catch (RuntimeException | LinkageError e) {
      return classFile;
    }
  }
}
