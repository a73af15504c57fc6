package org.hindsight.patterns.missingexit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** MD-CLI's brace form: "{" enters, "}" leaves, a block closed on its own line leaves the context unchanged. */
class SrosBracesTest {
  private final SrosDialect md = new SrosDialect(true);

  private CliContext typed(String... lines) {
    CliContext ctx = md.start();
    for (String line : lines) ctx = md.interpret(ctx, line, 0).next();
    return ctx;
  }

  @Test
  void openingBracesEnterAndClosingBracesLeave() {
    assertEquals("level", typed("router \"Base\" {", "isis 0 {", "interface \"to-r5\" {", "level 2 {").kind());
    assertEquals("isis", typed("router \"Base\" {", "isis 0 {", "interface \"to-r5\" {", "level 2 {", "}", "}").kind());
    assertEquals(md.start().depth(), typed("router \"Base\" {", "isis 0 {", "} }").depth());
    assertEquals("bgp", typed("router \"Base\" {", "isis 0 {", "} bgp {").kind());
  }

  @Test
  void aBlockClosedOnItsLineConfiguresInsideAndStaysPut() {
    Interpretation r = md.interpret(typed("router \"Base\" {"), "isis 0 { level-capability 2 }", 0);
    assertEquals(Interpretation.Kind.CONFIG, r.kind());
    assertEquals("isis", r.where().kind());
    assertEquals("router", r.next().kind());
  }

  @Test
  void aMissingCloseStrandsTheNextLineInsideTheProtocol() {
    CliContext stranded = typed("router \"Base\" {", "isis 0 {", "interface \"to-r5\" {", "level 2 {", "metric 40", "}", "}");
    Interpretation r = md.interpret(stranded, "export-policy [\"ALL-BGP\"]", 0);
    assertEquals(Interpretation.Kind.CONFIG, r.kind());
    assertEquals("isis", r.where().kind());
    assertEquals(Interpretation.Kind.INVALID, md.interpret(stranded, "bgp {", 0).kind());
  }
}
