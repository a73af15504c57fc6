package org.hindsight.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A suspected root cause, asserted by a DRL rule. Rules build one with {@link #builder} and
 * {@code insert} it; the engine records which rule did so (its metadata flows into reports), and
 * the validator then replays it through the simulator registered for its {@link #pattern()}.
 *
 * <pre>
 * insert(Hypothesis.builder("missing-exit", $device)
 *     .cause($cmd).evidence($surge, "IGP routes surge").confidence(0.7).build());
 * </pre>
 *
 * Two hypotheses with the same pattern and subject are one claim: the engine merges them
 * ({@link #mergedWith}), keeping the one first in {@link #ORDER}, so that the claim does not depend on
 * the order in which Drools happened to fire the rules' activations.
 *
 * <p>The facts a rule cites (cause, trigger, evidence, and any it hands on with {@link
 * Builder#matched}) travel with the hypothesis to its simulator ({@link #matched(Class)}, {@link
 * #causeFact(Class)}), so the replay starts from what the rule decided instead of deciding again.
 */
public final class Hypothesis implements Fact {
  private final String pattern;
  private final String subject;
  private final String site;
  private final SourceRef cause;
  private final SourceRef trigger;
  private final List<Evidence> evidence;
  private final double confidence;
  private final Map<String, String> details;
  private final Object causeFact;
  private final List<Object> matched;
  /** What the rule said decides between equally strong claims of other causes ({@link Builder#tieBreak}); {@link #NO_TIE_BREAK} when nothing. */
  private final long tieBreak;

  /** A claim whose rule states no tie-break ranks after those that do. */
  public static final long NO_TIE_BREAK = Long.MIN_VALUE;

  private Hypothesis(Builder b) {
    this.pattern = b.pattern;
    this.subject = b.subject;
    this.site = b.site;
    this.cause = b.cause;
    this.trigger = b.trigger;
    this.evidence = List.copyOf(b.evidence);
    this.confidence = b.confidence;
    this.details = Collections.unmodifiableMap(new TreeMap<>(b.details));
    this.causeFact = b.causeFact;
    this.matched = Collections.unmodifiableList(new ArrayList<>(b.matched));
    this.tieBreak = b.tieBreak;
  }

  public static Builder builder(String pattern, String subject) {
    return new Builder(pattern, subject);
  }

  /** The root-cause pattern, e.g. missing-exit or a custom one. */
  public String pattern() {
    return pattern;
  }

  /** What the claim is about (the device, service, generator, component). */
  public String subject() {
    return subject;
  }

  /** The failure domain involved, "" when none applies. */
  public String site() {
    return site;
  }

  /** The root-cause record, or null when the rule could not name one. */
  public SourceRef cause() {
    return cause;
  }

  /** The event that set the cause off (e.g. the site fire), or null. */
  public SourceRef trigger() {
    return trigger;
  }

  /** Records cited in support, with notes. */
  public List<Evidence> evidence() {
    return evidence;
  }

  /** The rule's own confidence, 0–1, before validation. */
  public double confidence() {
    return confidence;
  }

  /** Pattern-specific facts for the simulator and the report (e.g. "intended" selector). */
  public Map<String, String> details() {
    return details;
  }

  public String detail(String key) {
    return details.getOrDefault(key, "");
  }

  /**
   * A generic pack's claim (detail {@code generic=true}, e.g. change correlation, or {@code fallback=true}, fault localisation) rather than a
   * root-cause pattern's: it ranks after a pattern's claim of the same verdict and is no pattern
   * answer to a drill.
   */
  public boolean generic() {
    return "true".equals(details.get("generic")) || fallback();
  }

  /** A fallback claim (detail {@code fallback=true}, fault localisation): made when no pattern applies, one of several alternative roots. */
  public boolean fallback() {
    return "true".equals(details.get("fallback"));
  }

  /**
   * A second-period claim (detail {@code worsens}: when the trouble it claims began): a change made after the incident's
   * first symptom, claimed only for trouble that began after it. It made the incident worse; it is never the first
   * period's root, and ranks after the claims of its verdict that are not second-period ones.
   */
  public boolean worsens() {
    return !detail("worsens").isEmpty();
  }

  /** The same as cause. */
  @Override
  public SourceRef origin() {
    return cause;
  }

  /** The facts the rule matched and cited, in the order it cited them (no duplicates). */
  public List<Object> matched() {
    return matched;
  }

  /** The matched facts of one type. */
  public <T> List<T> matched(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Object o : matched) if (type.isInstance(o)) out.add(type.cast(o));
    return out;
  }

  /** The fact the rule gave as the cause, when it is of {@code type}. */
  public <T> java.util.Optional<T> causeFact(Class<T> type) {
    return type.isInstance(causeFact) ? java.util.Optional.of(type.cast(causeFact)) : java.util.Optional.empty();
  }

  public String key() {
    // a second-period claim (worsens) is not merged with a first-period claim of the same subject: both are told
    return pattern + "\u0000" + subject + (worsens() ? "\u0000worsens" : "");
  }

  /**
   * Which of two claims of one pattern and subject the merged claim keeps (the first in this order): the
   * stronger; between equally strong claims of different causes, one with a cause before one without, then
   * the greater tie-break the rule stated ({@link Builder#tieBreak}; one that states none after), then the
   * cause first in the logs (file, then line). A total order on claims of different causes, so the claim kept is the
   * same whatever order the rules fired in (Drools orders one rule's activations within a batch by how
   * its facts were propagated, which no rule states). Claims of the same cause compare equal here: of
   * those, the later firing's details win ({@link #mergedWith}).
   */
  public static final java.util.Comparator<Hypothesis> ORDER = (a, b) -> {
    int c = Double.compare(b.confidence, a.confidence);
    if (c != 0 || java.util.Objects.equals(a.cause, b.cause)) return c;
    if (a.cause == null || b.cause == null) return a.cause == null ? 1 : -1;
    c = Long.compare(b.tieBreak, a.tieBreak);
    return c != 0 ? c : a.cause.compareTo(b.cause);
  };

  /** The tie-break the rule stated ({@link Builder#tieBreak}), or {@link #NO_TIE_BREAK}. */
  public long tieBreak() {
    return tieBreak;
  }

  /**
   * Merges another claim of the same pattern and subject ({@code other}: the later firing): evidence
   * united, the one first in {@link #ORDER} wins; between equally strong ones of the same cause the later firing's details win, as it saw
   * at least as much of the incident (a rule re-fires as facts it collects arrive), so the details do
   * not depend on when the rule first reached its confidence. The weaker claim's details fill in only
   * when it cites the same cause.
   */
  public Hypothesis mergedWith(Hypothesis other) {
    Hypothesis strong = ORDER.compare(other, this) < 0 ? other : this;
    Hypothesis weak = strong == this ? other : this;
    Builder b = strong.toBuilder();
    // an equally strong claim of the same cause may refine its details; one of another cause must not
    // overwrite them, or the claim would cite one record and carry another's time and change
    if (other.confidence == confidence && java.util.Objects.equals(cause, other.cause)) b.details.putAll(other.details);
    if (b.cause == null) {
      b.cause = weak.cause;
      b.causeFact = weak.causeFact;
    }
    for (Object o : weak.matched) b.match(o);
    if (b.trigger == null) b.trigger = weak.trigger;
    if (b.site.isEmpty()) b.site = weak.site;
    for (Evidence e : weak.evidence) b.addEvidence(e);
    // another cause's details say how to judge that cause (a latent change acting at the first symptom): a
    // weaker claim of the same subject with another cause lends none to the stronger one
    if (java.util.Objects.equals(strong.cause, weak.cause)) weak.details.forEach(b.details::putIfAbsent);
    return b.build();
  }

  public Builder toBuilder() {
    Builder b = new Builder(pattern, subject);
    b.site = site;
    b.cause = cause;
    b.trigger = trigger;
    evidence.forEach(b::addEvidence);
    b.confidence = confidence;
    b.details.putAll(details);
    b.causeFact = causeFact;
    matched.forEach(b::match);
    b.tieBreak = tieBreak;
    return b;
  }

  @Override
  public String toString() {
    return pattern + "(" + subject + ")" + (cause == null ? "" : " @" + cause);
  }

  /** Fluent builder used from DRL actions; facts or refs are both accepted where a record is cited. */
  public static final class Builder {
    private final String pattern;
    private final String subject;
    private String site = "";
    private SourceRef cause;
    private SourceRef trigger;
    private final List<Evidence> evidence = new ArrayList<>();
    /** The records cited so far: a claim merged many times cites hundreds, and a list scan per citation was quadratic. */
    private final java.util.Set<SourceRef> cited = new java.util.HashSet<>();
    private double confidence = 0.5;
    private final Map<String, String> details = new TreeMap<>();
    private Object causeFact;
    private final List<Object> matched = new ArrayList<>();
    private long tieBreak = NO_TIE_BREAK;
    private final java.util.Set<Object> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private Builder(String pattern, String subject) {
      if (pattern == null || pattern.isBlank()) throw new IllegalArgumentException("pattern is empty");
      this.pattern = pattern;
      this.subject = subject == null ? "" : subject;
    }

    public Builder site(String site) {
      this.site = site == null ? "" : site;
      return this;
    }

    public Builder cause(Fact fact) {
      causeFact = fact;
      match(fact);
      return cause(fact == null ? null : fact.origin());
    }

    public Builder cause(SourceRef ref) {
      this.cause = ref;
      return this;
    }

    public Builder trigger(Fact fact) {
      match(fact);
      return trigger(fact == null ? null : fact.origin());
    }

    public Builder trigger(SourceRef ref) {
      this.trigger = ref;
      return this;
    }

    public Builder evidence(Fact fact) {
      return evidence(fact, "");
    }

    public Builder evidence(Fact fact, String note) {
      match(fact);
      return fact == null ? this : evidence(fact.origin(), note);
    }

    public Builder evidence(SourceRef ref, String note) {
      if (ref != null && !cited.contains(ref)) addEvidence(new Evidence(ref, note));
      return this;
    }

    /** Cites a record once: the first note given for it stays. */
    private void addEvidence(Evidence e) {
      if (cited.add(e.ref())) evidence.add(e);
    }

    public Builder evidence(java.util.Collection<? extends Fact> facts, String note) {
      for (Fact f : facts) evidence(f, note);
      return this;
    }

    /**
     * Hands facts the rule matched to the simulator without citing them (e.g. a fact declared in
     * the DRL, or the judgement a rule inferred); collections are unpacked.
     */
    public Builder matched(Object... facts) {
      for (Object o : facts) {
        if (o instanceof java.util.Collection<?> c) c.forEach(this::match);
        else match(o);
      }
      return this;
    }

    private void match(Object fact) {
      if (fact != null && seen.add(fact)) matched.add(fact);
    }

    public Builder confidence(double confidence) {
      if (!(confidence >= 0 && confidence <= 1)) {
        throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
      }
      this.confidence = confidence;
      return this;
    }

    /**
     * Decides between this claim and an equally strong one of the same subject with another cause: the
     * greater key is kept ({@link Hypothesis#ORDER}). The rule says what it measures, e.g. change
     * correlation's "the change nearer the trouble" is the change's time. Not reported.
     */
    public Builder tieBreak(long key) {
      this.tieBreak = key;
      return this;
    }

    public Builder detail(String key, Object value) {
      details.put(key, String.valueOf(value));
      return this;
    }

    public Hypothesis build() {
      return new Hypothesis(this);
    }
  }
}
