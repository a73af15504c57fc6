package org.hindsight.patterns.typoscopedshutdown;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.hindsight.facts.ChangeTicket;
import org.hindsight.facts.OpsCommand;
import org.hindsight.facts.SourceRef;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.world.World;

/**
 * Every {@code ops-commands} row of an incident, understood: read by a tool grammar, resolved
 * against the inventory, compared with what the operator meant (ticket, earlier runs of the same
 * command shape, the command's own {@code --service}) and, when it went beyond that, searched for a
 * nearby selector that matches the intent. What it computes is neutral (resolved hosts, the
 * intent, whether they fit it, the slip that would explain them); whether that makes the command
 * a typo is the DRL's decision (rules/typo-scoped-shutdown). The deriver builds one per incident.
 */
public final class OpsCommands {
  /** What the operator meant. {@code hosts} null and {@code maxHosts} -1 when not stated. */
  public record Intent(String source, SourceRef ref, String selector, int[] hosts, int maxHosts, Set<String> services) {
    static final Intent NONE = new Intent("none", null, "", null, -1, Set.of());

    public boolean known() {
      return !source.equals("none");
    }
  }

  /** One command as understood. Mutable only while {@link OpsCommands} builds it. */
  public static final class Interpreted {
    public final OpsCommand command;
    ParsedCommand parsed;
    String problem = "";
    boolean tookEffect;
    int[] hosts = new int[0];
    Intent intent = Intent.NONE;
    boolean withinIntent;
    String slipSelector = "";
    String intendedSelector = "";
    int[] intendedHosts;
    int seq = -1;
    String unresolved = "";
    String scopeSource = "none";
    int effectHosts;
    List<String> serviceWords = List.of();

    Interpreted(OpsCommand command) {
      this.command = command;
    }

    public boolean understood() {
      return parsed != null;
    }

    /** Null when not understood. */
    public ParsedCommand parsed() {
      return parsed;
    }

    public String problem() {
      return problem;
    }

    /** It took hosts out of service (understood, removing, not a dry run, not rejected). */
    public boolean tookEffect() {
      return tookEffect;
    }

    public int[] hosts() {
      return hosts;
    }

    public Intent intent() {
      return intent;
    }

    /** Every host it took (with what earlier commands under the same ticket took) lies within the intent. */
    public boolean withinIntent() {
      return withinIntent;
    }

    /** A selector a small slip away from the typed one that fits the intent; "" when none. */
    public String slipSelector() {
      return slipSelector;
    }

    public String intendedSelector() {
      return intendedSelector;
    }

    /** What this command alone should have removed, or null when unknown. */
    public int[] intendedHosts() {
      return intendedHosts;
    }

    public int seq() {
      return seq;
    }

    /** Why the grammar's selector could not be resolved (too long, bad regex, over budget); "" when it was. */
    public String unresolved() {
      return unresolved;
    }

    /**
     * How the hosts were known: {@code command} (its text, resolved), {@code command+effects} (and
     * hosts of it left service right after), {@code effects} (the text told nothing usable; the hosts
     * that left service right after it are its scope) or {@code none}.
     */
    public String scopeSource() {
      return scopeSource;
    }

    /** Hosts that left service within {@link StateChanges#WINDOW} after it (attributed to it). */
    public int effectHosts() {
      return effectHosts;
    }
  }

  private final World world;
  private final FleetIndex index;
  private final CommandGrammars grammars;
  private final List<Interpreted> commands = new ArrayList<>();
  private final StateChanges changes;
  /** How far back the same operator's commands tell what their session was working on. */
  static final Duration SESSION = Duration.ofMinutes(30);
  /** How far back the same command typed by the same operator on a host tells which host their task was on. */
  static final Duration SAME_TASK = Duration.ofHours(12);
  /** Hosts taken out by the commands interpreted so far. */
  private final BitSet gone = new BitSet();
  /**
   * Per ticket, the hosts its commands so far took out (sorted, distinct), kept as they are
   * interpreted: a busy ticket's commands each asking again made the reading quadratic.
   */
  private final Map<String, int[]> hostsByTicket = new HashMap<>();
  /**
   * The nearby selectors a command's grammar reads, per command and search: a playbook step repeated
   * hundreds of times re-made and re-parsed the same ~1,000 candidates each time. Bounded by the
   * selectors held; past it a search is made each time, as before.
   */
  private final Map<NearbySearch, List<Candidate>> readable = new HashMap<>();
  private int readableHeld;
  static final int MAX_READABLE = 200_000;

