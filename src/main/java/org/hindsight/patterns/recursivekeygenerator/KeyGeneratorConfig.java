package org.hindsight.patterns.recursivekeygenerator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.drill.Names;

/**
 * The rows of a drill's {@code key-generators.csv} and the fallback walk the edge would do for a
 * request with valid and invalid cookies together, using the model of
 * rules/recursive-key-generator/README.md: {@code ip} generators always yield a key, a positive
 * {@code max_depth} ends the walk, and a generator whose {@code validator} equals its rule's
 * {@code rule_validator} never falls back. The walk is computed here, independently of the rules, so
 * the generator can check that what it wrote loops (or does not) as intended.
 */
final class KeyGeneratorConfig {
  record Row(String generator, String kind, String parent, String rule, String validator, String ruleValidator,
      String maxDepth) {
    static Row of(String generator, String kind, String parent) {
      return new Row(generator, kind, parent, "", "", "", "");
    }

    Row rule(String r) {
      return new Row(generator, kind, parent, r, validator, ruleValidator, maxDepth);
    }

    Row validators(String own, String ofRule) {
      return new Row(generator, kind, parent, rule, own, ofRule, maxDepth);
    }

    Row guard(int depth) {
      return new Row(generator, kind, parent, rule, validator, ruleValidator, Integer.toString(depth));
    }

    Row parent(String p) {
      return new Row(generator, kind, p, rule, validator, ruleValidator, maxDepth);
    }
  }

  static final String HEADER = "generator,kind,parent,rule,validator,rule_validator,max_depth";
  private static final Map<String, List<String>> PREFIXES = Map.of(
      "ip", List.of("ip", "addr", "peer_ip"),
      "cookie", List.of("cookie", "sess", "ck"),
      "header", List.of("hdr", "header", "ua"),
      "jwt", List.of("jwt", "token", "bearer"));
  static final List<String> VALIDATORS = List.of("sig-v3", "hmac-sha256", "cookie-v4", "session-v5", "crc-check",
      "aead-v1", "sig-v1", "token-v7", "mac-v2");

  private final Names names;
  private final Set<String> used = new HashSet<>();
  final List<Row> rows = new ArrayList<>();

  KeyGeneratorConfig(Names names) {
    this.names = names;
  }

  /** A generator name of this kind that is not used yet. */
  String name(String kind) {
    String base = names.pick(PREFIXES.get(kind)) + "_" + names.word();
    String n = base;
    for (int i = 2; used.contains(n); i++) n = base + i;
    used.add(n);
    return n;
  }

  String validatorOtherThan(String... taken) {
    List<String> free = new ArrayList<>(VALIDATORS);
    free.removeAll(List.of(taken));
    return names.pick(free);
  }

  Row add(Row r) {
    rows.add(r);
    return r;
  }

  /** A non-ip kind for a generator on a chain. */
  String chainKind() {
    return names.pick(List.of("cookie", "cookie", "header", "jwt"));
  }

  private Map<String, Row> byName() {
    Map<String, Row> m = new LinkedHashMap<>();
    for (Row r : rows) m.putIfAbsent(r.generator(), r);
    return m;
  }

  private Row entryOf(String rule) {
    for (Row r : rows) if (r.rule().equals(rule)) return r;
    return null;
  }

  /**
   * The generators a trigger request of {@code rule} visits, ending with the first one visited twice
   * when the walk loops; empty when the rule has no chain.
   */
  List<String> walk(String rule) {
    Map<String, Row> all = byName();
    Row g = entryOf(rule);
    List<String> path = new ArrayList<>();
    if (g == null) return path;
    String v = g.ruleValidator();
    while (g != null) {
      boolean repeat = path.contains(g.generator());
      path.add(g.generator());
      if (repeat || !g.maxDepth().isEmpty() || !fallsBack(g, v)) break;
      g = all.get(g.parent());
    }
    return path;
  }

  boolean loops(String rule) {
    List<String> w = walk(rule);
    return w.size() > 1 && w.subList(0, w.size() - 1).contains(w.get(w.size() - 1));
  }

  /** The row closing the cycle a looping walk enters: the one visited just before the repeat. */
  String closing(String rule) {
    List<String> w = walk(rule);
    if (!loops(rule)) throw new IllegalStateException("rule " + rule + " does not loop: " + w);
    return w.get(w.size() - 2);
  }

  private static boolean fallsBack(Row g, String ruleValidator) {
    if (g.parent().isEmpty() || g.kind().equals("ip")) return false;
    return g.validator().isEmpty() || ruleValidator.isEmpty() || !g.validator().equalsIgnoreCase(ruleValidator);
  }

  /** The 1-based line (header = 1) of {@code generator}'s row in the file as written. */
  int line(String generator) {
    for (int i = 0; i < rows.size(); i++) if (rows.get(i).generator().equals(generator)) return i + 2;
    throw new IllegalStateException("no row " + generator);
  }

  String csv() {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    for (Row r : rows) {
      b.append(String.join(",", r.generator(), r.kind(), r.parent(), r.rule(), r.validator(), r.ruleValidator(), r.maxDepth()))
          .append('\n');
    }
    return b.toString();
  }
}
