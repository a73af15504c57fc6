package org.hindsight.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hindsight.ingest.InputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of a JSON-or-YAML export that the golden files do not show, the same for every importer that reads one
 * ({@code JsonRecords.firstLine}, {@code JsonRecords.yamlDocuments}): a byte-order mark, comments, a {@code ---} before
 * JSON, empty YAML documents, and a byte the charset cannot decode.
 */
class DocumentHeadTest {
  static final Path IMPORT = Path.of("src/test/resources/import");
  @TempDir Path tmp;

  /** Each format's JSON and YAML golden inputs, and its file name in the bundle. */
  private static final java.util.Map<String, String[]> INPUTS = java.util.Map.of(
      "helm-history", new String[] {"helm-history/checkout.json", "helm-history/redis.yaml", "changes-helm-history.csv"},
      "argocd-history", new String[] {"argocd-history/application.json", "argocd-history/applications.yaml", "changes-argocd-history.csv"},
      "k8s-events", new String[] {"k8s-events/events.json", "k8s-events/events.yaml", "events-k8s-events.csv"});

  private List<String> rows(String format, Path file) throws Exception {
    Path out = tmp.resolve("out-" + file.getFileName());
    Import.run(List.of(new Import.Job(format, List.of(file.toString()))),
        ImportSettings.builder().timezone(java.time.ZoneOffset.UTC).takenAt(java.time.Instant.parse("2024-06-20T16:00:00Z")).build(), out);
    return Files.readAllLines(out.resolve(INPUTS.get(format)[2]));
  }

  private List<String> golden(String format, int which) throws Exception {
    return rows(format, IMPORT.resolve(INPUTS.get(format)[which]));
  }

  /** The golden input with {@code before} put ahead of it, as rows (origins pointing at the golden file's lines). */
  private List<String> withHead(String format, int which, String before, byte[]... prefix) throws Exception {
    Path f = tmp.resolve(format + "-" + which + (which == 0 ? ".json" : ".yaml"));
    byte[] text = Files.readAllBytes(IMPORT.resolve(INPUTS.get(format)[which]));
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    for (byte[] p : prefix) b.write(p);
    b.write(before.getBytes(StandardCharsets.UTF_8));
    b.write(text);
    Files.write(f, b.toByteArray());
    return rows(format, f);
  }

  /** Rows without their origin, and the origin's line moved back by {@code shift}. */
  private static List<String> shifted(List<String> rows, int shift) {
    return rows.stream().skip(1).map(r -> {
      int c = r.lastIndexOf(':');
      return r.substring(0, r.lastIndexOf(',', c)) + ":" + (Integer.parseInt(r.substring(c + 1)) - shift);
    }).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"helm-history", "argocd-history", "k8s-events"})
  void aByteOrderMarkAndCommentsBeforeJsonOrYamlChangeNothingButTheLines(String format) throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    for (int which : new int[] {0, 1}) {
      List<String> plain = shifted(golden(format, which), 0);
      if (which == 1) {
        assertEquals(plain, shifted(withHead(format, which, "# exported after the incident\n\n", bom), 2), format + " YAML");
        assertEquals(plain, shifted(withHead(format, which, "---\n"), 1), format + " YAML after ---");
      } else {
        assertEquals(plain, shifted(withHead(format, which, "", bom), 0), format + " JSON after a byte-order mark");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"helm-history", "argocd-history", "k8s-events"})
  void jsonAfterADocumentMarkerIsReadAsTheYamlItAlsoIs(String format) throws Exception {
    // a YAML document marker before a pretty-printed JSON export (echo ---; kubectl … -o json): JSON is YAML's flow style
    assertEquals(shifted(golden(format, 0), 0), shifted(withHead(format, 0, "---\n"), 1), format);
  }

  @ParameterizedTest
  @ValueSource(strings = {"helm-history", "argocd-history", "k8s-events"})
  void anEmptyYamlDocumentIsNoRecord(String format) throws Exception {
    // concatenated exports leave a bare '---' at the end, or two in a row: nothing there to import or complain of
    Path f = tmp.resolve(format + ".yaml");
    Files.writeString(f, Files.readString(IMPORT.resolve(INPUTS.get(format)[1])) + "---\n---\n");
    assertEquals(golden(format, 1), rows(format, f).stream().map(r -> r.replace(f.toString(), IMPORT.resolve(INPUTS.get(format)[1]).toString())).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"helm-history", "argocd-history", "k8s-events"})
  void aByteTheCharsetCannotDecodeIsAProblemAtItsLine(String format) throws Exception {
    for (String head : List.of("", "# exported after the incident\n")) {
      Path f = tmp.resolve(format + "-latin1.yaml");
      Files.write(f, (head + Files.readString(IMPORT.resolve(INPUTS.get(format)[1])).replaceFirst("\n", " # r\u00e9seau\n"))
          .getBytes(StandardCharsets.ISO_8859_1));
      InputException e = assertThrows(InputException.class, () -> rows(format, f));
      int line = head.isEmpty() ? 1 : 2;
      assertEquals(f + ":" + line + ": byte 0xE9 is not valid UTF-8 (try --encoding ISO-8859-1 or windows-1252)",
          e.problems().get(0).toString(), format + " " + e.problems());
      assertEquals(1, e.problems().size(), e.problems().toString());
    }
  }
}
