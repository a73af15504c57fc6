package org.hindsight.patterns.typoscopedshutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.hindsight.ingest.BundleReader;
import org.hindsight.world.World;

/**
 * Fuzz tests (fixed seeds: a failure reproduces) of the command grammars and the selector resolver:
 * for any command line a log may hold, reading it either gives a command or says why not, and
 * resolving it either gives sorted hosts of the inventory or says the selector was not resolved —
 * never an exception, a stack overflow or a hang. And the linear glob matcher agrees with a plain
 * regex translation of the same glob on ordinary patterns.
 */
class SelectorFuzzTest {
  private static FleetIndex index;
  private static final CommandGrammars GRAMMARS = CommandGrammars.load();

  @BeforeContainer
  static void inventory() throws Exception {
    Path dir = Files.createTempDirectory("hindsight-selector-fuzz");
    StringBuilder inv = new StringBuilder("entity,type,site,service,role,tags,parent\n");
    for (int i = 1; i <= 60; i++) {
      inv.append(String.format("web-%02d,host,z%d,web,%s,\"eu,pci\",%n", i, i % 3, i % 7 == 0 ? "canary" : "primary"));
      inv.append(String.format("db%03d,host,z%d,db,primary,,%n", i, i % 2));
    }
    inv.append("node-1,node,z1,,worker,,\npod-a,pod,z1,api,,,node-1\n");
    Files.writeString(dir.resolve("inventory.csv"), inv);
    index = new FleetIndex(new World(BundleReader.builder().build().readArgs(List.of(dir.toString()))).inventory());
  }

  /** Pieces of real commands of every tool and of hostile text, glued at random. */
  @Provide
  static Arbitrary<String> commandLines() {
    Arbitrary<String> pieces = Arbitraries.of("capctl ", "drain ", "remove-capacity ", "--hosts ", "--service ", "web ",
        "web-*", "db[001-020,30]", "'", "\"", "[", "]", "{", "}", "(", ")", "*", "?", "!", "&", ":", ",", ";", "|", " ",
        "--where ", "role=canary", " AND ", " OR ", " NOT ", "tags:pci", "--regex ", "(a+)+$", "(.*a){20}", "~", "^", "$",
        "ansible ", "-l ", "-m ", "shell ", "-a ", "ansible-playbook ", "decom.yml ", "salt ", "-C ", "G@role:db ",
        "E@web-0[0-9] ", "L@a,b ", "-G ", "system.reboot ", "cmd.run ", "pdsh ", "clush ", "-w ", "-x ", "-g ", "-a ",
        "for h in ", "; do ssh $h ", "; done", "xargs -I{} ssh {} ", "echo ", "ssh ", "sudo ", "systemctl stop x ",
        "rm -rf /var/lib/x ", "shutdown -h now ", "kubectl ", "delete ", "pods ", "-l ", "app=web,tier notin (a,b) ",
        "--all ", "scale deploy/web --replicas=2 ", "nomad job stop ", "consul maint -enable ", "web{01..99} ",
        "a".repeat(200), "*a".repeat(60), "(".repeat(40), "\u0000", "é", "\\");
    return pieces.list().ofMaxSize(25).map(l -> String.join("", l));
  }

  @Property(tries = 2000, seed = "14")
  void anyCommandLineIsReadOrRefusedAndResolvesOrSaysWhyNot(@ForAll("commandLines") String line) {
    ParsedCommand p;
    try {
      p = GRAMMARS.parse(line);
    } catch (NotUnderstood e) {
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a refusal says why: " + line);
      return;
    }
    long t0 = System.nanoTime();
    try {
      int[] ids = p.target().resolve(index, null, new SelectorBudget(5_000_000, Duration.ofSeconds(2)));
      assertTrue(Arrays.stream(ids).allMatch(id -> id >= 0 && id < index.size()), line);
      for (int i = 1; i < ids.length; i++) assertTrue(ids[i - 1] < ids[i], "sorted and distinct: " + line);
    } catch (SelectorBudget.Unresolved e) {
      assertTrue(!e.getMessage().isBlank(), line);
    }
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "resolving took too long: " + line);
  }

  /**
   * Ordinary globs: the linear matcher agrees with the obvious regex reading. (Digit brackets are
   * left out: {@code [1-12]} is a numeric range by design, not a one-character class.)
   */
  @Provide
  static Arbitrary<String> globs() {
    return Arbitraries.of("web-", "db", "0", "1", "-", "*", "?", "[a-e]", "[a-z]", "[!w]", "e", "b-")
        .list().ofMinSize(1).ofMaxSize(8).map(l -> String.join("", l));
  }

  @Provide
  static Arbitrary<String> names() {
    return Arbitraries.of("web-01", "web-17", "db001", "db-0", "webb-1", "w", "", "web-", "db14", "eb-04")
        .list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("", l));
  }

  @Property(tries = 3000, seed = "14")
  void globMatchingAgreesWithARegexTranslation(@ForAll("globs") String glob, @ForAll("names") String name) {
    StringBuilder regex = new StringBuilder();
    boolean inClass = false;
    for (char c : glob.toCharArray()) {
      if (inClass) {
        regex.append(c == '!' && regex.charAt(regex.length() - 1) == '[' ? '^' : c);
        inClass = c != ']';
      } else if (c == '[') {
        regex.append('[');
        inClass = true;
      } else if (c == '*') regex.append(".*");
      else if (c == '?') regex.append('.');
      else regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
    }
    assertEquals(name.matches(regex.toString()), HostPattern.compile(glob).matches(name), glob + " vs " + name);
  }
}
