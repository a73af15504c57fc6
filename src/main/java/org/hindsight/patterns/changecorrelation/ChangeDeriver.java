package org.hindsight.patterns.changecorrelation;

import com.google.auto.service.AutoService;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.derive.Derivation;
import org.hindsight.derive.FactDeriver;
import org.hindsight.facts.Change;
import org.hindsight.facts.ChangeTicket;
import org.hindsight.facts.CliLines;
import org.hindsight.facts.CommandEffect;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Dependency;
import org.hindsight.facts.BuildUp;
import org.hindsight.facts.EarlierChange;
import org.hindsight.facts.Fact;
import org.hindsight.facts.IncidentOnset;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.ItemChange;
import org.hindsight.facts.Link;
import org.hindsight.facts.LogsEnd;
import org.hindsight.facts.OpsCommand;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.TroubleProximity;
import org.hindsight.observe.Observations;
import org.hindsight.observe.Symptom;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.world.World;

/**
 * The neutral facts change correlation reasons over: every {@link Change} the structured logs record
 * (CLI sessions, ops commands, {@code changes} rows with a time; events whose type says a change
 * are classified by the DRL), how close each entity is to the symptoms ({@link TroubleProximity}),
 * the first symptom with what lies downstream of it ({@link IncidentOnset}), and the end of the
 * logs ({@link LogsEnd}). No verdict: the rules rank, the replay judges.
 */
@AutoService(FactDeriver.class)
public final class ChangeDeriver implements FactDeriver {
  /** Columns of a {@code changes} row that say when the change was carried out (beyond the contract). */
  public static final List<String> TIME_COLUMNS = List.of("time", "timestamp", "executed_at", "deployed_at", "started_at");

  @Override
  public String name() {
    return "changes";
  }

  @Override
  public List<Class<? extends Fact>> factTypes() {
    return List.of(Change.class, EarlierChange.class, BuildUp.class, ItemChange.class, TroubleProximity.class, IncidentOnset.class, LogsEnd.class);
  }

  /** The session replay's verdict per CLI line: when a session acted, and by which line. */
  @Override
  public List<Class<? extends Fact>> reads() {
    return List.of(CliLines.class);
  }

  @Override
  public List<Fact> derive(World world) {
    Graph graph = new Graph(world);
    List<Fact> out = new ArrayList<>();
    int estate = graph.known.size();
    // An ops command's kind is its command with the names taken out: a fleet's thousands of commands share a
    // few hundred, held once each (a CLI session's, all its lines, rarely repeat: not pooled).
    Map<String, String> kinds = new HashMap<>();
    CliLines replayed = world.derived(CliLines.class).stream().findFirst().orElse(null);
    for (List<ConfigCommand> lines : world.configSessions().values()) {
      // the session's lines as replayed, asked session by session: a fleet's million are not held at once
      Map<SourceRef, CommandEffect> acting = new HashMap<>();
      if (replayed != null) {
        for (CommandEffect e : replayed.ofSession(lines.get(0).device(), lines.get(0).session())) {
          if (e.effective() && !e.opensMode()) acting.put(e.origin(), e);
        }
      }
      Change c = session(lines, acting, estate);
      if (c != null) out.add(c);
    }
    Map<String, ChangeTicket> tickets = new HashMap<>();
    for (ChangeTicket t : world.changes()) tickets.putIfAbsent(t.ticket(), t);
    for (OpsCommand op : world.opsCommands()) {
      Derivation.at(op.origin());
      // a command whose answer says it did not take effect changed nothing
      // nor did one that only looked (list, get, status, describe, test.ping)
      if (!op.rejected() && !onlyLooks(op.command())) out.add(ops(op, tickets.get(op.ticket()), graph, estate, kinds));
    }
    for (ChangeTicket t : world.changes()) {
      Derivation.at(t.origin());
      Change c = ticket(t, graph, estate);
      if (c != null) out.add(c);
    }
    Observations obs = world.observations();
    List<Symptom> symptoms = obs.all();
    if (!symptoms.isEmpty()) {
      Symptom first = symptoms.get(0);
      // The service of an item showing the first symptom is not downstream of it: a change to the
      // service acts on its items (a fleet's own deploy shows first on one of its hosts).
      Set<String> downstream = new LinkedHashSet<>(graph.downstream(first.entity()));
      downstream.removeAll(graph.showsOn.getOrDefault(first.entity(), Set.of()));
      String service = graph.serviceOf.get(first.entity());
      // each entity's earliest symptom: an incident may hold independent troubles, each with its own start
      Map<String, IncidentOnset.Trouble> firstOf = new LinkedHashMap<>();
      for (Symptom s : symptoms) {
        IncidentOnset.Trouble t = new IncidentOnset.Trouble(s.onset(), s.entity(), s.kind(), s.evidence(), s.onsetEarliest());
        firstOf.merge(s.entity(), t, IncidentOnset.Trouble::earlier);
      }
      Map<String, IncidentOnset.Trouble> reaches = graph.reaches(firstOf);
      List<TroubleProximity> near = graph.proximity(firstOf.keySet());
      actOnTheNamedItemsService(out, graph, near);
      List<TroubleProximity> named = namedInTrouble(world, graph, near, reaches);
      IncidentOnset onset = new IncidentOnset(first.onset(), first.entity(), first.kind(), downstream, estate, first.evidence(),
          service == null ? Set.of() : Set.of(service), reaches, graph.downstreamOf(firstOf), null, graph.reached(firstOf, symptoms));
      out.add(onset);
      List<Fact> earlier = new ArrayList<>();
      for (Fact f : out) {
        if (f instanceof Change c && onset.failedFirst(c.entity()) && c.time().isBefore(first.onset())) earlier.add(new EarlierChange(c));
      }
      out.addAll(earlier);
      BuildUp climb = buildUp(world, first);
      if (climb != null) out.add(climb);
      // the changes made item by item to a service with a symptomatic item, kept for the session: which
      // items a roll-out of days before reached, and which it missed
      Set<String> troubled = new java.util.HashSet<>();
      for (String e : firstOf.keySet()) if (graph.serviceOf.containsKey(e)) troubled.add(graph.serviceOf.get(e));
      List<Fact> kept = new ArrayList<>();
      for (Fact f : out) {
        if (f instanceof Change c && !c.rolling() && troubled.contains(graph.serviceOf.get(c.entity()))
            && c.time().isBefore(first.onset())) {
          kept.add(new ItemChange(c));
        }
      }
      out.addAll(kept);
      out.addAll(near);
      out.addAll(named);
    }
    // the last record of any kind: a command typed after the last event or sample is still in the logs
    // (and may carry out a ticket that must not be weighed on its own before the command is seen)
    Instant end = obs.logsEnd();
    for (Fact f : out) {
      if (f instanceof Change c && (end == null || c.time().isAfter(end))) end = c.time();
    }
    if (end != null) out.add(new LogsEnd(end.plusMillis(1), null));
    return out;
  }

