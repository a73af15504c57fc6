package org.hindsight.lint;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hindsight.derive.Derivers;
import org.hindsight.derive.FactDeriver;
import org.hindsight.facts.ChangeTicket;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Dependency;
import org.hindsight.facts.Event;
import org.hindsight.facts.Fact;
import org.hindsight.facts.Finding;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.KeyGenerator;
import org.hindsight.facts.Link;
import org.hindsight.facts.MetricSeries;
import org.hindsight.facts.OpsCommand;
import org.hindsight.facts.ServiceSpec;
import org.hindsight.facts.TimedFact;
import org.hindsight.ingest.LogKind;

/**
 * Generates the fact-model reference ({@code docs/fact-model.md}) from the code: every fact type
 * rules can match, its fields by reflection, their types, the CSV column each comes from (via
 * {@link LogKind}), what each means (the types' javadoc, {@link FactJavadoc}) and a DRL example. Run it with
 * {@code ./hindsight rules facts}; a test keeps the checked-in file equal to this output.
 */
public final class FactModelDoc {
  /** Which fact type each row kind becomes; requests stay a column store, not facts. */
  static final Map<LogKind, Class<? extends Fact>> FACT_OF_KIND = new LinkedHashMap<>();

  static {
    FACT_OF_KIND.put(LogKind.EVENTS, Event.class);
    FACT_OF_KIND.put(LogKind.METRICS, MetricSeries.class);
    FACT_OF_KIND.put(LogKind.CONFIG_COMMANDS, ConfigCommand.class);
    FACT_OF_KIND.put(LogKind.INVENTORY, InventoryItem.class);
    FACT_OF_KIND.put(LogKind.LINKS, Link.class);
    FACT_OF_KIND.put(LogKind.SERVICES, ServiceSpec.class);
    FACT_OF_KIND.put(LogKind.DEPENDENCIES, Dependency.class);
    FACT_OF_KIND.put(LogKind.OPS_COMMANDS, OpsCommand.class);
    FACT_OF_KIND.put(LogKind.CHANGES, ChangeTicket.class);
    FACT_OF_KIND.put(LogKind.KEY_GENERATORS, KeyGenerator.class);
  }

  private static final Set<String> HIDDEN = Set.of("hashCode", "toString", "equals", "getClass", "key", "toBuilder",
      "mergedWith", "millis");

  private FactModelDoc() {}

  /** One documented field. */
  public record Field(String name, String type, String column, String meaning) {}

  /** Every fact type in reference order: one per CSV kind, then derived facts, then what rules assert. */
  public static List<Class<?>> types() {
    Set<Class<?>> out = new LinkedHashSet<>(FACT_OF_KIND.values());
    for (FactDeriver d : Derivers.all()) out.addAll(d.factTypes());
    out.add(Hypothesis.class);
    out.add(Finding.class);
    return List.copyOf(out);
  }

  public static List<Field> fields(Class<?> type) {
    LogKind kind = kindOf(type);
    List<Field> out = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    if (type.isRecord()) {
      for (RecordComponent c : type.getRecordComponents()) names.add(c.getName());
    }
    List<String> accessors = accessors(type).stream().map(Method::getName).filter(n -> !names.contains(n)).toList();
    if (!type.isRecord()) names.addAll(accessors);
    for (String n : names) {
      Method m = accessor(type, n);
      out.add(new Field(n, typeName(m.getGenericReturnType()), column(kind, n), FactJavadoc.describe(type, n)));
    }
    return out;
  }

