package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shortcuts ingest takes per field and per record read what the general way reads: counts from the
 * buffer, a file's column positions kept by the name asked, trimmed bounds found once, one row object
 * per file, the header-again test by length first.
 */
class IngestFastPathsTest {
  @TempDir Path dir;

  @Test
  void aCountReadFromTheBufferIsTheOneParseCountReads() {
    Random random = new Random(23);
    String alphabet = "0123456789 -+.,x";
    List<String> texts = new ArrayList<>(List.of("0", "007", "2147483647", "2147483648", "99999999999", "", "1e3", "٣"));
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(12);
      for (int k = 0; k < n; k++) sb.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : (char) ('0' + random.nextInt(10)));
      texts.add(sb.toString());
    }
    for (String t : texts) {
      char[] text = ("#" + t + "#").toCharArray();
      assertEquals(Numbers.parseCount(t), Numbers.plainCount(text, 1, 1 + t.length()), "'" + t + "'");
    }
  }

  @Test
  void aColumnIsFoundByTheNameAskedAsOftenAsAskedAndAnAbsentOneStaysAbsent() {
    FileLayout layout = new FileLayout("metrics.csv", LogKind.METRICS,
        Map.of("timestamp", 0, "entity", 1, "metric", 2, "value", 3), List.of(), null, new FileLayout.OffsetTracker());
    for (int round = 0; round < 3; round++) {
      assertEquals(1, layout.slot("entity"));
      assertEquals(-1, layout.slot("baseline")); // an optional column the file lacks, asked on every row
      assertEquals(3, layout.slot(new String("value"))); // an equal name of another instance
      // more names than the layout keeps answers for: each still answered right, the kept ones overwritten
      for (int i = 0; i < 100; i++) assertEquals(-1, layout.slot("extra" + i));
      assertEquals(0, layout.slot("timestamp"));
      assertEquals(2, layout.slot("metric"));
    }
  }

  @Test
  void trimmedBoundsAreThoseStringTrimGives() throws IOException {
    Random random = new Random(5);
    String[] pieces = {"a", "b1", " ", "\t", "\u0001", "x y", "", "\u00a0"};
    for (int round = 0; round < 300; round++) {
      StringBuilder sb = new StringBuilder();
      int fields = 1 + random.nextInt(40); // past the reader's first 32 field slots too
      for (int f = 0; f < fields; f++) {
        if (f > 0) sb.append(',');
        boolean quoted = random.nextInt(4) == 0;
        if (quoted) sb.append('"');
        for (int k = random.nextInt(5); k > 0; k--) sb.append(quoted && random.nextInt(5) == 0 ? "\"\", " : pieces[random.nextInt(pieces.length)]);
        if (quoted) sb.append('"');
      }
      try (CsvReader csv = new CsvReader(new StringReader(sb + "\n"), 1 << 20)) {
        assertTrue(csv.next());
        for (int i = 0; i < csv.size(); i++) {
          String trimmed = csv.get(i).trim();
          assertEquals(trimmed, new String(csv.text(), csv.trimmedStart(i), csv.trimmedEnd(i) - csv.trimmedStart(i)), sb + " field " + i);
        }
      }
    }
  }

  @Test
  void aBadRowLeavesNothingOnTheRowsAfterIt() throws Exception {
    // one row object serves the whole file: a row's problems and origin must not reach the next row
    StringBuilder file = new StringBuilder("timestamp,source,type,entity,origin\n");
    int bad = 0;
    for (int i = 0; i < 40; i++) {
      boolean broken = i % 3 == 1;
      if (broken) bad++;
      file.append(broken ? "yesterday" : "2021-10-25T11:16:" + String.format("%02d", i) + "Z")
          .append(",noc,t").append(i).append(",e").append(i).append(",log.txt:").append(100 + i).append('\n');
    }
    Files.writeString(dir.resolve("events.csv"), file, StandardCharsets.UTF_8);
    Bundle b = BundleReader.builder().lenient(true).build().readArgs(List.of(dir.toString()));
    assertEquals(40 - bad, b.events().size());
    assertEquals(bad, b.stats().skipped());
    for (var e : b.events()) {
      int i = Integer.parseInt(e.type().substring(1));
      assertEquals("log.txt", e.origin().file());
      assertEquals(100 + i, e.origin().line(), e.toString());
    }
  }

  @Test
  void theHeaderAgainIsToldByItsNamesWhateverTheirLengths() throws Exception {
    String longName = "a_column_name_longer_than_sixty_four_characters_as_some_exporters_write_them";
    String header = "timestamp,source,type,entity," + longName;
    Files.writeString(dir.resolve("events.csv"), String.join("\n", header,
        "2021-10-25T11:16:05Z,noc,a,e1,v",
        header, // the header again, its first name of a length no timestamp has
        "sourcexxx,noc,b,e2,v", // a first field of a header name's length: a record (a bad one)
        "2021-10-25T11:16:06Z,noc,c,e3,v", ""), StandardCharsets.UTF_8);
    Bundle b = BundleReader.builder().lenient(true).lenientAll(true).build().readArgs(List.of(dir.toString()));
    assertEquals(2, b.events().size());
    assertEquals(1, b.stats().skipped());
    Files.writeString(dir.resolve("events.csv"), String.join("\n", longName + ",timestamp,source,type,entity",
        "v,2021-10-25T11:16:05Z,noc,a,e1",
        " " + longName.toUpperCase() + " ,timestamp,source,type,entity", // a first name of 64 characters or more
        "v,2021-10-25T11:16:06Z,noc,b,e2", ""), StandardCharsets.UTF_8);
    b = BundleReader.builder().build().readArgs(List.of(dir.toString()));
    assertEquals(2, b.events().size());
    assertEquals(0, b.stats().skipped());
  }

  @Test
  void aRequestFingerprintTellsRowsApartByTheirTrimmedFieldsAlone() throws IOException {
    // read two characters at a time: odd lengths, a character moved across a field's end, spaces around
    java.util.Map<String, Integer> columns = new java.util.HashMap<>();
    String[] names = {"timestamp", "datacenter", "server", "process", "status"};
    for (int i = 0; i < names.length; i++) columns.put(names[i], i);
    FileLayout layout = new FileLayout("requests.csv", LogKind.REQUESTS, columns, List.of(), null, new FileLayout.OffsetTracker());
    layout.columns = List.of(names);
    Random random = new Random(41);
    String alphabet = "ab1 ";
    Map<Long, String> seen = new java.util.HashMap<>();
    for (int i = 0; i < 30_000; i++) {
      StringBuilder row = new StringBuilder();
      for (int f = 0; f < names.length; f++) {
        if (f > 0) row.append(',');
        for (int k = random.nextInt(4); k > 0; k--) row.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      List<String> trimmed = new ArrayList<>();
      long fp;
      try (CsvReader csv = new CsvReader(new StringReader(row + "\n"), 1 << 20)) {
        assertTrue(csv.next());
        for (int f = 0; f < csv.size(); f++) trimmed.add(csv.get(f).trim());
        fp = RepeatedBlock.fingerprint(layout, csv);
      }
      String prior = seen.putIfAbsent(fp, trimmed.toString());
      if (prior != null) assertEquals(prior, trimmed.toString(), "one fingerprint for two rows");
    }
    assertTrue(seen.size() > 10_000, seen.size() + " distinct rows");
  }

  @Test
  void aBadByteReadByTheBundleReaderIsNamedAtItsLineHoweverTheRecordsBreak() throws Exception {
    // the CSV reader places the bad byte by its own line count (CR, LF, CRLF; inside quotes too)
    Random random = new Random(9);
    String[] breaks = {"\n", "\r\n", "\r"};
    for (int round = 0; round < 40; round++) {
      StringBuilder sb = new StringBuilder("timestamp,source,type,entity,message").append(breaks[random.nextInt(3)]);
      int rows = random.nextInt(random.nextBoolean() ? 3000 : 40);
      for (int i = 0; i < rows; i++) {
        String message = random.nextInt(4) == 0 ? "\"two" + breaks[random.nextInt(3)] + "lines, caf\u00e9\"" : "plain";
        sb.append("2021-10-25T11:16:05Z,noc,t,e,").append(message).append(breaks[random.nextInt(3)]);
      }
      String before = sb.toString();
      int line = 1;
      for (int i = 0; i < before.length(); i++) {
        char c = before.charAt(i);
        if (c == '\r' || c == '\n' && (i == 0 || before.charAt(i - 1) != '\r')) line++;
      }
      byte[] head = before.getBytes(StandardCharsets.UTF_8);
      byte[] bytes = java.util.Arrays.copyOf(head, head.length + 30);
      byte[] tail = "2021-10-25T11:16:06Z,noc,t,e,x\n".getBytes(StandardCharsets.UTF_8);
      System.arraycopy(tail, 0, bytes, head.length, tail.length - 2);
      bytes[head.length + 25] = (byte) 0xFF; // never UTF-8, inside the last record's time
      Files.write(dir.resolve("events.csv"), java.util.Arrays.copyOf(bytes, head.length + tail.length - 2));
      InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
          () -> BundleReader.builder().build().readArgs(List.of(dir.toString())));
      String problem = e.problems().get(e.problems().size() - 1).toString();
      assertTrue(problem.endsWith("events.csv:" + line + ": byte 0xFF is not valid UTF-8 (try --encoding ISO-8859-1 or windows-1252)"),
          "round " + round + ": " + problem);
    }
  }
}
