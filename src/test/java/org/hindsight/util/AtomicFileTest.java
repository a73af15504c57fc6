package org.hindsight.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  /** Run in a child JVM: starts replacing the file, says so, then waits to be killed mid-write. */
  public static final class KilledMidWrite {
    public static void main(String[] args) throws Exception {
      AtomicFile.write(Path.of(args[0]), out -> {
        out.write("new report, first half\n".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        out.flush();
        System.out.println("WRITING");
        System.out.flush();
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          throw new java.io.InterruptedIOException();
        }
        out.write("second half\n".getBytes(StandardCharsets.UTF_8));
      });
    }
  }

  @Test
  void aWriteKilledBySigtermLeavesThePreviousFileWholeAndNoTemporaryFile() throws Exception {
    Path report = dir.resolve("report.md");
    Files.writeString(report, "previous report\n");
    String cp = location(AtomicFile.class) + java.io.File.pathSeparator + location(KilledMidWrite.class);
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", cp, KilledMidWrite.class.getName(), report.toString()).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("WRITING", out.readLine(), "the child must get to the middle of the write");
      assertTrue(tempFiles().size() == 1, "half the new report is in a temporary file meanwhile");
      child.destroy(); // SIGTERM, as a user's Ctrl-C or a CI timeout would send
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child stops on SIGTERM");
    } finally {
      child.destroyForcibly();
    }
    assertEquals("previous report\n", Files.readString(report));
    assertEquals(List.of(), tempFiles(), "the shutdown hook removes the temporary file");
  }

  @Test
  void aWriteThatFailsLeavesThePreviousFileWhole() throws Exception {
    Path report = dir.resolve("report.md");
    Files.writeString(report, "previous report\n");
    assertThrows(IOException.class, () -> AtomicFile.write(report, out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    }));
    assertEquals("previous report\n", Files.readString(report));
    assertEquals(List.of(), tempFiles());
  }

  @Test
  void aWriteReplacesTheFileAndThroughALinkTheFileItPointsTo() throws Exception {
    Path real = dir.resolve("real.md");
    Files.writeString(real, "old");
    Path link = dir.resolve("link.md");
    Files.createSymbolicLink(link, real);
    AtomicFile.write(link, "new".getBytes(StandardCharsets.UTF_8));
    assertTrue(Files.isSymbolicLink(link), "the link stays a link");
    assertEquals("new", Files.readString(real));
    AtomicFile.write(dir.resolve("sub/new.md"), "made".getBytes(StandardCharsets.UTF_8));
    assertEquals("made", Files.readString(dir.resolve("sub/new.md")));
  }

  private List<Path> tempFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  private static String location(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
