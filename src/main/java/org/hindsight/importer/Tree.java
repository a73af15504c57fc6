package org.hindsight.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON or YAML value that remembers the line it starts on. Jackson's own trees forget positions,
 * and rows must cite the line of the record they come from (a Salt job, a Backstage dependsOn entry).
 * Scalars are kept as text; a missing member is {@link #MISSING}, so lookups chain without checks.
 */
final class Tree {
  static final Tree MISSING = new Tree(0, null);

  private final int line;
  private final Object value; // Map<String, Tree>, List<Tree>, String, or null

  private Tree(int line, Object value) {
    this.line = line;
    this.value = value;
  }

  /** Reads the value the parser is on (its current token), leaving the parser on its last token. */
  static Tree read(JsonParser p) throws IOException {
    return read(p, 0);
  }

  /** As {@link #read(JsonParser)}, for a parser over one line of a file: its lines are {@code linesBefore} further on. */
  static Tree read(JsonParser p, int linesBefore) throws IOException {
    int line = p.currentTokenLocation().getLineNr() + linesBefore;
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Tree> members = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        members.put(name, read(p, linesBefore));
      }
      return new Tree(line, members);
    }
    if (t == JsonToken.START_ARRAY) {
      List<Tree> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) items.add(read(p, linesBefore));
      return new Tree(line, items);
    }
    return new Tree(line, t == JsonToken.VALUE_NULL ? null : p.getText());
  }

  /** Jackson's wording of a syntax error, without its note on where the source was (the problem says file:line). */
  static String describe(com.fasterxml.jackson.core.JsonProcessingException e) {
    String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    return m.replaceAll("\\s*\\(start marker at \\[Source:.*?]\\)", "").replaceAll("\\s*at \\[Source:.*", "")
        .replaceAll("\\s+", " ").trim();
  }

  int line() {
    return line;
  }

  boolean isMissing() {
    return this == MISSING;
  }

  /** A JSON {@code null} (not a missing member). */
  boolean isNull() {
    return value == null && this != MISSING;
  }

  boolean isObject() {
    return value instanceof Map;
  }

  boolean isList() {
    return value instanceof List;
  }

  /** A member of an object; {@link #MISSING} when there is none or this is no object. */
  Tree get(String name) {
    if (!(value instanceof Map<?, ?> m)) return MISSING;
    Tree t = (Tree) m.get(name);
    return t == null ? MISSING : t;
  }

  /** A member several levels down ({@code path("spec", "replicas")}). */
  Tree path(String... names) {
    Tree t = this;
    for (String n : names) t = t.get(n);
    return t;
  }

  /** The text of a scalar; "" for null, missing, an object or a list. */
  String text() {
    return value instanceof String s ? s : "";
  }

  String text(String... path) {
    return path(path).text();
  }

  @SuppressWarnings("unchecked")
  List<Tree> items() {
    return value instanceof List ? (List<Tree>) value : List.of();
  }

  @SuppressWarnings("unchecked")
  Map<String, Tree> members() {
    return value instanceof Map ? (Map<String, Tree>) value : Collections.emptyMap();
  }

  /** Back to plain Java values (maps, lists, strings), e.g. to write a value out as JSON again. */
  Object plain() {
    if (value instanceof Map<?, ?>) {
      Map<String, Object> out = new LinkedHashMap<>();
      members().forEach((k, v) -> out.put(k, v.plain()));
      return out;
    }
    if (value instanceof List<?>) return items().stream().map(Tree::plain).toList();
    return value;
  }
}
