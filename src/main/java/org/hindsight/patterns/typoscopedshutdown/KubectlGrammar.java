package org.hindsight.patterns.typoscopedshutdown;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code kubectl} (and {@code oc}): {@code scale <kind>/<name> --replicas=N} removes the pods above
 * N (the deployment's current pods are its inventory hosts: {@code service} = deployment name, else
 * pods named {@code <name>-*}); {@code delete pod/a pod/b}, {@code delete pods -l app=X},
 * {@code delete deployment X}; {@code drain NODE} (the node and every entity whose parent it is).
 * Read-only verbs are understood as removing nothing; verbs whose effect on capacity is not modelled
 * (apply, patch, rollout …) are reported as not understood.
 */
@AutoService(org.hindsight.patterns.typoscopedshutdown.CommandGrammar.class)
public final class KubectlGrammar implements CommandGrammar {
  private static final Set<String> PROGRAMS = Set.of("kubectl", "oc", "kubectl.exe");
  private static final Set<String> READ_ONLY = Set.of("get", "describe", "logs", "top", "explain", "version",
      "cluster-info", "api-resources", "api-versions", "config", "auth", "events", "wait", "cordon", "uncordon", "diff");
  private static final Set<String> GLOBAL_WITH_VALUE = Set.of("-n", "--namespace", "--context", "--kubeconfig",
      "--cluster", "--as", "--user", "-s", "--server", "--request-timeout");
  private static final Set<String> SCALABLE = Set.of("deployment", "deployments", "deploy", "statefulset",
      "statefulsets", "sts", "replicaset", "replicasets", "rs", "replicationcontroller", "rc");
  private static final Set<String> PODS = Set.of("pod", "pods", "po");
  private static final Set<String> NODES = Set.of("node", "nodes", "no");

  @Override
  public String name() {
    return "kubectl";
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public Set<String> programs() {
    return PROGRAMS;
  }

  @Override
  public ParsedCommand parse(List<String> words) throws NotUnderstood {
    String tool = CommandGrammar.program(words.get(0));
    List<String> other = new ArrayList<>(List.of(words.get(0)));
    List<String> args = new ArrayList<>();
    List<String> argFlags = new ArrayList<>();
    String verb = null;
    String namespace = null;
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
      if (GLOBAL_WITH_VALUE.contains(name)) {
        other.add(w);
        String value = w.contains("=") ? w.substring(w.indexOf('=') + 1) : i + 1 < words.size() ? words.get(i + 1) : null;
        if (!w.contains("=") && i + 1 < words.size()) other.add(words.get(++i));
        if ((name.equals("-n") || name.equals("--namespace")) && value != null) namespace = value;
      } else if (verb == null && !w.startsWith("-")) {
        verb = w.toLowerCase(Locale.ROOT);
        other.add(w);
      } else if (w.startsWith("-")) {
        argFlags.add(w);
        // Flags that take a separate value.
        if (!w.contains("=") && Set.of("-l", "--selector", "--replicas", "--grace-period", "--timeout", "-f",
            "--filename", "--pod-selector", "-o", "--output", "--field-selector").contains(w) && i + 1 < words.size()) {
          argFlags.add(words.get(++i));
        }
      } else {
        args.add(w);
      }
    }
    if (verb == null) throw new NotUnderstood("kubectl without a verb");
    boolean dry = false;
    for (String f : argFlags) {
      if (f.equals("--dry-run") || (f.startsWith("--dry-run=") && !f.equals("--dry-run=none"))) dry = true;
    }
    if (READ_ONLY.contains(verb)) {
      return new ParsedCommand(this, tool, verb, false, dry, "", other, join(args, argFlags),
          new Target(List.of(), List.of(), List.of(), "", -1, Double.NaN, -1));
    }
    return switch (verb) {
      case "scale" -> scale(tool, other, args, argFlags, dry);
      case "delete" -> delete(tool, other, args, argFlags, dry, namespace);
      case "drain" -> drain(tool, other, args, argFlags, dry);
      default -> throw new NotUnderstood("kubectl " + verb + ": effect on capacity is not modelled");
    };
  }

  /** Nodes a label selector picks, with the pods on them (their inventory {@code parent}). */
  private static Selector childrenOf(Selector nodes) {
    return new Selector.Under(nodes);
  }

  private static List<String> join(List<String> args, List<String> flags) {
    List<String> out = new ArrayList<>(args);
    out.addAll(flags);
    return out;
  }

