package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hindsight.facts.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files as a user's raw exports leave them that BundleReaderTest does not cover: a workbook, an
 * archive or a document saved under a .csv name is said for what it is at line 1 (not as a byte that
 * is not UTF-8, with advice to try another encoding); a compressed file cut off is said at the line it
 * stops after; the empty rows a spreadsheet exports below its data (separators, or spaces, only) are
 * no records.
 */
class RawExportShapesTest {
  @TempDir Path dir;

  static final String EVENTS = "timestamp,source,type,entity\n2021-10-25T11:16:05Z,noc,deploy,e1\n2021-10-25T11:17:05Z,noc,host.down,e2\n";

  private List<String> problems() {
    InputException e = assertThrows(InputException.class, () -> BundleReader.builder().build().readArgs(List.of(dir.toString())));
    return e.problems().stream().map(InputProblem::toString).toList();
  }

  private Bundle read() throws InputException {
    return BundleReader.builder().build().readArgs(List.of(dir.toString()));
  }

  private void saysAtLineOne(byte[] content, String what) throws IOException {
    Files.write(dir.resolve("events.csv"), content);
    List<String> p = problems();
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).endsWith("events.csv:1: " + what), p.get(0));
    assertFalse(p.get(0).contains("UTF-8") && p.get(0).contains("--encoding"), "no advice to read a binary file in another encoding: " + p);
  }

  @Test
  void aWorkbookAnArchiveOrADocumentNamedCsvIsSaidForWhatItIs() throws Exception {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      z.write("<worksheet/>".getBytes(StandardCharsets.UTF_8));
    }
    saysAtLineOne(zip.toByteArray(), "a ZIP archive (an Excel .xlsx workbook?), not CSV text: save the sheet as CSV (UTF-8), or unzip it");
    saysAtLineOne(bytes("d0cf11e0a1b11ae1000000000000000000000000"), "an Excel 97-2003 workbook (.xls), not CSV text: save the sheet as CSV (UTF-8)");
    // the first bytes of `bzip2` and `xz` of a header line
    saysAtLineOne(bytes("425a683931415926535932a1a6940000"), "bzip2-compressed: decompress it (bunzip2), or recompress it with gzip or zstd,"
        + " which are read as they are");
    saysAtLineOne(bytes("fd377a585a000004e6d6b446"), "xz-compressed: decompress it (unxz), or recompress it with gzip or zstd, which are read as they are");
    saysAtLineOne("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1), "a PDF document, not CSV text: export the data itself as CSV");
  }

  @Test
  void aHeaderThatOnlyLooksLikeAMagicNumberIsReadAsText() throws Exception {
    // near misses: text that begins as those formats' signatures do, but goes on as text
    Files.writeString(dir.resolve("events.csv"), "BZh9,%PDF-x,timestamp,source,type,entity\nr,p,2021-10-25T11:16:05Z,noc,deploy,e1\n");
    Bundle b = read();
    assertEquals(1, b.events().size());
    assertEquals("r", b.events().get(0).attr("bzh9"));
  }

  @Test
  void aCompressedFileCutOffIsSaidAtTheLineItStopsAfter() throws Exception {
    StringBuilder text = new StringBuilder("timestamp,source,type,entity\n");
    for (int i = 0; i < 5000; i++) text.append("2021-10-25T11:16:05Z,noc,deploy,entity-").append(i).append('\n');
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz)) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = gz.toByteArray();
    Files.write(dir.resolve("events.csv.gz"), Arrays.copyOf(whole, whole.length / 2));
    List<String> p = problems();
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).matches(".*events\\.csv\\.gz:\\d+: the compressed file is cut off after this line \\(copied or written while incomplete\\?\\):"
        + " the rest of it is missing"), p.get(0));
    int line = Integer.parseInt(p.get(0).replaceAll(".*events\\.csv\\.gz:(\\d+):.*", "$1"));
    assertTrue(line > 100 && line < 5001, "the line it reached, not the header: " + line);
    // the whole file reads
    Files.write(dir.resolve("events.csv.gz"), whole);
    assertEquals(5000, read().events().size());
  }

  @Test
  void rowsOfSeparatorsOrSpacesOnlyAreNoRecords() throws Exception {
    Files.writeString(dir.resolve("events.csv"), EVENTS + ",,,\n   \n , ,\t,\n");
    Files.writeString(dir.resolve("links.csv"), "a;b\nr1;r2\n;\n;\n");
    Bundle b = read();
    assertEquals(List.of("e1", "e2"), b.events().stream().map(Event::entity).toList());
    assertEquals(1, b.links().size());
    assertEquals(0, b.stats().skipped());
    // trailing separators with spaces in them are blank too
    Files.writeString(dir.resolve("events.csv"), EVENTS + "2021-10-25T11:18:05Z,noc,host.up,e2, , \n");
    assertEquals(3, read().events().size());
    // near miss: one value among the separators is a record missing its required fields
    Files.writeString(dir.resolve("events.csv"), EVENTS + ",,x,\n");
    List<String> p = problems();
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).contains("events.csv:4: "), p.toString());
  }

  @Test
  void aSemicolonExportWhoseHeaderCellHoldsACommaIsReadBySemicolons() throws Exception {
    // Excel in a European locale quotes nothing for a comma when it separates by semicolons
    Files.writeString(dir.resolve("events.csv"), "timestamp;source;type;entity;note, short\n2021-10-25T11:16:05Z;noc;deploy;e1;v1,5 out\n");
    Bundle b = read();
    assertEquals("e1", b.events().get(0).entity());
    assertEquals("v1,5 out", b.events().get(0).attr("note, short"));
    // near miss: a comma-separated header with a semicolon in one cell stays comma-separated
    Files.writeString(dir.resolve("events.csv"), "timestamp,source,type,entity,note;short\n2021-10-25T11:16:05Z,noc,deploy,e1,a;b\n");
    assertEquals("a;b", read().events().get(0).attr("note;short"));
  }

  private static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex);
  }
}
