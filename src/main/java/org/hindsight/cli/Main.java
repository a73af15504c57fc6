package org.hindsight.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.engine.RuleException;
import org.hindsight.engine.RuleProblem;
import org.hindsight.ingest.InputException;
import org.hindsight.ingest.InputProblem;
import org.hindsight.util.Activity;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code hindsight} command line. Errors reach the user as {@code file:line: problem}, never a stack trace. */
@Command(name = "hindsight", mixinStandardHelpOptions = true, version = "hindsight 0.1.0",
    description = "Rule-engine postmortem analyser: CSV outage logs → Drools facts → root-cause hypotheses validated by replay.",
    footer = ExitCode.HELP)
public final class Main {
  /** The commands, in the order help lists them (added in {@link #commandLine(String...)}, not by annotation). */
  private static final List<Class<?>> COMMANDS = List.of(AnalyzeCommand.class, ImportCommand.class, ExplainCommand.class,
      WhatifCommand.class, RulesCommand.class, DrillCommand.class, BenchCommand.class, ReduceCommand.class);

  public static void main(String[] args) {
    // A thread Hindsight did not start (a library's) must not print a JVM trace either.
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      System.err.println(e instanceof VirtualMachineError vm ? resourceLine(vm)
          : "hindsight: internal error in thread " + t.getName() + ": " + e.getClass().getSimpleName()
              + " (set -Dhindsight.debug=true for details)");
      if (Boolean.getBoolean("hindsight.debug")) e.printStackTrace();
    });
    int code = run(args);
    Activity.step("exiting");
    System.exit(code);
  }

  /**
   * Runs a command line and returns its exit code (used by tests too). {@code --plugins DIR} is
   * applied around the whole command, so every extension point and the rule compiler see the jars.
   */
  public static int run(String... args) {
    Activity.phase("starting");
    if (loadsBuiltInRules(args)) org.hindsight.engine.RuleCompiler.loadPrecompiledAhead(org.hindsight.plugin.Plugins.current());
    CommandLine cli = commandLine(args);
    try {
      java.nio.file.Path plugins = pluginDir(args);
      return org.hindsight.plugin.Plugins.with(plugins, () -> cli.execute(args));
    } catch (VirtualMachineError e) {
      // Out of heap or stack: the partial bundle is unreachable by now, so one line can be printed.
      return resourceExhausted(e, cli.getErr());
    } catch (Exception e) {
      return handle(e, cli.getErr());
    }
  }

  /**
   * Whether the line runs an analysis over the built-in rules with no plugins (which change the
   * class loader rules are built for): then their pre-compiled copy starts loading before the line
   * is parsed. A guess on the raw words: when it is wrong the rule base is dropped unused.
   */
  static boolean loadsBuiltInRules(String... args) {
    // By the names' constants: reading the commands' annotations (picocli's, with the JDK's annotation
    // proxies) took about a tenth of the time before the rule base could start.
    if (args.length == 0 || !List.of(AnalyzeCommand.NAME, AnalyzeCommand.ALIAS, ExplainCommand.NAME).contains(args[0])) return false;
    for (String a : args) {
      if (a.equals("--")) break;
      if (a.equals("--no-builtin-rules") || a.equals("--plugins") || a.startsWith("--plugins=") || a.equals("-h")
          || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
        return false;
      }
    }
    return java.nio.file.Files.isDirectory(org.hindsight.analysis.AnalysisOptions.builtInRules());
  }

  /** The command class whose name or alias is exactly {@code word}, or null. */
  static Class<?> commandNamed(String word) {
    for (Class<?> c : COMMANDS) {
      Command command = c.getAnnotation(Command.class);
      if (command.name().equals(word) || List.of(command.aliases()).contains(word)) return c;
    }
    return null;
  }

  /** The value of {@code --plugins} (or {@code --plugins=DIR}) anywhere on the line, or null. */
  static java.nio.file.Path pluginDir(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) break;
      if (args[i].equals("--plugins") && i + 1 < args.length) return java.nio.file.Path.of(args[i + 1]);
      if (args[i].startsWith("--plugins=")) return java.nio.file.Path.of(args[i].substring("--plugins=".length()));
    }
    return null;
  }

  /**
   * One line, no JVM text: what ran out, what Hindsight was doing, how to give it more. Exit 1 like
   * any internal error (the contract); the wording tells them apart.
   */
  static int resourceExhausted(VirtualMachineError e, PrintWriter err) {
    Progress.done();
    err.println(resourceLine(e));
    if (Boolean.getBoolean("hindsight.debug")) e.printStackTrace(err);
    err.flush();
    return ExitCode.INTERNAL;
  }

  static String resourceLine(VirtualMachineError e) {
    String doing = Activity.describe();
    if (e instanceof StackOverflowError) {
      return "hindsight: ran out of stack (input nested or chained too deep) while " + doing
          + "; give Java a larger stack, e.g. HINDSIGHT_JAVA_OPTS=-Xss64m, or shorten that input.";
    }
    if (e instanceof OutOfMemoryError) {
      long maxMiB = Runtime.getRuntime().maxMemory() >> 20;
      return "hindsight: ran out of memory (Java heap, " + maxMiB + " MiB) while " + doing
          + "; give Java more heap, e.g. HINDSIGHT_JAVA_OPTS=-Xmx" + Math.max(2, 2 * ((maxMiB + 1023) / 1024))
          + "g, or analyse a smaller input.";
    }
    return "hindsight: the Java VM failed (" + e.getClass().getSimpleName() + ") while " + doing + ".";
  }

  /** The whole command tree: every command, for help, usage errors and the completion script. */
  static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command tree a command line needs. Picocli reads every command's options by reflection when
   * it is added, about a tenth of a short run's CPU for all of them; so when the line names a command
   * only that one is built. Anything else (no command, an option, a word that is no command, the
   * completion script) gets the whole tree, so help and did-you-mean list every command.
   */
  static CommandLine commandLine(String... line) {
    CommandLine cli = new CommandLine(new Main());
    Class<?> named = line.length == 0 ? null : commandNamed(line[0]);
    for (Class<?> c : COMMANDS) {
      if (named == null || c == named) cli.addSubcommand(c);
    }
    if (named == null) {
      AutoComplete.GenerateCompletion completion = new AutoComplete.GenerateCompletion();
      cli.addSubcommand("completion", completion);
      cli.getSubcommands().get("completion").getCommandSpec().usageMessage().description(
          "Print a bash/zsh completion script for hindsight. Load it with: source <(hindsight completion)");
    }
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.registerConverter(Duration.class, CliValues::duration);
    cli.registerConverter(ZoneId.class, CliValues::zone);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, cmd.getErr()));
    cli.setParameterExceptionHandler((ex, args) -> usageError(ex));
    return cli;
  }

  /**
   * A command line picocli could not parse: one plain sentence, a suggestion when the word looks
   * like a slip of the hand, and the help command of the command that was being typed.
   */
  static int usageError(ParameterException ex) {
    CommandLine c = ex.getCommandLine();
    PrintWriter err = c.getErr();
    String command = c.getCommandSpec().qualifiedName();
    if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String word = u.getUnmatched().get(0);
      if (word.startsWith("-")) {
        String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        List<String> options = new ArrayList<>();
        for (OptionSpec o : c.getCommandSpec().options()) options.addAll(List.of(o.names()));
        err.println("hindsight: unknown option '" + name + "' for " + command
            + CliValues.closest(name, options).map(s -> "; did you mean '" + s + "'?").orElse(""));
      } else if (!c.getSubcommands().isEmpty()) {
        err.println("hindsight: unknown command '" + word + "'"
            + CliValues.closest(word, c.getSubcommands().keySet()).map(s -> "; did you mean '" + command + " " + s + "'?")
                .orElse("; commands: " + String.join(", ", visibleSubcommands(c))));
      } else {
        err.println("hindsight: unexpected argument '" + word + "' for " + command);
      }
    } else if (ex.getMessage() != null && ex.getMessage().startsWith("Missing required subcommand")) {
      // Bare "hindsight" (or "hindsight drill"): what there is to run, not an error in words.
      c.usage(err);
      err.flush();
      return ExitCode.BAD_INPUT;
    } else {
      err.println("hindsight: " + ex.getMessage());
    }
    err.println("Try: " + command + " --help");
    err.flush();
    return ExitCode.BAD_INPUT;
  }

  private static List<String> visibleSubcommands(CommandLine c) {
    List<String> out = new ArrayList<>();
    java.util.Set<CommandLine> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    c.getSubcommands().forEach((name, sub) -> {
      // An alias maps to a command already listed under its first name.
      if (!sub.getCommandSpec().usageMessage().hidden() && seen.add(sub)) out.add(name);
    });
    return out;
  }

  static int handle(Exception e, PrintWriter err) {
    Progress.done(); // problems start on a clean line
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof VirtualMachineError vm) return resourceExhausted(vm, err); // wrapped by a worker thread
    }
    if (e instanceof InputException ie) {
      for (InputProblem p : ie.problems()) err.println(p);
      if (ie.lenientWouldHelp()) {
        err.println("hindsight: " + ie.problems().size() + " input problem(s); nothing was analysed (use --lenient to skip bad rows).");
      } else if (ie.problems().size() > 1) {
        err.println("hindsight: " + ie.problems().size() + " input problem(s); nothing was analysed.");
      }
      err.flush();
      return ExitCode.BAD_INPUT;
    }
    if (e instanceof RuleException re) {
      for (RuleProblem p : re.problems()) err.println(p);
      err.println("hindsight: " + re.problems().size() + " rule problem(s).");
      err.flush();
      return ExitCode.RULE_ERROR;
    }
    if (e instanceof java.nio.file.InvalidPathException ip) {
      err.println("hindsight: not a valid path: " + ip.getReason());
      err.flush();
      return ExitCode.BAD_INPUT;
    }
    if (e instanceof UsageException ue) {
      err.println("hindsight: " + ue.getMessage());
      err.flush();
      return ExitCode.BAD_INPUT;
    }
    if (e instanceof IOException io) {
      err.println("hindsight: " + describe(io));
      err.flush();
      return ExitCode.BAD_INPUT;
    }
    if (e instanceof CommandLine.ParameterException pe) return usageError(pe);
    // The class's simple name, not its package: the user sees what happened, not JVM text.
    err.println("hindsight: internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
        + " while " + Activity.describe() + (Boolean.getBoolean("hindsight.debug") ? "" : " (set -Dhindsight.debug=true for details)"));
    if (Boolean.getBoolean("hindsight.debug")) e.printStackTrace(err);
    err.flush();
    return ExitCode.INTERNAL;
  }

  /** A file-system error in a person's words: the path, then what is wrong with it. */
  static String describe(IOException e) {
    if (e instanceof FileSystemException f && f.getFile() != null) {
      String why = e instanceof NoSuchFileException ? "no such file or folder"
          : e instanceof AccessDeniedException ? "permission denied"
          : e instanceof FileAlreadyExistsException ? "already exists"
          : e instanceof NotDirectoryException ? "not a folder"
          : f.getReason() != null ? f.getReason() : "cannot be used";
      return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + why;
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
