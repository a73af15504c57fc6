package org.hindsight.patterns.missingexit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.hindsight.facts.ChangeTicket;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.InventoryItem;
import org.hindsight.world.World;

/**
 * The {@code config-commands} sessions of a world (or of some of its devices), replayed through
 * each device's dialect. Replaying is cheap (lines, not routes), so the derivers and the simulator
 * each replay what they need rather than share a cache.
 */
public final class CliSessions {
  /** One replayed session. */
  public record Replayed(String device, String session, String user, String platform, Dialect dialect,
      boolean dialectAssumed, List<ConfigCommand> commands, List<SessionModel.Step> steps, PolicyBook policies) {
    public Instant start() {
      return commands.get(0).time();
    }

    public Instant end() {
      return commands.get(commands.size() - 1).time();
    }
  }

  private final List<Replayed> sessions = new ArrayList<>();

  /** Every session of the world. */
  public CliSessions(World world) {
    this(world, device -> true);
  }

  /** The sessions of the devices {@code replayed} accepts (policies are learnt from all of a device's sessions). */
  public CliSessions(World world, java.util.function.Predicate<String> replayed) {
    replay(world, replayed, sessions::add);
  }

  /**
   * Replays the sessions of the devices {@code replayed} accepts, device by device, handing each to
   * {@code each} and keeping none: a fleet's million lines replayed and held at once (each line's
   * command, steps and contexts as objects) filled a gigabyte before the rules ran.
   */
  public static void replay(World world, java.util.function.Predicate<String> replayed, java.util.function.Consumer<Replayed> each) {
    Map<String, List<List<ConfigCommand>>> byDevice = new LinkedHashMap<>();
    for (List<ConfigCommand> s : world.configSessions().values()) {
      String device = s.get(0).device();
      if (replayed.test(device)) byDevice.computeIfAbsent(device, k -> new ArrayList<>()).add(s);
    }
    for (var e : byDevice.entrySet()) {
      String platform = world.item(e.getKey()).map(InventoryItem::platform).orElse("");
      Dialects.Choice choice = Dialects.forPlatform(platform);
      // Policies may be defined in another session of the device: learn from all first.
      PolicyBook book = new PolicyBook();
      // each session's lines read once (prompts stripped) for both replays; one device's sessions at a time
      List<List<SessionModel.Line>> linesOf = new ArrayList<>(e.getValue().size());
      for (List<ConfigCommand> cmds : e.getValue()) linesOf.add(lines(cmds));
      for (List<SessionModel.Line> lines : linesOf) {
        SessionModel.learn(choice.dialect(), SessionModel.replay(choice.dialect(), lines, new PolicyBook()), book);
      }
      for (int k = 0; k < linesOf.size(); k++) {
        List<ConfigCommand> cmds = e.getValue().get(k);
        ConfigCommand first = cmds.get(0);
        List<SessionModel.Step> steps = SessionModel.replay(choice.dialect(), linesOf.get(k), book);
        each.accept(new Replayed(first.device(), first.session(), first.user(), platform, choice.dialect(),
            choice.assumed(), cmds, steps, book));
      }
    }
  }

  private static List<SessionModel.Line> lines(List<ConfigCommand> cmds) {
    return cmds.stream().map(SessionModel.Line::of).toList();
  }

  public List<Replayed> sessions() {
    return Collections.unmodifiableList(sessions);
  }

  /** The replayed session containing the command at {@code file:line}, or null. */
  public Replayed containing(org.hindsight.facts.SourceRef ref) {
    for (Replayed r : sessions) {
      for (ConfigCommand c : r.commands()) if (c.origin().equals(ref)) return r;
    }
    return null;
  }

  /** The ticket a session belongs to and how it was matched (see {@link org.hindsight.facts.ConfigSession}). */
  public record TicketMatch(String ticket, String how) {
    static final TicketMatch NONE = new TicketMatch("", "");
  }

  /**
   * The ticket of each session among one list of tickets: a ticket column of its lines, else the ticket
   * whose scope names the device, else one whose summary does (the nearest in time of several). Which
   * tickets name a device is found once per device, not compiled and searched again for each of its
   * sessions; only the nearest of them depends on the session.
   */
  public static final class TicketMatcher {
    private final List<ChangeTicket> tickets;
    private final Map<String, List<List<ChangeTicket>>> namingDevice = new HashMap<>(); // device → [by scope, by summary]

    public TicketMatcher(List<ChangeTicket> tickets) {
      this.tickets = tickets;
    }

    public TicketMatch match(Replayed s) {
      for (ConfigCommand c : s.commands()) {
        for (String col : List.of("ticket", "change", "change_id")) {
          String v = c.attr(col).trim();
          if (!v.isEmpty()) return new TicketMatch(v, "column");
        }
      }
      List<List<ChangeTicket>> naming = namingDevice.computeIfAbsent(s.device(), d -> {
        Pattern device = Pattern.compile("(?<![\\w.-])" + Pattern.quote(d.toLowerCase(Locale.ROOT)) + "(?![\\w-])");
        return List.of(tickets.stream().filter(t -> device.matcher(t.scope().toLowerCase(Locale.ROOT)).find()).toList(),
            tickets.stream().filter(t -> device.matcher(t.summary().toLowerCase(Locale.ROOT)).find()).toList());
      });
      List<ChangeTicket> byScope = naming.get(0);
      if (!byScope.isEmpty()) return new TicketMatch(closest(byScope, s.start()).ticket(), "scope");
      List<ChangeTicket> bySummary = naming.get(1);
      if (!bySummary.isEmpty()) return new TicketMatch(closest(bySummary, s.start()).ticket(), "summary");
      return TicketMatch.NONE;
    }
  }

  /** Of several tickets naming the device, the one whose window (or nothing) is nearest the session. */
  private static ChangeTicket closest(List<ChangeTicket> tickets, Instant t) {
    Map<ChangeTicket, Long> gap = new HashMap<>();
    for (ChangeTicket c : tickets) {
      long g = !c.hasWindow() ? Long.MAX_VALUE / 2
          : c.inWindow(t) ? 0 : Math.min(Math.abs(c.windowStart().toEpochMilli() - t.toEpochMilli()),
              Math.abs(c.windowEnd().toEpochMilli() - t.toEpochMilli()));
      gap.put(c, g);
    }
    return tickets.stream().min((a, b) -> Long.compare(gap.get(a), gap.get(b))).orElseThrow();
  }
}
