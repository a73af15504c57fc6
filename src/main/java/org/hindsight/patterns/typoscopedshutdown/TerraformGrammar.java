package org.hindsight.patterns.typoscopedshutdown;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Terraform and OpenTofu: {@code terraform destroy -target=ADDR ...} and {@code terraform apply
 * -destroy|-replace=ADDR} remove what they name. A resource address ({@code aws_instance.web[0]},
 * {@code module.web}, {@code aws_instance.app["web-03"]}) is resolved as the inventory names it: an
 * entity named by the whole address; else a {@code for_each} key that is a host; else, for a whole
 * resource or module (no index), its name as an inventory value (role, service, tags …). An index the
 * inventory does not name resolves to nothing, and what went shows in the hosts that left service
 * after it. A destroy without {@code -target} takes the whole state, and an apply's effect is in its
 * plan: neither is in the logs (not understood). Reading sub-commands ({@code plan}, {@code show},
 * {@code state list}, {@code output}, {@code validate} …) and state-only edits ({@code state rm},
 * {@code import}, {@code taint}) take nothing out; {@code plan -destroy} is a preview.
 */
@AutoService(org.hindsight.patterns.typoscopedshutdown.CommandGrammar.class)
public final class TerraformGrammar implements CommandGrammar {
  private static final Set<String> LOOKING = Set.of("plan", "show", "output", "validate", "fmt", "init", "graph",
      "providers", "version", "state", "workspace", "console", "get", "login", "logout", "refresh", "import", "taint",
      "untaint", "force-unlock", "test", "metadata", "modules");

  @Override
  public String name() {
    return "terraform";
  }

  @Override
  public Set<String> programs() {
    return Set.of("terraform", "tofu", "terragrunt");
  }

  @Override
  public ParsedCommand parse(List<String> words) throws NotUnderstood {
    String tool = CommandGrammar.program(words.get(0));
    List<String> other = new ArrayList<>(List.of(words.get(0)));
    List<String> selector = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    List<String> positional = new ArrayList<>();
    String verb = null;
    boolean destroyFlag = false;
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      // Terraform writes options with one dash and `=`; `--target x` and `-target x` are read too
      String opt = w.startsWith("--") ? w.substring(1) : w;
      String name = opt.contains("=") ? opt.substring(0, opt.indexOf('=')) : opt;
      if (name.equals("-target") || name.equals("-replace")) {
        String value = opt.contains("=") ? opt.substring(opt.indexOf('=') + 1) : i + 1 < words.size() ? words.get(++i) : "";
        if (value.isEmpty()) throw new NotUnderstood(name + " needs a resource address");
        (name.equals("-target") ? targets : replaced).add(value);
        // as two words, so a ticket's bare address is tried under the same flag (ParsedCommand.withSelector)
        selector.add(name);
        selector.add(value);
        continue;
      }
      if (name.equals("-destroy")) destroyFlag = true;
      if (w.startsWith("-")) {
        other.add(w);
        continue;
      }
      if (verb == null) {
        verb = w.toLowerCase(Locale.ROOT);
        if (verb.equals("run-all")) verb = null; // terragrunt run-all destroy
      } else {
        positional.add(w);
      }
      other.add(w);
    }
    if (verb == null) throw new NotUnderstood(tool + " without a sub-command");
    boolean destroys = verb.equals("destroy") || (verb.equals("apply") || verb.equals("plan")) && destroyFlag;
    if (verb.equals("plan") || LOOKING.contains(verb)) {
      // a plan (also of a destroy) previews; the rest read or edit only the state file
      boolean plan = verb.equals("plan");
      return new ParsedCommand(this, tool, plan ? verb : "look", plan && destroys, plan, "", other, selector, Target.of(null));
    }
    if (!destroys && replaced.isEmpty()) {
      throw new NotUnderstood(tool + " " + verb + ": what it changes is in its plan, not in the logs");
    }
    List<String> gone = destroys ? targets : replaced;
    if (gone.isEmpty()) throw new NotUnderstood(tool + " " + verb + " without -target destroys its whole state, which is not in the logs");
    List<Selector> parts = new ArrayList<>();
    for (String address : gone) parts.add(address(address));
    return new ParsedCommand(this, tool, destroys ? "destroy" : "replace", true, false, "", other, selector,
        Target.of(Selector.or(parts)));
  }

  /** A resource address as the inventory may name it (see the class comment). */
  static Selector address(String address) throws NotUnderstood {
    String a = address.strip();
    List<Selector> ways = new ArrayList<>(List.of(new Selector.Group(a)));
    int open = a.lastIndexOf('[');
    if (open > 0 && a.endsWith("]")) {
      String key = a.substring(open + 1, a.length() - 1).strip();
      if (key.length() > 1 && key.startsWith("\"") && key.endsWith("\"")) ways.add(new Selector.Group(key.substring(1, key.length() - 1)));
    } else {
      String[] parts = a.split("\\.");
      if (parts.length < 2) throw new NotUnderstood("'" + a + "' is not a resource address (type.name or module.name)");
      String last = parts[parts.length - 1];
      if (!last.equals(a)) ways.add(new Selector.Group(last));
    }
    return Selector.or(ways);
  }
}
