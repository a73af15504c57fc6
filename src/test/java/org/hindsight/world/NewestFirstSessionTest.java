package org.hindsight.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines of one second of a CLI session are in typed order whichever way the export lists the session: an export
 * sorted newest first lists a pasted block's lines in reverse too, so its ties are read in reverse file order; a
 * session listed oldest first, one listed in no order of time, and one all in one second keep file order on ties.
 */
class NewestFirstSessionTest {
  private static final String HEADER = "timestamp,device,session,user,command,result\n";

  private static List<String> typed(Path dir, String rows) throws Exception {
    Files.writeString(dir.resolve("config-commands.csv"), HEADER + rows);
    World w = TestAnalysis.world(dir);
    return w.configSessions().values().iterator().next().stream().map(ConfigCommand::command).toList();
  }

  private static String row(String second, String command) {
    return "2024-05-02T10:00:" + second + "Z,edge-r7,s1,ana," + command + ",ok\n";
  }

  @Test
  void aSessionListedNewestFirstIsReadWithItsTiesInReverse(@TempDir Path dir) throws Exception {
    assertEquals(List.of("configure", "block-a", "block-b", "block-c", "commit"),
        typed(dir, row("09", "commit") + row("05", "block-c") + row("05", "block-b") + row("05", "block-a") + row("01", "configure")));
  }

  @Test
  void aSessionListedOldestFirstKeepsFileOrderOnTies(@TempDir Path dir) throws Exception {
    assertEquals(List.of("configure", "block-a", "block-b", "block-c", "commit"),
        typed(dir, row("01", "configure") + row("05", "block-a") + row("05", "block-b") + row("05", "block-c") + row("09", "commit")));
  }

  @Test
  void aSessionListedInNoOrderOfTimeKeepsFileOrderOnTies(@TempDir Path dir) throws Exception {
    // newest first but for its first line: no sign the export reversed anything
    assertEquals(List.of("configure", "block-c", "block-b", "block-a", "commit"),
        typed(dir, row("01", "configure") + row("09", "commit") + row("05", "block-c") + row("05", "block-b") + row("05", "block-a")));
  }

  @Test
  void aSessionAllInOneSecondKeepsFileOrder(@TempDir Path dir) throws Exception {
    assertEquals(List.of("configure", "block-a", "commit"), typed(dir, row("05", "configure") + row("05", "block-a") + row("05", "commit")));
  }
}
