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
    return switch (format) {
      case json -> json(impacts, downFor);
      case html -> html(impacts, downFor, detailed);
      case md -> markdown(impacts, downFor, detailed);
      default -> throw new IllegalArgumentException("whatif writes md, json or html, not " + format);
    };
  }

  /** The Markdown report's content as one self-contained HTML page (same style and policy as the postmortem). */
  static String html(List<SiteImpact> impacts, Duration downFor, boolean detailed) {
    StringBuilder b = new StringBuilder(16 * 1024);
    String title = "What if a site is lost?";
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(HtmlReport.CSP).append("\">\n")
        .append("<meta name=\"generator\" content=\"Hindsight\">\n<title>").append(title).append("</title>\n<style>\n")
        .append(HtmlReport.CSS).append("</style>\n</head>\n<body>\n<header class=\"top\"><h1>").append(title)
        .append("</h1>\n<p class=\"meta\">Each site fails on its own at T0; failures climb hard dependencies; the site returns after ")
        .append(minutes(downFor)).append(" min and services cold-restart (restart_minutes).</p></header>\n<main>\n<section>\n")
        .append("<table><thead><tr><th>site</th><th>items</th><th>services down</th><th>critical down</th><th>recovery (min)</th>")
        .append("<th>single-site components (services a replica elsewhere keeps up)</th><th>backups lost with their data</th></tr>")
        .append("</thead><tbody>\n");
    for (SiteImpact s : impacts) {
      b.append("<tr><td><b>").append(Html.esc(s.site())).append("</b></td><td class=\"num\">").append(s.items())
          .append("</td><td class=\"num\">").append(s.down().size()).append("</td><td>")
          .append(s.criticalDown().isEmpty() ? "—" : Html.esc(String.join(", ", s.criticalDown()))).append("</td><td class=\"num\">")
          .append(s.recoveryMinutes() == null ? "never" : s.recoveryMinutes().toString()).append("</td><td>")
          .append(Html.esc(fixesText(s))).append("</td><td>")
          .append(s.backups().isEmpty() ? "—" : Html.esc(String.join(", ", s.backups().stream()
              .map(x -> x.backup() + " (" + x.data() + ")").toList())))
          .append("</td></tr>\n");
    }
    b.append("</tbody></table>\n");
    for (SiteImpact s : impacts) {
      if (!s.stoppedByBudget().isEmpty()) {
        b.append("<p class=\"muted\">").append(Html.esc(s.site())).append(": stopped early, ").append(Html.esc(s.stoppedByBudget()))
            .append("</p>\n");
      }
    }
    b.append("</section>\n");
    if (detailed) {
      for (SiteImpact s : impacts) {
        b.append("<section>\n<h2>Losing ").append(Html.esc(s.site())).append("</h2>\n");
        if (s.down().isEmpty()) {
          b.append("<p>Nothing goes down: every service keeps enough live replicas elsewhere.</p>\n");
        } else {
          b.append("<table><thead><tr><th>service</th><th>critical</th><th>down after (min)</th><th>back after (min)</th>")
              .append("<th>why</th></tr></thead><tbody>\n");
          for (BlastRadius.Down d : s.down()) {
            b.append("<tr><td>").append(Html.esc(d.service())).append("</td><td>").append(d.critical() ? "yes" : "")
                .append("</td><td class=\"num\">").append(d.downAfterMinutes()).append("</td><td class=\"num\">")
                .append(d.backAfterMinutes() == null ? "never" : d.backAfterMinutes().toString()).append("</td><td>")
                .append(Html.esc(d.path().size() > 1 ? String.join(" → ", d.path()) : d.reason())).append("</td></tr>\n");
          }
          b.append("</tbody></table>\n");
        }
        if (!s.singleSite().isEmpty()) {
          b.append("<ul>\n");
          for (BlastRadius.Fix f : s.singleSite()) {
            b.append("<li><b>").append(Html.esc(f.component())).append("</b> has every live replica in ").append(Html.esc(s.site()))
                .append(f.row() == null ? "" : " <span class=\"ref\">" + Html.esc(f.row().toString()) + "</span>")
                .append(": with a replica in another site, ")
                .append(f.saves().isEmpty() ? "no service stays up that falls now" : Html.esc(String.join(", ", f.saves())) + " stay up")
                .append(f.hardDependents() == 0 ? " (nothing hard-depends on it)." : ".").append("</li>\n");
          }
          b.append("</ul>\n");
        }
        b.append("</section>\n");
      }
    }
    b.append("</main>\n</body>\n</html>\n");
    return b.toString();
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
    return md(fixesText(s));
  }

  private static String fixesText(SiteImpact s) {
    List<String> parts = s.singleSite().stream().filter(f -> !f.saves().isEmpty())
        .map(f -> f.component() + " (" + f.saves().size() + ")").toList();
    return parts.isEmpty() ? "—" : String.join(", ", parts);
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
