package org.hindsight.patterns.typoscopedshutdown;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The generic fleet-tool form most in-house capacity tools share:
 * {@code <tool> [group] <verb> [--service S] [--count N | --percent P | P%] [--hosts SEL | SEL ...]}.
 * Targets are host names, globs, ranges ({@code bill-[01-04]}), comma lists, regexes
 * ({@code --regex R}, {@code /R/}, {@code re:R}) or the service's hosts; {@code --dry-run} previews.
 * Attribute selectors: {@code --role web}, {@code --tag canary}, {@code --cluster c1} …, expressions
 * ({@code --where 'role=web AND site:z1'}, {@code --filter}, {@code -l app=api}) and positional
 * {@code key=value} words, matched against every inventory column. {@code --all} alone is the whole
 * fleet. Global options before the verb ({@code lbctl --env prod drain …}) are skipped. Unknown
 * {@code --option value} pairs are kept and ignored.
 */
@AutoService(org.hindsight.patterns.typoscopedshutdown.CommandGrammar.class)
public final class FleetToolGrammar implements CommandGrammar {
  static final Set<String> REMOVING = Set.of("remove-capacity", "remove", "remove-hosts", "drain", "shutdown", "stop",
      "decommission", "decom", "terminate", "retire", "kill", "evict", "deprovision", "scale-in", "poweroff",
      "power-off", "halt", "destroy", "delete", "take-out", "disable", "depool", "offline", "quiesce", "evacuate",
      "deregister", "wipe", "reimage", "rotate-out", "out-of-service", "maintenance", "maint");
  static final Set<String> KEEPING = Set.of("list", "ls", "status", "show", "describe", "get", "info", "add-capacity",
      "add", "undrain", "start", "enable", "provision", "check", "validate", "diff", "plan", "help", "version",
      "restart", "reboot", "audit", "history", "inspect");
  private static final Set<String> SERVICE = Set.of("--service", "--svc", "--subsystem", "-s", "--app");
  private static final Set<String> HOSTS = Set.of("--hosts", "--host", "-H", "--targets", "--target", "--servers",
      "--server", "--nodes", "--node", "--instances", "--instance", "--selector", "--pattern", "--glob", "-t");
  private static final Set<String> REGEX = Set.of("--regex", "--host-regex", "--re", "-E", "--match-regex");
  /** Options whose value is an attribute expression ({@code role=web AND site:z1}) or a label selector. */
  private static final Set<String> EXPRESSION = Set.of("--where", "--filter", "--query", "--match", "--label", "--labels",
      "-l", "--constraint");
  /** Options whose value is one inventory column's value: {@code --role web} is {@code role=web}. */
  private static final java.util.Map<String, String> ATTRIBUTE = java.util.Map.ofEntries(
      java.util.Map.entry("--role", "role"), java.util.Map.entry("--roles", "role"), java.util.Map.entry("--tag", "tags"),
      java.util.Map.entry("--tags", "tags"), java.util.Map.entry("--group", "group"), java.util.Map.entry("--cluster", "cluster"),
      java.util.Map.entry("--site", "site"), java.util.Map.entry("--dc", "dc"), java.util.Map.entry("--datacenter", "dc"),
      java.util.Map.entry("--zone", "zone"), java.util.Map.entry("--az", "zone"), java.util.Map.entry("--pool", "pool"),
      java.util.Map.entry("--rack", "rack"));
  private static final Set<String> COUNT = Set.of("--count", "-n", "-c", "--num", "--number", "--limit");
  private static final Set<String> PERCENT = Set.of("--percent", "--pct", "--percentage", "-p");
  private static final Set<String> DRY = Set.of("--dry-run", "--dryrun", "--noop", "--what-if", "--whatif", "--preview");
  private static final Set<String> FLAGS = Set.of("--force", "-f", "--yes", "-y", "--now", "--no-wait", "--verbose",
      "-v", "--quiet", "-q", "--async", "--confirm", "--all", "--immediate", "--no-confirm");

