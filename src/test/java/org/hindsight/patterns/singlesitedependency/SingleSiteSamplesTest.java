package org.hindsight.patterns.singlesitedependency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.Finding;
import org.hindsight.simulate.Verdict;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;

/** Acceptance on the reconstructed Kakao (2022) and OVHcloud (2021) incidents. */
class SingleSiteSamplesTest {
  @Test
  void kakaoBlamesTheComponentsSingleSitedInPangyo() throws Exception {
    Analysis a = TestAnalysis.analyze(TestAnalysis.home().resolve("sample-logs/kakao-2022-10-15"));
    Assessment first = a.assessments().get(0);
    assertEquals("single-site-dependency", first.hypothesis().pattern());
    assertEquals("pangyo", first.hypothesis().site());
    assertEquals(Verdict.CONFIRMED, first.validation().verdict());
    Set<String> singleSited = Set.of("failover-switch", "auth-session-cache", "objstore-meta", "key-store");
    assertTrue(singleSited.contains(first.hypothesis().subject()), first.hypothesis().subject());
    // The cause is the component's inventory row; the trigger the fire.
    assertTrue(first.hypothesis().cause().file().endsWith("inventory.csv"));
    assertTrue(first.hypothesis().trigger().file().endsWith("events.csv"));
    // Every live hypothesis names a single-sited component, never a multi-site service it took down.
    for (Assessment x : a.live()) assertTrue(singleSited.contains(x.hypothesis().subject()), x.hypothesis().subject());
    // Two hops down: the auth cache is blamed, not auth.
    assertTrue(a.live().stream().anyMatch(x -> x.hypothesis().subject().equals("auth-session-cache")));
    assertFalse(a.assessments().stream().anyMatch(x -> x.hypothesis().subject().startsWith("kakao-")));
    // The tenant with real multi-site redundancy only degraded and is not blamed.
    assertFalse(a.assessments().stream().anyMatch(x -> x.hypothesis().subject().startsWith("naver")));
    // The admin tools are single-sited and only soft-needed, so not blamed; but they are recovery tooling
    // (role control), lost when needed most: a P1 contributing factor, never "latent, nothing urgent".
    assertTrue(a.findings().stream().anyMatch(f -> f.finding().kind().equals("contributing-factor")
        && f.finding().subject().equals("ops-console") && f.rule().id().equals("HS-SS-005")
        && "P1".equals(f.rule().priority())));
    assertFalse(a.findings().stream().anyMatch(f -> f.finding().kind().equals("latent") && f.finding().subject().equals("ops-console")));
  }

  @Test
  void recoveryToolingWithAReplicaElsewhereOrWithoutTheControlRoleIsNoRecoveryFinding(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    java.nio.file.Path src = TestAnalysis.home().resolve("rules/single-site-dependency/fixtures/recovery-tooling");
    // Near miss 1: the console has a replica in the other site, so losing one site leaves the tools.
    java.nio.file.Path replicated = copy(src, tmp.resolve("replicated"));
    java.nio.file.Files.writeString(replicated.resolve("inventory.csv"),
        java.nio.file.Files.readString(replicated.resolve("inventory.csv")).replace("ops-2,component,ams,ops-console,control,AMS-2",
            "ops-2,component,dub,ops-console,control,DUB-2"));
    Analysis a = TestAnalysis.analyze(replicated);
    assertFalse(a.findings().stream().anyMatch(f -> f.finding().subject().equals("ops-console")), a.findings().toString());
    // Near miss 2: the same single-sited component without the control role is a plain latent defect.
    java.nio.file.Path plain = copy(src, tmp.resolve("plain"));
    java.nio.file.Files.writeString(plain.resolve("inventory.csv"),
        java.nio.file.Files.readString(plain.resolve("inventory.csv")).replace("ops-console,control", "ops-console,primary"));
    Analysis b = TestAnalysis.analyze(plain);
    assertTrue(b.findings().stream().anyMatch(f -> f.finding().kind().equals("latent") && f.finding().subject().equals("ops-console")));
    assertFalse(b.findings().stream().anyMatch(f -> f.finding().kind().equals("contributing-factor")));
  }

  private static java.nio.file.Path copy(java.nio.file.Path from, java.nio.file.Path to) throws java.io.IOException {
    java.nio.file.Files.createDirectories(to);
    try (var files = java.nio.file.Files.list(from)) {
      for (java.nio.file.Path f : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
        java.nio.file.Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

  @Test
  void ovhReportsBackupsCoLocatedOnTheCampusAsDataLoss() throws Exception {
    Analysis a = TestAnalysis.analyze(TestAnalysis.home().resolve("sample-logs/ovh-2021-03-10"));
    List<Finding> loss = a.findings().stream().map(f -> f.finding()).filter(f -> f.kind().equals("data-loss")).toList();
    Set<String> subjects = Set.copyOf(loss.stream().map(Finding::subject).toList());
    // Backups in another hall of the same campus (one site) are lost; off-site ones are not.
    assertTrue(subjects.containsAll(Set.of("client-shop-alsace", "client-saas-crm", "client-game-eu")), subjects.toString());
    assertFalse(subjects.contains("client-news-mag"), "its backup is in another site");
    assertTrue(loss.stream().allMatch(f -> f.pattern().equals("single-site-dependency")));
    // The shared hosting cluster spread over four halls of one campus is one failure domain.
    assertTrue(a.live().stream().anyMatch(x -> x.hypothesis().subject().equals("webhosting-sbg") && x.hypothesis().site().equals("sbg")));
  }
}
