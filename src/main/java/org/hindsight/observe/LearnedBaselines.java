package org.hindsight.observe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.hindsight.facts.Event;
import org.hindsight.facts.MetricSeries;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.Span;

/**
 * {@link SymptomKinds#ANOMALY} symptoms: a series leaving what it did before the incident, with no
 * fixed threshold. Each series learns its own baseline from the <em>baseline window</em> — the
 * samples in the first half of the logs' time range (the lead-up exported with the incident; a sampling round the
 * half-way point cuts is taken whole, {@link #windowEnd(Instant, Instant, Collection)}) — as
 * the median and the median absolute deviation (MAD, scaled by 1.4826 to a standard deviation),
 * both robust to a minority of odd samples there. After the window, a sample whose robust score
 * {@code |x − median| / scale} reaches {@link #ONSET_SCORE} in {@link #MIN_EPISODE_SAMPLES}
 * consecutive samples opens an episode at the first of them; it ends at the first sample back under
 * half of that. An episode already under way when the window ends began at the first of its run of
 * samples at that score inside the window (an incident that starts in the first half of the logs
 * keeps its true onset). The scale has floors ({@link #RELATIVE_FLOOR} of the median, and
 * one count for counts), so a series flat in its baseline needs a real change, not a jitter. An
 * episode below the baseline says so in its detail ({@link #BELOW_BASELINE}).
 *
 * <p>Series read: every metric series; per service from spans, the 90th-percentile duration and the
 * failed-span count per bin, and the shapes of its calls ({@link #SPANS_SHAPE}); per entity, error-log
 * counts per message template (numbers, hex ids, UUIDs and addresses masked) per bin. Bins are a
 * minute, wider when the logs span more than 500 minutes. A series with fewer than
 * {@link #MIN_BASELINE} baseline samples learns nothing and says nothing.
 */
public final class LearnedBaselines {
  private LearnedBaselines() {}

  /** Robust score at which a sample is anomalous (about six standard deviations). */
  public static final double ONSET_SCORE = 6;
  /** The scale is at least this share of the baseline median: a 5 % wobble is not a change. */
  public static final double RELATIVE_FLOOR = 0.05;
  /** Baseline samples a series needs before it can say anything. */
  public static final int MIN_BASELINE = 5;
  /** Consecutive samples an episode needs: a one-sample blip is noise, not an anomaly. */
  public static final int MIN_EPISODE_SAMPLES = 2;
  /** Spans a bin needs for its latency percentile to count. */
  static final int MIN_SPANS_PER_BIN = 5;
  static final long MIN_BIN_MS = 60_000;
  static final int MAX_BINS = 500;

  /**
   * Appended to the detail of an episode below the baseline (a series that fell: less traffic, lower
   * CPU). A fall is often what a caller's fault does to its callees — they are sent less work — so
   * fault localisation tells rises from falls; counts only ever rise into an episode.
   */
  public static final String BELOW_BASELINE = " (below its baseline)";

  /** The series name of span latency per service; failed spans are {@link #SPANS_FAILED}. */
  public static final String SPANS_P90 = "spans.duration_p90";
  public static final String SPANS_FAILED = "spans.failed";
  /**
   * The series name of a call shape starts with this: {@code spans.shape <operation> -> <what it called>}.
   * A request a service serves (a span entered from another service, or a root) has a shape: its
   * operation and the set of what it called directly (its own operations by name, other services as
   * {@code ->service}). Code that throws or returns early serves requests in a shape it did not have
   * before (the calls after the failing line vanish) while its callers still call it: trouble of the
   * service itself, seen even when spans carry no status and nothing slows down.
   */
  public static final String SPANS_SHAPE = "spans.shape ";
  /**
   * Bins of the call shapes: spans are dense (tens a second) and trace exports often cover only a
   * minute or two around an incident, so minute bins would leave the baseline a sample or two; in
   * 10-second bins a minute of lead-up is six samples and a shape that appears is seen in 20 s.
   */
  static final long SHAPE_BIN_MS = 5_000;
  /**
   * The series name of an operation a service stopped serving starts with this: {@code spans.served <operation>},
   * always below its baseline (its callers no longer call it).
   */
  public static final String SPANS_SERVED = "spans.served ";
  /**
   * How unlikely, as −ln p, a sparse operation's new shape or silence must be under its baseline to be an
   * anomaly: p ≤ 10⁻⁴. The traces hold a few dozen operations and shapes; a bin series needs two samples
   * at six robust units, which is rarer still.
   */
  static final double RARE_SURPRISE = Math.log(1e4);
  /** Requests a rare-shape scan looks at from one start, and starts it tries: linear in the spans. */
  static final int MAX_RARE_SCAN = 200;
  /**
   * In the detail of an episode of a series another entity measured ({@link MetricSeries#viewed()}: a
   * caller timing its calls), before the measurer's name. Such an episode is a symptom of the entity the
   * series is of, as the measurer saw it: a callee slow as a caller times it, or a caller starved of CPU
   * that times every call slow. Fault localisation weighs which (its {@code CallerView} fact).
   */
  public static final String MEASURED_BY = ", as measured by ";

