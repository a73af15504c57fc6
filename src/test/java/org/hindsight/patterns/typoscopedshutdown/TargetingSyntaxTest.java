package org.hindsight.patterns.typoscopedshutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hindsight.facts.CommandScope;
import org.hindsight.world.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every targeting syntax, read by its grammar and resolved against an inventory with extra columns. */
class TargetingSyntaxTest {
  @TempDir Path dir;
  private final CommandGrammars grammars = CommandGrammars.load();
  private FleetIndex index;

  private static final String INVENTORY = """
      entity,type,site,service,role,tags,parent
      pay-01,host,east,payments,canary,"pci,eu",
      pay-02,host,east,payments,primary,"pci,eu",
      pay-03,host,west,payments,primary,pci,
      pay-04,host,west,payments,primary,pci,
      srch-01,host,east,search,primary,eu,
      srch-02,host,east,search,primary,eu,
      srch-30,host,west,search,canary,,
      kn-1,node,east,,ingress,,
      kn-2,node,west,,worker,,
      edge-a,pod,east,edge,primary,,kn-1
      edge-b,pod,east,edge,primary,,kn-1
      edge-c,pod,west,edge,primary,,kn-2
      """;

  @BeforeEach
  void inventory() throws Exception {
    World w = Worlds.of(dir, "inventory.csv", INVENTORY);
    index = new FleetIndex(w.inventory());
  }

  private List<String> hosts(String command) throws Exception {
    ParsedCommand p = grammars.parse(command);
    int[] ids = p.target().resolve(index, null, SelectorBudget.perLine());
    return java.util.Arrays.stream(ids).mapToObj(index::name).toList();
  }

  private String grammar(String command) throws Exception {
    return grammars.parse(command).grammar().name();
  }

  @Test
  void attributeSelectorsMatchAnyInventoryColumn() throws Exception {
    assertEquals(List.of("pay-01", "srch-30"), hosts("lbctl drain --role canary"));
    assertEquals(List.of("pay-01", "pay-02"), hosts("fleet stop --where 'service=payments AND site:east'"));
    assertEquals(List.of("pay-01", "pay-02", "pay-03", "pay-04", "srch-30"),
        hosts("fleet stop --where 'tags:pci OR role=canary'"));
    assertEquals(List.of("pay-03", "pay-04"), hosts("fleet stop --where 'tags=pci AND NOT tags=eu'"));
    assertEquals(List.of("pay-01"), hosts("fleet drain role=canary --hosts 'pay-*'"), "an attribute narrows host names");
    assertEquals(List.of("pay-01", "pay-02", "srch-01", "srch-02"), hosts("fleet drain --tag eu"));
  }

  @Test
  void ansiblePatternsAndLimits() throws Exception {
    assertEquals("ansible", grammar("ansible payments -m service -a 'name=payd state=stopped'"));
    assertEquals(List.of("pay-01", "pay-02", "pay-03", "pay-04"), hosts("ansible payments -m service -a 'name=payd state=stopped'"));
    assertEquals(List.of("pay-02"), hosts("ansible 'pay-*:&east:!canary' -m reboot"));
    assertEquals(List.of("edge-c", "pay-03", "srch-30"), hosts("ansible all -m shell -a 'systemctl stop app' -l 'west:!pay-04'"));
    assertEquals(List.of("srch-01", "srch-02"), hosts("ansible '~srch-0[12]' -b -m command -a 'shutdown -h now'"));
    assertEquals(List.of("pay-01", "pay-02"), hosts("ansible-playbook -i prod decommission.yml --limit 'payments:&east'"));
    assertTrue(grammars.parse("ansible-playbook decommission.yml -l pay-01 --check").dryRun());
    assertFalse(grammars.parse("ansible all -m ping").removes());
    assertThrows(NotUnderstood.class, () -> grammars.parse("ansible-playbook site.yml"));
  }

  @Test
  void saltTargeting() throws Exception {
    assertEquals(List.of("pay-01", "pay-02", "pay-03", "pay-04"), hosts("salt 'pay-*' service.stop payd"));
    assertEquals(List.of("pay-01", "srch-30"), hosts("salt -G 'role:canary' system.reboot"));
    assertEquals(List.of("srch-01", "srch-30"), hosts("salt -L 'srch-01,srch-30' cmd.run 'systemctl stop searchd'"));
    assertEquals(List.of("srch-01", "srch-02"), hosts("salt -E '^srch-0[0-9]$' system.shutdown"));
    assertEquals(List.of("pay-03", "pay-04"), hosts("salt -C 'G@service:payments and not G@site:east' service.dead payd"));
    assertEquals(List.of("pay-03", "pay-04", "srch-30"), hosts("salt -C 'G@site:west and ( pay-* or srch-* )' system.reboot"));
    assertTrue(grammars.parse("salt '*' service.stop payd test=True").dryRun());
    assertFalse(grammars.parse("salt '*' test.ping").removes());
  }

