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
}
