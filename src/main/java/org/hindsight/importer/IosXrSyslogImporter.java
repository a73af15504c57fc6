package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cisco IOS-XR syslog. XR does not log each configuration line (its command accounting goes to
 * TACACS+: import that with {@code tacacs}); what it logs is each commit —
 * {@code %MGBL-CONFIG-6-DB_COMMIT : Configuration committed by user 'anne'. Use 'show configuration
 * commit changes 1000000005' to view the changes.} — which becomes a {@code commit} row with its
 * {@code commit_id} (the changes themselves: {@code show configuration commit changes ID}), and
 * {@code %MGBL-SYS-5-CONFIG_I : Configured from console by anne on vty0 (192.0.2.7)}, which names the
 * session's line as on IOS. Merged with the TACACS+ rows, the commits say when typed lines took effect.
 */
@AutoService(Importer.class)
public final class IosXrSyslogImporter extends CiscoSyslogImporter {
  private static final Pattern COMMIT = Pattern.compile(
      "%MGBL-CONFIG-6-DB_COMMIT(?:_ADMIN)? ?: Configuration committed by user '([^']*)'\\.(?: Use 'show configuration commit changes (\\d+)')?");

  @Override
  public String name() {
    return "iosxr-syslog";
  }

  @Override
  public String summary() {
    return "Cisco IOS-XR syslog: %MGBL-CONFIG-6-DB_COMMIT commits, %MGBL-SYS-5-CONFIG_I session ends → config-commands";
  }

  @Override
  Command command(String text) {
    Matcher m = COMMIT.matcher(text);
    if (!m.find()) return null;
    return new Command(m.group(1), "commit", Map.of("commit_id", m.group(2) == null ? "" : m.group(2)));
  }
}
