package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * A Helm release's history as {@code helm history RELEASE} prints it: {@code -o json} or {@code -o yaml} (a list of
 * revisions: {@code revision}, {@code updated}, {@code status}, {@code chart}, {@code app_version}, {@code description}),
 * or its table ({@code REVISION UPDATED STATUS CHART APP VERSION DESCRIPTION}, whose times are the local time of the
 * machine helm ran on: {@code --timezone}). Each revision is a {@code changes} row — an install, upgrade, rollback or
 * uninstall of the release is a deploy of its service, timed by {@code deployed_at}, a change for change correlation.
 * Helm's history does not name the release: the service is the chart's name without its version ({@code
 * ledger-1.4.3} → {@code ledger}), which for a service's own chart is the service. A revision that failed stays a
 * change: Helm may have applied part of it before it failed.
 */
@AutoService(Importer.class)
public final class HelmHistoryImporter implements Importer {
  /** A chart's version at the end of {@code CHART}: SemVer, as Helm requires ({@code 1.4.3}, {@code 0.1.0-rc.1+build.5}). */
  private static final Pattern CHART = Pattern.compile("(.+?)-v?\\d+\\.\\d+(?:\\.\\d+)?(?:[-+][0-9A-Za-z.+-]*)?");
  /** Go's {@code time.ANSIC} ({@code Mon Oct  3 10:15:13 2016}), as the table writes UPDATED. */
  private static final DateTimeFormatter ANSIC = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss uuuu", Locale.ENGLISH)
      .withResolverStyle(ResolverStyle.STRICT);
  private static final List<String> COLUMNS = List.of("REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "DESCRIPTION");

  @Override
  public String name() {
    return "helm-history";
  }

  @Override
  public String summary() {
    return "Helm release history (helm history RELEASE -o json|yaml, or its table with --timezone) → changes (a deploy of the chart's service)";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.CHANGES);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    String first = JsonRecords.firstLine(source);
    if (first.startsWith("[") || first.startsWith("{")) {
      JsonRecords.objects(source, run, r -> revision(r, source, run));
    } else if (first.startsWith("REVISION")) {
      table(source, run);
    } else {
      JsonRecords.yamlDocuments(source, run, "neither helm history's JSON, YAML nor its table (REVISION UPDATED STATUS CHART APP"
          + " VERSION DESCRIPTION)", r -> revision(r, source, run));
    }
  }

  /** One revision of {@code -o json} or {@code -o yaml}. */
  private static void revision(Tree r, Source source, ImportRun run) {
    if (!r.isObject() || r.get("revision").isMissing() || r.get("chart").isMissing()) {
      run.problem(source, r.line(), "not a revision of helm history (an object with revision, updated, status, chart)");
      return;
    }
    String updated = r.text("updated");
    if (updated.isEmpty()) {
      run.problem(source, r.line(), "revision " + r.text("revision") + " without its time (updated)");
      return;
    }
    Timestamps.Parsed t;
    try {
      t = new Timestamps(run.settings().timezone).parse(updated);
    } catch (DateTimeException e) {
      run.problem(source, r.line(), "updated: " + e.getMessage());
      return;
    }
    row(r.line(), ImportRun.format(t.instant(), t.offset()), r.text("revision"), r.text("status"), r.text("chart"),
        r.text("app_version"), r.text("description"), source, run);
  }

  /** The table helm prints by default: tab-separated cells, or (pasted where tabs became spaces) cells where the header's start. */
  private static void table(Source source, ImportRun run) throws IOException {
    List<Integer> starts = new ArrayList<>();
    boolean[] zoneSaid = {false};
    Lines.each(source, (n, text) -> {
      if (text.startsWith("REVISION")) {
        starts.clear();
        for (String c : COLUMNS) starts.add(text.indexOf(c));
        if (starts.contains(-1)) run.problem(source, n, "a header without helm history's columns " + String.join(", ", COLUMNS));
        if (run.settings().timezone == null && !zoneSaid[0]) {
          zoneSaid[0] = true;
          run.unreadableAt(source, n, "UPDATED is the local time of the machine helm ran on: name its zone with --timezone"
              + " (or export with -o json, which keeps the offset)");
        }
        return;
      }
      if (starts.contains(-1) || run.settings().timezone == null) return; // said at the header
      List<String> cells = cells(text, starts);
      if (cells == null) {
        run.problem(source, n, "a row with fewer columns than helm history's header");
        return;
      }
      LocalDateTime local;
      try {
        local = LocalDateTime.parse(cells.get(1).replaceAll("\\s+", " ").replaceFirst("^(\\S+ \\S+ )(\\d )", "$1 $2"), ANSIC);
      } catch (DateTimeException e) {
        run.problem(source, n, "UPDATED '" + cells.get(1) + "' is no time as helm writes it (Mon Oct  3 10:15:13 2016)");
        return;
      }
      ZonedDateTime z = local.atZone(run.settings().timezone);
      row(n, ImportRun.format(z.toInstant(), z.getOffset()), cells.get(0), cells.get(2), cells.get(3), cells.get(4), cells.get(5),
          source, run);
    });
  }

  /** A row's six cells: split at tabs as helm writes them, else where the header's columns start. */
  private static List<String> cells(String text, List<Integer> starts) {
    List<String> out = new ArrayList<>();
    if (text.contains("\t")) {
      for (String c : text.split("\t", COLUMNS.size())) out.add(c.trim());
      return out.size() == COLUMNS.size() ? out : null;
    }
    for (int i = 0; i < starts.size(); i++) {
      int from = starts.get(i);
      if (from > text.length()) return null;
      int to = i + 1 == starts.size() ? text.length() : Math.min(text.length(), starts.get(i + 1));
      out.add(text.substring(from, to).trim());
    }
    return out;
  }

  private static void row(int line, String time, String revision, String status, String chart, String appVersion,
      String description, Source source, ImportRun run) {
    if (!revision.matches("\\d+")) {
      run.problem(source, line, "revision '" + revision + "' is no revision number");
      return;
    }
    Matcher m = CHART.matcher(chart);
    String service = m.matches() ? m.group(1) : chart;
    if (service.isEmpty()) {
      run.problem(source, line, "revision " + revision + " names no chart");
      return;
    }
    run.row(LogKind.CHANGES, source, line).set("ticket", service + " revision " + revision)
        .set("summary", "helm " + chart + (appVersion.isEmpty() ? "" : " (app " + appVersion + ")") + ": " + description)
        .set("service", service).set("deployed_at", time).set("revision", revision).set("status", status)
        .set("chart", chart).set("app_version", appVersion);
    run.kept(source);
  }
}
