package org.hindsight.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hindsight.facts.Event;
import org.hindsight.facts.MetricSeries;
import org.hindsight.ingest.Bundle;
import org.hindsight.ingest.InputStats;
import org.hindsight.ingest.LogKind;

/**
 * Writes {@code BRIEFING.md}: what the users saw (when trouble started, how much was alarmed, when
 * it recovered — told from the symptoms only), the files and how to answer. It is written without
 * the answer in hand, so it cannot give it away.
 */
public final class Briefing {
  public static final String FILE = "BRIEFING.md";

  private static final Set<String> USER_VISIBLE = Set.of("service.down", "service.degraded", "incident.declared");
  private static final Set<String> RECOVERY = Set.of("service.up", "site.restored");

  /** What each kind holds, in the trainee's words, and what a trainee should compare in it (hints). */
  record KindGuide(String holds, String compare) {}

  static final Map<LogKind, KindGuide> KINDS = Map.ofEntries(
      Map.entry(LogKind.EVENTS, new KindGuide("anything that happened: alarms, outages, sessions, jobs",
          "the order of events: what came first and what only followed")),
      Map.entry(LogKind.METRICS, new KindGuide("numeric samples over time (one sample per row)",
          "each metric's baseline against its peak, and when each entity's curve turned")),
      Map.entry(LogKind.CONFIG_COMMANDS, new KindGuide("commands typed on network devices, per session, in typed order",
          "the context each line was typed in against the context it was meant for")),
      Map.entry(LogKind.INVENTORY, new KindGuide("what exists, where (site = failure domain) and what it serves",
          "where each component runs (site, hall, power) against what failed")),
      Map.entry(LogKind.LINKS, new KindGuide("network adjacencies between devices", "how far and how fast a change spreads over the links")),
      Map.entry(LogKind.SERVICES, new KindGuide("what each service needs (minimum hosts, restart time)",
          "how many hosts each service needs against how many it kept")),
      Map.entry(LogKind.DEPENDENCIES, new KindGuide("which service depends on which", "which services depend, hard or soft, on what failed first")),
      Map.entry(LogKind.OPS_COMMANDS, new KindGuide("commands operators ran on hosts and fleets",
          "the hosts each command reached against the hosts its ticket or option names")),
      Map.entry(LogKind.CHANGES, new KindGuide("change tickets: what was intended and approved",
          "what each ticket approved (scope, size, window) against what was done")),
      Map.entry(LogKind.REQUESTS, new KindGuide("a sample of the requests users made and how they were answered",
          "what the failing requests had in common that the others lacked")),
      Map.entry(LogKind.KEY_GENERATORS, new KindGuide("rate-limit key generator configuration",
          "where each chain of generators ends when you follow it from the rule")));

  private Briefing() {}

  public static void write(Path dir, SealedDrill drill, Bundle bundle, List<String> patterns) throws IOException {
    Files.writeString(dir.resolve(FILE), render(dir, drill.id(), drill.difficulty(), bundle, patterns), StandardCharsets.UTF_8);
  }

