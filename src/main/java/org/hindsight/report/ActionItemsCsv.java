package org.hindsight.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hindsight.analysis.Analysis;

/**
 * The action items as CSV ({@code --format csv}), one row per item, for import into a tracker:
 * priority, the action, owner (TBD), what it is about, the rules proposing it, whether it holds
 * only if an unvalidated hypothesis does, and the incident it comes from. Cells that a spreadsheet
 * would take for a formula are prefixed with {@code '} (log text is untrusted).
 */
public final class ActionItemsCsv {
  static final String[] HEADER = {"priority", "action", "owner", "about", "rules", "conditional", "incident"};

  private ActionItemsCsv() {}

  public static String render(Analysis analysis) {
    Postmortem pm = Postmortem.of(analysis);
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").build())) {
      csv.printRecord((Object[]) HEADER);
      String incident = pm.heading();
      for (Postmortem.Action a : pm.actions) {
        csv.printRecord(a.priority(), cell(a.text()), "TBD", cell(String.join("; ", a.about())), String.join(" ", a.sources()),
            a.conditional(), cell(incident));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Formula injection guard (OWASP "CSV injection"): a leading = + - @ tab or CR makes a spreadsheet evaluate the cell. */
  static String cell(String s) {
    return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
  }
}