  /** What the candidates and their reading depend on: the grammar, the command's words, the segments tried. */
  private record NearbySearch(CommandGrammar grammar, List<String> otherWords, List<String> selectorWords, List<String> segments) {}

  /** A nearby selector the grammar reads, with the command read with it, and its cost (slips). */
  private record Candidate(ParsedCommand command, int cost) {}

  /**
   * Skip the nearby search when no host fits the intent alone ({@link #someHostFits}); false only for the test that
   * checks the skip changes nothing.
   */
  private final boolean skipHopelessSearches;

  public OpsCommands(World world, CommandGrammars grammars) {
    this(world, grammars, true);
  }

  OpsCommands(World world, CommandGrammars grammars, boolean skipHopelessSearches) {
    this.skipHopelessSearches = skipHopelessSearches;
    this.world = world;
    this.index = new FleetIndex(world.inventory());
    this.grammars = grammars;
    this.changes = new StateChanges(world, index);
    List<OpsCommand> sorted = new ArrayList<>(world.opsCommands());
    sorted.sort(Comparator.comparing(OpsCommand::time)); // stable: file order on ties
    SimulationBudget budget = new SimulationBudget(50_000_000L, Duration.ofSeconds(20));
    int seq = 0;
    for (int k = 0; k < sorted.size(); k++) {
      OpsCommand c = sorted.get(k);
      org.hindsight.derive.Derivation.at(c.origin()); // a budget stop names this line
      Interpreted it = interpret(c);
      Instant until = c.time().plus(StateChanges.WINDOW);
      if (k + 1 < sorted.size() && sorted.get(k + 1).time().isBefore(until)) until = sorted.get(k + 1).time();
      effects(it, until);
      if (it.tookEffect) {
        it.seq = seq++;
        compareWithIntent(it, budget);
        for (int h : it.hosts) gone.set(h);
      }
      commands.add(it);
      if (it.tookEffect && !c.ticket().isEmpty()) hostsByTicket.merge(c.ticket(), it.hosts, (a, b) -> Target.union(List.of(a, b)));
    }
  }

  public World world() {
    return world;
  }

  public FleetIndex index() {
    return index;
  }

  /** In time order (file order on ties). */
  public List<Interpreted> commands() {
    return Collections.unmodifiableList(commands);
  }

  public Optional<Interpreted> at(SourceRef ref) {
    return commands.stream().filter(c -> c.command.origin().equals(ref)).findFirst();
  }

  public List<String> names(int[] ids) {
    List<String> out = new ArrayList<>(ids.length);
    for (int id : ids) out.add(index.name(id));
    return out;
  }

  /** Hosts per service (a host with two services counts for both), sorted by service. */
  public Map<String, Integer> perService(int[] ids) {
    Map<String, Integer> out = new TreeMap<>();
    for (int id : ids) for (int s : index.serviceIdsOf(id)) out.merge(index.serviceName(s), 1, Integer::sum);
    return out;
  }

  private Interpreted interpret(OpsCommand c) {
    Interpreted it = new Interpreted(c);
    try {
      it.parsed = grammars.parse(c.command());
    } catch (NotUnderstood e) {
      it.problem = e.getMessage();
      return it;
    }
    Target t = it.parsed.target();
    if (t.expr() != null) {
      t = new Target(t.patterns(), t.regexes(), t.nodes(), t.service(), t.count(), t.percent(), t.keep(),
          Selector.bindHere(t.expr(), c.ranOn()));
    }
    try {
      it.hosts = t.resolve(index, gone, SelectorBudget.perLine());
    } catch (SelectorBudget.Unresolved e) {
      it.unresolved = e.getMessage();
      it.problem = "selector not resolved: " + e.getMessage();
      it.hosts = new int[0];
    }
    it.serviceWords = t.serviceWords(index);
    it.scopeSource = "command";
    boolean rejected = c.rejected();
    it.tookEffect = it.parsed.effective() && !rejected && it.hosts.length > 0;
    return it;
  }

