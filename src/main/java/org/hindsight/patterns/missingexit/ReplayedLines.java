package org.hindsight.patterns.missingexit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hindsight.facts.CliLines;
import org.hindsight.facts.CommandEffect;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.ConfigSession;
import org.hindsight.facts.SourceRef;

/**
 * What the replay said of every configuration line, column-wise: per line its position in its
 * session, when it took effect, a code for where (context, protocol, VRF, topic, injected protocol:
 * a CLI session revisits few places) and its flags, about 21 bytes; the text, times and citation
 * stay in the world's {@code config-commands} columns. A {@link CommandEffect} is made when read
 * (as an object it is 88 bytes plus its strings, two instants and a citation, and a fleet types a
 * million lines a day).
 */
final class ReplayedLines implements CliLines {
  private static final long NEVER = Long.MIN_VALUE;
  private static final int ACCEPTED = 1, INFERRED = 2, OPENS_MODE = 4, NEGATED = 8, BOUNDED = 16, LIMIT = 32,
      FOREIGN = 64, EXPLICIT_PATH = 128;

  /** Where a line took effect and what it is about: few distinct ones per device. */
  private record Where(String context, String protocol, String vrf, String topic, String injects) {}

  // per session, in replay order (device by device)
  private final List<List<ConfigCommand>> sessions = new ArrayList<>();
  private final List<String> devices = new ArrayList<>();
  private final List<String> sessionIds = new ArrayList<>();
  private final List<String> users = new ArrayList<>();
  private final List<String> dialects = new ArrayList<>();
  private final List<ConfigSession> configSessions = new ArrayList<>();
  private int[] firstLine = new int[16];
  private final Map<String, int[]> sessionsOfDevice = new LinkedHashMap<>(); // [from, to)
  // per line
  private int count;
  private int[] seq;
  private long[] effectiveNanos; // epoch nanoseconds of the time it took effect, NEVER when it did not
  private int[] where;
  private int[] contextEntry;
  private byte[] flags;
  private final List<Where> places = new ArrayList<>();
  private final Map<Where, Integer> placeCode = new HashMap<>();
  // built on first use: (hash << 32 | line) sorted, for withCommand and of
  private long[] byCommand;
  private long[] byOrigin;
  private int[] byId;

  ReplayedLines(int expectedLines) {
    int n = Math.max(16, expectedLines);
    seq = new int[n];
    effectiveNanos = new long[n];
    where = new int[n];
    contextEntry = new int[n];
    flags = new byte[n];
  }

  /** Appends a replayed session's configuration lines (sessions of one device one after another). */
  void add(CliSessions.Replayed r, ConfigSession session) {
    int k = sessions.size();
    if (k + 1 >= firstLine.length) firstLine = Arrays.copyOf(firstLine, firstLine.length * 2);
    firstLine[k] = count;
    sessions.add(r.commands());
    devices.add(r.device());
    sessionIds.add(r.session());
    users.add(r.user());
    dialects.add(r.dialect().name());
    configSessions.add(session);
    sessionsOfDevice.computeIfAbsent(r.device(), d -> new int[] {k, k})[1] = k + 1;
    for (SessionModel.Step s : r.steps()) {
      if (!s.statement()) continue;
      grow();
      LineMeaning m = s.meaning();
      Where w = new Where(s.where().label(), s.where().protocol(), s.where().vrf(),
          m.topic().isEmpty() ? s.topicHint() : m.topic(), m.injects());
      Integer code = placeCode.get(w);
      if (code == null) {
        code = places.size();
        places.add(w);
        placeCode.put(w, code);
      }
      seq[count] = s.seq();
      effectiveNanos[count] = s.effective() ? nanos(s.effectiveAt()) : NEVER;
      where[count] = code;
      contextEntry[count] = s.contextEntry();
      flags[count] = (byte) ((s.accepted() ? ACCEPTED : 0) | (s.inferred() ? INFERRED : 0) | (s.opensMode() ? OPENS_MODE : 0)
          | (m.negated() ? NEGATED : 0) | (m.bounded() ? BOUNDED : 0) | (m.limit() ? LIMIT : 0) | (s.foreign() ? FOREIGN : 0)
          | (r.dialect().explicitPath(s.before(), s.text()) ? EXPLICIT_PATH : 0));
      count++;
    }
    firstLine[k + 1] = count;
  }

