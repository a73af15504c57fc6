package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogKindTest {
  @Test
  void kindComesFromTheFileNameOrAPrefixBeforeADash() {
    assertEquals(Optional.of(LogKind.EVENTS), LogKind.ofFileName("events.csv"));
    assertEquals(Optional.of(LogKind.METRICS), LogKind.ofFileName("metrics-routers.csv"));
    assertEquals(Optional.of(LogKind.INVENTORY), LogKind.ofFileName("Inventory.CSV"));
    assertEquals(Optional.of(LogKind.KEY_GENERATORS), LogKind.ofFileName("key-generators-edge.csv"));
    assertEquals(Optional.of(LogKind.REQUESTS), LogKind.ofFileName("requests-edge.tsv"));
    assertEquals(Optional.of(LogKind.METRICS), LogKind.ofFileName("Metrics.TSV"));
  }

  @Test
  void theLongestKindWinsWhenOneKindPrefixesAnother() {
    // "config-commands-x" must not be read as some shorter kind followed by "-commands-x"
    assertEquals(Optional.of(LogKind.CONFIG_COMMANDS), LogKind.ofFileName("config-commands-x.csv"));
    assertEquals(Optional.of(LogKind.OPS_COMMANDS), LogKind.ofFileName("ops-commands-2024.csv"));
  }

  @Test
  void unknownOrNonCsvNamesHaveNoKind() {
    assertTrue(LogKind.ofFileName("eventsx.csv").isEmpty());
    assertTrue(LogKind.ofFileName("notes.csv").isEmpty());
    assertTrue(LogKind.ofFileName("events.txt").isEmpty());
    assertTrue(LogKind.ofFileName("-events.csv").isEmpty());
  }

  @Test
  void explicitNamesAcceptUnderscoresAndCase() {
    assertEquals(Optional.of(LogKind.CONFIG_COMMANDS), LogKind.named("config_commands"));
    assertEquals(Optional.of(LogKind.REQUESTS), LogKind.named("REQUESTS"));
    assertTrue(LogKind.named("logs").isEmpty());
  }

  @Test
  void allNamesListsEveryKind() {
    for (LogKind k : LogKind.values()) assertTrue(LogKind.allNames().contains(k.fileName()), k.fileName());
  }
}