  /**
   * A command that names a service and, by its own name, an item of another service (orchestrator's
   * {@code graceful-master-takeover -alias merchant-data -d db-41}: a cluster alias that reads as a service, the
   * host taken over) is a change of the item's service when that service is nearer the trouble (fewer
   * {@link TroubleProximity} hops), or as near and upstream of the named one (trouble there reaches it): the word
   * may only label the cluster, the host is what it acted on. One that meets no trouble there stays a change of the
   * service it names ({@code ssh bastion-1 deploy checkout}), and so does one whose {@code --service} option names
   * it (the contract's way to say which service a command acts on: {@code fleet add-capacity --service cognito
   * --hosts kfe-23} puts those hosts into cognito).
   */
  static void actOnTheNamedItemsService(List<Fact> out, Graph graph, List<TroubleProximity> near) {
    Map<String, Integer> hops = new HashMap<>();
    for (TroubleProximity p : near) hops.put(p.entity(), p.hops());
    for (int i = 0; i < out.size(); i++) {
      if (!(out.get(i) instanceof Change c) || !c.source().equals("ops-command") || c.rolling()
          || !graph.services.contains(c.entity()) || givenAsService(c.what(), c.entity())) continue;
      String best = c.entity();
      int bestHops = hops.getOrDefault(best, Integer.MAX_VALUE);
      for (String item : c.touched()) {
        String service = graph.serviceOf.get(item);
        if (service == null || graph.services.contains(item) || c.touched().contains(service)) continue;
        int h = hops.getOrDefault(service, Integer.MAX_VALUE);
        if (h == Integer.MAX_VALUE) continue;
        if (h < bestHops || (h == bestHops && graph.downstream(service).contains(best))) {
          best = service;
          bestHops = h;
        }
      }
      if (best.equals(c.entity())) continue;
      List<String> touched = new ArrayList<>(c.touched());
      touched.add(best);
      out.set(i, new Change(c.time(), c.source(), best, touched, c.scope(), c.ticket(), c.what(), c.records(), c.origin(),
          c.kind()));
    }
  }

