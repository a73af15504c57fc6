package org.hindsight.facts;

import java.util.Comparator;

/** Where a fact came from: a log file (as the user named it) and the line its record starts on. */
public record SourceRef(String file, int line) implements Comparable<SourceRef> {
  public static final Comparator<SourceRef> ORDER =
      Comparator.comparing(SourceRef::file).thenComparingInt(SourceRef::line);

  @Override
  public int compareTo(SourceRef other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }

  /**
   * The line first: refs of one file (most compared ones) differ there, and their file names, equal but
   * not identical, would be compared character by character first (a rule's {@code collect} removing a
   * deleted change compares it with every element before it).
   */
  @Override
  public boolean equals(Object o) {
    return this == o || o instanceof SourceRef r && line == r.line && java.util.Objects.equals(file, r.file);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Objects.hashCode(file) + line; // as a record's would be (file first)
  }

  /**
   * {@code refs} as an unmodifiable list: when they all name one file, held as that file and the lines
   * (4 bytes a record instead of a 24-byte {@code SourceRef}), each made when read (equal, not identical);
   * otherwise {@link List#copyOf}. A CLI session's change cites every line of the session, one such list
   * per session (1.3M records on a 100M bundle).
   */
  public static java.util.List<SourceRef> compact(java.util.List<SourceRef> refs) {
    if (refs instanceof Lines) return refs;
    if (refs.size() < 2) return java.util.List.copyOf(refs);
    String file = refs.get(0).file();
    int[] lines = new int[refs.size()];
    for (int i = 0; i < lines.length; i++) {
      SourceRef r = refs.get(i);
      if (!r.file().equals(file)) return java.util.List.copyOf(refs);
      lines[i] = r.line();
    }
    return new Lines(file, lines);
  }

  /** Whether {@code refs} is already held as {@link #compact} holds it (nothing to copy). */
  public static boolean isCompact(java.util.List<SourceRef> refs) {
    return refs instanceof Lines;
  }

  private static final class Lines extends java.util.AbstractList<SourceRef> implements java.util.RandomAccess {
    private final String file;
    private final int[] lines;

    Lines(String file, int[] lines) {
      this.file = file;
      this.lines = lines;
    }

    @Override
    public SourceRef get(int i) {
      return new SourceRef(file, lines[i]);
    }

    @Override
    public int size() {
      return lines.length;
    }
  }
}
