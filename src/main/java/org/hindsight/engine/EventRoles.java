package org.hindsight.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;

/**
 * Which timed fact classes rules need declared as CEP events ({@code @role(event)}): those named in the
 * conditions of a rule or query that relates facts in time (a temporal operator such as {@code after},
 * a sliding or named window), those a file declares itself, and all of them when a file does not parse.
 * The rest are plain facts. Why: in STREAM mode Drools evaluates a rule's path at once for every insert
 * of an event into a join, where a fact waits for the next {@code fireAllRules} with the others.
 *
 * <p>Nothing else changes for a class left a fact: {@link RuleSession} deletes every timeline fact past
 * the retention whatever its role, and Drools expires an event type by itself only from the time bounds
 * rules put on it, which a class named by no temporal rule has none of.
 *
 * <p>Read from the text, conservatively: every timed class (or a supertype of it, as {@code TimedFact(…)}
 * matches them all) named anywhere in such a rule's conditions counts, as do the conditions of the rules
 * it extends; a word that only looks like an operator makes more events, never fewer.
 */
final class EventRoles {
  private EventRoles() {}

  /** Drools's temporal operators (also negated with {@code not}) and windows; a method call ({@code .after(}) is none. */
  private static final Pattern TEMPORAL = Pattern.compile("(?<![\\w$.])(after|before|coincides|during|finishes|finishedby|"
      + "includes|meets|metby|overlaps|overlappedby|starts|startedby|window)(?![\\w$])");
  private static final Pattern WHEN = Pattern.compile("(?<![\\w$.])when(?![\\w$])");
  private static final Pattern THEN = Pattern.compile("(?<![\\w$.])then(?![\\w$])");

  /** The classes of {@code timed} that the rules of {@code files} (DRL texts) need as events, in {@code timed}'s order. */
  static Needed needed(Collection<String> files, List<? extends Class<?>> timed) {
    Set<Class<?>> out = new LinkedHashSet<>();
    List<String> conditions = new ArrayList<>(); // of every temporal rule and query, with the rules they extend
    Map<String, RuleText> byName = new HashMap<>();
    List<RuleText> all = new ArrayList<>();
    for (String text : files) {
      PackageDescr pkg = ParsedDrl.parse(text);
      if (pkg == null) return new Needed(new LinkedHashSet<>(timed), false); // the compiler reports it; nothing is left a fact
      for (TypeDeclarationDescr t : pkg.getTypeDeclarations()) {
        conditions.add(t.getTypeName()); // a file declaring one of them itself keeps it an event, as ours says
      }
      for (RuleDescr r : pkg.getRules()) {
        RuleText rt = new RuleText(r, conditionsOf(text, r));
        all.add(rt);
        byName.putIfAbsent(r.getName(), rt);
      }
    }
    boolean extendsOthers = false;
    for (RuleText r : all) {
      if (r.rule().getParentName() != null && !byName.containsKey(r.rule().getParentName())) extendsOthers = true;
      if (!TEMPORAL.matcher(r.conditions()).find()) continue;
      Set<String> seen = new java.util.HashSet<>();
      for (RuleText at = r; at != null && seen.add(at.rule().getName()); at = parent(at, byName)) {
        conditions.add(at.conditions());
        if (at.rule() instanceof QueryDescr q && q.getParameterTypes() != null) conditions.addAll(List.of(q.getParameterTypes()));
      }
    }
    if (conditions.isEmpty()) return new Needed(out, extendsOthers);
    String named = String.join("\n", conditions);
    for (Class<?> c : timed) {
      for (String name : names(c)) {
        if (Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])").matcher(named).find()) {
          out.add(c);
          break;
        }
      }
    }
    return new Needed(out, extendsOthers);
  }

  /**
   * @param classes the timed classes to declare events
   * @param extendsOthers a rule extends one these files do not hold: the answer is only whole when
   *     read with the files that hold it
   */
  record Needed(Set<Class<?>> classes, boolean extendsOthers) {}

  private record RuleText(RuleDescr rule, String conditions) {}

  private static RuleText parent(RuleText r, Map<String, RuleText> byName) {
    String p = r.rule().getParentName();
    return p == null ? null : byName.get(p);
  }

  /** The class's simple name and those of its supertypes (a pattern on a supertype matches it). */
  static Set<String> names(Class<?> c) {
    Set<String> out = new LinkedHashSet<>();
    List<Class<?>> todo = new ArrayList<>(List.of(c));
    while (!todo.isEmpty()) {
      Class<?> k = todo.remove(todo.size() - 1);
      if (k == null || !out.add(k.getSimpleName())) continue;
      todo.add(k.getSuperclass());
      todo.addAll(List.of(k.getInterfaces()));
    }
    return out;
  }

  /**
   * A rule's conditions as code (strings and comments blanked: a message saying "after" relates
   * nothing): between {@code when} and {@code then}, or a query's whole text with its parameters.
   * Where the parser kept no position, the whole file (more events, never fewer).
   */
  static String conditionsOf(String text, RuleDescr r) {
    int start = r.getStartCharacter();
    int end = r.getEndCharacter();
    String code = code(start < 0 || end <= start || end > text.length() ? text : text.substring(start, end));
    if (r instanceof QueryDescr) return code;
    Matcher when = WHEN.matcher(code);
    if (!when.find()) return code;
    Matcher then = THEN.matcher(code);
    return then.find(when.end()) ? code.substring(when.end(), then.start()) : code.substring(when.end());
  }

  /** The text with string literals' contents and comments replaced by spaces (line breaks kept). */
  static String code(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        out.append(c);
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
          if (s.charAt(j) == '\\') {
            out.append(' ');
            j++;
          }
          if (j < s.length()) out.append(' ');
          j++;
        }
        if (j < s.length()) out.append(s.charAt(j));
        i = j + 1;
      } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
        while (i < s.length() && s.charAt(i) != '\n') {
          out.append(' ');
          i++;
        }
      } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
        int close = s.indexOf("*/", i + 2);
        int stop = close < 0 ? s.length() : close + 2;
        for (; i < stop; i++) out.append(s.charAt(i) == '\n' ? '\n' : ' ');
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
