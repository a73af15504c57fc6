package org.hindsight.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each built-in fact type and field means, for the generated fact-model reference
 * ({@code ./hindsight rules facts} → {@code docs/fact-model.md}) and for compile-error hints. Kept
 * in code beside the records so the reference cannot drift: a test compares the checked-in file
 * with the generated one, and fails on a field without a description.
 */
public final class FactCatalog {
  private FactCatalog() {}

  /** The built-in fact types rules can match that are not timed events (those come with the engine's event types). */
  public static final List<Class<? extends Fact>> STRUCTURE_TYPES = List.of(InventoryItem.class, Link.class,
      ServiceSpec.class, Dependency.class, ChangeTicket.class, KeyGenerator.class, MetricSeries.class,
      Hypothesis.class, Finding.class);

  private static final Map<String, String> TYPES = new LinkedHashMap<>();
  private static final Map<String, String> FIELDS = new LinkedHashMap<>();
  private static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

  private static void type(Class<?> c, String what, String example) {
    TYPES.put(c.getSimpleName(), what);
    EXAMPLES.put(c.getSimpleName(), example);
  }

  private static void field(Class<?> c, String field, String what) {
    FIELDS.put(c.getSimpleName() + "." + field, what);
  }

  static {
    type(Event.class, "Anything that happened: a site fire, a service going down, a deploy, a log line.",
        "$down : Event( type == \"service.down\", $service : entity )");
    field(Event.class, "time", "when it happened");
    field(Event.class, "source", "which system logged it");
    field(Event.class, "type", "dotted event type, e.g. site.fire, service.down, cert.expired");
    field(Event.class, "entity", "what it is about (\"\" when the log names nothing)");
    field(Event.class, "message", "free text as logged");
    field(Event.class, "severity", "info, warning, error or critical, lower case (\"\" when absent)");

    type(ConfigCommand.class, "One CLI line typed on a network device (TACACS+-style accounting), in typed order per session.",
        "$cmd : ConfigCommand( device == \"r1\", command str[startsWith] \"router isis\", !rejected() )");
    field(ConfigCommand.class, "time", "when it was typed");
    field(ConfigCommand.class, "device", "the device it was typed on");
    field(ConfigCommand.class, "session", "the CLI session id");
    field(ConfigCommand.class, "user", "who typed it");
    field(ConfigCommand.class, "command", "the line as typed, without the prompt");
    field(ConfigCommand.class, "result", "\"\" or ok when accepted, else the device's error text");

    type(OpsCommand.class, "An operator command run against hosts or a fleet.",
        "$op : OpsCommand( command str[startsWith] \"kubectl scale\", ticket != \"\" )");
    field(OpsCommand.class, "time", "when it was run");
    field(OpsCommand.class, "operator", "who ran it");
    field(OpsCommand.class, "command", "the command line as typed");
    field(OpsCommand.class, "ticket", "the change ticket it cites (\"\" when none)");
    field(OpsCommand.class, "result", "the tool's answer (\"\" when not logged)");

    type(InventoryItem.class, "Something that exists, and its failure domain.",
        "$item : InventoryItem( service == \"billing\", role == \"primary\", $site : site )");
    field(InventoryItem.class, "entity", "its name, as events and metrics name it");
    field(InventoryItem.class, "type", "router, host, server, process, component, backup, … (lower case)");
    field(InventoryItem.class, "site", "the failure domain: what one fire or power cut takes down");
    field(InventoryItem.class, "service", "the service or subsystem it serves (\"\" when none)");
    field(InventoryItem.class, "role", "primary, replica, standby, control, backup, … (lower case)");
    field(InventoryItem.class, "platform", "for routers the CLI dialect: ios, iosxr, junos, sros (lower case)");
    field(InventoryItem.class, "location", "building, hall or data-centre name, for display only");
    field(InventoryItem.class, "parent", "the server a process runs on, the data centre a server is in (\"\" when none)");

    type(Link.class, "A network adjacency between two nodes.", "Link( a == $router || b == $router, protocol == \"isis\" )");
    field(Link.class, "a", "one end");
    field(Link.class, "b", "the other end");
    field(Link.class, "protocol", "isis, ospf, bgp, … (lower case, \"\" when absent)");
    field(Link.class, "latencyMs", "latency in milliseconds, NaN when absent (test with hasLatency())");

    type(ServiceSpec.class, "What one service needs to work.", "ServiceSpec( service == $service, minHosts > 0, $min : minHosts )");
    field(ServiceSpec.class, "service", "the service's name");
    field(ServiceSpec.class, "minHosts", "fewest hosts with which it still works, -1 when absent");
    field(ServiceSpec.class, "critical", "whether it is critical (false when absent)");
    field(ServiceSpec.class, "restartMinutes", "minutes to restart it from cold, -1 when absent");

    type(Dependency.class, "One edge of the service graph: service needs dependsOn.",
        "Dependency( dependsOn == $failed, hard(), $dependent : service )");
    field(Dependency.class, "service", "the service that needs something");
    field(Dependency.class, "dependsOn", "what it needs");
    field(Dependency.class, "kind", "hard (fails without it, the default) or soft");

    type(ChangeTicket.class, "An approved change: what was intended, where and when.",
        "$t : ChangeTicket( ticket == $op.ticket(), hasMaxHosts(), $max : maxHosts )");
    field(ChangeTicket.class, "ticket", "the ticket id");
    field(ChangeTicket.class, "summary", "what the change is for");
    field(ChangeTicket.class, "service", "the service it touches (\"\" when absent)");
    field(ChangeTicket.class, "scope", "the intended target selector (\"\" when absent)");
    field(ChangeTicket.class, "maxHosts", "most hosts it may touch, -1 when absent");
    field(ChangeTicket.class, "windowStart", "start of the approved window, null when absent (test with hasWindow())");
    field(ChangeTicket.class, "windowEnd", "end of the approved window, null when absent");
    field(ChangeTicket.class, "approvedBy", "who approved it (\"\" when absent)");

    type(KeyGenerator.class, "A rate-limit key generator and the generator it falls back to.",
        "$g : KeyGenerator( hasParent(), $parent : parent )");
    field(KeyGenerator.class, "generator", "its name");
    field(KeyGenerator.class, "kind", "ip, cookie, header, jwt, … (lower case)");
    field(KeyGenerator.class, "parent", "the generator used when this one cannot produce a key (\"\" when none)");
    field(KeyGenerator.class, "rule", "the rule that uses it (\"\" when absent)");

    type(MetricSeries.class, "All samples of one metric of one entity, in time order; rules ask it questions.",
        "$s : MetricSeries( metric == \"igp.routes\", peak() > 10 * baseline() )");
    field(MetricSeries.class, "entity", "the entity measured");
    field(MetricSeries.class, "metric", "the metric name, e.g. igp.routes, cpu.util, http.error_ratio");
    field(MetricSeries.class, "count", "number of samples");
    field(MetricSeries.class, "firstTime", "time of the first sample");
    field(MetricSeries.class, "lastTime", "time of the last sample");
    field(MetricSeries.class, "baseline", "median of the first quarter of the samples (at most 50): the level before trouble");
    field(MetricSeries.class, "peak", "the largest value");
    field(MetricSeries.class, "peakTime", "when the largest value was sampled");
    field(MetricSeries.class, "peakRef", "file:line of the peak sample");
    field(MetricSeries.class, "min", "the smallest value");
    field(MetricSeries.class, "last", "the last value");
    field(MetricSeries.class, "files", "the files its samples come from");

    type(MetricExcursion.class, "A stretch of a metric series beyond its metric's threshold, as an event at its start.",
        "$x : MetricExcursion( metric == \"cpu.util\", peak > 90, this after[0s, 10m] $deploy )");
    field(MetricExcursion.class, "entity", "the entity measured");
    field(MetricExcursion.class, "metric", "the metric name");
    field(MetricExcursion.class, "start", "first sample beyond the threshold");
    field(MetricExcursion.class, "end", "first sample back within it, null when it never came back (test recovered())");
    field(MetricExcursion.class, "baseline", "the series' baseline");
    field(MetricExcursion.class, "threshold", "the threshold crossed");
    field(MetricExcursion.class, "peak", "the largest value during the excursion");
    field(MetricExcursion.class, "peakTime", "when the peak was sampled");
    field(MetricExcursion.class, "peakRef", "file:line of the peak sample");
    field(MetricExcursion.class, "endRef", "file:line of the sample that ended it, null when none");

    type(Placement.class, "Where a component's live replicas and backups sit (failure domains); one per component.",
        "$c : Placement( singleSite, site == $lostSite )");
    field(Placement.class, "component", "a service, a dependency target or a protected entity");
    field(Placement.class, "liveSites", "sites of its live replicas (service rows and the row named after it), sorted");
    field(Placement.class, "backupSites", "sites of its backups, sorted");
    field(Placement.class, "item", "its first live inventory row, or null");
    field(Placement.class, "backup", "its first backup row, or null");

    type(Topology.class, "The incident's failure domains and hard-dependency graph as one fact: site names, placements, closures.",
        "$t : Topology()  and  Event( type == \"service.down\", $svc : entity ) and Topology( this == $t, needsHard($svc, $c) )");
    field(Topology.class, "placements", "every component's Placement");
    field(Topology.class, "origin", "null: it cites no single record");

    type(Hypothesis.class, "A suspected root cause, inserted by a rule; rules may also match hypotheses others inserted.",
        "Hypothesis( pattern == \"missing-exit\", $device : subject )");
    field(Hypothesis.class, "pattern", "the root-cause pattern, e.g. missing-exit or a custom one");
    field(Hypothesis.class, "subject", "what the claim is about (the device, service, generator, component)");
    field(Hypothesis.class, "site", "the failure domain involved (\"\" when none)");
    field(Hypothesis.class, "cause", "file:line of the root-cause record");
    field(Hypothesis.class, "trigger", "file:line of the event that set the cause off, or null");
    field(Hypothesis.class, "evidence", "records cited in support, with notes");
    field(Hypothesis.class, "confidence", "the rule's own confidence, 0–1");
    field(Hypothesis.class, "origin", "the same as cause");
    field(Hypothesis.class, "details", "pattern-specific parameters, e.g. simulate=dependency-propagation, failed, at");
    field(Hypothesis.class, "matched", "the facts the rule matched and cited (cause, trigger, evidence, matched(...)), for its simulator");

    type(Finding.class, "A statement that is not a root cause: contributing factor, data-loss risk, latent defect, …",
        "Finding( kind == \"contributing-factor\", pattern == \"typo-scoped-shutdown\" )");
    field(Finding.class, "kind", "contributing-factor, data-loss, latent, independent-cause, or a custom word");
    field(Finding.class, "pattern", "the pattern of the hypothesis it relates to (\"\" when standalone)");
    field(Finding.class, "subject", "what it is about");
    field(Finding.class, "summary", "one sentence for reports");
    field(Finding.class, "evidence", "records cited");
    field(Finding.class, "origin", "the first record cited, or null");

    for (Class<?> c : List.of(Event.class, ConfigCommand.class, OpsCommand.class, InventoryItem.class, Link.class,
        ServiceSpec.class, Dependency.class, ChangeTicket.class, KeyGenerator.class)) {
      field(c, "attributes", "columns beyond the contract, as strings; read one with attr(\"column\") (\"\" when absent)");
    }
    for (Class<?> c : List.of(Event.class, ConfigCommand.class, OpsCommand.class, InventoryItem.class, Link.class,
        ServiceSpec.class, Dependency.class, ChangeTicket.class, KeyGenerator.class, MetricExcursion.class, MetricSeries.class)) {
      field(c, "origin", "file:line of the record it comes from (cite it: .cause($fact) does)");
    }
  }

  /** What the type is, or "" when the catalog does not know it (a deriver's new type). */
  public static String describe(Class<?> type) {
    return TYPES.getOrDefault(type.getSimpleName(), "");
  }

  /** What the field means, or "" when not written down. */
  public static String describe(Class<?> type, String field) {
    return FIELDS.getOrDefault(type.getSimpleName() + "." + field, "");
  }

  /** A DRL pattern using the type, or "". */
  public static String example(Class<?> type) {
    return EXAMPLES.getOrDefault(type.getSimpleName(), "");
  }
}
