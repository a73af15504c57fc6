package org.hindsight.patterns.missingexit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Platform values as real inventories spell them (Netmiko, NAPALM, NetBox slugs, free text). */
class DialectsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "ios, ios", "IOS-XE, ios", "cisco_ios, ios", "cisco-ios-xe, ios", "Cisco IOS XE 17.3.4, ios",
    "nxos, nxos", "cisco_nxos, nxos", "Cisco NX-OS 9.3, nxos", "Cisco, ios",
    "iosxr, iosxr", "cisco_xr, iosxr", "Cisco IOS XR 7.5.2, iosxr", "ios_xr, iosxr", "XR, iosxr",
    "junos, junos", "juniper_junos, junos", "Juniper MX480 (Junos 21.4R3), junos", "junos-evo, junos", "Juniper, junos",
    "eos, eos", "arista_eos, eos", "Arista EOS 4.28, eos", "arista, eos",
    "vrp, vrp", "huawei_vrp, vrp", "Huawei VRP V8, vrp",
    "sros, sros", "nokia_sros, sros", "Nokia 7750 SR OS 22.10, sros", "TiMOS-C-20.10.R1, sros", "sr-os, sros",
    "sros-md, sros-md", "md-cli, sros-md", "Nokia SR OS MD-CLI, sros-md", "nokia_sros_mdcli, sros-md",
    "frr, frr", "FRRouting 8.4, frr", "quagga, frr", "Cumulus Linux 5.4, frr", "cumulus_vx, frr", "SONiC, frr",
    "Arista SONiC 202205, frr",
  })
  void readsThePlatformAsWords(String platform, String dialect) {
    Dialects.Choice c = Dialects.forPlatform(platform);
    assertEquals(dialect, c.dialect().name());
    assertFalse(c.assumed(), platform + " names a known CLI");
  }

  @ParameterizedTest(name = "{0} is unknown")
  @CsvSource({"vendorx", "linux", "centos", "''", "crossroads-9000", "Ubuntu 22.04"})
  void unknownPlatformsAssumeTheGenericModelAndSaySo(String platform) {
    Dialects.Choice c = Dialects.forPlatform(platform);
    assertEquals("generic", c.dialect().name());
    assertTrue(c.assumed());
  }
}
