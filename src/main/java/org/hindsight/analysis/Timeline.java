package org.hindsight.analysis;

import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Event;
import org.hindsight.facts.Evidence;
import org.hindsight.facts.OpsCommand;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.TimedFact;

/**
 * The merged timeline of key moments: every record a hypothesis or finding cites, plus events that
 * announce trouble or recovery (known types, error/critical severity), in time order. Nothing is
 * cut here: reports collapse alike rows and say how many they hold. The moments are handed over one
 * by one, never held: a fleet-scale bundle has millions of them (1.2M on a reduced 30M-row bundle),
 * each made from the column-wise logs as it is read.
 */
public final class Timeline {
  private static final Set<String> KEY_TYPES = Set.of("site.power_loss", "site.fire", "site.restored",
      "service.down", "service.degraded", "service.up", "adjacency.down", "process.restart", "rule.deploy",
      "rule.disable", "traffic.shift", "incident.declared");

  /** Receives each moment; {@code cited} when a hypothesis or finding relies on it. */
  @FunctionalInterface
  public interface Visitor {
    void moment(TimedFact fact, boolean cited);
  }

  private Timeline() {}

  /** Hands every key or cited timed fact to {@code visitor}, in the world's time order (not by record). */
  public static void forEach(Analysis analysis, Visitor visitor) {
    Set<SourceRef> cited = new HashSet<>();
    for (Assessment a : analysis.assessments()) {
      if (!a.validation().verdict().live()) continue;
      cited.add(a.hypothesis().cause());
      cited.add(a.hypothesis().trigger());
      a.hypothesis().evidence().forEach(e -> cited.add(e.ref()));
    }
    analysis.findings().forEach(f -> f.finding().evidence().forEach((Evidence e) -> cited.add(e.ref())));
    forEach(analysis.world(), cited, visitor);
  }

  /** Hands every key timed fact, and every one at a record of {@code cited}, to {@code visitor}, in time order. */
  public static void forEach(org.hindsight.world.World world, Set<SourceRef> cited, Visitor visitor) {
    walk(world.bundle(), cited, true, visitor);
  }

  /** Hands the timed facts at the records {@code refs} name to {@code visitor}, in the world's time order. */
  public static void forEachAt(org.hindsight.world.World world, Set<SourceRef> refs, java.util.function.Consumer<TimedFact> visitor) {
    walk(world.bundle(), refs, false, (f, cited) -> visitor.accept(f));
  }

  /**
   * The timeline's rows asked column-wise (citation, and for events type, severity and entity) and a fact
   * made only of those handed on: a bundle's timeline holds every event, and a report wants a few.
   */
  private static void walk(org.hindsight.ingest.Bundle bundle, Set<SourceRef> refs, boolean keyEvents, Visitor visitor) {
    Map<String, BitSet> linesByFile = new HashMap<>();
    for (SourceRef r : refs) if (r != null) linesByFile.computeIfAbsent(r.file(), k -> new BitSet()).set(r.line());
    org.hindsight.ingest.EventLog events = bundle.eventLog();
    org.hindsight.ingest.ConfigLog config = bundle.configLog();
    List<OpsCommand> ops = bundle.opsCommands();
    int eventRows = events.size();
    int commandRows = eventRows + config.size();
    int[] order = bundle.timelineOrder();
    List<TimedFact> facts = bundle.timeline();
    for (int k = 0; k < order.length; k++) {
      int i = order[k];
      boolean isCited;
      boolean key = false;
      if (i < eventRows) {
        isCited = at(linesByFile, events.file(i), events.line(i));
        key = !isCited && keyEvents && isKey(events.type(i), events.severity(i), events.entity(i));
      } else if (i < commandRows) {
        isCited = at(linesByFile, config.file(i - eventRows), config.line(i - eventRows));
      } else {
        SourceRef origin = ops.get(i - commandRows).origin();
        isCited = origin != null && at(linesByFile, origin.file(), origin.line());
      }
      if (isCited || key) visitor.moment(facts.get(k), isCited);
    }
  }

  private static boolean at(Map<String, BitSet> linesByFile, String file, int line) {
    BitSet lines = linesByFile.get(file);
    return lines != null && line >= 0 && lines.get(line);
  }

  /** Recoveries belong on the timeline: the incident's end is as much a key moment as its start. */
  /** Whether an event of this type, severity and entity is a moment of the timeline even when nothing cites it. */
  public static boolean isKey(String type, String severity, String entity) {
    return KEY_TYPES.contains(type) || isRecoveryType(type) || severity.equals("critical") || (severity.equals("error") && !entity.isEmpty());
  }

  private static boolean isRecoveryType(String type) {
    return type.endsWith(".up") || type.endsWith(".restored") || type.endsWith(".recovered") || type.endsWith(".resolved");
  }

  public static String describe(TimedFact f) {
    if (f instanceof Event e) {
      String what = e.type() + (e.entity().isEmpty() ? "" : " " + e.entity());
      return e.message().isBlank() ? what : what + ": " + e.message();
    }
    if (f instanceof ConfigCommand c) {
      return c.device() + " (" + c.user() + ", session " + c.session() + ") typed `" + c.command() + "`"
          + (c.rejected() ? " → " + c.result() : "");
    }
    if (f instanceof OpsCommand o) {
      return o.operator() + " ran `" + o.command() + "`" + (o.ticket().isEmpty() ? "" : " (" + o.ticket() + ")");
    }
    return f.toString();
  }
}
