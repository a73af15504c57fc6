package org.hindsight.validation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hindsight.analysis.Assessment;
import org.hindsight.observe.Symptom;
import org.hindsight.testing.CsvTable;

/**
 * The perturbations of {@link ValidatorMutationTest} for fault localisation, whose cause is a
 * metric sample (the root's first anomalous one) rather than a timed row one could move.
 */
final class FaultLocalisationPerturbations {
  private FaultLocalisationPerturbations() {}

  /** The dependent whose explained anomaly came last. */
  static String lastVictim(Assessment truth) {
    return truth.validation().explained().stream().filter(s -> !s.entity().equals(truth.hypothesis().subject()))
        .max(Comparator.comparing(Symptom::onset).thenComparing(Symptom::entity)).map(Symptom::entity)
        .orElseThrow(() -> new AssertionError("the true root explains no dependent"));
  }

  /**
   * Copies the cause's series (entity and metric of the cause's row, every sample) onto {@code entity}
   * under a new metric name, shifted by {@code by}; returns the line of the copy of the cause's row.
   */
  static int copyRootSeries(Path dir, String file, int causeLine, String entity, Duration by) throws Exception {
    CsvTable t = CsvTable.read(dir.resolve(file));
    String[] cause = t.atLine(causeLine);
    String from = t.get(cause, "entity");
    String metric = t.get(cause, "metric");
    int copyOfCause = -1;
    List<String[]> rows = new ArrayList<>(t.where(r -> t.get(r, "entity").equals(from) && t.get(r, "metric").equals(metric)));
    for (String[] r : rows) {
      String[] copy = r.clone();
      int line = t.appendCopy(copy);
      String[] added = t.atLine(line);
      t.set(added, "entity", entity);
      t.set(added, "metric", metric + ".copy");
      t.shift(added, by);
      if (r == cause) copyOfCause = line;
    }
    t.write();
    return copyOfCause;
  }
}
