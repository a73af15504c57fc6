package org.hindsight.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hindsight.ingest.BundleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A name resolved to the failure domains it designates: a location (a building) that holds items of several sites
 * (a cloud region's zones in one building) designates each of them, not only the first inventory row's.
 */
class SitesOfLocationTest {
  private static World world(Path dir, String inventory) throws Exception {
    Files.writeString(dir.resolve("inventory.csv"), inventory);
    return new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
  }

  @Test
  void aBuildingHoldingSeveralZonesDesignatesEachOfThem(@TempDir Path dir) throws Exception {
    World w = world(dir, """
        entity,type,site,service,location
        db-a,server,zone-a,db,PAR-1
        db-b,server,zone-b,db,PAR-1
        web-c,server,zone-c,web,par-1
        web-x,server,zone-x,web,BRU-2
        """);
    assertEquals(List.of("zone-a", "zone-b", "zone-c"), w.sitesOf("PAR-1"), "every zone of the building, in any case");
    assertEquals("zone-a", w.siteOf("PAR-1"), "siteOf still names one");
    assertEquals(List.of("zone-x"), w.sitesOf("BRU-2"));
    // a site or an entity designates one site, whatever its location holds
    assertEquals(List.of("zone-b"), w.sitesOf("zone-b"));
    assertEquals(List.of("zone-b"), w.sitesOf("db-b"));
    assertEquals(List.of(), w.sitesOf("nowhere"));
  }

  @Test
  void buildingsWithinOneSiteStayThatSite(@TempDir Path dir) throws Exception {
    // OVH's SBG1-SBG4 with site=sbg: a building names its one site
    World w = world(dir, """
        entity,type,site,service,location
        h1,server,sbg,web,SBG1
        h2,server,sbg,web,SBG2
        h3,server,rbx,web,RBX1
        """);
    assertEquals(List.of("sbg"), w.sitesOf("SBG2"));
  }
}
