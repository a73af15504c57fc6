package org.hindsight.patterns.recursivekeygenerator;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hindsight.derive.FactDeriver;
import org.hindsight.facts.Fact;
import org.hindsight.facts.RequestSummary;
import org.hindsight.facts.SourceRef;
import org.hindsight.ingest.RequestLog;
import org.hindsight.world.World;

/**
 * Summarises the sampled {@code requests} per (datacenter, server, process, rule): counts,
 * mixed-cookie requests with the first one's time and record, 5xx. One pass over the column store.
 */
@AutoService(org.hindsight.derive.FactDeriver.class)
public final class RequestSummaryDeriver implements FactDeriver {
  @Override
  public String name() {
    return "request-summaries";
  }

  @Override
  public List<Class<? extends Fact>> factTypes() {
    return List.of(RequestSummary.class);
  }

  @Override
  public List<RequestSummary> derive(World world) {
    return summarise(world.requests());
  }

  public static List<RequestSummary> summarise(RequestLog log) {
    Map<String, Acc> byKey = new LinkedHashMap<>();
    for (int k = 0; k < log.size(); k++) {
      RequestLog.Request r = log.inOrder(k);
      String key = r.datacenter() + '\u0000' + r.server() + '\u0000' + r.process() + '\u0000' + r.rule();
      Acc a = byKey.get(key);
      if (a == null) {
        a = new Acc(r);
        byKey.put(key, a);
      }
      a.add(r);
    }
    List<RequestSummary> out = new ArrayList<>(byKey.size());
    for (Acc a : byKey.values()) out.add(a.build());
    return out;
  }

  private static final class Acc {
    final RequestLog.Request first;
    long requests, mixed, errors, last, firstMixed = -1;
    SourceRef firstMixedRef;

    Acc(RequestLog.Request first) {
      this.first = first;
    }

    void add(RequestLog.Request r) {
      requests++;
      last = r.millis();
      if (r.serverError()) errors++;
      if (r.mixedCookies()) {
        if (mixed == 0) {
          firstMixed = r.millis();
          firstMixedRef = r.origin();
        }
        mixed++;
      }
    }

    RequestSummary build() {
      return new RequestSummary(first.datacenter(), first.server(), first.process(), first.rule(), requests, mixed, errors,
          first.millis(), last, firstMixed, firstMixedRef, first.origin());
    }
  }
}
