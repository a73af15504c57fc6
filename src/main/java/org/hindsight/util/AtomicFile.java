package org.hindsight.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a file so that readers see the old content or the new, never half: the bytes go to a
 * temporary file beside the target, are flushed to disk, and the temporary file is renamed over the
 * target. A write killed midway (SIGTERM, a full disk, an exception) leaves the previous file as it
 * was; the temporary file is removed on the way out, or by a shutdown hook when the JVM is told to stop.
 */
public final class AtomicFile {
  private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Path p : PENDING) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort while the JVM stops
        }
      }
    }, "hindsight-temp-cleanup"));
  }

  /** Writes what {@code body} produces. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFile() {}

  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  public static void write(Path target, Body body) throws IOException {
    // Through a symbolic link, replace the file it points to, not the link.
    Path real = Files.isSymbolicLink(target) && Files.exists(target) ? target.toRealPath() : target.toAbsolutePath();
    Path dir = real.getParent();
    if (dir != null) Files.createDirectories(dir);
    Path tmp = dir.resolve("." + real.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
    PENDING.add(tmp);
    try {
      // CREATE_NEW, no attributes: the usual umask permissions, like a plain write would give.
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
        body.writeTo(out);
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
      PENDING.remove(tmp);
    }
  }
}
