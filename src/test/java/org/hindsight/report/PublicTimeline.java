package org.hindsight.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "Public timeline" table of a sample's README: each row a figure of the public record and the
 * JSON report field that must match it. The figures live in the README beside their sources, never
 * in Java, so correcting a figure is a documentation change the test follows.
 */
final class PublicTimeline {
  static final String HEADING = "## Public timeline";

  /**
   * One row: a time (with its offset), a duration, or none (the report must give no time).
   *
   * @param field the report field as a dotted path, e.g. {@code impact.onset}
   */
  record Row(String figure, String publicValue, String field, OffsetDateTime time, Duration duration) {
    boolean none() {
      return time == null && duration == null;
    }
  }

  private static final Pattern PART = Pattern.compile("(\\d+)\\s*(d|h|min|s)\\b");

  private PublicTimeline() {}

  /** The rows of the README's table; empty when it has none. */
  static List<Row> read(Path readme) throws Exception {
    List<Row> rows = new ArrayList<>();
    boolean in = false;
    for (String line : Files.readAllLines(readme)) {
      if (line.startsWith("## ")) {
        in = line.startsWith(HEADING);
        continue;
      }
      if (!in || !line.startsWith("|") || line.startsWith("|---") || line.startsWith("| figure ")) continue;
      String[] cells = line.split("\\|");
      if (cells.length < 4) throw new IllegalArgumentException(readme + ": a row needs figure, public value and field: " + line);
      String figure = cells[1].trim();
      String value = cells[2].trim();
      String field = cells[3].trim().replace("`", "");
      rows.add(new Row(figure, value, field, time(value), duration(value)));
    }
    return rows;
  }

  static OffsetDateTime time(String value) {
    if (!value.matches("\\d{4}-\\d\\d-\\d\\dT.*")) return null;
    return OffsetDateTime.parse(value);
  }

  static Duration duration(String value) {
    if (value.equals("none") || value.matches("\\d{4}-.*")) return null;
    Matcher m = PART.matcher(value);
    Duration d = Duration.ZERO;
    boolean any = false;
    while (m.find()) {
      any = true;
      long n = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "d" -> Duration.ofDays(n);
        case "h" -> Duration.ofHours(n);
        case "min" -> Duration.ofMinutes(n);
        default -> Duration.ofSeconds(n);
      });
    }
    if (!any) throw new IllegalArgumentException("not a time, a duration or none: " + value);
    return d;
  }
}
