package org.hindsight.patterns.recursivekeygenerator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hindsight.facts.KeyGenerator;
import org.hindsight.simulate.SimulationBudget;

/**
 * Evaluates rate-limit keys the way the edge does: start at the rule's entry generator and fall
 * back to the parent while the generator cannot produce a key, with a hop budget. The fallback
 * model is the one the DRL rules use, defined once on {@link KeyGenerator} ({@code mayReject},
 * {@code depthLimit}). Only requests carrying
 * valid and invalid cookies together reach a fallback: without a valid cookie the rule blocks
 * them, with only valid ones every generator yields a key.
 */
public final class KeyChain {
  /** The outcome of evaluating one rule's key for a request carrying the trigger. */
  public enum Outcome { KEY, NO_RULE_CHAIN, LOOPS }

  private final Map<String, KeyGenerator> generators = new LinkedHashMap<>();
  private final Map<String, KeyGenerator> entryOfRule = new LinkedHashMap<>();
  private final String brokenAt;
  private final int maxHops;

  /**
   * @param brokenAt a generator whose fallback is replaced by a terminating one (counterfactual), or null
   */
  public KeyChain(List<KeyGenerator> rows, String brokenAt) {
    for (KeyGenerator g : rows) {
      generators.putIfAbsent(g.generator(), g);
      if (!g.rule().isEmpty()) entryOfRule.putIfAbsent(g.rule(), g);
    }
    this.brokenAt = brokenAt;
    this.maxHops = 4 * generators.size() + 8; // longer than any simple path: more hops means a cycle
  }

  public boolean hasChain(String rule) {
    return entryOfRule.containsKey(rule);
  }

  /** Evaluates the key of {@code rule} for a request with valid and invalid cookies. */
  public Outcome evaluateTrigger(String rule, SimulationBudget budget) {
    KeyGenerator g = entryOfRule.get(rule);
    if (g == null) return Outcome.NO_RULE_CHAIN;
    String v = g.attr("rule_validator");
    int limit = Integer.MAX_VALUE;
    for (int hops = 0; ; hops++) {
      if (!budget.step()) return Outcome.LOOPS;
      if (hops > maxHops) return Outcome.LOOPS;
      int depth = g.depthLimit();
      if (depth > 0) limit = Math.min(limit, hops + depth);
      if (hops >= limit) return Outcome.KEY; // the guard stops the walk with a default key
      boolean fallsBack = g.mayReject(v);
      if (!fallsBack) return Outcome.KEY;
      if (g.generator().equals(brokenAt)) return Outcome.KEY; // counterfactual: falls back to a terminating ip key
      KeyGenerator next = generators.get(g.parent());
      if (next == null) return Outcome.KEY; // unknown parent: the evaluator's default key
      g = next;
    }
  }

  /** The generators a trigger request visits from the rule's entry until one repeats (the cycle closes). */
  public List<String> walk(String rule) {
    List<String> path = new ArrayList<>();
    KeyGenerator g = entryOfRule.get(rule);
    if (g == null) return path;
    String v = g.attr("rule_validator");
    while (g != null && path.size() <= generators.size()) {
      path.add(g.generator());
      if (path.indexOf(g.generator()) != path.size() - 1) break;
      int depth = g.depthLimit();
      if (depth > 0) break;
      boolean fallsBack = g.mayReject(v);
      if (!fallsBack) break;
      g = generators.get(g.parent());
    }
    return path;
  }
}
