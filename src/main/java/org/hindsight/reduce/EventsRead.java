package org.hindsight.reduce;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.hindsight.analysis.Timeline;
import org.hindsight.engine.RuleEventReads;
import org.hindsight.engine.RuleException;
import org.hindsight.observe.LearnedBaselines;
import org.hindsight.observe.Observations;
import org.hindsight.report.Postmortem;
import org.hindsight.simulate.Simulator;
import org.hindsight.simulate.Simulators;

/**
 * Which events {@code reduce} keeps whole: those of a type a rule reads ({@link RuleEventReads},
 * found from the rules' own constraints), the observation model reads ({@link Observations}: states
 * and symptom kinds), a replay reads ({@link Simulator#readsEventType}, every simulator on the class path) or the report reads (postmortem
 * moments, timeline), and every error log the learned baselines count (any type). The rest are
 * counted per entity, type and hour instead ({@link Reducer}). Each reader owns its predicate; this
 * is the one place that asks them all.
 */
public final class EventsRead implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The read types among those asked about; null: every type. */
  private final Set<String> read;

  private EventsRead(Set<String> read) {
    this.read = read;
  }

  /** Every event is read: nothing is summarised (when the rules cannot be looked at). */
  public static EventsRead everything() {
    return new EventsRead(null);
  }

  /**
   * What the rules below {@code ruleRoots} and the built-in readers read, among {@code types} (the
   * event types of the input). Runs on the driver (the rules' probe needs Drools); executors get a set.
   */
  public static EventsRead of(List<Path> ruleRoots, Collection<String> types) throws RuleException, IOException {
    for (Path p : ruleRoots) if (!Files.exists(p)) return everything();
    // Types read by a Java reader (the rules aside); asked here, on the driver, so executors load none of them.
    List<Predicate<String>> javaReaders = new java.util.ArrayList<>(List.of(Observations::readsEventType, Postmortem::readsEventType,
        t -> Timeline.isKey(t, "", "")));
    for (Simulator s : Simulators.load().all()) javaReaders.add(s::readsEventType);
    Set<String> read = new HashSet<>();
    Set<String> rest = new LinkedHashSet<>();
    for (String t : types) (javaReaders.stream().anyMatch(r -> r.test(t)) ? read : rest).add(t);
    read.addAll(RuleEventReads.of(ruleRoots, rest)); // only what no Java reader reads needs the rules' probe
    return new EventsRead(read);
  }

  /** Whether some rule, replay, the observation model or the report reads this type (one of those asked about). */
  public boolean readsType(String type) {
    return read == null || read.contains(type);
  }

  /** Whether an event is kept whole: its type is read, or it is an error log the learned baselines count or the timeline shows. */
  public boolean keepsWhole(String type, String severity, String entity) {
    return readsType(type) || (!entity.isEmpty() && LearnedBaselines.errorSeverity(severity)) || Timeline.isKey(type, severity, entity);
  }
}
