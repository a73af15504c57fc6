package org.hindsight.importer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a syslog line as a collector wrote it: optional {@code <PRI>}, then RFC 5424
 * ({@code 1 2021-10-25T11:16:05+09:00 host app pid - -}), an ISO time and host (rsyslog's high
 * precision), or RFC 3164 ({@code Oct 25 11:16:05 host}); the rest is the message.
 */
record SyslogLine(String time, String host, String message) {
  private static final Pattern RFC5424 = Pattern.compile("(?:<\\d{1,3}>)?1 (\\S+) (\\S+) \\S+ \\S+ \\S+ (?:-|\\[.*?]) ?(.*)");
  private static final Pattern ISO = Pattern.compile("(?:<\\d{1,3}>)?(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?) (\\S+) (.*)");
  private static final Pattern RFC3164 = Pattern.compile("(?:<\\d{1,3}>)?([A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?) (\\S+) (.*)");

  /** The parts, or null when the line has no syslog header. */
  static SyslogLine parse(String line) {
    for (Pattern p : new Pattern[] {RFC5424, ISO, RFC3164}) {
      Matcher m = p.matcher(line);
      if (m.matches()) return new SyslogLine(m.group(1), m.group(2), m.group(3));
    }
    return null;
  }
}
