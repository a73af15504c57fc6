package org.hindsight.patterns.typoscopedshutdown;

import java.util.List;
import java.util.Locale;

/**
 * What a user-defined task does, told from its name: an Ansible playbook ({@code decommission-web.yml}),
 * a Fabric task ({@code stop_service}). The task's body is not in the logs; its name is all there is.
 */
final class TaskName {
  private TaskName() {}

  private static final List<String> REMOVING = List.of("decom", "retire", "stop", "shutdown", "drain",
      "reboot", "teardown", "tear-down", "tear_down", "destroy", "wipe", "terminate", "remove", "evacuate", "halt",
      "poweroff", "power_off", "rolling-restart", "rolling_restart");
  private static final List<String> LOOKING = List.of("status", "uptime", "check", "health", "ping", "info", "list",
      "show", "version", "disk", "df", "logs", "tail", "whoami", "facts", "inventory", "audit", "verify");

  /** Whether the name says the task takes hosts or services out. */
  static boolean removes(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return REMOVING.stream().anyMatch(n::contains);
  }

  /** Whether the name says the task only looks (and says no removal). */
  static boolean looks(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return !removes(n) && LOOKING.stream().anyMatch(n::contains);
  }
}
