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
 * Unknown {@code --option value} pairs are kept and ignored.
 */
@AutoService(org.hindsight.patterns.typoscopedshutdown.CommandGrammar.class)
public final class FleetToolGrammar implements CommandGrammar {
  static final Set<String> REMOVING = Set.of("remove-capacity", "remove", "remove-hosts", "drain", "shutdown", "stop",
      "decommission", "decom", "terminate", "retire", "kill", "evict", "deprovision", "scale-in", "poweroff",
      "power-off", "halt", "destroy", "delete", "take-out", "disable");
  static final Set<String> KEEPING = Set.of("list", "ls", "status", "show", "describe", "get", "info", "add-capacity",
      "add", "undrain", "start", "enable", "provision", "check", "validate", "diff", "plan", "help", "version",
      "restart", "reboot", "audit", "history", "inspect");
  private static final Set<String> SERVICE = Set.of("--service", "--svc", "--subsystem", "-s", "--app");
  private static final Set<String> HOSTS = Set.of("--hosts", "--host", "-H", "--targets", "--target", "--servers",
      "--server", "--nodes", "--node", "--instances", "--instance", "--selector", "--pattern", "--glob", "-t");
  private static final Set<String> REGEX = Set.of("--regex", "--host-regex", "--re", "-E", "--match-regex");
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

  private static int verbIndex(List<String> words) {
    for (int i = 1; i < Math.min(4, words.size()); i++) {
      String w = words.get(i).toLowerCase(Locale.ROOT);
      if (REMOVING.contains(w) || KEEPING.contains(w)) return i;
      if (w.startsWith("-")) return -1;
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
          if (name.equals("--all")) all = true;
          other.add(w);
          continue;
        }
        boolean needsValue = SERVICE.contains(name) || HOSTS.contains(name) || REGEX.contains(name)
            || COUNT.contains(name) || PERCENT.contains(name);
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
        } else if (HOSTS.contains(name)) {
          addTargets(value, patterns, regexes);
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
      } else {
        addTargets(w, patterns, regexes);
        selector.add(w);
      }
    }
    if (count < -1 || (!Double.isNaN(percent) && (percent < 0 || percent > 100))) {
      throw new NotUnderstood("count or percentage out of range");
    }
    boolean removes = REMOVING.contains(verb);
    boolean hasTargets = !patterns.isEmpty() || !regexes.isEmpty() || !service.isEmpty();
    if (removes && !hasTargets) throw new NotUnderstood(verb + " names no targets (no hosts, selector or --service)");
    if (removes && patterns.isEmpty() && regexes.isEmpty() && count < 0 && Double.isNaN(percent) && !all
        && !verb.equals("decommission") && !verb.equals("shutdown") && !verb.equals("stop")
        && !verb.equals("retire") && !verb.equals("decom")) {
      throw new NotUnderstood(verb + " --service " + service + " without hosts, --count, a percentage or --all: scope unclear");
    }
    Target target = new Target(patterns, regexes, List.of(), service, count, percent, -1);
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
          try {
            HostPattern.compile(part);
          } catch (IllegalArgumentException e) {
            throw new NotUnderstood(e.getMessage());
          }
          patterns.add(part);
        }
      }
    }
  }

  static boolean isNumber(String s) {
    return s.matches("-?\\d+(\\.\\d+)?");
  }

  static double number(String s, String what) throws NotUnderstood {
    if (!isNumber(s)) throw new NotUnderstood(what + ": '" + s + "' is not a number");
    return Double.parseDouble(s);
  }
}
