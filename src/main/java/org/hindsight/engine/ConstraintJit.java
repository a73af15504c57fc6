package org.hindsight.engine;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.drools.base.rule.constraint.Constraint;
import org.drools.core.common.BetaConstraints;
import org.drools.core.reteoo.AccumulateNode;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.BetaNode;
import org.drools.core.reteoo.FromNode;
import org.drools.core.reteoo.LeftTupleSource;
import org.drools.core.reteoo.ObjectSource;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.mvel.MVELConstraint;
import org.kie.api.KieBase;

/**
 * Drools JIT-compiles a constraint to bytecode after 20 evaluations, which makes MVEL constraints
 * 1.5–1.8× faster, except that in Drools 10.2 the code generated for a constraint that uses an
 * operator such as {@code after[0s,10m]} or {@code str[startsWith]} calls
 * {@code EvaluatorHelper.initOperators} with a signature that no longer exists
 * ({@code NoSuchMethodError} at the 21st evaluation). Only those constraints are kept interpreted;
 * every other constraint is jitted as Drools intends. {@code RuleSessionTest} guards it.
 */
final class ConstraintJit {
  private static final Field NOT_JITTED = notJittedFlag();

  private ConstraintJit() {}

  /** False if this Drools has no such flag: then the JIT must stay off for every constraint. */
  static boolean canNarrow() {
    return NOT_JITTED != null;
  }

  /**
   * Marks every constraint with an operator in the rule network as not to be jitted. Call once
   * the rule base holds all its rules (adding rules may copy constraints) and before sessions run.
   *
   * @return the marked constraints' expressions
   */
  static java.util.List<String> keepOperatorConstraintsInterpreted(KieBase kieBase) {
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object> nodes = new ArrayDeque<>(((InternalKnowledgeBase) kieBase).getRete().getObjectTypeNodes());
    java.util.List<String> marked = new java.util.ArrayList<>();
    while (!nodes.isEmpty()) {
      Object node = nodes.pop();
      if (!seen.add(node)) continue;
      if (node instanceof AlphaNode a) mark(a.getConstraint(), marked);
      if (node instanceof BetaNode b) mark(b.getRawConstraints(), marked);
      if (node instanceof FromNode<?> f) {
        for (Constraint c : f.getAlphaConstraints()) mark(c, marked);
        mark(f.getBetaConstraints(), marked);
      }
      if (node instanceof AccumulateNode acc) {
        for (Constraint c : acc.getResultConstraints()) mark(c, marked);
        mark(acc.getResultBinder(), marked);
      }
      if (node instanceof ObjectSource os) Collections.addAll(nodes, (Object[]) os.getObjectSinkPropagator().getSinks());
      if (node instanceof LeftTupleSource lts) Collections.addAll(nodes, (Object[]) lts.getSinkPropagator().getSinks());
    }
    return marked;
  }

  private static void mark(BetaConstraints constraints, java.util.List<String> marked) {
    if (constraints != null) for (Constraint c : constraints.getConstraints()) mark(c, marked);
  }

  private static void mark(Constraint c, java.util.List<String> marked) {
    if (!(c instanceof MVELConstraint m) || m.getOperators().length == 0 || NOT_JITTED == null) return;
    try {
      // Drools never jits a "dynamic" constraint; after the network is built the flag means nothing else.
      NOT_JITTED.setBoolean(m, true);
      marked.add(m.getExpression());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Field notJittedFlag() {
    try {
      Field f = MVELConstraint.class.getDeclaredField("isDynamic");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
