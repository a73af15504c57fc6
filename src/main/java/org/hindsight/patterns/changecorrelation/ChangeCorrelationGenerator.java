package org.hindsight.patterns.changecorrelation;

import static org.hindsight.drill.Difficulty.EASY;
import static org.hindsight.drill.Difficulty.HARD;
import static org.hindsight.drill.Difficulty.MEDIUM;

import com.google.auto.service.AutoService;
import java.util.Map;
import org.hindsight.drill.Difficulty;
import org.hindsight.drill.IncidentGenerator;

/**
 * Drills of change correlation from this pack's fixtures: which of the day's changes broke the service,
 * the skill most outages outside the four famous patterns ask of an on-call engineer (one shows the outage only as its
 * traffic falling off a cliff). Harder drills add a
 * decoy change on a healthy branch, a second change beside the one to blame, or an anomaly no threshold
 * shows. Near misses are a change after the first symptom, a change on an unrelated branch, a noisy but
 * healthy day, and health checks logged like changes: the right answer is that no change caused it.
 */
@AutoService(IncidentGenerator.class)
public final class ChangeCorrelationGenerator implements IncidentGenerator {
  @Override
  public String pattern() {
    return "change-correlation";
  }

  @Override
  public Map<String, Difficulty> templates() {
    return Map.ofEntries(Map.entry("deploy-before-outage", EASY), Map.entry("change-row-with-time", EASY),
        Map.entry("config-session-upstream", MEDIUM), Map.entry("flag-flip-ops-command", MEDIUM),
        Map.entry("decoy-on-healthy-upstream", MEDIUM), Map.entry("deploy-collapses-the-traffic-it-serves", MEDIUM),
        Map.entry("two-changes-one-upstream", HARD),
        Map.entry("os-update-beside-app-deploy", HARD), Map.entry("deploy-before-learned-anomaly", HARD),
        Map.entry("change-after-onset", EASY), Map.entry("unrelated-branch", EASY), Map.entry("noisy-healthy-day", EASY),
        Map.entry("checks-are-not-changes", EASY), Map.entry("near-miss-traffic-slopes-away-after-a-deploy", EASY));
  }

  /** 3: the traffic-collapse templates (the same seed may pick another template than under 2). */
  @Override
  public String version() {
    return "3";
  }
}
