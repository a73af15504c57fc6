package org.hindsight.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.hindsight.analysis.BlastRadius;
import org.hindsight.analysis.BlastRadius.SiteImpact;

/**
 * Renders {@code hindsight whatif}: a blast-radius table per site (Markdown) or the stable JSON
 * shape documented in rules/single-site-dependency/README.md ({@code "kind": "hindsight-whatif"}).
 */
public final class BlastRadiusReport {
  private BlastRadiusReport() {}

  public static String render(List<SiteImpact> impacts, Duration downFor, boolean detailed, Reports.Format format) {
    return format == Reports.Format.json ? json(impacts, downFor) : markdown(impacts, downFor, detailed);
  }

  static String markdown(List<SiteImpact> impacts, Duration downFor, boolean detailed) {
    StringBuilder sb = new StringBuilder();
    sb.append("# What if a site is lost?\n\n");
    sb.append("Each site fails on its own at T0 (every inventory item whose `site` it is); failures climb hard dependencies; ")
        .append("the site returns after ").append(minutes(downFor)).append(" min and services cold-restart (`restart_minutes`).\n\n");
    sb.append("| site | items | services down | critical down | recovery (min) | single-site components (services a replica elsewhere keeps up) | backups lost with their data |\n");
    sb.append("|---|---:|---:|---|---:|---|---|\n");
    for (SiteImpact s : impacts) {
      sb.append("| ").append(md(s.site())).append(" | ").append(s.items()).append(" | ").append(s.down().size())
          .append(" | ").append(s.criticalDown().isEmpty() ? "—" : md(String.join(", ", s.criticalDown())))
          .append(" | ").append(s.recoveryMinutes() == null ? "never" : s.recoveryMinutes().toString())
          .append(" | ").append(fixes(s)).append(" | ")
          .append(s.backups().isEmpty() ? "—" : md(String.join(", ", s.backups().stream()
              .map(b -> b.backup() + " (" + b.data() + ")").toList())))
          .append(" |\n");
    }
    for (SiteImpact s : impacts) {
      if (!s.stoppedByBudget().isEmpty()) sb.append("\n> ").append(md(s.site())).append(": stopped early, ").append(md(s.stoppedByBudget())).append('\n');
    }
    if (detailed) {
      for (SiteImpact s : impacts) {
        sb.append("\n## Losing ").append(md(s.site())).append("\n\n");
        if (s.down().isEmpty()) sb.append("Nothing goes down: every service keeps enough live replicas elsewhere.\n");
        else {
          sb.append("| service | critical | down after (min) | back after (min) | why |\n|---|---|---:|---:|---|\n");
          for (BlastRadius.Down d : s.down()) {
            sb.append("| ").append(md(d.service())).append(" | ").append(d.critical() ? "yes" : "").append(" | ")
                .append(d.downAfterMinutes()).append(" | ").append(d.backAfterMinutes() == null ? "never" : d.backAfterMinutes())
                .append(" | ").append(md(d.path().size() > 1 ? String.join(" → ", d.path()) : d.reason())).append(" |\n");
          }
        }
        for (BlastRadius.Fix f : s.singleSite()) {
          sb.append("\n- **").append(md(f.component())).append("** has every live replica in ").append(md(s.site()))
              .append(f.row() == null ? "" : " (`" + md(f.row().toString()) + "`)").append(": with a replica in another site, ")
              .append(f.saves().isEmpty() ? "no service stays up that falls now"
                  : md(String.join(", ", f.saves())) + " stay up")
              .append(f.hardDependents() == 0 ? " (nothing hard-depends on it)." : ".");
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String fixes(SiteImpact s) {
    List<String> parts = s.singleSite().stream().filter(f -> !f.saves().isEmpty())
        .map(f -> f.component() + " (" + f.saves().size() + ")").toList();
    return parts.isEmpty() ? "—" : md(String.join(", ", parts));
  }

  static String json(List<SiteImpact> impacts, Duration downFor) {
    var mapper = JsonReport.mapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("kind", "hindsight-whatif");
    root.put("version", 1);
    root.put("downForMinutes", minutes(downFor));
    ArrayNode sites = root.putArray("sites");
    for (SiteImpact s : impacts) {
      ObjectNode n = sites.addObject();
      n.put("site", s.site());
      n.put("items", s.items());
      n.put("servicesDownCount", s.down().size());
      ArrayNode down = n.putArray("servicesDown");
      for (BlastRadius.Down d : s.down()) {
        ObjectNode dn = down.addObject();
        dn.put("service", d.service());
        dn.put("critical", d.critical());
        dn.put("reason", d.reason());
        ArrayNode path = dn.putArray("path");
        d.path().forEach(path::add);
        dn.put("downAfterMinutes", d.downAfterMinutes());
        if (d.backAfterMinutes() == null) dn.putNull("backAfterMinutes");
        else dn.put("backAfterMinutes", d.backAfterMinutes());
      }
      ArrayNode critical = n.putArray("criticalDown");
      s.criticalDown().forEach(critical::add);
      if (s.recoveryMinutes() == null) n.putNull("recoveryMinutes");
      else n.put("recoveryMinutes", s.recoveryMinutes());
      ArrayNode single = n.putArray("singleSiteComponents");
      for (BlastRadius.Fix f : s.singleSite()) {
        ObjectNode fn = single.addObject();
        fn.put("component", f.component());
        fn.set("cause", JsonReport.ref(f.row()));
        fn.put("hardDependents", f.hardDependents());
        ArrayNode saves = fn.putArray("replicaElsewhereKeepsUp");
        f.saves().forEach(saves::add);
      }
      ArrayNode backups = n.putArray("backupsAtRisk");
      for (BlastRadius.BackupAtRisk b : s.backups()) {
        ObjectNode bn = backups.addObject();
        bn.put("data", b.data());
        bn.put("backup", b.backup());
        bn.set("cause", JsonReport.ref(b.row()));
      }
      n.put("stoppedByBudget", s.stoppedByBudget());
    }
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long minutes(Duration d) {
    return d.toMinutes();
  }

  /** Log text is untrusted: keep it from breaking the table. */
  private static String md(String s) {
    return s.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;");
  }
}
