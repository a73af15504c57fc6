package org.hindsight.patterns.recursivekeygenerator;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hindsight.facts.Event;
import org.hindsight.facts.Fact;
import org.hindsight.facts.MitigationRule;
import org.hindsight.facts.SourceRef;
import org.hindsight.ingest.RequestLog;
import org.hindsight.world.World;

/**
 * Which edge mitigation rules were live, and from when: from {@code rule.deploy} /
 * {@code rule.disable} events, else from the requests a rule matched.
 */
@AutoService(org.hindsight.derive.FactDeriver.class)
public final class MitigationRuleDeriver implements org.hindsight.derive.FactDeriver {
  public static final String DEPLOY = "rule.deploy";
  public static final String DISABLE = "rule.disable";

  @Override
  public String name() {
    return "mitigation-rules";
  }

  @Override
  public List<Class<? extends Fact>> factTypes() {
    return List.of(MitigationRule.class);
  }

  @Override
  public List<MitigationRule> derive(World world) {
    return rules(world);
  }

  public static List<MitigationRule> rules(World world) {
    // the two types only, in time order (the world's index: every event as an object would be the whole log)
    List<Event> events = world.eventsOfTypes(java.util.Set.of(DEPLOY, DISABLE));
    Map<String, long[]> times = new LinkedHashMap<>(); // deployed, disabled
    Map<String, SourceRef[]> refs = new LinkedHashMap<>();
    java.util.Set<String> deployLogged = new java.util.HashSet<>();
    for (Event e : events) {
      if (e.entity().isEmpty()) continue;
      boolean deploy = e.type().equals(DEPLOY);
      boolean disable = e.type().equals(DISABLE);
      if (!deploy && !disable) continue;
      long[] t = times.computeIfAbsent(e.entity(), k -> new long[] {-1, -1});
      SourceRef[] r = refs.computeIfAbsent(e.entity(), k -> new SourceRef[2]);
      if (deploy && t[0] < 0) {
        t[0] = e.millis();
        r[0] = e.origin();
        deployLogged.add(e.entity());
      } else if (disable && t[0] >= 0 && t[1] < 0) {
        t[1] = e.millis();
        r[1] = e.origin();
      }
    }
    RequestLog log = world.requests();
    // Only a rule's first request matters: the rule column alone is read, each code once, no request materialised.
    log.forEachFirstOfRule((row, millis, rule) -> {
      String name = log.string(rule);
      if (name.isEmpty()) return;
      long[] t = times.computeIfAbsent(name, x -> new long[] {-1, -1});
      SourceRef[] r = refs.computeIfAbsent(name, x -> new SourceRef[2]);
      if (t[0] < 0) {
        t[0] = millis;
        r[0] = log.origin(row);
      }
    });
    List<MitigationRule> out = new ArrayList<>();
    times.forEach((name, t) -> {
      if (t[0] >= 0) out.add(new MitigationRule(name, t[0], t[1], refs.get(name)[0], refs.get(name)[1], deployLogged.contains(name)));
    });
    return out;
  }
}