  /** The entity that measured the series of an anomaly episode when not its own, else "". */
  public static String measurer(Symptom anomaly) {
    String d = anomaly.detail();
    int i = d == null ? -1 : d.lastIndexOf(MEASURED_BY);
    if (i < 0) return "";
    String m = d.substring(i + MEASURED_BY.length());
    return m.endsWith(BELOW_BASELINE) ? m.substring(0, m.length() - BELOW_BASELINE.length()) : m;
  }

  /** The series name of an error-log template's counts starts with this. */
  public static final String ERROR_LOG = "error log: ";

  /**
   * Whether an anomaly episode is in a series of the entity's own load or resources (CPU, memory, I/O,
   * traffic): a metric that is neither latency nor errors ({@link SymptomKinds#ofMetric}) nor counts failed answers
   * ({@link SymptomKinds#countsFailures}), not a span or error-log series. Trouble in a callee shows in its callers' latency and errors, not in their resources.
   */
  public static boolean resourceSeries(Symptom anomaly) {
    String d = anomaly.detail();
    if (d != null && d.startsWith(SPANS_SHAPE)) return true; // the shape of its own calls: its own behaviour
    if (!measurer(anomaly).isEmpty()) return false; // another's timing of calls: latency, whatever its name
    if (d == null || d.startsWith("spans.") || d.startsWith(ERROR_LOG)) return false;
    if (d.endsWith(BELOW_BASELINE)) d = d.substring(0, d.length() - BELOW_BASELINE.length());
    // failed answers (a resolver's SERVFAILs) are what callers get, like errors: trouble that may have come from below
    if (SymptomKinds.countsFailures(d)) return false;
    String kind = SymptomKinds.ofMetric(d);
    return kind.equals(SymptomKinds.EXCURSION) || kind.equals(SymptomKinds.CPU_PINNED);
  }

  /** Whether an anomaly episode is a fall below its series' baseline rather than a rise above it. */
  public static boolean below(Symptom anomaly) {
    return anomaly.detail() != null && anomaly.detail().endsWith(BELOW_BASELINE);
  }