  @Test
  void pdshAndClushHostLists() throws Exception {
    assertEquals(List.of("pay-01", "pay-02", "pay-04"), hosts("pdsh -w 'pay-[01-02,04]' sudo systemctl stop payd"));
    assertEquals(List.of("pay-01", "pay-02"), hosts("pdsh -w pay-[01-04] -x pay-[03-04] 'sudo reboot'"));
    assertEquals(List.of("pay-01", "srch-30"), hosts("clush -g canary -b sudo shutdown -h now"));
    assertEquals("pdsh", grammar("clush -a uptime"));
    assertFalse(grammars.parse("clush -a uptime").removes());
  }

  @Test
  void sshLoopsAndXargs() throws Exception {
    assertEquals(List.of("pay-01", "pay-02"), hosts("for h in pay-01 pay-02; do ssh $h 'sudo systemctl stop payd'; done"));
    assertEquals(List.of("srch-01", "srch-02"), hosts("for h in srch-{01..02}; do ssh -o BatchMode=yes root@$h reboot; done"));
    assertEquals(List.of("pay-03", "pay-04"), hosts("echo pay-03 pay-04 | xargs -I{} ssh {} sudo shutdown -r now"));
    assertEquals(List.of("srch-30"), hosts("ssh srch-30 sudo systemctl stop searchd"));
    assertFalse(grammars.parse("ssh pay-01 uptime").removes());
    assertThrows(NotUnderstood.class, () -> grammars.parse("cat hosts.txt | xargs -I{} ssh {} reboot"));
  }

  @Test
  void kubectlLabelSelectorsAndAll() throws Exception {
    assertEquals(List.of("edge-a", "edge-b", "edge-c"), hosts("kubectl delete pods -l 'app=edge'"));
    assertEquals(List.of("edge-a", "edge-b", "kn-1"), hosts("kubectl drain -l role=ingress --ignore-daemonsets"));
    assertEquals(List.of("edge-c"), hosts("kubectl delete pods -l 'app=edge,site notin (east)'"));
    assertEquals(11, hosts("kubectl delete pods --all").size() + 1, "every serving entity (nodes serve nothing)");
  }

  @Test
  void nomadAndConsul() throws Exception {
    assertEquals(List.of("srch-01", "srch-02", "srch-30"), hosts("nomad job stop -purge search"));
    assertEquals(List.of("edge-c", "kn-2"), hosts("nomad node drain -enable -yes kn-2"));
    assertEquals(List.of("srch-30"), hosts("consul force-leave srch-30"));
    assertFalse(grammars.parse("nomad job status search").removes());
  }

  @Test
  void localCommandsAreScopedToTheHostTheyRanOn() throws Exception {
    for (String c : List.of("sudo systemctl stop payd", "rm -rf /var/lib/payd/data", "dropdb ledger", "shutdown -h now",
        "sudo service payd stop", "docker stop payd", "sudo gitlab-ctl stop postgresql", "sv stop payd", "initctl stop payd",
        "rc-service payd stop")) {
      ParsedCommand p = grammars.parse(c);
      assertEquals("local-command", p.grammar().name(), c);
      assertTrue(p.removes(), c);
      assertThrows(SelectorBudget.Unresolved.class, () -> p.target().resolve(index, null, SelectorBudget.perLine()),
          "without the row's host column the scope is unknown: " + c);
      Target bound = Target.of(Selector.bindHere(p.target().expr(), "pay-02"));
      assertEquals(1, bound.resolve(index).length);
    }
    assertFalse(grammars.parse("rm -rf /tmp/build").removes());
    assertFalse(grammars.parse("systemctl status payd").removes());
    assertFalse(grammars.parse("gitlab-ctl status").removes());
    assertFalse(grammars.parse("sv status payd").removes());
  }

  @Test
  void aWordThatNamesAServiceIsNotAFleetWideSelector() throws Exception {
    // `payments` names no host: the command is about that service, its scope is the hosts given.
    assertEquals(List.of("pay-03"), hosts("lbctl drain payments --hosts pay-03"));
    ParsedCommand bare = grammars.parse("lbctl drain payments");
    assertEquals(0, bare.target().resolve(index).length);
    assertEquals(List.of("payments"), bare.target().serviceWords(index));
  }

  @Test
  void globalOptionsBeforeTheVerbAreSkipped() throws Exception {
    assertEquals("fleet-tool", grammar("lbctl --env prod drain --service payments --hosts pay-01"));
    assertEquals(List.of("pay-01"), hosts("lbctl --env prod drain --service payments --hosts pay-01"));
  }

