package org.hindsight.importer;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the OpenTelemetry importers ({@code otlp-json}, {@code otlp-logs}) share of OTLP's JSON encoding
 * (opentelemetry-proto's {@code docs/specification.md}, "JSON Protobuf Encoding"): field names in
 * lowerCamelCase, 64-bit integers as decimal strings (numbers accepted too), enums as integers, trace and
 * span ids as hex — not base64 as protobuf's own JSON mapping would have them.
 */
final class Otlp {
  private Otlp() {}

  /**
   * Attributes ({@code [{"key", "value": AnyValue}]}) as text by key, later keys overriding earlier ones;
   * {@code into} keeps what it held (a resource's attributes under a span's).
   */
  static Map<String, String> attributes(Tree list, Map<String, String> into) {
    for (Tree kv : list.items()) {
      String key = kv.text("key");
      if (!key.isEmpty()) into.put(key, value(kv.get("value")));
    }
    return into;
  }

  static Map<String, String> attributes(Tree list) {
    return attributes(list, new LinkedHashMap<>());
  }

  /** An {@code AnyValue} as text: a scalar as written, an array or key-value list as {@code [a, b]} / {@code {k=v}}. */
  static String value(Tree any) {
    for (String scalar : List.of("stringValue", "intValue", "doubleValue", "boolValue", "bytesValue")) {
      if (!any.get(scalar).isMissing()) return any.text(scalar);
    }
    if (any.get("arrayValue").isObject()) {
      List<String> items = any.path("arrayValue", "values").items().stream().map(Otlp::value).toList();
      return "[" + String.join(", ", items) + "]";
    }
    if (any.get("kvlistValue").isObject()) {
      StringBuilder out = new StringBuilder("{");
      for (Tree kv : any.path("kvlistValue", "values").items()) {
        if (out.length() > 1) out.append(", ");
        out.append(kv.text("key")).append('=').append(value(kv.get("value")));
      }
      return out.append('}').toString();
    }
    return any.text(); // not an AnyValue: a bare string some hand-written exports use
  }

  /**
   * An id as OTLP/JSON writes it (lower-case hex of {@code bytes} bytes); a base64 id of that many bytes, as
   * exporters using protobuf's own JSON mapping write it, is read as its hex; "" when absent or all zero
   * (no parent); null when it is neither.
   */
  static String id(String text, int bytes) {
    String t = text.trim();
    if (t.isEmpty()) return "";
    String hex = null;
    if (t.length() == bytes * 2 && t.matches("[0-9a-fA-F]+")) {
      hex = t.toLowerCase(Locale.ROOT);
    } else if (t.length() == (bytes + 2) / 3 * 4) {
      try {
        byte[] raw = Base64.getDecoder().decode(t);
        if (raw.length == bytes) {
          StringBuilder b = new StringBuilder();
          for (byte x : raw) b.append(String.format("%02x", x & 0xff));
          hex = b.toString();
        }
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    if (hex == null) return null;
    return hex.matches("0+") ? "" : hex;
  }

  /** The resource's and scope's lists of an OTLP document, under their names or the names OTLP used before 0.15. */
  static List<Tree> scopes(Tree resource, String name, String before) {
    Tree list = resource.get(name);
    return list.isList() ? list.items() : resource.get(before).items();
  }
}
