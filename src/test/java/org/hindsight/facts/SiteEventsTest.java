package org.hindsight.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteEventsTest {

  @ParameterizedTest(name = "{0}: loss {1}, power {2}, restored {3}")
  @CsvSource({
    // the contract's own types
    "site.fire, true, false, false",
    "site.power_loss, true, true, false",
    "site.restored, false, false, true",
    // other spellings of a lost failure domain
    "datacenter.flood, true, false, false",
    "dc.cooling_failure, true, false, false",
    "az.power.loss, true, true, false",
    "Site.Outage, true, false, false",
    "facility.water-leak, true, false, false",
    "dc.blackout, true, true, false",
    "site.power_restored, false, false, true",
    "datacenter.recovered, false, false, true",
    // near misses: drills, planned work, other entities, nothing said
    "site.power_test, false, false, false",
    "dc.fire_drill, false, false, false",
    "site.maintenance, false, false, false",
    "pod.down, false, false, false",
    "service.down, false, false, false",
    "site.inspection, false, false, false",
    "site, false, false, false",
    "firewall.site.down, false, false, false",
    // one supply lost, the domain on its other feed or generators: not the domain going dark
    "facility.utility_power.lost, false, false, false",
    "site.power.feed_lost, false, false, false",
    "dc.mains.failure, false, false, false",
    "datacenter.grid.power.loss, false, false, false",
    "facility.power.loss, true, true, false",
    // a zone's hardware shut down or powered off in an emergency stops at once, as in a power loss; planned work does not
    "zone.emergency_shutdown, true, true, false",
    "datacenter.poweroff, true, true, false",
    "zone.planned_shutdown, false, false, false",
    "site.shutdown.maintenance, false, false, false",
    "host.shutdown, false, false, false",
  })
  void readsTheTypeAsWords(String type, boolean loss, boolean power, boolean restored) {
    assertEquals(loss, SiteEvents.saysLoss(type), "loss");
    assertEquals(power, SiteEvents.saysPowerLoss(type), "power");
    assertEquals(restored, SiteEvents.saysRestored(type), "restored");
  }
}
