package org.hindsight.ingest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What one file's header says: where each column is, which columns are extras. */
final class FileLayout {
  final String file;
  final LogKind kind;
  final Map<String, Integer> index;
  final List<String> extraColumns;
  final Timestamps timestamps;
  final OffsetTracker offsets;
  int width;
  private final Map<String, String> interned = new HashMap<>();

  FileLayout(String file, LogKind kind, Map<String, Integer> index, List<String> extraColumns,
      Timestamps timestamps, OffsetTracker offsets) {
    this.file = file;
    this.kind = kind;
    this.index = index;
    this.extraColumns = extraColumns;
    this.timestamps = timestamps;
    this.offsets = offsets;
  }

  /** Names repeat across millions of rows; one copy each keeps the heap small. */
  String intern(String s) {
    if (s.length() > 64) return s;
    String prior = interned.putIfAbsent(s, s);
    if (interned.size() > 100_000) interned.clear(); // free text is not worth remembering
    return prior != null ? prior : s;
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
