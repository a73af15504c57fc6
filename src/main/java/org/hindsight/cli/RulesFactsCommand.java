package org.hindsight.cli;

import java.util.concurrent.Callable;
import org.hindsight.lint.FactModelDoc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "facts", mixinStandardHelpOptions = true,
    description = "Print the fact model reference (every fact type and field rules can use) as Markdown; "
        + "docs/fact-model.md is this output.",
    footer = ExitCode.HELP)
final class RulesFactsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(FactModelDoc.render());
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
