package org.hindsight.patterns.typoscopedshutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hosts picked by subnet (Salt {@code -S} and {@code S@}), read from the inventory's address column. */
class SubnetTargetingTest {
  @TempDir Path dir;
  private final CommandGrammars grammars = CommandGrammars.load();

  private static final String INVENTORY = """
      entity,type,site,service,primary_ip
      bill-01,host,east,billing,10.20.1.11/24
      bill-02,host,east,billing,10.20.1.12/24
      idx-01,host,east,index,10.20.7.21/24
      idx-02,host,east,index,"10.20.7.22/24, 2001:db8:7::22"
      place-01,host,west,placement,10.21.0.5/24
      """;

  private List<String> hosts(String inventory, String command) throws Exception {
    World w = Worlds.of(dir, "inventory.csv", inventory);
    FleetIndex index = new FleetIndex(w.inventory());
    int[] ids = grammars.parse(command).target().resolve(index, null, SelectorBudget.perLine());
    return Arrays.stream(ids).mapToObj(index::name).toList();
  }

  @Test
  void saltSubnetTargetsPickHostsByAddress() throws Exception {
    assertEquals(List.of("bill-01", "bill-02"), hosts(INVENTORY, "salt -S 10.20.1.0/24 service.stop billing"));
    // One character off the intended /24: the whole 10.20.0.0/16 block, index hosts included.
    assertEquals(List.of("bill-01", "bill-02", "idx-01", "idx-02"), hosts(INVENTORY, "salt -S 10.20.1.0/16 service.stop billing"));
    assertEquals(List.of("idx-02"), hosts(INVENTORY, "salt --ipcidr 2001:db8:7::/48 system.reboot"));
    assertEquals(List.of("bill-02"), hosts(INVENTORY, "salt -S 10.20.1.12 system.reboot"));
  }

  @Test
  void compoundTargetsCombineSubnetsWithOtherMatchers() throws Exception {
    assertEquals(List.of("bill-01", "idx-01", "idx-02"),
        hosts(INVENTORY, "salt -C 'S@10.20.0.0/16 and not bill-02' service.stop billing"));
    assertEquals(List.of("place-01"), hosts(INVENTORY, "salt -C 'S@10.0.0.0/8 and G@site:west' system.reboot"));
  }

  @Test
  void attributeExpressionsReadNetworks() throws Exception {
    World w = Worlds.of(dir, "inventory.csv", INVENTORY);
    FleetIndex index = new FleetIndex(w.inventory());
    int[] ids = SelectorSyntax.attributes("10.20.0.0/16 AND NOT service=billing").resolve(index, SelectorBudget.perLine());
    assertEquals(List.of("idx-01", "idx-02"), Arrays.stream(ids).mapToObj(index::name).toList());
    ids = SelectorSyntax.attributes("S@10.21.0.0/24 OR bill-01").resolve(index, SelectorBudget.perLine());
    assertEquals(List.of("bill-01", "place-01"), Arrays.stream(ids).mapToObj(index::name).toList());
  }

  @Test
  void anAddressColumnUnderAnotherNameIsRead() throws Exception {
    String inventory = """
        entity,type,site,service,ip
        a-1,host,east,api,192.168.4.1
        a-2,host,east,api,192.168.5.1
        """;
    assertEquals(List.of("a-1"), hosts(inventory, "salt -S 192.168.4.0/24 system.reboot"));
    assertEquals(List.of("a-1", "a-2"), hosts(inventory, "salt -S 192.168.4.0/23 system.reboot"));
  }

  @Test
  void notANetworkIsNotUnderstoodAndNoAddressColumnIsUnresolved() throws Exception {
    assertThrows(NotUnderstood.class, () -> grammars.parse("salt -S 10.20.1.0/33 system.reboot"));
    assertThrows(NotUnderstood.class, () -> grammars.parse("salt -S db.example.com system.reboot"));
    assertThrows(NotUnderstood.class, () -> grammars.parse("salt -C 'R@%cluster' system.reboot"));
    String noAddresses = """
        entity,type,site,service
        a-1,host,east,api
        """;
    assertThrows(SelectorBudget.Unresolved.class, () -> hosts(noAddresses, "salt -S 10.0.0.0/8 system.reboot"));
  }

  @Test
  void networksAreLiteralsWithValidPrefixes() {
    assertTrue(Network.parse("10.0.0.0/8").contains("10.255.1.2"));
    assertFalse(Network.parse("10.0.0.0/9").contains("10.128.0.1"));
    assertTrue(Network.parse("10.0.0.0/0").contains("192.0.2.1"));
    assertFalse(Network.parse("10.0.0.0/8").contains("2001:db8::1"));
    assertFalse(Network.parse("10.0.0.0/8").contains("not-an-address"));
    assertNull(Network.parse("256.0.0.0/8"));
    assertNull(Network.parse("10.0.0/8"));
    assertNull(Network.parse("10.0.0.0/"));
    assertNull(Network.parse("example.com"));
  }
}