  @Override
  public String name() {
    return "fleet-tool";
  }

  @Override
  public int priority() {
    return 1000;
  }

  @Override
  public boolean recognises(List<String> words) {
    return verbIndex(words) > 0;
  }

  /** The verb: among the first three words after the tool, global options ({@code --env prod}) skipped. */
  private static int verbIndex(List<String> words) {
    int seen = 0;
    for (int i = 1; i < words.size() && seen < 3; i++) {
      String w = words.get(i).toLowerCase(Locale.ROOT);
      if (REMOVING.contains(w) || KEEPING.contains(w)) return i;
      if (w.startsWith("-")) {
        String next = i + 1 < words.size() ? words.get(i + 1).toLowerCase(Locale.ROOT) : "";
        if (!w.contains("=") && !next.startsWith("-") && !REMOVING.contains(next) && !KEEPING.contains(next)) i++;
        continue;
      }
      seen++;
    }
    return -1;
  }

  @Override
  public ParsedCommand parse(List<String> words) throws NotUnderstood {
    int v = verbIndex(words);
    if (v < 0) throw new NotUnderstood("no known verb (remove-capacity, drain, shutdown, decommission, …)");
    String tool = CommandGrammar.program(words.get(0));
    String verb = words.get(v).toLowerCase(Locale.ROOT);
    List<String> other = new ArrayList<>(words.subList(0, v + 1));
    List<String> selector = new ArrayList<>();
    List<String> patterns = new ArrayList<>();
    List<String> regexes = new ArrayList<>();
    String service = "";
    int count = -1;
    double percent = Double.NaN;
    boolean dry = false;
    boolean all = false;
    List<Selector> exprs = new ArrayList<>();
    for (int i = v + 1; i < words.size(); i++) {
      String w = words.get(i);
      String name = w;
      String value = null;
      int eq = w.indexOf('=');
      if (w.startsWith("-") && eq > 0) {
        name = w.substring(0, eq);
        value = w.substring(eq + 1);
      }
      if (w.startsWith("-") && !isNumber(w)) {
        if (DRY.contains(name)) {
          dry = value == null || !value.equalsIgnoreCase("false");
          other.add(w);
          continue;
        }
        if (FLAGS.contains(name)) {
          // --all is the scope when nothing else names one: the report quotes it as the selector typed
          if (name.equals("--all")) {
            all = true;
            selector.add(w);
          } else {
            other.add(w);
          }
          continue;
        }
        boolean needsValue = SERVICE.contains(name) || HOSTS.contains(name) || REGEX.contains(name)
            || COUNT.contains(name) || PERCENT.contains(name) || EXPRESSION.contains(name) || ATTRIBUTE.containsKey(name);
        List<String> typed = new ArrayList<>(List.of(w));
        if (value == null) {
          if (i + 1 >= words.size() || (words.get(i + 1).startsWith("-") && !isNumber(words.get(i + 1)))) {
            if (needsValue) throw new NotUnderstood("option " + name + " needs a value");
            other.add(w); // an unknown flag
            continue;
          }
          value = words.get(++i);
          typed.add(value);
        }
        if (SERVICE.contains(name)) {
          service = value;
          other.addAll(typed);
        } else if (HOSTS.contains(name) && !SelectorSyntax.looksLikeAttributes(value)) {
          addTargets(value, patterns, regexes);
          selector.addAll(typed);
        } else if (HOSTS.contains(name) || EXPRESSION.contains(name)) {
          exprs.add(name.equals("-l") || name.startsWith("--label") ? SelectorSyntax.labels(value) : SelectorSyntax.attributes(value));
          selector.addAll(typed);
        } else if (ATTRIBUTE.containsKey(name)) {
          List<Selector> any = new ArrayList<>();
          for (String one : value.split(",")) if (!one.isBlank()) any.add(new Selector.Attr(ATTRIBUTE.get(name), one.trim()));
          if (any.isEmpty()) throw new NotUnderstood("option " + name + " needs a value");
          exprs.add(Selector.or(any));
          selector.addAll(typed);
        } else if (REGEX.contains(name)) {
          regexes.add(value);
          selector.addAll(typed);
        } else if (COUNT.contains(name)) {
          if (value.endsWith("%")) percent = number(value.substring(0, value.length() - 1), name);
          else count = (int) number(value, name);
          selector.addAll(typed);
        } else if (PERCENT.contains(name)) {
          percent = number(value.endsWith("%") ? value.substring(0, value.length() - 1) : value, name);
          selector.addAll(typed);
        } else {
          other.addAll(typed);
        }
      } else if (w.endsWith("%") && isNumber(w.substring(0, w.length() - 1))) {
        percent = number(w.substring(0, w.length() - 1), "percentage");
        selector.add(w);
      } else if (SelectorSyntax.looksLikeAttributes(w)) {
        exprs.add(SelectorSyntax.attributes(w));
        selector.add(w);
      } else {
        addTargets(w, patterns, regexes);
        selector.add(w);
      }
    }
    if (count < -1 || (!Double.isNaN(percent) && (percent < 0 || percent > 100))) {
      throw new NotUnderstood("count or percentage out of range");
    }
    boolean removes = REMOVING.contains(verb);
    if (all && service.isEmpty() && patterns.isEmpty() && regexes.isEmpty() && exprs.isEmpty()) exprs.add(new Selector.All());
    boolean hasTargets = !patterns.isEmpty() || !regexes.isEmpty() || !service.isEmpty() || !exprs.isEmpty();
    if (removes && !hasTargets) throw new NotUnderstood(verb + " names no targets (no hosts, selector or --service)");
    if (removes && patterns.isEmpty() && regexes.isEmpty() && exprs.isEmpty() && count < 0 && Double.isNaN(percent) && !all
        && !verb.equals("decommission") && !verb.equals("shutdown") && !verb.equals("stop")
        && !verb.equals("retire") && !verb.equals("decom")) {
      throw new NotUnderstood(verb + " --service " + service + " without hosts, --count, a percentage or --all: scope unclear");
    }
    Target target = new Target(patterns, regexes, List.of(), service, count, percent, -1,
        exprs.isEmpty() ? null : Selector.and(exprs));
    return new ParsedCommand(this, tool, verb, removes, dry, service, other, selector, target);
  }

