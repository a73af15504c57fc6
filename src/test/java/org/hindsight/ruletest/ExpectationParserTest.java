package org.hindsight.ruletest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectationParserTest {
  private static String problem(String json) {
    return assertThrows(ExpectationException.class, () -> ExpectationParser.parse("expect.json", json)).getMessage();
  }

  @Test
  void readsEveryPartWithLines() throws Exception {
    FixtureSpec s = ExpectationParser.parse("expect.json", """
        {
          "description": "demo",
          "timezone": "Asia/Seoul",
          "expect": [
            {"pattern": "p", "subject": "s", "site": null, "cause": "events.csv:4", "verdict": "live"}
          ],
          "forbid": [ {"pattern": "q"} ],
          "none": false,
          "findings": [ {"kind": "latent", "subject": "g1"} ]
        }
        """);
    assertEquals(1, s.expect().size());
    Expectation e = s.expect().get(0);
    assertEquals(5, e.line());
    assertEquals("expect[1] {pattern=p, subject=s, site=none, cause=events.csv:4, verdict=live} (expect.json:5)", e.describe());
    assertEquals(Map.of("pattern", "q"), s.forbid().get(0).fields());
    assertEquals("latent", s.findings().get(0).fields().get("kind"));
    assertEquals("Asia/Seoul", s.timezone());
    assertTrue(s.positive() && s.negative());
  }

  @Test
  void badJsonNamesItsLine() {
    String m = problem("{\n  \"expect\": [\n    {\"pattern\": \"p\",}\n  ]\n}\n");
    assertTrue(m.startsWith("expect.json:3: invalid JSON: "), m);
  }

  @Test
  void unknownKeysAreErrorsNotIgnored() {
    assertEquals("expect.json:2: unknown key \"expects\"; known keys: expect, forbid, none, findings, timezone, description",
        problem("{\n  \"expects\": []\n}"));
    assertEquals("expect.json:1: unknown key \"summary\" in findings[1]; known keys: kind, pattern, subject",
        problem("{\"findings\": [{\"summary\": \"x\"}]}"));
  }

  @Test
  void badValuesAreNamed() {
    assertEquals("expect.json:1: expect[1].verdict: 'confirmd' is not one of confirmed, plausible, refuted, not-simulated, live",
        problem("{\"expect\": [{\"verdict\": \"confirmd\"}]}"));
    assertEquals("expect.json:1: expect[1].cause: 'line 14' is not file:line (the file relative to the fixture folder, e.g. events.csv:4)",
        problem("{\"expect\": [{\"cause\": \"line 14\"}]}"));
    assertEquals("expect.json:1: \"none\" must be true or false", problem("{\"none\": \"yes\"}"));
    assertEquals("expect.json:1: forbid[1] is empty: it would match anything", problem("{\"forbid\": [{}]}"));
    assertEquals("expect.json:1: key \"none\" appears twice", problem("{\"none\": true, \"none\": true}"));
  }

  @Test
  void anEmptyExpectationIsAnError() {
    assertEquals("expect.json:1: expects nothing: give \"expect\", \"forbid\", \"findings\" or \"none\": true", problem("{}"));
    assertEquals("expect.json:1: empty file: expected an object like {\"expect\": [...]}", problem(""));
  }
}