  /**
   * Attributes hosts that left service right after the command (up to {@code until}: the window or
   * the next command) to it. A command whose text named its hosts is only confirmed by them; one whose
   * text told nothing usable — no grammar, a selector that could not be resolved, a word that only
   * names a service, a removal that resolved to nobody — takes them as its scope. A command that was
   * understood as only looking never does.
   */
  private void effects(Interpreted it, Instant until) {
    if (changes.isEmpty()) return;
    List<StateChanges.Change> after = changes.between(it.command.time(), until);
    if (after.isEmpty()) return;
    if (it.tookEffect) {
      int confirmed = 0;
      for (StateChanges.Change ch : after) if (Arrays.binarySearch(it.hosts, ch.id()) >= 0) confirmed++;
      if (confirmed > 0) {
        it.scopeSource = "command+effects";
        it.effectHosts = confirmed;
      }
      return;
    }
    boolean blind = it.parsed == null || !it.unresolved.isEmpty()
        || (it.parsed.removes() && !it.parsed.dryRun() && it.hosts.length == 0);
    if (!blind) return;
    boolean rejected = it.command.rejected();
    if (rejected && it.parsed != null) return;
    BitSet seen = new BitSet(index.size());
    for (StateChanges.Change ch : after) if (!gone.get(ch.id())) seen.set(ch.id());
    if (seen.isEmpty()) return;
    it.hosts = seen.stream().toArray();
    it.effectHosts = it.hosts.length;
    it.scopeSource = "effects";
    it.tookEffect = true;
  }

  // ---- intent ----

  private void compareWithIntent(Interpreted it, SimulationBudget budget) {
    int[] prior = priorTicketHosts(it);
    it.intent = intentOf(it);
    if (!it.intent.known()) return;
    if (fits(it.hosts, it.intent, prior)) {
      it.withinIntent = true;
      it.intendedHosts = it.hosts;
      it.intendedSelector = it.parsed != null ? it.parsed.selectorText() : "";
      return;
    }
    if (it.intent.source().equals("session")) {
      sessionSlip(it);
      return;
    }
    String typed = it.parsed != null ? it.parsed.selectorText() : "";
    boolean slipped = false; // a small slip of the ticket's selector explains it
    if (!it.intent.selector().isEmpty()) {
      it.intendedSelector = it.intent.selector();
      slipped = NearbySelectors.smallSlip(typed, it.intent.selector()) && it.intent.hosts() != null;
      if (slipped) {
        it.slipSelector = it.intent.selector();
        it.intendedHosts = intersect(it.intent.hosts(), complement(prior));
      }
    }
    if (!slipped && it.parsed != null && (!skipHopelessSearches || someHostFits(it.intent, prior))) {
      Nearby n = nearby(it, prior, budget);
      if (n != null) {
        it.slipSelector = n.selector;
        it.intendedSelector = n.selector;
        it.intendedHosts = n.hosts;
      }
    }
    if (it.intendedHosts == null) it.intendedHosts = intendedPart(it.hosts, it.intent, prior);
  }

