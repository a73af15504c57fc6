package org.hindsight.cli;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.util.EditDistance;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values as people type them, and what to say when they are wrong: one plain sentence,
 * never the Java exception's text.
 */
final class CliValues {
  private CliValues() {}

  private static final Pattern HUMAN_DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

  /** ISO-8601 ({@code PT48H}, {@code P2D}) or the short form people write ({@code 48h}, {@code 1h30m}, {@code 90s}, {@code 2d}). */
  static Duration duration(String text) {
    String t = text.trim();
    if (t.regionMatches(true, 0, "P", 0, 1) || t.regionMatches(true, 0, "-P", 0, 2)) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw notADuration(text);
      }
    }
    Matcher m = HUMAN_DURATION.matcher(t.toLowerCase(Locale.ROOT));
    if (t.isEmpty() || !m.matches()) throw notADuration(text);
    Duration d = Duration.ZERO;
    if (m.group(1) != null) d = d.plusDays(Long.parseLong(m.group(1)));
    if (m.group(2) != null) d = d.plusHours(Long.parseLong(m.group(2)));
    if (m.group(3) != null) d = d.plusMinutes(Long.parseLong(m.group(3)));
    if (m.group(4) != null) d = d.plusSeconds(Long.parseLong(m.group(4)));
    if (m.group(5) != null) d = d.plusMillis(Long.parseLong(m.group(5)));
    return d;
  }

  private static TypeConversionException notADuration(String text) {
    return new TypeConversionException("'" + text + "' is not a duration; write e.g. 48h, 90m, 1h30m, 2d or PT48H");
  }

  /** A region ({@code Asia/Seoul}), an offset ({@code +09:00}) or {@code UTC}; a near miss gets a suggestion. */
  static ZoneId zone(String text) {
    String t = text.trim();
    try {
      return ZoneId.of(t);
    } catch (RuntimeException e) {
      for (String id : ZoneId.getAvailableZoneIds()) {
        if (id.equalsIgnoreCase(t)) return ZoneId.of(id);
      }
      String hint = closest(t, ZoneId.getAvailableZoneIds()).map(s -> "; did you mean '" + s + "'?")
          .orElse("; use a region such as Asia/Seoul, an offset such as +09:00, or UTC");
      throw new TypeConversionException("'" + text + "' is not a time zone" + hint);
    }
  }

  /**
   * The candidate a slip of the hand most likely meant: the closest by edit distance (ignoring
   * case), close enough to be a typo, and unambiguous.
   */
  static Optional<String> closest(String typed, Collection<String> candidates) {
    String want = typed.toLowerCase(Locale.ROOT);
    int best = Integer.MAX_VALUE;
    List<String> bestOnes = new ArrayList<>();
    for (String c : candidates) {
      int d = EditDistance.optimalStringAlignment(want, c.toLowerCase(Locale.ROOT));
      if (d < best) {
        best = d;
        bestOnes.clear();
      }
      if (d == best && !bestOnes.contains(c)) bestOnes.add(c);
    }
    int allowed = Math.max(1, Math.min(3, want.length() / 3));
    if (bestOnes.isEmpty() || best > allowed) return Optional.empty();
    bestOnes.sort(String::compareTo);
    return Optional.of(bestOnes.get(0));
  }
}
