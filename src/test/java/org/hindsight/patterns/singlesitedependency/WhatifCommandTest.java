package org.hindsight.patterns.singlesitedependency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.cli.ExitCode;
import org.hindsight.cli.Main;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hindsight whatif} on a bundle with no incident at all: inventory, services, dependencies only. */
class WhatifCommandTest {
  @TempDir Path tmp;

  Path noIncident() throws Exception {
    Path src = TestAnalysis.home().resolve("rules/single-site-dependency/fixtures/two-hops-down");
    Path dir = Files.createDirectories(tmp.resolve("bundle"));
    for (String f : List.of("inventory.csv", "dependencies.csv", "services.csv")) Files.copy(src.resolve(f), dir.resolve(f));
    return dir;
  }

  JsonNode json(String... args) throws Exception {
    Path out = tmp.resolve("out.json");
    List<String> all = new ArrayList<>(List.of("whatif", "-f", "json", "-o", out.toString()));
    all.addAll(List.of(args));
    assertEquals(ExitCode.OK, Main.run(all.toArray(String[]::new)));
    return new ObjectMapper().readTree(out.toFile());
  }

  @Test
  void everySiteInTurnWithBlastRadiusAndFixes() throws Exception {
    JsonNode r = json(noIncident().toString());
    assertEquals("hindsight-whatif", r.get("kind").asText());
    assertEquals(2, r.get("sites").size());
    JsonNode east = r.get("sites").get(0);
    assertEquals("east", east.get("site").asText());
    List<String> down = new ArrayList<>();
    east.get("servicesDown").forEach(d -> down.add(d.get("service").asText()));
    // Two hops down: storefront -> orders -> auth -> session-cache, all lost with east.
    assertTrue(down.containsAll(List.of("session-cache", "auth", "orders", "storefront")), down.toString());
    assertTrue(east.get("criticalDown").toString().contains("storefront"));
    // The cold-restart chain: session-cache 20 min, then a minute per hop.
    assertEquals(23, east.get("recoveryMinutes").asLong());
    JsonNode fix = east.get("singleSiteComponents").get(0);
    assertEquals("session-cache", fix.get("component").asText());
    assertTrue(fix.get("replicaElsewhereKeepsUp").toString().contains("storefront"));
    assertTrue(fix.get("cause").get("file").asText().endsWith("inventory.csv"));
    assertEquals(8, fix.get("cause").get("line").asInt());
    // Losing west takes down only what lives there alone; storefront only soft-needs it and stays up.
    JsonNode west = r.get("sites").get(1);
    assertEquals(1, west.get("servicesDownCount").asInt());
    assertEquals("recommendations", west.get("servicesDown").get(0).get("service").asText());
  }

  @Test
  void oneSiteWithItsDownTimeAndMarkdownTable() throws Exception {
    Path bundle = noIncident();
    JsonNode r = json("--fail-site", "east", "--down-for", "PT2H", bundle.toString());
    assertEquals(1, r.get("sites").size());
    assertEquals(143, r.get("sites").get(0).get("recoveryMinutes").asLong());
    Path md = tmp.resolve("out.md");
    assertEquals(ExitCode.OK, Main.run("whatif", "-o", md.toString(), bundle.toString()));
    String text = Files.readString(md);
    assertTrue(text.contains("| site | items | services down |"), text);
    assertTrue(text.contains("| east | 5 | 4 |"), text);
  }

  @Test
  void unknownSiteIsAUsageError() throws Exception {
    assertEquals(ExitCode.BAD_INPUT, Main.run("whatif", "--fail-site", "mars", noIncident().toString()));
  }
}
