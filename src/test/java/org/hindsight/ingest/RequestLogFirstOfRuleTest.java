package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each rule's first request in time order, read from the rule column alone, is the one a full visit meets first. */
class RequestLogFirstOfRuleTest {
  @Test
  void eachRuleIsVisitedOnceAtTheRequestAFullVisitMeetsFirst() {
    Random random = new Random(5);
    for (int round = 0; round < 50; round++) {
      RequestLog.Builder b = RequestLog.builder();
      int requests = 1 + random.nextInt(2000);
      for (int i = 0; i < requests; i++) {
        // out of time order and with ties (file order breaks them), rules sharing the dictionary with the other columns
        long millis = 1_000L * random.nextInt(300);
        String rule = random.nextInt(5) == 0 ? "" : "r" + random.nextInt(1 + round * 3);
        b.add(millis, "dc" + random.nextInt(3), "r" + random.nextInt(40), "p" + random.nextInt(4), 200, rule, 1, random.nextInt(2));
      }
      RequestLog log = b.build();
      Map<Integer, List<Long>> expected = new LinkedHashMap<>();
      log.forEachCoded((row, millis, dc, server, process, status, rule, valid, invalid) ->
          expected.putIfAbsent(rule, List.of((long) row, millis)));
      Map<Integer, List<Long>> actual = new LinkedHashMap<>();
      List<Integer> order = new ArrayList<>();
      log.forEachFirstOfRule((row, millis, rule) -> {
        order.add(rule);
        actual.put(rule, List.of((long) row, millis));
      });
      assertEquals(expected, actual, "round " + round);
      assertEquals(new ArrayList<>(expected.keySet()), order, "in the order a full visit meets them, round " + round);
    }
  }
}
