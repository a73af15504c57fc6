package org.hindsight.ingest;

import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.TimedFact;

/**
 * Rows of a timed kind whose fact is a time, four short repeated strings, one free text, extra
 * columns and a citation ({@code events}: source, type, entity, message, severity;
 * {@code config-commands}: device, session, user, command, result), column-wise: the four strings
 * dictionary-coded, the text as UTF-8 ({@link TextColumn}), the extras as the shared
 * {@link Attributes} the reader made, the origin as a file code and a line. About 30 bytes a row
 * besides the text, where the fact with its instant, strings and citation is about 170. A fact is
 * made when a row is read ({@link #get}, {@link #asList}): the rule session keeps those it inserts,
 * everyone else iterates and lets them go.
 */
public class TimedRows<T extends TimedFact> {
  /** The fact's constructor: its arguments in this order. */
  @FunctionalInterface
  public interface Maker<T> {
    T make(Instant time, String a, String b, String c, String text, String d, Attributes extras, SourceRef origin);
  }

  private final StringCodes dictionary = new StringCodes();
  private final StringCodes files = new StringCodes();
  private long[] millis = new long[0];
  private final IntColumn nanos = new IntColumn(); // below the millisecond: 0 unless the logs say more
  private final IntColumn a = new IntColumn(), b = new IntColumn(), c = new IntColumn(), d = new IntColumn(),
      file = new IntColumn(), line = new IntColumn();
  private final TextColumn text = new TextColumn();
  private final Maker<T> maker;
  private Attributes[] attributes = new Attributes[0];
  private int n;
  private final List<T> view = new View();

  protected TimedRows(Maker<T> maker) {
    this.maker = maker;
  }

  private int code(String s) {
    return dictionary.code(s);
  }

  /** Appends a row (the arguments of the fact's constructor). */
  public void add(Instant time, String va, String vb, String vc, String vtext, String vd, Attributes extras, SourceRef origin) {
    if (n == millis.length) grow();
    long ms = time.toEpochMilli();
    millis[n] = ms;
    nanos.set(n, time.getNano() % 1_000_000);
    a.set(n, code(va));
    b.set(n, code(vb));
    c.set(n, code(vc));
    d.set(n, code(vd));
    text.add(vtext);
    attributes[n] = extras;
    file.set(n, files.code(origin.file()));
    line.set(n, origin.line());
    n++;
  }

  private void grow() {
    int cap = n + (n >> 1) + 64;
    millis = Arrays.copyOf(millis, cap);
    for (IntColumn c : List.of(nanos, a, b, c, d, file, line)) c.resize(cap);
    attributes = Arrays.copyOf(attributes, cap);
  }

  /** Drops the growth slack; rows may still be added after (tests build logs row by row). */
  void freeze() {
    millis = Arrays.copyOf(millis, n);
    for (IntColumn c : List.of(nanos, a, b, c, d, file, line)) c.resize(n);
    attributes = Arrays.copyOf(attributes, n);
    text.freeze();
  }

  public int size() {
    return n;
  }

  /** Row {@code i} as a fact (a new object each time; equal each time). */
  public T get(int i) {
    if (i < 0 || i >= n) throw new IndexOutOfBoundsException(i);
    return maker.make(time(i), dictionary.value(a.get(i)), dictionary.value(b.get(i)), dictionary.value(c.get(i)), text.get(i),
        dictionary.value(d.get(i)), attributes[i], new SourceRef(files.value(file.get(i)), line.get(i)));
  }

  /** Every row as facts, in input order; made on demand. */
  public List<T> asList() {
    return view;
  }

  /** Row {@code i}'s free text ({@link #get}'s fifth argument: an event's message), no fact made. */
  public String text(int i) {
    return text.get(i);
  }

  /** The file row {@code i} cites ({@link #get}'s origin), no fact made. */
  public String file(int i) {
    return files.value(file.get(i));
  }

  /** The line row {@code i} cites. */
  public int line(int i) {
    return line.get(i);
  }

  public long millis(int i) {
    return millis[i];
  }

  /** Moves row {@code i} by {@code deltaMillis}: its source's clock read at another's ({@link SourceClocks}). */
  void moveMillis(int i, long deltaMillis) {
    millis[i] += deltaMillis;
  }

  public Instant time(int i) {
    int sub = nanos.get(i);
    Instant t = Instant.ofEpochMilli(millis[i]);
    return sub == 0 ? t : t.plusNanos(sub);
  }

  /** Orders rows {@code a} and {@code b} by time, as {@code Event::time} does. */
  public int compareTime(int a, int b) {
    int c = Long.compare(millis[a], millis[b]);
    return c != 0 ? c : Integer.compare(nanos.get(a), nanos.get(b));
  }

  /** The dictionary code of the first, second, third or fourth short string ({@code column} 0–3) of row {@code i}. */
  protected int code(int column, int i) {
    return (column == 0 ? a : column == 1 ? b : column == 2 ? c : d).get(i);
  }

  /** The string behind a dictionary code. */
  public String decode(int code) {
    return dictionary.value(code);
  }

  /** How many codes there are (every code is below it). */
  public int codes() {
    return dictionary.size();
  }

  private final class View extends AbstractList<T> implements RandomAccess {
    @Override
    public T get(int index) {
      return TimedRows.this.get(index);
    }

    @Override
    public int size() {
      return n;
    }
  }
}
