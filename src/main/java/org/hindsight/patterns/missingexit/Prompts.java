package org.hindsight.patterns.missingexit;

import java.util.regex.Pattern;

/**
 * A CLI prompt in front of a logged line, as terminal captures and some session recorders keep it
 * ({@code r1(config-router)#redistribute bgp 65000}, {@code [mao-r4-isis-1]import-route static},
 * {@code noc@ams-cr7# set protocols isis …}, {@code *A:pe-41>config>router>isis# export "P"}): the
 * line is what follows it. The prompt's words are not trusted for the context; the replay decides.
 */
final class Prompts {
  private Prompts() {}

  private static final Pattern PROMPT = Pattern.compile(
      // IOS, IOS-XE, IOS-XR (with its RP/0/RSP0/CPU0: node), NX-OS, EOS: host(mode)# or host#
      "^(?:(?:RP|LC)/\\d+/[\\w]+/CPU\\d+:)?[A-Za-z][\\w.-]*(?:\\([\\w./-]+\\))?#\\s*"
      // Junos: user@host# / user@host>
      + "|^[\\w.-]+@[\\w.-]+[#>]\\s*"
      // SR OS classic: *A:host>config>router>isis#
      + "|^\\*?[AB]:[\\w.@-]+(?:>[\\w\"./-]+)*[#>]\\s*"
      // Huawei VRP: <host> (user view), [~host-isis-1], [*host], [host-bgp] (system views)
      + "|^<[\\w.-]+>\\s*|^\\[[~*]?[A-Za-z][\\w./:-]*\\]\\s*");

  /** The line without a leading prompt (unchanged when it has none). */
  static String strip(String line) {
    if (line.isEmpty()) return line;
    char c = line.charAt(0);
    // cheap guard: a prompt starts with a letter, '<', '[' or '*'
    if (!Character.isLetter(c) && c != '<' && c != '[' && c != '*') return line;
    // and ends at '#', '>' or ']', which most configuration lines hold none of (the pattern ran on every line, thrice)
    if (line.indexOf('#') < 0 && line.indexOf('>') < 0 && line.indexOf(']') < 0) return line;
    var m = PROMPT.matcher(line);
    return m.lookingAt() ? line.substring(m.end()) : line;
  }
}
