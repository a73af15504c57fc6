package org.hindsight.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hindsight.facts.OpsCommand;
import org.hindsight.facts.SourceRef;
import org.hindsight.util.IndexOrder;

/**
 * The clock of a source of changes (a command-accounting server, a bastion's audit log), read against a source of
 * observations that logged the same commands: a device's own syslog of a command line ({@code CFGLOG}) beside the
 * accounting server's row of it (an event quoting the line, or the line imported from a syslog that holds events too),
 * an event whose message quotes an ops command. Real collectors drift by minutes;
 * read as logged, a change made a minute before its symptoms by the devices' clock lands after them on the
 * accounting server's, and is refuted. When the records both sources logged agree on one offset, the change
 * source's times are read at the observations' clock (every row of that source moved by the offset) and the report
 * says so with the records it was estimated from ({@link InputStats.ClockOffset}).
 *
 * <p>Bounded on purpose: only an offset that at least {@link #MIN_PAIRS} records agree on within
 * {@link #AGREEMENT_MILLIS} (two thirds of those matched), at least {@link #MIN_OFFSET_MILLIS} and under
 * {@link #MAX_OFFSET_MILLIS} (more is a zone, which {@code LocalClockFit} reads, or no clock at all). The observations
 * are the reference: symptoms are judged on their clock. A change logged after its symptoms on both sources is as late
 * on both: no offset, still late. With no record logged by both, nothing is estimated and times stay as logged.
 */
final class SourceClocks {
  /** Records the two sources must both have logged, agreeing, before an offset is believed. */
  static final int MIN_PAIRS = 2;
  /** How closely records logged by both must agree with the estimate (logging and forwarding delays). */
  static final long AGREEMENT_MILLIS = 10_000;
  /** Offsets below this are the sources' logging delays, not a clock to correct. */
  static final long MIN_OFFSET_MILLIS = 10_000;
  /** Offsets of this or more are not drift (a zone, a wrong day): left to the zone fit and the reader. */
  static final long MAX_OFFSET_MILLIS = 15 * 60_000;
  /** Shortest command text matched: {@code exit}, {@code end} and their like are typed everywhere. */
  private static final int MIN_CONFIG_TEXT = 6;
  /** An ops command quoted in an event's message: longer, as a message holds many words. */
  private static final int MIN_OPS_TEXT = 10;
  /** Candidate comparisons in all: a fleet's million lines are sampled, never all compared (the estimate needs few). */
  private static final long CHECK_BUDGET = 250_000;
  /** Pairs kept per two sources: enough for a median. */
  private static final int PAIRS_KEPT = 1_000;
  /** Records cited in the report per estimate. */
  private static final int EVIDENCE_CITED = 3;

  private SourceClocks() {}

  /** One record logged by two sources: the change source's time minus the witness's. */
  private record Pair(long deltaMillis, SourceRef record, SourceRef witness) {}

  /** The pairs found, per change source, per witness source. */
  private static final class Found {
    final Map<String, Map<String, List<Pair>>> pairs = new LinkedHashMap<>();
    long checks;

    void add(String changeFile, String witnessFile, Pair p) {
      List<Pair> l = pairs.computeIfAbsent(changeFile, k -> new TreeMap<>()).computeIfAbsent(witnessFile, k -> new ArrayList<>());
      if (l.size() < PAIRS_KEPT) l.add(p);
    }

    boolean spent() {
      return checks > CHECK_BUDGET;
    }
  }