  @Test
  void pathologicalSelectorsAreRefusedQuicklyNotMatched() throws Exception {
    long t0 = System.nanoTime();
    ParsedCommand stars = grammars.parse("capctl drain '" + "*".repeat(10_000) + "'");
    assertThrows(SelectorBudget.Unresolved.class, () -> stars.target().resolve(index, null, SelectorBudget.perLine()));
    ParsedCommand evil = grammars.parse("capctl drain --regex '(.*a){20}'");
    // On a long enough name the regex backtracks past its budget; here every name is short, so it
    // resolves — the budget case is checked on a long name below.
    evil.target().resolve(index, null, SelectorBudget.perLine());
    FleetIndex longNames = new FleetIndex(Worlds.of(dir, "inventory.csv",
        "entity,type,site,service\n" + "a".repeat(40) + "b,host,z,s\n").inventory());
    SelectorBudget.Unresolved u = assertThrows(SelectorBudget.Unresolved.class,
        () -> evil.target().resolve(longNames, null, new SelectorBudget(1_000_000, java.time.Duration.ofSeconds(5))));
    assertTrue(u.getMessage().contains("budget"), u.getMessage());
    // Globs with many stars between literals are linear: no backtracking, no recursion.
    HostPattern many = HostPattern.compile("*a".repeat(400) + "*");
    assertFalse(many.matches("a".repeat(399) + "b".repeat(500)));
    assertTrue(many.matches("a".repeat(400)));
    assertThrows(NotUnderstood.class, () -> SelectorSyntax.attributes("(".repeat(5000) + "a=b" + ")".repeat(5000)));
    assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "pathological selectors took " + (System.nanoTime() - t0) / 1e9 + " s");
  }

  @Test
  void aKubernetesNamespaceNarrowsWhereTheInventoryRecordsIt() throws Exception {
    // no namespace column here: -n narrows nothing (every pod, as before)
    assertEquals(List.of("edge-a", "edge-b", "edge-c", "pay-01", "pay-02", "pay-03", "pay-04", "srch-01", "srch-02", "srch-30"),
        hosts("kubectl delete pods --all -n edge").stream().sorted().toList());
    World w = Worlds.of(dir, "inventory.csv", """
        entity,type,site,service,namespace
        edge-a,pod,east,edge,edge
        edge-b,pod,east,edge,edge
        pay-a,pod,east,payments,payments
        """);
    index = new FleetIndex(w.inventory());
    assertEquals(List.of("edge-a", "edge-b"), hosts("kubectl delete pods --all -n edge"));
    assertEquals(List.of("edge-a", "edge-b", "pay-a"), hosts("kubectl delete pods --all --all-namespaces"));
    assertEquals(List.of(), hosts("kubectl delete pods -l service=edge -n payments"));
  }

  @Test
  void terraformAddressesResolveAsTheInventoryNamesThem() throws Exception {
    assertEquals(List.of("pay-03"), hosts("terraform destroy -target='aws_instance.payments[\"pay-03\"]'"));
    assertEquals(List.of("pay-01", "pay-02", "pay-03", "pay-04"), hosts("terraform destroy -target=module.payments"));
    assertEquals(List.of("srch-30"), hosts("fab -R canary -x 'pay-0[1-4]' -- sudo systemctl stop searchd"));
    // an index the inventory does not name resolves to nothing (its effects decide)
    assertEquals(List.of(), hosts("terraform destroy -target=aws_instance.search[0]"));
  }

  @Test
  void sdcOneachnodeWithoutANodeOptionRunsOnEveryNode() throws Exception {
    assertEquals("sdc-oneachnode", grammar("sdc-oneachnode reboot"));
    List<String> every = hosts("clush -a uptime");
    assertEquals(every, hosts("sdc-oneachnode reboot"), "the 2014 tool's default: every node");
    assertEquals(every, hosts("sdc-oneachnode -a 'reboot'"));
    assertEquals(List.of("pay-01", "pay-03"), hosts("sdc-oneachnode -n pay-01,pay-03 reboot"));
    assertEquals(List.of("pay-01", "pay-03"), hosts("sdc-oneachnode --node=pay-01,pay-03 -t 30 reboot"));
    ParsedCommand computeNodes = grammars.parse("sdc-oneachnode -c reboot");
    Target bound = Target.of(Selector.bindHere(computeNodes.target().expr(), "pay-02"));
    assertEquals(every.size() - 1, bound.resolve(index).length, "-c: every node but the headnode it ran on");
    assertTrue(grammars.parse("sdc-oneachnode reboot").removes());
    assertFalse(grammars.parse("sdc-oneachnode 'sysinfo | json \"Live Image\"'").removes());
    assertFalse(grammars.parse("sdc-oneachnode -p /tmp/fix.sh -d /var/tmp").removes());
    assertThrows(NotUnderstood.class, () -> grammars.parse("sdc-oneachnode -n pay-01"));
  }

  @Test
  void aTicketsBareScopeGoesUnderTheOptionOfACommandTypedWithout() throws Exception {
    // the ticket names the nodes; the command relied on the tool's default (every node)
    ParsedCommand typed = grammars.parse("sdc-oneachnode reboot");
    ParsedCommand meant = typed.withSelector("pay-01,pay-03");
    assertEquals("-n pay-01,pay-03", meant.selectorText());
    assertEquals(List.of("pay-01", "pay-03"),
        java.util.Arrays.stream(meant.target().resolve(index)).mapToObj(index::name).toList());
    assertTrue(meant.removes());
  }
}