  /** A comma list of selectors; regexes as /R/ or re:R. Commas inside [...] belong to the selector. */
  static void addTargets(String value, List<String> patterns, List<String> regexes) throws NotUnderstood {
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= value.length(); i++) {
      char c = i < value.length() ? value.charAt(i) : ',';
      if (c == '[' || c == '{') depth++;
      else if (c == ']' || c == '}') depth--;
      else if (c == ',' && depth <= 0) {
        String part = value.substring(start, i).trim();
        start = i + 1;
        if (part.isEmpty()) continue;
        if (part.length() > 2 && part.startsWith("/") && part.endsWith("/")) regexes.add(part.substring(1, part.length() - 1));
        else if (part.startsWith("re:") || part.startsWith("~")) regexes.add(part.substring(part.startsWith("~") ? 1 : 3));
        else {
          // Too long to match is the resolver's call ("selector not resolved"), not a syntax error.
          if (part.length() <= SelectorBudget.MAX_SELECTOR_CHARS) {
            try {
              HostPattern.compile(part);
            } catch (IllegalArgumentException e) {
              throw new NotUnderstood(e.getMessage());
            }
          }
          patterns.add(part);
        }
      }
    }
  }

  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?");

  static boolean isNumber(String s) {
    return NUMBER.matcher(s).matches(); // compiled once: this runs for every word of every command
  }

  static double number(String s, String what) throws NotUnderstood {
    if (!isNumber(s)) throw new NotUnderstood(what + ": '" + s + "' is not a number");
    return Double.parseDouble(s);
  }
}