  static String render(Path dir, String id, Difficulty difficulty, Bundle bundle, List<String> patterns) {
    ZoneId zone = bundle.displayZone();
    StringBuilder b = new StringBuilder();
    b.append("# Incident drill ").append(id).append("\n\n");
    b.append("Difficulty: ").append(difficulty.name().toLowerCase(Locale.ROOT))
        .append(difficulty == Difficulty.HARD ? " (the most noise, with errors that are not the cause)" : "").append(".\n\n");

    b.append("## What the users saw\n\n");
    Instant onset = firstUserVisible(bundle);
    if (onset == null) {
      b.append("Users reported trouble at some point while these logs were being written; nobody noted when.\n");
    } else {
      Instant hourLater = onset.plusSeconds(3600);
      long alarms = bundle.events().stream().filter(e -> alarming(e) && !e.time().isBefore(onset) && e.time().isBefore(hourLater)).count();
      Set<String> affected = new HashSet<>();
      bundle.events().stream().filter(e -> e.type().startsWith("service.") && !e.type().equals("service.up") && !e.entity().isEmpty())
          .forEach(e -> affected.add(e.entity()));
      b.append("Around ").append(clock(onset, zone)).append(" users started to see failures");
      b.append(affected.isEmpty() ? "." : "; " + affected.size() + " service(s) were reported degraded or down.");
      b.append(" In the hour that followed, monitoring and people logged ").append(alarms).append(" alarm(s) or incident update(s).");
      Instant recovered = bundle.events().stream().filter(e -> RECOVERY.contains(e.type()) && e.time().isAfter(onset))
          .map(Event::time).max(Instant::compareTo).orElse(null);
      b.append(recovered == null ? " The logs end before full recovery." : " Service was reported restored around " + clock(recovered, zone) + ".");
      b.append("\n");
    }
    b.append("\nThe on-call team collected the logs below. Find the root cause before the postmortem meeting.\n\n");

    b.append("## The files\n\n");
    b.append("| file | kind | rows | what it holds |\n|---|---|---:|---|\n");
    for (InputStats.FileStats f : bundle.stats().files()) {
      String name = AnswerMatch.fileName(f.file());
      String help = LogKind.named(f.kind()).map(KINDS::get).map(KindGuide::holds).orElse("");
      b.append("| ").append(name).append(" | ").append(f.kind()).append(" | ").append(f.rows()).append(" | ").append(help).append(" |\n");
    }
    b.append("\nLine numbers are as in any editor: line 1 is the header. Columns are described in the input "
        + "contract (docs/architecture.md, shared log formats). Times carry their UTC offset.\n\n");

    b.append("## Your answer\n\nThree parts:\n\n");
    b.append("- **pattern**: one of ").append(String.join(", ", patterns.stream().map(p -> "`" + p + "`").toList()))
        .append(", or `none` when no root-cause pattern explains the outage (some drills are near misses: they look like a pattern, but are not one).\n");
    b.append("- **subject**: what the pattern names as the culprit (the device, service, key generator or component the postmortem would name).\n");
    b.append("- **cause**: the record where it started, as `file:line`.\n\n");
    String d = dir.toString();
    b.append("```\n./hindsight drill check ").append(d).append(" --answer \"pattern=… subject=… cause=file:line\"\n```\n\n");
    b.append("or run `./hindsight drill check ").append(d).append("` and answer the questions. Stuck? `./hindsight drill hint ")
        .append(d).append("` gives up to four hints, each telling more (hints are recorded).\n\n");
    b.append("Scoring: pattern ").append(Grader.PATTERN_POINTS).append(", subject ").append(Grader.SUBJECT_POINTS)
        .append(", cause ").append(Grader.CAUSE_POINTS).append(" (").append(Grader.NEIGHBOUR_POINTS)
        .append(" for a neighbouring record of the same session, operator or entity). After grading you get the full report "
            + "and the evidence you should have found.\n\n");
    b.append("Work from the logs: running `hindsight analyze` on this folder would do the drill for you.\n");
    return b.toString();
  }

  private static boolean alarming(Event e) {
    return USER_VISIBLE.contains(e.type()) || e.severity().equals("error") || e.severity().equals("critical");
  }

  /** The earliest symptom users notice: an outage event, an error event, a 5xx or error-ratio rise. */
  static Instant firstUserVisible(Bundle bundle) {
    Instant first = null;
    for (Event e : bundle.events()) {
      if (alarming(e) && (first == null || e.time().isBefore(first))) first = e.time();
    }
    for (MetricSeries m : bundle.metrics()) {
      if (m.metric().equals("http.error_ratio")) {
        Instant t = m.firstTimeAtLeast(org.hindsight.observe.MetricThresholds.ERROR_RATIO);
        if (t != null && (first == null || t.isBefore(first))) first = t;
      }
    }
    var requests = bundle.requests();
    for (int k = 0; k < requests.size(); k++) {
      var r = requests.inOrder(k);
      if (r.serverError()) {
        Instant t = Instant.ofEpochMilli(r.millis());
        if (first == null || t.isBefore(first)) first = t;
        break;
      }
    }
    return first;
  }

  /** "14:05 on Sunday 14 May 2023 (UTC+09:00)", rounded down to five minutes so it hints no record. */
  static String clock(Instant t, ZoneId zone) {
    ZonedDateTime z = t.atZone(zone);
    z = z.withMinute(z.getMinute() / 5 * 5).withSecond(0).withNano(0);
    String offset = z.getOffset().getId().equals("Z") ? "UTC" : "UTC" + z.getOffset().getId();
    return z.format(DateTimeFormatter.ofPattern("HH:mm 'on' EEEE d MMMM yyyy", Locale.ENGLISH)) + " (" + offset + ")";
  }
}
