package org.hindsight.patterns.missingexit;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Routing policies seen on one device (in any of its sessions): which protocols' routes each one
 * matches, and whether it filters prefixes. An export policy's meaning depends on this: Junos
 * {@code set export NHS} under IS-IS leaks every route when NHS matches no protocol.
 */
public final class PolicyBook {
  private final Map<String, Set<String>> protocols = new HashMap<>();
  private final Map<String, Boolean> filtered = new HashMap<>();

  public void define(String policy) {
    protocols.computeIfAbsent(policy, k -> new TreeSet<>());
    filtered.putIfAbsent(policy, false);
  }

  public void matchesProtocol(String policy, String protocol) {
    define(policy);
    protocols.get(policy).add(Protocols.normalise(protocol));
  }

  public void filtersPrefixes(String policy) {
    define(policy);
    filtered.put(policy, true);
  }

  /** The protocol(s) the policy exports: one name, {@code any} (no protocol match) or {@code unknown}. */
  public String injects(String policy) {
    Set<String> p = protocols.get(policy);
    if (p == null) return "unknown";
    if (p.isEmpty()) return "any";
    return String.join("+", p);
  }

  public boolean filtered(String policy) {
    return filtered.getOrDefault(policy, false);
  }
}
