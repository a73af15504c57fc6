package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command that reads logs reads them the same way: whatif, import and analyze share their options. */
class ReadOptionsTest {
  @TempDir Path tmp;

  static MainTest.Run run(String... args) {
    return MainTest.run(args);
  }

  /** An inventory of which two rows of three name no site. */
  Path mostlyBadInventory() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("bundle"));
    Files.writeString(dir.resolve("inventory.csv"), "entity,type,site\nweb1,server,east\nweb2,server,\nweb3,server,\n");
    return dir;
  }

  @Test
  void whatifLenientIsLoudAndRefusesAFileThatWouldLoseMostRows() throws Exception {
    Path bundle = mostlyBadInventory();
    MainTest.Run strict = run("whatif", bundle.toString());
    assertEquals(ExitCode.BAD_INPUT, strict.code());
    assertTrue(strict.err().contains("inventory.csv:3: "), strict.err());
    MainTest.Run lenient = run("whatif", "--lenient", bundle.toString());
    assertEquals(ExitCode.BAD_INPUT, lenient.code(), lenient.err());
    assertTrue(lenient.err().contains("2 of 3 rows would be skipped; fix them, or pass --lenient=all"), lenient.err());
    MainTest.Run all = run("whatif", "--lenient=all", "-f", "json", bundle.toString());
    assertEquals(ExitCode.OK, all.code(), all.err());
    assertTrue(all.err().contains("inventory.csv: skipped 2 of 3 rows (--lenient)"), all.err());
  }

  @Test
  void whatifReadsAMappedHeaderLikeAnalyze() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("mapped"));
    Files.writeString(dir.resolve("inventory.csv"), "host,kind,dc\nweb1,server,east\nweb2,server,west\n");
    MainTest.Run unmapped = run("whatif", dir.toString());
    assertEquals(ExitCode.BAD_INPUT, unmapped.code());
    MainTest.Run mapped = run("whatif", "--map", "inventory:entity=host,type=kind,site=dc", "-f", "json", dir.toString());
    assertEquals(ExitCode.OK, mapped.code(), mapped.err());
    assertTrue(mapped.out().contains("\"east\"") && mapped.out().contains("\"west\""), mapped.out());
  }

  @Test
  void aStrftimeTimeFormatIsReadByImportAndAnalyzeAlike() throws Exception {
    Path csv = tmp.resolve("events-local.csv");
    Files.writeString(csv, "timestamp,source,type,entity\n25/10/21 11:16:05,syslog,service.down,web\n");
    MainTest.Run analyze = run("analyze", "--time-format", "%d/%m/%y %T", "--timezone", "Asia/Seoul", "-f", "json", csv.toString());
    assertEquals(ExitCode.OK, analyze.code(), analyze.err());
    Path out = tmp.resolve("imported");
    MainTest.Run imported = run("import", "csv", csv.toString(), "--time-format", "%d/%m/%y %T", "--timezone", "Asia/Seoul", "--out", out.toString());
    assertEquals(ExitCode.OK, imported.code(), imported.err());
    assertTrue(Files.readString(out.resolve("events-csv.csv")).contains("2021-10-25T11:16:05+09:00,syslog,service.down,web"));
    MainTest.Run bad = run("analyze", "--time-format", "%Q", csv.toString());
    assertEquals(ExitCode.BAD_INPUT, bad.code());
    assertTrue(bad.err().contains("--time-format: strftime %Q has no equivalent here"), bad.err());
    assertFalse(bad.err().contains("Exception"), bad.err());
  }
}
