package org.hindsight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hindsight.analysis.Analyzer;
import org.hindsight.facts.Change;
import org.hindsight.facts.Event;
import org.hindsight.facts.LogsEnd;
import org.hindsight.facts.MetricExcursion;
import org.hindsight.facts.TimedFact;
import org.junit.jupiter.api.Test;
import org.kie.api.definition.type.Role;

/**
 * Timed classes are CEP events only where a rule relates them in time (EventRoles): read from the rules' text,
 * conservatively; the built-in rules' choice is stored with their pre-compiled copy and unioned with a user
 * folder's needs.
 */
class EventRolesTest {
  private static final List<Class<? extends TimedFact>> TIMED = List.of(Event.class, Change.class, LogsEnd.class, MetricExcursion.class);

  private static Set<Class<?>> needed(String... rules) {
    List<String> files = new java.util.ArrayList<>();
    for (String r : rules) files.add("package t;\nimport org.hindsight.facts.*;\n" + r);
    return EventRoles.needed(files, TIMED).classes();
  }

  @Test
  void aClassIsAnEventOnlyWhereARuleRelatesItInTime() {
    String plain = "rule \"plain\" when $c : Change() LogsEnd() then end\n";
    assertEquals(Set.of(), needed(plain), "no temporal operator: plain facts");
    assertEquals(Set.of(MetricExcursion.class, Event.class),
        needed(plain, "rule \"t\" when $e : Event() MetricExcursion( this after[0s,5m] $e ) then end\n"));
    assertEquals(Set.of(Change.class), needed("rule \"w\" when Number() from accumulate( Change() over window:time(5m), count(1) ) then end\n"));
    assertEquals(Set.of(Change.class, Event.class, LogsEnd.class, MetricExcursion.class),
        needed("rule \"s\" when $e : Event() TimedFact( this before $e ) then end\n"), "a supertype names them all");
    assertEquals(Set.of(LogsEnd.class), needed("rule \"n\" when $e : LogsEnd() not LogsEnd( this metby $e ) then end\n"));
  }

  @Test
  void wordsThatOnlyLookTemporalMakeNoEvent() {
    assertEquals(Set.of(), needed("rule \"m\" when $c : Change( what == \"after the deploy\" ) // before\n then end\n"));
    assertEquals(Set.of(), needed("rule \"c\" when $c : Change( time.isAfter(java.time.Instant.EPOCH) ) then end\n"),
        "a method call named after is no operator");
    assertEquals(Set.of(), needed("rule \"x\" when Change() then\n  // this after $e\n  System.out.println(\"after\");\nend\n"),
        "an action is no condition");
  }

  @Test
  void whatCannotBeReadKeepsEveryClassAnEvent() {
    assertEquals(Set.copyOf(TIMED), needed("rule \"broken\" when Change( then end\n"), "a file that does not parse");
    assertEquals(Set.of(Change.class), needed("declare Change @role(event) end\nrule \"d\" when Change() then end\n"),
        "a file that declares it itself");
    assertEquals(Set.of(Change.class, MetricExcursion.class),
        needed("rule \"p\" when $c : Change() then end\nrule \"q\" extends \"p\" when MetricExcursion( this after $c ) then end\n"),
        "a temporal rule's parent's conditions count");
  }

  private static Role.Type role(RuleBase rules, Class<?> c) {
    org.drools.base.rule.TypeDeclaration declared = ((org.drools.core.impl.InternalRuleBase) rules.kieBase()).getTypeDeclaration(c);
    return declared == null ? Role.Type.FACT : declared.getRole(); // nothing declared: a plain fact
  }

  @Test
  void theBuiltInRulesHoldChangesAsFactsAndAUserRuleRelatingThemInTimeMakesThemEvents() throws Exception {
    List<Class<? extends TimedFact>> timed = new Analyzer().eventTypes();
    RuleBase builtIn = new RuleCompiler(timed, Duration.ofHours(48)).compile(List.of(Path.of("rules")));
    assertTrue(builtIn.origin().contains("pre-compiled"), builtIn.origin());
    assertEquals(Role.Type.FACT, role(builtIn, Change.class), "no built-in rule relates a change in time");
    assertEquals(Role.Type.EVENT, role(builtIn, MetricExcursion.class), "missing-exit's rules relate excursions in time");
    assertEquals(Role.Type.EVENT, role(builtIn, Event.class));
    RuleBase compiledNow = new RuleCompiler(timed, Duration.ofHours(48)).usePrecompiled(false).compile(List.of(Path.of("rules")));
    for (Class<?> c : timed) assertEquals(role(compiledNow, c), role(builtIn, c), "the stored choice is the one read from the rules: " + c);

    RuleBase withUser = new RuleCompiler(timed, Duration.ofHours(48))
        .compile(List.of(Path.of("rules"), RuleCompilerTest.RULES.resolve("relates-changes-in-time")));
    assertFalse(withUser.origin().contains("pre-compiled"), "the built-in copy holds changes as facts: " + withUser.origin());
    assertEquals(Role.Type.EVENT, role(withUser, Change.class));
    RuleBase withCep = new RuleCompiler(timed, Duration.ofHours(48))
        .compile(List.of(Path.of("rules"), RuleCompilerTest.RULES.resolve("cep")));
    assertTrue(withCep.origin().contains("pre-compiled"), "a user rule relating events only: the built-in copy serves " + withCep.origin());
    assertEquals(Role.Type.FACT, role(withCep, Change.class));
  }
}
