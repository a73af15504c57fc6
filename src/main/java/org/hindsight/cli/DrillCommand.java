package org.hindsight.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hindsight.drill.AttemptLog;
import org.hindsight.drill.Difficulty;
import org.hindsight.drill.Diagnosis;
import org.hindsight.drill.DrillEnvironment;
import org.hindsight.drill.DrillException;
import org.hindsight.drill.Drills;
import org.hindsight.drill.Hints;
import org.hindsight.drill.SealedDrill;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "drill", mixinStandardHelpOptions = true,
    description = "Training drills: generated incidents with a sealed answer, graded diagnoses, hints and teaching notes.",
    subcommands = {DrillCommand.New.class, DrillCommand.Check.class, DrillCommand.Hint.class, DrillCommand.Summary.class},
    footer = ExitCode.HELP)
public final class DrillCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  private DrillEnvironment env;

  public DrillCommand() {}

  /** For tests: a drill command with its own generators, rules, home, clock and input. */
  public DrillCommand(DrillEnvironment env) {
    this.env = env;
  }

  Drills drills() {
    if (env == null) env = DrillEnvironment.standard();
    return new Drills(env);
  }

  DrillEnvironment env() {
    if (env == null) env = DrillEnvironment.standard();
    return env;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.BAD_INPUT;
  }

  /** Options for commands that open a sealed drill. */
  static final class KeyOption {
    @Option(names = "--key-file", paramLabel = "FILE",
        description = "Trainer key (default: $HINDSIGHT_DRILL_KEY, else ~/.config/hindsight/drill.key, created on first use).")
    Path keyFile;
  }

  @Command(name = "new", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
      description = "Generate an incident drill: CSV logs, BRIEFING.md for the trainee, and the answer sealed in drill.sealed.")
  static final class New implements Callable<Integer> {
    @picocli.CommandLine.Mixin PluginOptions plugins;

    @ParentCommand DrillCommand parent;
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin KeyOption key = new KeyOption();

    @Option(names = "--pattern", paramLabel = "P", defaultValue = "random",
        description = "Pattern to drill, or random (default).")
    String pattern;

    @Option(names = "--difficulty", paramLabel = "LEVEL", defaultValue = "medium",
        description = "easy, medium (default) or hard (a pattern variant and a red herring).")
    Difficulty difficulty;

    @Option(names = "--seed", paramLabel = "N", description = "Reproduce a drill (default: random).")
    Long seed;

    @Option(names = "--near-miss", description = "Make a near miss: a look-alike whose right answer is pattern=none.")
    boolean nearMiss;

    @Option(names = "--near-miss-rate", paramLabel = "R", defaultValue = "0",
        description = "Chance (0..1) that the drill is a near miss, decided by the seed (default: ${DEFAULT-VALUE}).")
    double nearMissRate;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "New (or empty) folder for the drill.")
    Path out;

    @Override
    public Integer call() throws Exception {
      try {
        SealedDrill d = parent.drills().create(new Drills.Request(pattern, difficulty, seed, nearMiss, nearMissRate), out, key.keyFile);
        PrintWriter o = spec.commandLine().getOut();
        o.println("drill " + d.id() + " (" + d.difficulty().name().toLowerCase(Locale.ROOT) + ") written to " + out);
        o.println("trainee: read " + out.resolve("BRIEFING.md") + "; answer with: hindsight drill check " + out);
        o.flush();
        return ExitCode.OK;
      } catch (DrillException e) {
        throw new UsageException(e.getMessage());
      }
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
      description = {"Grade a diagnosis, then teach: the answer, the evidence to find, teaching notes, the full report.",
          "Scoring: pattern 40, subject 30, cause 30 (15 for a neighbouring record of the same group).",
          "Without --answer or --pattern/--subject/--cause, asks for each part on standard input."})
  static final class Check implements Callable<Integer> {
    @picocli.CommandLine.Mixin PluginOptions plugins;

    @ParentCommand DrillCommand parent;
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin KeyOption key = new KeyOption();

    @Parameters(index = "0", paramLabel = "DIR", description = "The drill folder.")
    Path dir;

    @Option(names = "--answer", paramLabel = "TEXT", description = "\"pattern=… subject=… cause=file:line\".")
    String answer;

    @Option(names = "--pattern", paramLabel = "P", description = "The pattern (or none).")
    String pattern;

    @Option(names = "--subject", paramLabel = "S", description = "The subject.")
    String subject;

    @Option(names = "--cause", paramLabel = "FILE:LINE", description = "The root-cause record.")
    String cause;

    @Option(names = "--trainee", paramLabel = "NAME", description = "Who answers (default: $USER).")
    String trainee;

    @Option(names = "--log", paramLabel = "FILE",
        description = "Attempt log to append to (default: ~/.local/share/hindsight/drill-attempts.csv).")
    Path log;

    @Option(names = "--rules", paramLabel = "DIR", description = "An extra folder of DRL rules (repeatable).")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--no-report", description = "Do not print the full report after the lesson.")
    boolean noReport;

    @Override
    public Integer call() throws Exception {
      try {
        Drills drills = parent.drills();
        Diagnosis d;
        if (answer != null) {
          if (pattern != null || subject != null || cause != null) {
            throw new DrillException("give either --answer or --pattern/--subject/--cause, not both");
          }
          d = Diagnosis.parse(answer);
        } else if (pattern != null || subject != null || cause != null) {
          d = Diagnosis.of(pattern, subject, cause);
        } else {
          drills.open(dir, key.keyFile); // a bad folder or key fails before the questions
          d = ask(parent.env().generators().patterns());
        }
        Drills.Checked c = drills.check(dir, d, key.keyFile, trainee, log, rules, !noReport);
        PrintWriter o = spec.commandLine().getOut();
        o.print(c.lesson());
        o.flush();
        return ExitCode.OK;
      } catch (DrillException e) {
        throw new UsageException(e.getMessage());
      }
    }

    /** Interactive mode: one line per part from standard input. */
    private Diagnosis ask(List<String> patterns) throws DrillException, IOException {
      PrintWriter o = spec.commandLine().getOut();
      BufferedReader in = new BufferedReader(new InputStreamReader(parent.env().in(), StandardCharsets.UTF_8));
      o.print("Pattern (" + String.join(", ", patterns) + (patterns.isEmpty() ? "" : ", ") + "or none): ");
      o.flush();
      String p = in.readLine();
      if (p == null || p.isBlank()) throw new DrillException("no answer given; type the pattern when asked, or use --answer");
      p = p.strip().toLowerCase(Locale.ROOT);
      if (p.equals("none")) return Diagnosis.of(p, "", "");
      o.print("Subject (what the pattern names as culprit): ");
      o.flush();
      String s = in.readLine();
      String c;
      while (true) {
        o.print("Cause (file:line of the record where it started): ");
        o.flush();
        c = in.readLine();
        try {
          return Diagnosis.of(p, s == null ? "" : s, c == null ? "" : c);
        } catch (DrillException bad) {
          if (c == null) throw bad;
          o.println(bad.getMessage() + "; try again");
        }
      }
    }
  }

  @Command(name = "hint", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
      description = {"Progressive hints (1: which records, 2: when, 3: where, 4: the pattern family).",
          "Without --level, shows one level more than last time. Hints taken are recorded with the attempt."})
  static final class Hint implements Callable<Integer> {
    @ParentCommand DrillCommand parent;
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin KeyOption key = new KeyOption();

    @Parameters(index = "0", paramLabel = "DIR", description = "The drill folder.")
    Path dir;

    @Option(names = "--level", paramLabel = "N", description = "Show hints 1..N (1.." + Hints.LEVELS + ").")
    Integer level;

    @Option(names = "--rules", paramLabel = "DIR", description = "An extra folder of DRL rules (repeatable).")
    List<Path> rules = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      try {
        Drills.Hinted h = parent.drills().hint(dir, level, key.keyFile, rules);
        PrintWriter o = spec.commandLine().getOut();
        for (int i = 0; i < h.hints().size(); i++) o.println("Hint " + (i + 1) + "/" + Hints.LEVELS + ": " + h.hints().get(i));
        if (h.level() < Hints.LEVELS) o.println("(more: hindsight drill hint " + dir + " --level " + (h.level() + 1) + ")");
        if (!h.recorded()) o.println("(note: " + dir + " is read-only, so this hint was not recorded)");
        o.flush();
        return ExitCode.OK;
      } catch (DrillException e) {
        throw new UsageException(e.getMessage());
      }
    }
  }

  @Command(name = "summary", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
      description = "Trainer summary as CSV: per trainee and drill, attempts, best and first score, hints, seconds to the best answer.")
  static final class Summary implements Callable<Integer> {
    @ParentCommand DrillCommand parent;
    @Spec CommandSpec spec;

    @Option(names = "--log", paramLabel = "FILE",
        description = "Attempt log (default: ~/.local/share/hindsight/drill-attempts.csv).")
    Path log;

    @Override
    public Integer call() throws Exception {
      try {
        PrintWriter o = spec.commandLine().getOut();
        o.print(AttemptLog.summary(AttemptLog.read(log != null ? log : parent.env().defaultLog())));
        o.flush();
        return ExitCode.OK;
      } catch (DrillException e) {
        throw new UsageException(e.getMessage());
      }
    }
  }
}
