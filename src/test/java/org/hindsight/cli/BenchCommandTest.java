package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  @Test
  void reportsBothPhasesAndRemovesTheBundle(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("bundle");
    MainTest.Run r = MainTest.run("bench", "--rows", "5000", "--out", out.toString(), "--no-builtin-rules",
        "--rules", MainTest.RULES + "bench");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("| bare CSV parse (commons-csv only) | "), r.out());
    assertTrue(r.out().contains("| bare CSV parse (ingest's CsvReader) | "), r.out());
    assertTrue(r.out().matches("(?s).*Full analysis / bare parse: \\d+\\.\\d\\d \\(CPU time per row\\), \\d+\\.\\d\\d \\(wall\\); "
        + "the floor is the faster parse, bare CSV parse \\((commons-csv only|ingest's CsvReader)\\)\\..*"), r.out());
    assertTrue(r.out().contains("| full analysis | "), r.out());
    assertTrue(r.out().contains("The analysis ran 6 rules"), r.out());
    assertEquals("", r.err());
    assertFalse(Files.exists(out), "the generated bundle is removed without --keep");
  }

  @Test
  void keepLeavesTheBundleAndANonEmptyOutFolderIsRefused(@TempDir Path dir) throws Exception {
    MainTest.Run r = MainTest.run("bench", "--rows", "2000", "--out", dir.toString(), "--keep", "--no-builtin-rules");
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.exists(dir.resolve("metrics-routers.csv")));
    MainTest.Run again = MainTest.run("bench", "--rows", "2000", "--out", dir.toString(), "--no-builtin-rules");
    assertEquals(2, again.code());
    assertTrue(again.err().contains("--out folder is not empty"), again.err());
    assertTrue(Files.exists(dir.resolve("metrics-routers.csv")), "a refused run deletes nothing");
  }

  @Test
  void generateOnlyWritesTheBundleAndAnalysesNothing(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("bundle");
    MainTest.Run r = MainTest.run("bench", "--rows", "3000", "--out", out.toString(), "--generate-only");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Hindsight benchmark bundle: 3,000 rows in 12 files"), r.out());
    assertFalse(r.out().contains("full analysis"), r.out());
    assertTrue(Files.exists(out.resolve("metrics-routers.csv")), "the bundle is kept");
    MainTest.Run noOut = MainTest.run("bench", "--rows", "3000", "--generate-only");
    assertEquals(2, noOut.code());
    assertTrue(noOut.err().contains("--generate-only needs --out"), noOut.err());
  }
}
