package org.hindsight.simulate.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.facts.Hypothesis;
import org.hindsight.ingest.BundleReader;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.observe.Symptom;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.simulate.Validation;
import org.hindsight.simulate.Validator;
import org.hindsight.simulate.Verdict;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyPropagationSimulatorTest {
  static final String T = "2024-04-04T12:00:00Z";

  private static World world(Path dir, String events) throws Exception {
    Files.writeString(dir.resolve("inventory.csv"), """
        entity,type,site,service,parent
        a-1,host,s1,alpha,
        b-1,host,s1,beta,
        b-2,host,s2,beta,
        p-1,process,s1,delta,b-1
        """);
    Files.writeString(dir.resolve("services.csv"), "service,min_hosts\nbeta,2\n");
    Files.writeString(dir.resolve("dependencies.csv"), """
        service,depends_on,kind
        gamma,alpha,hard
        epsilon,gamma,hard
        phi,alpha,soft
        """);
    Files.writeString(dir.resolve("events.csv"), "timestamp,source,type,entity\n" + events);
    return new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
  }

  private static Replay replay(World w, String failed) {
    Hypothesis h = Hypothesis.builder("custom-pattern", failed).detail("simulate", "dependency-propagation").detail("at", T).build();
    return new DependencyPropagationSimulator().replay(w, h, SimulationBudget.defaults());
  }

  private static Validation judge(World w, Replay r) {
    return Validator.judge(Hypothesis.builder("custom-pattern", "alpha").confidence(0.6).build(), r, w.observations(),
        new DependencyPropagationSimulator(), null);
  }

  private static List<String> entities(List<Symptom> s) {
    return s.stream().map(Symptom::entity).sorted().toList();
  }

  @Test
  void propagatesOverHardDependenciesTwoHopsButNotSoftOnes(@TempDir Path dir) throws Exception {
    World w = world(dir, """
        2024-04-04T12:01:00Z,mon,service.down,alpha
        2024-04-04T12:02:00Z,mon,service.down,gamma
        2024-04-04T12:04:00Z,mon,service.down,epsilon
        """);
    Replay r = replay(w, "alpha");
    assertEquals(List.of("alpha", "epsilon", "gamma"), entities(r.withCause()));
    assertEquals(List.of(), r.withoutCause());
    Validation v = judge(w, r);
    assertEquals(Verdict.CONFIRMED, v.verdict(), v.summary());
  }

  /** Events with a message column: what the failing records say. */
  private static World worldSaying(Path dir, String events) throws Exception {
    world(dir, "");
    Files.writeString(dir.resolve("events.csv"), "timestamp,source,type,entity,message\n" + events);
    return new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
  }

  @Test
  void somethingOutsideTheGraphReachesTheItemsWhoseFailingRecordsNameIt(@TempDir Path dir) throws Exception {
    World w = worldSaying(dir, """
        2024-04-04T12:00:30Z,kernel,host.crash,b-1,segfault in libfoo.so.3 at 0x7f
        2024-04-04T12:00:40Z,kernel,host.crash,b-2,/usr/lib/libfoo/handler.c:88 assertion failed
        2024-04-04T12:01:00Z,mon,service.down,beta,beta has no healthy host
        """);
    Replay r = replay(w, "libfoo");
    // both beta hosts name libfoo: beta falls below min_hosts, and delta's process on b-1 goes with its host
    assertEquals(List.of("beta", "delta"), entities(r.withCause()), "libfoo itself is no service: not predicted down");
    assertTrue(r.narrative().stream().anyMatch(l -> l.contains("failing records of 2 entities name it")), r.narrative().toString());
    assertEquals(List.of(), r.withoutCause(), "without it nothing fails");
  }

  @Test
  void aNameTheFailingRecordsDoNotCarryReachesNothing(@TempDir Path dir) throws Exception {
    World w = worldSaying(dir, """
        2024-04-04T12:00:30Z,kernel,host.crash,b-1,segfault in libfoobar.so.3
        2024-04-04T12:00:40Z,kernel,host.crash,b-2,watchdog timeout
        2024-04-04T12:01:00Z,mon,service.down,beta,beta has no healthy host
        """);
    assertEquals(List.of("libfoo"), entities(replay(w, "libfoo").withCause()), "a longer word that starts with the name is not the name");
    assertEquals(List.of("fo"), entities(replay(w, "fo").withCause()), "names under three characters tie nothing");
  }

  @Test
  void aServiceTheLogsDoNotNameIsPredictedOnTheItemsThatServeIt(@TempDir Path dir) throws Exception {
    World w = world(dir, "2024-04-04T12:01:00Z,mon,host.down,a-1\n");
    Replay r = replay(w, "alpha");
    // gamma and epsilon have no items: they are predicted by name, as before
    assertEquals(List.of("a-1", "epsilon", "gamma"), entities(r.withCause()), "alpha's trouble shows where the logs report: on its host");
    Replay elsewhere = replay(w, "beta");
    assertTrue(elsewhere.withCause().stream().noneMatch(s -> s.entity().equals("a-1")), "beta's hosts are not alpha's");
  }

  @Test
  void anItemFailureTakesDownServicesBelowMinimumAndChildProcesses(@TempDir Path dir) throws Exception {
    World w = world(dir, "2024-04-04T12:03:00Z,mon,service.down,beta\n");
    Replay r = replay(w, "b-1");
    assertEquals(List.of("beta", "delta"), entities(r.withCause()), r.narrative().toString());
    assertTrue(r.narrative().stream().anyMatch(s -> s.startsWith("beta goes down: capacity 1 of 2 live items, needs 2")), r.narrative().toString());
  }

  @Test
  void outagesAlreadyUnderWayPersistInTheCounterfactual(@TempDir Path dir) throws Exception {
    World w = world(dir, """
        2024-04-04T10:00:00Z,mon,service.down,gamma
        2024-04-04T12:01:00Z,mon,service.down,alpha
        2024-04-04T12:02:00Z,mon,service.down,epsilon
        """);
    Replay r = replay(w, "alpha");
    // gamma was down before the failure, so no model predicts it (it cannot be a consequence); epsilon
    // needs gamma, so it goes down without alpha's failure too.
    assertEquals(List.of("epsilon"), entities(r.withoutCause()));
    assertEquals(List.of("alpha", "epsilon"), entities(r.withCause()));
    Validation v = judge(w, r);
    assertEquals(0.5, v.counterfactual(), v.summary());
    assertTrue(v.verdict() != Verdict.CONFIRMED, v.summary());
  }

  /**
   * A cause logged a second after the first service it takes down went down: that service is not
   * predicted (it cannot be its consequence) but modelled, so the validator sees the trouble it claims
   * under way before it and does not confirm it; logged before, the same chain is confirmed.
   */
  @Test
  void whatItWouldTakeDownThatWasAlreadyDownCountsAgainstALateCause(@TempDir Path dir) throws Exception {
    String events = """
        2024-04-04T12:00:00Z,mon,service.down,alpha
        2024-04-04T12:00:40Z,mon,service.down,gamma
        2024-04-04T12:01:20Z,mon,service.down,epsilon
        """;
    World w = world(dir, events);
    Hypothesis late = Hypothesis.builder("custom-pattern", "alpha").detail("at", "2024-04-04T12:00:01Z").build();
    Replay r = new DependencyPropagationSimulator().replay(w, late, SimulationBudget.defaults());
    assertTrue(r.scope().contains("alpha"), "alpha, already down, is modelled: " + r.scope());
    assertTrue(entities(r.hypothesis().symptoms()).equals(List.of("epsilon", "gamma")), "not predicted: " + r.hypothesis().symptoms());
    Validation v = Validator.judge(late, r, w.observations(), new DependencyPropagationSimulator(), null);
    assertTrue(v.verdict() != Verdict.CONFIRMED, v.reasons().toString());
    assertTrue(v.reasons().stream().anyMatch(x -> x.contains("already under way") && x.contains("of alpha since")), v.reasons().toString());

    Hypothesis onTime = Hypothesis.builder("custom-pattern", "alpha").detail("at", "2024-04-04T11:59:30Z").build();
    Replay before = new DependencyPropagationSimulator().replay(w, onTime, SimulationBudget.defaults());
    assertTrue(before.scope().isEmpty(), "nothing it reaches was down before it: the default scope");
    assertEquals(Verdict.CONFIRMED, Validator.judge(onTime, before, w.observations(), new DependencyPropagationSimulator(), null).verdict());
  }

  @Test
  void anUnrelatedOutageRefutesTheClaim(@TempDir Path dir) throws Exception {
    World w = world(dir, "2024-04-04T12:05:00Z,mon,service.down,phi-unrelated\n");
    Validation v = judge(w, replay(w, "alpha"));
    assertEquals(Verdict.REFUTED, v.verdict(), v.summary());
  }

  /** A roll-out over two routers, each with a host behind it (inventory parent). */
  private static Replay rollOutOverRouters(Path dir, String hostDownAt) throws Exception {
    Files.writeString(dir.resolve("inventory.csv"), """
        entity,type,site,service,parent
        r-1,router,s1,net,
        r-2,router,s2,net,
        h-1,host,s1,web,r-1
        h-2,host,s2,web,r-2
        """);
    Files.writeString(dir.resolve("services.csv"), "service,min_hosts\nnet,1\nweb,1\n");
    Files.writeString(dir.resolve("events.csv"), "timestamp,source,type,entity\n"
        + "2024-04-04T12:01:00Z,mon,host.down,h-1\n" + hostDownAt + ",mon,host.down,h-2\n");
    World w = new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
    Hypothesis h = Hypothesis.builder("change-correlation", "net").detail("at", T).build();
    Map<String, Instant> steps = Map.of("r-1", Instant.parse(T), "r-2", Instant.parse("2024-04-04T12:10:00Z"));
    return new DependencyPropagationSimulator().replay(w, h, SimulationBudget.defaults(), List.of(),
        Set.of(SymptomKinds.SERVICE_DOWN), steps);
  }

  @Test
  void aRollOutGetsNoCreditForAHostBehindAnItemThatFailedBeforeTheItemsStep(@TempDir Path dir) throws Exception {
    Replay r = rollOutOverRouters(dir, "2024-04-04T12:05:00Z");
    assertTrue(r.narrative().stream().anyMatch(l -> l.startsWith("r-2 was already failing at 2024-04-04T12:05:00Z (service.down of h-2, which hangs off it)")),
        r.narrative().toString());
    assertTrue(r.withoutCause().stream().anyMatch(s -> s.entity().equals("h-2")), "the counterfactual keeps h-2 failing: " + r.withoutCause());
  }

  @Test
  void aHostBehindAnItemFailingAfterTheItemsStepIsTheRollOutsDoing(@TempDir Path dir) throws Exception {
    Replay r = rollOutOverRouters(dir, "2024-04-04T12:11:00Z");
    assertTrue(r.narrative().stream().noneMatch(l -> l.contains("was already failing")), r.narrative().toString());
    assertEquals(List.of(), r.withoutCause(), "without the roll-out nothing fails");
  }
}