  /**
   * Estimates the change sources' offsets against the observations, moves their rows to the observations' clock and
   * records what was estimated in the stats.
   */
  static void align(Bundle.Builder b) {
    if (b.configCommands.size() == 0 && b.opsCommands.isEmpty() || b.events.size() == 0) return;
    Found found = new Found();
    EventLog events = b.events;
    int[] byTime = IndexOrder.sorted(events.size(), events::compareTime);
    configAgainstEvents(b.configCommands, events, byTime, found);
    configAgainstSyslog(b.configCommands, events, found);
    opsAgainstEvents(b.opsCommands, events, byTime, found);
    Map<String, InputStats.ClockOffset> offsets = new TreeMap<>();
    for (Map.Entry<String, Map<String, List<Pair>>> e : found.pairs.entrySet()) {
      InputStats.ClockOffset best = null;
      for (Map.Entry<String, List<Pair>> w : e.getValue().entrySet()) {
        InputStats.ClockOffset o = estimate(e.getKey(), w.getKey(), w.getValue());
        if (o != null && (best == null || o.agreeing() > best.agreeing())) best = o;
      }
      if (best != null && Math.abs(best.offsetMillis()) >= MIN_OFFSET_MILLIS) offsets.put(e.getKey(), best);
    }
    if (offsets.isEmpty()) return;
    for (int i = 0; i < b.configCommands.size(); i++) {
      InputStats.ClockOffset o = offsets.get(b.configCommands.file(i));
      if (o != null) b.configCommands.moveMillis(i, -o.offsetMillis());
    }
    for (int i = 0; i < b.opsCommands.size(); i++) {
      OpsCommand c = b.opsCommands.get(i);
      InputStats.ClockOffset o = offsets.get(c.origin().file());
      if (o != null) {
        b.opsCommands.set(i, new OpsCommand(c.time().minusMillis(o.offsetMillis()), c.operator(), c.command(), c.ticket(), c.result(),
            c.attributes(), c.origin()));
      }
    }
    offsets.values().forEach(b.stats::clockOffset);
  }

  /** The offset the pairs agree on, or null when too few agree (see the class comment). */
  private static InputStats.ClockOffset estimate(String file, String against, List<Pair> pairs) {
    if (pairs.size() < MIN_PAIRS) return null;
    long[] deltas = pairs.stream().mapToLong(Pair::deltaMillis).sorted().toArray();
    long median = deltas[(deltas.length - 1) / 2];
    List<Pair> agreeing = pairs.stream().filter(p -> Math.abs(p.deltaMillis - median) <= AGREEMENT_MILLIS).toList();
    if (agreeing.size() < MIN_PAIRS || 3 * agreeing.size() < 2 * pairs.size() || Math.abs(median) >= MAX_OFFSET_MILLIS) return null;
    List<Pair> cited = agreeing.stream().sorted(Comparator.comparing(Pair::record)).limit(EVIDENCE_CITED).toList();
    return new InputStats.ClockOffset(file, against, median, agreeing.size(), pairs.size(),
        cited.stream().map(Pair::record).toList(), cited.stream().map(Pair::witness).toList());
  }

