package org.hindsight.patterns.typoscopedshutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.engine.InferredFacts;
import org.hindsight.engine.RuleBase;
import org.hindsight.facts.CommandScope;
import org.hindsight.facts.Fact;
import org.hindsight.facts.ServiceLoss;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentTest {
  @TempDir Path dir;

  private static final String INV_HEAD = "entity,type,site,service\n";
  private static final String OPS_HEAD = "timestamp,operator,command,ticket\n";
  private static final String CHG_HEAD = "ticket,summary,service,scope,max_hosts\n";

  private static RuleBase rules;

  private List<CommandScope> scopes(World w) {
    return new OpsCommandDeriver().derive(w).stream().filter(f -> f instanceof CommandScope).map(f -> (CommandScope) f).toList();
  }

  /** The label the pattern's DRL infers for a command (typo, over-scoped, intended, unknown): Java only measures. */
  private static synchronized String classification(CommandScope command) throws Exception {
    if (rules == null) {
      rules = new Analyzer().compileRules(AnalysisOptions.builder()
          .rules(AnalysisOptions.builtInRules().resolve("typo-scoped-shutdown")).build());
    }
    List<Map<String, Object>> judged = InferredFacts.of(rules, List.of(command), "hindsight.typoscopedshutdown", "IntentJudgement");
    assertEquals(1, judged.size(), "one judgement per removal");
    return (String) judged.get(0).get("label");
  }

  @Test
  void countSlipAgainstTicketIsATypo() throws Exception {
    World w = Worlds.of(dir, "inventory.csv", INV_HEAD + Worlds.hosts("bill-", "billing", 60),
        "ops-commands.csv", OPS_HEAD + "2024-03-01T10:00:00Z,ann,capctl remove-capacity --service billing --count 40,CH-1\n",
        "changes.csv", CHG_HEAD + "CH-1,trim billing,billing,,4\n");
    CommandScope s = scopes(w).get(0);
    assertEquals(40, s.hostCount());
    assertEquals("typo", classification(s));
    assertEquals("--count 4", s.intendedSelector());
    assertEquals("ticket", s.intentSource());
    assertEquals(4, s.intendedHosts());
  }

  @Test
  void globTypoFoundByNameSegmentInsertion() throws Exception {
    World w = Worlds.of(dir, "inventory.csv", INV_HEAD + Worlds.hosts("img-thumb-", "thumbs", 6)
            + Worlds.hosts("img-orig-", "originals", 10),
        "ops-commands.csv", OPS_HEAD + "2024-03-01T10:00:00Z,bo,fleet drain 'img-*' --service thumbs,\n");
    CommandScope s = scopes(w).get(0);
    assertEquals(16, s.hostCount());
    assertEquals("service-option", s.intentSource());
    assertEquals("typo", classification(s));
    assertEquals("img-thumb-*", s.intendedSelector());
  }

  @Test
  void lostRangeDigitAndExactTicketMatch() throws Exception {
    StringBuilder inv = new StringBuilder(INV_HEAD);
    for (int i = 1; i <= 120; i++) inv.append(String.format("meta-%03d,host,az1,%s%n", i, i > 100 ? "billing" : "index"));
    World w = Worlds.of(dir, "inventory.csv", inv.toString(),
        "ops-commands.csv", OPS_HEAD
            + "2024-03-01T10:00:00Z,cy,capctl remove-capacity --service billing meta-[10-104],T-9\n"
            + "2024-03-01T11:00:00Z,cy,capctl remove-capacity --service billing meta-[105-108],T-10\n",
        "changes.csv", CHG_HEAD + "T-9,remove 4 billing hosts,billing,meta-[101-104],4\nT-10,remove 4 more,billing,meta-[105-108],4\n");
    List<CommandScope> s = scopes(w);
    assertEquals("typo", classification(s.get(0)));
    assertEquals("meta-[101-104]", s.get(0).intendedSelector());
    assertEquals(Map.of("billing", 4, "index", 91), s.get(0).services());
    assertEquals("intended", classification(s.get(1)));
  }

  @Test
  void theHostTheSameCommandWasTypedOnEarlierSaysWhichHostWasMeantWhenTheSessionWentQuiet() throws Exception {
    // GitLab 2017-01-31: the replica's data directory wiped, a copy that hung for over an hour, then the same rm on the primary
    World w = Worlds.of(dir, "inventory.csv", INV_HEAD + "db1.cluster.example.com,server,az1,pg\ndb2.cluster.example.com,server,az1,pg\n",
        "ops-commands.csv", "timestamp,operator,host,command,ticket\n"
            + "2017-01-31T22:07:00Z,tm1,db2.cluster.example.com,sudo rm -rf /var/opt/gitlab/postgresql/data,\n"
            + "2017-01-31T23:27:00Z,tm1,db1.cluster.example.com,sudo rm -rf /var/opt/gitlab/postgresql/data,\n");
    CommandScope s = scopes(w).get(1);
    assertEquals("session", s.intentSource());
    assertEquals("db2.cluster.example.com", s.intendedSelector());
    assertEquals("typo", classification(s));
  }

  @Test
  void historyOfTheSamePlaybookStepIsAnIntent() throws Exception {
    World w = Worlds.of(dir, "inventory.csv", INV_HEAD + Worlds.hosts("q-", "queue", 50),
        "ops-commands.csv", OPS_HEAD
            + "2024-03-01T10:00:00Z,dee,capctl remove-capacity --service queue --count 2,\n"
            + "2024-03-02T10:00:00Z,dee,capctl remove-capacity --service queue --count 20,\n");
    List<CommandScope> s = scopes(w);
    assertEquals("service-option", s.get(0).intentSource());
    assertEquals("intended", classification(s.get(0)));
    assertEquals("history", s.get(1).intentSource());
    assertEquals("typo", classification(s.get(1)));
    assertEquals("--count 2", s.get(1).intendedSelector());
  }

  @Test
  void secondRoleIsBeyondIntentAndLossesAccumulate() throws Exception {
    String inv = INV_HEAD + Worlds.hosts("bill-", "billing", 8) + "bill-01,host,az1,auth\nbill-02,host,az1,auth\n"
        + Worlds.hosts("auth-", "auth", 3);
    World w = Worlds.of(dir, "inventory.csv", inv,
        "ops-commands.csv", OPS_HEAD + "2024-03-01T10:00:00Z,eve,capctl drain --service billing --count 2,\n"
            + "2024-03-01T10:05:00Z,eve,capctl drain bill-03,\n"
            + "2024-03-01T10:06:00Z,eve,unknowntool frobnicate all the things,\n");
    List<Fact> facts = new OpsCommandDeriver().derive(w);
    List<CommandScope> s = facts.stream().filter(f -> f instanceof CommandScope).map(f -> (CommandScope) f).toList();
    assertEquals(Map.of("billing", 2, "auth", 2), s.get(0).services());
    assertEquals("over-scoped", classification(s.get(0)));
    assertFalse(s.get(2).understood());
    assertTrue(s.get(2).problem().contains("unknowntool"), s.get(2).problem());
    List<ServiceLoss> losses = facts.stream().filter(f -> f instanceof ServiceLoss).map(f -> (ServiceLoss) f).toList();
    ServiceLoss auth = losses.stream().filter(l -> l.service().equals("auth")).findFirst().orElseThrow();
    assertEquals(5, auth.fleet());
    assertEquals(2, auth.lost());
    assertEquals(2, auth.beyondIntent());
    ServiceLoss third = losses.stream().filter(l -> l.seq() == 1).findFirst().orElseThrow();
    assertEquals(1, third.lost());
  }

  @Test
  void kubectlScaleSlip() throws Exception {
    StringBuilder inv = new StringBuilder("entity,type,site,service,parent\n");
    for (int i = 1; i <= 40; i++) inv.append(String.format("search-%02d,pod,z1,search,node-%d%n", i, i % 4));
    World w = Worlds.of(dir, "inventory.csv", inv.toString(),
        "ops-commands.csv", OPS_HEAD + "2024-03-01T10:00:00Z,fay,kubectl -n prod scale deployment/search --replicas=3,K-1\n",
        "changes.csv", CHG_HEAD + "K-1,scale search to 30,search,deployment/search --replicas=30,\n");
    CommandScope s = scopes(w).get(0);
    assertEquals(37, s.hostCount());
    assertEquals("typo", classification(s));
    assertEquals("deployment/search --replicas=30", s.intendedSelector());
  }
}
