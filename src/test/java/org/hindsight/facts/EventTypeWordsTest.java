package org.hindsight.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link EventTypeWords}: the reading the observation model, {@link SiteEvents} and the change rules
 * each did with {@code String.split} per event, made once per type.
 */
class EventTypeWordsTest {
  /** What each caller computed before, per event. */
  private static List<String> splitAsBefore(String type, boolean camelCase) {
    String t = camelCase ? type.replaceAll("([a-z0-9])([A-Z])", "$1 $2") : type;
    return List.of(t.toLowerCase(Locale.ROOT).split("[._:/ -]+"));
  }

  @Test
  void readsTypesAsTheSplitDid() {
    String[] types = {"site.power_loss", "NodeNotReady", "dns.healthcheck.failed", "service-unreachable", "UpdateFunctionConfiguration",
        ".leading.dot", "trailing.", "", "..", "a", "CrashLoopBackOff", "config.load.failed", "ModifyDBInstance", "x-y_z:w/v q",
        "ÉTAT.Down", "quota_policy.inserted"};
    for (String type : types) {
      assertEquals(splitAsBefore(type, false), EventTypeWords.of(type), type);
      assertEquals(splitAsBefore(type, true), EventTypeWords.camelCase(type), type);
    }
    Random random = new Random(7);
    String alphabet = "aBz09._:/ -Xé";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      String type = b.toString();
      assertEquals(splitAsBefore(type, false), EventTypeWords.of(type), type);
      assertEquals(splitAsBefore(type, true), EventTypeWords.camelCase(type), type);
    }
  }

  @Test
  void aTypeIsReadOnceAndNullHasNoWords() {
    String type = "datacenter.cooling_failure";
    assertSame(EventTypeWords.of(type), EventTypeWords.of(new String(type.toCharArray())), "the words of a type are made once");
    assertSame(EventTypeWords.camelCase("NodeNotReady"), EventTypeWords.camelCase("NodeNotReady"));
    assertEquals(List.of(), EventTypeWords.of(null));
    assertEquals(List.of(), EventTypeWords.camelCase(null));
  }
}