  /** A CLI line and an event of its device whose message quotes it (the device's own log of the line), one each way. */
  private static void configAgainstEvents(ConfigLog config, EventLog events, int[] byTime, Found found) {
    if (config.size() == 0) return;
    // the events of each device that typed lines, in time order
    java.util.Set<String> devices = new java.util.HashSet<>();
    for (int i = 0; i < config.size(); i++) devices.add(config.decode(config.deviceCode(i)));
    Map<String, List<Integer>> rows = new HashMap<>();
    for (int i : byTime) {
      String entity = events.entity(i);
      if (devices.contains(entity)) rows.computeIfAbsent(entity, k -> new ArrayList<>()).add(i);
    }
    if (rows.isEmpty()) return;
    Map<String, int[]> ofDevice = new HashMap<>();
    rows.forEach((k, v) -> ofDevice.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    for (int i = 0; i < config.size() && !found.spent(); i++) {
      int[] near = ofDevice.get(config.decode(config.deviceCode(i)));
      if (near == null) continue;
      String text = config.text(i).trim();
      if (text.length() < MIN_CONFIG_TEXT) continue;
      int match = unique(config.millis(i), near, events, text, "", found);
      if (match >= 0) {
        found.add(config.file(i), events.file(match), new Pair(config.millis(i) - events.millis(match),
            new SourceRef(config.file(i), config.line(i)), new SourceRef(events.file(match), events.line(match))));
      }
    }
  }

  /**
   * A CLI line and the same line (device and text) from a source whose file also holds events: a device syslog
   * imported as both ({@code CFGLOG} lines become CLI lines, the rest events), so on the observations' clock, one each way.
   * The accounting server's rows are read against it; two sources neither of which holds events are not (which is
   * right cannot be told).
   */
  private static void configAgainstSyslog(ConfigLog config, EventLog events, Found found) {
    if (config.size() == 0) return;
    java.util.Set<String> eventFiles = new java.util.HashSet<>();
    for (int i = 0; i < events.size(); i++) eventFiles.add(events.file(i));
    Map<String, List<Integer>> logged = new HashMap<>();
    boolean other = false;
    for (int i = 0; i < config.size(); i++) {
      if (!eventFiles.contains(config.file(i))) {
        other = true;
      } else if (config.text(i).trim().length() >= MIN_CONFIG_TEXT) {
        logged.computeIfAbsent(lineKey(config, i), k -> new ArrayList<>()).add(i);
      }
    }
    if (!other || logged.isEmpty()) return;
    for (int i = 0; i < config.size() && !found.spent(); i++) {
      if (eventFiles.contains(config.file(i))) continue;
      List<Integer> same = logged.get(lineKey(config, i));
      if (same == null) continue;
      int match = -1;
      int candidates = 0;
      for (int j : same) {
        found.checks++;
        if (Math.abs(config.millis(j) - config.millis(i)) < MAX_OFFSET_MILLIS) {
          candidates++;
          match = j;
        }
      }
      if (candidates == 1) {
        found.add(config.file(i), config.file(match), new Pair(config.millis(i) - config.millis(match),
            new SourceRef(config.file(i), config.line(i)), new SourceRef(config.file(match), config.line(match))));
      }
    }
  }

  private static String lineKey(ConfigLog config, int i) {
    return config.decode(config.deviceCode(i)) + '\n' + config.text(i).trim();
  }

  /** An ops command and an event whose message quotes it (an audit log, a deploy tool's own line), one each way. */
  private static void opsAgainstEvents(List<OpsCommand> ops, EventLog events, int[] byTime, Found found) {
    for (OpsCommand c : ops) {
      if (found.spent()) return;
      String text = c.command().trim();
      if (text.length() < MIN_OPS_TEXT) continue;
      int match = unique(c.millis(), byTime, events, text, c.ranOn(), found);
      if (match >= 0) {
        found.add(c.origin().file(), events.file(match), new Pair(c.millis() - events.millis(match), c.origin(),
            new SourceRef(events.file(match), events.line(match))));
      }
    }
  }

  /**
   * The one event among {@code rows} (in time order) within the largest offset of {@code millis} whose message quotes
   * {@code text} (of those, the one of {@code host} when several quote it: the same command typed on each host of a
   * roll-out); -1 when none or more than one (a command typed again is no evidence of which was which).
   */
  private static int unique(long millis, int[] rows, EventLog events, String text, String host, Found found) {
    int from = lowerBound(rows, events, millis - MAX_OFFSET_MILLIS);
    int match = -1;
    int quoting = 0;
    int onHost = -1;
    int quotingOnHost = 0;
    for (int k = from; k < rows.length && events.millis(rows[k]) < millis + MAX_OFFSET_MILLIS; k++) {
      if (++found.checks > CHECK_BUDGET) return -1;
      if (events.message(rows[k]).contains(text)) {
        quoting++;
        match = rows[k];
        if (!host.isEmpty() && events.entity(rows[k]).equals(host)) {
          quotingOnHost++;
          onHost = rows[k];
        }
      }
    }
    return quoting == 1 ? match : quotingOnHost == 1 ? onHost : -1;
  }

  private static int lowerBound(int[] rows, EventLog events, long millis) {
    int lo = 0;
    int hi = rows.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (events.millis(rows[mid]) <= millis) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
