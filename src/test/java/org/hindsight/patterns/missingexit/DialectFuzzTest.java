package org.hindsight.patterns.missingexit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzz tests (fixed seed) of every CLI dialect: any session of lines — real statements, navigation,
 * typos, hostile text — replays to one step per line with a context of bounded depth, and the
 * counterfactual exits a dialect proposes always lead back to its top. Never an exception.
 */
class DialectFuzzTest {
  private static final List<String> PLATFORMS = List.of("ios", "nxos", "iosxr", "junos", "sros", "sros-md", "eos", "vrp", "unknown");

  @Provide
  static Arbitrary<List<String>> sessions() {
    Arbitrary<String> lines = Arbitraries.of("configure terminal", "configure", "router isis CORE", "router bgp 65000",
        "address-family ipv4 unicast", "redistribute bgp", "redistribute static", "neighbor 10.0.0.1 remote-as 2",
        "exit", "end", "!", "commit", "abort", "top", "up 2", "edit protocols isis", "set export NHS", "top set protocols bgp",
        "configure router isis", "interface \"to-x\"", "level 2", "metric 10", "exit all", "back", "bgp", "group \"G\"",
        "export \"P\"", "/configure router \"Base\" isis 0 export-policy [\"P\"]", "router \"Base\" isis 0", "system-view",
        "isis 1", "import-route bgp", "peer 1.1.1.1 as-number 2", "ipv4-family unicast", "quit", "return", "undo import-route bgp",
        "no redistribute bgp", "", "   ", "\"", "[", "}", "a".repeat(500), "\u0000", "é", "set", "edit", "level", "interface");
    return lines.list().ofMaxSize(30);
  }

  @Property(tries = 1500, seed = "14")
  void anySessionReplaysLineByLineInEveryDialect(@ForAll("sessions") List<String> session, @ForAll("platforms") String platform) {
    Dialect d = Dialects.forPlatform(platform).dialect();
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    List<SessionModel.Line> lines = session.stream()
        .map(s -> new SessionModel.Line(s, SessionModel.Logged.UNKNOWN, t, null, null)).toList();
    List<SessionModel.Step> steps = SessionModel.replay(d, lines, new PolicyBook());
    assertTrue(steps.size() == lines.size());
    for (SessionModel.Step s : steps) {
      assertNotNull(s.where());
      assertTrue(s.after().depth() <= 64, "context depth stays bounded");
      d.explicitPath(s.before(), s.text());
      // Typing the dialect's own exits from where the line left the CLI reaches the top.
      CliContext ctx = s.after();
      for (String exit : d.exitsToTop(ctx)) ctx = d.interpret(ctx, exit, 0).next();
      assertTrue(ctx.depth() <= d.start().depth() || ctx.kind().equals("exec"), platform + ": exits from " + s.after() + " end at " + ctx);
    }
  }

  @Provide
  static Arbitrary<String> platforms() {
    return Arbitraries.of(PLATFORMS);
  }
}
