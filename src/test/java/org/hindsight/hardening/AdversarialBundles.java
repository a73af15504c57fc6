package org.hindsight.hardening;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A generator of adversarial bundles: one defect each, of the kinds a hostile tester found (issue
 * 19) and more. Each case says what Hindsight must answer: the exit code, a regular expression the
 * error output must contain (a {@code file:line} for bad input), and a time bound. Run as a program
 * ({@code main(dir)}) it writes every bundle out for probing by hand.
 */
final class AdversarialBundles {
  static final String EVENTS_HEADER = "timestamp,source,type,entity,message\n";
  static final String TINY_RULES = "src/test/resources/rules/custom-hypothesis";
  static final Path KEYGEN_FIXTURE = Path.of("rules/recursive-key-generator/fixtures/two-cycle");

  /** How a case is run: its bundle folder becomes {@code @IN}, a scratch folder {@code @TMP}. */
  record Case(String name, Setup setup, List<String> args, int exit, String errMatches, String outContains, int seconds) {}

  @FunctionalInterface
  interface Setup {
    /** Writes the bundle into {@code in}; false when this machine cannot make it (no mkfifo). */
    boolean write(Path in, Path tmp) throws Exception;
  }

  private static List<String> analyze(String... more) {
    List<String> a = new ArrayList<>(List.of("analyze", "@IN", "--no-builtin-rules", "--rules", TINY_RULES));
    a.addAll(List.of(more));
    return a;
  }

  private static Case bad(String name, int exit, String errMatches, Setup setup) {
    return new Case(name, setup, analyze(), exit, errMatches, null, 20);
  }

  private static Setup events(String rows) {
    return (in, tmp) -> {
      Files.writeString(in.resolve("events.csv"), EVENTS_HEADER + rows);
      return true;
    };
  }

