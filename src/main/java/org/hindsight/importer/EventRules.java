package org.hindsight.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hindsight.ingest.InputException;
import org.hindsight.ingest.InputProblem;
import org.hindsight.util.SafeRegex;

/**
 * Log message → event type: a table of regular expressions, first match wins. Shipped rules cover
 * common network and system messages (link and adjacency down/up, BGP/IS-IS/OSPF state, OOM kills,
 * service start/stop, reboots, full disks); a user's file ({@code --event-rules}) is tried first.
 * Named groups become columns; a group named {@code entity} names what the event is about (else
 * the host that logged it).
 *
 * <p>File format: CSV with a header {@code type,severity,pattern}.
 */
public final class EventRules {
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
  private static final String BUILT_IN = "/org/hindsight/importer/event-rules.csv";

  /** One row of the table. */
  public record Rule(String type, String severity, Pattern pattern, SafeRegex.Compiled safe, List<String> groups, String where) {}

  /** What a message matched: its type, severity and named groups. */
  public record Match(String type, String severity, Map<String, String> groups) {
    public String entity(String fallback) {
      String e = groups.get("entity");
      return e == null || e.isEmpty() ? fallback : e;
    }
  }

  private final List<Rule> rules;

  private EventRules(List<Rule> rules) {
    this.rules = rules;
  }

  public static EventRules builtIn() {
    try (InputStream in = EventRules.class.getResourceAsStream(BUILT_IN)) {
      return new EventRules(parse(new InputStreamReader(in, StandardCharsets.UTF_8), "(built-in event rules)"));
    } catch (IOException | InputException e) {
      throw new IllegalStateException("the built-in event rules do not load", e);
    }
  }

  /** The user's rules first, then the shipped ones. */
  public EventRules withFile(Path file) throws InputException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<Rule> all = new ArrayList<>(parse(in, file.toString()));
      all.addAll(rules);
      return new EventRules(all);
    } catch (IOException e) {
      throw new InputException(file.toString(), "cannot read event rules: " + e.getMessage());
    }
  }

  private static List<Rule> parse(Reader in, String name) throws IOException, InputException {
    List<Rule> out = new ArrayList<>();
    List<InputProblem> problems = new ArrayList<>();
    try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
        .setIgnoreEmptyLines(true).build().parse(in)) {
      for (String col : List.of("type", "severity", "pattern")) {
        if (!p.getHeaderMap().containsKey(col)) throw new InputException(name, "event rules need the columns type,severity,pattern");
      }
      for (CSVRecord r : p) {
        int line = (int) r.getParser().getCurrentLineNumber();
        try {
          Pattern pattern = Pattern.compile(r.get("pattern"));
          List<String> groups = new ArrayList<>();
          Matcher m = GROUP_NAME.matcher(r.get("pattern"));
          while (m.find()) groups.add(m.group(1));
          SafeRegex.Compiled safe = SafeRegex.compile(r.get("pattern"));
          if (safe.problem() != null) {
            problems.add(new InputProblem(name, line, "pattern: " + safe.problem()));
            continue;
          }
          out.add(new Rule(r.get("type").trim(), r.get("severity").trim().toLowerCase(Locale.ROOT), pattern, safe, groups,
              name + ":" + line));
        } catch (PatternSyntaxException e) {
          problems.add(new InputProblem(name, line, "pattern: " + e.getDescription()));
        }
      }
    }
    if (!problems.isEmpty()) throw new InputException(problems);
    return out;
  }

  /**
   * The first rule matching the message, or null. Patterns run under a budget ({@link SafeRegex}: a
   * rule file's pattern meets whatever the logs hold); a rule that runs out of it is skipped and
   * named in {@code gaveUp}.
   */
  public Match match(String message, List<String> gaveUp) {
    SafeRegex.Budget budget = SafeRegex.Budget.perLine();
    for (Rule r : rules) {
      SafeRegex.Outcome found = r.safe().find(message, budget);
      if (found == SafeRegex.Outcome.EXHAUSTED) {
        gaveUp.add(r.where());
        budget = SafeRegex.Budget.perLine(); // the next rules get their own chance
        continue;
      }
      if (found != SafeRegex.Outcome.MATCH) continue;
      // it matched within the budget, so the same search for its groups ends too
      Matcher m = r.pattern().matcher(message);
      if (m.find()) {
        Map<String, String> groups = new LinkedHashMap<>();
        for (String g : r.groups()) {
          String v = m.group(g);
          if (v != null) groups.put(g, v);
        }
        return new Match(r.type(), r.severity(), groups);
      }
    }
    return null;
  }
}
