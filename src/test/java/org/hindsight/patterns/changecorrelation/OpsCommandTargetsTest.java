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
  void aKubectlManifestsPathNamesWhatItConfiguresButAnotherToolsPathDoesNot() throws Exception {
    assertEquals("resolver", changeOf("kubectl apply -f deploy/resolver/configmap.yaml -n dns").entity());
    assertEquals("ns1-c", changeOf("kubectl --context prod apply --filename manifests/ns1-c.yaml").entity());
    assertEquals("web", changeOf("kubectl apply -k overlays/prod/web").entity());
    assertEquals("", changeOf("kubectl apply -f deploy/resolvers/configmap.yaml").entity(), "a name only within a segment");
    assertEquals("", changeOf("tar -x -f backups/ns1-c.tar").entity(), "no kubectl: a path names files");
    assertEquals("", changeOf("kubectl cp deploy/resolver/named.conf dns/x:/etc/bind/").entity(), "not after a manifest option");
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

  /**
   * The change one command is, in an estate where a database cluster's host and the API over it fail: the API
   * ({@code app}) depends on the database ({@code db}); {@code troubled} lists the hosts whose latency jumps.
   */
  private Change changeAmidTrouble(String command, String... troubled) throws Exception {
    Files.writeString(dir.resolve("inventory.csv"), """
        entity,type,site,service,role
        db-11,host,site-a,db,primary
        db-41,host,site-a,db,replica
        app-1,host,site-a,app,app
        app-2,host,site-b,app,app
        bastion-1,host,site-a,bastion,jump
        """);
    Files.writeString(dir.resolve("dependencies.csv"), "service,depends_on,kind\napp,db,hard\n");
    StringBuilder metrics = new StringBuilder("timestamp,entity,metric,value\n");
    for (int minute = 0; minute < 40; minute++) {
      for (String host : List.of("db-11", "db-41", "app-1", "app-2", "bastion-1")) {
        boolean high = minute >= 20 && List.of(troubled).contains(host);
        metrics.append(java.time.Instant.parse("2024-03-01T09:40:00Z").plusSeconds(60L * minute)).append(',').append(host)
            .append(",request.latency_p99_ms,").append(high ? 900 + minute : 10 + minute % 3).append('\n');
      }
    }
    Files.writeString(dir.resolve("metrics.csv"), metrics);
    Files.writeString(dir.resolve("ops-commands.csv"),
        "timestamp,operator,command,result\n2024-03-01T09:59:30Z,op,\"" + command.replace("\"", "\"\"") + "\",ok\n");
    List<Change> changes = new ChangeDeriver().derive(TestAnalysis.world(dir)).stream()
        .filter(Change.class::isInstance).map(Change.class::cast).toList();
    assertEquals(1, changes.size(), changes.toString());
    return changes.get(0);
  }

  @Test
  void aCommandNamingAnUpstreamServicesHostBesideAServiceWordActsOnTheHostsService() throws Exception {
    // a takeover onto db-41 of a cluster whose alias spells like the API: db-41 slows, the API after it
    Change c = changeAmidTrouble("orchestrator-client -c graceful-master-takeover -alias app -d db-41", "db-41", "app-1", "app-2");
    assertEquals("db", c.entity());
  }

  @Test
  void aHostOfAServiceThatMeetsNoTroubleLeavesTheChangeOnTheServiceNamed() throws Exception {
    // the host is only where the command ran from; the service it names is the one in trouble
    Change c = changeAmidTrouble("ssh bastion-1 deploy app --version 4.2", "db-41", "app-1", "app-2");
    assertEquals("app", c.entity());
  }

  @Test
  void aHostOfADownstreamServiceAsNearTheTroubleLeavesTheChangeOnTheServiceNamed() throws Exception {
    // db and app are both in trouble, but the host named is the API's: the command acts on the database it names
    Change c = changeAmidTrouble("db-admin failover db --notify app-1", "db-41", "app-1", "app-2");
    assertEquals("db", c.entity());
  }

  @Test
  void aServiceGivenByTheServiceOptionStaysTheChangeWhateverHostsItNames() throws Exception {
    // the contract's --service says which service the command acts on: the hosts are put into it
    Change c = changeAmidTrouble("fleet add-capacity --service app --hosts db-41", "db-41", "app-1", "app-2");
    assertEquals("app", c.entity());
    assertEquals("app", changeAmidTrouble("fleet add-capacity --service=app --hosts db-41", "db-41", "app-1", "app-2").entity());
  }

  private Change typedOn(String host, String command) throws Exception {
    Files.writeString(dir.resolve("inventory.csv"), INVENTORY);
    Files.writeString(dir.resolve("ops-commands.csv"), "timestamp,operator,host,command,result\n2024-03-01T10:00:00Z,op," + host
        + ",\"" + command.replace("\"", "\"\"") + "\",ok\n");
    List<Change> changes = new ChangeDeriver().derive(TestAnalysis.world(dir)).stream()
        .filter(Change.class::isInstance).map(Change.class::cast).toList();
    assertEquals(1, changes.size(), changes.toString());
    return changes.get(0);
  }

  @Test
  void aCommandTypedOnAHostNamingTheServiceItServesIsAChangeOfThatHost() throws Exception {
    // the service's instance there: one step of a roll-out when typed on each host in turn
    assertEquals("ns1-a", typedOn("ns1-a", "sudo systemctl reload resolver").entity());
    assertEquals("ns1-a", typedOn("ns1-a", "sudo install -m 0640 new.crt /etc/resolver/tls/server.crt").entity());
    // another service's name typed there is that service's change
    assertEquals("resolver", typedOn("web1-a", "resolverctl --service resolver flush").entity());
  }
}
