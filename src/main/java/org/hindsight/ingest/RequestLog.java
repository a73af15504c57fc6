package org.hindsight.ingest;

import java.util.Arrays;
import org.hindsight.facts.SourceRef;

/**
 * The sampled {@code requests}, column-wise: strings are dictionary-coded, numbers kept as
 * primitives ({@link IntColumn}: as narrow as the values allow), 28 to 50 bytes a request.
 * Simulators iterate it in time order with {@link #forEach}; rules see summaries derived from it
 * rather than one fact per request.
 */
public final class RequestLog {
  private final StringCodes dictionary = new StringCodes();
  private final StringCodes files = new StringCodes();
  private long[] millis = new long[0];
  // dictionary codes and small counts, each as narrow as its values allow
  private final IntColumn datacenter = new IntColumn(), server = new IntColumn(), process = new IntColumn(),
      rule = new IntColumn(), client = new IntColumn(), cookiesValid = new IntColumn(), cookiesInvalid = new IntColumn(),
      file = new IntColumn(), line = new IntColumn();
  private short[] status = new short[0];
  private float[] durationMs = new float[0];
  private int[] order; // time order, computed at freeze
  private int n;

  /** One request, materialised on demand while iterating. */
  public record Request(
      long millis, String datacenter, String server, String process, int status, String rule,
      int cookiesValid, int cookiesInvalid, double durationMs, String client, SourceRef origin) {
    /** The trigger of the Cloudflare 2024 loop: valid and invalid cookies in one request. */
    public boolean mixedCookies() {
      return mixedCookies(cookiesValid, cookiesInvalid);
    }

    public boolean serverError() {
      return serverError(status);
    }

    /** {@link #mixedCookies()} of coded columns ({@link CodedVisitor}). */
    public static boolean mixedCookies(int cookiesValid, int cookiesInvalid) {
      return cookiesValid > 0 && cookiesInvalid > 0;
    }

    /** {@link #serverError()} of coded columns ({@link CodedVisitor}). */
    public static boolean serverError(int status) {
      return status >= 500;
    }
  }

  private int code(String s) {
    return dictionary.code(s);
  }

  void add(long t, String dc, String srv, String proc, int st, String rl, int valid, int invalid,
      double duration, String cl, String f, int ln) {
    // coded in this order (what ingest's addCoded callers follow): a code is the order of first appearance
    int dcCode = code(dc);
    int srvCode = code(srv);
    int procCode = code(proc);
    int ruleCode = code(rl);
    addCoded(t, dcCode, srvCode, procCode, st, ruleCode, valid, invalid, duration, code(cl), f, ln);
  }

  /** The dictionary the names of {@link #addCoded} are coded in. */
  StringCodes dictionary() {
    return dictionary;
  }

  /** {@link #add} of names already coded in {@link #dictionary()} (datacenter, server, process, rule, client, in that order). */
  void addCoded(long t, int dc, int srv, int proc, int st, int rl, int valid, int invalid,
      double duration, int cl, String f, int ln) {
    if (n == millis.length) grow();
    millis[n] = t;
    datacenter.set(n, dc);
    server.set(n, srv);
    process.set(n, proc);
    status[n] = (short) st;
    rule.set(n, rl);
    cookiesValid.set(n, valid);
    cookiesInvalid.set(n, invalid);
    durationMs[n] = (float) duration;
    client.set(n, cl);
    file.set(n, files.code(f));
    line.set(n, ln);
    n++;
  }

  /** Forgets the requests added after the first {@code size} (a repeat of the file read, {@link RepeatedBlock}). */
  void truncate(int size) {
    n = Math.min(n, size);
  }

  private void grow() {
    int cap = n + (n >> 1) + 64;
    millis = Arrays.copyOf(millis, cap);
    datacenter.resize(cap);
    server.resize(cap);
    process.resize(cap);
    status = Arrays.copyOf(status, cap);
    rule.resize(cap);
    cookiesValid.resize(cap);
    cookiesInvalid.resize(cap);
    durationMs = Arrays.copyOf(durationMs, cap);
    client.resize(cap);
    file.resize(cap);
    line.resize(cap);
  }

