package org.hindsight.cli;

import java.time.ZoneId;
import picocli.CommandLine;

/**
 * The Spark job's entry point for {@code spark-submit --class org.hindsight.cli.ReduceMain
 * hindsight-spark.jar INPUT… --out DIR}: the {@code reduce} command alone, so the job jar needs none
 * of the analysis's libraries (Drools and the rest are not in it), with the same error handling.
 */
public final class ReduceMain {
  private ReduceMain() {}

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new ReduceCommand());
    cli.registerConverter(ZoneId.class, CliValues::zone);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> Main.handle(e, cmd.getErr()));
    cli.setParameterExceptionHandler((ex, a) -> Main.usageError(ex));
    int code;
    try {
      code = cli.execute(args);
    } catch (VirtualMachineError e) {
      code = Main.resourceExhausted(e, cli.getErr());
    }
    System.exit(code);
  }
}