  /** Whether {@code command} names {@code service} with its {@code --service} option ({@code --service x}, {@code --service=x}). */
  static boolean givenAsService(String command, String service) {
    String[] words = SPACES.split(command.trim());
    for (int i = 0; i < words.length; i++) {
      String w = QUOTES_AROUND.matcher(words[i]).replaceAll("");
      if (w.equals("--service=" + service) || (w.equals("--service") && i + 1 < words.length
          && QUOTES_AROUND.matcher(words[i + 1]).replaceAll("").equals(service))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Event entities the estate's graph does not know (an agent, a content file, a library) are one
   * step from the trouble when the failing entities' own records name them ({@link World#namedInTroubleBy}):
   * a crash naming the module a content update replaced. Its trouble starts with the earliest the naming
   * entities reach (added to {@code reaches}).
   */
  private static List<TroubleProximity> namedInTrouble(World world, Graph graph, List<TroubleProximity> near,
      Map<String, IncidentOnset.Trouble> reaches) {
    Set<String> placed = new java.util.HashSet<>();
    for (TroubleProximity p : near) placed.add(p.entity());
    List<String> unknown = new ArrayList<>();
    for (String entity : world.eventEntities()) {
      if (!graph.known.contains(entity) && placed.add(entity)) unknown.add(entity);
    }
    Map<String, Set<String>> named = world.namedInTroubleBy(unknown); // one pass over the failing records for all
    List<TroubleProximity> out = new ArrayList<>();
    for (String entity : unknown) {
      Set<String> naming = named.getOrDefault(entity, Set.of());
      if (naming.isEmpty()) continue;
      out.add(new TroubleProximity(entity, 1, naming.iterator().next(), null));
      for (String n : naming) {
        IncidentOnset.Trouble t = reaches.get(n);
        if (t != null) reaches.merge(entity, t, IncidentOnset.Trouble::earlier);
      }
    }
    return out;
  }

  /**
   * A CLI session with at least one accepted line: a change of its device. It acts from the first of its
   * lines to take effect that opens no mode ({@code acting}: the session replay's effects; the {@code set} or
   * {@code ip access-group} line, not {@code configure}, {@code show} or {@code interface …}), at the
   * time that line took effect: its {@code commit} on commit-based dialects, so a session committed
   * after the first symptom is no candidate (the earliest such line in time, file order on ties: a line
   * stamped later than its neighbours acts at its own time). Without such a line (no replay, or only
   * mode lines) it acts from its first line. All its lines are its records, the acting one first.
   */
  private static Change session(List<ConfigCommand> lines, Map<SourceRef, CommandEffect> acting, int estate) {
    List<ConfigCommand> accepted = lines.stream().filter(l -> !l.rejected()).toList();
    if (accepted.isEmpty()) return null;
    ConfigCommand first = lines.get(0);
    SourceRef cited = first.origin();
    Instant at = first.time();
    CommandEffect earliest = null;
    for (ConfigCommand l : lines) {
      CommandEffect e = acting.get(l.origin());
      if (e != null && (earliest == null || e.time().isBefore(earliest.time()))) earliest = e;
    }
    if (earliest != null) {
      cited = earliest.origin();
      at = earliest.time();
    }
    List<SourceRef> refs = new ArrayList<>();
    refs.add(cited);
    for (ConfigCommand l : lines) if (!l.origin().equals(cited)) refs.add(l.origin());
    String device = first.device();
    StringBuilder kind = new StringBuilder("CLI:");
    for (ConfigCommand l : accepted) kind.append(' ').append(l.command().trim()).append(';');
    return new Change(at, "config-session", device, List.of(device), estate <= 0 ? 0 : 1.0 / estate,
        first.attr("ticket"), "CLI session " + first.session() + " on " + device + " by " + first.user() + " ("
            + lines.size() + " lines)", SourceRef.compact(refs), cited,
        withoutNames(kind.toString(), Set.of(device)));
  }

  /**
   * An ops command: a change of the services and entities it names (the first service named, else
   * the first entity), else of the host it ran on ({@link OpsCommand#ranOn}: {@code rm -rf …} typed there),
   * else of what the ticket it cites is about when that ticket is a change of its own (it has a
   * time): a command that targets by attribute ({@code salt -C 'G@role:authoritative' state.apply
   * bind}) names nothing the estate knows, and the ticket it carries out would otherwise be dropped
   * as that command's change. (A ticket without a time was never a change: it stays none.)
   */
  private static Change ops(OpsCommand op, ChangeTicket ticket, Graph graph, int estate, Map<String, String> kinds) {
    List<String> touched = new ArrayList<>(graph.named(op.command()));
    String host = op.ranOn();
    if (graph.known.contains(host) && !touched.contains(host)) touched.add(host);
    // a command that names no item but selects them by what the inventory says of them (a group, a
    // role, the sites: `--group dns_servers --dcs phx,dfw`, `G@role:authoritative`) acts on those items
    List<String> items = graph.named(op.command());
    if (touched.isEmpty()) {
      items = graph.selected(op.command());
      // items of several services: no one change of anything known
      if (items.size() > 1 && graph.commonService(items) == null) items = List.of();
    }
    touched.addAll(items);
    if (touched.isEmpty() && ticket != null && ticketTime(ticket) != null) touched.addAll(ticketTouched(ticket, graph));
    String kind = kinds.computeIfAbsent(withoutNames(op.command(), graph.items(touched)), k -> k);
    String service = graph.commonService(items);
    if (service != null) {
      // one command naming several items of one service (a bulk delete by id list, a host list) is a
      // change of the service that takes out exactly those items, all at once: the replay fails them,
      // not the first one named alone nor the whole service
      List<Change> steps = new ArrayList<>();
      for (String item : items) {
        steps.add(new Change(op.time(), "ops-command", item, List.of(item), share(List.of(item), estate), op.ticket(),
            op.command(), List.of(op.origin()), op.origin(), kind));
      }
      List<String> all = new ArrayList<>(List.of(service));
      all.addAll(touched);
      return new Change(op.time(), "ops-command", service, all, share(all, estate), op.ticket(), op.command(),
          List.of(op.origin()), op.origin(), kind, steps);
    }
    String entity = graph.primary(touched);
    // typed on a host, naming the service that host serves (`systemctl reload vault`, a path under /etc/vault.d): the
    // service's instance there, the host, as a fleet tool's per-host record would say (a roll-out is read from them)
    if (graph.known.contains(host) && entity.equals(graph.serviceOf.get(host))) entity = host;
    return new Change(op.time(), "ops-command", entity, touched, share(touched, estate), op.ticket(),
        op.command(), List.of(op.origin()), op.origin(), kind);
  }

  /** A {@code changes} row: a change when it carries a time (a time column, else its window's start). */
  private static Change ticket(ChangeTicket t, Graph graph, int estate) {
    Instant at = ticketTime(t);
    if (at == null) return null;
    List<String> touched = ticketTouched(t, graph);
    String entity = !t.service().isEmpty() ? t.service() : graph.primary(touched);
    // a scope naming one item of the ticket's service (`scope=core-r7`, service `backbone`) says
    // which item the work changes: that item, as an ops command's host, not the whole service
    Set<String> scoped = graph.items(graph.named(t.scope()));
    if (scoped.size() == 1) {
      String item = scoped.iterator().next();
      String itsService = graph.serviceOf.get(item);
      if (t.service().isEmpty() || t.service().equals(itsService)) entity = item;
    }
    return new Change(at, "change-ticket", entity, touched, share(touched, estate), t.ticket(),
        t.ticket() + ": " + t.summary(), List.of(t.origin()), t.origin(), withoutNames(t.summary(), graph.items(touched)));
  }

  /** Sub-commands and functions that read and change nothing (a check or verification only looks too). */
  private static final Set<String> LOOKS = Set.of("list", "ls", "get", "show", "status", "describe", "cat", "ping",
      "top", "ps", "df", "du", "tail", "grep", "history", "logs", "version", "help", "whoami", "diff", "plan",
      "check", "verify", "validate", "lint");
  // Compiled once: String.split and replaceAll compiled them again for every command of the incident.
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
  private static final java.util.regex.Pattern QUOTES_AROUND = java.util.regex.Pattern.compile("^['\"]|['\"]$");
  private static final java.util.regex.Pattern WORD_PARTS = java.util.regex.Pattern.compile("[-._:]");
  private static final java.util.regex.Pattern NAME_SEPARATORS = java.util.regex.Pattern.compile("[\\s,;=\"'()\\[\\]{}]+");
  /** kubectl's options that give a manifest (a file or folder of them, a kustomization). */
  private static final Set<String> MANIFEST_OPTIONS = Set.of("-f", "--filename", "-k", "--kustomize");
  private static final java.util.regex.Pattern SELECTOR_SEPARATORS = java.util.regex.Pattern.compile("[\\s,;=\"'()\\[\\]{}@:]+");

  /** Options that make a tool only say what it would do: ansible/salt {@code --check}, kubectl {@code --dry-run=client}, puppet {@code --noop}. */
  private static final Set<String> DRY_RUN = Set.of("--check", "--dry-run", "--dryrun", "--noop", "--what-if", "--whatif", "test=true");

  /**
   * Whether a command only looks: one of the first two words after the program (options skipped)
   * is a reading or checking verb ({@code site-admin list}, {@code kubectl get}, {@code systemctl status},
   * {@code aws ec2 describe-instances}, {@code salt 'web*' test.ping}, {@code nginx-ctl check}), or an
   * option asks for a dry run ({@code ansible-playbook site.yml --check}, {@code kubectl apply --dry-run=client}).
   */
  static boolean onlyLooks(String command) {
    List<String> words = new ArrayList<>();
    String[] all = SPACES.split(command.trim());
    for (String w : all) {
      String option = w.toLowerCase(java.util.Locale.ROOT);
      int eq = option.indexOf('=');
      if (DRY_RUN.contains(option) || (option.startsWith("--") && eq > 0 && DRY_RUN.contains(option.substring(0, eq)))) return true;
    }
    int i = all.length > 0 && all[0].equals("sudo") ? 1 : 0;
    for (i = i + 1; i < all.length && words.size() < 2; i++) {
      if (!all[i].startsWith("-")) words.add(QUOTES_AROUND.matcher(all[i]).replaceAll("").toLowerCase(java.util.Locale.ROOT));
    }
    for (String w : words) {
      String[] parts = WORD_PARTS.split(w);
      if (parts.length > 0 && (LOOKS.contains(parts[0]) || (w.contains(".") && LOOKS.contains(parts[parts.length - 1])))) {
        return true;
      }
    }
    return false;
  }

  /** A {@code changes} row's time: a time column, else its window's start; null when it has none. */
  private static Instant ticketTime(ChangeTicket t) {
    for (String column : TIME_COLUMNS) {
      Instant at = parse(t.attr(column));
      if (at != null) return at;
    }
    return t.windowStart();
  }

  /** What a ticket is about: its service, then the known names of its scope. */
  private static List<String> ticketTouched(ChangeTicket t, Graph graph) {
    List<String> touched = new ArrayList<>();
    if (!t.service().isEmpty()) touched.add(t.service());
    for (String n : graph.named(t.scope())) if (!touched.contains(n)) touched.add(n);
    return touched;
  }

  /**
   * A change's {@link Change#kind}: its text with the names it touched replaced by {@code *}, so the
   * same command typed on mc-1, then mc-2 reads alike (a roll-out logged host by host).
   */
  static String withoutNames(String text, Set<String> names) {
    // The tokens are the runs between separators and each separator alone (what splitting around them gives, as
    // AROUND_SEPARATORS did: a regex tried at every character of every change's text); split at '/', ':' and '@'
    // too: kubectl's nodes/k8s-cp-1 or rsync's smars-01:/opt/ typed for each item reads alike.
    String t = text.trim();
    StringBuilder out = new StringBuilder(t.length());
    int run = 0; // start of the current run of non-separators
    for (int i = 0; i <= t.length(); i++) {
      if (i < t.length() && !separator(t.charAt(i))) continue;
      if (i > run) {
        String token = t.substring(run, i);
        out.append(names.contains(token) ? "*" : token);
      }
      if (i < t.length()) {
        char c = t.charAt(i);
        if (names.isEmpty() || !names.contains(String.valueOf(c))) out.append(c);
        else out.append('*');
      }
      run = i + 1;
    }
    return out.toString();
  }

  /** A character the words of a change's text are split around: {@code \\s} (as the regex reads it) and {@code ,;="'()[]{}/:@}. */
  private static boolean separator(char c) {
    return switch (c) {
      case ' ', '\t', '\n', '\u000B', '\f', '\r', ',', ';', '=', '"', '\'', '(', ')', '[', ']', '{', '}', '/', ':', '@' -> true;
      default -> false;
    };
  }

  private static double share(List<String> touched, int estate) {
    return estate <= 0 ? 0 : Math.min(1.0, (double) touched.size() / estate);
  }

  private static Instant parse(String text) {
    if (text == null || text.isBlank()) return null;
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text.trim());
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** The estate as a directed graph along which trouble spreads. */
  static final class Graph {
    /** Every known entity and service. */
    final Set<String> known = new LinkedHashSet<>();
    final Set<String> services = new LinkedHashSet<>();
    /** Directed edges (dependency, service membership, parent): trouble at the key reaches the values. */
    final Map<String, Set<String>> directed = new HashMap<>();
    /** Links, both ways. */
    final Map<String, Set<String>> linked = new HashMap<>();
    /**
     * Where trouble of a whole shows: a service's trouble on its items, a site's items in the site's
     * own figures (a data centre's error ratio). Used only to walk from a symptom to what could have
     * caused it, never to say what is downstream of what.
     */
    final Map<String, Set<String>> showsOn = new HashMap<>();
    /** An item's service (its first inventory row with one). */
    final Map<String, String> serviceOf = new HashMap<>();
    /** Per inventory column (site, role, type, columns beyond the contract): each value and the items that carry it. */
    final Map<String, Map<String, Set<String>>> attributeValues = new LinkedHashMap<>();

    Graph(World world) {
      for (InventoryItem i : world.inventory()) {
        known.add(i.entity());
        if (!i.service().isEmpty()) {
          services.add(i.service());
          serviceOf.putIfAbsent(i.entity(), i.service());
          edge(directed, i.entity(), i.service());
          edge(showsOn, i.entity(), i.service());
        }
        if (!i.site().isEmpty()) edge(showsOn, i.site(), i.entity());
        attribute("site", i.site(), i.entity());
        attribute("role", i.role(), i.entity());
        attribute("type", i.type(), i.entity());
        i.attributes().asMap().forEach((column, value) -> attribute(column, value, i.entity()));
        if (!i.parent().isEmpty()) {
          known.add(i.parent());
          edge(directed, i.parent(), i.entity());
        }
      }
      for (var s : world.services()) services.add(s.service());
      for (Dependency d : world.dependencies()) {
        services.add(d.service());
        services.add(d.dependsOn());
        edge(directed, d.dependsOn(), d.service());
      }
      for (Link l : world.links()) {
        known.add(l.a());
        known.add(l.b());
        edge(linked, l.a(), l.b());
        edge(linked, l.b(), l.a());
      }
      known.addAll(services);
    }

    private void attribute(String column, String value, String entity) {
      if (value.length() < 3) return;
      attributeValues.computeIfAbsent(column, k -> new LinkedHashMap<>())
          .computeIfAbsent(value, k -> new LinkedHashSet<>()).add(entity);
    }

    private static void edge(Map<String, Set<String>> edges, String from, String to) {
      edges.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
    }

    /** The known entities and services a free text names, in order, each once. */
    List<String> named(String text) {
      Set<String> out = new LinkedHashSet<>();
      String[] tokens = NAME_SEPARATORS.split(text);
      boolean kubectl = false;
      for (int i = 0; i < tokens.length; i++) {
        String token = tokens[i];
        kubectl |= token.equals("kubectl") || token.equals("oc");
        String t = token.startsWith("--") ? "" : token;
        if (known.contains(t)) out.add(t);
        else if (resourceName(t) != null) out.add(resourceName(t));
        else if (remoteHost(t) != null) out.add(remoteHost(t));
        else if (kubectl && i > 0 && MANIFEST_OPTIONS.contains(tokens[i - 1])) out.addAll(manifestNames(token));
      }
      return List.copyOf(out);
    }

    /**
     * The known names a manifest's path gives (kubectl's {@code apply -f envoy/internal-lb/bootstrap.yaml}: a folder or
     * the file, without its extension, named for what it configures): the manifest itself is not in the logs, its path
     * is what says what it changed. Only for a manifest option: any other path names files, not what they serve.
     */
    List<String> manifestNames(String path) {
      List<String> out = new ArrayList<>();
      for (String segment : path.split("/")) {
        int dot = segment.indexOf('.');
        String stem = dot > 0 ? segment.substring(0, dot) : segment;
        if (known.contains(stem) && !out.contains(stem)) out.add(stem);
      }
      return out;
    }

    /**
     * The inventory items a free text selects by their attributes rather than by name: every column
     * but the entity's own (site, role, type and the columns beyond the contract) whose values the text
     * names as whole words (split also at {@code @} and {@code :}, as salt's {@code G@role:dns}); an item is
     * selected when, for each column named, its value is one named. Values under three characters never
     * match (a stray "db" or "a" in a path). Empty when no column is named.
     */
    List<String> selected(String text) {
      Set<String> words = new java.util.HashSet<>();
      for (String token : SELECTOR_SEPARATORS.split(text)) {
        if (token.length() >= 3 && !token.startsWith("-")) words.add(token);
      }
      Map<String, Set<String>> named = new LinkedHashMap<>();
      for (var e : attributeValues.entrySet()) {
        // Probe the column's values with the text's few words rather than copy every value (one per host
        // for an address column) for each command; two hits or more are ordered as that copy orders them.
        String only = null;
        int hits = 0;
        for (String w : words) {
          if (e.getValue().containsKey(w) && hits++ == 0) only = w;
        }
        if (hits == 0) continue;
        Set<String> hit;
        if (hits == 1) {
          hit = Set.of(only);
        } else {
          hit = new java.util.HashSet<>(e.getValue().keySet());
          hit.retainAll(words);
        }
        named.put(e.getKey(), hit);
      }
      if (named.isEmpty()) return List.of();
      Set<String> out = null;
      for (var e : named.entrySet()) {
        Set<String> these = new LinkedHashSet<>();
        for (String value : e.getValue()) these.addAll(attributeValues.get(e.getKey()).get(value));
        if (out == null) out = these;
        else out.retainAll(these);
      }
      return List.copyOf(out);
    }

    /**
     * The known name a {@code TYPE/NAME} token gives (kubectl's {@code nodes/k8s-cp-1}, {@code deployment/checkout}):
     * one slash, not a path (no leading slash or dot), and the part after it known; else null.
     */
    String resourceName(String token) {
      int slash = token.indexOf('/');
      if (slash <= 0 || slash != token.lastIndexOf('/') || token.startsWith(".")) return null;
      String name = token.substring(slash + 1);
      return known.contains(name) ? name : null;
    }

    /**
     * The known host of an rsync or scp remote path ({@code smars-01:/opt/smars/}, {@code deploy@web1:app/}, {@code web1:});
     * else null. What follows the colon must be a path or nothing: {@code r1:r2} (a link's two ends) is no remote path.
     */
    String remoteHost(String token) {
      int colon = token.indexOf(':');
      if (colon <= 0) return null;
      String path = token.substring(colon + 1);
      if (!path.isEmpty() && !path.contains("/")) return null;
      String host = token.substring(token.lastIndexOf('@', colon) + 1, colon);
      return known.contains(host) ? host : null;
    }

    /** The names among {@code named} that are no service (hosts, devices, components). */
    Set<String> items(List<String> named) {
      Set<String> out = new LinkedHashSet<>(named);
      out.removeAll(services);
      return out;
    }

    /**
     * The one service every name in {@code named} is an item of, when there are at least two and
     * none of them is a service; else null.
     */
    String commonService(List<String> named) {
      if (named.size() < 2) return null;
      String common = null;
      for (String n : named) {
        String s = serviceOf.get(n);
        if (s == null || services.contains(n) || (common != null && !common.equals(s))) return null;
        common = s;
      }
      return common;
    }

    /** The first service among {@code named}, else the first entity, else "". */
    String primary(List<String> named) {
      for (String n : named) if (services.contains(n)) return n;
      return named.isEmpty() ? "" : named.get(0);
    }

    /** What trouble at {@code entity} reaches along directed edges (dependencies, services, parents). */
    Set<String> downstream(String entity) {
      Set<String> seen = new LinkedHashSet<>();
      ArrayDeque<String> queue = new ArrayDeque<>(List.of(entity));
      while (!queue.isEmpty()) {
        for (String next : directed.getOrDefault(queue.poll(), Set.of())) {
          if (!next.equals(entity) && seen.add(next)) queue.add(next);
        }
      }
      return seen;
    }

    /**
     * The fewest steps from each entity to a symptomatic one (one breadth-first search from all of
     * them at once, against the direction trouble spreads; links count both ways).
     */
    List<TroubleProximity> proximity(Set<String> symptomatic) {
      Map<String, Set<String>> reverse = towardCauses();
      Map<String, TroubleProximity> out = new LinkedHashMap<>();
      ArrayDeque<String> queue = new ArrayDeque<>();
      for (String s : symptomatic) {
        out.put(s, new TroubleProximity(s, 0, s, null));
        queue.add(s);
      }
      while (!queue.isEmpty()) {
        TroubleProximity at = out.get(queue.poll());
        if (at.hops() >= TroubleProximity.MAX_HOPS) continue;
        for (String prev : reverse.getOrDefault(at.entity(), Set.of())) {
          if (out.containsKey(prev)) continue;
          out.put(prev, new TroubleProximity(prev, at.hops() + 1, at.symptomatic(), null));
          queue.add(prev);
        }
      }
      return List.copyOf(out.values());
    }

    /** {@link #towardCauses}, made once the graph is built (proximity and reaches both walk it). */
    private Map<String, Set<String>> towardCauses;

    /** The steps from a symptomatic entity to what could have caused it: against the direction trouble spreads. */
    private Map<String, Set<String>> towardCauses() {
      if (towardCauses != null) return towardCauses;
      Map<String, Set<String>> reverse = new HashMap<>();
      directed.forEach((from, tos) -> tos.forEach(to -> edge(reverse, to, from)));
      linked.forEach((from, tos) -> tos.forEach(to -> edge(reverse, to, from)));
      // a symptom on an item may be its service's trouble; one in a site's figures, its items'
      showsOn.forEach((shown, wholes) -> wholes.forEach(whole -> edge(reverse, shown, whole)));
      towardCauses = reverse;
      return reverse;
    }

    /**
     * For every entity {@link #proximity} places (within {@code MAX_HOPS} steps of a symptom, the same steps), the
     * earliest symptom among those it reaches: where a change of it is anchored. Relaxed step by step, so it is
     * the earliest within reach, not that of the nearest symptom.
     */
    Map<String, IncidentOnset.Trouble> reaches(Map<String, IncidentOnset.Trouble> firstOf) {
      Map<String, Set<String>> reverse = towardCauses();
      Map<String, IncidentOnset.Trouble> best = new HashMap<>(firstOf);
      for (int step = 0; step < TroubleProximity.MAX_HOPS; step++) {
        Map<String, IncidentOnset.Trouble> next = new HashMap<>(best);
        best.forEach((reached, t) -> {
          for (String cause : reverse.getOrDefault(reached, Set.of())) {
            next.merge(cause, t, IncidentOnset.Trouble::earlier);
          }
        });
        best = next;
      }
      return best;
    }

    /**
     * Per entity, the first symptom of each entity its failure would reach within {@code MAX_HOPS} steps (itself
     * included), by onset: the same steps as {@link #reaches}, walked the other way; and whether a trouble may be the
     * spread of trouble under way upstream of it ({@code symptoms}: every episode, for when each began and ended). Walked
     * when first asked and kept: only changes made after the first symptom ask.
     */
    IncidentOnset.Reached reached(Map<String, IncidentOnset.Trouble> firstOf, List<Symptom> symptoms) {
      Map<String, Set<String>> toward = towardCauses();
      Map<String, Set<String>> forward = new HashMap<>();
      toward.forEach((to, froms) -> froms.forEach(from -> edge(forward, from, to)));
      Map<String, List<Symptom>> episodes = new HashMap<>();
      for (Symptom sy : symptoms) if (sy.onset() != null) episodes.computeIfAbsent(sy.entity(), k -> new ArrayList<>()).add(sy);
      Map<String, List<IncidentOnset.Trouble>> reachedBy = new java.util.concurrent.ConcurrentHashMap<>();
      Map<String, Set<String>> upstreamOf = new java.util.concurrent.ConcurrentHashMap<>();
      return new IncidentOnset.Reached() {
        @Override
        public List<IncidentOnset.Trouble> by(String entity) {
          return reachedBy.computeIfAbsent(entity, e -> {
            List<IncidentOnset.Trouble> out = new ArrayList<>();
            for (String n : within(e, forward)) if (firstOf.containsKey(n)) out.add(firstOf.get(n));
            out.sort(java.util.Comparator.comparing(IncidentOnset.Trouble::time).thenComparing(IncidentOnset.Trouble::entity));
            return List.copyOf(out);
          });
        }

        @Override
        public boolean mayBeSpread(IncidentOnset.Trouble fresh, long changeMillis, long withinMillis) {
          for (String u : upstreamOf.computeIfAbsent(fresh.entity(), e -> within(e, toward))) {
            if (u.equals(fresh.entity())) continue;
            for (Symptom sy : episodes.getOrDefault(u, List.of())) {
              long onset = sy.onset().toEpochMilli();
              boolean underWay = onset < changeMillis && (sy.end() == null || sy.end().toEpochMilli() >= changeMillis);
              if (underWay && onset >= fresh.millis() - withinMillis) return true;
            }
          }
          return false;
        }
      };
    }

    /** {@code entity} and what lies within {@code MAX_HOPS} steps of it along {@code edges}. */
    private static Set<String> within(String entity, Map<String, Set<String>> edges) {
      Set<String> seen = new LinkedHashSet<>(List.of(entity));
      List<String> frontier = List.of(entity);
      for (int step = 0; step < TroubleProximity.MAX_HOPS && !frontier.isEmpty(); step++) {
        List<String> next = new ArrayList<>();
        for (String at : frontier) for (String n : edges.getOrDefault(at, Set.of())) if (seen.add(n)) next.add(n);
        frontier = next;
      }
      return seen;
    }

    /**
     * For every entity downstream of a symptomatic one (along dependencies, services and parents, as
     * {@link #downstream}; the service of a symptomatic item is not downstream of that item), the earliest such
     * symptom. Sources in onset order, each entity labelled by the first that reaches it; a walk stops at what an
     * earlier one already walked from (its downstream is labelled no later). Not exact in one corner: the service
     * of an earlier symptomatic item, left unlabelled by that item, is missed by a later source that reaches it
     * only past an entity already walked (then it is no candidate for ruling out; the replay still judges it).
     */
    Map<String, IncidentOnset.Trouble> downstreamOf(Map<String, IncidentOnset.Trouble> firstOf) {
      List<IncidentOnset.Trouble> sources = new ArrayList<>(firstOf.values());
      sources.sort(java.util.Comparator.comparing(IncidentOnset.Trouble::time));
      Map<String, IncidentOnset.Trouble> out = new HashMap<>();
      Set<String> walked = new java.util.HashSet<>();
      for (IncidentOnset.Trouble source : sources) {
        Set<String> own = showsOn.getOrDefault(source.entity(), Set.of());
        ArrayDeque<String> queue = new ArrayDeque<>();
        if (walked.add(source.entity())) queue.add(source.entity());
        while (!queue.isEmpty()) {
          for (String next : directed.getOrDefault(queue.poll(), Set.of())) {
            if (next.equals(source.entity())) continue;
            if (!own.contains(next)) out.putIfAbsent(next, source);
            if (walked.add(next)) queue.add(next);
          }
        }
      }
      return out;
    }
  }

  /**
   * The climb behind the first symptom when it is a series' excursion (memory at three times its level): since when,
   * through any resets, the series had been leaving its level. A latent change is the one before it began, not one
   * that only met it (a deploy that restarted a leaking process).
   */
  private static BuildUp buildUp(World world, Symptom first) {
    if (!first.kind().equals(SymptomKinds.EXCURSION)) return null;
    for (org.hindsight.facts.MetricSeries m : world.metrics()) {
      if (!m.entity().equals(first.entity()) || !m.metric().equals(first.detail())) continue;
      int onset = m.indexAtOrBefore(first.onset().toEpochMilli());
      int k = onset < 0 ? -1 : org.hindsight.observe.BuildUps.climbStart(m, onset);
      return k < 0 ? null : new BuildUp(first.entity(), m.metric(), m.timeAt(k), m.ref(k));
    }
    return null;
  }
}