  static List<Case> all() {
    List<Case> c = new ArrayList<>();
    // silent changes that are now errors
    c.add(bad("impossible-date", 2, "events\\.csv:2: timestamp: invalid timestamp '2024-02-30T10:00:00Z'",
        events("2024-02-30T10:00:00Z,noc,site.fire,dc1,x\n")));
    c.add(bad("leap-day-in-a-common-year", 2, "events\\.csv:3: .*not a leap year",
        events("2023-02-28T10:00:00Z,noc,a,b,x\n2023-02-29T10:00:00Z,noc,a,b,x\n")));
    c.add(bad("java-double-suffix", 2, "metrics\\.csv:2: value: '31d' is not a number", (in, tmp) -> {
      Files.writeString(in.resolve("metrics.csv"), "timestamp,entity,metric,value\n2024-01-01T00:00:00Z,a,cpu.util,31d\n");
      return true;
    }));
    c.add(bad("hex-float", 2, "metrics\\.csv:2: value: '0x1Fp0' is not a number", (in, tmp) -> {
      Files.writeString(in.resolve("metrics.csv"), "timestamp,entity,metric,value\n2024-01-01T00:00:00Z,a,cpu.util,0x1Fp0\n");
      return true;
    }));
    c.add(bad("arabic-indic-digits", 2, "services\\.csv:2: min_hosts: '\u0663' is not a whole number", (in, tmp) -> {
      Files.writeString(in.resolve("services.csv"), "service,min_hosts\nweb,\u0663\n");
      return true;
    }));
    c.add(bad("offset-beyond-18h", 2, "events\\.csv:2: timestamp: ", events("2024-01-01T00:00:00+19:00,noc,a,b,x\n")));
    c.add(bad("entity-in-two-sites", 2, "inventory\\.csv:3: entity 'db1' is in site 'pangyo' at .*inventory\\.csv:2", (in, tmp) -> {
      Files.writeString(in.resolve("inventory.csv"), "entity,type,site,service\ndb1,host,pangyo,kv\ndb1,host,ansan,kv\n");
      return true;
    }));
    c.add(bad("two-specs-for-one-service", 2, "services\\.csv:3: service 'kv' has a spec already at .*services\\.csv:2", (in, tmp) -> {
      Files.writeString(in.resolve("services.csv"), "service,min_hosts\nkv,3\nkv,1\n");
      return true;
    }));
    c.add(bad("two-key-generators-one-name", 2, "key-generators\\.csv:4: key generator 'k1' is defined already", (in, tmp) -> {
      Files.writeString(in.resolve("key-generators.csv"), "generator,kind,parent,rule\nk1,cookie,ip,r\nip,ip,,\nk1,cookie,k1,r\n");
      return true;
    }));
    // paths that were skipped without a word, or read twice
    c.add(bad("symlink-loop-named-csv", 2, "loop-a\\.csv: symbolic link that points nowhere or loops", (in, tmp) -> {
      Files.writeString(in.resolve("events.csv"), EVENTS_HEADER + "2024-01-01T00:00:00Z,noc,a,b,x\n");
      Files.createSymbolicLink(in.resolve("loop-a.csv"), in.resolve("loop-b.csv"));
      Files.createSymbolicLink(in.resolve("loop-b.csv"), in.resolve("loop-a.csv"));
      return true;
    }));
    c.add(bad("fifo-named-csv", 2, "events-live\\.csv: not a regular file \\(a FIFO", (in, tmp) -> {
      Files.writeString(in.resolve("events.csv"), EVENTS_HEADER + "2024-01-01T00:00:00Z,noc,a,b,x\n");
      try {
        return new ProcessBuilder("mkfifo", in.resolve("events-live.csv").toString()).start().waitFor() == 0;
      } catch (IOException e) {
        return false;
      }
    }));
    c.add(new Case("same-folder-twice", events("2024-01-01T00:00:00Z,noc,a,b,x\n"),
        List.of("analyze", "@IN", "@IN", "--no-builtin-rules", "--rules", TINY_RULES), 2, "events\\.csv: given twice", null, 20));
    // sizes that cost gigabytes before
    c.add(bad("eight-megabyte-field", 2, "events\\.csv:2: record longer than 4,194,304 characters", (in, tmp) -> {
      try (Writer w = Files.newBufferedWriter(in.resolve("events.csv"), StandardCharsets.UTF_8)) {
        w.write(EVENTS_HEADER + "2024-01-01T00:00:00Z,noc,a,b,");
        char[] mb = new char[1 << 20];
        java.util.Arrays.fill(mb, 'z');
        for (int i = 0; i < 8; i++) w.write(mb); // StrictInputTest holds the full 50 MB case
        w.write("\n");
      }
      return true;
    }));
    c.add(bad("two-gigabyte-sparse-file", 2, "events\\.csv:1: header record longer than", (in, tmp) -> {
      try (RandomAccessFile f = new RandomAccessFile(in.resolve("events.csv").toFile(), "rw")) {
        f.setLength(2L << 30); // all NUL, no line break; takes no disk
      }
      return true;
    }));
    c.add(bad("unclosed-quote-swallows-the-file", 2, "events\\.csv:3: ", events("2024-01-01T00:00:00Z,noc,a,b,ok\n"
        + "2024-01-01T00:00:01Z,noc,a,b,\"never closed\n" + "2024-01-01T00:00:02Z,noc,a,b,more\n".repeat(20))));
    c.add(bad("two-megabyte-message", 2, "events\\.csv:2: field 5 is 2,097,152 characters long", events(
        "2024-01-01T00:00:00Z,noc,a,b," + "m".repeat(2 << 20) + "\n")));
    c.add(bad("latin-1-bytes", 2, "events\\.csv:2: byte 0xE9 is not valid UTF-8", (in, tmp) -> {
      Files.write(in.resolve("events.csv"), (EVENTS_HEADER + "2024-01-01T00:00:00Z,noc,a,b,caf\u00e9\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      return true;
    }));
    c.add(bad("ragged-row", 2, "events\\.csv:2: expected 5 fields as in the header, found 3", events("2024-01-01T00:00:00Z,noc,a\n")));
    c.add(bad("empty-file", 2, "events\\.csv:1: empty file", (in, tmp) -> {
      Files.writeString(in.resolve("events.csv"), "");
      return true;
    }));
    // output safety
    c.add(new Case("output-onto-an-input", events("2024-01-01T00:00:00Z,noc,a,b,x\n"),
        analyze("-o", "@IN/events.csv"), 2, "-o .*events\\.csv is an input", null, 20));
    // valid but hostile content: accepted, kept literal
    c.add(new Case("expression-syntax-stays-literal", events("2024-01-01T00:00:00Z,noc,site.fire,dc1,${jndi:ldap://x} #{7*7} <script>\n"),
        analyze("-f", "json"), 0, "\\A\\z", "${jndi:ldap://x} #{7*7} <script>", 20));
    c.add(new Case("bom-and-crlf-accepted", (in, tmp) -> {
      Files.writeString(in.resolve("events.csv"), "\uFEFF" + EVENTS_HEADER.replace("\n", "\r\n") + "2024-01-01T00:00:00Z,noc,a,b,x\r\n");
      return true;
    }, analyze(), 0, "\\A\\z", "# Postmortem", 20));
    // a deep key-generator chain: linear in DRL, found, and blamed on the right row
    c.add(new Case("key-generator-chain-3000-deep", (in, tmp) -> {
      try (var s = Files.list(KEYGEN_FIXTURE)) {
        for (Path f : s.filter(p -> p.toString().endsWith(".csv")).toList()) Files.copy(f, in.resolve(f.getFileName()));
      }
      StringBuilder kg = new StringBuilder("generator,kind,parent,rule,validator,rule_validator,max_depth\nip,ip,,,,,\n");
      kg.append("key_a,cookie,g1,ddos-cookie-rl,,,\n");
      for (int i = 1; i < 3000; i++) kg.append("g").append(i).append(",cookie,g").append(i + 1).append(",,,,\n");
      kg.append("g3000,header,g2990,,,,\n"); // line 3003 closes the cycle
      Files.writeString(in.resolve("key-generators.csv"), kg);
      return true;
    }, List.of("analyze", "@IN", "-f", "json"), 0, "\\A\\z", "key-generators.csv\",\n      \"line\" : 3003", 90));
    return c;
  }

  /** Writes every bundle below {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    for (Case c : all()) {
      Path in = Files.createDirectories(root.resolve(c.name()));
      c.setup().write(in, Files.createDirectories(root.resolve(".tmp")));
      System.out.println(in + "  exit " + c.exit() + "  " + String.join(" ", c.args()));
    }
  }
}
