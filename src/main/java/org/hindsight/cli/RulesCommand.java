package org.hindsight.cli;

import picocli.CommandLine.Command;

/** {@code hindsight rules check|test|facts}: the rule author's tools. */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = "Tools for rule authors: lint rules, run their fixtures, print the fact model.",
    subcommands = {RulesCheckCommand.class, RulesTestCommand.class, RulesFactsCommand.class},
    footer = ExitCode.HELP)
final class RulesCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
