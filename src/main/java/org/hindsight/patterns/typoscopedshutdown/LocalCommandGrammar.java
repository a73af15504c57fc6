package org.hindsight.patterns.typoscopedshutdown;

import com.google.auto.service.AutoService;
import java.util.List;

/**
 * Destructive commands typed on a host itself — {@code systemctl stop}, {@code service x stop},
 * {@code shutdown}, {@code reboot}, {@code rm -rf /var/lib/…}, {@code dropdb}, {@code docker stop},
 * {@code kill} … ({@link HostAction}). Their scope is the host the row says they ran on (its
 * {@code host} column, see {@link Selector.Here}); the unit or database they name is the service.
 * Commands that only look ({@code uptime}, {@code systemctl status}) are understood as removing nothing.
 */
@AutoService(org.hindsight.patterns.typoscopedshutdown.CommandGrammar.class)
public final class LocalCommandGrammar implements CommandGrammar {
  @Override
  public String name() {
    return "local-command";
  }

  @Override
  public int priority() {
    return 900; // before the generic fleet tool, which would read `systemctl stop x` as tool + verb
  }

  @Override
  public boolean recognises(List<String> words) {
    return HostAction.of(words) != null;
  }

  @Override
  public ParsedCommand parse(List<String> words) throws NotUnderstood {
    HostAction a = HostAction.of(words);
    if (a == null) throw new NotUnderstood("not a known host command");
    Target t = a.removes() ? Target.of(new Selector.Here()) : new Target(List.of(), List.of(), List.of(), "", -1, Double.NaN, -1);
    String tool = CommandGrammar.program(words.get(0));
    return new ParsedCommand(this, tool, a.removes() ? a.verb() : "look", a.removes(), false, a.service(), words, List.of(), t);
  }
}