  private Intent intentOf(Interpreted it) {
    ParsedCommand p = it.parsed;
    Optional<ChangeTicket> ticket = it.command.ticket().isEmpty() ? Optional.empty() : world.change(it.command.ticket());
    if (ticket.isPresent()) {
      ChangeTicket t = ticket.get();
      if (!t.scope().isEmpty() || !t.service().isEmpty() || t.hasMaxHosts()) {
        int[] scoped = null;
        String selector = "";
        if (!t.scope().isEmpty()) {
          ParsedCommand s = p == null ? null : scopeCommand(p, t.scope());
          if (s != null) {
            try {
              scoped = s.target().resolve(index);
              selector = s.selectorText();
            } catch (IllegalArgumentException e) {
              scoped = null;
            }
          }
          // A scope in any inventory attribute (role=cache-east, tags:canary AND site:z2).
          if (scoped == null || scoped.length == 0) {
            try {
              scoped = SelectorSyntax.attributes(t.scope()).resolve(index, SelectorBudget.perLine());
              selector = t.scope();
            } catch (NotUnderstood | SelectorBudget.Unresolved e) {
              scoped = scoped == null || scoped.length == 0 ? null : scoped;
            }
          }
        }
        Set<String> services = new LinkedHashSet<>();
        if (!t.service().isEmpty()) services.add(t.service());
        else if (scoped != null) services.addAll(perService(scoped).keySet());
        return new Intent("ticket", t.origin(), selector, scoped, t.hasMaxHosts() ? t.maxHosts() : -1, services);
      }
    }
    // A command typed on a host acts on that host alone: which host the operator's session was working
    // on says what was meant; earlier runs' sizes (always one host) and the unit it names (every
    // replica runs it) cannot tell db1 from db2.
    if (p == null || p.target().expr() instanceof Selector.Here) {
      Intent session = sessionIntent(it);
      if (p == null || session != Intent.NONE) return session;
      Intent before = sameCommandEarlier(it, p);
      if (before != Intent.NONE) return before;
    }
    // Earlier runs of the same playbook step by the same operator, for the same service.
    Interpreted last = null;
    int most = 0;
    Set<String> services = new LinkedHashSet<>();
    for (Interpreted e : commands) {
      if (!e.tookEffect || e.parsed == null || !e.command.operator().equals(it.command.operator())) continue;
      if (!e.parsed.shape().equals(p.shape()) || !e.parsed.service().equals(p.service())) continue;
      last = e;
      most = Math.max(most, e.hosts.length);
      services.addAll(perService(e.hosts).keySet());
    }
    if (last != null) return new Intent("history", last.command.origin(), last.parsed.selectorText(), null, most, services);
    if (!p.service().isEmpty() && index.hasService(p.service())) {
      return new Intent("service-option", null, "", null, -1, Set.of(p.service()));
    }
    // A word naming a service where hosts go (`lbctl drain api --hosts …`): the service meant.
    if (!it.serviceWords.isEmpty()) return new Intent("service-option", null, "", null, -1, new LinkedHashSet<>(it.serviceWords));
    return sessionIntent(it);
  }

  /**
   * What the same operator's session was working on just before ({@link #SESSION}): the hosts its
   * earlier commands named or ran on, and their services. A destructive command on another host
   * than the session's is the host confusion this catches (typed on the wrong terminal, one digit off).
   */
  private Intent sessionIntent(Interpreted it) {
    Instant from = it.command.time().minus(SESSION);
    List<int[]> parts = new ArrayList<>();
    SourceRef ref = null;
    for (Interpreted e : commands) {
      if (!e.command.operator().equals(it.command.operator()) || e.command.time().isBefore(from)) continue;
      // a refused attempt says where the mistake was first typed, not what the session worked on
      if (e.command.rejected()) continue;
      List<Integer> ids = new ArrayList<>();
      String on = e.command.ranOn();
      if (!on.isEmpty() && index.id(on) >= 0) ids.add(index.id(on));
      if (e.parsed != null) for (int h : e.hosts) ids.add(h);
      if (ids.isEmpty()) continue;
      parts.add(ids.stream().mapToInt(Integer::intValue).sorted().distinct().toArray());
      ref = e.command.origin();
    }
    if (parts.isEmpty()) return Intent.NONE;
    int[] hosts = Target.union(parts);
    Set<String> services = new LinkedHashSet<>(perService(hosts).keySet());
    return new Intent("session", ref, String.join(",", names(hosts)), hosts, -1, services);
  }

  /**
   * For a command typed on a host when the session's window holds nothing else: the hosts the same operator
   * ran the same command on earlier in the task ({@link #SAME_TASK}), as the session's hosts. A long wait
   * (a copy that hung) empties the window, and the earlier run's size (one host) cannot tell db1 from db2;
   * where it ran can (GitLab 2017-01-31: the replica's data directory wiped at 22:07, the primary's at 23:27).
   */
  private Intent sameCommandEarlier(Interpreted it, ParsedCommand p) {
    Instant from = it.command.time().minus(SAME_TASK);
    List<int[]> parts = new ArrayList<>();
    SourceRef ref = null;
    for (Interpreted e : commands) {
      if (!e.tookEffect || e.parsed == null || !e.command.operator().equals(it.command.operator())) continue;
      if (e.command.time().isBefore(from) || !e.parsed.shape().equals(p.shape())) continue;
      String on = e.command.ranOn();
      if (on.isEmpty() || index.id(on) < 0) continue;
      parts.add(new int[] {index.id(on)});
      ref = e.command.origin();
    }
    if (parts.isEmpty()) return Intent.NONE;
    int[] hosts = Target.union(parts);
    return new Intent("session", ref, String.join(",", names(hosts)), hosts, -1, new LinkedHashSet<>(perService(hosts).keySet()));
  }

