package org.hindsight.patterns.typoscopedshutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.hindsight.facts.CommandScope;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nearby-selector search is skipped when no host fits the intent alone ({@code OpsCommands.someHostFits}):
 * the skip must change no command's reading, and must spare the candidates' parsing.
 */
class HopelessSearchTest {
  @TempDir Path dir;

  private static final String INV_HEAD = "entity,type,site,service\n";
  private static final String OPS_HEAD = "timestamp,operator,command,ticket\n";
  private static final String CHG_HEAD = "ticket,summary,service,scope,max_hosts\n";

  /** The real grammars, each parse counted. */
  private static CommandGrammars counted(AtomicInteger parses) {
    List<CommandGrammar> out = new ArrayList<>();
    for (CommandGrammar g : CommandGrammars.load().grammars()) {
      out.add(new CommandGrammar() {
        @Override public String name() { return g.name(); }
        @Override public int priority() { return g.priority(); }
        @Override public java.util.Set<String> programs() { return g.programs(); }
        @Override public boolean recognises(List<String> words) { return g.recognises(words); }
        @Override public String bareSelectorOption() { return g.bareSelectorOption(); }
        @Override public ParsedCommand parse(List<String> words) throws NotUnderstood {
          parses.incrementAndGet();
          ParsedCommand p = g.parse(words);
          // the command keeps this grammar, so candidates read with it are counted too
          return new ParsedCommand(this, p.tool(), p.action(), p.removes(), p.dryRun(), p.service(), p.otherWords(),
              p.selectorWords(), p.target());
        }
      });
    }
    return new CommandGrammars(out);
  }

  private static List<CommandScope> scopes(OpsCommands ops) {
    return ops.commands().stream().map(it -> OpsCommandDeriver.scope(ops, it)).toList();
  }

  @Test
  void aTicketWhoseScopeNamesNoHostIsNotSearched() throws Exception {
    Path d = Files.createDirectories(dir.resolve("nohost"));
    World w = Worlds.of(d, "inventory.csv", INV_HEAD + Worlds.hosts("bill-", "billing", 30),
        "ops-commands.csv", OPS_HEAD + "2024-03-01T10:00:00Z,ann,capctl remove-capacity --service billing --count 12,CH-1\n",
        "changes.csv", CHG_HEAD + "CH-1,trim billing,billing,billing-*,4\n");
    AtomicInteger skipping = new AtomicInteger();
    AtomicInteger searching = new AtomicInteger();
    OpsCommands fast = new OpsCommands(w, counted(skipping), true);
    OpsCommands slow = new OpsCommands(w, counted(searching), false);
    assertEquals(scopes(slow), scopes(fast));
    CommandScope s = scopes(fast).get(0);
    assertEquals(12, s.hostCount());
    assertEquals("", s.slipSelector(), "the scope names no host: nothing can fit it");
    assertTrue(searching.get() > 100, "without the skip every nearby candidate is parsed: " + searching.get());
    assertTrue(skipping.get() < 10, "the command and the ticket's scope only: " + skipping.get());
  }

  @Test
  void aTicketWhoseHostsEarlierCommandsTookIsNotSearched() throws Exception {
    Path d = Files.createDirectories(dir.resolve("usedup"));
    World w = Worlds.of(d, "inventory.csv", INV_HEAD + Worlds.hosts("bill-", "billing", 30),
        "ops-commands.csv", OPS_HEAD
            + "2024-03-01T10:00:00Z,ann,capctl remove-capacity --service billing bill-0[1-5],CH-1\n"
            + "2024-03-01T10:05:00Z,ann,capctl remove-capacity --service billing bill-0[6-9],CH-1\n",
        "changes.csv", CHG_HEAD + "CH-1,trim billing,billing,,4\n");
    AtomicInteger skipping = new AtomicInteger();
    AtomicInteger searching = new AtomicInteger();
    List<CommandScope> fast = scopes(new OpsCommands(w, counted(skipping), true));
    assertEquals(scopes(new OpsCommands(w, counted(searching), false)), fast);
    assertEquals(4, fast.get(1).hostCount()); // five taken of the four allowed: nothing more can fit
    assertTrue(searching.get() > skipping.get() + 100, searching.get() + " against " + skipping.get());
  }

