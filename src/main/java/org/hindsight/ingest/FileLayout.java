package org.hindsight.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What one file's header says: where each column is, which columns are extras. */
final class FileLayout {
  /**
   * The column an importer writes: {@code file:line} of the record in the user's own log. Facts
   * cite it instead of the CSV row, so reports point at the file the user gave the importer.
   */
  static final String ORIGIN = "origin";

  final String file;
  final LogKind kind;
  final Map<String, Integer> index;
  /**
   * The header's column names, interned, and their positions: a row finds a column by comparing
   * references (the kinds name columns with string literals, which are interned too), so a field
   * costs no hashing and no map lookup; {@link #slot} falls back to {@code equals} for other names.
   */
  private final String[] slotNames;
  private final int[] slotIndex;
  final List<String> extraColumns;
  /** The extra columns sorted, shared by every row's attributes. */
  final String[] extraKeys;
  final Timestamps timestamps;
  final OffsetTracker offsets;
  final boolean hasOrigin;
  int width;
  /** The last time text a row of this file made ({@link Row}): the next row's is often the same. */
  String lastTimeText;
  /** {@link #lastTimeText}'s characters. */
  char[] lastTimeChars;
  /** The header's columns by position: contract names where mapped to one, else as written. */
  List<String> columns = List.of();
  private int[] byName;

  /** Positions of the columns ordered by name, the importer's origin (a citation) left out: how rows compare across files. */
  int[] columnsByName() {
    if (byName == null) {
      byName = java.util.stream.IntStream.range(0, columns.size()).boxed()
          .filter(i -> !columns.get(i).equals(ORIGIN))
          .sorted(java.util.Comparator.comparing((Integer i) -> columns.get(i)).thenComparing(i -> i))
          .mapToInt(Integer::intValue).toArray();
    }
    return byName;
  }
  private static final int INTERN_BITS = 14;
  /** The most the cache grows to: 64Ki names (a request log's clients run to tens of thousands). */
  private static final int MAX_INTERN_BITS = 16;
  private int internBits = INTERN_BITS;
  private String[] interned = new String[1 << INTERN_BITS];
  /** Names the cache did not hold since it last grew; past its size, colliding names keep evicting each other. */
  private int internMisses;

  FileLayout(String file, LogKind kind, Map<String, Integer> index, List<String> extraColumns,
      Timestamps timestamps, OffsetTracker offsets) {
    this.file = file;
    this.kind = kind;
    this.index = index;
    this.extraColumns = extraColumns;
    this.extraKeys = extraColumns.stream().sorted().distinct().toArray(String[]::new);
    this.timestamps = timestamps;
    this.offsets = offsets;
    this.hasOrigin = index.containsKey(ORIGIN);
    // the header's names, the kind's columns and the few more a mapper asks (origin, a reduced bundle's summary)
    int askable = index.size() + kind.requiredColumns().size() + kind.optionalColumns().size() + 16;
    this.askedNames = new String[Integer.highestOneBit(askable * 4 - 1) << 1];
    this.askedSlots = new int[askedNames.length];
    this.slotNames = new String[index.size()];
    this.slotIndex = new int[index.size()];
    int k = 0;
    for (Map.Entry<String, Integer> e : index.entrySet()) {
      slotNames[k] = e.getKey().intern();
      slotIndex[k++] = e.getValue();
    }
    for (int i = 0; i < extraKeys.length; i++) extraKeys[i] = extraKeys[i].intern();
  }

  /** The position of a column in this file's records, or -1 when the file has no such column. */
  int slot(String column) {
    // the kinds ask by string literal, the same few instances on every row: their answers (-1 for an
    // optional column the file lacks, which a scan would compare with every name) are kept by reference,
    // probed from the name's hash to the first empty entry, so two names of one hash never evict each
    // other (metrics' "metric" and "measured_by" did, direct-mapped: a scan and an equals per row)
    String[] names = askedNames;
    int mask = names.length - 1;
    for (int k = column.hashCode() & mask; ; k = (k + 1) & mask) {
      String name = names[k];
      if (name == column) return askedSlots[k];
      if (name == null) return remember(column, k);
    }
  }

  /** Keeps {@link #find}'s answer for {@code column} at the empty entry {@code k}; past a quarter full, starts afresh. */
  private int remember(String column, int k) {
    int found = find(column);
    if (++asked > askedNames.length / 4) {
      // names asked as new instances each time (not the kinds' literals) must not fill the table
      java.util.Arrays.fill(askedNames, null);
      asked = 1;
      k = column.hashCode() & (askedNames.length - 1);
    }
    askedNames[k] = column;
    askedSlots[k] = found;
    return found;
  }