  /** A host the session worked on a small slip away from the one hit (db-17 for db-07): the host meant. */
  private void sessionSlip(Interpreted it) {
    it.intendedSelector = it.intent.selector();
    it.intendedHosts = new int[0];
    if (it.hosts.length > 3) return; // a host confusion is one host (or a few), not a fleet
    for (int h : it.hosts) {
      if (Arrays.binarySearch(it.intent.hosts(), h) >= 0) continue;
      for (int meant : it.intent.hosts()) {
        if (NearbySelectors.smallSlip(index.name(h), index.name(meant))) {
          it.slipSelector = index.name(meant);
          it.intendedSelector = index.name(meant);
          it.intendedHosts = new int[] {meant};
          return;
        }
      }
    }
  }

  /** The ticket's scope as a command: a whole command line of the same tool, else a selector for this one. */
  private ParsedCommand scopeCommand(ParsedCommand p, String scope) {
    try {
      List<String> words = ShellWords.split(scope);
      if (!words.isEmpty() && CommandGrammar.program(words.get(0)).equals(p.tool())) return grammars.parse(scope);
    } catch (IllegalArgumentException | NotUnderstood e) {
      return null;
    }
    return p.withSelector(scope);
  }

  private int[] priorTicketHosts(Interpreted it) {
    int[] hosts = it.command.ticket().isEmpty() ? null : hostsByTicket.get(it.command.ticket());
    return hosts == null ? new int[0] : hosts;
  }

  private boolean fits(int[] hosts, Intent intent, int[] prior) {
    boolean cumulative = intent.source().equals("ticket");
    int[] all = cumulative && prior.length > 0 ? Target.union(List.of(prior, hosts)) : hosts;
    if (intent.hosts() != null && !subset(all, intent.hosts())) return false;
    if (intent.maxHosts() >= 0 && all.length > intent.maxHosts()) return false;
    if (!intent.services().isEmpty()) { // no loop over a fleet-sized selection for an intent naming no service
      for (int h : hosts) if (!servesOnly(h, intent.services())) return false;
    }
    return true;
  }

  /**
   * Whether some one host fits the intent alone, as {@link #fits} would say of it. Whatever fits, each of its
   * hosts fits alone (every check of {@code fits} holds for part of the hosts when it holds for them all), so when
   * no host does, no nearby selector can: the search, thousands of candidate selectors parsed and resolved, would
   * find nothing (a ticket whose scope names no inventory host, or whose hosts earlier commands already took).
   */
  boolean someHostFits(Intent intent, int[] prior) {
    boolean cumulative = intent.source().equals("ticket") && prior.length > 0;
    int[] before = cumulative ? Target.union(List.of(prior, new int[0])) : new int[0]; // sorted, distinct, as fits's union
    if (cumulative && intent.hosts() != null && !subset(before, intent.hosts())) return false;
    int[] among = intent.hosts();
    int n = among != null ? among.length : index.size();
    for (int k = 0; k < n; k++) {
      int h = among != null ? among[k] : k;
      int size = cumulative && Arrays.binarySearch(before, h) >= 0 ? before.length : before.length + 1;
      if (intent.maxHosts() >= 0 && size > intent.maxHosts()) continue;
      if (servesOnly(h, intent.services())) return true;
    }
    return false;
  }

  /** Whether {@code host} serves only {@code services} (any, when none is named). */
  private boolean servesOnly(int host, Set<String> services) {
    if (services.isEmpty()) return true;
    for (int s : index.serviceIdsOf(host)) if (!services.contains(index.serviceName(s))) return false;
    return true;
  }

