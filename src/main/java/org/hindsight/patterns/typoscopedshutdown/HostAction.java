package org.hindsight.patterns.typoscopedshutdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a shell command does to the host it runs on, for capacity: takes it (or its service) out —
 * {@code systemctl stop}, {@code service x stop}, {@code shutdown}, {@code reboot}, {@code rm -rf}
 * of a data directory, {@code dropdb}, {@code docker stop}, {@code kill} … — or only looks
 * ({@code uptime}, {@code systemctl status}, {@code tail}, {@code df} …). Used for local commands
 * (scope: the row's {@code host}) and for the remote part of ssh, pdsh, clush, Ansible and Salt.
 *
 * @param removes it takes the host or one of its services out of service
 * @param verb a short name for the action ({@code systemctl stop}, {@code rm -rf}, …)
 * @param service the unit or database it names, "" when none
 */
public record HostAction(boolean removes, String verb, String service) {
  private static final Set<String> LOOKING = Set.of("uptime", "sysinfo", "svcs", "df", "du", "free", "top", "htop", "ps", "ls", "cat", "tail",
      "head", "less", "more", "grep", "egrep", "zgrep", "journalctl", "dmesg", "hostname", "whoami", "id", "date", "echo",
      "ping", "curl", "wget", "dig", "nslookup", "netstat", "ss", "lsof", "iostat", "vmstat", "sar", "mpstat", "uname",
      "w", "who", "last", "stat", "find", "wc", "sort", "uniq", "awk", "sed", "true", "test", "sleep", "md5sum",
      "sha256sum", "nproc", "lscpu", "lsblk", "mount", "ip", "ifconfig", "nc", "telnet", "openssl", "env", "printenv", "pwd",
      "tar", "rsync", "scp", "cp", "mv", "mkdir", "touch", "chmod", "chown", "apt", "apt-get", "yum", "dnf", "rpm", "dpkg",
      "pip", "git", "puppet", "chef-client", "salt-call", "nodetool", "psql", "mysql", "redis-cli", "systemd-analyze");
  private static final Set<String> SYSTEMCTL_STOPS = Set.of("stop", "kill", "disable", "mask", "isolate");
  private static final Set<String> SYSTEMCTL_HOST = Set.of("poweroff", "reboot", "halt", "kexec", "emergency", "rescue",
      "suspend", "hibernate");
  private static final Set<String> HOST_OFF = Set.of("shutdown", "reboot", "halt", "poweroff");
  private static final Set<String> SCRATCH = Set.of("/tmp", "/var/tmp", "~", ".", "..", "/dev/shm");

  static final HostAction LOOKS = new HostAction(false, "", "");

  /**
   * The action of a command line split into words ({@code sudo}, {@code sh -c '…'}, {@code &&} and
   * {@code ;} chains included: the chain removes when any part does); null when no part is known.
   */
  public static HostAction of(List<String> words) {
    List<List<String>> parts = new ArrayList<>();
    List<String> cur = new ArrayList<>();
    for (String raw : words) {
      String w = raw;
      boolean endsPart = false;
      if (w.endsWith(";") && w.length() > 1) {
        w = w.substring(0, w.length() - 1);
        endsPart = true;
      }
      if (w.equals("&&") || w.equals("||") || w.equals(";") || w.equals("|")) {
        parts.add(cur);
        cur = new ArrayList<>();
        continue;
      }
      cur.add(w);
      if (endsPart) {
        parts.add(cur);
        cur = new ArrayList<>();
      }
    }
    parts.add(cur);
    HostAction found = null;
    for (List<String> p : parts) {
      HostAction a = one(p);
      if (a == null) continue;
      if (a.removes()) return a;
      found = a;
    }
    return found;
  }

  private static HostAction one(List<String> words) {
    List<String> w = CommandGrammars.stripPreamble(words);
    // sh -c 'a; b' and friends: read the inner command line.
    if (w.size() >= 3 && Set.of("sh", "bash", "zsh", "ksh").contains(CommandGrammar.program(w.get(0))) && w.get(1).equals("-c")) {
      try {
        return of(ShellWords.split(w.get(2)));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    if (w.size() == 1 && w.get(0).contains(" ")) {
      try {
        return of(ShellWords.split(w.get(0))); // a quoted remote command kept as one word
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    if (w.isEmpty()) return null;
    String prog = CommandGrammar.program(w.get(0)).toLowerCase(Locale.ROOT);
    List<String> args = w.subList(1, w.size());
    List<String> plain = args.stream().filter(a -> !a.startsWith("-")).toList();
    switch (prog) {
      case "systemctl": {
        if (plain.isEmpty()) return LOOKS;
        String verb = plain.get(0).toLowerCase(Locale.ROOT);
        String unit = plain.size() > 1 ? unit(plain.get(1)) : "";
        if (SYSTEMCTL_HOST.contains(verb)) return new HostAction(true, "systemctl " + verb, "");
        if (SYSTEMCTL_STOPS.contains(verb)) {
          // disable/mask stop a unit only with --now
          boolean now = args.contains("--now");
          if ((verb.equals("disable") || verb.equals("mask")) && !now) return LOOKS;
          return new HostAction(true, "systemctl " + verb, unit);
        }
        return LOOKS;
      }
      case "service": {
        if (plain.size() >= 2 && Set.of("stop", "force-stop").contains(plain.get(1).toLowerCase(Locale.ROOT))) {
          return new HostAction(true, "service stop", unit(plain.get(0)));
        }
        return plain.isEmpty() ? null : LOOKS;
      }
      case "shutdown":
        return args.contains("-c") ? LOOKS : new HostAction(true, "shutdown", "");
      case "reboot":
      case "halt":
      case "poweroff":
        return new HostAction(true, prog, "");
      case "init":
      case "telinit":
        return !plain.isEmpty() && Set.of("0", "6", "1", "s").contains(plain.get(0)) ? new HostAction(true, prog + " " + plain.get(0), "") : LOOKS;
      case "rm": {
        boolean recursive = args.stream().anyMatch(a -> a.startsWith("-") && !a.startsWith("--") && (a.contains("r") || a.contains("R")))
            || args.contains("--recursive");
        if (!recursive || plain.isEmpty()) return LOOKS;
        for (String path : plain) if (!scratch(path)) return new HostAction(true, "rm -r", dataName(path));
        return LOOKS;
      }
      case "dropdb":
        return new HostAction(true, "dropdb", plain.isEmpty() ? "" : plain.get(plain.size() - 1));
      case "kill":
      case "pkill":
      case "killall":
        return new HostAction(true, prog, prog.equals("kill") || plain.isEmpty() ? "" : plain.get(plain.size() - 1));
      case "docker":
      case "podman":
      case "nerdctl": {
        if (plain.isEmpty()) return LOOKS;
        String verb = plain.get(0);
        if (Set.of("stop", "kill", "rm", "down").contains(verb)) return new HostAction(true, prog + " " + verb, plain.size() > 1 ? plain.get(1) : "");
        if (verb.equals("compose") && plain.contains("down")) return new HostAction(true, prog + " compose down", "");
        return LOOKS;
      }
      case "docker-compose":
        return plain.contains("down") || plain.contains("stop") ? new HostAction(true, "docker-compose down", "") : LOOKS;
      case "nginx":
        return args.contains("stop") || args.contains("quit") ? new HostAction(true, "nginx -s stop", "nginx") : LOOKS;
      case "apachectl":
      case "apache2ctl":
      case "pg_ctl":
      case "pg_ctlcluster":
      case "rabbitmqctl":
      case "supervisorctl":
        return plain.contains("stop") || plain.contains("stop_app") ? new HostAction(true, prog + " stop", prog.startsWith("pg") ? "postgresql" : "") : LOOKS;
      case "gitlab-ctl": // Omnibus GitLab: `gitlab-ctl stop postgresql`
      case "initctl": // Upstart
      case "sv": // runit
        return !plain.isEmpty() && Set.of("stop", "kill", "down", "force-stop", "graceful-kill").contains(plain.get(0))
            ? new HostAction(true, prog + " " + plain.get(0), plain.size() > 1 ? unit(plain.get(1)) : "") : LOOKS;
      case "rc-service": // OpenRC: `rc-service nginx stop`
        return plain.size() >= 2 && plain.get(1).equals("stop") ? new HostAction(true, "rc-service stop", unit(plain.get(0))) : LOOKS;
      case "ifdown":
        return new HostAction(true, "ifdown", "");
      case "mkfs":
      case "wipefs":
      case "shred":
        return new HostAction(true, prog, "");
      case "redis-cli":
        return args.stream().anyMatch(a -> a.equalsIgnoreCase("flushall") || a.equalsIgnoreCase("shutdown"))
            ? new HostAction(true, "redis-cli flushall", "redis") : LOOKS;
      case "mysqladmin":
        return plain.contains("drop") || plain.contains("shutdown") ? new HostAction(true, "mysqladmin " + plain.get(0), "") : LOOKS;
      default:
        break;
    }
    if (prog.startsWith("mkfs.")) return new HostAction(true, "mkfs", "");
    if (prog.startsWith("/etc/init.d/") || w.get(0).startsWith("/etc/init.d/")) {
      return plain.contains("stop") ? new HostAction(true, "init.d stop", prog) : LOOKS;
    }
    // psql -c 'DROP DATABASE x', mysql -e 'drop database x'
    for (String a : args) {
      String u = a.toUpperCase(Locale.ROOT);
      if (u.contains("DROP DATABASE") || u.contains("DROP SCHEMA") || u.contains("TRUNCATE ")) {
        return new HostAction(true, "drop database", "");
      }
    }
    if (LOOKING.contains(prog)) return LOOKS;
    return null;
  }

  private static String unit(String u) {
    return u.endsWith(".service") ? u.substring(0, u.length() - ".service".length()) : u;
  }

  private static boolean scratch(String path) {
    for (String s : SCRATCH) if (path.equals(s) || path.startsWith(s + "/")) return true;
    return false;
  }

  /** {@code /var/lib/cassandra/data} → cassandra: the data directory's owner, for reports. */
  private static String dataName(String path) {
    String[] parts = path.split("/");
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equals("lib") || parts[i].equals("data") || parts[i].equals("srv") || parts[i].equals("opt")) {
        return parts[i + 1].replace("*", "");
      }
    }
    return "";
  }
}