  /** Names asked so far, by reference (open addressing); sized at four times the names a row can ask. */
  private final String[] askedNames;
  private final int[] askedSlots;
  private int asked;

  /** How many times a column was looked up by scanning the header's names (each asked name once, normally). */
  int scans;

  private int find(String column) {
    scans++;
    String[] names = slotNames;
    for (int i = 0; i < names.length; i++) if (names[i] == column) return slotIndex[i];
    for (int i = 0; i < names.length; i++) if (names[i].equals(column)) return slotIndex[i];
    return -1;
  }

  /** Whether {@code a} holds the characters {@code text[from, to)}; a plain loop, as names are short and C1 runs it. */
  static boolean sameChars(char[] a, char[] text, int from, int to) {
    if (a.length != to - from) return false;
    for (int i = 0; i < a.length; i++) if (a[i] != text[from + i]) return false;
    return true;
  }

  /**
   * Names repeat across millions of rows; one copy each keeps the heap small. A cache of two slots per
   * hash (a name goes to the first, the one there moves to the second, the second's leaves) costs no
   * allocation per row, unlike a map; two slots, not one, since names of one slot evicted each other
   * on every row they alternated on (a request log's 10,000 clients: one in seven shared its slot).
   */
  String intern(String s) {
    if (s.isEmpty()) return "";
    if (s.length() > 64) return s; // free text is not worth remembering
    int pair = ((s.hashCode() * 0x9E3779B9) >>> (32 - internBits)) & ~1;
    if (s.equals(interned[pair])) return interned[pair];
    if (s.equals(interned[pair + 1])) return interned[pair + 1];
    keep(vacate(pair), s);
    missed();
    return s;
  }

  /**
   * {@link #intern(String)} of {@code text[from, to)}, making a string only when the cache does not
   * hold it already: most fields of a large file are names seen before.
   */
  String intern(char[] text, int from, int to) {
    int n = to - from;
    if (n == 0) return "";
    if (n > 64) return new String(text, from, n);
    int slot = lookup(text, from, to);
    if (slot >= 0) return interned[slot];
    String s = new String(text, from, n);
    keep(vacate(~slot), s);
    missed();
    return s;
  }

  /**
   * {@code dictionary.code(intern(text, from, to))}, answered from the cache's slot when it holds the name
   * and its code: a request log's names (10,000 clients in random order) were each a string to reach and
   * two tables of {@link StringCodes} to probe, memory far apart; here the slot's characters and its code
   * are all that is read. One dictionary per file (the store its kind's rows go to); another one asked
   * later is answered through its own tables.
   */
  int code(char[] text, int from, int to, StringCodes dictionary) {
    int n = to - from;
    if (n == 0 || n > 64 || (codedBy != null && codedBy != dictionary)) return dictionary.code(intern(text, from, to));
    codedBy = dictionary;
    int slot = lookup(text, from, to);
    if (slot >= 0) {
      int c = codes[slot];
      if (c < 0) codes[slot] = c = dictionary.code(interned[slot]);
      return c;
    }
    slot = vacate(~slot);
    String s = new String(text, from, n);
    keep(slot, s);
    int c = dictionary.code(s);
    codes[slot] = c;
    missed(); // a growth moves the slot and takes its code along
    return c;
  }

  /** The slot holding {@code text[from, to)} (1 to 64 characters), or {@code ~pair}: the first of the two slots it may take. */
  private int lookup(char[] text, int from, int to) {
    int n = to - from;
    int h = 0;
    for (int i = from; i < to; i++) h = 31 * h + text[i];
    int pair = ((h * 0x9E3779B9) >>> (32 - internBits)) & ~1;
    if (n < INLINE) {
      // a slot's characters lie in one run of the arena, its first character the length: the pair's two
      // runs are adjacent, where a char[] per name was a reference to load and an object to reach
      char[] a = arena;
      for (int slot = pair; slot <= pair + 1; slot++) {
        int at = slot * INLINE;
        if (a[at] == n) {
          int k = 0;
          while (k < n && a[at + 1 + k] == text[from + k]) k++;
          if (k == n) return slot;
        }
      }
    } else {
      for (int slot = pair; slot <= pair + 1; slot++) {
        char[] prior = internedChars[slot];
        if (prior != null && sameChars(prior, text, from, to)) return slot;
      }
    }
    return ~pair;
  }

