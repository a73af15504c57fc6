package org.hindsight.report;

import java.util.LinkedHashSet;
import java.util.Set;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.engine.Detection;
import org.hindsight.facts.Evidence;
import org.hindsight.facts.SourceRef;
import org.hindsight.simulate.Symptom;

/** Every record a report may quote, so their text is read back in one pass per file. */
final class ReportRefs {
  private ReportRefs() {}

  static Set<SourceRef> all(Analysis analysis) {
    Set<SourceRef> refs = new LinkedHashSet<>();
    for (Assessment a : analysis.assessments()) {
      refs.add(a.hypothesis().cause());
      refs.add(a.hypothesis().trigger());
      for (Evidence e : a.hypothesis().evidence()) refs.add(e.ref());
      if (a.replay() != null) for (Symptom s : a.replay().observed()) refs.add(s.evidence());
    }
    for (Detection.OfFinding f : analysis.findings()) for (Evidence e : f.finding().evidence()) refs.add(e.ref());
    for (Symptom s : analysis.unexplained()) refs.add(s.evidence());
    refs.remove(null);
    return refs;
  }
}
