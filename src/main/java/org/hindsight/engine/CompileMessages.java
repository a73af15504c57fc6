package org.hindsight.engine;

import org.hindsight.util.EditDistance;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the two compile errors rule authors meet most — a field or a fact type that does not
 * exist — from Drools's internal wording into one sentence that names the fact, the known fields or
 * types, and the closest spelling.
 */
final class CompileMessages {
  private static final Pattern UNKNOWN_FIELD = Pattern.compile(
      "Unable to Analyse Expression (.*?):\\s*\\[Error: unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)\\].*",
      Pattern.DOTALL);
  private static final Pattern UNKNOWN_TYPE = Pattern.compile("Unable to resolve ObjectType '([\\w.$]+)'.*", Pattern.DOTALL);

  private CompileMessages() {}

  /** The friendlier sentence, or the text unchanged when it is not one of the known shapes. */
  static String rewrite(String text, Collection<Class<?>> factTypes) {
    Matcher m = UNKNOWN_FIELD.matcher(text);
    if (m.matches()) {
      Optional<Class<?>> type = load(m.group(2));
      if (type.isPresent()) {
        List<String> fields = fields(type.get());
        String name = type.get().getSimpleName();
        return name + " has no field '" + m.group(3) + "' (in: " + m.group(1).trim() + ")"
            + suggestion(m.group(3), fields) + " Fields of " + name + ": " + String.join(", ", fields);
      }
    }
    m = UNKNOWN_TYPE.matcher(text);
    if (m.matches()) {
      List<String> names = factTypes.stream().map(Class::getSimpleName).sorted().distinct().toList();
      return "unknown fact type '" + m.group(1) + "'" + suggestion(m.group(1), names)
          + " Fact types: " + String.join(", ", names) + " (with import org.hindsight.facts.*;)";
    }
    return text;
  }

  private static Optional<Class<?>> load(String name) {
    try {
      return Optional.of(Class.forName(name, false, CompileMessages.class.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }

  /** What DRL can name in a constraint: record components first, then other no-argument accessors. */
  static List<String> fields(Class<?> type) {
    Set<String> out = new LinkedHashSet<>();
    if (type.isRecord()) {
      for (RecordComponent c : type.getRecordComponents()) out.add(c.getName());
    }
    List<String> more = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0 || m.getReturnType() == void.class) continue;
      if (m.getDeclaringClass() == Object.class || Set.of("hashCode", "toString", "getClass", "toBuilder", "key").contains(m.getName())) {
        continue;
      }
      more.add(m.getName());
    }
    more.sort(Comparator.naturalOrder());
    out.addAll(more);
    return List.copyOf(out);
  }

  static String suggestion(String wrong, List<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = EditDistance.levenshtein(wrong.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best != null && bestDistance <= Math.max(2, wrong.length() / 3) ? "; did you mean '" + best + "'?" : ".";
  }

}
