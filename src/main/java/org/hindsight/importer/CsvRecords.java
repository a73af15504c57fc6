package org.hindsight.importer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hindsight.ingest.LogKind;

/** Reads an export's CSV with its header, giving each record with the line it starts on. */
final class CsvRecords {
  /** A record and its header, looked up by any of several column names (exports name columns differently). */
  static final class Rec {
    final int line;
    final CSVRecord record;
    final Map<String, Integer> header;
    /** The header cells as written. */
    final List<String> names;

    Rec(int line, CSVRecord record, Map<String, Integer> header, List<String> names) {
      this.line = line;
      this.record = record;
      this.header = header;
      this.names = names;
    }

    /** The first of the columns present, trimmed; "" when none is. */
    String get(String... names) {
      for (String n : names) {
        Integer i = header.get(norm(n));
        if (i != null && i < record.size()) return record.get(i).trim();
      }
      return "";
    }

    /**
     * The value for a contract column: from the user's column when {@code --map} names one for this
     * kind, else from the first of the format's usual columns present.
     */
    String pick(ImportRun run, LogKind kind, String contract, String... usual) {
      var mine = run.settings().columnMap.mapped(kind, contract);
      return mine.isPresent() ? get(mine.get()) : get(usual);
    }

    /** Column values by header name, untrimmed. */
    String raw(String name) {
      Integer i = header.get(norm(name));
      return i != null && i < record.size() ? record.get(i) : "";
    }
  }

  @FunctionalInterface
  interface Handler {
    void record(Rec r) throws IOException;
  }

  private CsvRecords() {}

  /** Header names compare without case, spaces, dots, dashes or underscores ({@code Primary IPv4} = {@code primary_ipv4}). */
  static String norm(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[\\s._-]", "");
  }

  /**
   * Calls the handler for each record; the header is returned (normalised names) so a caller can
   * check it first. A semicolon-separated export (Grafana's older CSV) is read as such.
   */
  static Map<String, Integer> each(Source source, ImportRun run, List<String> needAnyOf, Handler handler) throws IOException {
    return each(source, run, needAnyOf, false, handler);
  }

  /**
   * As {@link #each(Source, ImportRun, List, Handler)}; with {@code comments}, a line starting with {@code #} before a
   * record is no record (PowerShell's {@code Export-Csv} starts with {@code #TYPE System.…} unless told not to).
   */
  static Map<String, Integer> each(Source source, ImportRun run, List<String> needAnyOf, boolean comments, Handler handler)
      throws IOException {
    char delimiter = ',';
    try (Reader peek = source.reader()) {
      char[] buf = new char[4096];
      int n = peek.read(buf);
      String first = "";
      for (String line : (n <= 0 ? "" : new String(buf, 0, n)).split("\n")) {
        first = line;
        if (!comments || !line.startsWith("#")) break; // the header tells the separator, not a comment before it
      }
      if (first.chars().filter(c -> c == ';').count() > first.chars().filter(c -> c == ',').count()) delimiter = ';';
    }
    try (Reader in = source.reader();
        CSVParser p = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
            .setCommentMarker(comments ? '#' : null).build().parse(in)) {
      Iterator<CSVRecord> it = p.iterator();
      if (!it.hasNext()) {
        run.fileProblem(source, "empty file: expected a header row");
        return Map.of();
      }
      CSVRecord head = it.next();
      Map<String, Integer> header = new HashMap<>();
      List<String> names = head.toList();
      for (int i = 0; i < head.size(); i++) header.putIfAbsent(norm(head.get(i)), i);
      if (!needAnyOf.isEmpty() && needAnyOf.stream().noneMatch(c -> header.containsKey(norm(c)))) {
        run.fileProblem(source, "no " + String.join(" or ", needAnyOf) + " column in the header: not a file of this format");
        return header;
      }
      long previousEnd = p.getCurrentLineNumber();
      while (true) {
        int line = (int) previousEnd + 1;
        CSVRecord rec;
        try {
          if (!it.hasNext()) break;
          rec = it.next();
        } catch (UncheckedIOException e) {
          if (e.getCause() instanceof org.hindsight.ingest.StrictText.Undecodable bad) throw bad; // the file's, at its own line
          run.problem(source, line, "malformed CSV: " + e.getCause().getMessage().replaceAll("\\s+", " "));
          break;
        }
        previousEnd = p.getCurrentLineNumber();
        handler.record(new Rec(line, rec, header, names));
      }
      return header;
    }
  }
}
