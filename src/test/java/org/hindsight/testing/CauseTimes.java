package org.hindsight.testing;

import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.Evidence;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.SiteEvents;
import org.hindsight.patterns.changecorrelation.ChangeDeriver;
import org.hindsight.world.World;

/**
 * Moves a hypothesis's cause in a copy of its bundle so that it acts at another time: every record
 * that times it, by the columns its kind is timed by (log-formats.md). One place for the perturbation
 * tests, so that a cause is never "moved" while another column still says when it acted.
 *
 * <ul>
 *   <li>a CLI line: its whole session (same device and session), by {@code timestamp};
 *   <li>an ops command, an event: the row's {@code timestamp};
 *   <li>a {@code changes} row: every column that says when it was carried out ({@code deployed_at},
 *       {@code executed_at} …, {@link ChangeDeriver#TIME_COLUMNS}), not its approved window (intent);
 *   <li>a site's loss (a hypothesis naming a site with a trigger): every loss and restoration event of
 *       the failure domain, and its event at the moment the loss took effect, by as much;
 *   <li>an untimed row acting through a rule's deploys (a hypothesis with a {@code rule} detail, e.g. a
 *       key generator): every {@code rule.deploy} of that rule;
 *   <li>a roll-out: every step's row, not only the first's ({@link #shiftSteps});
 *   <li>a metric sample (fault localisation's root: its first anomalous sample): every series of the
 *       entity keeps its baseline until the target, so that its anomaly begins there ({@link #holdBaselineUntil}).
 * </ul>
 */
public final class CauseTimes {
  private CauseTimes() {}

  /** Moves the records that time {@code truth}'s cause so that it acts at {@code target}. */
  public static void move(Assessment truth, Path dir, Instant target) throws Exception {
    Hypothesis h = truth.hypothesis();
    Instant causeAt = truth.validation().scorecard().causeAt();
    Duration by = Duration.between(causeAt, target);
    String file = Path.of(h.cause().file()).getFileName().toString();
    CsvTable cause = CsvTable.read(dir.resolve(file));
    if (h.site() != null && !h.site().isEmpty() && h.trigger() != null && Files.exists(dir.resolve("events.csv"))) {
      World world = TestAnalysis.world(dir);
      CsvTable t = CsvTable.read(dir.resolve("events.csv"));
      // all by as much, so that the loss (the cause's time, which may follow its trigger) comes at the target
      // and the record of the domain that timed the loss (a cooling failure's items stop at their first thermal shutdown)
      for (String[] r : t.where(r -> (SiteEvents.saysLoss(t.get(r, "type")) || SiteEvents.saysRestored(t.get(r, "type")) || t.time(r).equals(causeAt))
          && world.siteOf(t.get(r, "entity")).equals(h.site()))) {
        t.shift(r, by);
      }
      t.write();
    } else if (!h.detail("rule").isEmpty() && !cause.hasColumn("timestamp")) {
      Path events = dir.resolve("events.csv");
      // no events file: the rule is live by its requests, so the logs are made to say it was deployed at the target
      if (!Files.exists(events)) Files.writeString(events, "timestamp,source,type,entity,message,severity\n");
      CsvTable t = CsvTable.read(events);
      List<String[]> deploys = t.where(r -> t.get(r, "entity").equals(h.detail("rule")) && t.get(r, "type").equals("rule.deploy"));
      for (String[] r : deploys) t.shift(r, by);
      if (deploys.isEmpty()) t.append("timestamp=" + target, "source=deploy", "type=rule.deploy", "entity=" + h.detail("rule"));
      t.write();
    } else if (cause.hasColumn("metric")) {
      holdBaselineUntil(dir, file, h.cause().line(), target);
    } else if (cause.hasColumn("device") && cause.hasColumn("session")) {
      cause.shiftWithPeers(h.cause().line(), by, "device", "session");
    } else if (cause.hasColumn("ticket") && cause.hasColumn("summary")) {
      String[] row = cause.atLine(h.cause().line());
      for (String c : ChangeDeriver.TIME_COLUMNS) {
        if (cause.hasColumn(c) && !cause.get(row, c).isBlank()) cause.set(row, c, plus(cause.get(row, c), by));
      }
      cause.write();
    } else {
      cause.shift(cause.atLine(h.cause().line()), by);
      shiftSteps(h, cause, file, by);
      cause.write();
    }
  }

  /**
   * A roll-out acts at every step, not only its first (the cause): the rows of its other steps in
   * {@code table} (named {@code file}), cited as its "step" evidence, by as much. Nothing for a single change.
   */
  public static void shiftSteps(Hypothesis h, CsvTable table, String file, Duration by) {
    if (h.detail("steps").isEmpty()) return;
    for (Evidence e : h.evidence()) {
      if (e.ref() != null && e.note().startsWith("step ") && Path.of(e.ref().file()).getFileName().toString().equals(file)
          && e.ref().line() != h.cause().line()) {
        table.shift(table.atLine(e.ref().line()), by);
      }
    }
  }

  /** Every series of the cause's entity keeps its first value from the cause's sample until {@code until}. */
  public static void holdBaselineUntil(Path dir, String file, int causeLine, Instant until) throws Exception {
    CsvTable t = CsvTable.read(dir.resolve(file));
    String[] cause = t.atLine(causeLine);
    String entity = t.get(cause, "entity");
    Instant from = t.time(cause);
    Map<String, String> first = new HashMap<>();
    for (String[] r : t.where(r -> t.get(r, "entity").equals(entity))) {
      String metric = t.get(r, "metric");
      first.putIfAbsent(metric, t.get(r, "value"));
      Instant at = t.time(r);
      if (!at.isBefore(from) && at.isBefore(until)) t.set(r, "value", first.get(metric));
    }
    t.write();
  }

  private static String plus(String time, Duration by) {
    return OffsetDateTime.parse(time).plus(by).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
