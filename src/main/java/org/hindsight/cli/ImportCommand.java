package org.hindsight.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hindsight.importer.Import;
import org.hindsight.importer.Importer;
import org.hindsight.importer.Importers;
import org.hindsight.ingest.InputException;
import org.hindsight.ingest.InputProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Turn the logs you have into a bundle of contract CSVs that 'hindsight analyze' reads; every row cites "
        + "file:line of your own file, and reports point there.",
        "  hindsight import FORMAT SRC… --out DIR       (SRC: a file, .gz/.zst, or - for stdin)",
        "  hindsight import FORMAT:SRC… --out DIR      (several formats in one go)",
        "  hindsight import prometheus --url URL --query [METRIC=]PROMQL --start T --end T --step 30s --out DIR",
        "Formats: see --list; docs/importing.md has an example of each."},
    footer = ExitCode.HELP)
final class ImportCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "FORMAT SRC…", description = "A format then its sources, or FORMAT:SRC pairs.")
  List<String> args = new ArrayList<>();

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "The bundle folder to write (created if missing).")
  Path out;

  @Option(names = "--list", description = "List the formats and exit.")
  boolean list;

  @Mixin ReadOptions read;
  @Mixin ImportOptions options;
  @Mixin PluginOptions plugins;

  @Override
  public Integer call() throws Exception {
    if (list) {
      for (Importer i : Importers.all()) System.out.printf("%-18s %s%n", i.name(), i.summary());
      return ExitCode.OK;
    }
    if (out == null) throw new UsageException("name the bundle folder to write with --out DIR");
    List<Import.Job> jobs = ImportOptions.jobs(args, false);
    Import.Result r;
    try {
      r = Import.run(jobs, options.settings(read), out);
    } catch (InputException e) {
      for (InputProblem p : e.problems()) System.err.println(p);
      System.err.println("hindsight: " + e.problems().size() + " problem(s); nothing was imported"
          + (!read.lenient() ? " (use --lenient to skip bad records)." : "."));
      return ExitCode.BAD_INPUT;
    }
    ImportOptions.summarise(r, System.err);
    for (Path p : r.written()) System.out.println(p);
    return ExitCode.OK;
  }
}