  void freeze() {
    // Drop the growth slack (up to a third of each column), one column at a time.
    millis = Arrays.copyOf(millis, n);
    datacenter.resize(n);
    server.resize(n);
    process.resize(n);
    status = Arrays.copyOf(status, n);
    rule.resize(n);
    cookiesValid.resize(n);
    cookiesInvalid.resize(n);
    durationMs = Arrays.copyOf(durationMs, n);
    client.resize(n);
    file.resize(n);
    line.resize(n);
    boolean sorted = true;
    for (int i = 1; i < n && sorted; i++) if (millis[i] < millis[i - 1]) sorted = false;
    order = sorted ? null : TimeOrder.of(millis); // already in time order: no index needed
  }

  /** Starts a log built in code (tests, benchmarks, drills) rather than read from CSV. */
  public static Builder builder() {
    return new Builder();
  }

  /** Appends requests in any order; {@link #build()} sorts them by time (stable). */
  public static final class Builder {
    private final RequestLog log = new RequestLog();
    private final String file;
    private int line = 1;

    private Builder() {
      this.file = "(generated)";
    }

    public Builder add(long millis, String datacenter, String server, String process, int status, String rule,
        int cookiesValid, int cookiesInvalid) {
      log.add(millis, datacenter, server, process, status, rule, cookiesValid, cookiesInvalid, Double.NaN, "", file, ++line);
      return this;
    }

    public RequestLog build() {
      log.freeze();
      return log;
    }
  }

  /** A request as dictionary codes (see {@link #string(int)}), for replays that must not allocate per request. */
  @FunctionalInterface
  public interface CodedVisitor {
    void visit(int row, long millis, int datacenter, int server, int process, int status, int rule,
        int cookiesValid, int cookiesInvalid);
  }

  /** Visits every request in time order without materialising it; {@code row} names it for {@link #origin(int)}. */
  public void forEachCoded(CodedVisitor visitor) {
    for (int k = 0; k < n; k++) {
      int i = order == null ? k : order[k];
      visitor.visit(i, millis[i], datacenter.get(i), server.get(i), process.get(i), status[i], rule.get(i), cookiesValid.get(i),
          cookiesInvalid.get(i));
    }
  }

  /** A rule's first request, as a code (see {@link #string(int)}). */
  @FunctionalInterface
  public interface FirstOfRuleVisitor {
    void visit(int row, long millis, int rule);
  }

  /**
   * Visits each distinct value of the {@code rule} column once, at its first request in time order (file
   * order breaks ties), as {@link #forEachCoded} would meet it first: only that column is read, not a
   * visit with every column per request.
   */
  public void forEachFirstOfRule(FirstOfRuleVisitor visitor) {
    boolean[] seen = new boolean[dictionary.size()];
    for (int k = 0; k < n; k++) {
      int i = order == null ? k : order[k];
      int r = rule.get(i);
      if (seen[r]) continue;
      seen[r] = true;
      visitor.visit(i, millis[i], r);
    }
  }

  /** The record of row {@code row} (as passed to a {@link CodedVisitor}). */
  public SourceRef origin(int row) {
    return new SourceRef(files.value(file.get(row)), line.get(row));
  }

  /** The request recorded at {@code ref}, or null: one sample a report cites (a hypothesis's trigger); a scan, asked once. */
  public Request at(SourceRef ref) {
    if (ref == null) return null;
    for (int i = 0; i < n; i++) {
      if (line.get(i) == ref.line() && files.value(file.get(i)).equals(ref.file())) return get(i);
    }
    return null;
  }

  /** The code of {@code s} in this log's dictionary, or -1 when no request carries it. */
  public int codeOf(String s) {
    return dictionary.codeOf(s);
  }

  /** Number of distinct strings in the dictionary: codes are 0 … dictionarySize() - 1. */
  public int dictionarySize() {
    return dictionary.size();
  }

  public int size() {
    return n;
  }

  public String string(int code) {
    return dictionary.value(code);
  }

  /** Visits every request in time order (file order breaks ties). */
  public void forEach(java.util.function.Consumer<Request> visitor) {
    for (int k = 0; k < n; k++) visitor.accept(get(order == null ? k : order[k]));
  }

  /** The i-th request in time order. */
  public Request inOrder(int k) {
    return get(order == null ? k : order[k]);
  }

  private Request get(int i) {
    return new Request(millis[i], dictionary.value(datacenter.get(i)), dictionary.value(server.get(i)), dictionary.value(process.get(i)),
        status[i], dictionary.value(rule.get(i)), cookiesValid.get(i), cookiesInvalid.get(i), durationMs[i],
        dictionary.value(client.get(i)), origin(i));
  }
}
