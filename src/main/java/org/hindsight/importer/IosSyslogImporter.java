package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cisco IOS/IOS-XE configuration logging to syslog ({@code archive / log config / notify syslog}):
 * {@code %PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:router isis CORE} becomes a
 * {@code config-commands} row ({@code !exec:} prefixes dropped); {@code %SYS-5-CONFIG_I: Configured
 * from console by admin on vty0 (192.0.2.7)} ends the user's session and names its line.
 */
@AutoService(Importer.class)
public final class IosSyslogImporter extends CiscoSyslogImporter {
  private static final Pattern LOGGED = Pattern.compile("%PARSER-5-CFGLOG_LOGGEDCMD: User:(\\S+)\\s+logged command:(.*)$");

  @Override
  public String name() {
    return "ios-syslog";
  }

  @Override
  public String summary() {
    return "Cisco IOS syslog: %PARSER-5-CFGLOG_LOGGEDCMD commands, %SYS-5-CONFIG_I session ends → config-commands";
  }

  @Override
  Command command(String text) {
    Matcher m = LOGGED.matcher(text);
    return m.find() ? new Command(m.group(1), m.group(2).replaceFirst("^!exec: ", ""), Map.of()) : null;
  }
}