  /** The slot of {@code pair} a new name takes: an empty one, else the first, its name moved to the second (whose name leaves). */
  private int vacate(int pair) {
    if (interned[pair] == null) return pair;
    if (interned[pair + 1] == null) return pair + 1;
    int from = pair * INLINE;
    System.arraycopy(arena, from, arena, from + INLINE, INLINE);
    interned[pair + 1] = interned[pair];
    internedChars[pair + 1] = internedChars[pair];
    codes[pair + 1] = codes[pair];
    return pair;
  }

  /** Names shorter than this are kept in {@link #arena}; longer ones (up to 64) as a char[] per slot. */
  private static final int INLINE = 16;
  /** Per slot, {@link #INLINE} characters: the length of the slot's name (0: none or a long one), then its characters. */
  private char[] arena = new char[INLINE << INTERN_BITS];
  /** The characters of {@link #interned}'s longer strings: compared without charAt. */
  private char[][] internedChars = new char[1 << INTERN_BITS][];
  /** Per slot, the code of its name in {@link #codedBy}, -1 when not asked yet ({@link #code}). */
  private int[] codes = newCodes(1 << INTERN_BITS);
  /** The dictionary {@link #codes} are of; null until a code is asked. */
  private StringCodes codedBy;

  private static int[] newCodes(int n) {
    int[] c = new int[n];
    java.util.Arrays.fill(c, -1);
    return c;
  }

  /** Puts {@code s} in {@code slot}, its characters where the char-range intern compares them. */
  private void keep(int slot, String s) {
    interned[slot] = s;
    codes[slot] = -1;
    int n = s.length();
    int at = slot * INLINE;
    if (n < INLINE) {
      arena[at] = (char) n;
      s.getChars(0, n, arena, at + 1);
      internedChars[slot] = null;
    } else {
      arena[at] = 0;
      internedChars[slot] = s.toCharArray();
    }
  }

  /**
   * Counts a name the cache did not hold, and grows the cache (up to {@link #MAX_INTERN_BITS}) once it has
   * missed as many names as it has slots: a file of many distinct names then finds them again instead of
   * making a string per field (the names it holds keep their instances, so codes by reference still hit).
   */
  private void missed() {
    if (++internMisses <= interned.length || internBits >= MAX_INTERN_BITS) return;
    String[] oldNames = interned;
    int[] oldCodes = codes;
    internBits += 2;
    interned = new String[1 << internBits];
    internedChars = new char[1 << internBits][];
    arena = new char[INLINE << internBits];
    codes = newCodes(1 << internBits);
    for (int i = 0; i < oldNames.length; i++) {
      String s = oldNames[i];
      if (s == null) continue;
      // the char-range hash is String.hashCode
      int slot = vacate(((s.hashCode() * 0x9E3779B9) >>> (32 - internBits)) & ~1);
      keep(slot, s);
      codes[slot] = oldCodes[i];
    }
    internMisses = 0;
  }

  private static final int SHARED_BITS = 12;
  private final org.hindsight.facts.Attributes[] shared = new org.hindsight.facts.Attributes[1 << SHARED_BITS];

  /**
   * A row's extra columns: one instance per distinct set of values seen lately (rows often repeat
   * them: a host, a region), shared by those rows; attributes are immutable. A direct-mapped
   * cache (a colliding set just takes the slot): at 10M rows two objects fewer for each of 550k events (26 MiB).
   */
  org.hindsight.facts.Attributes extras(String[] values) {
    org.hindsight.facts.Attributes made = org.hindsight.facts.Attributes.ofSorted(extraKeys, values);
    int slot = (java.util.Arrays.hashCode(values) * 0x9E3779B9) >>> (32 - SHARED_BITS);
    org.hindsight.facts.Attributes prior = shared[slot];
    if (made.equals(prior)) return prior;
    shared[slot] = made;
    return made;
  }

  void noteOffset(Timestamps.Parsed p) {
    offsets.note(p);
  }

  /** Remembers the offset of the earliest instant seen: the default zone of reports. */
  static final class OffsetTracker {
    private Instant earliest;
    private java.time.ZoneOffset offset;

    void note(Timestamps.Parsed p) {
      if (earliest == null || p.instant().isBefore(earliest)) {
        earliest = p.instant();
        offset = p.offset();
      }
    }

    java.time.ZoneOffset offset() {
      return offset;
    }
  }
}