  static final Pattern MASK = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
          + "|\\b(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d+)?\\b|\\b0x[0-9a-fA-F]+\\b|\\b[0-9a-fA-F]{12,}\\b|\\d+(?:\\.\\d+)?");

  /**
   * The anomaly symptoms of an incident; {@code start}/{@code end} are the logs' time range. Of the events
   * only the error logs count (an entity and an {@link #errorSeverity error severity}): the others may be left out.
   */
  public static List<Symptom> of(List<Event> eventsInTimeOrder, Collection<MetricSeries> metrics, List<Span> spans,
      Instant start, Instant end) {
    List<Symptom> out = new ArrayList<>();
    if (start == null || end == null || !end.isAfter(start)) return out;
    long from = start.toEpochMilli();
    long mid = windowEnd(start, end, metrics);
    for (MetricSeries s : metrics) {
      long[] t = new long[s.count()];
      double[] v = new double[s.count()];
      for (int i = 0; i < t.length; i++) {
        t[i] = s.millisAt(i);
        v[i] = s.valueAt(i);
      }
      MetricSeries.Summary given = s.summary();
      String name = s.viewed() ? s.metric() + MEASURED_BY + s.measuredBy() : s.metric();
      if (given != null && given.learnedUntil() == mid) {
        // a reduced series: its baseline window was learned from every raw sample (docs/reduce.md), ending where
        // reduce computed it over every series; it keeps the samples either side of the half-way point, so ours
        // is the same end
        scan(s.entity(), name, t, v, firstAtOrAfter(t, mid), new Learned(given.learnedMedian(), given.learnedScale()), false, s::ref, out);
      } else {
        detect(s.entity(), name, t, v, mid, false, s::ref, out);
      }
    }
    long bin = Math.max(MIN_BIN_MS, (end.toEpochMilli() - from) / MAX_BINS + 1);
    int bins = (int) ((end.toEpochMilli() - from) / bin) + 1;
    readSpans(spans, from, bin, bins, mid, out);
    readSpanShapes(spans, from, end.toEpochMilli(), mid, out);
    readErrorLogs(eventsInTimeOrder, from, bin, bins, mid, out);
    return out;
  }

  /**
   * A message with its variable parts masked: the template error logs are counted by. {@link #MASK}'s
   * {@code replaceAll("<*>")}, written out as one pass over the characters (the regex tried its five
   * alternatives at every character of every error log, each message distinct); {@code LearnedBaselinesTest}
   * holds the two equal on random messages.
   */
  public static String template(String message) {
    String m = message.length() > 300 ? message.substring(0, 300) : message;
    if (!maskable(m)) return m.trim(); // nothing the mask could match: the regex would copy it unchanged
    StringBuilder out = null;
    int copied = 0; // m[copied, i) is still to be copied
    for (int i = 0; i < m.length(); ) {
      int end = maskedEnd(m, i);
      if (end < 0) {
        i++;
        continue;
      }
      if (out == null) out = new StringBuilder(m.length());
      out.append(m, copied, i).append("<*>");
      i = copied = end;
    }
    if (out == null) return m.trim();
    return out.append(m, copied, m.length()).toString().trim();
  }

  /**
   * Where {@link #MASK} matching at {@code i} ends, or -1: its alternatives in the regex's order, each
   * with the backtracking it would do (a run followed by a boundary only ever matches whole).
   */
  private static int maskedEnd(String m, int i) {
    char c = m.charAt(i);
    boolean digit = c >= '0' && c <= '9';
    if (!digit && !isHex(c)) return -1; // every alternative starts with a hex character or a digit
    int hex = hexRun(m, i);
    // a UUID: 8-4-4-4-12 hex characters, no boundary asked
    if (hex >= 8 && uuidAt(m, i)) return i + 36;
    boolean startsWord = !wordBefore(m, i); // \b before a word character
    if (digit && startsWord) {
      // \b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b
      int p = i;
      boolean dotted = true;
      for (int g = 0; g < 3 && dotted; g++) {
        int d = digitRun(m, p);
        dotted = d >= 1 && d <= 3 && p + d < m.length() && m.charAt(p + d) == '.';
        p += d + 1;
      }
      if (dotted) {
        int d = digitRun(m, p);
        if (d >= 1 && d <= 3) {
          int e = p + d;
          if (e + 1 < m.length() && m.charAt(e) == ':') {
            int port = digitRun(m, e + 1);
            if (port > 0 && !wordAt(m, e + 1 + port)) return e + 1 + port;
          }
          if (!wordAt(m, e)) return e; // no port, or one the boundary after it failed: the address alone
        }
      }
      // \b0x[0-9a-fA-F]+\b
      if (c == '0' && i + 2 < m.length() && m.charAt(i + 1) == 'x') {
        int h = hexRun(m, i + 2);
        if (h > 0 && !wordAt(m, i + 2 + h)) return i + 2 + h;
      }
    }
    // \b[0-9a-fA-F]{12,}\b
    if (startsWord && hex >= 12 && !wordAt(m, i + hex)) return i + hex;
    if (!digit) return -1;
    // \d+(?:\.\d+)?
    int e = i + digitRun(m, i);
    if (e + 1 < m.length() && m.charAt(e) == '.') {
      int f = digitRun(m, e + 1);
      if (f > 0) return e + 1 + f;
    }
    return e;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static int hexRun(String m, int i) {
    int j = i;
    while (j < m.length() && isHex(m.charAt(j))) j++;
    return j - i;
  }

  private static int digitRun(String m, int i) {
    int j = i;
    while (j < m.length() && m.charAt(j) >= '0' && m.charAt(j) <= '9') j++;
    return j - i;
  }

  private static boolean uuidAt(String m, int i) {
    if (i + 36 > m.length()) return false;
    for (int k = 0; k < 36; k++) {
      char c = m.charAt(i + k);
      if (k == 8 || k == 13 || k == 18 || k == 23 ? c != '-' : !isHex(c)) return false;
    }
    return true;
  }

  /** Whether java.util.regex's {@code \b} counts the character at {@code i} as part of a word (false past the end). */
  private static boolean wordAt(String m, int i) {
    if (i >= m.length()) return false;
    int ch = m.codePointAt(i);
    return isWord(ch) || (Character.getType(ch) == Character.NON_SPACING_MARK && hasBaseCharacter(m, i));
  }

  /** The same for the code point before {@code i}, as {@code Pattern.Bound} reads it. */
  private static boolean wordBefore(String m, int i) {
    if (i == 0) return false;
    int ch = m.codePointBefore(i);
    return isWord(ch) || (Character.getType(ch) == Character.NON_SPACING_MARK && hasBaseCharacter(m, i - 1));
  }

  private static boolean isWord(int ch) {
    return ch == '_' || Character.isLetterOrDigit(ch);
  }

  /** A non-spacing mark belongs to a word when a letter or digit comes before it, other marks between. */
  private static boolean hasBaseCharacter(String m, int i) {
    for (int x = i; x >= 0; x--) {
      int ch = m.codePointAt(x);
      if (Character.isLetterOrDigit(ch)) return true;
      if (Character.getType(ch) != Character.NON_SPACING_MARK) return false;
    }
    return false;
  }

  /**
   * Whether {@link #MASK} can match anywhere in {@code m}: every alternative holds an ASCII digit (addresses,
   * {@code 0x}, numbers) or eight hex characters in a row (a UUID's first group, a long hex id). Many error
   * messages ("connection refused") hold neither, and the regex tried its five alternatives at each character.
   */
  static boolean maskable(String m) {
    int hexRun = 0;
    for (int i = 0; i < m.length(); i++) {
      char c = m.charAt(i);
      if (c >= '0' && c <= '9') return true;
      boolean hex = (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      hexRun = hex ? hexRun + 1 : 0;
      if (hexRun >= 8) return true;
    }
    return false;
  }

  private static void readSpans(List<Span> spans, long from, long bin, int bins, long mid, List<Symptom> out) {
    if (spans.isEmpty()) return;
    Map<String, List<List<Double>>> durations = new LinkedHashMap<>();
    Map<String, double[]> failed = new LinkedHashMap<>();
    Map<String, SourceRef[]> firstRef = new LinkedHashMap<>();
    for (Span s : spans) {
      int b = (int) ((s.time().toEpochMilli() - from) / bin);
      if (b < 0 || b >= bins) continue;
      List<List<Double>> d = durations.computeIfAbsent(s.service(), k -> {
        List<List<Double>> l = new ArrayList<>(bins);
        for (int i = 0; i < bins; i++) l.add(new ArrayList<>());
        return l;
      });
      d.get(b).add(s.durationMs());
      if (s.failed()) failed.computeIfAbsent(s.service(), k -> new double[bins])[b]++;
      SourceRef[] refs = firstRef.computeIfAbsent(s.service(), k -> new SourceRef[bins]);
      if (refs[b] == null) refs[b] = s.origin();
    }
    for (var e : durations.entrySet()) {
      String service = e.getKey();
      SourceRef[] refs = firstRef.get(service);
      List<Long> times = new ArrayList<>();
      List<Double> p90 = new ArrayList<>();
      List<SourceRef> pRefs = new ArrayList<>();
      for (int b = 0; b < bins; b++) {
        List<Double> d = e.getValue().get(b);
        if (d.size() < MIN_SPANS_PER_BIN) continue;
        double[] a = d.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        times.add(from + b * bin);
        p90.add(a[(int) Math.floor(0.9 * (a.length - 1))]);
        pRefs.add(refs[b]);
      }
      detect(service, SPANS_P90, times.stream().mapToLong(Long::longValue).toArray(),
          p90.stream().mapToDouble(Double::doubleValue).toArray(), mid, false, pRefs::get, out);
      double[] f = failed.get(service);
      if (f != null) detect(service, SPANS_FAILED, binTimes(from, bin, bins), f, mid, true, i -> refs[i], out);
    }
  }

  /**
   * Call shapes per service and operation ({@link #SPANS_SHAPE}): in each bin, how many requests of the
   * operation were served in each shape, beyond that shape's share of the operation's requests in the
   * baseline window — so a change of traffic moves no shape, and a shape that appears (or grows at the
   * expense of the others) rises. Only bins the traces cover count (a bin with no span at all is a gap
   * in the export, not a bin without requests). Linear in the spans.
   */
  static void readSpanShapes(List<Span> spans, long from, long end, long mid, List<Symptom> out) {
    if (spans.isEmpty()) return;
    long bin = Math.max(SHAPE_BIN_MS, (end - from) / MAX_BINS + 1);
    // bins on the clock's own grid, not from the first record's stamp: another exporter's second moves no bin
    from = Math.floorDiv(from, bin) * bin;
    int bins = (int) ((end - from) / bin) + 1;
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < spans.size(); i++) {
      Span s = spans.get(i);
      index.putIfAbsent(s.traceId() + '\u0000' + s.spanId(), i);
    }
    // which spans are requests a service serves (entered from elsewhere), and what each called directly
    int[] parent = new int[spans.size()];
    boolean[] entry = new boolean[spans.size()];
    // a span exported twice (overlapping export files) counts once: its copy would be a request with no calls
    boolean[] repeat = new boolean[spans.size()];
    for (int i = 0; i < spans.size(); i++) {
      Span s = spans.get(i);
      repeat[i] = index.get(s.traceId() + '\u0000' + s.spanId()) != i;
      Integer p = s.root() ? null : index.get(s.traceId() + '\u0000' + s.parentSpanId());
      parent[i] = p == null ? -1 : p;
      entry[i] = p == null ? s.root() : !spans.get(p).service().equals(s.service());
    }
    Map<Integer, TreeSet<String>> called = new HashMap<>();
    for (int i = 0; i < spans.size(); i++) {
      int p = parent[i];
      if (p < 0 || !entry[p] || repeat[i]) continue;
      Span s = spans.get(i);
      String what = s.service().equals(spans.get(p).service()) ? s.operation() : "->" + s.service();
      called.computeIfAbsent(p, k -> new TreeSet<>()).add(what);
    }
    boolean[] covered = new boolean[bins];
    Map<String, double[]> requests = new LinkedHashMap<>(); // service, operation -> per bin
    Map<String, double[]> shapes = new LinkedHashMap<>(); // service, operation, shape -> per bin
    Map<String, SourceRef[]> refs = new LinkedHashMap<>();
    for (int i = 0; i < spans.size(); i++) {
      Span s = spans.get(i);
      int b = (int) ((s.time().toEpochMilli() - from) / bin);
      if (b < 0 || b >= bins) continue;
      covered[b] = true;
      if (!entry[i] || repeat[i]) continue;
      String op = s.service() + '\u0000' + s.operation();
      TreeSet<String> c = called.get(i);
      String shape = op + '\u0000' + (c == null ? "" : String.join(",", c));
      requests.computeIfAbsent(op, k -> new double[bins])[b]++;
      shapes.computeIfAbsent(shape, k -> new double[bins])[b]++;
      SourceRef[] r = refs.computeIfAbsent(shape, k -> new SourceRef[bins]);
      if (r[b] == null) r[b] = s.origin();
    }
    int n = 0;
    for (boolean c : covered) if (c) n++;
    long[] t = new long[n];
    int[] at = new int[n];
    for (int b = 0, j = 0; b < bins; b++) {
      if (!covered[b]) continue;
      t[j] = from + b * bin;
      at[j++] = b;
    }
    rareCalls(spans, entry, repeat, called, covered, from, bin, end, mid, out);
    for (var e : shapes.entrySet()) {
      String[] key = e.getKey().split("\u0000", -1);
      double[] count = e.getValue();
      double[] all = requests.get(key[0] + '\u0000' + key[1]);
      double shapeBefore = 0;
      double allBefore = 0;
      for (int j = 0; j < n && t[j] < mid; j++) {
        shapeBefore += count[at[j]];
        allBefore += all[at[j]];
      }
      if (allBefore == 0) continue; // the operation was not served in the baseline window: no mix to compare with
      double share = shapeBefore / allBefore;
      double[] v = new double[n];
      for (int j = 0; j < n; j++) v[j] = count[at[j]] - share * all[at[j]];
      SourceRef[] r = refs.get(e.getKey());
      detect(key[0], SPANS_SHAPE + key[1] + " -> " + (key[2].isEmpty() ? "nothing" : key[2]), t, v, mid, true,
          j -> r[at[j]], out);
    }
  }

  /**
   * Operations too sparse for the bins: a service's operation served a few times in 5 seconds cannot
   * put {@link #ONSET_SCORE} requests of a new shape in one bin, nor show a bin it was not called in.
   * Counted as events in the time the traces cover instead, each against what the baseline window
   * makes likely: a shape that takes over its operation's requests after the window (its baseline
   * share, with one request added either way so that a shape never seen is rare, not impossible:
   * a Chernoff bound on the binomial tail), and an operation no longer served at all for longer than
   * its baseline rate allows (Poisson) and than any pause in the baseline — its caller stopped
   * calling it. Either needs {@link #RARE_SURPRISE}. A new shape is the service's own behaviour
   * ({@link #SPANS_SHAPE}); an operation no longer served is a fall ({@link #SPANS_SERVED}): what a
   * callee shows when its caller no longer gets as far as calling it. Their magnitude is on the robust
   * score's scale: {@link #ONSET_SCORE} at the threshold, in proportion to −ln p beyond it.
   */
  static void rareCalls(List<Span> spans, boolean[] entry, boolean[] repeat, Map<Integer, TreeSet<String>> called,
      boolean[] covered, long from, long bin, long end, long mid, List<Symptom> out) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    Map<String, List<Integer>> requests = new LinkedHashMap<>(); // service, operation -> entry spans
    for (int i = 0; i < spans.size(); i++) {
      long t = spans.get(i).time().toEpochMilli();
      if (t < from || t > end) continue;
      first = Math.min(first, t);
      last = Math.max(last, t);
      if (entry[i] && !repeat[i]) requests.computeIfAbsent(spans.get(i).service() + '\u0000' + spans.get(i).operation(), k -> new ArrayList<>()).add(i);
    }
    Coverage cover = new Coverage(covered, from, bin, first, last);
    double baselineMs = cover.between(from, mid);
    // as the bin series need MIN_BASELINE samples: a second or two of traces before the window ends (an export
    // that begins at the incident) says nothing about an operation's rate or mix, however many requests it holds
    if (baselineMs < MIN_BASELINE * bin) return;
    for (var e : requests.entrySet()) {
      String[] key = e.getKey().split("\u0000", -1);
      List<Integer> req = new ArrayList<>(e.getValue());
      req.sort(java.util.Comparator.comparing(i -> spans.get(i).time()));
      long[] t = new long[req.size()];
      String[] shape = new String[req.size()];
      int nb = 0;
      for (int j = 0; j < t.length; j++) {
        t[j] = spans.get(req.get(j)).time().toEpochMilli();
        TreeSet<String> c = called.get(req.get(j));
        shape[j] = c == null ? "" : String.join(",", c);
        if (t[j] < mid) nb++;
      }
      if (nb < MIN_BASELINE) continue; // too few requests before to say what is unusual after
      vanished(key[0], key[1], t, nb, req, spans, cover, baselineMs, mid, out);
      if (medianPerBin(t, nb, covered, from, bin, mid) < ONSET_SCORE) newShapes(key[0], key[1], t, shape, nb, req, spans, cover, out);
    }
  }

  /** An operation served steadily in the baseline window, then not at all while the traces still run. */
  private static void vanished(String service, String operation, long[] t, int nb, List<Integer> req, List<Span> spans,
      Coverage cover, double baselineMs, long mid, List<Symptom> out) {
    long lastServed = t[t.length - 1];
    if (lastServed < cover.first || lastServed >= cover.last) return;
    double gap = cover.between(lastServed, cover.last);
    double longestBefore = cover.between(cover.first, t[0]);
    for (int j = 1; j < nb; j++) longestBefore = Math.max(longestBefore, cover.between(t[j - 1], t[j]));
    double surprise = nb / baselineMs * gap; // expected requests in the silence: P(none) = e^-surprise
    // a silence of a few spans at the export's end is no pause: it must last two bins too
    if (surprise < RARE_SURPRISE || gap <= 2 * longestBefore || gap < MIN_EPISODE_SAMPLES * cover.bin || cover.last < mid) return;
    long onsetEarliest = cover.binStart(lastServed);
    long onset = Math.min(onsetEarliest + cover.bin, cover.last);
    SourceRef ref = spans.get(req.get(req.size() - 1)).origin();
    out.add(new Symptom(SymptomKinds.ANOMALY, service, Instant.ofEpochMilli(onset), Instant.ofEpochMilli(onsetEarliest), null,
        null, ONSET_SCORE * surprise / RARE_SURPRISE, SPANS_SERVED + operation + BELOW_BASELINE, ref, null));
  }

  /** A shape that takes over a sparse operation's requests after the baseline window, beyond its share there. */
  private static void newShapes(String service, String operation, long[] t, String[] shape, int nb, List<Integer> req,
      List<Span> spans, Coverage cover, List<Symptom> out) {
    Map<String, Integer> before = new LinkedHashMap<>();
    for (int j = 0; j < t.length; j++) before.merge(shape[j], j < nb ? 1 : 0, Integer::sum);
    for (var s : before.entrySet()) {
      double q = (s.getValue() + 1.0) / (nb + 2.0);
      int starts = 0;
      for (int i = nb; i < t.length && starts < MAX_RARE_SCAN; i++) {
        if (!shape[i].equals(s.getKey())) continue;
        starts++;
        int k = 0;
        double peak = 0;
        for (int j = i; j < t.length && j - i < MAX_RARE_SCAN; j++) {
          if (!shape[j].equals(s.getKey())) continue;
          k++;
          peak = Math.max(peak, tailSurprise(k, j - i + 1, q));
        }
        if (peak < RARE_SURPRISE) continue;
        long onset = cover.binStart(t[i]);
        String calls = s.getKey().isEmpty() ? "nothing" : s.getKey();
        out.add(new Symptom(SymptomKinds.ANOMALY, service, Instant.ofEpochMilli(onset),
            Instant.ofEpochMilli(onset - cover.bin), null, null,
            ONSET_SCORE * peak / RARE_SURPRISE, SPANS_SHAPE + operation + " -> " + calls, spans.get(req.get(i)).origin(), null));
        break;
      }
    }
  }

  /**
   * −ln of the Chernoff bound on P(X ≥ k) for X ~ Binomial(m, q): m·KL(k/m ‖ q), 0 when k/m ≤ q. A bound,
   * so the surprise it reports is never more than the exact tail's.
   */
  static double tailSurprise(int k, int m, double q) {
    double a = (double) k / m;
    if (a <= q) return 0;
    double kl = a * Math.log(a / q) + (a < 1 ? (1 - a) * Math.log((1 - a) / (1 - q)) : 0);
    return m * kl;
  }

  private static double medianPerBin(long[] t, int nb, boolean[] covered, long from, long bin, long mid) {
    int bins = (int) ((mid - from) / bin);
    double[] n = new double[Math.max(0, Math.min(bins, covered.length))];
    for (int j = 0; j < nb; j++) {
      int b = (int) ((t[j] - from) / bin);
      if (b < n.length) n[b]++;
    }
    double[] c = java.util.stream.IntStream.range(0, n.length).filter(b -> covered[b]).mapToDouble(b -> n[b]).toArray();
    return c.length == 0 ? 0 : median(c);
  }

  /** The time the traces cover: their first to last span, less the bins with no span at all (gaps in the export). */
  private record Coverage(boolean[] covered, long from, long bin, long first, long last) {
    double between(long a, long b) {
      a = Math.max(a, first);
      b = Math.min(b, last);
      double ms = 0;
      for (long x = a; x < b; ) {
        int i = (int) ((x - from) / bin);
        long next = Math.min(b, from + (i + 1) * bin);
        if (i >= 0 && i < covered.length && covered[i]) ms += next - x;
        x = next;
      }
      return ms;
    }

    long binStart(long t) {
      return from + (t - from) / bin * bin;
    }
  }

  private static void readErrorLogs(List<Event> events, long from, long bin, int bins, long mid, List<Symptom> out) {
    // What each (entity, template) counted in each bin it has events in, and the first record there, in one pass:
    // the events are made as they are read (a view over the event log's columns), so a second pass made each
    // again. Then one key's bins at a time: the bins of every key at once were two arrays of `bins` per key
    // (100 MB for 28k keys).
    Map<String, BinnedCounts> byKey = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (e.entity().isEmpty() || !errorSeverity(e.severity())) continue;
      int b = (int) ((e.time().toEpochMilli() - from) / bin);
      if (b < 0 || b >= bins) continue;
      String tpl = template(e.message().isEmpty() ? e.type() : e.message());
      byKey.computeIfAbsent(e.entity() + '\u0000' + tpl, k -> new BinnedCounts(e.entity(), tpl)).add(b, e);
    }
    long[] t = binTimes(from, bin, bins);
    for (BinnedCounts k : byKey.values()) {
      double[] counts = new double[bins];
      SourceRef[] r = new SourceRef[bins];
      for (int j = 0; j < k.n; j++) { // a bin twice only if the events were not in time order
        counts[k.bins[j]] += k.counts[j];
        if (r[k.bins[j]] == null) r[k.bins[j]] = k.firsts[j];
      }
      detect(k.entity, ERROR_LOG + k.template, t, counts, mid, true, i -> r[i], out);
    }
  }

  /**
   * One (entity, template)'s error logs by bin, only the bins that have some: the events come in time order, so
   * a bin's events are consecutive; per bin the sum of what they represent (whole counts: exact as doubles) and
   * the first record.
   */
  private static final class BinnedCounts {
    final String entity;
    final String template;
    int[] bins = new int[2];
    double[] counts = new double[2];
    SourceRef[] firsts = new SourceRef[2];
    int n;

    BinnedCounts(String entity, String template) {
      this.entity = entity;
      this.template = template;
    }

    void add(int bin, Event e) {
      if (n > 0 && bins[n - 1] == bin) {
        counts[n - 1] += e.represents();
        if (firsts[n - 1] == null) firsts[n - 1] = e.origin();
        return;
      }
      if (n == bins.length) {
        bins = Arrays.copyOf(bins, n * 2);
        counts = Arrays.copyOf(counts, n * 2);
        firsts = Arrays.copyOf(firsts, n * 2);
      }
      bins[n] = bin;
      counts[n] = 0.0 + e.represents();
      firsts[n++] = e.origin();
    }
  }

  /** Whether an event of this severity is an error log the learned baselines count (with an entity). */
  public static boolean errorSeverity(String severity) {
    String s = severity.toLowerCase(Locale.ROOT);
    return s.equals("error") || s.equals("critical") || s.equals("fatal") || s.equals("emergency") || s.equals("alert");
  }

  private static long[] binTimes(long from, long bin, int bins) {
    long[] t = new long[bins];
    for (int i = 0; i < bins; i++) t[i] = from + i * bin;
    return t;
  }

  /**
   * Episodes of one series after {@code mid}, scored against the median and MAD of the samples
   * before it. Counts ({@code count}) have a scale floor of one event.
   */
  static void detect(String entity, String detail, long[] t, double[] v, long mid, boolean count,
      java.util.function.IntFunction<SourceRef> ref, List<Symptom> out) {
    Learned learned = learn(t, v, mid, count);
    if (learned.scale() > 0) scan(entity, detail, t, v, firstAtOrAfter(t, mid), learned, count, ref, out);
  }

  /** Where the baseline window of logs spanning [start, end] ends before rounds are looked at: half way. */
  public static long windowEnd(Instant start, Instant end) {
    long from = start.toEpochMilli();
    return from + (end.toEpochMilli() - from) / 2;
  }

  /**
   * Where the baseline window ends: half way through the logs, moved past the sampling round it cuts, if it
   * cuts one. Exporters stamp one round a second or so apart (a pod's metrics at {@code :19}, the calls timed
   * at {@code :20}), and so does any scrape whose targets answer in turn: a half-way point inside a round
   * would learn part of it and score the rest, so which series learn the round — and whether a series has
   * the baseline samples it needs — would hang on an exporter's second. Only each series' samples either side
   * of the half-way point are read ({@link #roundCut}); reduce computes the same end over every raw sample
   * and keeps those two samples of each series, so a reduced bundle reads the same window.
   */
  public static long windowEnd(Instant start, Instant end, Collection<MetricSeries> metrics) {
    long halfWay = windowEnd(start, end);
    List<long[]> around = new ArrayList<>(metrics.size());
    for (MetricSeries s : metrics) {
      int q = s.firstIndexAtOrAfter(halfWay);
      around.add(new long[] {q > 0 ? s.millisAt(q - 1) : Long.MIN_VALUE, q < s.count() ? s.millisAt(q) : Long.MAX_VALUE});
    }
    return roundCut(halfWay, around);
  }

  /**
   * The window end from each series' last sample before the half-way point and first at or after it
   * ({@code Long.MIN_VALUE} / {@code Long.MAX_VALUE} when it has none). The round is cut when the first sample
   * after the half-way point (of any series) is at most {@link #ROUND_JITTER} of the shortest sampling interval
   * after the last one before it; the window then takes the round whole: it ends just after the last sample
   * within that jitter of the round's samples before the half-way point. Samples further apart are other
   * rounds, and the window stays half way. One series alone never cuts a round (its samples are an interval
   * apart).
   */
  public static long roundCut(long halfWay, Collection<long[]> around) {
    long interval = Long.MAX_VALUE;
    long lastBefore = Long.MIN_VALUE;
    long firstAfter = Long.MAX_VALUE;
    for (long[] a : around) {
      lastBefore = Math.max(lastBefore, a[0]);
      firstAfter = Math.min(firstAfter, a[1]);
      if (a[0] != Long.MIN_VALUE && a[1] != Long.MAX_VALUE && a[1] > a[0]) interval = Math.min(interval, a[1] - a[0]);
    }
    if (interval == Long.MAX_VALUE) return halfWay;
    long jitter = (long) (interval * ROUND_JITTER);
    if (firstAfter - lastBefore > jitter) return halfWay;
    long roundEnd = firstAfter;
    for (long[] a : around) {
      if (a[1] != Long.MAX_VALUE && a[1] - lastBefore <= jitter) roundEnd = Math.max(roundEnd, a[1]);
    }
    return roundEnd + 1;
  }

  /**
   * How far, as a share of the sampling interval, the stamps of one round may spread: a quarter (rounds are
   * at least half an interval apart, so a round's samples are never confused with the next one's).
   */
  public static final double ROUND_JITTER = 0.25;

  /** A series' learned baseline: median and robust scale; scale 0 when it learns nothing. */
  public record Learned(double median, double scale) {}

  /** What a series (times {@code t}, values {@code v}) learns from its samples before {@code mid}. */
  public static Learned learn(long[] t, double[] v, long mid, boolean count) {
    int n = firstAtOrAfter(t, mid);
    if (n < MIN_BASELINE || n == t.length) return new Learned(0, 0);
    double median;
    double mad;
    int most = majority(v, n);
    if (most >= 0 && Double.isFinite(v[most]) && Double.compare(middle(v[most], n), v[most]) == 0) {
      // More than half of the baseline is one value (an error template's zeros in all but a few bins, a flat
      // gauge): the middle of the sorted values is that value, and more than half of the deviations are 0, so
      // the MAD is 0 — what the two selections below give, without them.
      median = middle(v[most], n);
      mad = 0.0;
    } else {
      double[] base = Arrays.copyOf(v, n);
      median = median(base);
      double[] dev = new double[n];
      for (int i = 0; i < n; i++) dev[i] = Math.abs(base[i] - median);
      mad = median(dev);
    }
    double scale = Math.max(1.4826 * mad, RELATIVE_FLOOR * Math.abs(median));
    if (count) scale = Math.max(scale, 1);
    // a constant zero series: no scale to measure a change by
    return scale > 0 ? new Learned(median, scale) : new Learned(0, 0);
  }

  /** The median of n values whose two middle ones are x: x, or the mean of x and x as {@link #median} takes it. */
  private static double middle(double x, int n) {
    return n % 2 == 1 ? x : (x + x) / 2;
  }

  /**
   * The index of a value that more than half of {@code v[0..n)} hold (equal as {@link Double#compare} says), or -1:
   * Boyer and Moore's majority vote, then a count.
   */
  static int majority(double[] v, int n) {
    int candidate = -1;
    int votes = 0;
    for (int i = 0; i < n; i++) {
      if (votes == 0) {
        candidate = i;
        votes = 1;
      } else if (Double.compare(v[i], v[candidate]) == 0) {
        votes++;
      } else {
        votes--;
      }
    }
    if (candidate < 0) return -1;
    int held = 0;
    for (int i = 0; i < n; i++) if (Double.compare(v[i], v[candidate]) == 0) held++;
    return held > n / 2 ? candidate : -1;
  }

  /** Robust score of a value against a learned baseline (counts only rise into trouble). */
  public static double score(Learned l, double value, boolean count) {
    return (count ? value - l.median() : Math.abs(value - l.median())) / l.scale();
  }

  private static int firstAtOrAfter(long[] t, long mid) {
    int n = 0;
    while (n < t.length && t[n] < mid) n++;
    return n;
  }

  /** Episodes of the samples from index {@code n} on, against a learned baseline. */
  private static void scan(String entity, String detail, long[] t, double[] v, int n, Learned learned, boolean count,
      java.util.function.IntFunction<SourceRef> ref, List<Symptom> out) {
    if (!(learned.scale() > 0) || n == t.length) return;
    double median = learned.median();
    double scale = learned.scale();
    int start = -1;
    int run = 0;
    double peak = 0;
    double previous = n > 0 ? score(learned, v[n - 1], count) : 0;
    for (int i = n; i < t.length; i++) {
      // counts only rise into trouble (fewer errors than usual is not a symptom)
      double score = (count ? v[i] - median : Math.abs(v[i] - median)) / scale;
      // an episode is as strong as what it held for two samples in a row, the evidence that opens one: a single
      // sample's spike (one slow request in a bucketed percentile) is noise, as it is for the onset
      double held = Math.min(previous, score);
      previous = score;
      if (start < 0) {
        run = score >= ONSET_SCORE ? run + 1 : 0;
        if (run >= MIN_EPISODE_SAMPLES) {
          start = i - run + 1;
          // under way when the baseline window ended: it began where its run in the window began (an
          // incident in the first half of the logs keeps its onset, and the order of its cascade)
          if (start == n) {
            while (start > 0 && score(learned, v[start - 1], count) >= ONSET_SCORE) start--;
          }
          peak = held;
          for (int j = start + 1; j < i; j++) peak = Math.max(peak, Math.min(score(learned, v[j - 1], count), score(learned, v[j], count)));
        }
      } else if (score < ONSET_SCORE / 2) {
        out.add(episode(entity, direction(detail, v[start] < median), t, start, i, peak, ref));
        start = -1;
        run = 0;
      } else {
        peak = Math.max(peak, held);
      }
    }
    if (start >= 0) out.add(episode(entity, direction(detail, v[start] < median), t, start, -1, peak, ref));
  }

  private static String direction(String detail, boolean fell) {
    return fell ? detail + BELOW_BASELINE : detail;
  }

  private static Symptom episode(String entity, String detail, long[] t, int start, int end, double peak,
      java.util.function.IntFunction<SourceRef> ref) {
    Instant onset = Instant.ofEpochMilli(t[start]);
    Instant earliest = start > 0 ? Instant.ofEpochMilli(t[start - 1]) : onset;
    Instant endAt = end < 0 ? null : Instant.ofEpochMilli(t[end]);
    Instant endEarliest = end < 0 ? null : Instant.ofEpochMilli(t[end - 1]);
    return new Symptom(SymptomKinds.ANOMALY, entity, onset, earliest, endAt, endEarliest, Math.min(peak, 1e6), detail,
        ref.apply(start), end < 0 ? null : ref.apply(end));
  }

  static double median(double[] values) {
    return org.hindsight.util.Median.of(values); // by selection: two medians per series, no full sort
  }
}