  /** kind/name pairs from {@code kind/name ...} or {@code kind name ...}. */
  private static List<String[]> resources(List<String> args) {
    List<String[]> out = new ArrayList<>();
    String kind = null;
    for (String a : args) {
      int slash = a.indexOf('/');
      if (slash > 0) out.add(new String[] {a.substring(0, slash).toLowerCase(Locale.ROOT), a.substring(slash + 1)});
      else if (kind == null) kind = a.toLowerCase(Locale.ROOT);
      else out.add(new String[] {kind, a});
    }
    if (kind != null && out.isEmpty()) out.add(new String[] {kind, ""});
    return out;
  }

  private static String flagValue(List<String> flags, String... names) {
    for (int i = 0; i < flags.size(); i++) {
      for (String n : names) {
        if (flags.get(i).startsWith(n + "=")) return flags.get(i).substring(n.length() + 1);
        if (flags.get(i).equals(n) && i + 1 < flags.size()) return flags.get(i + 1);
      }
    }
    return null;
  }

  private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d+"); // once, not per candidate selector

  private ParsedCommand scale(String tool, List<String> other, List<String> args, List<String> flags, boolean dry)
      throws NotUnderstood {
    String replicas = flagValue(flags, "--replicas");
    if (replicas == null) throw new NotUnderstood("kubectl scale without --replicas");
    if (!DIGITS.matcher(replicas).matches()) throw new NotUnderstood("--replicas: '" + replicas + "' is not a count");
    List<String[]> res = resources(args);
    if (res.size() != 1 || res.get(0)[1].isEmpty() || !SCALABLE.contains(res.get(0)[0])) {
      throw new NotUnderstood("kubectl scale needs one deployment/statefulset/replicaset");
    }
    String service = res.get(0)[1];
    Target t = new Target(List.of(), List.of(), List.of(), service, -1, Double.NaN, Integer.parseInt(replicas));
    return new ParsedCommand(this, tool, "scale", true, dry, service, other, join(args, flags), t);
  }

  private ParsedCommand delete(String tool, List<String> other, List<String> args, List<String> flags, boolean dry,
      String namespace) throws NotUnderstood {
    if (flagValue(flags, "-f", "--filename") != null) throw new NotUnderstood("kubectl delete -f: the manifest's content is not in the logs");
    String label = flagValue(flags, "-l", "--selector");
    List<String[]> res = resources(args);
    if (res.isEmpty()) throw new NotUnderstood("kubectl delete without a resource");
    List<String> patterns = new ArrayList<>();
    List<String> nodes = new ArrayList<>();
    String service = "";
    int keep = -1;
    for (String[] r : res) {
      if (PODS.contains(r[0])) {
        if (!r[1].isEmpty()) patterns.add(r[1]);
      } else if (SCALABLE.contains(r[0]) && !r[1].isEmpty()) {
        service = r[1];
        keep = 0;
      } else if (NODES.contains(r[0]) && !r[1].isEmpty()) {
        nodes.add(r[1]);
      } else {
        throw new NotUnderstood("kubectl delete " + r[0] + ": effect on capacity is not modelled");
      }
    }
    Selector expr = null;
    if (label != null) {
      // Labels are inventory columns (an `app` label without an `app` column is the service).
      expr = SelectorSyntax.labels(label);
      if (expr instanceof Selector.Attr a && !a.value().contains("*")) service = a.value();
      if (res.stream().anyMatch(r -> NODES.contains(r[0]))) expr = childrenOf(expr);
    } else if (flags.contains("--all") || flags.contains("-A") || flags.contains("--all-namespaces")) {
      expr = new Selector.All();
    }
    // `-n payments` narrows a label or --all to the namespace, where the inventory records one
    boolean everyNamespace = flags.contains("-A") || flags.contains("--all-namespaces");
    if (expr != null && namespace != null && !everyNamespace) expr = Selector.and(List.of(expr, new Selector.Within("namespace", namespace)));
    if (patterns.isEmpty() && nodes.isEmpty() && service.isEmpty() && expr == null) {
      throw new NotUnderstood("kubectl delete names no pods (give names, -l or --all)");
    }
    Target t = new Target(patterns, List.of(), nodes, service, -1, Double.NaN, keep, expr);
    return new ParsedCommand(this, tool, "delete", true, dry, service, other, join(args, flags), t);
  }

  private ParsedCommand drain(String tool, List<String> other, List<String> args, List<String> flags, boolean dry)
      throws NotUnderstood {
    List<String> nodes = new ArrayList<>();
    for (String a : args) nodes.add(a.startsWith("node/") ? a.substring(5) : a);
    String label = flagValue(flags, "-l", "--selector");
    Selector expr = label == null ? null : childrenOf(SelectorSyntax.labels(label));
    if (nodes.isEmpty() && expr == null) throw new NotUnderstood("kubectl drain without a node");
    Target t = new Target(List.of(), List.of(), nodes, "", -1, Double.NaN, -1, expr);
    return new ParsedCommand(this, tool, "drain", true, dry, "", other, join(args, flags), t);
  }
}
