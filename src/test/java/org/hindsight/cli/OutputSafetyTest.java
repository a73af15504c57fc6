package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hindsight.cli.MainTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -o} never overwrites what the report is made from (issue 19). */
class OutputSafetyTest {
  @TempDir Path dir;

  private Path copyOfFire() throws Exception {
    Path in = dir.resolve("incident");
    Files.createDirectories(in);
    try (var s = Files.list(Path.of(MainTest.FIRE))) {
      for (Path f : s.toList()) Files.copy(f, in.resolve(f.getFileName()));
    }
    return in;
  }

  @Test
  void outputOntoAnInputFileExitsTwoAndLeavesItAlone() throws Exception {
    Path in = copyOfFire();
    Path events = in.resolve("events.csv");
    String before = Files.readString(events);
    Run r = MainTest.run(MainTest.analyze(in.toString(), "custom-hypothesis", "-o", events.toString()));
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("is an input"), r.err());
    assertEquals(before, Files.readString(events));

    // another spelling of the same file, and a link to it
    Path link = dir.resolve("report-link.md");
    Files.createSymbolicLink(link, events);
    Run viaLink = MainTest.run(MainTest.analyze(in.toString(), "custom-hypothesis", "-o", link.toString()));
    assertEquals(2, viaLink.code(), viaLink.err());
    Run dotted = MainTest.run(MainTest.analyze("events=" + events, "custom-hypothesis", "-o", in.resolve("../incident/events.csv").toString()));
    assertEquals(2, dotted.code(), dotted.err());
    assertEquals(before, Files.readString(events));
  }

  @Test
  void outputOntoARuleFileOrAnInputFolderExitsTwo() throws Exception {
    Path in = copyOfFire();
    Path rules = dir.resolve("rules");
    Files.createDirectories(rules);
    try (var s = Files.list(Path.of(MainTest.RULES + "custom-hypothesis"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".drl")).toList()) Files.copy(f, rules.resolve(f.getFileName()));
    }
    Path drl;
    try (var s = Files.list(rules)) {
      drl = s.findFirst().orElseThrow();
    }
    String before = Files.readString(drl);
    Run r = MainTest.run("analyze", in.toString(), "--no-builtin-rules", "--rules", rules.toString(), "-o", drl.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals(before, Files.readString(drl));
    Run folder = MainTest.run(MainTest.analyze(in.toString(), "custom-hypothesis", "-o", in.toString()));
    assertEquals(2, folder.code(), folder.err());
    assertTrue(folder.err().contains("is a folder"), folder.err());
  }

  @Test
  void aPreviousReportIsReplacedWholeAndNoTemporaryFileStays() throws Exception {
    Path in = copyOfFire();
    Path report = dir.resolve("report.md");
    Files.writeString(report, "x".repeat(1_000_000)); // longer than the new one: nothing of it may remain
    Run r = MainTest.run(MainTest.analyze(in.toString(), "custom-hypothesis", "-o", report.toString()));
    assertEquals(0, r.code(), r.err());
    String written = Files.readString(report);
    assertTrue(written.startsWith("# Postmortem: "), written);
    assertFalse(written.contains("xxxx"), "no tail of the previous file");
    try (var s = Files.list(dir)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }
}
