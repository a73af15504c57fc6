package org.hindsight.facts;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.hindsight.util.BoundedMemo;

/**
 * An event type read as lower-case words, split at {@code . _ : / -} and spaces ({@code dc.cooling_failure}:
 * dc, cooling, failure), the one reading of the observation model, {@link SiteEvents} and the change rules.
 * Each is asked once per event, and a bundle has few types among millions of events: the words of a type
 * are made once (the split's regular expressions were most of what rules spent testing an event's type).
 */
public final class EventTypeWords {
  private EventTypeWords() {}

  private static final Pattern CAMEL_CASE = Pattern.compile("([a-z0-9])([A-Z])");
  private static final Pattern SEPARATORS = Pattern.compile("[._:/ -]+");
  /** Types past this many distinct ones are split each time (memory stays bounded on hostile input). */
  private static final int REMEMBERED = 4096;
  private static final BoundedMemo<String, List<String>> WORDS = new BoundedMemo<>(t -> split(t, false), REMEMBERED);
  private static final BoundedMemo<String, List<String>> CAMEL_WORDS = new BoundedMemo<>(t -> split(t, true), REMEMBERED);

  /** The type's words ({@code site.power_loss}: site, power, loss); none for null. An immutable list. */
  public static List<String> of(String type) {
    return type == null ? List.of() : WORDS.apply(type);
  }

  /**
   * The type's words with camelCase split too ({@code NodeNotReady}: node, not, ready; CloudTrail's
   * {@code UpdateFunctionConfiguration}). An immutable list. Usable from DRL.
   */
  public static List<String> camelCase(String type) {
    return type == null ? List.of() : CAMEL_WORDS.apply(type);
  }

  private static List<String> split(String type, boolean camelCase) {
    String text = camelCase ? CAMEL_CASE.matcher(type).replaceAll("$1 $2") : type;
    return List.of(SEPARATORS.split(text.toLowerCase(Locale.ROOT)));
  }
}
