package org.hindsight.patterns.missingexit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.SourceRef;
import org.junit.jupiter.api.Test;

class SessionModelTest {
  private static final Instant T0 = Instant.parse("2021-10-25T02:00:00Z");

  /** Lines as "command" or "command|result"; one second apart. */
  private static List<SessionModel.Step> replay(String platform, String... lines) {
    List<SessionModel.Line> in = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String[] parts = lines[i].split("\\|", 2);
      ConfigCommand c = new ConfigCommand(T0.plusSeconds(i), "r1", "s1", "op", parts[0], parts.length > 1 ? parts[1] : "",
          Attributes.NONE, new SourceRef("config-commands.csv", i + 2));
      in.add(SessionModel.Line.of(c));
    }
    Dialect d = Dialects.forPlatform(platform).dialect();
    PolicyBook book = new PolicyBook();
    SessionModel.learn(d, SessionModel.replay(d, in, new PolicyBook()), book);
    return SessionModel.replay(d, in, book);
  }

  @Test
  void iosModeOpeningLineSwitchesContextFromASubMode() {
    var s = replay("ios", "router isis CORE", " net 49.0001.0000.0000.0001.00", "router bgp 4766", " redistribute static");
    assertEquals("router bgp 4766", s.get(3).where().label());
    assertFalse(s.get(3).leaksIntoIgp());
  }

  @Test
  void iosLineInvalidInSubModeIsRetriedInParentAndMovesThere() {
    var s = replay("ios", "router isis CORE", " address-family ipv4 unicast", "  maximum-paths 4", " net 49.0001.0000.0000.0001.00",
        " redistribute bgp 4766");
    assertEquals("router isis CORE", s.get(3).where().label());
    // after "net" the CLI sits in router isis, so the redistribution lands there, not in the AF
    assertEquals("router isis CORE", s.get(4).where().label());
    assertTrue(s.get(4).leaksIntoIgp());
  }

  @Test
  void iosTypoInModeLineIsRejectedAndFollowingLinesLandInTheStaleContext() {
    var s = replay("ios", "router ospf 10", " network 10.0.0.0 0.255.255.255 area 0", "router bgp4766",
        " neighbor 10.1.1.1 remote-as 4766", " redistribute static");
    assertFalse(s.get(2).accepted());
    assertTrue(s.get(2).opensMode());
    assertTrue(s.get(2).inferred());
    assertEquals("bgp", s.get(2).topicHint());
    assertFalse(s.get(3).accepted(), "neighbor is no OSPF command nor a global one");
    assertTrue(s.get(3).foreign());
    assertEquals("router ospf 10", s.get(4).where().label());
    assertTrue(s.get(4).leaksIntoIgp());
    assertEquals("static", s.get(4).meaning().injects());
  }

  @Test
  void loggedRejectionChangesNothingEvenForAValidModeLine() {
    var s = replay("ios-xe", "router isis CORE", "router ospf 100 vrf BIZ|% VRF BIZ not configured", " redistribute bgp 4766");
    assertFalse(s.get(1).accepted());
    assertTrue(s.get(1).opensMode());
    assertEquals("router isis CORE", s.get(2).where().label());
    assertTrue(s.get(2).leaksIntoIgp());
  }

  @Test
  void nxosVrfContextOpensAVrfBlockThatIsNoIgp() {
    // NX-OS spells IOS's "vrf definition X" as "vrf context X"; its route-targets are not lines left in IS-IS
    var s = replay("nxos", "router isis CORE", " net 49.0001.0000.0000.0001.00", "vrf context BIZ", " rd 4766:5100",
        " address-family ipv4 unicast", "  route-target import 4766:5000");
    assertTrue(s.get(2).opensMode() && s.get(2).accepted());
    assertEquals("vrf context BIZ", s.get(3).where().label());
    assertEquals("BIZ", s.get(3).where().vrf());
    assertTrue(s.get(3).accepted());
    assertEquals("BIZ", s.get(5).where().vrf());
    // on IOS the same words are no mode line: the CLI stays in IS-IS
    assertFalse(replay("ios", "router isis CORE", "vrf context BIZ").get(1).opensMode());
  }

  @Test
  void frrIsisTakesRedistributionWithItsAddressFamilyWordAndLeaks() {
    // FRR's isisd spells it "redistribute ipv4 bgp level-2"; without the exit the line lands in IS-IS
    var s = replay("frr", "configure terminal", "router isis CORE", " net 49.0001.0000.0000.0001.00",
        " redistribute ipv4 bgp level-2");
    assertEquals("router isis CORE", s.get(3).where().label());
    assertTrue(s.get(3).leaksIntoIgp());
    assertEquals("bgp", s.get(3).meaning().injects());
    // the same words after the block was left land nowhere in IS-IS
    var closed = replay("frr", "configure terminal", "router isis CORE", " net 49.0001.0000.0000.0001.00", " exit",
        "redistribute ipv4 bgp level-2");
    assertTrue(closed.stream().noneMatch(SessionModel.Step::leaksIntoIgp));
  }

  @Test
  void frrProcessesPerVrfAreNoGlobalIgp() {
    var ospf = replay("frr", "router ospf vrf CUST", " redistribute bgp");
    assertEquals("CUST", ospf.get(1).where().vrf());
    assertFalse(ospf.get(1).leaksIntoIgp());
    var global = replay("frr", "router ospf", " ospf router-id 10.0.0.1", " redistribute bgp");
    assertTrue(global.get(0).accepted() && global.get(0).opensMode(), "FRR needs no OSPF process number");
    assertTrue(global.get(2).leaksIntoIgp());
    var bgp = replay("frr", "router bgp 65010 vrf CUST", " address-family ipv4 unicast", "  redistribute connected", " exit-address-family");
    assertEquals("CUST", bgp.get(2).where().vrf());
    // zebra's vrf block, closed by exit-vrf: the IS-IS block after it is global again
    var zebra = replay("frr", "vrf CUST", " vni 1000", "exit-vrf", "router isis CORE", " redistribute ipv4 static level-2");
    assertEquals("CUST", zebra.get(1).where().vrf());
    assertEquals("", zebra.get(4).where().vrf());
    assertTrue(zebra.get(4).leaksIntoIgp());
    // on IOS "router ospf" without a process number is rejected
    assertFalse(replay("ios", "router ospf").get(0).accepted());
  }

  @Test
  void vrfContextIsNotTheGlobalIgp() {
    var s = replay("ios", "router ospf 100 vrf BIZ", " redistribute bgp 4766");
    assertEquals("BIZ", s.get(1).where().vrf());
    assertFalse(s.get(1).leaksIntoIgp());
  }

  @Test
  void counterfactualExitSendsTheLineToGlobalWhereItIsRejected() {
    var s = replay("ios", "router isis CORE", " net 49.0001.0000.0000.0001.00", "router ospf 100 vrf BIZ|% VRF BIZ not configured",
        " redistribute bgp 4766|ok");
    Dialect d = Dialects.forPlatform("ios").dialect();
    var cf = SessionModel.replayWithInserted(d, s, 1, d.exitsToTop(s.get(1).after()), new PolicyBook());
    assertEquals(5, cf.size());
    assertFalse(cf.get(3).accepted(), "the VRF was still missing, so the mode line stays rejected");
    assertFalse(cf.get(4).accepted(), "redistribute is no global command");
    assertTrue(cf.stream().noneMatch(SessionModel.Step::leaksIntoIgp));
  }

  @Test
  void iosXrStagesLinesUntilCommit() {
    var s = replay("iosxr", "router isis CORE", " address-family ipv4 unicast", "  metric-style wide", " route bgp 4766",
        "  redistribute static", "commit");
    assertEquals(T0.plusSeconds(5), s.get(2).effectiveAt(), "typed at +2 s, in force at the commit");
    assertFalse(s.get(3).accepted());
    assertTrue(s.get(3).opensMode(), "one letter off 'router' reads as a mode-opening attempt");
    assertEquals(T0.plusSeconds(5), s.get(4).effectiveAt());
    assertTrue(s.get(4).leaksIntoIgp());
    assertEquals("router isis CORE > address-family ipv4 unicast", s.get(4).where().label());
  }

  @Test
  void aStagedLineStampedAfterTheCommitTakesEffectNoEarlierThanItWasTyped() {
    List<SessionModel.Line> in = new ArrayList<>();
    String[] lines = {"router isis CORE", " address-family ipv4 unicast", "  metric-style wide", "commit"};
    // the third line is stamped an hour later than the commit that follows it in the file
    long[] at = {0, 1, 3600, 3};
    for (int i = 0; i < lines.length; i++) {
      ConfigCommand c = new ConfigCommand(T0.plusSeconds(at[i]), "r1", "s1", "op", lines[i], "", Attributes.NONE,
          new SourceRef("config-commands.csv", i + 2));
      in.add(SessionModel.Line.of(c));
    }
    var s = SessionModel.replay(Dialects.forPlatform("iosxr").dialect(), in, new PolicyBook());
    assertEquals(T0.plusSeconds(3), s.get(1).effectiveAt(), "typed before the commit: in force at the commit");
    assertEquals(T0.plusSeconds(3600), s.get(2).effectiveAt(), "in force when typed, not at the earlier commit");
  }

  @Test
  void iosXrAbortDiscardsPendingLines() {
    var s = replay("iosxr", "router isis CORE", " address-family ipv4 unicast", "  redistribute static", "abort");
    assertFalse(s.get(2).effective());
    assertNull(s.get(2).effectiveAt());
    assertFalse(s.get(2).leaksIntoIgp());
  }

  @Test
  void junosRelativeSetLandsUnderTheCurrentEditLevel() {
    var s = replay("junos", "configure", "edit protocols isis", "set level 2 wide-metrics-only",
        "edit protocols bgp group IBGP", "set type internal", "set export NHS",
        "top set policy-options policy-statement NHS term 1 then next-hop self", "commit");
    assertFalse(s.get(3).accepted(), "protocols isis protocols bgp is no valid hierarchy");
    assertTrue(s.get(3).opensMode());
    assertEquals("bgp", s.get(3).topicHint());
    assertEquals("isis", s.get(5).where().protocol());
    assertEquals("any", s.get(5).meaning().injects(), "NHS matches no protocol: it exports every route");
    assertTrue(s.get(5).leaksIntoIgp());
    assertEquals(T0.plusSeconds(7), s.get(5).effectiveAt());
  }

  @Test
  void junosExitUpAndTopNavigate() {
    var s = replay("junos", "edit protocols isis", "exit", "edit protocols bgp group IBGP", "up", "set export BGP-OUT",
        "top", "edit protocols ospf area 0", "up 2", "set export X", "top set policy-options policy-statement BGP-OUT term a from protocol bgp",
        "commit");
    assertEquals("protocols bgp", s.get(4).where().label());
    assertEquals("bgp", s.get(4).where().protocol());
    assertFalse(s.get(4).leaksIntoIgp());
    assertEquals("protocols", s.get(8).where().label());
    assertEquals("", s.get(8).where().protocol());
  }

  @Test
  void junosPolicyFromProtocolGivesTheInjectedProtocol() {
    var s = replay("junos", "set policy-options policy-statement STATICS term 1 from protocol static",
        "set policy-options policy-statement STATICS term 1 then accept", "edit protocols ospf", "set export STATICS", "commit");
    assertEquals("static", s.get(3).meaning().injects());
    assertTrue(s.get(3).leaksIntoIgp());
  }

  @Test
  void srosContextsByNameExitAllAndNoParentSearch() {
    var s = replay("sros", "configure router isis", "area-id 49.0001", "bgp", "group \"IBGP\"", "export \"ALL\"", "exit all",
        "configure router policy-options", "begin", "policy-statement \"ALL\"", "entry 10", "action accept", "exit all");
    assertFalse(s.get(2).accepted(), "bgp is no child of isis");
    assertFalse(s.get(3).accepted());
    assertEquals("isis", s.get(4).where().protocol());
    assertEquals("any", s.get(4).meaning().injects());
    assertTrue(s.get(4).leaksIntoIgp());
  }

  @Test
  void unknownPlatformUsesTheGenericIosLikeModelAndSaysSo() {
    var c = Dialects.forPlatform("vendorx");
    assertTrue(c.assumed());
    assertEquals("generic", c.dialect().name());
    assertFalse(Dialects.forPlatform("junos").assumed());
  }

  @Test
  void iosTwoLevelsDeepStaleContext() {
    var s = replay("ios", "router isis CORE", " address-family ipv4 unicast", "  maximum-paths 8",
        " address-family ipv4 vrf BIZ", "  redistribute static", "  neighbor 10.0.0.1 activate");
    assertFalse(s.get(3).accepted(), "IS-IS has no VRF address family and global has none at all");
    assertEquals("router isis CORE > address-family ipv4 unicast", s.get(4).where().label());
    assertTrue(s.get(4).leaksIntoIgp());
    assertEquals(0, s.get(4).contextEntry());
    assertEquals(0, s.get(3).contextEntry());
  }
}