  /** Methods DRL can call beyond the fields: no-argument tests on records, and methods with arguments. */
  public static List<String> methods(Class<?> type) {
    Set<String> fieldNames = new LinkedHashSet<>();
    fields(type).forEach(f -> fieldNames.add(f.name()));
    List<String> out = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class || HIDDEN.contains(m.getName())) continue;
      if (m.getParameterCount() == 0 && fieldNames.contains(m.getName())) continue;
      if (m.getReturnType() == void.class) continue;
      String params = String.join(", ", Arrays.stream(m.getGenericParameterTypes()).map(FactModelDoc::typeName).toList());
      out.add(m.getName() + "(" + params + ")");
    }
    out.sort(Comparator.naturalOrder());
    return out.stream().distinct().toList();
  }

  private static List<Method> accessors(Class<?> type) {
    List<Method> out = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0 || m.getReturnType() == void.class) continue;
      if (m.getDeclaringClass() == Object.class || HIDDEN.contains(m.getName())) continue;
      out.add(m);
    }
    out.sort(Comparator.comparing(Method::getName));
    return out;
  }

  private static Method accessor(Class<?> type, String name) {
    try {
      return type.getMethod(name);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(type + " has no accessor " + name, e);
    }
  }

  static LogKind kindOf(Class<?> type) {
    return FACT_OF_KIND.entrySet().stream().filter(e -> e.getValue() == type).map(Map.Entry::getKey).findFirst().orElse(null);
  }

  /** The CSV column a field comes from: its snake_case name when the kind has it, timestamp for time. */
  static String column(LogKind kind, String field) {
    if (kind == null) return "";
    if (field.equals("origin")) return "(file:line of the row, or its `origin` column)";
    if (field.equals("attributes")) return "(any other column)";
    if (field.equals("time") && kind.known("timestamp")) return "timestamp";
    String snake = field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    if (kind.known(snake)) return snake;
    if (kind == LogKind.METRICS) {
      return switch (field) {
        case "entity", "metric" -> field;
        case "peak", "baseline", "min", "last", "count" -> "value (summarised)";
        case "firstTime", "lastTime", "peakTime" -> "timestamp (summarised)";
        default -> "";
      };
    }
    return "";
  }

  static String typeName(Type t) {
    // nested types as DRL and Java source write them (IncidentOnset.Trouble), not as the binary name's '$'
    return t.getTypeName().replaceAll("\\b[a-z][\\w]*\\.", "").replaceAll("\\b[a-z][\\w]*\\.", "").replace('$', '.');
  }

  /** The whole reference as Markdown. */
  public static String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Fact model reference\n\n");
    sb.append("<!-- Generated by `./hindsight rules facts` (org.hindsight.lint.FactModelDoc) from the fact types' javadoc. Do not\n");
    sb.append("     edit: change the javadoc in org.hindsight.facts, then regenerate; FactModelDocTest fails when they differ. -->\n\n");
    sb.append("Every CSV row becomes a fact; DRL rules match facts by type and field. Start a rule file with\n");
    sb.append("`import org.hindsight.facts.*;`, constrain fields by their names (`Event( type == \"site.fire\" )`), bind them\n");
    sb.append("(`$e : entity`) and call methods in actions (`$e.entity()`). Every fact remembers the file and line it\n");
    sb.append("came from (`origin`), and `Hypothesis.builder(...).cause($fact)` cites it.\n\n");
    sb.append("**The `origin` column (any kind).** A row may carry an `origin` column, `file:line` of the record it was made\n");
    sb.append("from; `hindsight import` writes it (see [importing.md](importing.md)). The fact then cites that file and line\n");
    sb.append("instead of the CSV row, so evidence, causes and report text point at the user's own log (read back at report\n");
    sb.append("time, `.gz`/`.zst` too). `origin` is not an attribute; an empty cell cites the CSV row; a value that is not\n");
    sb.append("`file:line` is a bad row. Problems in such a row name both: `bundle/x.csv:12: … (from tac.acct:40)`.\n\n");
    sb.append("Timed facts are events: replayed in time order under a pseudo clock, usable with CEP operators\n");
    sb.append("(`this after[0s, 30m] $other`, `over window:time(10m)`), and expired after the retention (48 h by default).\n");
    sb.append("The other facts describe the world and are inserted first.\n\n");
    sb.append("**Bulk kinds.** `requests` and `spans` rows are not facts one by one (an export holds millions); derivers\n");
    sb.append("summarise them: requests into `RequestSummary`, spans (`timestamp`, `trace_id`, `span_id`, `parent_span_id`,\n");
    sb.append("`service`, `operation`, `duration_ms`, `status`, `entity`) into `Dependency` facts caller → callee (kind `soft`,\n");
    sb.append("attribute `calls`; only when the bundle has no `dependencies` file) and, with metrics and error logs, into\n");
    sb.append("`Anomaly` facts (per-service latency and failure series against a learned baseline).\n\n");
    sb.append("| fact type | from | timed |\n|---|---|---|\n");
    for (Class<?> t : types()) {
      sb.append("| [").append(t.getSimpleName()).append("](#").append(t.getSimpleName().toLowerCase(Locale.ROOT)).append(") | ")
          .append(source(t)).append(" | ").append(TimedFact.class.isAssignableFrom(t) ? "yes" : "no").append(" |\n");
    }
    for (Class<?> t : types()) {
      sb.append("\n## ").append(t.getSimpleName()).append("\n\n");
      String what = FactJavadoc.of(t).type();
      sb.append(what.isEmpty() ? "(not described yet: give the type a javadoc comment)" : what).append(" From: ").append(source(t)).append('.');
      if (TimedFact.class.isAssignableFrom(t)) sb.append(" Timed: usable with CEP operators.");
      sb.append("\n\n| field | type | CSV column | meaning |\n|---|---|---|---|\n");
      for (Field f : fields(t)) {
        sb.append("| `").append(f.name()).append("` | `").append(f.type()).append("` | ")
            .append(f.column().isEmpty() ? "" : f.column().startsWith("(") ? f.column() : "`" + f.column() + "`").append(" | ")
            .append(f.meaning().isEmpty() ? "(not described yet)" : f.meaning().replace("|", "\\|")).append(" |\n");
      }
      List<String> methods = methods(t);
      if (!methods.isEmpty()) {
        sb.append("\nAlso callable: ").append(String.join(", ", methods.stream().map(m -> "`" + m + "`").toList())).append(".\n");
      }
      String example = FactJavadoc.of(t).example();
      if (!example.isEmpty()) sb.append("\n```drl\n").append(example).append("\n```\n");
    }
    return sb.toString();
  }

  private static String source(Class<?> t) {
    LogKind k = kindOf(t);
    if (k != null) return "`" + k.fileName() + "` CSV" + (t == MetricSeries.class ? " (one fact per entity and metric)" : "");
    if (t == Hypothesis.class || t == Finding.class) return "inserted by rules";
    for (FactDeriver d : Derivers.all()) if (d.factTypes().contains(t)) return "derived (" + d.name() + ")";
    return "derived";
  }

  public static void main(String[] args) {
    System.out.print(render());
  }
}