  /** The hosts of {@code hosts} the intent covers: in its scope, serving only intended services, within its count. */
  private int[] intendedPart(int[] hosts, Intent intent, int[] prior) {
    int room = intent.maxHosts() < 0 ? Integer.MAX_VALUE
        : Math.max(0, intent.maxHosts() - (intent.source().equals("ticket") ? prior.length : 0));
    int[] out = new int[hosts.length];
    int n = 0;
    for (int h : hosts) {
      if (n >= room) break;
      if (intent.hosts() != null && Arrays.binarySearch(intent.hosts(), h) < 0) continue;
      boolean only = true;
      if (!intent.services().isEmpty()) {
        for (int s : index.serviceIdsOf(h)) only &= intent.services().contains(index.serviceName(s));
      }
      if (only && Arrays.binarySearch(prior, h) < 0) out[n++] = h;
    }
    return Arrays.copyOf(out, n);
  }

  private record Nearby(String selector, int[] hosts) {}

  private Nearby nearby(Interpreted it, int[] prior, SimulationBudget budget) {
    ParsedCommand p = it.parsed;
    String typed = p.selectorText();
    Set<String> segments = new LinkedHashSet<>();
    List<String> typedNames = names(Arrays.copyOf(it.hosts, Math.min(it.hosts.length, 5000)));
    for (String pattern : p.target().patterns()) {
      int star = pattern.indexOf('*');
      if (star >= 0) segments.addAll(NearbySelectors.segmentsAfter(pattern.substring(0, star), typedNames, 200));
    }
    List<Candidate> candidates = readable(p, segments, budget);
    int target = it.intent.maxHosts() >= 0 ? it.intent.maxHosts() - (it.intent.source().equals("ticket") ? prior.length : 0)
        : it.intent.hosts() != null ? it.intent.hosts().length : 1;
    Nearby best = null;
    int bestCost = Integer.MAX_VALUE;
    long bestScore = Long.MAX_VALUE;
    for (Candidate c : candidates) {
      int cost = c.cost();
      if (cost > bestCost || !budget.step()) break;
      ParsedCommand pc = c.command();
      int[] hosts;
      try {
        hosts = pc.target().resolve(index, gone);
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (hosts.length == 0 || !fits(hosts, it.intent, prior)) continue;
      // Prefer a selector whose hosts the typed one also hit (the slip widened it), then the size meant.
      long score = (subset(hosts, it.hosts) ? 0 : 1_000_000L) + Math.abs(hosts.length - target);
      if (score < bestScore) {
        best = new Nearby(pc.selectorText(), hosts);
        bestScore = score;
        bestCost = cost;
      }
    }
    return best;
  }

  /**
   * The selectors a small slip away from the typed one ({@link NearbySelectors#candidates}) that the
   * command's grammar reads, cheapest first, each with the command read with it and as effective as the
   * typed one (one that would not remove is no reading of a removal); remembered per search.
   */
  private List<Candidate> readable(ParsedCommand p, Set<String> segments, SimulationBudget budget) {
    NearbySearch key = new NearbySearch(p.grammar(), p.otherWords(), p.selectorWords(), List.copyOf(segments));
    List<Candidate> known = readable.get(key);
    if (known != null) return known;
    Map<String, Integer> candidates = NearbySelectors.candidates(p.selectorText(), segments, budget);
    List<Candidate> out = new ArrayList<>();
    for (String cand : NearbySelectors.sortedByCost(candidates)) {
      if (!budget.step()) return out; // cut short: not remembered
      ParsedCommand pc = p.withSelector(cand);
      if (pc != null && pc.effective() == p.effective()) out.add(new Candidate(pc, candidates.get(cand)));
    }
    if (readableHeld + out.size() <= MAX_READABLE) {
      readable.put(key, out);
      readableHeld += out.size();
    }
    return out;
  }

  // ---- sorted int set helpers ----

  static boolean subset(int[] a, int[] b) {
    for (int x : a) if (Arrays.binarySearch(b, x) < 0) return false;
    return true;
  }

  static int[] intersect(int[] a, BitSet keep) {
    return Arrays.stream(a).filter(keep::get).toArray();
  }

  private BitSet complement(int[] ids) {
    BitSet b = new BitSet(index.size());
    b.set(0, index.size());
    for (int id : ids) b.clear(id);
    return b;
  }
}
