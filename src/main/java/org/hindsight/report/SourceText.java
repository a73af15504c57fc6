package org.hindsight.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hindsight.facts.SourceRef;
import org.hindsight.ingest.Inputs;

/**
 * The text of cited log records, read back from the files at report time (facts keep only file and
 * line, which keeps millions of rows cheap). A CSV record that spans lines (quoted newlines) is
 * joined; a cited line of another log (an importer's origin: a TACACS+ file, a syslog, a JSON
 * export) is read as it stands, compressed or not, and cut short when it is very long.
 */
public final class SourceText {
  private final Map<SourceRef, String> text = new HashMap<>();

  public static SourceText of(Collection<SourceRef> refs) {
    SourceText st = new SourceText();
    Map<String, TreeSet<Integer>> byFile = new TreeMap<>();
    for (SourceRef r : refs) {
      if (r != null) byFile.computeIfAbsent(r.file(), k -> new TreeSet<>()).add(r.line());
    }
    byFile.forEach((file, lines) -> st.read(file, lines));
    return st;
  }

  /** A cited line of a non-CSV log beyond this many characters (e.g. one-line JSON) is shortened. */
  static final int MAX_TEXT = 400;

  private void read(String file, TreeSet<Integer> wanted) {
    if (file.equals(Inputs.STDIN_NAME)) return; // read once, gone
    boolean csv = Inputs.withoutCompression(file).toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Inputs.open(Path.of(file)), StandardCharsets.UTF_8))) {
      int lineNo = 0;
      int last = wanted.last();
      String line;
      while (lineNo < last && (line = in.readLine()) != null) {
        lineNo++;
        if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
        if (!wanted.contains(lineNo)) continue;
        StringBuilder record = new StringBuilder(line);
        int start = lineNo;
        while (csv && unbalancedQuotes(record) && (line = in.readLine()) != null) {
          lineNo++;
          record.append('\n').append(line);
        }
        if (!csv && record.length() > MAX_TEXT) {
          record.setLength(MAX_TEXT);
          record.append('…');
        }
        text.put(new SourceRef(file, start), record.toString());
      }
    } catch (IOException | java.nio.file.InvalidPathException | java.io.UncheckedIOException e) {
      // the file changed or vanished since it was read: cite without text
    }
  }

  private static boolean unbalancedQuotes(CharSequence s) {
    int q = 0;
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '"') q++;
    return q % 2 == 1;
  }

  /** The record's text, or "" when it cannot be read back. */
  public String get(SourceRef ref) {
    return ref == null ? "" : text.getOrDefault(ref, "");
  }
}
