package org.hindsight.drill;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.engine.RuleInfo;
import org.hindsight.facts.Evidence;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.TimedFact;
import org.hindsight.ingest.LogKind;
import org.hindsight.observe.Symptom;
import org.hindsight.world.World;

/**
 * Progressive hints derived from the sealed answer and the analyser's hypothesis for it — never
 * from the pattern's name, so they work for any pattern. The first two teach the reasoning steps,
 * the last two narrow the answer:
 *
 * <ol>
 *   <li>where to look first: from the first symptom back to what changed, in the kinds of records
 *       the hypothesis cites;
 *   <li>what to compare: the window in which the symptoms start, and for each of those kinds what
 *       to hold against what (intended against done, before against after, …);
 *   <li>the area: the subject's site, service and type from the inventory, else the site, else the
 *       stretch of the file where the cause lies;
 *   <li>the pattern family: the title of the rule that detects it (for a near miss: what it looks like).
 * </ol>
 *
 * The answer itself (subject, cause line, pattern id) is never stated.
 */
public final class Hints {
  public static final int LEVELS = 4;

  private Hints() {}

  /** Hints 1..{@code upTo}, one text per level. */
  public static List<String> upTo(int upTo, SealedDrill drill, Analysis analysis) {
    Optional<Assessment> target = AnswerMatch.best(analysis, drill.answer(), drill.family());
    ZoneId zone = analysis.zone();
    List<String> out = new ArrayList<>();
    for (int level = 1; level <= Math.min(upTo, LEVELS); level++) {
      out.add(switch (level) {
        case 1 -> "Where to look first: find the first symptom users saw, then work backwards to what changed "
            + "shortly before it; a change is a suspect only if it came first. " + kinds(target, analysis);
        case 2 -> "What to compare: " + window(target, analysis, zone) + " For each change in that stretch, compare "
            + compare(target, analysis) + ". A cause explains every symptom; a bystander explains none.";
        case 3 -> area(target, drill.answer(), analysis.world());
        default -> family(target, drill, analysis);
      });
    }
    return out;
  }

  private static List<SourceRef> refs(Hypothesis h) {
    List<SourceRef> refs = new ArrayList<>();
    if (h.cause() != null) refs.add(h.cause());
    if (h.trigger() != null) refs.add(h.trigger());
    for (Evidence e : h.evidence()) refs.add(e.ref());
    return refs;
  }

  private static String compare(Optional<Assessment> target, Analysis analysis) {
    return String.join("; ", kindsOf(target, analysis).stream()
        .map(k -> LogKind.named(k).map(Briefing.KINDS::get).map(Briefing.KindGuide::compare).orElse(null)).filter(c -> c != null).toList());
  }

  private static String kinds(Optional<Assessment> target, Analysis analysis) {
    List<String> described = kindsOf(target, analysis).stream()
        .map(k -> k + LogKind.named(k).map(Briefing.KINDS::get).map(g -> " (" + g.holds() + ")").orElse("")).toList();
    return "The trail runs through these kinds of records: " + String.join("; ", described) + ".";
  }

  private static TreeSet<String> kindsOf(Optional<Assessment> target, Analysis analysis) {
    TreeSet<String> kinds = new TreeSet<>();
    if (target.isPresent()) {
      for (SourceRef r : refs(target.get().hypothesis())) {
        LogKind.ofFileName(AnswerMatch.fileName(r.file())).ifPresent(k -> kinds.add(k.fileName()));
      }
    }
    if (kinds.isEmpty()) analysis.input().files().forEach(f -> kinds.add(f.kind()));
    return kinds;
  }

  private static String window(Optional<Assessment> target, Analysis analysis, ZoneId zone) {
    Instant onset = null;
    if (target.isPresent() && target.get().replay() != null) {
      for (Symptom s : target.get().replay().observed()) {
        if (s.onset() != null && (onset == null || s.onset().isBefore(onset))) onset = s.onset();
      }
    }
    if (onset == null && target.isPresent()) {
      Map<SourceRef, Instant> timeOf = new HashMap<>();
      for (TimedFact f : analysis.world().timeline()) timeOf.put(f.origin(), f.time());
      for (SourceRef r : refs(target.get().hypothesis())) {
        Instant t = timeOf.get(r);
        if (t != null && (onset == null || t.isBefore(onset))) onset = t;
      }
    }
    if (onset == null) onset = Briefing.firstUserVisible(analysis.world().bundle());
    if (onset == null) return "The logs do not date the symptoms; order the records by time and look for the first thing that changed.";
    String from = Briefing.clock(onset.minusSeconds(600), zone);
    String to = Briefing.clock(onset.plusSeconds(900), zone);
    // Same day: the second time needs only its hour and minute.
    if (from.substring(5).equals(to.substring(5))) to = to.substring(0, 5);
    return "The symptoms start between " + from + " and " + to + ".";
  }

  private static String area(Optional<Assessment> target, DrillAnswer answer, World world) {
    String subject = answer.nearMiss() ? target.map(a -> a.hypothesis().subject()).orElse("") : answer.subject();
    String site = answer.nearMiss() ? target.map(a -> a.hypothesis().site()).orElse("") : answer.site();
    Optional<InventoryItem> item = subject.isEmpty() ? Optional.empty() : world.item(subject);
    if (item.isPresent()) {
      InventoryItem i = item.get();
      return "Narrowing down: the trouble is about a " + i.type() + (i.service().isEmpty() ? "" : " serving " + i.service())
          + " at site " + i.site() + (i.location().isEmpty() ? "" : " (" + i.location() + ")") + ".";
    }
    List<InventoryItem> serving = subject.isEmpty() ? List.of() : world.itemsOfService(subject);
    if (!serving.isEmpty()) {
      TreeSet<String> sites = new TreeSet<>();
      serving.forEach(i -> sites.add(i.site()));
      return "Narrowing down: the trouble is about a service: the one whose " + serving.size() + " host(s) sit at site(s) "
          + String.join(", ", sites) + ".";
    }
    if (!site.isEmpty()) return "Narrowing down: the trouble is centred on site " + site + ".";
    SourceRef cause = answer.nearMiss() ? target.map(a -> a.hypothesis().cause()).orElse(null)
        : new SourceRef(answer.causeFile(), answer.causeLine());
    if (cause == null) return "No single component stands out: compare what was intended with what was done.";
    int from = Math.max(2, cause.line() - 8);
    return "The trail starts in " + AnswerMatch.fileName(cause.file()) + ", somewhere in lines " + from + "–" + (cause.line() + 8) + ".";
  }

  private static String family(Optional<Assessment> target, SealedDrill drill, Analysis analysis) {
    Optional<RuleInfo> rule = target.map(Assessment::rule).or(() -> Lesson.ruleOfPattern(analysis, drill.family()));
    String title = rule.map(r -> r.title()).orElse(drill.family());
    if (drill.nearMiss()) {
      return "It looks like this family: \"" + title + "\". Check whether every condition of that pattern really holds "
          + "(order of events, scope, timing) before you name it.";
    }
    return "The pattern family: \"" + title + "\"" + rule.map(r -> " (rule " + r.id() + ", severity " + r.severity() + ")").orElse("")
        + ".";
  }
}
