package org.hindsight.patterns.changecorrelation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.hindsight.facts.Change;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an ops command is a change of: the items it names (also as kubectl's {@code TYPE/NAME}), else those it
 * selects by what the inventory says of them (a group column, a role, the sites), a change of the one service
 * those items serve, taking out exactly those items.
 */
class OpsCommandTargetsTest {
  static final String INVENTORY = """
      entity,type,site,service,role,group
      ns1-a,host,site-a,resolver,primary,name_servers
      ns2-a,host,site-a,resolver,replica,name_servers
      ns1-b,host,site-b,resolver,primary,name_servers
      ns1-c,host,site-c,resolver,primary,name_servers
      web1-a,host,site-a,web,primary,web_servers
      web1-b,host,site-b,web,primary,web_servers
      """;

  @TempDir Path dir;

  private Change changeOf(String command) throws Exception {
    Files.writeString(dir.resolve("inventory.csv"), INVENTORY);
    Files.writeString(dir.resolve("ops-commands.csv"),
        "timestamp,operator,command,result\n2024-03-01T10:00:00Z,op,\"" + command.replace("\"", "\"\"") + "\",ok\n");
    List<Change> changes = new ChangeDeriver().derive(TestAnalysis.world(dir)).stream()
        .filter(Change.class::isInstance).map(Change.class::cast).toList();
    assertEquals(1, changes.size(), changes.toString());
    return changes.get(0);
  }

  @Test
  void aGroupAndSitesSelectTheItemsInBothAndTheChangeIsTheirService() throws Exception {
    Change c = changeOf("sudo /opt/ops/bin/push_conf.sh --group name_servers --dcs site-a,site-b --parallel 4");
    assertEquals("resolver", c.entity());
    assertEquals(Set.of("ns1-a", "ns2-a", "ns1-b"), c.stepTimes().keySet(), "site-c's server is not in the sites named");
  }

  @Test
  void aSaltGrainTargetSelectsByRole() throws Exception {
    Change c = changeOf("salt -C 'G@group:name_servers' state.apply bind.config");
    assertEquals("resolver", c.entity());
    assertEquals(Set.of("ns1-a", "ns2-a", "ns1-b", "ns1-c"), c.stepTimes().keySet());
  }

  @Test
  void sitesAloneSelectSeveralServicesSoTheCommandStaysAChangeOfNothingKnown() throws Exception {
    Change c = changeOf("sudo /opt/ops/bin/push_conf.sh --dcs site-a,site-b");
    assertEquals("", c.entity());
    assertEquals(Set.of(), c.stepTimes().keySet());
  }

  @Test
  void aNamedItemStillWinsOverAnAttributeTheCommandAlsoMentions() throws Exception {
    Change c = changeOf("ssh web1-a sudo systemctl restart nginx # name_servers untouched");
    assertEquals("web1-a", c.entity());
  }

  @Test
  void kubectlsTypeSlashNameNamesTheItemButAPathDoesNot() throws Exception {
    assertEquals("ns1-b", changeOf("kubectl patch nodes/ns1-b -p '{\"spec\":{\"unschedulable\":true}}'").entity());
    assertEquals("", changeOf("sudo cp /srv/ns1-b /tmp/x").entity(), "a path is no TYPE/NAME");
    assertEquals("", changeOf("kubectl delete pods/ns1-b/extra").entity(), "two slashes are no TYPE/NAME");
  }

  @Test
  void theSameKubectlCommandOnEachNodeReadsAlike() {
    assertEquals(ChangeDeriver.withoutNames("kubectl patch nodes/a-1 -p '{}'", Set.of("a-1")),
        ChangeDeriver.withoutNames("kubectl patch nodes/a-2 -p '{}'", Set.of("a-2")));
  }

  @Test
  void anRsyncOrScpRemotePathNamesItsHostButALinksTwoEndsDoNot() throws Exception {
    assertEquals("ns1-c", changeOf("rsync -a --delete /builds/r42/ ns1-c:/opt/app/").entity());
    assertEquals("web1-b", changeOf("scp app.tar.gz deploy@web1-b:releases/").entity());
    assertEquals("", changeOf("optics-swap --link ns1-a:web1-a").entity(), "a:b is no remote path");
  }

  @Test
  void theSameRsyncToEachHostReadsAlike() {
    assertEquals(ChangeDeriver.withoutNames("rsync -a /b/ a-1:/opt/x/", Set.of("a-1")),
        ChangeDeriver.withoutNames("rsync -a /b/ a-2:/opt/x/", Set.of("a-2")));
  }

  @Test
  void aSelectionOfOneItemIsAChangeOfThatItem() throws Exception {
    assertEquals("ns1-c", changeOf("sudo /opt/ops/bin/push_conf.sh --group name_servers --dcs site-c").entity());
  }
}
