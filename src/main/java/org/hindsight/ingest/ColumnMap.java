package org.hindsight.ingest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which column of a user's CSV holds which contract column, per kind, so a header that differs from
 * the contract needs no converter: {@code events:timestamp=_time,entity=host,type=sourcetype}.
 * Several specs add up; a mapping file holds one spec a line ({@code #} starts a comment).
 */
public final class ColumnMap {
  public static final ColumnMap NONE = new ColumnMap(Map.of());

  /** kind → contract column → the user's column (both lower case). */
  private final Map<LogKind, Map<String, String>> byKind;

  private ColumnMap(Map<LogKind, Map<String, String>> byKind) {
    this.byKind = byKind;
  }

  /**
   * Parses specs of the form {@code KIND:contract=theirs,contract=theirs}. The kind may be left out
   * when {@code defaultKind} is given (an importer that knows what it writes).
   *
   * @throws IllegalArgumentException with a message fit for the user
   */
  public static ColumnMap parse(List<String> specs, LogKind defaultKind) {
    Map<LogKind, Map<String, String>> out = new LinkedHashMap<>();
    for (String spec : specs) {
      String s = spec.trim();
      if (s.isEmpty() || s.startsWith("#")) continue;
      LogKind kind = defaultKind;
      int colon = s.indexOf(':');
      int eq = s.indexOf('=');
      if (colon > 0 && (eq < 0 || colon < eq)) {
        String k = s.substring(0, colon).trim();
        kind = LogKind.named(k).orElseThrow(() ->
            new IllegalArgumentException("--map: unknown kind '" + k + "'; kinds: " + LogKind.allNames()));
        s = s.substring(colon + 1);
      }
      if (kind == null) {
        throw new IllegalArgumentException("--map '" + spec + "': name the kind first, e.g. events:timestamp=_time");
      }
      Map<String, String> cols = out.computeIfAbsent(kind, k -> new HashMap<>());
      for (String pair : s.split(",")) {
        if (pair.isBlank()) continue;
        int e = pair.indexOf('=');
        if (e <= 0 || e == pair.length() - 1) {
          throw new IllegalArgumentException("--map: '" + pair.trim() + "' is not contract=their_column");
        }
        String contract = pair.substring(0, e).trim().toLowerCase(Locale.ROOT);
        String theirs = pair.substring(e + 1).trim().toLowerCase(Locale.ROOT);
        if (!kind.known(contract)) {
          throw new IllegalArgumentException("--map: " + kind.fileName() + " has no column '" + contract + "' (columns: "
              + String.join(", ", kind.requiredColumns()) + (kind.optionalColumns().isEmpty() ? "" : ", ")
              + String.join(", ", kind.optionalColumns()) + ")");
        }
        cols.put(contract, theirs);
      }
    }
    return out.isEmpty() ? NONE : new ColumnMap(out);
  }

  public boolean isEmpty() {
    return byKind.isEmpty();
  }

  /** The contract column a header cell of this kind stands for (the cell itself when unmapped). */
  String contractName(LogKind kind, String headerCell) {
    Map<String, String> cols = byKind.get(kind);
    if (cols == null) return headerCell;
    for (Map.Entry<String, String> e : cols.entrySet()) {
      if (e.getValue().equals(headerCell)) return e.getKey();
    }
    // a contract-named column that is mapped away keeps its name apart, as an attribute
    return cols.containsKey(headerCell) ? "original_" + headerCell : headerCell;
  }

  /**
   * A header name as the contract spells its columns: words joined by {@code _}, lower case. Exports write
   * {@code Depends On}, {@code depends-on} or {@code dependsOn} for the contract's {@code depends_on}.
   */
  public static String contractSpelling(String headerCell) {
    StringBuilder out = new StringBuilder(headerCell.length() + 4);
    char previous = ' ';
    for (int i = 0; i < headerCell.length(); i++) {
      char c = headerCell.charAt(i);
      boolean separator = c == ' ' || c == '-' || c == '.' || c == '_' || c == '\t';
      if (separator) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '_') out.append('_');
      } else {
        // a camelCase word boundary: "dependsOn" → "depends_on" (not inside an acronym: "TTL" stays "ttl")
        if (Character.isUpperCase(c) && Character.isLowerCase(previous) && out.length() > 0) out.append('_');
        out.append(Character.toLowerCase(c));
      }
      previous = c;
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '_') end--;
    return out.substring(0, end);
  }

  /** The user's column named for a contract column of this kind, if the user named one. */
  public java.util.Optional<String> mapped(LogKind kind, String contractColumn) {
    Map<String, String> cols = byKind.get(kind);
    return java.util.Optional.ofNullable(cols == null ? null : cols.get(contractColumn));
  }

  /** The user's column for a contract column of this kind, or the contract name itself. */
  public String source(LogKind kind, String contractColumn) {
    Map<String, String> cols = byKind.get(kind);
    return cols == null ? contractColumn : cols.getOrDefault(contractColumn, contractColumn);
  }
}
