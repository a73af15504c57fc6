package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hindsight.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze} given a tool's own exports: read through their import where no contract CSV is meant, never beside a bundle. */
class RawInputsTest {
  private static final Path JOURNAL = Path.of("src/test/resources/import/journald/journal.json");
  private static final Path TACACS = Path.of("src/test/resources/import/tacacs/tac_plus.acct");

  @TempDir Path dir;

  @Test
  void aFolderOfExportsIsReadThroughTheirImports() throws Exception {
    Path exports = Files.createDirectories(dir.resolve("exports"));
    Files.copy(JOURNAL, exports.resolve("journal.json"));
    // a note that quotes a syslog line is no log: read, it would add rows
    Files.writeString(exports.resolve("README.md"), "Oct 25 11:02:14 db-2 yum[30211]: Updated: openssl\n");
    CliRun run = CliRun.of("analyze", exports.toString(), "-f", "json");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("journal.json looks like a systemd journal export"), run.err());
    assertFalse(run.err().contains("README.md"), run.err());
    assertEquals(Files.readAllLines(JOURNAL).stream().filter(l -> !l.isBlank()).count(), input(run).path("rows").asLong());
  }

  @Test
  void oneExportNamedAloneIsRead() throws Exception {
    CliRun run = CliRun.of("analyze", TACACS.toString(), "--year", "2021", "--timezone", "Asia/Seoul", "-f", "json");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("read as --from tacacs:"), run.err());
    assertEquals("config-commands", input(run).path("files").get(0).path("kind").asText());
  }

  @Test
  void theNoteNamesWhatTheExportIsInPlainEnglish() throws Exception {
    Path exports = Files.createDirectories(dir.resolve("traces"));
    Path otlp;
    try (var s = Files.list(Path.of("src/test/resources/import/otlp-json"))) {
      otlp = s.filter(f -> f.getFileName().toString().endsWith(".json") && !f.getFileName().toString().startsWith("bad")).findFirst().orElseThrow();
    }
    Files.copy(otlp, exports.resolve("traces.json"));
    CliRun run = CliRun.of("analyze", exports.toString(), "-f", "json");
    assertTrue(run.err().contains("traces.json looks like an OpenTelemetry"), run.err());
  }

  @Test
  void nothingBesideABundleIsImportedButItIsSaid() throws Exception {
    Path bundle = Files.createDirectories(dir.resolve("bundle"));
    Files.writeString(bundle.resolve("events.csv"), "timestamp,source,type,entity\n2021-10-25T09:00:00Z,app,service.down,web-1\n");
    Files.copy(JOURNAL, bundle.resolve("journal.json")); // the export the bundle was made from, kept beside it
    CliRun run = CliRun.of("analyze", bundle.toString(), "-f", "json");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("journal.json looks like a systemd journal export")
        && run.err().contains("not read beside the folder's CSV files, which hold its events rows (add --from journald:"), run.err());
    assertEquals(1, input(run).path("rows").asLong());
  }

  @Test
  void anExportOfAKindTheBundleLacksIsReadWithItInTheBundlesYearAndOffset() throws Exception {
    Path bundle = Files.createDirectories(dir.resolve("bundle"));
    Files.writeString(bundle.resolve("events.csv"), "timestamp,source,type,entity\n2021-10-25T11:30:00+09:00,noc,service.down,busan-ent-r2\n");
    Files.copy(TACACS, bundle.resolve("tac_plus.acct")); // the routers' command accounting: no year, no zone
    CliRun run = CliRun.of("analyze", bundle.toString(), "-f", "json");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("read as --from tacacs:") && run.err().contains("which hold no config-commands rows"), run.err());
    assertTrue(run.err().contains("read in 2021, nearest the other logs' times") && run.err().contains("offset +09:00"), run.err());
    JsonNode files = input(run).path("files");
    assertTrue(files.toString().contains("config-commands"), files.toString());
  }

  @Test
  void theBundlesTimesAreReadAsIngestReadsTheFileWhateverItsSeparator() throws Exception {
    Path bundle = Files.createDirectories(dir.resolve("bundle"));
    // a spreadsheet's export: semicolons, a Title Case header
    Files.writeString(bundle.resolve("events.csv"), "Timestamp;Source;Type;Entity\n2021-10-25T11:30:00+09:00;noc;service.down;busan-ent-r2\n");
    Files.copy(TACACS, bundle.resolve("tac_plus.acct"));
    CliRun run = CliRun.of("analyze", bundle.toString(), "-f", "json");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("read in 2021, nearest the other logs' times") && run.err().contains("offset +09:00"), run.err());
  }

  @Test
  void anImportThatGivesNoRowsAloneIsSaidAsSuchNotAsAnEmptyTemporaryFolder() throws Exception {
    Path runs = dir.resolve("runs.json");
    Files.writeString(runs, "[]\n"); // gh run list --json … on a repository with no runs in the range
    CliRun run = CliRun.of("analyze", "--from", "gh-runs:" + runs, "-f", "json");
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("nothing to analyse: " + runs + " gave no rows"), run.err());
    assertFalse(run.err().contains("hindsight-import-"), run.err());
  }

  @Test
  void anExportOfAKindTheBundleHoldsIsNotReadWithIt() throws Exception {
    Path bundle = Files.createDirectories(dir.resolve("bundle"));
    // the bundle's command rows may have been made from the accounting file beside them: read both, each counts twice
    Files.writeString(bundle.resolve("config-commands-core.csv"),
        "timestamp,device,session,user,command,result\n2021-10-25T11:14:26+09:00,busan-ent-r2,vty0,ops,router isis CORE,ok\n");
    Files.copy(TACACS, bundle.resolve("tac_plus.acct"));
    CliRun run = CliRun.of("analyze", bundle.toString(), "-f", "json");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("not read beside the folder's CSV files, which hold its config-commands rows (add --from tacacs:"), run.err());
    assertEquals(1, input(run).path("rows").asLong());
  }

  @Test
  void anExportBesideABundleNamedWithFromIsReadAndNotHintedAt() throws Exception {
    Path bundle = Files.createDirectories(dir.resolve("bundle"));
    Files.writeString(bundle.resolve("events.csv"), "timestamp,source,type,entity\n2021-10-25T09:00:00Z,app,service.down,web-1\n");
    Path journal = bundle.resolve("journal.json");
    Files.copy(JOURNAL, journal);
    CliRun run = CliRun.of("analyze", bundle.toString(), "--from", "journald:" + journal, "-f", "json");
    assertEquals(0, run.code(), run.err());
    assertFalse(run.err().contains("not read beside"), run.err());
    assertTrue(input(run).path("rows").asLong() > 1, run.out());
  }

  @Test
  void aFileNamedAsAKindStaysAContractFileAndIsRefusedNamingItsImport() throws Exception {
    Path bundle = Files.createDirectories(dir.resolve("named"));
    Files.copy(JOURNAL, bundle.resolve("events.csv"));
    CliRun run = CliRun.of("analyze", bundle.toString(), "-f", "json");
    assertNotEquals(0, run.code());
    assertTrue(run.err().contains("events.csv:1:") && run.err().contains("--from journald:"), run.err());
  }

  @Test
  void aFolderOfUnknownFilesSaysHowToNameTheFormat() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve("notes.txt"), "nothing a tool exported\n");
    CliRun run = CliRun.of("analyze", other.toString());
    assertNotEquals(0, run.code());
    assertTrue(run.err().contains("folder has no .csv (or .tsv) files") && run.err().contains("--from FORMAT:FILE"), run.err());
  }

  @Test
  void aFolderOfCsvExportsNamedAsNoKindIsReadThroughTheirImports() throws Exception {
    Path exports = Files.createDirectories(dir.resolve("csv-exports"));
    Path flux = Path.of("src/test/resources/import/influxdb/flux.csv");
    Path pager = Path.of("src/test/resources/import/pagerduty/incidents.csv");
    Files.copy(flux, exports.resolve("2024-06-20_cpu.csv"));
    Files.copy(pager, exports.resolve("incidents.csv"));
    CliRun run = CliRun.of("analyze", exports.toString(), "-f", "json");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("2024-06-20_cpu.csv looks like an InfluxDB annotated CSV")
        && run.err().contains("incidents.csv looks like a PagerDuty incidents CSV"), run.err());
    // five samples of the Flux CSV, and the two incidents with the one that was resolved ending
    assertEquals(5 + 3, input(run).path("rows").asLong(), run.out());
  }

  @Test
  void aFolderOfInventoryExportsIsReadThroughTheirImportsToo() throws Exception {
    // a NetBox device and cable list beside a syslog: no file is named as a contract kind
    Path exports = Files.createDirectories(dir.resolve("estate-exports"));
    Files.copy(Path.of("src/test/resources/import/netbox-csv/devices.csv"), exports.resolve("dcim-devices.csv"));
    Files.copy(Path.of("src/test/resources/import/netbox-csv/cables.csv"), exports.resolve("dcim-cables.csv"));
    Files.copy(JOURNAL, exports.resolve("journal.json"));
    CliRun run = CliRun.of("analyze", exports.toString(), "-f", "json");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("dcim-devices.csv looks like a NetBox device list")
        && run.err().contains("dcim-cables.csv looks like a NetBox cable list"), run.err());
    String kinds = input(run).path("files").toString();
    assertTrue(kinds.contains("inventory") && kinds.contains("links"), kinds);
  }

  @Test
  void aCsvExportBesideContractFilesIsSaidNotImported() throws Exception {
    Path bundle = Files.createDirectories(dir.resolve("mixed"));
    Files.writeString(bundle.resolve("metrics.csv"), "timestamp,entity,metric,value\n2024-06-20T14:00:00Z,web-1,cpu.util,40\n");
    Files.copy(Path.of("src/test/resources/import/influxdb/flux.csv"), bundle.resolve("influx.csv"));
    CliRun run = CliRun.of("analyze", bundle.toString(), "-f", "json");
    // the folder is a bundle: its unnamed CSV cannot be read as one of its kinds, and the note says how to import it
    assertNotEquals(0, run.code());
    assertTrue(run.err().contains("influx.csv looks like an InfluxDB annotated CSV")
        && run.err().contains("(add --from influxdb:"), run.err());
  }

  private static JsonNode input(CliRun run) throws Exception {
    return new ObjectMapper().readTree(run.out()).path("input");
  }
}
