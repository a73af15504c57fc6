package org.hindsight.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * The JSON objects of an export, as tools write them: one a line (JSON lines: {@code journalctl -o json},
 * {@code gcloud logging read --format=json} piped through {@code jq -c}), or one document (a JSON
 * array of records, or an object spread over lines). Arrays are walked into, so a Zipkin array of
 * traces yields its spans. Each object keeps the line it starts on. In JSON lines a line that is not
 * JSON is a problem at that line and the next line is read; in a document a syntax error ends the read
 * there (nothing after it can be placed), which no {@code --lenient} skips.
 */
final class JsonRecords {
  private JsonRecords() {}

  private static final JsonFactory JSON = new JsonFactory();
  private static final JsonFactory YAML = new com.fasterxml.jackson.dataformat.yaml.YAMLFactory();
  /** A first line longer than this is no JSON-lines record to try on its own: read as one document, streaming. */
  private static final int FIRST_LINE_LIMIT = 1 << 20;

  @FunctionalInterface
  interface Handler {
    void record(Tree object);
  }

  /** Calls the handler with every JSON object of the source, walking into arrays. */
  static void objects(Source source, ImportRun run, Handler handler) throws IOException {
    if (jsonLines(source)) {
      Lines.each(source, (n, text) -> {
        try (JsonParser p = JSON.createParser(text)) {
          if (p.nextToken() == null) return;
          Tree t = Tree.read(p, n - 1);
          if (p.nextToken() != null) {
            run.problem(source, n, "not valid JSON: more after the record on this line");
            return;
          }
          walk(t, source, run, handler);
        } catch (JsonParseException e) {
          run.problem(source, n, "not valid JSON: " + Tree.describe(e));
        }
      });
      return;
    }
    try (Reader in = source.reader(); JsonParser p = JSON.createParser(in)) {
      while (p.nextToken() != null) walk(Tree.read(p), source, run, handler);
    } catch (JsonParseException e) {
      // nothing after a syntax error can be placed: the file is not imported, --lenient or not
      run.unreadableAt(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          "not valid JSON: " + Tree.describe(e) + "; the rest of the file was not read");
    }
  }

  /**
   * Calls the handler with every record of a YAML source: each document, or each item of a document that is a list
   * (helm's {@code -o yaml}). An empty document (a bare {@code ---}, as concatenated exports leave) is no record; a
   * scalar is handed on for the importer to say what it expected. YAML reads JSON too (its flow style), so a JSON
   * export after a {@code ---} line is read here. A syntax error ends the read there, as in a JSON document.
   *
   * @param expected what the file should have been, for the syntax error ("not valid YAML of helm history")
   */
  static void yamlDocuments(Source source, ImportRun run, String expected, Handler handler) throws IOException {
    try (Reader in = source.reader(); JsonParser p = YAML.createParser(in)) {
      while (p.nextToken() != null) {
        Tree doc = Tree.read(p);
        for (Tree record : doc.isList() ? doc.items() : List.of(doc)) {
          if (!record.isNull()) handler.record(record);
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      run.unreadableAt(source, e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr()),
          expected + ": " + Tree.describe(e) + "; the rest of the file was not read");
    }
  }

  /**
   * The first line that is neither blank nor a {@code #} comment, trimmed, without a byte-order mark ("" when there is
   * none): what tells an export's form (JSON, YAML, a table). A {@code ---} is returned as it is (the YAML it begins
   * also reads JSON). A byte the charset cannot decode before it ends the import at that line, as any read does.
   */
  static String firstLine(Source source) throws IOException {
    try (BufferedReader in = source.reader()) {
      String line;
      while ((line = in.readLine()) != null) {
        String t = line.replace("\uFEFF", "").trim();
        if (!t.isEmpty() && !t.startsWith("#")) return t;
      }
    }
    return "";
  }

  private static void walk(Tree t, Source source, ImportRun run, Handler handler) {
    if (t.isObject()) {
      handler.record(t);
    } else if (t.isList()) {
      for (Tree item : t.items()) walk(item, source, run, handler);
    } else {
      run.problem(source, t.line(), "expected a JSON object, found '" + t.text() + "'");
    }
  }

  /** JSON lines when the first non-blank line is one whole JSON value by itself. */
  private static boolean jsonLines(Source source) throws IOException {
    try (BufferedReader in = source.reader()) {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && line.length() < FIRST_LINE_LIMIT) {
        if (c == '\n' || c == '\r') {
          if (!line.toString().isBlank()) break;
          line.setLength(0);
        } else {
          line.append((char) c);
        }
      }
      if (line.length() >= FIRST_LINE_LIMIT || line.toString().isBlank()) return false;
      String first = line.toString().trim();
      if (first.length() > 1 && first.startsWith("{") && first.endsWith("}")) return true; // a record, if a broken one
      try (JsonParser p = JSON.createParser(first)) {
        if (p.nextToken() == null) return false;
        p.skipChildren();
        return p.nextToken() == null;
      } catch (JsonParseException e) {
        return false;
      }
    } catch (org.hindsight.ingest.StrictText.Undecodable e) {
      return false; // said at its line by the read that follows
    }
  }
}