  private void grow() {
    if (count < seq.length) return;
    int n = seq.length * 2;
    seq = Arrays.copyOf(seq, n);
    effectiveNanos = Arrays.copyOf(effectiveNanos, n);
    where = Arrays.copyOf(where, n);
    contextEntry = Arrays.copyOf(contextEntry, n);
    flags = Arrays.copyOf(flags, n);
  }

  private static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  int size() {
    return count;
  }

  /** Line {@code i} (0 ≤ i < size()) as the fact. */
  CommandEffect effect(int i) {
    int k = sessionOf(i);
    List<ConfigCommand> lines = sessions.get(k);
    ConfigCommand c = lines.get(seq[i]);
    Where w = places.get(where[i]);
    int f = flags[i];
    boolean effective = effectiveNanos[i] != NEVER;
    Instant typed = c.time();
    Instant at = !effective ? typed : nanos(typed) == effectiveNanos[i] ? typed
        : Instant.ofEpochSecond(Math.floorDiv(effectiveNanos[i], 1_000_000_000L), Math.floorMod(effectiveNanos[i], 1_000_000_000L));
    return new CommandEffect(at, typed, devices.get(k), sessionIds.get(k), users.get(k), seq[i],
        Tokens.normalise(Prompts.strip(c.command())), dialects.get(k), w.context(), contextEntry[i], w.protocol(), w.vrf(),
        w.topic(), w.injects(), (f & ACCEPTED) != 0, (f & INFERRED) != 0, effective, (f & OPENS_MODE) != 0,
        (f & NEGATED) != 0, (f & BOUNDED) != 0, (f & LIMIT) != 0, (f & FOREIGN) != 0, Protocols.igp(w.protocol()),
        (f & EXPLICIT_PATH) != 0, c.origin());
  }

  /** Whether line {@code i} brings routes from another source: the only lines that can leak. */
  boolean injects(int i) {
    return !places.get(where[i]).injects().isEmpty();
  }

  private int sessionOf(int line) {
    int k = Arrays.binarySearch(firstLine, 0, sessions.size() + 1, line);
    if (k < 0) return -k - 2;
    while (k + 1 < sessions.size() && firstLine[k + 1] == line) k++; // sessions without configuration lines
    return k;
  }

  @Override
  public List<ConfigSession> session(String device, String session) {
    int k = sessionNumber(device, session);
    return k < 0 ? List.of() : List.of(configSessions.get(k));
  }

  @Override
  public List<CommandEffect> ofSession(String device, String session) {
    int k = sessionNumber(device, session);
    if (k < 0) return List.of();
    List<Integer> lines = new ArrayList<>();
    for (int i = firstLine[k]; i < firstLine[k + 1]; i++) lines.add(i);
    return inSessionOrder(lines);
  }

  /** The store's number of a session, or -1. */
  private int sessionNumber(String device, String session) {
    int[] range = sessionsOfDevice.get(device);
    if (range == null) return -1;
    int[] byId = sessionsById();
    int lo = range[0], hi = range[1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int k = byId[mid];
      int c = sessionIds.get(k).compareTo(session);
      if (c < 0) lo = mid + 1;
      else if (c > 0) hi = mid - 1;
      else return k;
    }
    return -1;
  }

  @Override
  public List<CommandEffect> ofDevice(String device) {
    int[] range = sessionsOfDevice.get(device);
    if (range == null) return List.of();
    List<Integer> lines = new ArrayList<>();
    for (int i = firstLine[range[0]]; i < firstLine[range[1]]; i++) lines.add(i);
    return inSessionOrder(lines);
  }

