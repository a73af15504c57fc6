package org.hindsight.cli;

import java.io.PrintWriter;
import org.hindsight.engine.RuleException;
import org.hindsight.engine.RuleProblem;
import org.hindsight.ingest.InputException;
import org.hindsight.ingest.InputProblem;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hindsight} command line. Errors reach the user as {@code file:line: problem}, never a stack trace. */
@Command(name = "hindsight", mixinStandardHelpOptions = true, version = "hindsight 0.1.0",
    description = "Rule-engine postmortem analyser: CSV outage logs → Drools facts → root-cause hypotheses validated by replay.",
    subcommands = {AnalyzeCommand.class, ExplainCommand.class, WhatifCommand.class, RulesCommand.class, DrillCommand.class,
        BenchCommand.class},
    footer = ExitCode.HELP)
public final class Main {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs a command line and returns its exit code (used by tests too). {@code --plugins DIR} is
   * applied around the whole command, so every extension point and the rule compiler see the jars.
   */
  public static int run(String... args) {
    CommandLine cli = commandLine();
    java.nio.file.Path plugins = pluginDir(args);
    try {
      return org.hindsight.plugin.Plugins.with(plugins, () -> cli.execute(args));
    } catch (Exception e) {
      return handle(e, cli.getErr());
    }
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

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, cmd.getErr()));
    cli.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("hindsight: " + ex.getMessage());
      ex.getCommandLine().getErr().println("Try: hindsight " + ex.getCommandLine().getCommandName() + " --help");
      return ExitCode.BAD_INPUT;
    });
    return cli;
  }

  static int handle(Exception e, PrintWriter err) {
    Progress.done(); // problems start on a clean line
    if (e instanceof InputException ie) {
      for (InputProblem p : ie.problems()) err.println(p);
      err.println("hindsight: " + ie.problems().size() + " input problem(s); nothing was analysed (use --lenient to skip bad rows).");
      err.flush();
      return ExitCode.BAD_INPUT;
    }
    if (e instanceof RuleException re) {
      for (RuleProblem p : re.problems()) err.println(p);
      err.println("hindsight: " + re.problems().size() + " rule problem(s).");
      err.flush();
      return ExitCode.RULE_ERROR;
    }
    if (e instanceof UsageException ue) {
      err.println("hindsight: " + ue.getMessage());
      err.flush();
      return ExitCode.BAD_INPUT;
    }
    if (e instanceof java.io.IOException io) {
      err.println("hindsight: " + io.getMessage());
      err.flush();
      return ExitCode.BAD_INPUT;
    }
    err.println("hindsight: internal error: " + e + (Boolean.getBoolean("hindsight.debug") ? "" : " (set -Dhindsight.debug=true for details)"));
    if (Boolean.getBoolean("hindsight.debug")) e.printStackTrace(err);
    err.flush();
    return ExitCode.INTERNAL;
  }
}
