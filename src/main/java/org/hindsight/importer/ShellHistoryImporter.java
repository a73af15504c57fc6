package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * Shell histories → {@code ops-commands}. Three shapes, told apart line by line: bash's history file
 * with {@code HISTTIMEFORMAT} set ({@code #1635127200} before each command; lines up to the next
 * {@code #epoch} belong to the same, multi-line, command), zsh's extended history
 * ({@code : 1635127200:0;command}, a trailing backslash continues the line), and the output of bash's
 * {@code history} builtin ({@code  501  2021-10-25 11:14:02 command}, the time as
 * {@code HISTTIMEFORMAT} wrote it: {@code --time-format '%F %T'}, the default). A history without
 * times cannot be placed on the incident's timeline: such commands are problems. Who typed them:
 * {@code --operator}, else the home folder in the path ({@code /home/alice/.bash_history}).
 */
@AutoService(Importer.class)
public final class ShellHistoryImporter implements Importer {
  private static final Pattern BASH_TIME = Pattern.compile("#(\\d{9,11})\\s*");
  private static final Pattern ZSH = Pattern.compile(": (\\d{9,11}):(\\d+);(.*)");
  private static final Pattern BUILTIN = Pattern.compile("\\s*(\\d+)\\*?\\s+(.*)");
  private static final Pattern HOME = Pattern.compile("(?:^|/)(?:home|Users)/([^/]+)/|(?:^|/)(root)/");

  @Override
  public String name() {
    return "shell-history";
  }

  @Override
  public String summary() {
    return "bash history with #epoch lines (HISTTIMEFORMAT), zsh extended history, or 'history' output → ops-commands";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.OPS_COMMANDS);
  }

  /** A command being gathered (bash and zsh commands may span lines). */
  private static final class Pending {
    int line;
    Timestamps.Parsed time;
    String shell;
    StringBuilder text;
    boolean continues;
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    String operator = operator(source, run);
    if (operator == null) {
      run.fileProblem(source, "who typed these commands? name them with --operator (the path has no home folder)");
      return;
    }
    Timestamps epoch = new Timestamps(run.settings().timezone, "epoch-s", 0);
    ImportRun.Clock clock = run.clock();
    String pattern = run.settings().timeFormat;
    // the 'history' builtin writes HISTTIMEFORMAT's fields, then the command: as many words as the format has
    int timeWords = pattern == null || pattern.startsWith("epoch") ? 2 : pattern.trim().split("\\s+").length;
    Timestamps builtinTimes = pattern == null ? new Timestamps(run.settings().timezone, "yyyy-MM-dd HH:mm:ss", 0) : null;
    Pending[] open = {null};
    Timestamps.Parsed[] bashTime = {null};
    int[] bashTimeLine = {0};
    boolean[] badRecord = {false}; // lines after a bad '#epoch' belong to the record it spoils
    Lines.each(source, (n, text) -> {
      Pending p = open[0];
      if (p != null && p.continues) {
        // zsh: the previous line ended in a backslash
        p.text.append('\n').append(text.endsWith("\\") ? text.substring(0, text.length() - 1) : text);
        p.continues = text.endsWith("\\");
        return;
      }
      Matcher m = BASH_TIME.matcher(text);
      if (m.matches()) {
        emit(open, source, run, operator);
        try {
          bashTime[0] = epoch.parse(m.group(1));
          bashTimeLine[0] = n;
          badRecord[0] = false;
        } catch (DateTimeException e) {
          bashTime[0] = null;
          badRecord[0] = true;
          run.problem(source, n, e.getMessage());
        }
        return;
      }
      if (badRecord[0]) return;
      if (bashTime[0] != null || (p != null && p.shell.equals("bash"))) {
        if (bashTime[0] == null) {
          p.text.append('\n').append(text); // a further line of a multi-line bash command
          return;
        }
        emit(open, source, run, operator);
        open[0] = pending(n, bashTime[0], "bash", text, false);
        bashTime[0] = null;
        return;
      }
      m = ZSH.matcher(text);
      if (m.matches()) {
        emit(open, source, run, operator);
        try {
          String command = m.group(3);
          boolean more = command.endsWith("\\");
          open[0] = pending(n, epoch.parse(m.group(1)), "zsh", more ? command.substring(0, command.length() - 1) : command, more);
        } catch (DateTimeException e) {
          run.problem(source, n, e.getMessage());
        }
        return;
      }
      m = BUILTIN.matcher(text);
      if (m.matches()) {
        emit(open, source, run, operator);
        String[] words = m.group(2).trim().split("\\s+", timeWords + 1);
        if (words.length <= timeWords) {
          run.problem(source, n, "history line without a command after its time");
          return;
        }
        String when = String.join(" ", java.util.Arrays.asList(words).subList(0, timeWords));
        try {
          Timestamps.Parsed t = builtinTimes != null ? builtinTimes.parse(when) : clock.parse(when);
          open[0] = pending(n, t, "history", words[timeWords], false);
        } catch (DateTimeException e) {
          run.problem(source, n, "'history' line: " + e.getMessage()
              + (builtinTimes != null ? " (name HISTTIMEFORMAT's format with --time-format, e.g. '%d/%m/%y %T')" : ""));
        }
        return;
      }
      run.problem(source, n, "command without a time: bash writes '#<epoch>' lines only when HISTTIMEFORMAT is set"
          + " (zsh: setopt EXTENDED_HISTORY)");
    });
    emit(open, source, run, operator);
    if (bashTime[0] != null) run.problem(source, bashTimeLine[0], "a time with no command after it");
  }

  private static Pending pending(int line, Timestamps.Parsed time, String shell, String text, boolean continues) {
    Pending p = new Pending();
    p.line = line;
    p.time = time;
    p.shell = shell;
    p.text = new StringBuilder(text);
    p.continues = continues;
    return p;
  }

  private static void emit(Pending[] open, Source source, ImportRun run, String operator) {
    Pending p = open[0];
    open[0] = null;
    if (p == null) return;
    String command = p.text.toString().strip();
    if (command.isEmpty()) {
      run.ignored(source);
      return;
    }
    run.row(LogKind.OPS_COMMANDS, source, p.line).set("timestamp", ImportRun.format(p.time.instant(), p.time.offset()))
        .set("operator", operator).set("command", command).set("shell", p.shell);
    run.kept(source);
  }

  /** {@code --operator}, else the user whose home folder the history is in. */
  private static String operator(Source source, ImportRun run) {
    if (run.settings().operator != null && !run.settings().operator.isBlank()) return run.settings().operator.trim();
    Matcher m = HOME.matcher(source.path().toAbsolutePath().normalize().toString().replace('\\', '/'));
    if (!m.find()) return null;
    return m.group(1) != null ? m.group(1) : m.group(2);
  }
}
