package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.List;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * ServiceNow change requests ({@code change_request} list exported as CSV, with field names —
 * {@code number, short_description, start_date, end_date} — or column labels — {@code Number,
 * Short description, Planned start date, Planned end date}) → {@code changes}: the number is the
 * ticket, the planned dates the approved window (exports write the exporting user's local time:
 * {@code --timezone}), the business service or configuration item the service. What the change may
 * touch ({@code scope}, {@code max_hosts}) lives in custom fields if anywhere: name them with
 * {@code --map changes:scope=u_target_hosts,max_hosts=u_host_count}.
 */
@AutoService(Importer.class)
public final class ServiceNowChangeImporter implements Importer {
  @Override
  public String name() {
    return "servicenow-change";
  }

  @Override
  public String summary() {
    return "ServiceNow change_request export (number, short_description, planned dates) → changes";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.CHANGES);
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    ImportRun.Clock clock = run.clock();
    CsvRecords.each(source, run, List.of("number"), r -> {
      String ticket = r.pick(run, LogKind.CHANGES, "ticket", "number");
      if (ticket.isEmpty()) {
        run.problem(source, r.line, "change without a number");
        return;
      }
      String start;
      String end;
      try {
        start = time(clock, r.pick(run, LogKind.CHANGES, "window_start", "start_date", "planned start date", "planned_start_date"));
        end = time(clock, r.pick(run, LogKind.CHANGES, "window_end", "end_date", "planned end date", "planned_end_date"));
      } catch (DateTimeException e) {
        run.problem(source, r.line, ticket + ": planned dates: " + e.getMessage());
        return;
      }
      String maxHosts = r.pick(run, LogKind.CHANGES, "max_hosts");
      if (!maxHosts.isEmpty() && !maxHosts.matches("\\d+")) {
        run.problem(source, r.line, ticket + ": max_hosts '" + maxHosts + "' is not a count");
        return;
      }
      run.row(LogKind.CHANGES, source, r.line).set("ticket", ticket)
          .set("summary", r.pick(run, LogKind.CHANGES, "summary", "short_description", "short description"))
          .set("service", r.pick(run, LogKind.CHANGES, "service", "business_service", "service", "business service", "cmdb_ci",
              "configuration item"))
          .set("scope", r.pick(run, LogKind.CHANGES, "scope")).set("max_hosts", maxHosts)
          .set("window_start", start).set("window_end", end)
          .set("approved_by", r.pick(run, LogKind.CHANGES, "approved_by", "approved_by", "approved by", "u_approved_by"))
          .set("approval", r.get("approval")).set("state", r.get("state")).set("change_type", r.get("type"))
          .set("risk", r.get("risk")).set("assigned_to", r.get("assigned_to", "assigned to"))
          .set("configuration_item", r.get("cmdb_ci", "configuration item"));
      run.kept(source);
    });
  }

  private static String time(ImportRun.Clock clock, String text) {
    return text.isEmpty() ? "" : clock.iso(text);
  }
}
