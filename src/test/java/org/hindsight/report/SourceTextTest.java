package org.hindsight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hindsight.facts.SourceRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cited records read back: the lines {@link BufferedReader#readLine} gives, quoted line breaks joined. */
class SourceTextTest {
  private static final String[] PIECES = {"a", "b,c", "\"", "\"q\"\"x\"", "\n", "\r", "\r\n", "é", "", "2024-01-01T00:00:00Z"};

  /** The records as read before skipping was made cheaper: every line through readLine. */
  private static java.util.Map<Integer, String> expected(String content, java.util.Set<Integer> wanted) throws Exception {
    java.util.Map<Integer, String> out = new java.util.HashMap<>();
    BufferedReader in = new BufferedReader(new StringReader(content));
    int lineNo = 0;
    String l;
    while ((l = in.readLine()) != null) {
      lineNo++;
      if (lineNo == 1 && !l.isEmpty() && l.charAt(0) == '\uFEFF') l = l.substring(1);
      if (!wanted.contains(lineNo)) continue;
      StringBuilder record = new StringBuilder(l);
      int start = lineNo;
      while (record.chars().filter(c -> c == '"').count() % 2 == 1 && (l = in.readLine()) != null) {
        lineNo++;
        record.append('\n').append(l);
      }
      out.put(start, record.toString());
    }
    return out;
  }

  @Test
  void readsTheCitedRecordsAsWholeLinesWouldGiveThem(@TempDir Path dir) throws Exception {
    Random random = new Random(31);
    for (int round = 0; round < 300; round++) {
      StringBuilder b = new StringBuilder(random.nextInt(4) == 0 ? "\uFEFF" : "");
      int n = random.nextInt(30);
      for (int i = 0; i < n; i++) b.append(PIECES[random.nextInt(PIECES.length)]);
      String content = b.toString();
      Path f = dir.resolve("events-" + round + ".csv");
      Files.writeString(f, content, StandardCharsets.UTF_8);
      List<SourceRef> refs = new ArrayList<>();
      for (int line = 1; line <= 12; line++) if (random.nextBoolean()) refs.add(new SourceRef(f.toString(), line));
      SourceText text = SourceText.of(refs);
      var want = expected(content, new java.util.HashSet<>(refs.stream().map(SourceRef::line).toList()));
      for (SourceRef r : refs) {
        // a cited line inside a cited record that started earlier is not a record of its own
        assertEquals(want.getOrDefault(r.line(), ""), text.get(r), () -> "line " + r.line() + " of " + content.replace("\r", "\\r").replace("\n", "\\n"));
      }
    }
  }
}
