package org.hindsight.patterns.missingexit;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.derive.FactDeriver;
import org.hindsight.facts.CliLines;
import org.hindsight.facts.CommandEffect;
import org.hindsight.facts.ConfigSession;
import org.hindsight.facts.Fact;
import org.hindsight.world.World;

/**
 * Replays every {@code config-commands} session through its device's CLI dialect and states, per
 * line, where it took effect ({@link CommandEffect}), and per session, which change ticket it
 * belongs to ({@link ConfigSession}). Every line is kept column-wise in {@link CliLines}; the lines
 * that bring routes from another source, the only ones that can leak, are also facts of their own.
 */
@AutoService(org.hindsight.derive.FactDeriver.class)
public final class CommandEffectDeriver implements FactDeriver {
  @Override
  public String name() {
    return "cli-sessions";
  }

  @Override
  public List<Class<? extends Fact>> factTypes() {
    return List.of(CommandEffect.class, ConfigSession.class, CliLines.class);
  }

  @Override
  public List<Fact> derive(World world) {
    List<Fact> out = new ArrayList<>();
    CliSessions.TicketMatcher tickets = new CliSessions.TicketMatcher(world.changes());
    ReplayedLines lines = new ReplayedLines(world.configSessions().values().stream().mapToInt(List::size).sum());
    CliSessions.replay(world, device -> true, r -> {
      org.hindsight.derive.Derivation.at(r.commands().get(0).origin());
      int rejected = 0;
      int from = lines.size();
      for (SessionModel.Step s : r.steps()) {
        if (s.statement() && !s.accepted()) rejected++;
      }
      CliSessions.TicketMatch m = tickets.match(r);
      ConfigSession session = new ConfigSession(r.device(), r.session(), r.user(), r.platform(), r.dialect().name(),
          r.dialectAssumed(), r.start(), r.end(), r.commands().size(), rejected, m.ticket(), m.how(), world.displayZone(),
          r.commands().get(0).origin());
      lines.add(r, session);
      for (int i = from; i < lines.size(); i++) if (lines.injects(i)) out.add(lines.effect(i));
      out.add(session);
    });
    out.add(lines);
    return out;
  }
}