  @Override
  public List<CommandEffect> withCommand(String command) {
    long[] index = commandIndex();
    List<Integer> lines = new ArrayList<>();
    for (int i : candidates(index, command.hashCode())) {
      if (Tokens.normalise(Prompts.strip(commandOf(i))).equals(command)) lines.add(i);
    }
    return inSessionOrder(lines);
  }

  @Override
  public List<CommandEffect> of(Collection<SourceRef> records) {
    long[] index = originIndex();
    java.util.Set<Integer> lines = new java.util.LinkedHashSet<>();
    for (SourceRef r : records) {
      if (r == null) continue;
      for (int i : candidates(index, r.hashCode())) {
        if (originOf(i).equals(r)) lines.add(i);
      }
    }
    return inSessionOrder(new ArrayList<>(lines));
  }

  private String commandOf(int i) {
    return sessions.get(sessionOf(i)).get(seq[i]).command();
  }

  private SourceRef originOf(int i) {
    return sessions.get(sessionOf(i)).get(seq[i]).origin();
  }

  /** Sessions sorted by id within each device's range (a device's sessions are one range). */
  private synchronized int[] sessionsById() {
    if (byId == null) {
      int[] a = new int[sessions.size()];
      for (int k = 0; k < a.length; k++) a[k] = k;
      for (int[] range : sessionsOfDevice.values()) {
        Integer[] part = new Integer[range[1] - range[0]];
        for (int k = range[0]; k < range[1]; k++) part[k - range[0]] = k;
        Arrays.sort(part, (x, y) -> sessionIds.get(x).compareTo(sessionIds.get(y)));
        for (int k = range[0]; k < range[1]; k++) a[k] = part[k - range[0]];
      }
      byId = a;
    }
    return byId;
  }

  private synchronized long[] commandIndex() {
    if (byCommand == null) byCommand = index(i -> Tokens.normalise(Prompts.strip(commandOf(i))).hashCode());
    return byCommand;
  }

  private synchronized long[] originIndex() {
    if (byOrigin == null) byOrigin = index(i -> originOf(i).hashCode());
    return byOrigin;
  }

  /** Every line as its key's hash in the high half and its number in the low half, sorted: 8 bytes a line. */
  private long[] index(java.util.function.IntUnaryOperator hash) {
    long[] a = new long[count];
    for (int i = 0; i < count; i++) a[i] = (long) hash.applyAsInt(i) << 32 | i;
    Arrays.sort(a);
    return a;
  }

  /** The lines whose key hashes to {@code hash} (a shared hash costs a comparison, never a wrong answer). */
  private static int[] candidates(long[] index, int hash) {
    long lo = (long) hash << 32;
    int at = Arrays.binarySearch(index, lo);
    if (at < 0) at = -at - 1;
    int end = at;
    while (end < index.length && (int) (index[end] >>> 32) == hash) end++;
    int[] out = new int[end - at];
    for (int j = at; j < end; j++) out[j - at] = (int) index[j];
    return out;
  }

  /** The order the session replays timed facts in: by time (milliseconds), then in replay order. */
  private List<CommandEffect> inSessionOrder(List<Integer> lines) {
    List<CommandEffect> out = new ArrayList<>(lines.size());
    for (int i : lines) out.add(effect(i));
    Integer[] order = new Integer[out.size()];
    for (int j = 0; j < order.length; j++) order[j] = j;
    Arrays.sort(order, (a, b) -> {
      int c = Long.compare(out.get(a).millis(), out.get(b).millis());
      return c != 0 ? c : Integer.compare(lines.get(a), lines.get(b));
    });
    List<CommandEffect> sorted = new ArrayList<>(out.size());
    for (int j : order) sorted.add(out.get(j));
    return sorted;
  }

  @Override
  public String toString() {
    return "CliLines(" + count + " lines)";
  }
}
