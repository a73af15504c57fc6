package org.hindsight.reduce;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/** One input file as the job sees it: its kind, format, header and how its rows are cited. */
final class InputLayout implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String ORIGIN = "origin";

  enum Format { CSV, JSON_LINES, PARQUET }

  final int fileIndex;
  final String path;
  /** The file as the user named it: what evidence cites. */
  final String display;
  final String kind;
  final Format format;
  final String[] columns;
  final Map<String, Integer> index = new HashMap<>();
  final boolean hasOrigin;

  InputLayout(int fileIndex, String path, String display, String kind, Format format, String[] columns) {
    this.fileIndex = fileIndex;
    this.path = path;
    this.display = display;
    this.kind = kind;
    this.format = format;
    this.columns = columns;
    for (int i = 0; i < columns.length; i++) index.putIfAbsent(columns[i], i);
    this.hasOrigin = index.containsKey(ORIGIN);
  }

  /** How a record of this file is cited: {@code file:line}, or {@code file#row:N} for Parquet (no lines there). */
  String cite(long number) {
    return format == Format.PARQUET ? display + "#row:" + number : display + ":" + number;
  }
}
