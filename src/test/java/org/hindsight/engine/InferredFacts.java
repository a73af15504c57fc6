package org.hindsight.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kie.api.definition.type.FactType;
import org.kie.api.runtime.KieSession;

/** For tests: the facts of a DRL-declared type that the rules infer from given facts, as field maps. */
public final class InferredFacts {
  private InferredFacts() {}

  public static List<Map<String, Object>> of(RuleBase rules, List<?> facts, String packageName, String typeName) {
    FactType type = rules.kieBase().getFactType(packageName, typeName);
    if (type == null) throw new IllegalArgumentException("no declared type " + packageName + "." + typeName);
    KieSession session = rules.kieBase().newKieSession();
    try {
      facts.forEach(session::insert);
      session.fireAllRules();
      List<Map<String, Object>> out = new ArrayList<>();
      for (Object o : session.getObjects(o -> type.getFactClass().isInstance(o))) out.add(new TreeMap<>(type.getAsMap(o)));
      return out;
    } finally {
      session.dispose();
    }
  }
}
