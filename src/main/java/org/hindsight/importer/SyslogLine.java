package org.hindsight.importer;

import java.time.DateTimeException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.Timestamps;

/**
 * The header of a syslog line as a collector wrote it: optional {@code <PRI>}, then RFC 5424
 * ({@code 1 2021-10-25T11:16:05+09:00 host app pid - -}), an ISO time and host (rsyslog's high
 * precision), or RFC 3164 ({@code Oct 25 11:16:05 host}); the rest is the message.
 */
record SyslogLine(String time, String host, String message) {
  private static final Pattern RFC5424 = Pattern.compile("(?:<\\d{1,3}>)?1 (\\S+) (\\S+) \\S+ \\S+ \\S+ (?:-|\\[.*?]) ?(.*)");
  private static final Pattern ISO = Pattern.compile("(?:<\\d{1,3}>)?(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?) (\\S+) (.*)");
  /** RFC 3164's time, {@code Oct 25 11:16:05}: no year, no zone. */
  private static final String RFC3164_TIME = "[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?";
  private static final Pattern RFC3164 = Pattern.compile("(?:<\\d{1,3}>)?(" + RFC3164_TIME + ") (\\S+) (.*)");
  private static final Pattern RFC3164_START = Pattern.compile("(?:<\\d{1,3}>)?" + RFC3164_TIME);

  /** Whether a line starts with RFC 3164's time (after an optional {@code <PRI>}), whatever follows it (tac_plus: a tab). */
  static boolean startsWithRfc3164Time(String line) {
    return RFC3164_START.matcher(line).lookingAt();
  }

  /** A syslog line whose time has been read. */
  record Timed(Timestamps.Parsed time, String host, String message) {}

  /**
   * The line's header and time; null, with the problem reported at {@code source:line}, when it has
   * no syslog header or its time cannot be read.
   */
  static Timed timed(String text, ImportRun.Clock clock, Source source, int line, ImportRun run) {
    SyslogLine h = parse(text);
    if (h == null) {
      run.problem(source, line, "no syslog header (time and host) before the message");
      return null;
    }
    try {
      return new Timed(clock.parse(h.time()), h.host(), h.message());
    } catch (DateTimeException e) {
      run.problem(source, line, e.getMessage());
      return null;
    }
  }

  /** RFC 5424 with every header field: PRI, time, host, app-name, procid, msgid, structured data, message. */
  private static final Pattern RFC5424_FULL = Pattern.compile(
      "(?:<(\\d{1,3})>)?1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (-|(?:\\[(?:[^\\]\\\\]|\\\\.)*])+) ?(.*)");
  private static final Pattern PRI_ISO = Pattern.compile("(?:<(\\d{1,3})>)?" + ISO.pattern().substring("(?:<\\d{1,3}>)?".length()));
  private static final Pattern PRI_3164 = Pattern.compile("(?:<(\\d{1,3})>)?" + RFC3164.pattern().substring("(?:<\\d{1,3}>)?".length()));
  /** RFC 3164's TAG: {@code named[2211]: } or {@code kernel: } before the message. */
  private static final Pattern TAG = Pattern.compile("([^\\s\\[\\]:]{1,48})(?:\\[([^\\]\\s]{0,32})])?: ?(.*)");

  /**
   * A syslog line taken apart: {@code pri} -1 when the collector dropped it, {@code app} and
   * {@code pid} "" when the line names none, {@code text} the message after them.
   */
  record Parts(int pri, String time, String host, String app, String pid, String text) {}

  /** The parts, or null when the line has no syslog header. */
  static Parts parts(String line) {
    Matcher m = RFC5424_FULL.matcher(line);
    if (m.matches()) {
      String text = m.group(8).startsWith("\uFEFF") ? m.group(8).substring(1) : m.group(8); // RFC 5424's BOM before a UTF-8 MSG
      return new Parts(pri(m.group(1)), m.group(2), m.group(3), nil(m.group(4)), nil(m.group(5)), text);
    }
    for (Pattern p : new Pattern[] {PRI_ISO, PRI_3164}) {
      m = p.matcher(line);
      if (!m.matches()) continue;
      Matcher tag = TAG.matcher(m.group(4));
      if (tag.matches()) return new Parts(pri(m.group(1)), m.group(2), m.group(3), tag.group(1), nullToEmpty(tag.group(2)), tag.group(3));
      return new Parts(pri(m.group(1)), m.group(2), m.group(3), "", "", m.group(4));
    }
    return null;
  }

  private static int pri(String digits) {
    return digits == null ? -1 : Integer.parseInt(digits);
  }

  private static String nil(String field) {
    return field.equals("-") ? "" : field;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** The parts, or null when the line has no syslog header. */
  static SyslogLine parse(String line) {
    for (Pattern p : new Pattern[] {RFC5424, ISO, RFC3164}) {
      Matcher m = p.matcher(line);
      if (m.matches()) return new SyslogLine(m.group(1), m.group(2), m.group(3));
    }
    return null;
  }
}
