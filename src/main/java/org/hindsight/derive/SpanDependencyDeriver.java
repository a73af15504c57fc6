package org.hindsight.derive;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.Dependency;
import org.hindsight.facts.Fact;
import org.hindsight.facts.Span;
import org.hindsight.world.World;

/**
 * Service dependencies seen in traces: a span whose parent span ran in another service is a call
 * from that service (caller → callee). Emitted only when the bundle has no {@code dependencies}
 * (a user's own graph wins), as {@code soft} dependencies — a trace shows a call, not that the
 * caller fails without it — each citing the first child span that shows the call, with the number
 * of calls seen in attribute {@code calls}. Linear in the spans: one pass to index span ids, one
 * to read parents.
 */
@AutoService(org.hindsight.derive.FactDeriver.class)
public final class SpanDependencyDeriver implements FactDeriver {
  @Override
  public String name() {
    return "span-dependencies";
  }

  @Override
  public List<Class<? extends Fact>> factTypes() {
    return List.of(Dependency.class);
  }

  @Override
  public List<Dependency> derive(World world) {
    if (!world.dependencies().isEmpty() || world.spans().isEmpty()) return List.of();
    Map<String, String> serviceOf = new HashMap<>();
    for (Span s : world.spans()) {
      Derivation.at(s.origin());
      serviceOf.putIfAbsent(s.traceId() + '\u0000' + s.spanId(), s.service());
    }
    Map<String, Span> firstCall = new LinkedHashMap<>();
    Map<String, Integer> calls = new HashMap<>();
    for (Span s : world.spans()) {
      if (s.root()) continue;
      Derivation.at(s.origin());
      String caller = serviceOf.get(s.traceId() + '\u0000' + s.parentSpanId());
      if (caller == null || caller.equals(s.service())) continue;
      String key = caller + '\u0000' + s.service();
      firstCall.putIfAbsent(key, s);
      calls.merge(key, 1, Integer::sum);
    }
    List<Dependency> out = new ArrayList<>();
    firstCall.forEach((key, span) -> {
      String caller = key.substring(0, key.indexOf('\u0000'));
      out.add(new Dependency(caller, span.service(), "soft",
          Attributes.of(Map.of("calls", Integer.toString(calls.get(key)), "derived_from", "spans")), span.origin()));
    });
    return out;
  }
}
