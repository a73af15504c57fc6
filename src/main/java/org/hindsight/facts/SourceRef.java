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
}
