package org.hindsight.ruletest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code expect.json} with a streaming parser so every problem names its line: a typo'd key
 * must fail loudly, or a fixture would silently check less than its author thinks.
 */
public final class ExpectationParser {
  static final List<String> TOP_KEYS = List.of("expect", "forbid", "none", "findings", "timezone", "description");
  private static final Pattern FILE_LINE = Pattern.compile("[^:]+:\\d+");
  private static final JsonFactory JSON = new JsonFactory();

  private final String file;
  private JsonParser p;

  private ExpectationParser(String file) {
    this.file = file;
  }

  public static FixtureSpec parse(Path path) throws ExpectationException {
    String display = path.normalize().toString().replace('\\', '/');
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ExpectationException(display, 0, "cannot read: " + e.getMessage());
    }
    return parse(display, text);
  }

  /** @param file how messages name the file */
  public static FixtureSpec parse(String file, String text) throws ExpectationException {
    ExpectationParser parser = new ExpectationParser(file);
    try (JsonParser p = JSON.createParser(text)) {
      parser.p = p;
      return parser.document();
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      throw new ExpectationException(file, loc == null ? 0 : loc.getLineNr(), "invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ExpectationException(file, 0, "cannot read: " + e.getMessage());
    }
  }

  private int line() {
    return p.currentTokenLocation().getLineNr();
  }

  private ExpectationException problem(String message) {
    return new ExpectationException(file, line(), message);
  }

  private FixtureSpec document() throws IOException, ExpectationException {
    JsonToken t = p.nextToken();
    if (t == null) throw new ExpectationException(file, 1, "empty file: expected an object like {\"expect\": [...]}");
    if (t != JsonToken.START_OBJECT) throw problem("expected an object like {\"expect\": [...]} at the top");
    List<Expectation> expect = List.of();
    List<Expectation> forbid = List.of();
    List<Expectation> findings = List.of();
    boolean none = false;
    int noneLine = 0;
    String timezone = null;
    String description = "";
    Set<String> seen = new HashSet<>();
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      if (!seen.add(key)) throw problem("key \"" + key + "\" appears twice");
      if (!TOP_KEYS.contains(key)) {
        throw problem("unknown key \"" + key + "\"; known keys: " + String.join(", ", TOP_KEYS));
      }
      p.nextToken();
      switch (key) {
        case "expect" -> expect = entries("expect", Expectation.HYPOTHESIS_FIELDS);
        case "forbid" -> forbid = entries("forbid", Expectation.HYPOTHESIS_FIELDS);
        case "findings" -> findings = entries("findings", Expectation.FINDING_FIELDS);
        case "none" -> {
          if (!p.currentToken().isBoolean()) throw problem("\"none\" must be true or false");
          none = p.getBooleanValue();
          noneLine = line();
        }
        case "timezone" -> {
          timezone = string("timezone");
          try {
            ZoneId.of(timezone);
          } catch (DateTimeException e) {
            throw problem("timezone: '" + timezone + "' is not a time zone (e.g. Asia/Seoul, +09:00)");
          }
        }
        default -> description = string("description");
      }
    }
    if (t != JsonToken.END_OBJECT) throw problem("expected a key");
    if (p.nextToken() != null) throw problem("unexpected content after the top-level object");
    if (expect.isEmpty() && forbid.isEmpty() && findings.isEmpty() && !none) {
      throw new ExpectationException(file, 1, "expects nothing: give \"expect\", \"forbid\", \"findings\" or \"none\": true");
    }
    return new FixtureSpec(expect, forbid, none, noneLine, findings, timezone, description);
  }

  private String string(String what) throws IOException, ExpectationException {
    if (p.currentToken() != JsonToken.VALUE_STRING) throw problem("\"" + what + "\" must be a string");
    return p.getText();
  }

  private List<Expectation> entries(String section, List<String> allowed) throws IOException, ExpectationException {
    if (p.currentToken() != JsonToken.START_ARRAY) throw problem("\"" + section + "\" must be a list of objects");
    List<Expectation> out = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) throw problem("each entry of \"" + section + "\" must be an object");
      int entryLine = line();
      int index = out.size() + 1;
      Map<String, String> fields = new LinkedHashMap<>();
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        if (!allowed.contains(key)) {
          throw problem("unknown key \"" + key + "\" in " + section + "[" + index + "]; known keys: " + String.join(", ", allowed));
        }
        if (fields.containsKey(key)) throw problem("key \"" + key + "\" appears twice in " + section + "[" + index + "]");
        t = p.nextToken();
        String value;
        if (t == JsonToken.VALUE_NULL && (key.equals("site") || key.equals("cause") || key.equals("trigger"))) {
          value = null;
        } else if (t == JsonToken.VALUE_STRING) {
          value = p.getText();
        } else {
          throw problem(section + "[" + index + "]." + key + " must be a string"
              + (key.equals("site") || key.equals("cause") || key.equals("trigger") ? " or null" : ""));
        }
        check(section, index, key, value);
        fields.put(key, value);
      }
      if (fields.isEmpty()) throw new ExpectationException(file, entryLine, section + "[" + index + "] is empty: it would match anything");
      out.add(new Expectation(section, index, entryLine, fields));
    }
    return List.copyOf(out);
  }

  private void check(String section, int index, String key, String value) throws ExpectationException {
    if (value == null) return;
    if (key.equals("verdict") && !Expectation.VERDICTS.contains(value)) {
      throw problem(section + "[" + index + "].verdict: '" + value + "' is not one of " + String.join(", ", Expectation.VERDICTS));
    }
    if ((key.equals("cause") || key.equals("trigger")) && !FILE_LINE.matcher(value).matches()) {
      throw problem(section + "[" + index + "]." + key + ": '" + value
          + "' is not file:line (the file relative to the fixture folder, e.g. events.csv:4)");
    }
  }
}
