package org.hindsight.patterns.missingexit;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.derive.FactDeriver;
import org.hindsight.facts.CommandEffect;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.ConfigSession;
import org.hindsight.facts.Fact;
import org.hindsight.world.World;

/**
 * Replays every {@code config-commands} session through its device's CLI dialect and states, per
 * line, where it took effect ({@link CommandEffect}), and per session, which change ticket it
 * belongs to ({@link ConfigSession}).
 */
@AutoService(org.hindsight.derive.FactDeriver.class)
public final class CommandEffectDeriver implements FactDeriver {
  @Override
  public String name() {
    return "cli-sessions";
  }

  @Override
  public List<Class<? extends Fact>> factTypes() {
    return List.of(CommandEffect.class, ConfigSession.class);
  }

  @Override
  public List<Fact> derive(World world) {
    List<Fact> out = new ArrayList<>();
    var tickets = world.changes();
    for (CliSessions.Replayed r : new CliSessions(world).sessions()) {
      int rejected = 0;
      for (SessionModel.Step s : r.steps()) {
        if (!s.statement()) continue;
        if (!s.accepted()) rejected++;
        out.add(effect(r, s));
      }
      CliSessions.TicketMatch m = CliSessions.matchTicket(r, tickets);
      out.add(new ConfigSession(r.device(), r.session(), r.user(), r.platform(), r.dialect().name(), r.dialectAssumed(),
          r.start(), r.end(), r.commands().size(), rejected, m.ticket(), m.how(), world.displayZone(),
          r.commands().get(0).origin()));
    }
    return out;
  }

  static CommandEffect effect(CliSessions.Replayed r, SessionModel.Step s) {
    ConfigCommand c = s.line().source();
    LineMeaning m = s.meaning();
    String topic = m.topic().isEmpty() ? s.topicHint() : m.topic();
    String proto = s.where().protocol();
    return new CommandEffect(s.effective() ? s.effectiveAt() : c.time(), c.time(), r.device(), r.session(), r.user(),
        s.seq(), Tokens.normalise(s.text()), r.dialect().name(), s.where().label(), s.contextEntry(), proto,
        s.where().vrf(), topic, m.injects(), s.accepted(), s.inferred(), s.effective(), s.opensMode(), m.negated(),
        m.bounded(), m.limit(), s.foreign(), Protocols.igp(proto), r.dialect().explicitPath(s.before(), s.text()),
        c.origin());
  }
}
