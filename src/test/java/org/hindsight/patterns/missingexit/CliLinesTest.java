package org.hindsight.patterns.missingexit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hindsight.facts.CliLines;
import org.hindsight.facts.CommandEffect;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Fact;
import org.hindsight.ingest.BundleReader;
import org.hindsight.testing.TestAnalysis;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI replay keeps every line in {@link CliLines} (column-wise) and gives the rule session a fact
 * only for the lines that bring routes from another source: a fleet's lines that cannot leak stay out.
 */
class CliLinesTest {
  private static World world(Path dir) throws Exception {
    return new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
  }

  /** Every line as the replay states it, made directly from its step (the reference). */
  private static List<CommandEffect> replayedDirectly(World world) {
    List<CommandEffect> out = new ArrayList<>();
    for (CliSessions.Replayed r : new CliSessions(world).sessions()) {
      for (SessionModel.Step s : r.steps()) {
        if (!s.statement()) continue;
        ConfigCommand c = s.line().source();
        LineMeaning m = s.meaning();
        String proto = s.where().protocol();
        out.add(new CommandEffect(s.effective() ? s.effectiveAt() : c.time(), c.time(), r.device(), r.session(), r.user(),
            s.seq(), Tokens.normalise(s.text()), r.dialect().name(), s.where().label(), s.contextEntry(), proto,
            s.where().vrf(), m.topic().isEmpty() ? s.topicHint() : m.topic(), m.injects(), s.accepted(), s.inferred(),
            s.effective(), s.opensMode(), m.negated(), m.bounded(), m.limit(), s.foreign(), Protocols.igp(proto),
            r.dialect().explicitPath(s.before(), s.text()), c.origin()));
      }
    }
    return out;
  }

  private static CliLines cliLines(List<? extends Fact> derived) {
    return derived.stream().filter(CliLines.class::isInstance).map(CliLines.class::cast).findFirst().orElseThrow();
  }

  @Test
  void everyDialectsLinesReadFromCliLinesAreTheLinesAsReplayed() throws Exception {
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> s = Files.list(TestAnalysis.home().resolve("rules/missing-exit/fixtures"))) {
      s.filter(Files::isDirectory).sorted().forEach(dirs::add);
    }
    dirs.add(TestAnalysis.home().resolve("sample-logs/kt-2021-10-25"));
    int lines = 0;
    for (Path dir : dirs) {
      World world = world(dir);
      List<CommandEffect> expected = replayedDirectly(world);
      List<? extends Fact> derived = new CommandEffectDeriver().derive(world);
      CliLines cli = cliLines(derived);
      List<CommandEffect> read = new ArrayList<>();
      for (List<ConfigCommand> session : world.configSessions().values()) {
        List<CommandEffect> of = cli.ofSession(session.get(0).device(), session.get(0).session());
        read.addAll(of.stream().sorted(java.util.Comparator.comparingInt(CommandEffect::seq)).toList());
        for (CommandEffect e : of) {
          assertTrue(cli.withCommand(e.command()).contains(e), dir + ": by command " + e);
          assertEquals(List.of(e), cli.of(List.of(e.origin())), dir + ": by record " + e);
          assertTrue(cli.ofDevice(e.device()).contains(e), dir + ": by device " + e);
        }
      }
      // sessions are replayed device by device: compare as sets of equal records, in each session's typed order
      assertEquals(expected.size(), read.size(), dir.toString());
      assertTrue(read.containsAll(expected) && expected.containsAll(read), dir.toString());
      // in the session: exactly the lines that bring routes from another source, every leak among them
      List<CommandEffect> inSession = derived.stream().filter(CommandEffect.class::isInstance).map(CommandEffect.class::cast).toList();
      assertEquals(expected.stream().filter(e -> !e.injects().isEmpty()).toList(), inSession, dir.toString());
      assertTrue(inSession.containsAll(expected.stream().filter(CommandEffect::leaksIntoIgp).toList()), dir.toString());
      lines += expected.size();
    }
    assertTrue(lines > 200, "the fixtures hold lines of every dialect: " + lines);
  }

  @Test
  void linesThatCannotLeakGiveTheSessionNoFact(@TempDir Path dir) throws IOException, Exception {
    // a fleet's routine sessions: interface descriptions and IS-IS net lines, none of which brings routes in
    StringBuilder csv = new StringBuilder("timestamp,device,session,user,command,result\n");
    int n = 0;
    for (int d = 0; d < 20; d++) {
      for (int s = 0; s < 10; s++) {
        String t = String.format("2024-06-20T12:%02d:%02dZ", d, s);
        for (String line : List.of("configure terminal", "interface Ethernet" + s, "description uplink " + s, "router isis 1",
            "net 49.0001.0000.0000.00" + String.format("%02d", d) + ".00", "exit", "end")) {
          csv.append(t).append(",rt").append(d).append(",tty").append(s).append(",op,").append(line).append(",ok\n");
          n++;
        }
      }
    }
    Files.writeString(dir.resolve("config-commands.csv"), csv.toString());
    World world = world(dir);
    List<? extends Fact> derived = new CommandEffectDeriver().derive(world);
    assertFalse(derived.stream().anyMatch(CommandEffect.class::isInstance), "no line of these can leak");
    CliLines cli = cliLines(derived);
    assertEquals(2, cli.ofSession("rt3", "tty4").stream().filter(e -> e.command().startsWith("description")
        || e.command().startsWith("net")).count(), "the lines are still there to be read");
    assertEquals(replayedDirectly(world).size(), world.configSessions().values().stream()
        .mapToInt(s -> cli.ofSession(s.get(0).device(), s.get(0).session()).size()).sum());
    assertTrue(n > 1000);
  }
}
