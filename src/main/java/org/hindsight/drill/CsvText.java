package org.hindsight.drill;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file as raw records (a quoted field may span lines), kept byte for byte so a file can be
 * rewritten with rows added without reformatting the generator's rows, and with each record's
 * first line number, as the reader cites it.
 */
final class CsvText {
  /** One record: its text without the line end, and the line it starts on (1 = header). */
  record Record(String text, int line) {
    List<String> fields() {
      try (CSVParser p = CSVFormat.RFC4180.parse(new StringReader(text))) {
        List<CSVRecord> rs = p.getRecords();
        return rs.isEmpty() ? List.of() : rs.get(0).toList();
      } catch (IOException | java.io.UncheckedIOException e) {
        return List.of();
      }
    }
  }

  final List<Record> records;

  private CsvText(List<Record> records) {
    this.records = records;
  }

  static CsvText read(Path file) throws IOException {
    String all = Files.readString(file, StandardCharsets.UTF_8);
    if (!all.isEmpty() && all.charAt(0) == '\uFEFF') all = all.substring(1);
    List<Record> out = new ArrayList<>();
    String[] lines = all.split("\r?\n", -1);
    int n = lines.length;
    if (n > 0 && lines[n - 1].isEmpty()) n--; // the final line end
    StringBuilder rec = null;
    int start = 0;
    for (int i = 0; i < n; i++) {
      if (rec == null) {
        rec = new StringBuilder(lines[i]);
        start = i + 1;
      } else {
        rec.append('\n').append(lines[i]);
      }
      if (quotesBalanced(rec)) {
        out.add(new Record(rec.toString(), start));
        rec = null;
      }
    }
    if (rec != null) out.add(new Record(rec.toString(), start));
    return new CsvText(out);
  }

  private static boolean quotesBalanced(CharSequence s) {
    int q = 0;
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '"') q++;
    return q % 2 == 0;
  }

  /** Lower-case header names, in order. */
  List<String> header() {
    return records.isEmpty() ? List.of() : records.get(0).fields().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
  }

  /** One row as CSV text, with the values placed under the header's columns (others left empty). */
  static String row(List<String> header, java.util.Map<String, String> values) {
    Object[] cells = new Object[header.size()];
    for (int i = 0; i < cells.length; i++) cells[i] = values.getOrDefault(header.get(i), "");
    return CSVFormat.RFC4180.format(cells);
  }

  static int lineCount(String recordText) {
    int n = 1;
    for (int i = 0; i < recordText.length(); i++) if (recordText.charAt(i) == '\n') n++;
    return n;
  }
}
