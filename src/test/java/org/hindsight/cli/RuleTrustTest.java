package org.hindsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust model the docs state (README, docs/rules.md): rules are code, like a build plugin, and
 * run when an incident is analysed; {@code rules check} only compiles and lints them, so it is safe
 * on rules you have not read. Both halves are checked here with a rule whose every code position
 * (function, condition, from, salience, enabled, action) would create a marker file.
 */
class RuleTrustTest {
  @TempDir Path dir;

  private Path hostileRules(Path marker) throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    String touch = "new java.io.File(\"" + marker.toString().replace("\\", "\\\\") + "\").createNewFile()";
    Files.writeString(rules.resolve("hostile.drl"), String.join("\n",
        "package test.hostile;",
        "import org.hindsight.facts.*;",
        "function boolean touch() { try { return " + touch + " || true; } catch (Exception e) { return true; } }",
        "rule \"runs code everywhere it can\"",
        "  @id(\"TEST-TRUST-1\") @title(\"t\") @severity(\"info\") @references(\"https://example.org/t\") @remediation(\"r\")",
        "  salience ( touch() ? 1 : 0 )",
        "  enabled ( touch() )",
        "when",
        "  eval( touch() )",
        "  $e : Event( touch() )",
        "  Boolean() from touch()",
        "then",
        "  touch();",
        "  insert(Finding.of(\"latent\", \"test\", $e.entity(), \"ran\", $e));",
        "end",
        ""));
    return rules;
  }

  @Test
  void rulesCheckCompilesAndLintsWithoutRunningAnyOfTheRulesCode() throws Exception {
    Path marker = dir.resolve("ran-code");
    Path rules = hostileRules(marker);
    RulesCommandTest.Run check = RulesCommandTest.run("rules", "check", rules.toString());
    assertTrue(check.out().contains("1 rule"), check.out() + check.err());
    assertFalse(Files.exists(marker), "rules check must not run rule code");

    // The same rules do run code when an incident is analysed: that is why --rules is trusted input.
    Path incident = Files.createDirectories(dir.resolve("incident"));
    Files.writeString(incident.resolve("events.csv"), "timestamp,source,type,entity\n2024-01-01T00:00:00Z,a,b,c\n");
    MainTest.Run analyse = MainTest.run("analyze", incident.toString(), "--no-builtin-rules", "--rules", rules.toString());
    assertEquals(0, analyse.code(), analyse.err());
    assertTrue(Files.exists(marker), "analysis runs the rules' code");
  }
}