  @Test
  void aSearchThatCanFitStillFindsTheSlip() throws Exception {
    Path d = Files.createDirectories(dir.resolve("fits"));
    World w = Worlds.of(d, "inventory.csv", INV_HEAD + Worlds.hosts("bill-", "billing", 60),
        "ops-commands.csv", OPS_HEAD + "2024-03-01T10:00:00Z,ann,capctl remove-capacity --service billing --count 40,CH-1\n",
        "changes.csv", CHG_HEAD + "CH-1,trim billing,billing,,4\n");
    CommandScope s = scopes(new OpsCommands(w, CommandGrammars.load(), true)).get(0);
    assertEquals("--count 4", s.slipSelector());
  }

  /** Random fleets, tickets and commands: every command read the same with the skip as without it. */
  @Test
  void randomIncidentsReadTheSameWithAndWithoutTheSkip() throws Exception {
    Random r = new Random(17);
    String[] services = {"web", "db", "cache"};
    int skippedSome = 0;
    int slipsFound = 0;
    for (int world = 0; world < 40; world++) {
      StringBuilder inv = new StringBuilder(INV_HEAD);
      for (String svc : services) {
        int n = 1 + r.nextInt(12);
        for (int i = 1; i <= n; i++) inv.append(String.format("%s-%02d,host,az%d,%s%n", svc, i, 1 + r.nextInt(2), svc));
      }
      for (int i = 1; i <= r.nextInt(3); i++) inv.append(String.format("spare-%02d,host,az1,%n", i)); // serves nothing
      StringBuilder chg = new StringBuilder(CHG_HEAD);
      for (int t = 1; t <= 4; t++) {
        String svc = r.nextInt(4) == 0 ? "" : services[r.nextInt(services.length)];
        String scope = switch (r.nextInt(6)) {
          case 0 -> "";
          case 1 -> svc.isEmpty() ? "web-*" : svc + "-*";
          case 2 -> (svc.isEmpty() ? "db" : svc) + "-0[1-" + (1 + r.nextInt(5)) + "]";
          case 3 -> "nohost-*"; // names no inventory host
          case 4 -> "web-01,db-02";
          default -> "spare-*";
        };
        String max = r.nextInt(4) == 0 ? "" : String.valueOf(r.nextInt(6));
        chg.append("T-").append(t).append(",step ").append(t).append(',').append(svc).append(",\"").append(scope).append("\",")
            .append(max).append('\n');
      }
      StringBuilder ops = new StringBuilder(OPS_HEAD);
      int minute = 0;
      for (int c = 0; c < 10; c++) {
        String svc = services[r.nextInt(services.length)];
        int k = 1 + r.nextInt(9);
        String cmd = switch (r.nextInt(5)) {
          case 0 -> "capctl remove-capacity --service " + svc + " --count " + k;
          case 1 -> "fleet drain " + svc + "-0[1-" + k + "]";
          case 2 -> "kubectl scale deployment/" + svc + " --replicas=" + r.nextInt(4);
          case 3 -> "fleet drain '" + (r.nextBoolean() ? svc : "") + "*' --service " + svc;
          default -> "capctl remove-capacity --service " + svc + " " + svc + "-0" + k;
        };
        String ticket = r.nextInt(5) == 0 ? "" : "T-" + (1 + r.nextInt(5)); // T-5 has no row
        minute += r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(40);
        ops.append(String.format("2024-03-01T%02d:%02d:00Z,%s,%s,%s%n", 8 + minute / 60, minute % 60,
            r.nextBoolean() ? "ann" : "bo", cmd, ticket));
      }
      Path d = Files.createDirectories(dir.resolve("w" + world));
      World w = Worlds.of(d, "inventory.csv", inv.toString(), "changes.csv", chg.toString(), "ops-commands.csv", ops.toString());
      AtomicInteger skipping = new AtomicInteger();
      AtomicInteger searching = new AtomicInteger();
      List<CommandScope> fast = scopes(new OpsCommands(w, counted(skipping), true));
      List<CommandScope> slow = scopes(new OpsCommands(w, counted(searching), false));
      assertEquals(slow, fast, "world " + world + ":\n" + inv + chg + ops);
      if (skipping.get() < searching.get()) skippedSome++;
      for (CommandScope s : fast) if (!s.slipSelector().isEmpty()) slipsFound++;
    }
    // both branches were taken: searches proved hopeless, and searches that found a slip
    assertTrue(skippedSome >= 10 && slipsFound >= 10, "worlds with a skipped search: " + skippedSome + ", slips found: " + slipsFound);
  }
}
