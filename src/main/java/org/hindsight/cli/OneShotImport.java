package org.hindsight.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.hindsight.importer.Import;
import org.hindsight.ingest.InputException;

/**
 * {@code analyze --from FORMAT:SRC}: the sources imported into a temporary bundle that the analysis
 * reads with its other inputs. Rows cite the user's own files, so the bundle is not worth keeping;
 * it is deleted when the command is done (after the report has quoted what it cites). It is made in
 * the system's temporary folder, or in {@code -Dhindsight.import.tmpdir} when set.
 */
final class OneShotImport {
  private final Path folder;
  private boolean wroteRows;

  private OneShotImport(Path folder) {
    this.folder = folder;
  }

  Path folder() {
    return folder;
  }

  /**
   * Whether any source gave a row: an export may rightly give none (a run list of builds only, no deploy), and a
   * bundle folder without a file is no input to analyse beside the others.
   */
  boolean wroteRows() {
    return wroteRows;
  }

  /**
   * Imports every {@code FORMAT:SRC}; problems fail the command as {@code file:line: problem}, as in {@code import}.
   * @param beside the span of the CSV files analysed beside the sources (syslog times take its earliest's year and
   *     zone, and are fitted into it when that zone reads them outside), or null
   */
  static OneShotImport run(List<String> from, ImportOptions importing, ReadOptions read, BundleTimes.Span beside) throws Exception {
    List<Import.Job> jobs = ImportOptions.jobs(from, true);
    String parent = System.getProperty("hindsight.import.tmpdir");
    Path dir = parent == null ? Files.createTempDirectory("hindsight-import-")
        : Files.createTempDirectory(Files.createDirectories(Path.of(parent)), "hindsight-import-");
    OneShotImport imported = new OneShotImport(dir);
    try {
      Import.Result r = Import.run(jobs, importing.settings(read, beside == null ? null : beside.earliest(), beside == null ? null : beside.latest()), dir);
      ImportOptions.summarise(r, System.err);
      imported.wroteRows = !r.written().isEmpty();
      return imported;
    } catch (InputException | UsageException | RuntimeException e) {
      imported.delete();
      throw e;
    }
  }

  void delete() {
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      System.err.println("hindsight: could not remove the temporary import " + folder + ": " + e.getMessage());
    }
  }
}
