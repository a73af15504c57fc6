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
    // The admin tools are single-sited but only soft-needed: noted, not blamed.
    assertTrue(a.findings().stream().map(f -> f.finding())
        .anyMatch(f -> f.kind().equals("latent") && f.subject().equals("ops-console")));
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
