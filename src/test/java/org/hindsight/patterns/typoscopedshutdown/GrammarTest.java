package org.hindsight.patterns.typoscopedshutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GrammarTest {
  private final CommandGrammars grammars = CommandGrammars.load();

  @Test
  void genericFleetToolForms() throws Exception {
    ParsedCommand p = grammars.parse("sudo /opt/bin/capctl remove-capacity --service billing --count 4 --reason 'slow billing'");
    assertEquals("fleet-tool", p.grammar().name());
    assertEquals("capctl", p.tool());
    assertEquals("remove-capacity", p.action());
    assertEquals("billing", p.service());
    assertEquals(4, p.target().count());
    assertEquals("--count 4", p.selectorText());
    assertTrue(p.effective());

    ParsedCommand q = grammars.parse("fleet capacity drain --hosts 'bill-[01-04],bill-09' 10% --dry-run");
    assertEquals(List.of("bill-[01-04]", "bill-09"), q.target().patterns());
    assertEquals(10.0, q.target().percent());
    assertFalse(q.effective());

    ParsedCommand r = grammars.parse("ops shutdown /^img-0[1-3]$/ --force");
    assertEquals(List.of("^img-0[1-3]$"), r.target().regexes());

    ParsedCommand list = grammars.parse("capctl list --service billing");
    assertFalse(list.removes());

    // --all is the scope typed (the report quotes it), and another selector replaces it
    ParsedCommand all = grammars.parse("backbonectl drain --all --reason audit");
    assertEquals("--all", all.selectorText());
    assertEquals(List.of("bb-*"), all.withSelector("bb-*").target().patterns());
    assertEquals("", all.withSelector("bb-*").selectorText().replace("bb-*", ""));
  }

  @Test
  void kubectlForms() throws Exception {
    ParsedCommand s = grammars.parse("kubectl -n prod scale deployment/search --replicas=3");
    assertEquals("kubectl", s.grammar().name());
    assertEquals("search", s.service());
    assertEquals(3, s.target().keep());
    assertEquals("deployment/search --replicas=3", s.selectorText());

    ParsedCommand d = grammars.parse("kubectl delete pod/api-7 pod/api-8");
    assertEquals(List.of("api-7", "api-8"), d.target().patterns());
    ParsedCommand l = grammars.parse("kubectl delete pods -l app=api");
    assertEquals("api", l.target().service());
    ParsedCommand n = grammars.parse("kubectl drain node-3 --ignore-daemonsets --delete-emptydir-data");
    assertEquals(List.of("node-3"), n.target().nodes());
    assertFalse(grammars.parse("kubectl get pods").removes());
    assertTrue(grammars.parse("kubectl scale deploy/x --replicas 2 --dry-run=client").dryRun());
  }

  @Test
  void notUnderstoodSaysWhy() {
    NotUnderstood a = assertThrows(NotUnderstood.class, () -> grammars.parse("kubectl apply -f big.yaml"));
    assertTrue(a.getMessage().contains("apply"), a.getMessage());
    NotUnderstood b = assertThrows(NotUnderstood.class, () -> grammars.parse("frobnicate --everything"));
    assertTrue(b.getMessage().contains("frobnicate"), b.getMessage());
    assertThrows(NotUnderstood.class, () -> grammars.parse("capctl drain --count"));
    assertThrows(NotUnderstood.class, () -> grammars.parse("capctl drain 'bill-[01-04"));
    assertThrows(NotUnderstood.class, () -> grammars.parse("capctl remove-capacity --service billing"));
  }

  @Test
  void withSelectorReadsAnotherSelectorInTheSameCommand() throws Exception {
    ParsedCommand p = grammars.parse("capctl remove-capacity --service billing --count 40");
    ParsedCommand q = p.withSelector("--count 4");
    assertEquals(4, q.target().count());
    assertEquals("billing", q.service());
    assertEquals(p.shape(), q.shape());
  }

  @Test
  void terraformDestroysWhatItTargetsAndItsReadingCommandsTakeNothing() throws Exception {
    ParsedCommand d = grammars.parse("terraform -chdir=infra destroy -target='aws_instance.app[\"web-03\"]' -auto-approve");
    assertEquals("terraform", d.grammar().name());
    assertTrue(d.effective());
    // the whole address (an entity named so) or its for_each key (a host)
    assertEquals(new Selector.Or(List.of(new Selector.Group("aws_instance.app[\"web-03\"]"), new Selector.Group("web-03"))),
        d.target().expr());
    // a whole module or resource: its name as an inventory value; OpenTofu and `-target x` alike
    assertEquals(new Selector.Or(List.of(new Selector.Group("module.cache"), new Selector.Group("cache"))),
        grammars.parse("tofu destroy -target module.cache").target().expr());
    assertTrue(grammars.parse("terraform apply -replace=aws_instance.web[1] -auto-approve").effective());
    assertTrue(grammars.parse("terraform apply -destroy -target=aws_instance.web").effective());
    // a ticket's bare address is read under the same flag
    assertEquals(new Selector.Group("aws_instance.web[1]"),
        grammars.parse("terraform destroy -target=aws_instance.web").withSelector("aws_instance.web[1]").target().expr());
    // near misses: the same tool's reading, previewing and state-only commands take nothing out
    for (String look : List.of("terraform plan -destroy -target=module.web", "terraform plan -target=aws_instance.web",
        "terraform state list", "terraform state rm aws_instance.web", "terraform show", "terraform output -json",
        "terraform import aws_instance.web i-0abc", "terraform taint aws_instance.web[0]")) {
      assertFalse(grammars.parse(look).effective(), look);
    }
    // what the logs cannot tell is said, not guessed: a destroy of the whole state, an apply's plan
    assertTrue(assertThrows(NotUnderstood.class, () -> grammars.parse("terraform destroy -auto-approve")).getMessage()
        .contains("whole state"));
    assertTrue(assertThrows(NotUnderstood.class, () -> grammars.parse("terraform apply -target=aws_instance.web")).getMessage()
        .contains("plan"));
  }

  @Test
  void fabricHostsRolesAndTasks() throws Exception {
    ParsedCommand s = grammars.parse("fab -H web01,web02 stop_service");
    assertEquals("fabric", s.grammar().name());
    assertTrue(s.effective());
    assertEquals(new Selector.Or(List.of(new Selector.Name("web01"), new Selector.Name("web02"))), s.target().expr());
    assertEquals(new Selector.Group("db"), grammars.parse("fab -R db decommission").target().expr());
    assertEquals(new Selector.Or(List.of(new Selector.Name("web01"), new Selector.Name("web02"))),
        grammars.parse("fab stop_web:hosts=\"web01;web02\"").target().expr());
    ParsedCommand remote = grammars.parse("fab -H 'web0[1-3]' -x web02 -- sudo systemctl stop nginx");
    assertEquals("nginx", remote.service());
    assertEquals(new Selector.And(List.of(new Selector.Name("web0[1-3]"), new Selector.Not(new Selector.Name("web02")))),
        remote.target().expr());
    // near misses: looking tasks and remote commands, a dry run
    for (String look : List.of("fab -H web01,web02 status", "fab -R web uptime", "fab -H web01 -- uptime",
        "fab -H web01 decommission --dry")) {
      assertFalse(grammars.parse(look).effective(), look);
    }
    assertTrue(assertThrows(NotUnderstood.class, () -> grammars.parse("fab -H web01,web02 deploy")).getMessage()
        .contains("fabfile"));
  }

  @Test
  void aSaltStateRunIsNoRemovalButAStateThatStopsIs() throws Exception {
    for (String run : List.of("salt 'web*' state.apply", "salt 'web*' state.highstate", "salt -G role:web state.sls nginx",
        "salt 'web*' pkg.install vim", "salt '*' saltutil.sync_all")) {
      ParsedCommand p = grammars.parse(run);
      assertFalse(p.removes(), run);
    }
    ParsedCommand dead = grammars.parse("salt 'web*' state.single service.dead name=nginx");
    assertTrue(dead.effective());
    assertEquals("nginx", dead.service());
    assertTrue(grammars.parse("salt 'db*' pkg.remove postgresql").effective());
  }

  @Test
  void pssHostFilesAndKubectlNamespaces() throws Exception {
    // the host file is not in the logs: a look needs no scope, a removal is left to its effects
    assertFalse(grammars.parse("pssh -h hosts.txt -i uptime").removes());
    assertTrue(assertThrows(NotUnderstood.class, () -> grammars.parse("pssh -h hosts.txt 'sudo reboot'")).getMessage()
        .contains("hosts.txt"));
    ParsedCommand ns = grammars.parse("kubectl delete pods --all -n payments");
    assertEquals(new Selector.And(List.of(new Selector.All(), new Selector.Within("namespace", "payments"))), ns.target().expr());
    assertEquals(new Selector.And(List.of(new Selector.Attr("app", "api"), new Selector.Within("namespace", "prod"))),
        grammars.parse("kubectl --namespace=prod delete pods -l app=api").target().expr());
    assertEquals(new Selector.All(), grammars.parse("kubectl delete pods --all -A").target().expr());
    assertFalse(grammars.parse("kubectl get pods -l app=api -n prod").removes());
  }
}
