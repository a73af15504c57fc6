package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code hindsight} launcher script, run by bash against a stand-in {@code java} that only
 * records the arguments it was given: which JVM flags a command line gets, and that the class-data
 * archive is recorded once and then used. A copy of the script sits in a folder whose jar is newer
 * than its sources, so it never builds.
 */
class LauncherTest {
  @TempDir Path home;
  Path calls;

  @BeforeEach
  void setUp() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
    Path script = home.resolve("hindsight");
    Files.copy(TestAnalysis.home().resolve("hindsight"), script);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(home.resolve("pom.xml"), "<project/>");
    Files.createDirectories(home.resolve("src/main"));
    Files.createDirectories(home.resolve("target"));
    Path jar = Files.writeString(home.resolve("target/hindsight.jar"), "stand-in");
    FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
    Files.setLastModifiedTime(home.resolve("pom.xml"), old);
    Files.setLastModifiedTime(home.resolve("src/main"), old);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis()));
    calls = home.resolve("java-calls.txt");
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path java = bin.resolve("java");
    // One line per call; a recording run writes the archive it was asked for, as the JVM would.
    Files.writeString(java, "#!/bin/bash\necho \"$*\" >> '" + calls + "'\n"
        + "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*) echo archive > \"${a#*=}\" ;; esac; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The arguments java was started with, one list per call. */
  List<String> launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("/bin/bash", home.resolve("hindsight").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", home.resolve("bin") + ":" + System.getenv("PATH"));
    pb.environment().remove("HINDSIGHT_JAVA_OPTS");
    pb.environment().remove("HINDSIGHT_CDS");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
    assertEquals(0, p.exitValue(), out);
    assertFalse(out.contains("building"), "the launcher must not build here: " + out);
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  String lastCall(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> all = launch(env, args);
    return all.get(all.size() - 1);
  }

  Path bundle(String name, int kib) throws IOException {
    Path dir = Files.createDirectories(home.resolve(name));
    Files.write(dir.resolve("metrics.csv"), new byte[kib * 1024]);
    return dir;
  }

  @Test
  void aSmallInputRunsOnC1AndG1() throws Exception {
    String call = lastCall(Map.of(), "analyze", bundle("small", 64).toString(), "-f", "json");
    assertTrue(call.contains("-XX:TieredStopAtLevel=1"), call);
    assertFalse(call.contains("GC"), call);
    assertTrue(call.endsWith("-jar " + home.resolve("target/hindsight.jar") + " analyze " + home.resolve("small") + " -f json"), call);
  }

  @Test
  void aMidSizedInputGetsTheSerialCollectorAndStaysOnC1() throws Exception {
    String call = lastCall(Map.of(), "analyze", "metrics=" + bundle("mid", 17 * 1024).resolve("metrics.csv"));
    assertTrue(call.contains("-XX:TieredStopAtLevel=1"), call);
    assertTrue(call.contains("-XX:+UseSerialGC"), call);
  }

  @Test
  void aLargeBenchKeepsTieredCompilation() throws Exception {
    String call = lastCall(Map.of(), "bench", "--rows", "3000000");
    assertFalse(call.contains("TieredStopAtLevel"), call);
    assertTrue(call.contains("-XX:+UseSerialGC"), call);
  }

  @Test
  void theUsersCollectorAndJitSettingsWin() throws Exception {
    String call = lastCall(Map.of("HINDSIGHT_JAVA_OPTS", "-XX:+UseG1GC -XX:-TieredCompilation -Xmx1g"), "analyze",
        bundle("mid", 17 * 1024).toString());
    assertFalse(call.contains("UseSerialGC"), call);
    assertFalse(call.contains("TieredStopAtLevel"), call);
    assertTrue(call.contains("-XX:+UseG1GC -XX:-TieredCompilation -Xmx1g"), call);
  }

  @Test
  void theClassDataArchiveIsRecordedOnceThenUsedAndCanBeSwitchedOff() throws Exception {
    Files.createDirectories(home.resolve("sample-logs/kt-2021-10-25"));
    List<String> first = launch(Map.of(), "analyze", bundle("small", 1).toString());
    assertEquals(2, first.size(), first.toString());
    assertTrue(first.get(0).contains("-XX:ArchiveClassesAtExit="), first.get(0));
    assertTrue(first.get(1).contains("-XX:SharedArchiveFile="), first.get(1));
    List<String> second = launch(Map.of(), "analyze", home.resolve("small").toString());
    assertEquals(3, second.size(), "recorded once: " + second);
    assertTrue(second.get(2).contains("-XX:SharedArchiveFile="), second.get(2));
    String off = lastCall(Map.of("HINDSIGHT_CDS", "0"), "analyze", home.resolve("small").toString());
    assertFalse(off.contains("SharedArchiveFile") || off.contains("ArchiveClassesAtExit"), off);
  }
}
