package org.hindsight.drill;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trainee's answer: pattern, subject and the cause record as {@code file:line}. Any part may be
 * empty (it then scores nothing).
 */
public record Diagnosis(String pattern, String subject, String causeFile, int causeLine) {
  private static final Pattern PART = Pattern.compile("(\\w+)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s,;]*)");

  public Diagnosis {
    pattern = pattern == null ? "" : pattern.strip();
    subject = subject == null ? "" : subject.strip();
    causeFile = causeFile == null ? "" : causeFile.strip();
  }

  /** Parses {@code pattern=… subject=… cause=file:line} (spaces, commas or semicolons between parts). */
  public static Diagnosis parse(String text) throws DrillException {
    String pattern = "";
    String subject = "";
    String cause = "";
    Matcher m = PART.matcher(text);
    int end = 0;
    while (m.find()) {
      if (!text.substring(end, m.start()).replaceAll("[\\s,;]", "").isEmpty()) {
        throw new DrillException("--answer: cannot read '" + text.substring(end, m.start()).strip()
            + "'; write pattern=… subject=… cause=file:line");
      }
      end = m.end();
      String value = m.group(2);
      if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) value = value.substring(1, value.length() - 1);
      switch (m.group(1).toLowerCase(Locale.ROOT)) {
        case "pattern" -> pattern = value;
        case "subject" -> subject = value;
        case "cause" -> cause = value;
        default -> throw new DrillException("--answer: unknown part '" + m.group(1) + "'; the parts are pattern, subject, cause");
      }
    }
    if (!text.substring(end).replaceAll("[\\s,;]", "").isEmpty()) {
      throw new DrillException("--answer: cannot read '" + text.substring(end).strip() + "'; write pattern=… subject=… cause=file:line");
    }
    return of(pattern, subject, cause);
  }

  /** From the separate parts; {@code cause} is {@code file:line} or empty. */
  public static Diagnosis of(String pattern, String subject, String cause) throws DrillException {
    String file = "";
    int line = 0;
    if (cause != null && !cause.isBlank()) {
      String c = cause.strip();
      int colon = c.lastIndexOf(':');
      try {
        if (colon <= 0) throw new NumberFormatException();
        file = c.substring(0, colon);
        line = Integer.parseInt(c.substring(colon + 1).strip());
        if (line < 1) throw new NumberFormatException();
      } catch (NumberFormatException e) {
        throw new DrillException("cause: '" + c + "' is not file:line (e.g. events.csv:42)");
      }
    }
    return new Diagnosis(pattern == null ? "" : pattern.strip().toLowerCase(Locale.ROOT), subject, file, line);
  }

  public String cause() {
    return causeFile.isEmpty() ? "" : causeFile + ":" + causeLine;
  }

  @Override
  public String toString() {
    return "pattern=" + pattern + " subject=" + subject + " cause=" + cause();
  }
}
